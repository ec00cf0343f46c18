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

// Package virtualnodepool reconciles an OKE virtual node pool, the OCI side of an OCIVirtualMachinePool: created in
// the OKE cluster (an enhanced one) with the pool's name, size, placements, NSGs, pod configuration, labels and
// taints (the request the earlier provider sent, so that the pools it made are adopted as they are), found
// afterwards by its name and the cluster's ownership tags, and kept as declared through OKE's update. Whenever the
// service reads the pool, it lists the pool's virtual nodes and hands both to the scope.
//
// Lifecycle: CREATING, UPDATING and DELETING are transitions the engine waits out; ACTIVE is ready; DELETED is
// gone; FAILED is failed (a terminal error). NEEDS_ATTENTION counts as ready but degraded: the pool exists and
// serves, so the engine still sends the update the spec asks for, and Degraded tells the controller to report it.
package virtualnodepool

import (
	"context"
	"fmt"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

//go:generate ${MOCKGEN} -destination=mock_virtualnodepool/client_mock.go -package=mock_virtualnodepool github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool Client

// Key is the virtual node pool's key in the pool's status.resources.
const Key = "virtualnodepool"

// ProviderIDPrefix starts the provider ID of a virtual node: "oci://<virtual node OCID>".
const ProviderIDPrefix = "oci://"

// Scope is what the service needs of an OCIVirtualMachinePool.
type Scope interface {
	svc.Owner
	// NodePoolName is the virtual node pool's display name (the OCIVirtualMachinePool's name).
	NodePoolName() string
	// ClusterID is the OKE cluster's OCID.
	ClusterID() string
	// Pool is the OCIVirtualMachinePool's spec; the service records the pool's OCID in its ID field.
	Pool() *infrav1exp.OCIVirtualMachinePoolSpec
	// Replicas is the desired size.
	Replicas() int32
	// SubnetID resolves a subnet name of the pool's spec against the OCIManagedCluster's network
	// (spec.networkSpec.vcn.subnets[].name, whose IDs are recorded there); the error says why it cannot, such as
	// "no such subnet in the OCIManagedCluster's network".
	SubnetID(name string) (string, error)
	// NSGID resolves a network security group name of the pool's spec likewise
	// (spec.networkSpec.vcn.networkSecurityGroup.list[].name).
	NSGID(name string) (string, error)
	// SetObserved is called with the pool and its virtual nodes whenever the service read them: after Reconcile
	// read a pool that is not gone, with all its virtual nodes (an empty list when it has none); after Delete read
	// the pool, with nil nodes (a pool being deleted has its nodes not listed).
	SetObserved(vnp *containerengine.VirtualNodePool, nodes []containerengine.VirtualNodeSummary)
}

// Network is what a Scope may also implement to give a pool whose spec leaves its placements or network security
// groups out the earlier provider's defaults: one placement in each of the OCIManagedCluster's availability
// domains (with their fault domains) in the network's first worker subnet, and the network's worker NSGs. A
// scope that embeds the OCIManagedCluster's scope has both methods. Without them, a pool must name its
// placements, and gets no NSGs unless it names them.
type Network = svc.PoolNetwork

// Service reconciles an OCIVirtualMachinePool's virtual node pool.
type Service struct{ svc.Service[Scope, Client] }

var _ async.ServiceReconciler = (*Service)(nil)

// New returns the virtual node pool service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService(Key, scope, client)}
}

