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

package ocisim

import (
	"net"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// TestOKEViews checks the views of OKE clusters and of the nodes of node pools and virtual node pools.
func TestOKEViews(t *testing.T) {
	f := newCycleFixture(t)
	id := f.nodePool(2, nil)
	resp := must(f.ce.CreateVirtualNodePool(f.ctx, ce.CreateVirtualNodePoolRequest{CreateVirtualNodePoolDetails: ce.CreateVirtualNodePoolDetails{
		CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &f.cluster, DisplayName: common.String("vnp"), Size: common.Int(1),
		PlacementConfigurations: []ce.PlacementConfiguration{{AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), SubnetId: f.subnet.Id}},
		PodConfiguration:        &ce.PodConfiguration{SubnetId: f.subnet.Id, Shape: common.String("Pod.Standard.E4.Flex")}}}))
	vnp := *must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId})).Resources[0].Identifier
	nodes := f.sim.NodePoolNodes()
	if len(nodes) != 3 {
		t.Fatalf("nodes: %+v", nodes)
	}
	virtual := 0
	for i, n := range nodes {
		if i > 0 && nodes[i-1].ID >= n.ID {
			t.Fatalf("nodes not sorted by ID: %s before %s", nodes[i-1].ID, n.ID)
		}
		if n.ClusterID != f.cluster || !n.Live || n.State != "ACTIVE" {
			t.Fatalf("node: %+v", n)
		}
		switch {
		case n.Virtual:
			virtual++
			if n.NodePoolID != vnp || n.KubernetesVersion != "v1.32.1" {
				t.Fatalf("virtual node: %+v", n)
			}
		case n.NodePoolID != id || n.KubernetesVersion != "v1.31.1" || n.PrivateIP == "" || n.ImageID != f.sim.Images(iad)[0].ID:
			t.Fatalf("node: %+v", n)
		}
	}
	if virtual != 1 {
		t.Fatalf("%d virtual nodes, want 1", virtual)
	}
	must(f.ce.DeleteNodePool(f.ctx, ce.DeleteNodePoolRequest{NodePoolId: &id}))
	for _, n := range f.sim.NodePoolNodes() {
		if !n.Virtual && (n.Live || n.State != "DELETING") {
			t.Fatalf("node of a pool being deleted: %+v", n)
		}
	}
	f.sim.Advance(time.Minute)
	if nodes = f.sim.NodePoolNodes(); len(nodes) != 1 || !nodes[0].Virtual {
		t.Fatalf("nodes after the node pool is deleted: %+v", nodes)
	}
	cl := f.sim.OKEClusters()
	want := OKEClusterView{ID: f.cluster, Name: "oke", State: "ACTIVE", KubernetesVersion: "v1.32.1", Type: "ENHANCED_CLUSTER", Live: true}
	if len(cl) == 1 {
		if host, _, err := net.SplitHostPort(cl[0].PrivateEndpoint); err != nil || net.ParseIP(host) == nil {
			t.Fatalf("private endpoint %q: %v", cl[0].PrivateEndpoint, err)
		}
		want.PrivateEndpoint = cl[0].PrivateEndpoint
	}
	if len(cl) != 1 || cl[0] != want {
		t.Fatalf("clusters: %+v, want %+v", cl, want)
	}
	must(f.ce.DeleteCluster(f.ctx, ce.DeleteClusterRequest{ClusterId: &f.cluster}))
	if cl = f.sim.OKEClusters(); cl[0].Live || cl[0].State != "DELETED" {
		t.Fatalf("cluster after delete: %+v", cl[0])
	}
}
