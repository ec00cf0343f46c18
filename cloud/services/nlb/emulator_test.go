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

package nlb_test

import (
	"context"
	"testing"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestAgainstTheEmulator runs the service through the real SDK against the emulator, with OCI's delays on a
// simulated clock and lists of two a page: created and active with its endpoint, its health checker and name put
// back, then deleted, each through work requests.
func TestAgainstTheEmulator(t *testing.T) {
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region),
			clients.ServiceNetworkLoadBalancer: sim.Endpoint(ocisim.ServiceNetworkLoadBalancer, region)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s := newScope(infrav1.LoadBalancer{})
	s.Compartment, s.Identifier = sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000002"
	s.Spec.Subnets[0].ID = svctest.EmulatedSubnet(ctx, t, set.VirtualNetwork, sim.Tenancy())
	s.Spec.NetworkSecurityGroup = nil
	run := func(step func() error) {
		t.Helper()
		svctest.UntilDone(t, sim.Advance, step)
	}
	svc := nlb.New(s, set.NetworkLoadBalancer)
	run(func() error { return svc.Reconcile(ctx) })
	if len(s.Endpoints) != 1 || s.Endpoints[0] != "127.0.0.1:6443" || s.LB.LoadBalancerID == "" {
		t.Fatalf("endpoints %q, id %q; want 127.0.0.1:6443 and an id", s.Endpoints, s.LB.LoadBalancerID)
	}
	s.LB.Name = "renamed"
	s.LB.NLBSpec = &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{HealthChecker: &infrav1.HealthChecker{
		Protocol: "TCP", RequestData: "cGluZw==", ResponseData: "cG9uZw=="}}}
	s.Gen++
	run(func() error { return svc.Reconcile(ctx) })
	for op, want := range map[string]int{"CreateNetworkLoadBalancer": 1, "UpdateHealthChecker": 1, "UpdateNetworkLoadBalancer": 1} {
		if got := sim.Count(op, 0); got != want {
			t.Errorf("%s called %d times, want %d", op, got, want)
		}
	}
	run(func() error { return svc.Delete(ctx) })
	for _, r := range sim.Leaks(sim.Tenancy()) {
		if r.Kind == ocisim.KindNLB {
			t.Errorf("left %+v", r)
		}
	}
}
