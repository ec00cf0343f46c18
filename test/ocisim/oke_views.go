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
	"sort"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// NodeView is what a workload cluster sees of an OKE node: a node of a node pool or, with Virtual, a virtual
// node of a virtual node pool.
type NodeView struct {
	ID                string
	Name              string
	NodePoolID        string
	ClusterID         string
	State             string
	KubernetesVersion string
	PrivateIP         string
	// ImageID is the image the node was launched from ("" for virtual nodes).
	ImageID string
	// Live is false once the node or its pool is being deleted.
	Live bool
	// Virtual marks a virtual node.
	Virtual bool
}

// OKEClusterView is what a workload cluster sees of an OKE cluster.
type OKEClusterView struct {
	ID                string
	Name              string
	State             string
	KubernetesVersion string
	// Type is BASIC_CLUSTER or ENHANCED_CLUSTER.
	Type string
	// PrivateEndpoint is the cluster's private API endpoint ("ip:port"), which self-managed nodes join.
	PrivateEndpoint string
	// Live is false once a delete was accepted.
	Live bool
}

// NodePoolNodes returns every node of every node pool and virtual node pool the emulator holds, sorted by ID.
// Nodes being deleted are included (Live false); nodes already gone are not.
func (s *Sim) NodePoolNodes() []NodeView {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var out []NodeView
	for _, r := range s.st.byKind[KindNodePool] {
		s.advance(r, now)
		np, ok := r.obj.(*ce.NodePool)
		if !ok {
			continue
		}
		images := poolState(r).images
		for i := range np.Nodes {
			n := &np.Nodes[i]
			state := n.LifecycleState
			out = append(out, NodeView{ID: ptrVal(n.Id), Name: ptrVal(n.Name), NodePoolID: r.id,
				ClusterID: r.parents["clusterId"], State: string(state), KubernetesVersion: ptrVal(n.KubernetesVersion),
				PrivateIP: ptrVal(n.PrivateIp), ImageID: images[ptrVal(n.Id)], Live: !r.deleted &&
					state != ce.NodeLifecycleStateDeleting && state != ce.NodeLifecycleStateDeleted})
		}
	}
	for _, r := range s.st.byKind[KindVirtualNodePool] {
		s.advance(r, now)
		nodes, _ := r.extra.([]ce.VirtualNodeSummary)
		for i := range nodes {
			n := &nodes[i]
			out = append(out, NodeView{ID: ptrVal(n.Id), Name: ptrVal(n.DisplayName), NodePoolID: r.id,
				ClusterID: r.parents["clusterId"], State: string(n.LifecycleState),
				KubernetesVersion: ptrVal(n.KubernetesVersion), PrivateIP: ptrVal(n.PrivateIp),
				Live: !r.deleted && n.LifecycleState == ce.VirtualNodeLifecycleStateActive, Virtual: true})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// OKEClusters returns every OKE cluster the emulator holds, deleted ones included (Live false), sorted by ID.
func (s *Sim) OKEClusters() []OKEClusterView {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var out []OKEClusterView
	for _, r := range s.st.byKind[KindCluster] {
		s.advance(r, now)
		cl, ok := r.obj.(*ce.Cluster)
		if !ok {
			continue
		}
		v := OKEClusterView{ID: r.id, Name: r.name, State: r.state,
			KubernetesVersion: ptrVal(cl.KubernetesVersion), Type: string(cl.Type), Live: !r.deleted}
		if cl.Endpoints != nil {
			v.PrivateEndpoint = ptrVal(cl.Endpoints.PrivateEndpoint)
		}
		out = append(out, v)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}
