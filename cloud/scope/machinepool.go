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
	"slices"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// maxUpToDateConfigurations bounds status.rollout.upToDateConfigurationIds: the oldest go first.
const maxUpToDateConfigurations = 32

// MachinePoolScope is what the instance configuration and instance pool services need of an OCIMachinePool: the
// pool, its MachinePool (replicas, bootstrap data), its cluster (an OCICluster or an OCIManagedCluster: network,
// placement, tags) and what Kubernetes says of its instances. Its Network is the cluster's, with the pool's own
// status.resources and generation.
type MachinePoolScope struct {
	Network
	MachinePool *clusterv1.MachinePool
	Object      *infrav1exp.OCIMachinePool
	Cluster     MachineCluster
	// Bootstrap is the MachinePool's bootstrap data, nil while it has none.
	Bootstrap []byte
	// Instances is what Kubernetes says of the pool's instances, by instance OCID (the controller fills it in).
	Instances map[string]instancepool.Machine
	// Observed is what the instance pool service read and decided in this reconcile, nil when it did not read.
	Observed *instancepool.Observed
	// Busy is true while the pool is changing: the instance pool is then read at every reconcile.
	Busy bool
	// adopting is true while the pool has no rollout record: the instances it has are taken as up to date.
	adopting bool
}

// poolScope is the scope the instance pool service sees: its drift check is due at every reconcile while the pool
// is busy (the instance configuration's is not).
type poolScope struct{ *MachinePoolScope }

// DriftDue reports whether the instance pool is to be read.
func (p poolScope) DriftDue() bool { return p.Busy || p.MachinePoolScope.DriftDue() }

// PoolScope is the scope of the instance pool service.
func (s *MachinePoolScope) PoolScope() instancepool.Scope { return poolScope{s} }

// NewMachinePoolScope returns the scope of an OCIMachinePool of cluster, calling OCI with c. Busy is true while
// the pool is changing (not at its size with every instance ready and up to date, or with instances leaving).
func NewMachinePoolScope(mp *clusterv1.MachinePool, pool *infrav1exp.OCIMachinePool, cluster MachineCluster, c *clients.Clients,
	drift time.Duration, busy bool) *MachinePoolScope {
	return &MachinePoolScope{
		Network: Network{Name: pool.Name, Compartment: cluster.Compartment, Identifier: cluster.Identifier,
			Freeform: cluster.Freeform, Defined: cluster.Defined, Spec: cluster.Network, Resources: &pool.Status.Resources,
			ObjectGeneration: pool.Generation, Drift: drift, Clients: c,
			Due: DriftCheckDue(pool.Status.Resources, drift, time.Now())},
		MachinePool: mp, Object: pool, Cluster: cluster, Instances: map[string]instancepool.Machine{}, Busy: busy,
	}
}

// PoolName is the OCIMachinePool's name: the instance pool's display name and its configurations' prefix.
func (s *MachinePoolScope) PoolName() string { return s.Object.Name }

// Config is spec.instanceConfiguration.
func (s *MachinePoolScope) Config() *infrav1exp.InstanceConfiguration {
	return s.Object.Spec.InstanceConfiguration
}

// BootstrapData is the MachinePool's bootstrap data.
func (s *MachinePoolScope) BootstrapData() []byte { return s.Bootstrap }

// VNIC resolves the primary VNIC of the pool's instances as an OCIMachine's: spec.instanceConfiguration's
// instanceVnicConfiguration (subnet and NSGs by ID or by name), else the cluster's worker subnet and NSGs.
func (s *MachinePoolScope) VNIC() (string, []string, error) {
	m := &MachineScope{Machine: &clusterv1.Machine{}, OCIMachine: &infrav1.OCIMachine{}, Cluster: s.Cluster}
	if c := s.Config(); c != nil {
		m.OCIMachine.Spec.NetworkDetails = c.InstanceVnicConfiguration
	}
	subnet, err := m.subnetID()
	if err != nil {
		return "", nil, err
	}
	nsgs, err := m.nsgIDs()
	if err != nil {
		return "", nil, err
	}
	return subnet, nsgs, nil
}

// InUse are the configuration in place and the one the instance pool launched from when last read: never
// deleted. (OCI lets a configuration go while instances launched from it run.)
func (s *MachinePoolScope) InUse() []string {
	if !s.Object.DeletionTimestamp.IsZero() {
		return nil // deleted after the instance pool: nothing uses them
	}
	var ids []string
	if c := s.Config(); c != nil && c.InstanceConfigurationID != "" {
		ids = append(ids, c.InstanceConfigurationID)
	}
	if r := s.Object.Status.Rollout; r != nil && r.PoolConfigurationID != "" {
		ids = append(ids, r.PoolConfigurationID)
	}
	return ids
}

