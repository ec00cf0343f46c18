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
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	nsgs := list([]infrav1.IngressSecurityRuleForNSG{
		in(infrav1.IngressSecurityRule{Protocol: "6", Source: "10.0.0.0/16", TCPOptions: tcp(6443), Description: "api"}),
		in(infrav1.IngressSecurityRule{Protocol: "all", Source: "worker", SourceType: "NETWORK_SECURITY_GROUP"})},
		[]infrav1.EgressSecurityRuleForNSG{out(infrav1.EgressSecurityRule{Protocol: "all", Destination: "0.0.0.0/0"})})
	spec := NewSpec(o, "ocid1.vcn.x", nsgs, 0, label)
	// The desired rules as OCI lists them: IDs, type and statelessness given or not; the rule the spec gives no
	// description has one someone wrote.
	api := core.SecurityRule{Id: ptr.To("r1"), Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"), TcpOptions: coreTCP(6443),
		Description: ptr.To("api")}
	undescribed := api
	undescribed.Description = nil
	misdescribed := api
	misdescribed.Description = ptr.To("edited")
	// OCI's update of a rule takes it whole: what it has, with the spec's description.
	describedAPI := core.UpdateSecurityRuleDetails{Id: ptr.To("r1"), Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"),
		TcpOptions: coreTCP(6443), Description: ptr.To("api")}
	fromWorker := core.SecurityRule{Id: ptr.To("r2"), Direction: "INGRESS", Protocol: ptr.To("all"), Source: ptr.To("ocid1.networksecuritygroup.w"),
		SourceType: "NETWORK_SECURITY_GROUP", IsStateless: ptr.To(false), Description: ptr.To("edited")}
	all := core.SecurityRule{Id: ptr.To("r3"), Direction: "EGRESS", Protocol: ptr.To("all"), Destination: ptr.To("0.0.0.0/0"), DestinationType: "CIDR_BLOCK"}
	wantAPI := core.AddSecurityRuleDetails{Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK",
		IsStateless: ptr.To(false), TcpOptions: coreTCP(6443), Description: ptr.To("api")}
	group := func(name string, tags map[string]string, rules ...core.SecurityRule) Group {
		return Group{NetworkSecurityGroup: core.NetworkSecurityGroup{DisplayName: ptr.To(name), FreeformTags: tags}, Rules: rules}
	}
	for _, tc := range []struct {
		name     string
		spec     *Spec
		existing Group
		want     any
	}{
		{"as desired (OCI's defaults, and a description the spec does not give, do not count): nothing to do", spec,
			group("cp", owned, all, fromWorker, api), nil},
		{"a description the spec gives edited: the rule rewritten in place with it", spec,
			group("cp", owned, all, fromWorker, misdescribed), Update{Describe: []core.UpdateSecurityRuleDetails{describedAPI}}},
		{"a description the spec gives missing: written", spec,
			group("cp", owned, all, fromWorker, undescribed), Update{Describe: []core.UpdateSecurityRuleDetails{describedAPI}}},
		{"a rule missing: added", spec, group("cp", owned, all, fromWorker), Update{Add: []core.AddSecurityRuleDetails{wantAPI}}},
		{"a rule not desired: removed by ID", spec,
			group("cp", owned, all, fromWorker, api, core.SecurityRule{Id: ptr.To("r9"), Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("0.0.0.0/0")}),
			Update{Remove: []string{"r9"}}},
		{"a rule changed (another port): the old one removed, the desired one added", spec,
			group("cp", owned, all, fromWorker, core.SecurityRule{Id: ptr.To("r8"), Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"),
				TcpOptions: coreTCP(6444)}),
			Update{Remove: []string{"r8"}, Add: []core.AddSecurityRuleDetails{wantAPI}}},
		{"the same peer, the other direction: not the same rule", spec,
			group("cp", owned, fromWorker, api, core.SecurityRule{Id: ptr.To("r7"), Direction: "INGRESS", Protocol: ptr.To("all"), Source: ptr.To("0.0.0.0/0")}),
			Update{Remove: []string{"r7"}, Add: []core.AddSecurityRuleDetails{{Direction: "EGRESS", Protocol: ptr.To("all"),
				Destination: ptr.To("0.0.0.0/0"), DestinationType: "CIDR_BLOCK", IsStateless: ptr.To(false)}}}},
		{"renamed and a tag removed: put back, others' tags kept", spec,
			group("other", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}, all, fromWorker, api),
			Update{Group: &core.UpdateNetworkSecurityGroupDetails{DisplayName: ptr.To("cp"),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}}},
		{"waiting for an NSG's OCID: rules added, none removed",
			NewSpec(o, "ocid1.vcn.x", append(nsgs[:1:1], infrav1.NSG{Name: "worker"}), 0, label),
			group("cp", owned, fromWorker),
			Update{Add: []core.AddSecurityRuleDetails{wantAPI, {Direction: "EGRESS", Protocol: ptr.To("all"),
				Destination: ptr.To("0.0.0.0/0"), DestinationType: "CIDR_BLOCK", IsStateless: ptr.To(false)}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "update", tc.want, got, err)
		})
	}
}
