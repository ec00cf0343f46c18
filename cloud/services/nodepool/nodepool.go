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

// Package nodepool reconciles an OKE node pool, the OCI side of an OCIManagedMachinePool: created in the OKE
// cluster with the pool's name, size, placements, pod network, shape, image and node settings (the request the
// earlier provider sent, so that the pools it made are adopted as they are), found afterwards by its name and the
// cluster's ownership tags, and kept as declared through OKE's update, which cycles the nodes when the pool's
// cycling details enable it.
//
// Lifecycle: CREATING, UPDATING and DELETING are transitions the engine waits out; ACTIVE is ready; DELETED is
// gone; FAILED is failed (a terminal error). NEEDS_ATTENTION (and INACTIVE) count as ready but degraded: the
// pool exists and serves, so the engine still sends the update the spec asks for (which is often what repairs
// it), and Degraded tells the controller to report it.
package nodepool

import (
	"context"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/containerengine"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

//go:generate ${MOCKGEN} -destination=mock_nodepool/client_mock.go -package=mock_nodepool github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool Client

// Key is the node pool's key in the pool's status.resources.
const Key = "nodepool"

// ProviderIDPrefix starts the provider ID of a node: "oci://<instance OCID>".
const ProviderIDPrefix = "oci://"

// Scope is what the service needs of an OCIManagedMachinePool.
type Scope interface {
	svc.Owner
	// NodePoolName is the node pool's display name (the OCIManagedMachinePool's name).
	NodePoolName() string
	// ClusterID is the OKE cluster's OCID.
	ClusterID() string
	// Pool is the OCIManagedMachinePool's spec; the service records the node pool's OCID in its ID field and,
	// when it names no image before the pool is created, the image it chose (see Service.Reconcile).
	Pool() *infrav1exp.OCIManagedMachinePoolSpec
	// Replicas is the desired size: the MachinePool's spec.replicas.
	Replicas() int32
	// KubernetesVersion is the nodes' desired Kubernetes version; "" sends none, and OKE takes the cluster's.
	KubernetesVersion() string
	// SubnetID resolves a subnet name of the pool's spec against the OCIManagedCluster's network
	// (spec.networkSpec.vcn.subnets[].name, whose IDs are recorded there); the error says why it cannot, such as
	// "no such subnet in the OCIManagedCluster's network".
	SubnetID(name string) (string, error)
	// NSGID resolves a network security group name of the pool's spec likewise
	// (spec.networkSpec.vcn.networkSecurityGroup.list[].name).
	NSGID(name string) (string, error)
	// SetObserved is called with the node pool whenever the service read it (the create response excluded).
	SetObserved(np *containerengine.NodePool)
}

// Network is what a Scope may also implement to give a pool whose spec leaves its placements or network security
// groups out the earlier provider's defaults: one placement in each of the OCIManagedCluster's availability
// domains (with their fault domains) in the network's first worker subnet, and the network's worker NSGs. A
// scope that embeds the OCIManagedCluster's scope has both methods. Without them, a pool must name its
// placements, and gets no NSGs unless it names them.
type Network = svc.PoolNetwork

// Service reconciles an OCIManagedMachinePool's node pool.
type Service struct{ svc.Service[Scope, Client] }

var _ async.ServiceReconciler = (*Service)(nil)

// New returns the node pool service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("nodepool", scope, client)}
}

// Reconcile creates the node pool, or finds it, and keeps it as declared. It waits for the OKE cluster's OCID;
// before the pool is created, a spec without an image gets OKE's image for the pool's Kubernetes version and
// shape recorded in spec.nodeSourceViaImage.imageId (see ChooseImage), as the earlier provider chose it. The scope sees the
// pool whenever it was read, done or not.
func (s *Service) Reconcile(ctx context.Context) error {
	if s.Scope.ClusterID() == "" {
		return svc.Waiting(Key, "the OKE cluster's OCID")
	}
	if err := s.defaultImage(ctx); err != nil {
		return err
	}
	spec, err := NewSpec(s.Scope)
	if err != nil {
		return err
	}
	a, e := s.engine()
	err = e.Reconcile(ctx, spec)
	s.observe(a)
	return err
}

// Delete deletes the node pool when the provider created it (OKE drains and terminates its nodes); one the
// cluster does not own is left alone.
func (s *Service) Delete(ctx context.Context) error {
	a, e := s.engine()
	err := e.Delete(ctx, deleteSpec(s.Scope))
	s.observe(a)
	return err
}

type adapter = svc.Adapter[containerengine.NodePool, containerengine.CreateNodePoolDetails, containerengine.UpdateNodePoolDetails]

func (s *Service) engine() (*adapter, *async.Engine[containerengine.NodePool]) {
	a := svc.NewAdapter(kind(s.Client, s.Scope.CompartmentID(), s.Scope.ClusterID()), s.Scope.ResourceIdentifier())
	pool := s.Scope.Pool()
	return a, svc.NewEngine(s.Scope, a, func(_, id string) { pool.ID = id })
}

// observe hands the pool the engine read, if it read one, to the scope.
func (s *Service) observe(a *adapter) {
	if np := a.Seen(); np != nil {
		s.Scope.SetObserved(np)
	}
}

// ProviderIDs are the pool's nodes as Cluster API's providerIDList wants them: "oci://<node OCID>", sorted, nodes
// that are DELETING or DELETED excluded.
func ProviderIDs(np *containerengine.NodePool) []string {
	ids := []string{}
	for i := range np.Nodes {
		n := &np.Nodes[i]
		if n.Id == nil || n.LifecycleState == containerengine.NodeLifecycleStateDeleting ||
			n.LifecycleState == containerengine.NodeLifecycleStateDeleted {
			continue
		}
		ids = append(ids, ProviderIDPrefix+*n.Id)
	}
	slices.Sort(ids)
	return ids
}

// ReadyNodes counts the pool's ACTIVE nodes.
func ReadyNodes(np *containerengine.NodePool) int32 {
	var n int32
	for i := range np.Nodes {
		if np.Nodes[i].LifecycleState == containerengine.NodeLifecycleStateActive {
			n++
		}
	}
	return n
}

// Degraded reports whether the pool is usable but not healthy: NEEDS_ATTENTION (OKE could not bring the pool to
// its declared state, its lifecycleDetails say why) or INACTIVE. The engine counts such a pool ready; the
// controller should report it, with the pool's lifecycle details, as degraded.
func Degraded(np *containerengine.NodePool) bool {
	return np.LifecycleState == containerengine.NodePoolLifecycleStateNeedsAttention ||
		np.LifecycleState == containerengine.NodePoolLifecycleStateInactive
}

// phase maps a node pool's lifecycle state to the engine's phase (see the package's documentation).
func phase(state string) async.Phase {
	switch containerengine.NodePoolLifecycleStateEnum(state) {
	case containerengine.NodePoolLifecycleStateCreating, containerengine.NodePoolLifecycleStateUpdating,
		containerengine.NodePoolLifecycleStateDeleting:
		return async.Transitioning
	case containerengine.NodePoolLifecycleStateDeleted:
		return async.Gone
	case containerengine.NodePoolLifecycleStateFailed:
		return async.Failed
	default:
		return async.Ready
	}
}
