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
	"fmt"
	"net/netip"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vcn"
)

// vcnCIDRs are the CIDRs the VCN has, or will have: spec's, or the default.
func vcnCIDRs(v *infrav1.VCN) []string {
	switch {
	case len(v.CIDRs) > 0:
		return v.CIDRs
	case v.CIDR != "":
		return []string{v.CIDR}
	}
	return []string{vcn.DefaultCIDR}
}

// clusterNetworkOverlaps lists the Cluster's pod and service CIDRs that overlap the VCN's, as
// "spec.clusterNetwork.pods.cidrBlocks[0] 10.0.0.0/8 overlaps the VCN's 10.0.0.0/16".
func clusterNetworkOverlaps(cluster *clusterv1.Cluster, v *infrav1.VCN) []string {
	if cluster == nil {
		return nil
	}
	var vcnPrefixes []netip.Prefix
	for _, c := range vcnCIDRs(v) {
		if p, err := netip.ParsePrefix(c); err == nil {
			vcnPrefixes = append(vcnPrefixes, p.Masked())
		}
	}
	var out []string
	check := func(field string, blocks []string) {
		for i, b := range blocks {
			p, err := netip.ParsePrefix(b)
			if err != nil {
				continue // the Cluster's own validation reports it
			}
			for _, q := range vcnPrefixes {
				if p.Masked().Overlaps(q) {
					out = append(out, fmt.Sprintf("spec.clusterNetwork.%s.cidrBlocks[%d] %s overlaps the VCN's %s", field, i, b, q))
				}
			}
		}
	}
	check("pods", cluster.Spec.ClusterNetwork.Pods.CIDRBlocks)
	check("services", cluster.Spec.ClusterNetwork.Services.CIDRBlocks)
	return out
}

// setClusterNetworkCondition sets ClusterNetworkValid: False when the Cluster's pod or service CIDRs overlap the
// VCN's. Pods or services whose addresses are also VCN addresses are not reached; the condition says so without
// holding the cluster back, since the earlier provider accepted such clusters.
func setClusterNetworkCondition(oc *infrav1.OCICluster, cluster *clusterv1.Cluster) {
	c := metav1.Condition{Type: infrav1.ClusterNetworkValidCondition, Status: metav1.ConditionTrue, Reason: infrav1.ValidReason}
	if overlaps := clusterNetworkOverlaps(cluster, &oc.Spec.NetworkSpec.VCN); len(overlaps) > 0 {
		c.Status, c.Reason = metav1.ConditionFalse, infrav1.CIDROverlapReason
		c.Message = strings.Join(overlaps, "; ") + ": choose pod and service CIDRs outside the VCN's"
	}
	conditions.Set(oc, c)
}
