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

package nodepool_test

import (
	"context"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// emulated is an emulator with an ACTIVE OKE cluster and a subnet, and the SDK clients to reach it.
type emulated struct {
	sim             *ocisim.Sim
	set             *clients.Clients
	cluster, subnet string
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
	v, err := set.VirtualNetwork.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: ptr.To(sim.Tenancy()), DisplayName: ptr.To("oke"), CidrBlocks: []string{"10.0.0.0/16"}}})
	if err != nil {
		t.Fatal(err)
	}
	sn, err := set.VirtualNetwork.CreateSubnet(ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
		CompartmentId: ptr.To(sim.Tenancy()), VcnId: v.Id, DisplayName: ptr.To("worker"), CidrBlock: ptr.To("10.0.10.0/24")}})
	if err != nil {
		t.Fatal(err)
	}
	e.subnet = *sn.Id
	c, err := set.ContainerEngine.CreateCluster(ctx, containerengine.CreateClusterRequest{CreateClusterDetails: containerengine.CreateClusterDetails{
		Name: ptr.To("oke"), CompartmentId: ptr.To(sim.Tenancy()), VcnId: v.Id, KubernetesVersion: ptr.To("v1.32.1"),
		Type:           containerengine.ClusterTypeEnhancedCluster,
		EndpointConfig: &containerengine.CreateClusterEndpointConfigDetails{SubnetId: sn.Id}}})
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
// simulated clock and lists of two a page: a pool of one node is created (its OCID learned by finding it after
// the create's work request), scaled to three and back to one, upgraded, left alone while in place until its
// drift check, and deleted.
func TestAgainstTheEmulator(t *testing.T) {
	ctx := context.Background()
	e := newEmulated(ctx, t)
	region := e.sim.Regions()[0]
	s := newScope()
	s.Compartment, s.Identifier, s.cluster = e.sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000003", e.cluster
	s.subnets = map[string]string{"worker": e.subnet}
	s.pool.NodeSourceViaImage.ImageID = e.sim.Images(region)[0].ID
	s.pool.NodeShapeConfig = &infrav1exp.NodeShapeConfig{OCPUs: "1"}
	s.pool.NodePoolCyclingDetails = &infrav1exp.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: "1", MaximumUnavailable: "0"}
	s.pool.NodePoolNodeConfig.PlacementConfigs[0].AvailabilityDomain = e.sim.ADNames(region)[0]
	svc := nodepool.New(s, e.set.ContainerEngine)
	reconcile := func() {
		t.Helper()
		s.Gen++
		svctest.UntilDone(t, e.sim.Advance, func() error { return svc.Reconcile(ctx) })
	}

	reconcile()
	live := e.sim.Live(ocisim.KindNodePool)
	if len(live) != 1 || s.pool.ID != live[0].ID || e.sim.Count("CreateNodePool", 0) != 1 || e.sim.Count("ListNodePools", 200) == 0 {
		t.Fatalf("pools %+v, recorded %q, %d creates; want one pool, found by name after its work request",
			live, s.pool.ID, e.sim.Count("CreateNodePool", 0))
	}
	checkNodes(t, s, 1)
	for _, n := range []int32{3, 1} {
		s.replicas = n
		reconcile()
		checkNodes(t, s, int(n))
	}
	s.version = "v1.33.1"
	reconcile()
	if np := s.lastObserved(); ptr.Deref(np.KubernetesVersion, "") != "v1.33.1" || np.LifecycleState != containerengine.NodePoolLifecycleStateActive {
		t.Errorf("after the upgrade: %s at %s", np.LifecycleState, ptr.Deref(np.KubernetesVersion, ""))
	}
	checkNodes(t, s, 1)
	if got := e.sim.Count("UpdateNodePool", 0); got != 3 {
		t.Errorf("UpdateNodePool called %d times, want 3 (two scales and an upgrade)", got)
	}

	calls := len(e.sim.RequestLog())
	if err := svc.Reconcile(ctx); err != nil || len(e.sim.RequestLog()) != calls {
		t.Errorf("in place: %v after %d calls, want none", err, len(e.sim.RequestLog())-calls)
	}
	s.Due = true
	if err := svc.Reconcile(ctx); err != nil || len(e.sim.RequestLog()) != calls+1 || e.sim.Count("GetNodePool", 0) == 0 {
		t.Errorf("drift check: %v after %d calls, want one read", err, len(e.sim.RequestLog())-calls)
	}
	s.Due = false

	svctest.UntilDone(t, e.sim.Advance, func() error { return svc.Delete(ctx) })
	for _, r := range e.sim.Leaks(e.sim.Tenancy()) {
		if r.Kind == ocisim.KindNodePool {
			t.Errorf("left %+v", r)
		}
	}
}

// checkNodes checks that the pool last observed is ACTIVE with n ACTIVE nodes, all in its provider IDs.
func checkNodes(t *testing.T, s *scope, n int) {
	t.Helper()
	np := s.lastObserved()
	if np.LifecycleState != containerengine.NodePoolLifecycleStateActive || int(nodepool.ReadyNodes(np)) != n ||
		len(nodepool.ProviderIDs(np)) != n || len(np.Nodes) != n {
		t.Errorf("pool %s with %d nodes, %d ready, provider IDs %q; want ACTIVE with %d", np.LifecycleState, len(np.Nodes),
			nodepool.ReadyNodes(np), nodepool.ProviderIDs(np), n)
	}
}
