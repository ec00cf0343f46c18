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

package drgattachment_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drgattachment"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vcn"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestAgainstTheEmulator runs the VCN, the DRG and the VCN's attachment to it through the real SDK against the
// emulator, with OCI's delays on a simulated clock and lists of two a page: all made, the attachment found by
// name and tags when its OCID was lost, a steady state that changes nothing, then all deleted without a leak.
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
	s.Spec.ID = ""
	s.Compartment, s.Identifier = sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000005"
	services := []async.ServiceReconciler{vcn.New(s, vn), drg.New(s, vn), drgattachment.New(s, vn)}
	run := func(step func() error) {
		t.Helper()
		svctest.UntilDone(t, sim.Advance, step)
	}
	reconcile := func() {
		t.Helper()
		for _, svc := range services {
			run(func() error { return svc.Reconcile(ctx) })
		}
	}
	reconcile()
	a, err := vn.GetDrgAttachment(ctx, core.GetDrgAttachmentRequest{DrgAttachmentId: ptr.To(s.attachmentID())})
	if err != nil {
		t.Fatal(err)
	}
	if *a.VcnId != s.Spec.ID || *a.DrgId != s.peering.DRG.ID || *a.DisplayName != "c1" ||
		a.LifecycleState != core.DrgAttachmentLifecycleStateAttached {
		t.Fatalf("attachment %+v, want the VCN attached to the DRG", a.DrgAttachment)
	}
	lost := s.attachmentID()
	s.peering.DRG.VCNAttachmentID = ""
	reconcile()
	if s.attachmentID() != lost {
		t.Errorf("attachment %q after its OCID was lost, want %q found again", s.attachmentID(), lost)
	}
	sim.ResetStats()
	s.Gen++
	reconcile()
	if n := sim.MutatingCalls(); n != 0 {
		t.Errorf("%d mutating calls in a steady state, want none", n)
	}
	if d := sim.Duplicates(sim.Tenancy()); len(d) != 0 {
		t.Errorf("duplicates %+v", d)
	}
	for i := len(services) - 1; i >= 0; i-- {
		run(func() error { return services[i].Delete(ctx) })
	}
	if left := sim.Leaks(sim.Tenancy()); len(left) != 0 {
		t.Errorf("left %+v", left)
	}
}
