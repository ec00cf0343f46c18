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

package securitylists

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

func subnet(sl *infrav1.SecurityList) *infrav1.Subnet {
	return &infrav1.Subnet{Name: "worker", Role: "worker", CIDR: "10.0.64.0/20", SecurityList: sl}
}

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	base := func(name string, in []core.IngressSecurityRule, eg []core.EgressSecurityRule) core.CreateSecurityListDetails {
		return core.CreateSecurityListDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.x"),
			DisplayName: ptr.To(name), IngressSecurityRules: in, EgressSecurityRules: eg, FreeformTags: o.OwnedTags()}
	}
	for _, tc := range []struct {
		name string
		sl   infrav1.SecurityList
		want core.CreateSecurityListDetails
	}{
		{"no name, no rules: the subnet's name and empty rule lists", infrav1.SecurityList{},
			base("worker-security-list", []core.IngressSecurityRule{}, []core.EgressSecurityRule{})},
		{"ingress: CIDR_BLOCK by default, stateful by default, tcp ports and a description",
			infrav1.SecurityList{Name: "sl", IngressRules: []infrav1.IngressSecurityRule{{Protocol: "6", Source: "0.0.0.0/0",
				Description: "ssh", TCPOptions: &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(22), Max: ptr.To(22)}}}}},
			base("sl", []core.IngressSecurityRule{{Protocol: ptr.To("6"), Source: ptr.To("0.0.0.0/0"), SourceType: "CIDR_BLOCK",
				IsStateless: ptr.To(false), Description: ptr.To("ssh"),
				TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(22), Max: ptr.To(22)}}}},
				[]core.EgressSecurityRule{})},
		{"ingress: stateless icmp and udp source ports",
			infrav1.SecurityList{Name: "sl", IngressRules: []infrav1.IngressSecurityRule{
				{Protocol: "1", Source: "10.0.0.0/16", SourceType: "CIDR_BLOCK", IsStateless: ptr.To(true),
					ICMPOptions: &infrav1.ICMPOptions{Type: ptr.To(3), Code: ptr.To(4)}},
				{Protocol: "17", Source: "10.0.0.0/16", UDPOptions: &infrav1.UDPOptions{SourcePortRange: &infrav1.PortRange{Min: ptr.To(53), Max: ptr.To(53)}}}}},
			base("sl", []core.IngressSecurityRule{
				{Protocol: ptr.To("1"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK", IsStateless: ptr.To(true),
					IcmpOptions: &core.IcmpOptions{Type: ptr.To(3), Code: ptr.To(4)}},
				{Protocol: ptr.To("17"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK", IsStateless: ptr.To(false),
					UdpOptions: &core.UdpOptions{SourcePortRange: &core.PortRange{Min: ptr.To(53), Max: ptr.To(53)}}}},
				[]core.EgressSecurityRule{})},
		{"egress: SERVICE_CIDR_BLOCK gets the region's label whatever the spec says",
			infrav1.SecurityList{Name: "sl", EgressRules: []infrav1.EgressSecurityRule{
				{Protocol: "6", Destination: "all-services", DestinationType: "SERVICE_CIDR_BLOCK"},
				{Protocol: "all", Destination: "0.0.0.0/0"}}},
			base("sl", []core.IngressSecurityRule{}, []core.EgressSecurityRule{
				{Protocol: ptr.To("6"), Destination: ptr.To(label), DestinationType: "SERVICE_CIDR_BLOCK", IsStateless: ptr.To(false)},
				{Protocol: ptr.To("all"), Destination: ptr.To("0.0.0.0/0"), DestinationType: "CIDR_BLOCK", IsStateless: ptr.To(false)}})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NewSpec(o, "ocid1.vcn.x", 2, subnet(&tc.sl), label).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("CreateSecurityListDetails (-want +got):\n%s", d)
			}
		})
	}
}

func TestCreateDetailsRefusesBadRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sl    infrav1.SecurityList
		field string
	}{
		{"no protocol", infrav1.SecurityList{IngressRules: []infrav1.IngressSecurityRule{{Source: "0.0.0.0/0"}}},
			"spec.networkSpec.vcn.subnets[2].securityList.ingressRules[0].protocol"},
		{"protocol by name", infrav1.SecurityList{IngressRules: []infrav1.IngressSecurityRule{{Protocol: "tcp", Source: "0.0.0.0/0"}}},
			"spec.networkSpec.vcn.subnets[2].securityList.ingressRules[0].protocol"},
		{"source not a CIDR", infrav1.SecurityList{IngressRules: []infrav1.IngressSecurityRule{{Protocol: "all", Source: "10.0.0.0"}}},
			"spec.networkSpec.vcn.subnets[2].securityList.ingressRules[0].source"},
		{"no destination", infrav1.SecurityList{EgressRules: []infrav1.EgressSecurityRule{{Protocol: "all"},
			{Protocol: "all", Destination: "worker", DestinationType: "NETWORK_SECURITY_GROUP"}}},
			"spec.networkSpec.vcn.subnets[2].securityList.egressRules[0].destination"},
		{"an NSG destination type", infrav1.SecurityList{EgressRules: []infrav1.EgressSecurityRule{
			{Protocol: "all", Destination: "worker", DestinationType: "NETWORK_SECURITY_GROUP"}}},
			"spec.networkSpec.vcn.subnets[2].securityList.egressRules[0].destinationType"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewSpec(svctest.NewOwner(), "ocid1.vcn.x", 2, subnet(&tc.sl), label).CreateDetails()
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("CreateDetails: %v, want an error naming %s", err, tc.field)
			}
		})
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := NewSpec(o, "ocid1.vcn.x", 0, subnet(&infrav1.SecurityList{Name: "sl",
		IngressRules: []infrav1.IngressSecurityRule{{Protocol: "6", Source: "10.0.0.0/16", Description: "api",
			TCPOptions: &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(6443), Max: ptr.To(6443)}}}},
		EgressRules: []infrav1.EgressSecurityRule{{Protocol: "all", Destination: "0.0.0.0/0"}}}), label)
	// As OCI returns the desired rules: no description, no explicit statelessness or source type.
	api := core.IngressSecurityRule{Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"),
		TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(6443), Max: ptr.To(6443)}}}
	all := core.EgressSecurityRule{Protocol: ptr.To("all"), Destination: ptr.To("0.0.0.0/0"), DestinationType: "CIDR_BLOCK", IsStateless: ptr.To(false)}
	ccm := core.IngressSecurityRule{Protocol: ptr.To("6"), Source: ptr.To("0.0.0.0/0"), SourceType: "CIDR_BLOCK",
		TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(443), Max: ptr.To(443)}}}
	wantAPI := core.IngressSecurityRule{Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK",
		IsStateless: ptr.To(false), Description: ptr.To("api"),
		TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(6443), Max: ptr.To(6443)}}}
	for _, tc := range []struct {
		name     string
		existing core.SecurityList
		want     any
	}{
		{"as desired, with a rule the cloud controller manager added: nothing to do", core.SecurityList{DisplayName: ptr.To("sl"),
			FreeformTags: owned, IngressSecurityRules: []core.IngressSecurityRule{ccm, api}, EgressSecurityRules: []core.EgressSecurityRule{all}}, nil},
		{"a desired rule removed: put back after the list's own, the other list untouched", core.SecurityList{DisplayName: ptr.To("sl"),
			FreeformTags: owned, IngressSecurityRules: []core.IngressSecurityRule{ccm}, EgressSecurityRules: []core.EgressSecurityRule{all}},
			core.UpdateSecurityListDetails{DisplayName: ptr.To("sl"), FreeformTags: owned,
				IngressSecurityRules: []core.IngressSecurityRule{ccm, wantAPI}}},
		{"a desired rule changed in OCI (another port): the desired one is added, the changed one kept", core.SecurityList{
			DisplayName: ptr.To("sl"), FreeformTags: owned, EgressSecurityRules: []core.EgressSecurityRule{all},
			IngressSecurityRules: []core.IngressSecurityRule{{Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"),
				TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(6444), Max: ptr.To(6444)}}}}},
			core.UpdateSecurityListDetails{DisplayName: ptr.To("sl"), FreeformTags: owned,
				IngressSecurityRules: []core.IngressSecurityRule{{Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"),
					TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(6444), Max: ptr.To(6444)}}}, wantAPI}}},
		{"renamed, tag removed: name and tags put back, rules not sent", core.SecurityList{DisplayName: ptr.To("other"),
			FreeformTags:         map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"},
			IngressSecurityRules: []core.IngressSecurityRule{api}, EgressSecurityRules: []core.EgressSecurityRule{all}},
			core.UpdateSecurityListDetails{DisplayName: ptr.To("sl"),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateSecurityListDetails", tc.want, got, err)
		})
	}
}
