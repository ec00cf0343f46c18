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

package okecluster_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// emulated starts the emulator with opts and returns it, its clients and a scope of a cluster of Kubernetes
// v1.31.1 (the oldest the emulator offers) in a VCN and a public endpoint subnet made in it.
func emulated(t *testing.T, opts ocisim.Options) (*ocisim.Sim, *clients.Clients, *scope) {
	t.Helper()
	sim := ocisim.StartT(t, opts)
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region),
			clients.ServiceContainerEngine: sim.Endpoint(ocisim.ServiceContainerEngine, region)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	subnet := svctest.EmulatedSubnet(ctx, t, set.VirtualNetwork, sim.Tenancy())
	sn, err := set.VirtualNetwork.GetSubnet(ctx, core.GetSubnetRequest{SubnetId: &subnet})
	if err != nil {
		t.Fatal(err)
	}
	s := newScope()
	s.Compartment, s.Identifier = sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000003"
	s.CP.Version = "v1.31.1"
	s.Net = okecluster.Network{VCNID: *sn.VcnId, EndpointSubnetID: subnet, EndpointPublic: true,
		PodsCIDR: "10.244.0.0/16", ServicesCIDR: "10.96.0.0/16"}
	return sim, set, s
}

// calls counts the requests the emulator served.
func calls(sim *ocisim.Sim) int {
	n := 0
	for _, st := range sim.Stats() {
		n += st.Total
	}
	return n
}

// TestAgainstTheEmulator runs the service through the real SDK against the emulator, with OCI's delays on a
// simulated clock: created through its work request, found by name and its OCID recorded, ACTIVE; in place
// without a call until its drift check; upgraded to the next version OKE offers; deleted.
func TestAgainstTheEmulator(t *testing.T) {
	sim, set, s := emulated(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	ctx := context.Background()
	svc := okecluster.New(s, set.ContainerEngine)
	run := func(step func() error) {
		t.Helper()
		svctest.UntilDone(t, sim.Advance, step)
	}
	if err := svc.Reconcile(ctx); !async.IsNotDone(err) || s.CP.ID != "" || s.memo().WorkRequestID == "" {
		t.Fatalf("first reconcile: %v, id %q, work request %q; want not done, no id, a work request", err, s.CP.ID, s.memo().WorkRequestID)
	}
	run(func() error { return svc.Reconcile(ctx) })
	c := s.lastObserved()
	if s.CP.ID == "" || c == nil || *c.Id != s.CP.ID || c.LifecycleState != ce.ClusterLifecycleStateActive || *c.KubernetesVersion != "v1.31.1" {
		t.Fatalf("id %q, observed %+v; want the ACTIVE v1.31.1 cluster recorded", s.CP.ID, c)
	}
	if u := okecluster.Unchangeable(okecluster.NewSpec(s), c); u != nil {
		t.Errorf("unchangeable differences of the cluster just created: %q", u)
	}
	if n := sim.Count("CreateCluster", 0); n != 1 {
		t.Errorf("CreateCluster called %d times, want 1", n)
	}

	before := calls(sim)
	if err := svc.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if n := calls(sim) - before; n != 0 {
		t.Errorf("an in-place cluster cost %d calls before its drift check, want none", n)
	}
	s.Due = true
	if err := svc.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	s.Due = false
	if n := calls(sim) - before; n != 1 || sim.Count("UpdateCluster", 0) != 0 {
		t.Errorf("the drift check cost %d calls and %d updates, want one read", n, sim.Count("UpdateCluster", 0))
	}

	next := s.lastObserved().AvailableKubernetesUpgrades[0]
	s.CP.Version = next
	s.Gen++
	run(func() error { return svc.Reconcile(ctx) })
	if v := *s.lastObserved().KubernetesVersion; v != next || sim.Count("UpdateCluster", 0) != 1 {
		t.Errorf("version %s after %d updates, want %s after one", v, sim.Count("UpdateCluster", 0), next)
	}

	run(func() error { return svc.Delete(ctx) })
	g, err := set.ContainerEngine.GetCluster(ctx, ce.GetClusterRequest{ClusterId: &s.CP.ID})
	if err != nil || g.LifecycleState != ce.ClusterLifecycleStateDeleted {
		t.Errorf("after delete: %v, %s; want DELETED", err, g.LifecycleState)
	}
	if n := sim.Count("DeleteCluster", 0); n != 1 {
		t.Errorf("DeleteCluster called %d times, want 1", n)
	}
}

// TestFailedCreateAgainstTheEmulator: a create whose work request fails ends in a terminal error naming it, in one
// line (a condition's message).
func TestFailedCreateAgainstTheEmulator(t *testing.T) {
	sim, set, s := emulated(t, ocisim.Options{Delays: ocisim.RealisticDelays(),
		Faults: map[string]ocisim.Fault{"containerengine/CreateCluster": {WorkRequest: "fail"}}})
	svc := okecluster.New(s, set.ContainerEngine)
	for range 50 {
		err := svc.Reconcile(context.Background())
		var nd *async.NotDoneError
		if errors.As(err, &nd) {
			sim.Advance(nd.RequeueAfter)
			continue
		}
		var e *async.Error
		if !errors.As(err, &e) || e.Reason != async.ReasonWorkRequestFailed || !strings.Contains(e.Message, "CLUSTER_CREATE failed") ||
			strings.Contains(e.Message, "\n") {
			t.Fatalf("%v, want the create's work request failed, in one line", err)
		}
		return
	}
	t.Fatal("not failed after 50 looks")
}
