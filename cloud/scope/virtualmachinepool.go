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

package scope

import (
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// VirtualMachinePoolScope is what the virtual node pool service needs of an OCIVirtualMachinePool: the pool, its
// MachinePool, the OKE cluster's OCID and the OCIManagedCluster whose network the virtual nodes and their pods go
// in. Its Network is the managed cluster's with the pool's own status.resources and generation.
type VirtualMachinePoolScope struct {
	Network
	MachinePool *clusterv1.MachinePool
	Object      *infrav1exp.OCIVirtualMachinePool
	// ManagedCluster is the OCIManagedCluster whose network the virtual nodes go in.
	ManagedCluster *infrav1.OCIManagedCluster
	// OKEClusterID is the OKE cluster's OCID (the OCIManagedControlPlane's spec.id).
	OKEClusterID string
	// Observed is the virtual node pool as last read in this reconcile, nil when it was not read; Nodes are its
	// virtual nodes, nil when they were not listed.
	Observed *containerengine.VirtualNodePool
	Nodes    []containerengine.VirtualNodeSummary
}

// NewVirtualMachinePoolScope returns the scope of an OCIVirtualMachinePool, calling OCI with c. Settling is true
// while the pool is not yet at its size with every virtual node ready: its drift check, which lists the nodes, is
// then due at every reconcile.
func NewVirtualMachinePoolScope(mp *clusterv1.MachinePool, mc *infrav1.OCIManagedCluster, pool *infrav1exp.OCIVirtualMachinePool,
	okeClusterID string, c *clients.Clients, drift time.Duration, settling bool) *VirtualMachinePoolScope {
	return &VirtualMachinePoolScope{
		Network: Network{Name: mc.Name, Compartment: mc.Spec.CompartmentID, Identifier: mc.Spec.OCIResourceIdentifier,
			Freeform: mc.Spec.FreeformTags, Defined: mc.Spec.DefinedTags, Spec: &mc.Spec.NetworkSpec,
			Resources: &pool.Status.Resources, ObjectGeneration: pool.Generation, Drift: drift, Clients: c,
			Due: settling || DriftCheckDue(pool.Status.Resources, drift, time.Now())},
		MachinePool: mp, Object: pool, ManagedCluster: mc, OKEClusterID: okeClusterID,
	}
}

// NodePoolName is the virtual node pool's name: the OCIVirtualMachinePool's.
func (s *VirtualMachinePoolScope) NodePoolName() string { return s.Object.Name }

// ClusterID is the OKE cluster's OCID.
func (s *VirtualMachinePoolScope) ClusterID() string { return s.OKEClusterID }

// Pool is the pool's spec; the service records the pool's OCID in its id.
func (s *VirtualMachinePoolScope) Pool() *infrav1exp.OCIVirtualMachinePoolSpec { return &s.Object.Spec }

// Replicas is the MachinePool's desired size (see MachinePoolReplicas).
func (s *VirtualMachinePoolScope) Replicas() int32 {
	return MachinePoolReplicas(s.MachinePool, s.Object.Spec.ID != "", s.Object.Status.Replicas)
}

// SetObserved keeps the virtual node pool and its nodes as the service read them.
func (s *VirtualMachinePoolScope) SetObserved(vnp *containerengine.VirtualNodePool, nodes []containerengine.VirtualNodeSummary) {
	s.Observed, s.Nodes = vnp, nodes
}

// AvailabilityDomains are the OCIManagedCluster's availability domains: a pool without placements is spread over
// them.
func (s *VirtualMachinePoolScope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain {
	return ManagedClusterADs(s.ManagedCluster)
}
