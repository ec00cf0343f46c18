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

// DefaultAPIServerPort is the API server's port when the Cluster does not set spec.clusterNetwork.apiServerPort.
const DefaultAPIServerPort = 6443

// ClusterScope is what the services of a self-managed cluster need: the Cluster, its OCICluster and its clients.
// The network services see it through their narrow interfaces; it makes no OCI call itself.
type ClusterScope struct {
	Network
	Cluster    *clusterv1.Cluster
	OCICluster *infrav1.OCICluster
}

// NewClusterScope returns the scope of an OCICluster and its Cluster, calling OCI with c.
func NewClusterScope(cluster *clusterv1.Cluster, oc *infrav1.OCICluster, c *clients.Clients, drift time.Duration) *ClusterScope {
	return &ClusterScope{
		Network: Network{Name: oc.Name, Compartment: oc.Spec.CompartmentID, Identifier: oc.Spec.OCIResourceIdentifier,
			Freeform: oc.Spec.FreeformTags, Defined: oc.Spec.DefinedTags, Spec: &oc.Spec.NetworkSpec,
			Resources: &oc.Status.Resources, ObjectGeneration: oc.Generation, Drift: drift, Clients: c,
			Due:       DriftCheckDue(oc.Status.Resources, drift, time.Now()),
			PassStart: DriftPassStart(oc.Status.Resources, drift)},
		Cluster:    cluster,
		OCICluster: oc,
	}
}

// APIServerLoadBalancer is spec.networkSpec.apiServerLoadBalancer, allocated when absent.
func (s *ClusterScope) APIServerLoadBalancer() *infrav1.LoadBalancer {
	if s.Spec.APIServerLoadBalancer == nil {
		s.Spec.APIServerLoadBalancer = &infrav1.LoadBalancer{}
	}
	return s.Spec.APIServerLoadBalancer
}

// APIServerPort is the Cluster's spec.clusterNetwork.apiServerPort, or 6443.
func (s *ClusterScope) APIServerPort() int32 {
	if s.Cluster != nil && s.Cluster.Spec.ClusterNetwork.APIServerPort != 0 {
		return s.Cluster.Spec.ClusterNetwork.APIServerPort
	}
	return DefaultAPIServerPort
}

// SetControlPlaneEndpoint sets spec.controlPlaneEndpoint to the API server's load balancer.
func (s *ClusterScope) SetControlPlaneEndpoint(host string, port int32) {
	s.OCICluster.Spec.ControlPlaneEndpoint = clusterv1.APIEndpoint{Host: host, Port: port}
}

// AvailabilityDomains are spec.availabilityDomains.
func (s *ClusterScope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain {
	return s.OCICluster.Spec.AvailabilityDomains
}

// SetFailureDomains writes status.failureDomains.
func (s *ClusterScope) SetFailureDomains(fds []clusterv1.FailureDomain) {
	s.OCICluster.Status.FailureDomains = fds
}
