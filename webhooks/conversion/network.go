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

package conversion

import (
	apiequality "k8s.io/apimachinery/pkg/api/equality"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// restoreV1Beta1Network restores what a v1beta1 network spec cannot express: the skip flags of the gateways, route
// tables and network security groups, and the type of the API server load balancer. The ids v1beta1 does express
// come from the spoke.
func restoreV1Beta1Network(dst, restored *infrav1.NetworkSpec) {
	vcn, old := &dst.VCN, &restored.VCN
	if old.InternetGateway != nil {
		if vcn.InternetGateway == nil {
			vcn.InternetGateway = &infrav1.InternetGateway{}
		}
		vcn.InternetGateway.Skip = old.InternetGateway.Skip
	}
	if old.NATGateway != nil {
		if vcn.NATGateway == nil {
			vcn.NATGateway = &infrav1.NATGateway{}
		}
		vcn.NATGateway.Skip = old.NATGateway.Skip
	}
	if old.ServiceGateway != nil {
		if vcn.ServiceGateway == nil {
			vcn.ServiceGateway = &infrav1.ServiceGateway{}
		}
		vcn.ServiceGateway.Skip = old.ServiceGateway.Skip
	}
	if old.RouteTable != nil {
		if vcn.RouteTable == nil {
			vcn.RouteTable = &infrav1.RouteTable{}
		}
		vcn.RouteTable.Skip = old.RouteTable.Skip
	}
	if old.NetworkSecurityGroup != nil {
		if vcn.NetworkSecurityGroup == nil {
			vcn.NetworkSecurityGroup = &infrav1.NetworkSecurityGroup{}
		}
		vcn.NetworkSecurityGroup.Skip = old.NetworkSecurityGroup.Skip
	}
	if restored.APIServerLoadBalancer != nil && restored.APIServerLoadBalancer.LoadBalancerType != "" {
		if dst.APIServerLoadBalancer == nil {
			dst.APIServerLoadBalancer = &infrav1.LoadBalancer{}
		}
		dst.APIServerLoadBalancer.LoadBalancerType = restored.APIServerLoadBalancer.LoadBalancerType
	}
}

// restoreV1Beta2Network restores the ids of network security group rules, which v1beta2 cannot express. Network
// security groups are matched by position when the name there is the same, else by name; a rule takes the id of the
// first rule of the old group with the same content that no other rule took, so that inserting or removing a rule
// through v1beta2 does not move ids to other rules.
func restoreV1Beta2Network(dst, restored *infrav1.NetworkSpec) {
	if dst.VCN.NetworkSecurityGroup == nil || restored.VCN.NetworkSecurityGroup == nil {
		return
	}
	oldList := restored.VCN.NetworkSecurityGroup.List
	byName := map[string]*infrav1.NSG{}
	for i := range oldList {
		if _, seen := byName[oldList[i].Name]; !seen {
			byName[oldList[i].Name] = &oldList[i]
		}
	}
	for i := range dst.VCN.NetworkSecurityGroup.List {
		nsg := &dst.VCN.NetworkSecurityGroup.List[i]
		previous, ok := byName[nsg.Name]
		if i < len(oldList) && oldList[i].Name == nsg.Name {
			previous, ok = &oldList[i], true
		}
		if !ok {
			continue
		}
		restoreRuleIDs(nsg.EgressRules, previous.EgressRules,
			func(r infrav1.EgressSecurityRuleForNSG) (any, string) { return r.EgressRule, r.ID },
			func(r *infrav1.EgressSecurityRuleForNSG, id string) { r.ID = id })
		restoreRuleIDs(nsg.IngressRules, previous.IngressRules,
			func(r infrav1.IngressSecurityRuleForNSG) (any, string) { return r.IngressRule, r.ID },
			func(r *infrav1.IngressSecurityRuleForNSG, id string) { r.ID = id })
	}
}

// restoreRuleIDs gives each rule of dst the id of the first unused rule of old with the same content.
func restoreRuleIDs[R any](dst, old []R, content func(R) (any, string), setID func(*R, string)) {
	used := make([]bool, len(old))
	for i := range dst {
		rule, _ := content(dst[i])
		for j := range old {
			oldRule, id := content(old[j])
			if !used[j] && apiequality.Semantic.DeepEqual(rule, oldRule) {
				used[j] = true
				setID(&dst[i], id)
				break
			}
		}
	}
}
