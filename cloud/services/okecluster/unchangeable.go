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

package okecluster

import (
	"fmt"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/apimachinery/pkg/util/version"
	"k8s.io/utils/ptr"
)

// Unchangeable lists, as "spec.<field>: <why>", what s asks that differs from the existing cluster and OKE cannot
// change in place: the pod network's CNI type, the KMS key, the VCN, the endpoint subnet, the pods and services
// CIDRs, a downgrade of the cluster type (ENHANCED to BASIC) or of the Kubernetes version. Fields the spec leaves
// empty are not compared, except the KMS key. It is nil when nothing differs, and calls nothing.
func Unchangeable(s *Spec, existing *containerengine.Cluster) []string {
	if existing == nil {
		return nil
	}
	var out []string
	add := func(field, format string, args ...any) { out = append(out, field+": "+fmt.Sprintf(format, args...)) }
	if want, have := cniTypes(podNetworks(s.cp.ClusterPodNetworkOptions)), cniTypes(existing.ClusterPodNetworkOptions); len(want) > 0 && !sameSet(want, have) {
		add("spec.clusterPodNetworkOptions", "the cluster's pod network is %s, not %s; OKE cannot change a cluster's CNI in place",
			orNone(strings.Join(have, ",")), strings.Join(want, ","))
	}
	if have := ptr.Deref(existing.KmsKeyId, ""); have != s.cp.KMSKeyID {
		add("spec.kmsKeyId", "the cluster's secrets are encrypted with %s, not %s; OKE cannot change the key in place",
			orNone(have), orNone(s.cp.KMSKeyID))
	}
	if have := ptr.Deref(existing.VcnId, ""); s.net.VCNID != "" && have != s.net.VCNID {
		add("spec.networkSpec.vcn.id", "the cluster is in VCN %s, not the OCIManagedCluster's %s; OKE cannot move a cluster to another VCN",
			orNone(have), s.net.VCNID)
	}
	if ec := existing.EndpointConfig; ec != nil && s.net.EndpointSubnetID != "" && ptr.Deref(ec.SubnetId, "") != s.net.EndpointSubnetID {
		add("spec.networkSpec.vcn.subnets", "the cluster's API endpoint is in subnet %s, not the control-plane-endpoint subnet %s; "+
			"OKE cannot move the endpoint to another subnet", orNone(ptr.Deref(ec.SubnetId, "")), s.net.EndpointSubnetID)
	}
	var knc containerengine.KubernetesNetworkConfig
	if existing.Options != nil && existing.Options.KubernetesNetworkConfig != nil {
		knc = *existing.Options.KubernetesNetworkConfig
	}
	if have := ptr.Deref(knc.PodsCidr, ""); s.net.PodsCIDR != "" && have != s.net.PodsCIDR {
		add("spec.clusterNetwork.pods.cidrBlocks", "the cluster's pods CIDR is %s, not %s; OKE cannot change it in place",
			orNone(have), s.net.PodsCIDR)
	}
	if have := ptr.Deref(knc.ServicesCidr, ""); s.net.ServicesCIDR != "" && have != s.net.ServicesCIDR {
		add("spec.clusterNetwork.services.cidrBlocks", "the cluster's services CIDR is %s, not %s; OKE cannot change it in place",
			orNone(have), s.net.ServicesCIDR)
	}
	if s.cp.ClusterType == string(containerengine.ClusterTypeBasicCluster) && existing.Type == containerengine.ClusterTypeEnhancedCluster {
		add("spec.clusterType", "the cluster is an ENHANCED_CLUSTER; OKE cannot downgrade it to a BASIC_CLUSTER")
	}
	if have := ptr.Deref(existing.KubernetesVersion, ""); older(s.cp.Version, have) {
		add("spec.version", "the cluster runs Kubernetes %s, newer than %s; OKE cannot downgrade a cluster", have, s.cp.Version)
	}
	return out
}

// orNone is s, or "none" for "".
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// newer reports whether the version want is to be sent to a cluster running have: it is given, differs, and is
// not older (a version either cannot be parsed as is taken as newer, for OKE to judge).
func newer(want, have string) bool {
	return want != "" && want != have && !older(want, have)
}

// older reports whether the version want is older than have, both parsed as Kubernetes versions.
func older(want, have string) bool {
	w, werr := version.ParseGeneric(want)
	h, herr := version.ParseGeneric(have)
	return werr == nil && herr == nil && w.LessThan(h)
}