// InPlace records the configuration in place and its template in status.rollout: a new template starts the list
// of up-to-date configurations again (a rolling replacement); a configuration of the same template joins it.
// A pool without a record (created by the earlier provider, or before this field) takes its instances as up to
// date.
func (s *MachinePoolScope) InPlace(id, template string) {
	r := s.Object.Status.Rollout
	switch {
	case r == nil:
		s.adopting = true
		s.Object.Status.Rollout = &infrav1exp.MachinePoolRolloutStatus{TemplateHash: template, UpToDateConfigurationIDs: []string{id}}
	case r.TemplateHash != template:
		r.TemplateHash, r.UpToDateConfigurationIDs = template, []string{id}
	case !slices.Contains(r.UpToDateConfigurationIDs, id):
		r.UpToDateConfigurationIDs = append(r.UpToDateConfigurationIDs, id)
		if n := len(r.UpToDateConfigurationIDs); n > maxUpToDateConfigurations {
			r.UpToDateConfigurationIDs = r.UpToDateConfigurationIDs[n-maxUpToDateConfigurations:]
		}
	}
}

// UpToDate reports whether an instance launched from the configuration is up to date.
func (s *MachinePoolScope) UpToDate(configID string) bool {
	r := s.Object.Status.Rollout
	if r == nil {
		return true
	}
	if s.adopting && configID != "" && !slices.Contains(r.UpToDateConfigurationIDs, configID) {
		r.UpToDateConfigurationIDs = append(r.UpToDateConfigurationIDs, configID)
	}
	return slices.Contains(r.UpToDateConfigurationIDs, configID)
}

// Pool is the OCIMachinePool's spec.
func (s *MachinePoolScope) Pool() *infrav1exp.OCIMachinePoolSpec { return &s.Object.Spec }

// ConfigurationID is the configuration in place.
func (s *MachinePoolScope) ConfigurationID() string {
	if c := s.Config(); c != nil {
		return c.InstanceConfigurationID
	}
	return ""
}

// Placements places the pool's instances in the VNIC's subnet over the cluster's availability domains.
func (s *MachinePoolScope) Placements() ([]core.CreateInstancePoolPlacementConfigurationDetails, error) {
	subnet, _, err := s.VNIC()
	if err != nil {
		return nil, err
	}
	return instancepool.Placements(s.availabilityDomains(), s.Object.Spec.PlacementDetails, subnet)
}

// availabilityDomains are the cluster's spec.availabilityDomains, or, when it lists none, the availability
// domains of its failure domains, each with its fault domains (the failure domains' when they are fault domains,
// else OCI's three).
func (s *MachinePoolScope) availabilityDomains() map[string]infrav1.OCIAvailabilityDomain {
	if len(s.Cluster.AvailabilityDomains) > 0 {
		return s.Cluster.AvailabilityDomains
	}
	out := map[string]infrav1.OCIAvailabilityDomain{}
	for _, fd := range s.Cluster.FailureDomains {
		ad := fd.Attributes[attrAvailabilityDomain]
		if ad == "" {
			continue
		}
		a := out[ad]
		a.Name = ad
		if f := fd.Attributes[attrFaultDomain]; f != "" {
			a.FaultDomains = append(a.FaultDomains, f)
		}
		out[ad] = a
	}
	for name, a := range out {
		if len(a.FaultDomains) == 0 {
			a.FaultDomains = faultDomainsOf(name, nil)
		} else {
			slices.Sort(a.FaultDomains)
		}
		out[name] = a
	}
	return out
}

// Replicas is the MachinePool's desired size (see MachinePoolReplicas).
func (s *MachinePoolScope) Replicas() int32 {
	return MachinePoolReplicas(s.MachinePool, s.Object.Spec.OCID != "", s.Object.Status.Replicas)
}

// Policy is the pool's size and its rolling update's bounds: spec.strategy.rollingUpdate, 1 and 0 by default,
// percentages of the replicas rounded up for the surge and down for the unavailable (as Deployments round them),
// never both zero.
func (s *MachinePoolScope) Policy() instancepool.Policy {
	_, external := s.MachinePool.Annotations[clusterv1.ReplicasManagedByAnnotation]
	r := int(s.Replicas())
	surge, unavailable := intstr.FromInt32(1), intstr.FromInt32(0)
	if st := s.Object.Spec.Strategy; st != nil && st.RollingUpdate != nil {
		surge = ptr.Deref(st.RollingUpdate.MaxSurge, surge)
		unavailable = ptr.Deref(st.RollingUpdate.MaxUnavailable, unavailable)
	}
	ms, _ := intstr.GetScaledValueFromIntOrPercent(&surge, r, true)
	mu, _ := intstr.GetScaledValueFromIntOrPercent(&unavailable, r, false)
	if ms == 0 && mu == 0 {
		ms = 1
	}
	return instancepool.Policy{Replicas: r, External: external, MaxSurge: ms, MaxUnavailable: mu}
}

// Machines is what Kubernetes says of the pool's instances.
func (s *MachinePoolScope) Machines() map[string]instancepool.Machine { return s.Instances }

// SetObserved keeps what the instance pool service read and decided.
func (s *MachinePoolScope) SetObserved(o instancepool.Observed) {
	s.Observed = &o
	if r := s.Object.Status.Rollout; r != nil {
		r.PoolConfigurationID = ptr.Deref(o.Pool.InstanceConfigurationId, "")
	}
}
