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

package nsgs_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs/mock_nsgs"
)

// TestRulesGoInBatchesOf25 checks that 27 rules to remove and 30 to add take 2 calls each, removes first.
func TestRulesGoInBatchesOf25(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_nsgs.NewMockClient(ctrl)
	n := infrav1.NSG{Name: "cp", ID: "ocid1.nsg.cp"}
	for p := range 30 {
		n.IngressRules = append(n.IngressRules, infrav1.IngressSecurityRuleForNSG{IngressRule: &infrav1.IngressSecurityRule{
			Protocol: "6", Source: "10.0.0.0/16", TCPOptions: &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(1000 + p), Max: ptr.To(1000 + p)}}}})
	}
	s := newScope(n)
	var stale []core.SecurityRule
	for i := range 27 {
		r := sshRule(fmt.Sprintf("old%d", i))
		r.Source = ptr.To(fmt.Sprintf("192.168.%d.0/24", i))
		stale = append(stale, r)
	}
	removes := func(n int) any {
		return gomock.Cond(func(r core.RemoveNetworkSecurityGroupSecurityRulesRequest) bool { return len(r.SecurityRuleIds) == n })
	}
	adds := func(n int) any {
		return gomock.Cond(func(r core.AddNetworkSecurityGroupSecurityRulesRequest) bool { return len(r.SecurityRules) == n })
	}
	gomock.InOrder(
		m.EXPECT().ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.cp", "cp", s.OwnedTags())), nil),
		m.EXPECT().ListNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Any()).Return(rules(stale...), nil),
		m.EXPECT().RemoveNetworkSecurityGroupSecurityRules(gomock.Any(), removes(25)).Return(core.RemoveNetworkSecurityGroupSecurityRulesResponse{}, nil),
		m.EXPECT().RemoveNetworkSecurityGroupSecurityRules(gomock.Any(), removes(2)).Return(core.RemoveNetworkSecurityGroupSecurityRulesResponse{}, nil),
		m.EXPECT().AddNetworkSecurityGroupSecurityRules(gomock.Any(), adds(25)).Return(core.AddNetworkSecurityGroupSecurityRulesResponse{}, nil),
		m.EXPECT().AddNetworkSecurityGroupSecurityRules(gomock.Any(), adds(5)).Return(core.AddNetworkSecurityGroupSecurityRulesResponse{}, nil),
	)
	if err := nsgs.New(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done", err)
	}
}

// TestOneListServesTheDriftCheck checks that 4 groups are read with one list of groups and one list of rules each
// (the rules of one over two pages), and that the next reconcile makes no call.
func TestOneListServesTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_nsgs.NewMockClient(ctrl)
	s := newScope()
	var items []core.NetworkSecurityGroup
	for _, n := range []string{"control-plane-endpoint", "control-plane", "worker", "service-lb"} {
		s.Spec.NetworkSecurityGroup.List = append(s.Spec.NetworkSecurityGroup.List, ssh(n, "ocid1.nsg."+n))
		items = append(items, group("ocid1.nsg."+n, n, s.OwnedTags()))
		if n != "worker" {
			m.EXPECT().ListNetworkSecurityGroupSecurityRules(gomock.Any(), rulesOf("ocid1.nsg."+n)).Return(rules(sshRule("r")), nil)
		}
	}
	m.EXPECT().ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(items...), nil).Times(1)
	gomock.InOrder(
		m.EXPECT().ListNetworkSecurityGroupSecurityRules(gomock.Any(), rulesOf("ocid1.nsg.worker")).
			Return(core.ListNetworkSecurityGroupSecurityRulesResponse{OpcNextPage: ptr.To("p2")}, nil),
		m.EXPECT().ListNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Cond(func(r core.ListNetworkSecurityGroupSecurityRulesRequest) bool {
			return r.Page != nil && *r.Page == "p2"
		})).Return(rules(sshRule("r")), nil),
	)
	for range 2 {
		if err := nsgs.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDescriptionsGoInBatchesOf25 checks that 27 rules in place whose description differs from the spec's take 2
// update calls, each rule rewritten whole by its ID, and no rule is removed or added.
func TestDescriptionsGoInBatchesOf25(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_nsgs.NewMockClient(ctrl)
	n := infrav1.NSG{Name: "cp", ID: "ocid1.nsg.cp"}
	var inPlace []core.SecurityRule
	for i := range 27 {
		source := fmt.Sprintf("192.168.%d.0/24", i)
		n.IngressRules = append(n.IngressRules, infrav1.IngressSecurityRuleForNSG{IngressRule: &infrav1.IngressSecurityRule{
			Protocol: "6", Source: source, Description: "ssh from " + source,
			TCPOptions: &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(22), Max: ptr.To(22)}}}})
		r := sshRule(fmt.Sprintf("r%d", i))
		r.Source, r.Description = ptr.To(source), ptr.To("edited")
		inPlace = append(inPlace, r)
	}
	s := newScope(n)
	updates := func(n int) any {
		return gomock.Cond(func(r core.UpdateNetworkSecurityGroupSecurityRulesRequest) bool {
			for _, d := range r.SecurityRules {
				if d.Id == nil || d.Source == nil || *d.Description != "ssh from "+*d.Source || d.TcpOptions == nil {
					return false
				}
			}
			return len(r.SecurityRules) == n && *r.NetworkSecurityGroupId == "ocid1.nsg.cp"
		})
	}
	gomock.InOrder(
		m.EXPECT().ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.cp", "cp", s.OwnedTags())), nil),
		m.EXPECT().ListNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Any()).Return(rules(inPlace...), nil),
		m.EXPECT().UpdateNetworkSecurityGroupSecurityRules(gomock.Any(), updates(25)).Return(core.UpdateNetworkSecurityGroupSecurityRulesResponse{}, nil),
		m.EXPECT().UpdateNetworkSecurityGroupSecurityRules(gomock.Any(), updates(2)).Return(core.UpdateNetworkSecurityGroupSecurityRulesResponse{}, nil),
	)
	if err := nsgs.New(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done", err)
	}
}
