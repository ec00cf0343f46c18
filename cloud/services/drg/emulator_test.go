// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package drg_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestAgainstTheEmulator runs the DRG through the real SDK against the emulator, with OCI's delays on a simulated
// clock and lists of two a page, among DRGs of others: created, renamed behind our back and renamed back, a
// steady state that changes nothing, then deleted without a leak.
func TestAgainstTheEmulator(t *testing.T) {
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, vn := context.Background(), set.VirtualNetwork
	s := newScope(&infrav1.DRG{Manage: true})
	s.Compartment, s.Identifier = sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000004"
	var others []string
	for _, name := range []string{"c1", "another", "c1"} {
		d, err := vn.CreateDrg(ctx, core.CreateDrgRequest{CreateDrgDetails: core.CreateDrgDetails{CompartmentId: ptr.To(sim.Tenancy()),
			DisplayName: ptr.To(name)}})
		if err != nil {
			t.Fatal(err)
		}
		others = append(others, *d.Id)
	}
	svc := drg.New(s, vn)
	run := func(step func() error) {
		t.Helper()
		svctest.UntilDone(t, sim.Advance, step)
	}
	run(func() error { return svc.Reconcile(ctx) })
	if id := s.drgID(); id == "" || id == others[0] || id == others[2] {
		t.Fatalf("DRG %q, want a new one", id)
	}
	if _, err := vn.UpdateDrg(ctx, core.UpdateDrgRequest{DrgId: ptr.To(s.drgID()),
		UpdateDrgDetails: core.UpdateDrgDetails{DisplayName: ptr.To("renamed")}}); err != nil {
		t.Fatal(err)
	}
	s.Gen++
	run(func() error { return svc.Reconcile(ctx) })
	if d, err := vn.GetDrg(ctx, core.GetDrgRequest{DrgId: ptr.To(s.drgID())}); err != nil || *d.DisplayName != "c1" {
		t.Fatalf("DRG %+v, %v; want it named c1 again", d.Drg, err)
	}
	sim.ResetStats()
	s.Gen++
	run(func() error { return svc.Reconcile(ctx) })
	if n := sim.MutatingCalls(); n != 0 {
		t.Errorf("%d mutating calls in a steady state, want none", n)
	}
	run(func() error { return svc.Delete(ctx) })
	for _, id := range others {
		if _, err := vn.DeleteDrg(ctx, core.DeleteDrgRequest{DrgId: ptr.To(id)}); err != nil {
			t.Fatal(err)
		}
	}
	if left := sim.Leaks(sim.Tenancy()); len(left) != 0 {
		t.Errorf("left %+v", left)
	}
}
