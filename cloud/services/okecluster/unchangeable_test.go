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
	"testing"

	"github.com/google/go-cmp/cmp"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster"
)

func TestUnchangeable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*scope)
		have  func(*ce.Cluster)
		want  []string
	}{
		{name: "in place: nothing"},
		{name: "only updatable differences: nothing",
			have: func(c *ce.Cluster) {
				c.KubernetesVersion, c.Type, c.Name = ptr.To("v1.31.1"), ce.ClusterTypeBasicCluster, ptr.To("renamed")
				c.EndpointConfig.NsgIds, c.EndpointConfig.IsPublicIpEnabled = nil, ptr.To(false)
			}},
		{name: "a flannel cluster, VCN-native asked",
			have: func(c *ce.Cluster) {
				c.ClusterPodNetworkOptions = []ce.ClusterPodNetworkOptionDetails{ce.FlannelOverlayClusterPodNetworkOptionDetails{}}
			},
			want: []string{"spec.clusterPodNetworkOptions: the cluster's pod network is FLANNEL_OVERLAY, not OCI_VCN_IP_NATIVE; " +
				"OKE cannot change a cluster's CNI in place"}},
		{name: "a KMS key asked of a cluster without one",
			setup: func(s *scope) { s.CP.KMSKeyID = "ocid1.key.oc1..k" },
			want: []string{"spec.kmsKeyId: the cluster's secrets are encrypted with none, not ocid1.key.oc1..k; " +
				"OKE cannot change the key in place"}},
		{name: "no KMS key asked of a cluster with one",
			have: func(c *ce.Cluster) { c.KmsKeyId = ptr.To("ocid1.key.oc1..k") },
			want: []string{"spec.kmsKeyId: the cluster's secrets are encrypted with ocid1.key.oc1..k, not none; " +
				"OKE cannot change the key in place"}},
		{name: "another VCN",
			have: func(c *ce.Cluster) { c.VcnId = ptr.To("ocid1.vcn.oc1..other") },
			want: []string{"spec.networkSpec.vcn.id: the cluster is in VCN ocid1.vcn.oc1..other, not the OCIManagedCluster's " +
				vcnID + "; OKE cannot move a cluster to another VCN"}},
		{name: "another endpoint subnet",
			have: func(c *ce.Cluster) { c.EndpointConfig.SubnetId = ptr.To("ocid1.subnet.oc1..other") },
			want: []string{"spec.networkSpec.vcn.subnets: the cluster's API endpoint is in subnet ocid1.subnet.oc1..other, " +
				"not the control-plane-endpoint subnet " + cpeSubnet + "; OKE cannot move the endpoint to another subnet"}},
		{name: "other pods and services CIDRs",
			setup: func(s *scope) { s.Net.PodsCIDR, s.Net.ServicesCIDR = "10.244.0.0/16", "10.96.0.0/16" },
			have: func(c *ce.Cluster) {
				c.Options = &ce.ClusterCreateOptions{KubernetesNetworkConfig: &ce.KubernetesNetworkConfig{
					PodsCidr: ptr.To("10.200.0.0/16")}}
			},
			want: []string{
				"spec.clusterNetwork.pods.cidrBlocks: the cluster's pods CIDR is 10.200.0.0/16, not 10.244.0.0/16; OKE cannot change it in place",
				"spec.clusterNetwork.services.cidrBlocks: the cluster's services CIDR is none, not 10.96.0.0/16; OKE cannot change it in place"}},
		{name: "no CIDRs given: OKE's are not compared",
			have: func(c *ce.Cluster) {
				c.Options = &ce.ClusterCreateOptions{KubernetesNetworkConfig: &ce.KubernetesNetworkConfig{
					PodsCidr: ptr.To("10.244.0.0/16"), ServicesCidr: ptr.To("10.96.0.0/16")}}
			}},
		{name: "an ENHANCED cluster, BASIC asked",
			setup: func(s *scope) { s.CP.ClusterType = "BASIC_CLUSTER" },
			want:  []string{"spec.clusterType: the cluster is an ENHANCED_CLUSTER; OKE cannot downgrade it to a BASIC_CLUSTER"}},
		{name: "an older version asked",
			have: func(c *ce.Cluster) { c.KubernetesVersion = ptr.To("v1.33.1") },
			want: []string{"spec.version: the cluster runs Kubernetes v1.33.1, newer than v1.32.1; OKE cannot downgrade a cluster"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.setup != nil {
				tc.setup(s)
			}
			have := active(s, ourCluster)
			if tc.have != nil {
				tc.have(&have)
			}
			if d := cmp.Diff(tc.want, okecluster.Unchangeable(okecluster.NewSpec(s), &have)); d != "" {
				t.Errorf("Unchangeable (-want +got):\n%s", d)
			}
		})
	}
}

func TestUnchangeableOfNoClusterIsNothing(t *testing.T) {
	if got := okecluster.Unchangeable(okecluster.NewSpec(newScope()), nil); got != nil {
		t.Errorf("Unchangeable(nil) = %q, want nothing", got)
	}
}
