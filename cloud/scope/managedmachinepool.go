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
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// ManagedMachinePoolScope is what the node pool service needs of an OCIManagedMachinePool: the pool, its MachinePool,
// the OKE cluster's OCID and the OCIManagedCluster whose network the nodes go in. Its Network is the managed
// cluster's with the pool's own status.resources and generation.
type ManagedMachinePoolScope struct {
	Network
	MachinePool *clusterv1.MachinePool
	Object      *infrav1exp.OCIManagedMachinePool
	// ManagedCluster is the OCIManagedCluster whose network the nodes go in.
	ManagedCluster *infrav1.OCIManagedCluster
	// OKEClusterID is the OKE cluster's OCID (the OCIManagedControlPlane's spec.id).
	OKEClusterID string
	// Observed is the node pool as last read in this reconcile, nil when it was not read.
	Observed *containerengine.NodePool
}

// NewManagedMachinePoolScope returns the scope of an OCIManagedMachinePool, calling OCI with c. Settling is true
// while the pool is not yet at its size with every node ready: its drift check is then due at every reconcile, so
// that the node list is read until it settles.
func NewManagedMachinePoolScope(mp *clusterv1.MachinePool, mc *infrav1.OCIManagedCluster, pool *infrav1exp.OCIManagedMachinePool,
	okeClusterID string, c *clients.Clients, drift time.Duration, settling bool) *ManagedMachinePoolScope {
	return &ManagedMachinePoolScope{
		Network: Network{Name: mc.Name, Compartment: mc.Spec.CompartmentID, Identifier: mc.Spec.OCIResourceIdentifier,
			Freeform: mc.Spec.FreeformTags, Defined: mc.Spec.DefinedTags, Spec: &mc.Spec.NetworkSpec,
			Resources: &pool.Status.Resources, ObjectGeneration: pool.Generation, Drift: drift, Clients: c,
			Due: settling || DriftCheckDue(pool.Status.Resources, drift, time.Now())},
		MachinePool: mp, Object: pool, ManagedCluster: mc, OKEClusterID: okeClusterID,
	}
}

// NodePoolName is the node pool's name: the OCIManagedMachinePool's.
func (s *ManagedMachinePoolScope) NodePoolName() string { return s.Object.Name }

// ClusterID is the OKE cluster's OCID.
func (s *ManagedMachinePoolScope) ClusterID() string { return s.OKEClusterID }

// Pool is the pool's spec; the node pool service records the pool's OCID in its id.
func (s *ManagedMachinePoolScope) Pool() *infrav1exp.OCIManagedMachinePoolSpec { return &s.Object.Spec }

// Replicas is the MachinePool's desired size (see MachinePoolReplicas).
func (s *ManagedMachinePoolScope) Replicas() int32 {
	return MachinePoolReplicas(s.MachinePool, s.Object.Spec.ID != "", s.Object.Status.Replicas)
}

// KubernetesVersion is the MachinePool's version, else the pool's spec.version.
func (s *ManagedMachinePoolScope) KubernetesVersion() string {
	if s.MachinePool != nil && s.MachinePool.Spec.Template.Spec.Version != "" {
		return s.MachinePool.Spec.Template.Spec.Version
	}
	return s.Object.Spec.Version
}

// SetObserved keeps the node pool as the service read it.
func (s *ManagedMachinePoolScope) SetObserved(np *containerengine.NodePool) { s.Observed = np }

// AvailabilityDomains are the OCIManagedCluster's availability domains (spec.availabilityDomains, else those of
// its status.failureDomains): a pool without placements is spread over them.
func (s *ManagedMachinePoolScope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain {
	return ManagedClusterADs(s.ManagedCluster)
}

// ManagedClusterADs are an OCIManagedCluster's availability domains, keyed by name: its spec.availabilityDomains,
// else those of its status.failureDomains with their fault domains.
func ManagedClusterADs(mc *infrav1.OCIManagedCluster) map[string]infrav1.OCIAvailabilityDomain {
	if len(mc.Spec.AvailabilityDomains) > 0 {
		return mc.Spec.AvailabilityDomains
	}
	out := map[string]infrav1.OCIAvailabilityDomain{}
	for _, fd := range mc.Status.FailureDomains {
		ad := fd.Attributes[failuredomains.AttributeAvailabilityDomain]
		if ad == "" {
			continue
		}
		d := out[ad]
		d.Name = ad
		if f := fd.Attributes[failuredomains.AttributeFaultDomain]; f != "" {
			d.FaultDomains = append(d.FaultDomains, f)
		}
		out[ad] = d
	}
	return out
}

// MachinePoolReplicas is a MachinePool's desired size: its spec.replicas (1 when unset, Cluster API's default). A
// MachinePool annotated cluster.x-k8s.io/replicas-managed-by is sized by something else (the cluster autoscaler):
// once the pool exists (known is true), its size is the one OCI reports, current, never changed by the controller.
func MachinePoolReplicas(mp *clusterv1.MachinePool, known bool, current int32) int32 {
	if mp == nil {
		return 1
	}
	if _, external := mp.Annotations[clusterv1.ReplicasManagedByAnnotation]; external && known && current > 0 {
		return current
	}
	return ptr.Deref(mp.Spec.Replicas, 1)
}
