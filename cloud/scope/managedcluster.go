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

	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// ManagedClusterScope is what the services of an OKE cluster's network need: the Cluster, its OCIManagedCluster and
// its clients. Its Network is the same one the self-managed ClusterScope has, pointed at the OCIManagedCluster's
// fields, so both run the same network services.
type ManagedClusterScope struct {
	Network
	Cluster           *clusterv1.Cluster
	OCIManagedCluster *infrav1.OCIManagedCluster
}

// NewManagedClusterScope returns the scope of an OCIManagedCluster and its Cluster, calling OCI with c.
func NewManagedClusterScope(cluster *clusterv1.Cluster, mc *infrav1.OCIManagedCluster, c *clients.Clients, drift time.Duration) *ManagedClusterScope {
	return &ManagedClusterScope{
		Network: Network{Name: mc.Name, Compartment: mc.Spec.CompartmentID, Identifier: mc.Spec.OCIResourceIdentifier,
			Freeform: mc.Spec.FreeformTags, Defined: mc.Spec.DefinedTags, Spec: &mc.Spec.NetworkSpec,
			Resources: &mc.Status.Resources, ObjectGeneration: mc.Generation, Drift: drift, Clients: c,
			Due:       DriftCheckDue(mc.Status.Resources, drift, time.Now()),
			PassStart: DriftPassStart(mc.Status.Resources, drift)},
		Cluster:           cluster,
		OCIManagedCluster: mc,
	}
}

// AvailabilityDomains are spec.availabilityDomains.
func (s *ManagedClusterScope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain {
	return s.OCIManagedCluster.Spec.AvailabilityDomains
}

// SetFailureDomains writes status.failureDomains.
func (s *ManagedClusterScope) SetFailureDomains(fds []clusterv1.FailureDomain) {
	s.OCIManagedCluster.Status.FailureDomains = fds
}
