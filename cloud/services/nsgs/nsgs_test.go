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
	"errors"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs/mock_nsgs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The real SDK client is a Client.
var _ nsgs.Client = core.VirtualNetworkClient{}

const vcnID = "ocid1.vcn.x"

type scope struct{ *svctest.Network }

func (s *scope) memo(name string) async.Memo { return s.Memo(nsgs.KeyPrefix + name) }
func (s *scope) list() []infrav1.NSG         { return s.Spec.NetworkSecurityGroup.List }

func newScope(list ...infrav1.NSG) *scope {
	n := svctest.NewNetwork(infrav1.VCN{ID: vcnID, NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: list}})
	n.Services = []core.Service{{Id: ptr.To("ocid1.service.all"), CidrBlock: ptr.To("all-iad-services-in-oracle-services-network")}}
	return &scope{n}
}

// ssh is an NSG with one rule: SSH from anywhere.
func ssh(name, id string) infrav1.NSG {
	return infrav1.NSG{Name: name, ID: id, IngressRules: []infrav1.IngressSecurityRuleForNSG{{IngressRule: &infrav1.IngressSecurityRule{
		Protocol: "6", Source: "0.0.0.0/0", TCPOptions: &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(22), Max: ptr.To(22)}}}}}}
}

// sshRule is ssh's rule as OCI lists it.
func sshRule(id string) core.SecurityRule {
	return core.SecurityRule{Id: ptr.To(id), Direction: "INGRESS", Protocol: ptr.To("6"), Source: ptr.To("0.0.0.0/0"), SourceType: "CIDR_BLOCK",
		IsStateless: ptr.To(false), TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(22), Max: ptr.To(22)}}}
}

func group(id, name string, tags map[string]string) core.NetworkSecurityGroup {
	return core.NetworkSecurityGroup{Id: ptr.To(id), DisplayName: ptr.To(name), VcnId: ptr.To(vcnID), FreeformTags: tags,
		LifecycleState: core.NetworkSecurityGroupLifecycleStateAvailable}
}

func groups(g ...core.NetworkSecurityGroup) core.ListNetworkSecurityGroupsResponse {
	return core.ListNetworkSecurityGroupsResponse{Items: g}
}

func rules(r ...core.SecurityRule) core.ListNetworkSecurityGroupSecurityRulesResponse {
	return core.ListNetworkSecurityGroupSecurityRulesResponse{Items: r}
}

func rulesOf(id string) any {
	return gomock.Cond(func(r core.ListNetworkSecurityGroupSecurityRulesRequest) bool { return *r.NetworkSecurityGroupId == id })
}