// Reconcile creates the virtual node pool, or finds it, and keeps it as declared. It waits for the OKE cluster's
// OCID. Whenever the pool was read (done or not) and is not gone, its virtual nodes are listed and the scope sees
// both; the engine's error, if any, is returned before one of the node list.
func (s *Service) Reconcile(ctx context.Context) error {
	if s.Scope.ClusterID() == "" {
		return svc.Waiting(Key, "the OKE cluster's OCID")
	}
	spec, err := NewSpec(s.Scope)
	if err != nil {
		return err
	}
	a, e := s.engine()
	err = e.Reconcile(ctx, spec)
	vnp := a.Seen()
	if vnp == nil || phase(string(vnp.LifecycleState)) == async.Gone {
		return err
	}
	id := ptr.Deref(vnp.Id, "")
	nodes, lerr := listNodes(ctx, s.Client, id)
	switch {
	case lerr == nil:
		s.Scope.SetObserved(vnp, nodes)
		return err
	case err != nil || async.IsNotFound(lerr):
		// A pool gone since it was read is seen gone at the next reconcile.
		return err
	default:
		return async.Classify(fmt.Sprintf("listing the virtual nodes of virtual node pool %s", id), lerr)
	}
}

// Delete deletes the virtual node pool when the provider created it (OKE deletes its virtual nodes); one the
// cluster does not own is left alone. The scope sees the pool whenever it was read, without its nodes.
func (s *Service) Delete(ctx context.Context) error {
	a, e := s.engine()
	err := e.Delete(ctx, deleteSpec(s.Scope))
	if vnp := a.Seen(); vnp != nil {
		s.Scope.SetObserved(vnp, nil)
	}
	return err
}

type adapter = svc.Adapter[containerengine.VirtualNodePool, containerengine.CreateVirtualNodePoolDetails, containerengine.UpdateVirtualNodePoolDetails]

func (s *Service) engine() (*adapter, *async.Engine[containerengine.VirtualNodePool]) {
	a := svc.NewAdapter(kind(s.Client, s.Scope.CompartmentID(), s.Scope.ClusterID()), s.Scope.ResourceIdentifier())
	pool := s.Scope.Pool()
	return a, svc.NewEngine(s.Scope, a, func(_, id string) { pool.ID = id })
}

// ProviderIDs are the pool's virtual nodes as Cluster API's providerIDList wants them: "oci://<virtual node
// OCID>", sorted, nodes that are DELETING, DELETED or FAILED excluded.
func ProviderIDs(nodes []containerengine.VirtualNodeSummary) []string {
	ids := make([]string, 0, len(nodes))
	for i := range nodes {
		n := &nodes[i]
		switch {
		case n.Id == nil, n.LifecycleState == containerengine.VirtualNodeLifecycleStateDeleting,
			n.LifecycleState == containerengine.VirtualNodeLifecycleStateDeleted,
			n.LifecycleState == containerengine.VirtualNodeLifecycleStateFailed:
			continue
		}
		ids = append(ids, ProviderIDPrefix+*n.Id)
	}
	slices.Sort(ids)
	return ids
}

// ReadyNodes counts the ACTIVE virtual nodes.
func ReadyNodes(nodes []containerengine.VirtualNodeSummary) int32 {
	var n int32
	for i := range nodes {
		if nodes[i].LifecycleState == containerengine.VirtualNodeLifecycleStateActive {
			n++
		}
	}
	return n
}

// Degraded reports whether the pool is usable but not healthy: NEEDS_ATTENTION (OKE could not bring the pool to
// its declared state, its lifecycleDetails say why). The engine counts such a pool ready; the controller should
// report it, with the pool's lifecycle details, as degraded.
func Degraded(vnp *containerengine.VirtualNodePool) bool {
	return vnp.LifecycleState == containerengine.VirtualNodePoolLifecycleStateNeedsAttention
}

// phase maps a virtual node pool's lifecycle state to the engine's phase (see the package's documentation).
func phase(state string) async.Phase {
	switch containerengine.VirtualNodePoolLifecycleStateEnum(state) {
	case containerengine.VirtualNodePoolLifecycleStateCreating, containerengine.VirtualNodePoolLifecycleStateUpdating,
		containerengine.VirtualNodePoolLifecycleStateDeleting:
		return async.Transitioning
	case containerengine.VirtualNodePoolLifecycleStateDeleted:
		return async.Gone
	case containerengine.VirtualNodePoolLifecycleStateFailed:
		return async.Failed
	default:
		return async.Ready
	}
}
