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

package virtualnodepool_test

import (
	"context"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// emulated is an emulator with an ACTIVE enhanced OKE cluster, a worker subnet, a pod subnet and a pod NSG, and
// the SDK clients to reach it.
type emulated struct {
	sim                       *ocisim.Sim
	set                       *clients.Clients
	cluster, worker, pod, nsg string
}

func newEmulated(ctx context.Context, t *testing.T) *emulated {
	t.Helper()
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region),
			clients.ServiceContainerEngine: sim.Endpoint(ocisim.ServiceContainerEngine, region)})
	if err != nil {
		t.Fatal(err)
	}
	e := &emulated{sim: sim, set: set}
	tenancy := ptr.To(sim.Tenancy())
	v, err := set.VirtualNetwork.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: tenancy, DisplayName: ptr.To("oke"), CidrBlocks: []string{"10.0.0.0/16"}}})
	if err != nil {
		t.Fatal(err)
	}
	subnet := func(name, cidr string) string {
		sn, err := set.VirtualNetwork.CreateSubnet(ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
			CompartmentId: tenancy, VcnId: v.Id, DisplayName: ptr.To(name), CidrBlock: ptr.To(cidr)}})
		if err != nil {
			t.Fatal(err)
		}
		return *sn.Id
	}
	e.worker, e.pod = subnet("worker", "10.0.10.0/24"), subnet("pod", "10.0.128.0/18")
	nsg, err := set.VirtualNetwork.CreateNetworkSecurityGroup(ctx, core.CreateNetworkSecurityGroupRequest{
		CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{CompartmentId: tenancy, VcnId: v.Id, DisplayName: ptr.To("pod")}})
	if err != nil {
		t.Fatal(err)
	}
	e.nsg = *nsg.Id
	c, err := set.ContainerEngine.CreateCluster(ctx, containerengine.CreateClusterRequest{CreateClusterDetails: containerengine.CreateClusterDetails{
		Name: ptr.To("oke"), CompartmentId: tenancy, VcnId: v.Id, KubernetesVersion: ptr.To("v1.32.1"),
		Type:           containerengine.ClusterTypeEnhancedCluster,
		EndpointConfig: &containerengine.CreateClusterEndpointConfigDetails{SubnetId: ptr.To(e.worker)}}})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := set.ContainerEngine.GetWorkRequest(ctx, containerengine.GetWorkRequestRequest{WorkRequestId: c.OpcWorkRequestId})
	if err != nil || len(wr.Resources) != 1 {
		t.Fatalf("the cluster's work request: %+v, %v", wr.WorkRequest, err)
	}
	e.cluster = *wr.Resources[0].Identifier
	sim.Advance(time.Hour)
	return e
}

// TestAgainstTheEmulator runs the service through the real SDK against the emulator, with OCI's delays on a
// simulated clock and lists of two a page: a pool of one virtual node is created (its OCID learned by finding it
// after the create's work request), scaled to three and back to one with its nodes read each time, left alone
// while in place until its drift check, and deleted.
func TestAgainstTheEmulator(t *testing.T) {
	ctx := context.Background()
	e := newEmulated(ctx, t)
	s := newScope()
	s.Compartment, s.Identifier, s.cluster = e.sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000004", e.cluster
	s.subnets = map[string]string{"worker": e.worker, "pod": e.pod}
	s.nsgs = map[string]string{"pod": e.nsg}
	s.pool.PlacementConfigs[0].AvailabilityDomain = e.sim.ADNames(e.sim.Regions()[0])[0]
	svc := virtualnodepool.New(s, e.set.ContainerEngine)
	reconcile := func() {
		t.Helper()
		s.Gen++
		svctest.UntilDone(t, e.sim.Advance, func() error { return svc.Reconcile(ctx) })
	}

	reconcile()
	live := e.sim.Live(ocisim.KindVirtualNodePool)
	if len(live) != 1 || s.pool.ID != live[0].ID || e.sim.Count("CreateVirtualNodePool", 0) != 1 ||
		e.sim.Count("ListVirtualNodePools", 200) == 0 {
		t.Fatalf("pools %+v, recorded %q, %d creates; want one pool, found by name after its work request",
			live, s.pool.ID, e.sim.Count("CreateVirtualNodePool", 0))
	}
	if pc := s.lastObserved().pool.PodConfiguration; pc == nil || ptr.Deref(pc.SubnetId, "") != e.pod || len(pc.NsgIds) != 1 || pc.NsgIds[0] != e.nsg {
		t.Errorf("pod configuration %+v, want the pod subnet and NSG", pc)
	}
	checkNodes(t, s, 1)
	for _, n := range []int32{3, 1} {
		s.replicas = n
		reconcile()
		checkNodes(t, s, int(n))
	}
	if got := e.sim.Count("UpdateVirtualNodePool", 0); got != 2 {
		t.Errorf("UpdateVirtualNodePool called %d times, want 2 (two scales)", got)
	}

	calls := len(e.sim.RequestLog())
	if err := svc.Reconcile(ctx); err != nil || len(e.sim.RequestLog()) != calls {
		t.Errorf("in place: %v after %d calls, want none", err, len(e.sim.RequestLog())-calls)
	}
	s.Due = true
	if err := svc.Reconcile(ctx); err != nil || len(e.sim.RequestLog()) != calls+2 || e.sim.Count("GetVirtualNodePool", 0) == 0 {
		t.Errorf("drift check: %v after %d calls, want a read of the pool and one of its nodes", err, len(e.sim.RequestLog())-calls)
	}
	s.Due = false

	observed := len(s.observed)
	listed := e.sim.Count("ListVirtualNodes", 0)
	svctest.UntilDone(t, e.sim.Advance, func() error { return svc.Delete(ctx) })
	for _, r := range e.sim.Leaks(e.sim.Tenancy()) {
		if r.Kind == ocisim.KindVirtualNodePool {
			t.Errorf("left %+v", r)
		}
	}
	if e.sim.Count("ListVirtualNodes", 0) != listed || len(s.observed) == observed || s.lastObserved().nodes != nil {
		t.Errorf("delete listed %d node pages and observed %d times; want no node list, the pool observed without nodes",
			e.sim.Count("ListVirtualNodes", 0)-listed, len(s.observed)-observed)
	}
}

// checkNodes checks that the pool last observed is ACTIVE, of size n, with n ACTIVE virtual nodes, all in its
// provider IDs.
func checkNodes(t *testing.T, s *scope, n int) {
	t.Helper()
	o := s.lastObserved()
	if o.pool.LifecycleState != containerengine.VirtualNodePoolLifecycleStateActive || ptr.Deref(o.pool.Size, -1) != n ||
		int(virtualnodepool.ReadyNodes(o.nodes)) != n || len(virtualnodepool.ProviderIDs(o.nodes)) != n || len(o.nodes) != n {
		t.Errorf("pool %s of size %d with %d nodes, %d ready, provider IDs %q; want ACTIVE with %d", o.pool.LifecycleState,
			ptr.Deref(o.pool.Size, -1), len(o.nodes), virtualnodepool.ReadyNodes(o.nodes), virtualnodepool.ProviderIDs(o.nodes), n)
	}
}