type testCase struct {
	name    string
	scope   *scope
	memo    map[string]async.Memo
	expect  func(s *scope, m *mock_nsgs.MockClientMockRecorder)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

func run(t *testing.T, tc testCase, op func(*nsgs.Service) error) {
	t.Helper()
	for k, v := range tc.memo {
		tc.scope.Remember(nsgs.KeyPrefix+k, &v)
	}
	svctest.Run(t, tc.name, tc.scope, mock_nsgs.NewMockClient, tc.expect, tc.wantErr, tc.check,
		func(m *mock_nsgs.MockClient) error { return op(nsgs.New(tc.scope, m)) })
}

func reconcile(s *nsgs.Service) error { return s.Reconcile(context.Background()) }

func TestReconcile(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:  "none yet: created empty with a retry token, its OCID recorded at once",
			scope: newScope(ssh("cp", "")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Cond(func(r core.ListNetworkSecurityGroupsRequest) bool {
					return *r.VcnId == vcnID && *r.DisplayName == "cp"
				})).Return(groups(), nil)
				m.CreateNetworkSecurityGroup(gomock.Any(), gomock.Cond(func(r core.CreateNetworkSecurityGroupRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && *r.DisplayName == "cp" && *r.VcnId == vcnID
				})).Return(core.CreateNetworkSecurityGroupResponse{NetworkSecurityGroup: group("ocid1.nsg.new", "cp", s.OwnedTags())}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if got := s.list()[0].ID; got != "ocid1.nsg.new" || s.memo("cp").OwnedID != got {
					t.Errorf("id %q, owned %q; want the new group's", got, s.memo("cp").OwnedID)
				}
			},
		},
		{
			name:  "just created: its rules added",
			scope: newScope(ssh("cp", "ocid1.nsg.new")),
			memo:  map[string]async.Memo{"cp": {OwnedID: "ocid1.nsg.new"}},
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(), nil)
				m.GetNetworkSecurityGroup(gomock.Any(), gomock.Any()).Return(core.GetNetworkSecurityGroupResponse{
					NetworkSecurityGroup: group("ocid1.nsg.new", "cp", s.OwnedTags())}, nil)
				m.ListNetworkSecurityGroupSecurityRules(gomock.Any(), rulesOf("ocid1.nsg.new")).Return(rules(), nil)
				m.AddNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Cond(func(r core.AddNetworkSecurityGroupSecurityRulesRequest) bool {
					return *r.NetworkSecurityGroupId == "ocid1.nsg.new" && len(r.SecurityRules) == 1 && r.SecurityRules[0].Direction == "INGRESS"
				})).Return(core.AddNetworkSecurityGroupSecurityRulesResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "found by name and tags with its rules: adopted, nothing changed",
			scope: newScope(ssh("cp", "")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.theirs", "cp", nil),
					group("ocid1.nsg.ours", "cp", s.OwnedTags())), nil)
				m.ListNetworkSecurityGroupSecurityRules(gomock.Any(), rulesOf("ocid1.nsg.ours")).Return(rules(sshRule("r1")), nil)
			},
			check: func(t *testing.T, s *scope) {
				if got := s.list()[0].ID; got != "ocid1.nsg.ours" {
					t.Errorf("id %q, want ocid1.nsg.ours", got)
				}
			},
		},
		{
			name:  "rules changed behind our back: the stranger removed, then the missing one added",
			scope: newScope(ssh("cp", "ocid1.nsg.ours")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				stranger := sshRule("r9")
				stranger.Source = ptr.To("192.168.0.0/16")
				gomock.InOrder(
					m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.ours", "cp", s.OwnedTags())), nil),
					m.ListNetworkSecurityGroupSecurityRules(gomock.Any(), rulesOf("ocid1.nsg.ours")).Return(rules(stranger), nil),
					m.RemoveNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Cond(func(r core.RemoveNetworkSecurityGroupSecurityRulesRequest) bool {
						return len(r.SecurityRuleIds) == 1 && r.SecurityRuleIds[0] == "r9"
					})).Return(core.RemoveNetworkSecurityGroupSecurityRulesResponse{}, nil),
					m.AddNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Cond(func(r core.AddNetworkSecurityGroupSecurityRulesRequest) bool {
						return len(r.SecurityRules) == 1 && *r.SecurityRules[0].Source == "0.0.0.0/0"
					})).Return(core.AddNetworkSecurityGroupSecurityRulesResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "renamed behind our back: renamed back, rules untouched",
			scope: newScope(ssh("cp", "ocid1.nsg.ours")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.ours", "renamed", s.OwnedTags())), nil)
				m.ListNetworkSecurityGroupSecurityRules(gomock.Any(), gomock.Any()).Return(rules(sshRule("r1")), nil)
				m.UpdateNetworkSecurityGroup(gomock.Any(), gomock.Cond(func(r core.UpdateNetworkSecurityGroupRequest) bool {
					return *r.NetworkSecurityGroupId == "ocid1.nsg.ours" && *r.DisplayName == "cp"
				})).Return(core.UpdateNetworkSecurityGroupResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "owned and deleted behind our back: recreated",
			scope: newScope(ssh("cp", "ocid1.nsg.old")),
			memo:  map[string]async.Memo{"cp": {OwnedID: "ocid1.nsg.old"}},
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(), nil)
				m.GetNetworkSecurityGroup(gomock.Any(), gomock.Any()).Return(core.GetNetworkSecurityGroupResponse{}, svctest.NotFound())
				m.CreateNetworkSecurityGroup(gomock.Any(), gomock.Any()).Return(core.CreateNetworkSecurityGroupResponse{
					NetworkSecurityGroup: group("ocid1.nsg.new", "cp", s.OwnedTags())}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if got := s.list()[0].ID; got != "ocid1.nsg.new" {
					t.Errorf("id %q, want the replacement's", got)
				}
			},
		},
		{
			name:  "brought by ID: used as it is, its rules not even read",
			scope: newScope(ssh("cp", "ocid1.nsg.byo")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.byo", "theirs", nil)), nil)
			},
		},
		{
			name: "a rule naming a group not created yet: the others' rules go on, the group waits, nothing removed",
			scope: newScope(infrav1.NSG{Name: "cp", ID: "ocid1.nsg.cp", IngressRules: []infrav1.IngressSecurityRuleForNSG{{IngressRule: &infrav1.IngressSecurityRule{
				Protocol: "all", Source: "worker", SourceType: "NETWORK_SECURITY_GROUP"}}}}, infrav1.NSG{Name: "worker"}),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.cp", "cp", s.OwnedTags())), nil)
				m.ListNetworkSecurityGroupSecurityRules(gomock.Any(), rulesOf("ocid1.nsg.cp")).Return(rules(sshRule("r1")), nil)
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Cond(func(r core.ListNetworkSecurityGroupsRequest) bool {
					return r.DisplayName != nil && *r.DisplayName == "worker"
				})).Return(groups(), nil)
				m.CreateNetworkSecurityGroup(gomock.Any(), gomock.Any()).Return(core.CreateNetworkSecurityGroupResponse{
					NetworkSecurityGroup: group("ocid1.nsg.w", "worker", s.OwnedTags())}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.list()[1].ID != "ocid1.nsg.w" {
					t.Errorf("worker's id %q", s.list()[1].ID)
				}
			},
		},
		{
			name:  "skipped: no call",
			scope: func() *scope { s := newScope(ssh("cp", "")); s.Spec.NetworkSecurityGroup.Skip = true; return s }(),
		},
		{
			name:  "none declared: no call",
			scope: func() *scope { s := newScope(); s.Spec.NetworkSecurityGroup = nil; return s }(),
		},
		{
			name:    "the VCN is not recorded yet: not done, no call",
			scope:   func() *scope { s := newScope(ssh("cp", "")); s.Spec.ID = ""; return s }(),
			wantErr: async.IsNotDone,
		},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc, reconcile) })
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:  "owned: deleted (its rules not read), then gone is success",
			scope: newScope(ssh("cp", "ocid1.nsg.ours")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.ours", "cp", s.OwnedTags())), nil),
					m.DeleteNetworkSecurityGroup(gomock.Any(), gomock.Cond(func(r core.DeleteNetworkSecurityGroupRequest) bool {
						return *r.NetworkSecurityGroupId == "ocid1.nsg.ours"
					})).Return(core.DeleteNetworkSecurityGroupResponse{}, nil),
					m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(), nil),
					m.GetNetworkSecurityGroup(gomock.Any(), gomock.Any()).Return(core.GetNetworkSecurityGroupResponse{}, svctest.NotFound()),
				)
			},
		},
		{
			name:  "still used by VNICs: a transient error naming the group, the others still deleted",
			scope: newScope(ssh("a", "ocid1.nsg.a"), ssh("b", "ocid1.nsg.b")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.a", "a", s.OwnedTags()),
					group("ocid1.nsg.b", "b", s.OwnedTags())), nil)
				m.DeleteNetworkSecurityGroup(gomock.Any(), gomock.Cond(func(r core.DeleteNetworkSecurityGroupRequest) bool {
					return *r.NetworkSecurityGroupId == "ocid1.nsg.a"
				})).Return(core.DeleteNetworkSecurityGroupResponse{}, svctest.Conflict())
				m.DeleteNetworkSecurityGroup(gomock.Any(), gomock.Cond(func(r core.DeleteNetworkSecurityGroupRequest) bool {
					return *r.NetworkSecurityGroupId == "ocid1.nsg.b"
				})).Return(core.DeleteNetworkSecurityGroupResponse{}, nil)
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient && e.Reason == svc.ReasonInUse &&
					strings.HasPrefix(e.Message, "network security group a cannot be deleted yet: ")
			},
		},
		{
			name:  "brought by ID: never deleted",
			scope: newScope(ssh("cp", "ocid1.nsg.byo")),
			expect: func(s *scope, m *mock_nsgs.MockClientMockRecorder) {
				m.ListNetworkSecurityGroups(gomock.Any(), gomock.Any()).Return(groups(group("ocid1.nsg.byo", "cp", nil)), nil)
			},
		},
		{
			name: "skipped: no call",
			scope: func() *scope {
				s := newScope(ssh("cp", "ocid1.nsg.ours"))
				s.Spec.NetworkSecurityGroup.Skip = true
				return s
			}(),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run(t, tc, func(s *nsgs.Service) error {
				err := s.Delete(context.Background())
				if async.IsNotDone(err) {
					err = s.Delete(context.Background())
				}
				return err
			})
		})
	}
}
