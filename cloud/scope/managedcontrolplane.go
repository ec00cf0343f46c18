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
	"fmt"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Subnet roles and types the OKE services look up in an OCIManagedCluster's network, as the earlier provider named
// them.
const (
	RoleControlPlaneEndpoint = "control-plane-endpoint"
	RoleServiceLB            = "service-lb"
	SubnetPublic             = "public"
)

// ManagedControlPlaneScope is what the OKE cluster service needs of an OCIManagedControlPlane: the control plane,
// its Cluster and the OCIManagedCluster whose network the OKE cluster is placed in. Its Network is the managed
// cluster's (compartment, tags, identifier and network spec) with the control plane's own status.resources and
// generation.
type ManagedControlPlaneScope struct {
	Network
	Cluster        *clusterv1.Cluster
	ManagedCluster *infrav1.OCIManagedCluster
	Object         *infrav1.OCIManagedControlPlane
	// Observed is the OKE cluster as last read in this reconcile, nil when it was not read.
	Observed *containerengine.Cluster
}

// NewManagedControlPlaneScope returns the scope of an OCIManagedControlPlane, calling OCI with c.
func NewManagedControlPlaneScope(cluster *clusterv1.Cluster, mc *infrav1.OCIManagedCluster, cp *infrav1.OCIManagedControlPlane,
	c *clients.Clients, drift time.Duration) *ManagedControlPlaneScope {
	return &ManagedControlPlaneScope{
		Network: Network{Name: mc.Name, Compartment: mc.Spec.CompartmentID, Identifier: mc.Spec.OCIResourceIdentifier,
			Freeform: mc.Spec.FreeformTags, Defined: mc.Spec.DefinedTags, Spec: &mc.Spec.NetworkSpec,
			Resources: &cp.Status.Resources, ObjectGeneration: cp.Generation, Drift: drift, Clients: c,
			Due:       DriftCheckDue(cp.Status.Resources, drift, time.Now()),
			PassStart: DriftPassStart(cp.Status.Resources, drift)},
		Cluster: cluster, ManagedCluster: mc, Object: cp,
	}
}

// OKEClusterName is the OKE cluster's name: the OCIManagedControlPlane's, as with the earlier provider.
func (s *ManagedControlPlaneScope) OKEClusterName() string { return s.Object.Name }

// ControlPlane is the control plane's spec; the OKE cluster service records the cluster's OCID in its id.
func (s *ManagedControlPlaneScope) ControlPlane() *infrav1.OCIManagedControlPlaneSpec {
	return &s.Object.Spec
}

// SetObserved keeps the OKE cluster as the service read it.
func (s *ManagedControlPlaneScope) SetObserved(c *containerengine.Cluster) { s.Observed = c }

// SubnetsByRole returns the network's subnets of a role, in spec order.
func (n *Network) SubnetsByRole(role string) []*infrav1.Subnet {
	var out []*infrav1.Subnet
	for i := range n.Spec.VCN.Subnets {
		if n.Spec.VCN.Subnets[i].Role == role {
			out = append(out, &n.Spec.VCN.Subnets[i])
		}
	}
	return out
}

// NSGIDsByRole returns the OCIDs of the network's NSGs of a role.
func (n *Network) NSGIDsByRole(role string) []string {
	var out []string
	if g := n.Spec.VCN.NetworkSecurityGroup; g != nil {
		for i := range g.List {
			if g.List[i].Role == role && g.List[i].ID != "" {
				out = append(out, g.List[i].ID)
			}
		}
	}
	return out
}

// SubnetID returns the OCID of the network's subnet named name.
func (n *Network) SubnetID(name string) (string, error) {
	for i := range n.Spec.VCN.Subnets {
		if s := &n.Spec.VCN.Subnets[i]; s.Name == name {
			if s.ID == "" {
				return "", fmt.Errorf("subnet %q has no OCID yet", name)
			}
			return s.ID, nil
		}
	}
	return "", fmt.Errorf("no subnet named %q in the OCIManagedCluster's network", name)
}

// NSGID returns the OCID of the network's network security group named name.
func (n *Network) NSGID(name string) (string, error) {
	if g := n.Spec.VCN.NetworkSecurityGroup; g != nil {
		for i := range g.List {
			if nsg := &g.List[i]; nsg.Name == name {
				if nsg.ID == "" {
					return "", fmt.Errorf("network security group %q has no OCID yet", name)
				}
				return nsg.ID, nil
			}
		}
	}
	return "", fmt.Errorf("no network security group named %q in the OCIManagedCluster's network", name)
}
