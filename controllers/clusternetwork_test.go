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

package controllers

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func TestClusterNetworkOverlaps(t *testing.T) {
	cluster := func(pods, services []string) *clusterv1.Cluster {
		c := &clusterv1.Cluster{}
		c.Spec.ClusterNetwork.Pods.CIDRBlocks = pods
		c.Spec.ClusterNetwork.Services.CIDRBlocks = services
		return c
	}
	for _, tc := range []struct {
		name    string
		cluster *clusterv1.Cluster
		vcn     infrav1.VCN
		want    []string
	}{
		{"no Cluster", nil, infrav1.VCN{}, nil},
		{"the usual CIDRs, outside the default VCN", cluster([]string{"192.168.0.0/16"}, []string{"10.128.0.0/12"}), infrav1.VCN{}, nil},
		{"pods inside the default VCN", cluster([]string{"10.0.0.0/8"}, nil), infrav1.VCN{},
			[]string{"spec.clusterNetwork.pods.cidrBlocks[0] 10.0.0.0/8 overlaps the VCN's 10.0.0.0/16"}},
		{"services inside the VCN's second CIDR", cluster(nil, []string{"10.96.0.0/12"}), infrav1.VCN{CIDRs: []string{"172.16.0.0/16", "10.96.0.0/16"}},
			[]string{"spec.clusterNetwork.services.cidrBlocks[0] 10.96.0.0/12 overlaps the VCN's 10.96.0.0/16"}},
		{"vcn.cidr is used when cidrs is empty", cluster([]string{"172.16.5.0/24"}, nil), infrav1.VCN{CIDR: "172.16.0.0/16"},
			[]string{"spec.clusterNetwork.pods.cidrBlocks[0] 172.16.5.0/24 overlaps the VCN's 172.16.0.0/16"}},
		{"a CIDR that does not parse is the Cluster's validation's to report", cluster([]string{"nonsense"}, nil), infrav1.VCN{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, clusterNetworkOverlaps(tc.cluster, &tc.vcn)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestClusterNetworkCondition(t *testing.T) {
	oc := &infrav1.OCICluster{}
	c := &clusterv1.Cluster{}
	c.Spec.ClusterNetwork.Pods.CIDRBlocks = []string{"10.0.0.0/8"}
	setClusterNetworkCondition(oc, c)
	got := conditions.Get(oc, infrav1.ClusterNetworkValidCondition)
	if got == nil || got.Status != metav1.ConditionFalse || got.Reason != infrav1.CIDROverlapReason {
		t.Fatalf("condition %+v, want False CIDROverlap", got)
	}
	c.Spec.ClusterNetwork.Pods.CIDRBlocks = []string{"192.168.0.0/16"}
	setClusterNetworkCondition(oc, c)
	if !conditions.IsTrue(oc, infrav1.ClusterNetworkValidCondition) {
		t.Fatalf("condition %+v, want True", conditions.Get(oc, infrav1.ClusterNetworkValidCondition))
	}
}
