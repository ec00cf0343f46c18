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

package routetables_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/internetgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/natgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/routetables"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicegateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vcn"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// emulated is the test scope with the region's services read from the emulator.
type emulated struct {
	*scope
	vn core.VirtualNetworkClient
}

func (s *emulated) OracleServices(ctx context.Context) ([]core.Service, error) {
	r, err := s.vn.ListServices(ctx, core.ListServicesRequest{})
	return r.Items, err
}

// TestAgainstTheEmulator runs the VCN, the three gateways and the route tables through the real SDK against the
// emulator, with OCI's delays on a simulated clock and lists of two a page: all created, a route removed behind
// our back put back, a steady state that changes nothing, then all deleted without a leak.
func TestAgainstTheEmulator(t *testing.T) {
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, vn := context.Background(), set.VirtualNetwork
	s := &emulated{scope: newScope(network(nil)), vn: vn}
	s.Spec.ID, s.Spec.NATGateway, s.Spec.ServiceGateway, s.Spec.InternetGateway = "", nil, nil, nil
	s.Compartment, s.Identifier = sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000003"
	services := []async.ServiceReconciler{vcn.New(s, vn), internetgateway.New(s, vn), natgateway.New(s, vn),
		servicegateway.New(s, vn), routetables.New(s, vn)}
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
	private := func() core.RouteTable {
		r, err := vn.GetRouteTable(ctx, core.GetRouteTableRequest{RtId: ptr.To(s.Spec.RouteTable.PrivateRouteTableID)})
		if err != nil {
			t.Fatal(err)
		}
		return r.RouteTable
	}
	if rules := private().RouteRules; len(rules) != 2 || *rules[1].NetworkEntityId != s.Spec.ServiceGateway.ID {
		t.Fatalf("private rules %+v, want the NAT and service gateway routes", rules)
	}
	if _, err := vn.UpdateRouteTable(ctx, core.UpdateRouteTableRequest{RtId: ptr.To(s.Spec.RouteTable.PrivateRouteTableID),
		UpdateRouteTableDetails: core.UpdateRouteTableDetails{RouteRules: private().RouteRules[:1]}}); err != nil {
		t.Fatal(err)
	}
	if rules := private().RouteRules; len(rules) != 1 {
		t.Fatalf("private rules %+v after removing one, want one", rules)
	}
	s.Gen++ // a new generation makes the engine read the tables now
	reconcile()
	if rules := private().RouteRules; len(rules) != 2 {
		t.Errorf("private rules %+v after a reconcile, want both routes back", rules)
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
