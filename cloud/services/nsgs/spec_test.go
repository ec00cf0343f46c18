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

package nsgs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

const label = "all-iad-services-in-oracle-services-network"

func in(r infrav1.IngressSecurityRule) infrav1.IngressSecurityRuleForNSG {
	return infrav1.IngressSecurityRuleForNSG{IngressRule: &r}
}

func out(r infrav1.EgressSecurityRule) infrav1.EgressSecurityRuleForNSG {
	return infrav1.EgressSecurityRuleForNSG{EgressRule: &r}
}

func tcp(port int) *infrav1.TCPOptions {
	return &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(port), Max: ptr.To(port)}}
}

func coreTCP(port int) *core.TcpOptions {
	return &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(port), Max: ptr.To(port)}}
}

// list is the NSG list of the translation tests: "cp" (index 0) with the rules given, "worker" recorded, "lb" not.
func list(ins []infrav1.IngressSecurityRuleForNSG, outs []infrav1.EgressSecurityRuleForNSG) []infrav1.NSG {
	return []infrav1.NSG{{Name: "cp", IngressRules: ins, EgressRules: outs}, {Name: "worker", ID: "ocid1.networksecuritygroup.w"}, {Name: "lb"}}
}

func TestRuleTranslation(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ins     []infrav1.IngressSecurityRuleForNSG
		outs    []infrav1.EgressSecurityRuleForNSG
		want    []core.AddSecurityRuleDetails
		waiting []string
	}{
		{"ingress tcp from a CIDR: CIDR_BLOCK and stateful by default, the description kept",
			[]infrav1.IngressSecurityRuleForNSG{in(infrav1.IngressSecurityRule{Protocol: "6", Source: "0.0.0.0/0", TCPOptions: tcp(6443), Description: "api"})}, nil,
			[]core.AddSecurityRuleDetails{{Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("0.0.0.0/0"), SourceType: "CIDR_BLOCK",
				IsStateless: ptr.To(false), TcpOptions: coreTCP(6443), Description: ptr.To("api")}}, nil},
		{"stateless icmp and udp",
			[]infrav1.IngressSecurityRuleForNSG{
				in(infrav1.IngressSecurityRule{Protocol: "1", Source: "10.0.0.0/16", IsStateless: ptr.To(true), ICMPOptions: &infrav1.ICMPOptions{Type: ptr.To(3), Code: ptr.To(4)}}),
				in(infrav1.IngressSecurityRule{Protocol: "17", Source: "10.0.0.0/16", UDPOptions: &infrav1.UDPOptions{SourcePortRange: &infrav1.PortRange{Min: ptr.To(1), Max: ptr.To(2)}}})}, nil,
			[]core.AddSecurityRuleDetails{
				{Direction: "INGRESS", Protocol: ptr.To("1"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK", IsStateless: ptr.To(true),
					IcmpOptions: &core.IcmpOptions{Type: ptr.To(3), Code: ptr.To(4)}},
				{Direction: "INGRESS", Protocol: ptr.To("17"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK", IsStateless: ptr.To(false),
					UdpOptions: &core.UdpOptions{SourcePortRange: &core.PortRange{Min: ptr.To(1), Max: ptr.To(2)}}}}, nil},
		{"ingress first, then egress; SERVICE_CIDR_BLOCK gets the region's label",
			nil, []infrav1.EgressSecurityRuleForNSG{out(infrav1.EgressSecurityRule{Protocol: "6", Destination: "x", DestinationType: "SERVICE_CIDR_BLOCK"})},
			[]core.AddSecurityRuleDetails{{Direction: "EGRESS", Protocol: ptr.To("6"), Destination: ptr.To(label), DestinationType: "SERVICE_CIDR_BLOCK",
				IsStateless: ptr.To(false)}}, nil},
		{"an NSG named by its name in the list: its OCID; an OCID: as it is",
			[]infrav1.IngressSecurityRuleForNSG{in(infrav1.IngressSecurityRule{Protocol: "all", Source: "worker", SourceType: "NETWORK_SECURITY_GROUP"})},
			[]infrav1.EgressSecurityRuleForNSG{out(infrav1.EgressSecurityRule{Protocol: "all", Destination: "ocid1.networksecuritygroup.other", DestinationType: "NETWORK_SECURITY_GROUP"})},
			[]core.AddSecurityRuleDetails{
				{Direction: "INGRESS", Protocol: ptr.To("all"), Source: ptr.To("ocid1.networksecuritygroup.w"), SourceType: "NETWORK_SECURITY_GROUP", IsStateless: ptr.To(false)},
				{Direction: "EGRESS", Protocol: ptr.To("all"), Destination: ptr.To("ocid1.networksecuritygroup.other"), DestinationType: "NETWORK_SECURITY_GROUP", IsStateless: ptr.To(false)}}, nil},
		{"an NSG of the list without an OCID yet: the rule waits, the others are kept",
			[]infrav1.IngressSecurityRuleForNSG{
				in(infrav1.IngressSecurityRule{Protocol: "all", Source: "lb", SourceType: "NETWORK_SECURITY_GROUP"}),
				in(infrav1.IngressSecurityRule{Protocol: "6", Source: "lb", SourceType: "NETWORK_SECURITY_GROUP"}),
				in(infrav1.IngressSecurityRule{Protocol: "all", Source: "10.0.0.0/16"})}, nil,
			[]core.AddSecurityRuleDetails{{Direction: "INGRESS", Protocol: ptr.To("all"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK",
				IsStateless: ptr.To(false)}}, []string{"lb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := svctest.NewOwner()
			spec := NewSpec(o, "ocid1.vcn.x", list(tc.ins, tc.outs), 0, label)
			got, err := spec.CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			want := createDetails{Group: core.CreateNetworkSecurityGroupDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.x"),
				DisplayName: ptr.To("cp"), FreeformTags: o.OwnedTags()}, Rules: tc.want}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("create details (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.waiting, spec.Waiting()); d != "" {
				t.Errorf("waiting (-want +got):\n%s", d)
			}
		})
	}
}

func TestRuleTranslationRefusesSpecErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		ins   []infrav1.IngressSecurityRuleForNSG
		outs  []infrav1.EgressSecurityRuleForNSG
		field string
	}{
		{"no rule", []infrav1.IngressSecurityRuleForNSG{{ID: "x"}}, nil,
			"spec.networkSpec.vcn.networkSecurityGroup.list[0].ingressRules[0].ingressRule is missing"},
		{"a protocol by name", nil, []infrav1.EgressSecurityRuleForNSG{out(infrav1.EgressSecurityRule{Protocol: "TCP", Destination: "0.0.0.0/0"})},
			"spec.networkSpec.vcn.networkSecurityGroup.list[0].egressRules[0].egressRule.protocol"},
		{"an NSG not in the list", []infrav1.IngressSecurityRuleForNSG{in(infrav1.IngressSecurityRule{Protocol: "all", Source: "nope", SourceType: "NETWORK_SECURITY_GROUP"})}, nil,
			"spec.networkSpec.vcn.networkSecurityGroup.list[0].ingressRules[0].ingressRule.source \"nope\" names no network security group"},
		{"an unknown type", []infrav1.IngressSecurityRuleForNSG{in(infrav1.IngressSecurityRule{Protocol: "all", Source: "x", SourceType: "CIDR"})}, nil,
			"spec.networkSpec.vcn.networkSecurityGroup.list[0].ingressRules[0].ingressRule.sourceType"},
		{"a destination not a CIDR", nil, []infrav1.EgressSecurityRuleForNSG{out(infrav1.EgressSecurityRule{Protocol: "all", Destination: "10.0.0.1"})},
			"spec.networkSpec.vcn.networkSecurityGroup.list[0].egressRules[0].egressRule.destination"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewSpec(svctest.NewOwner(), "ocid1.vcn.x", list(tc.ins, tc.outs), 0, label).CreateDetails()
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("CreateDetails: %v, want an error with %q", err, tc.field)
			}
		})
	}
}
