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

package okecluster_test

import (
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The OCIDs of the test network.
const (
	vcnID      = "ocid1.vcn.oc1..net"
	cpeSubnet  = "ocid1.subnet.oc1..cpe"
	lbSubnet   = "ocid1.subnet.oc1..lb"
	cpeNSG     = "ocid1.nsg.oc1..cpe"
	ourCluster = "ocid1.cluster.oc1..ours"
)

// scope is an okecluster.Scope of a control plane whose OKE cluster is named "oke1": an ENHANCED, VCN-native
// cluster of Kubernetes v1.32.1 with a public endpoint in cpeSubnet behind cpeNSG. Observed keeps what the
// service handed it.
type scope struct {
	*svctest.Owner
	CP       infrav1.OCIManagedControlPlaneSpec
	Net      okecluster.Network
	Observed []*containerengine.Cluster
}

var _ okecluster.Scope = (*scope)(nil)

func newScope() *scope {
	return &scope{Owner: svctest.NewOwner(),
		CP: infrav1.OCIManagedControlPlaneSpec{Version: "v1.32.1", ClusterType: "ENHANCED_CLUSTER",
			ClusterPodNetworkOptions: []infrav1.ClusterPodNetworkOptions{{CNIType: "OCI_VCN_IP_NATIVE"}}},
		Net: okecluster.Network{VCNID: vcnID, EndpointSubnetID: cpeSubnet, EndpointPublic: true,
			EndpointNSGIDs: []string{cpeNSG}, ServiceLBSubnetIDs: []string{lbSubnet}}}
}

func (s *scope) OKEClusterName() string                            { return "oke1" }
func (s *scope) ControlPlane() *infrav1.OCIManagedControlPlaneSpec { return &s.CP }
func (s *scope) ClusterNetwork() okecluster.Network                { return s.Net }
func (s *scope) SetObserved(c *containerengine.Cluster)            { s.Observed = append(s.Observed, c) }
func (s *scope) memo() async.Memo                                  { return s.Memo(okecluster.Key) }

// lastObserved is the cluster the service last handed the scope, nil when none.
func (s *scope) lastObserved() *containerengine.Cluster {
	if len(s.Observed) == 0 {
		return nil
	}
	return s.Observed[len(s.Observed)-1]
}

// active is the ACTIVE cluster id as the default scope declares it, with the provider's tags.
func active(s *scope, id string) containerengine.Cluster {
	return containerengine.Cluster{Id: ptr.To(id), Name: ptr.To("oke1"), CompartmentId: ptr.To(s.Compartment),
		VcnId: ptr.To(vcnID), KubernetesVersion: ptr.To("v1.32.1"), Type: containerengine.ClusterTypeEnhancedCluster,
		LifecycleState: containerengine.ClusterLifecycleStateActive, FreeformTags: s.OwnedTags(),
		EndpointConfig: &containerengine.ClusterEndpointConfig{SubnetId: ptr.To(cpeSubnet), NsgIds: []string{cpeNSG},
			IsPublicIpEnabled: ptr.To(true)},
		ClusterPodNetworkOptions:    []containerengine.ClusterPodNetworkOptionDetails{containerengine.OciVcnIpNativeClusterPodNetworkOptionDetails{}},
		Endpoints:                   &containerengine.ClusterEndpoints{PublicEndpoint: ptr.To("192.0.2.1:6443")},
		AvailableKubernetesUpgrades: []string{"v1.33.1"}}
}

// summary is c as a list answers it.
func summary(c containerengine.Cluster) containerengine.ClusterSummary {
	return containerengine.ClusterSummary{Id: c.Id, Name: c.Name, CompartmentId: c.CompartmentId, VcnId: c.VcnId,
		KubernetesVersion: c.KubernetesVersion, Type: c.Type, LifecycleState: c.LifecycleState, FreeformTags: c.FreeformTags,
		EndpointConfig: c.EndpointConfig, ClusterPodNetworkOptions: c.ClusterPodNetworkOptions, Endpoints: c.Endpoints}
}
