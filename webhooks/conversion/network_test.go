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
	"testing"

	. "github.com/onsi/gomega"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func egress(id, destination string) infrav1.EgressSecurityRuleForNSG {
	return infrav1.EgressSecurityRuleForNSG{ID: id, EgressRule: &infrav1.EgressSecurityRule{Destination: destination}}
}

func nsgNetwork(rules ...infrav1.EgressSecurityRuleForNSG) *infrav1.NetworkSpec {
	return &infrav1.NetworkSpec{VCN: infrav1.VCN{NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{
		List: []infrav1.NSG{{Name: "workers", EgressRules: rules}},
	}}}
}

// A rule edited through v1beta2 keeps the id of the same rule, not of the rule that was at its position.
func TestRestoreV1Beta2NetworkMatchesRulesByContent(t *testing.T) {
	g := NewWithT(t)
	restored := nsgNetwork(egress("id-a", "10.0.0.0/16"), egress("id-b", "10.1.0.0/16"))
	// Through v1beta2 (no ids), a rule was inserted first and rule a removed.
	dst := nsgNetwork(egress("", "0.0.0.0/0"), egress("", "10.1.0.0/16"))
	restoreV1Beta2Network(dst, restored)
	g.Expect(dst.VCN.NetworkSecurityGroup.List[0].EgressRules).To(Equal([]infrav1.EgressSecurityRuleForNSG{
		egress("", "0.0.0.0/0"), egress("id-b", "10.1.0.0/16"),
	}))
}

// Two rules with the same content keep their ids in order.
func TestRestoreV1Beta2NetworkKeepsDuplicateRulesInOrder(t *testing.T) {
	g := NewWithT(t)
	restored := nsgNetwork(egress("id-1", "10.0.0.0/16"), egress("id-2", "10.0.0.0/16"))
	dst := nsgNetwork(egress("", "10.0.0.0/16"), egress("", "10.0.0.0/16"))
	restoreV1Beta2Network(dst, restored)
	g.Expect(dst.VCN.NetworkSecurityGroup.List[0].EgressRules).To(Equal(restored.VCN.NetworkSecurityGroup.List[0].EgressRules))
}

// A gateway id cleared through v1beta1 stays cleared; its skip flag, which v1beta1 cannot show, is kept.
func TestRestoreV1Beta1NetworkKeepsSkipFlagsAndSpokeIDs(t *testing.T) {
	g := NewWithT(t)
	restored := &infrav1.NetworkSpec{VCN: infrav1.VCN{
		InternetGateway: &infrav1.InternetGateway{ID: "ocid1.internetgateway.oc1..old", Skip: true},
		RouteTable:      &infrav1.RouteTable{PrivateRouteTableID: "ocid1.routetable.oc1..old", Skip: true},
	}}
	dst := &infrav1.NetworkSpec{VCN: infrav1.VCN{
		RouteTable: &infrav1.RouteTable{PrivateRouteTableID: "ocid1.routetable.oc1..new"},
	}}
	restoreV1Beta1Network(dst, restored)
	g.Expect(dst.VCN.InternetGateway).To(Equal(&infrav1.InternetGateway{Skip: true}))
	g.Expect(dst.VCN.RouteTable).To(Equal(&infrav1.RouteTable{PrivateRouteTableID: "ocid1.routetable.oc1..new", Skip: true}))
	g.Expect(dst.VCN.NATGateway).To(BeNil())
}
