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

package securitylists_test

import (
	"context"
	"errors"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/securitylists"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/securitylists/mock_securitylists"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The real SDK client is a Client.
var _ securitylists.Client = core.VirtualNetworkClient{}

const (
	vcnID = "ocid1.vcn.x"
	label = "all-iad-services-in-oracle-services-network"
)

type scope struct{ *svctest.Network }

func (s *scope) memo() async.Memo { return s.Memo(securitylists.KeyPrefix + "worker") }

// newScope returns a scope whose VCN is recorded, with the subnets given.
func newScope(subnets ...infrav1.Subnet) *scope {
	n := svctest.NewNetwork(infrav1.VCN{ID: vcnID, Subnets: subnets})
	n.Services = []core.Service{{Id: ptr.To("ocid1.service.os"), CidrBlock: ptr.To("oci-iad-objectstorage")},
		{Id: ptr.To("ocid1.service.all"), CidrBlock: ptr.To(label)}}
	return &scope{n}
}

// worker is a subnet with a security list of one rule.
func worker(id string) infrav1.Subnet {
	return infrav1.Subnet{Name: "worker", Role: "worker", CIDR: "10.0.64.0/20", SecurityList: &infrav1.SecurityList{
		ID: id, Name: "worker-sl", IngressRules: []infrav1.IngressSecurityRule{{Protocol: "6", Source: "10.0.0.0/16"}}}}
}

// list is a security list as OCI returns it, with worker's rule unless rules are given.
func list(id, name string, tags map[string]string, rules ...core.IngressSecurityRule) core.SecurityList {
	if rules == nil {
		rules = []core.IngressSecurityRule{{Protocol: ptr.To("6"), Source: ptr.To("10.0.0.0/16"), SourceType: "CIDR_BLOCK", IsStateless: ptr.To(false)}}
	}
	return core.SecurityList{Id: ptr.To(id), DisplayName: ptr.To(name), VcnId: ptr.To(vcnID), FreeformTags: tags,
		LifecycleState: core.SecurityListLifecycleStateAvailable, IngressSecurityRules: rules}
}

type testCase struct {
	name    string
	subnets []infrav1.Subnet
	noVCN   bool
	memo    map[string]async.Memo
	expect  func(s *scope, m *mock_securitylists.MockClientMockRecorder)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

func run(t *testing.T, tc testCase, op func(*securitylists.Service) error) {
	t.Helper()
	s := newScope(tc.subnets...)
	if tc.noVCN {
		s.Spec.ID = ""
	}
	for k, v := range tc.memo {
		s.Remember(securitylists.KeyPrefix+k, &v)
	}
	svctest.Run(t, tc.name, s, mock_securitylists.NewMockClient, tc.expect, tc.wantErr, tc.check,
		func(m *mock_securitylists.MockClient) error { return op(securitylists.New(s, m)) })
}

func TestReconcile(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:    "none yet: created in the VCN with a retry token, its OCID recorded in the subnet's spec",
			subnets: []infrav1.Subnet{worker("")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Cond(func(r core.ListSecurityListsRequest) bool {
					return *r.VcnId == vcnID && *r.DisplayName == "worker-sl"
				})).Return(core.ListSecurityListsResponse{}, nil)
				m.CreateSecurityList(gomock.Any(), gomock.Cond(func(r core.CreateSecurityListRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && *r.DisplayName == "worker-sl" &&
						*r.VcnId == vcnID && len(r.IngressSecurityRules) == 1 && r.EgressSecurityRules != nil
				})).Return(core.CreateSecurityListResponse{SecurityList: list("ocid1.sl.new", "worker-sl", nil)}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if got := s.Spec.Subnets[0].SecurityList.ID; got != "ocid1.sl.new" || s.memo().OwnedID != got {
					t.Errorf("id %q, owned %q; want the new list's", got, s.memo().OwnedID)
				}
			},
		},
		{
			name:    "found by name and tags: adopted, no create",
			subnets: []infrav1.Subnet{worker("")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: []core.SecurityList{
					list("ocid1.sl.theirs", "worker-sl", nil), list("ocid1.sl.ours", "worker-sl", s.OwnedTags())}}, nil)
			},
			check: func(t *testing.T, s *scope) {
				if got := s.Spec.Subnets[0].SecurityList.ID; got != "ocid1.sl.ours" {
					t.Errorf("id %q, want ocid1.sl.ours", got)
				}
			},
		},
		{
			name:    "a rule removed behind our back: put back, the others' rule kept",
			subnets: []infrav1.Subnet{worker("ocid1.sl.ours")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				lb := core.IngressSecurityRule{Protocol: ptr.To("6"), Source: ptr.To("0.0.0.0/0"), SourceType: "CIDR_BLOCK"}
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: []core.SecurityList{
					list("ocid1.sl.ours", "worker-sl", s.OwnedTags(), lb)}}, nil)
				m.UpdateSecurityList(gomock.Any(), gomock.Cond(func(r core.UpdateSecurityListRequest) bool {
					return *r.SecurityListId == "ocid1.sl.ours" && len(r.IngressSecurityRules) == 2 &&
						*r.IngressSecurityRules[0].Source == "0.0.0.0/0" && *r.IngressSecurityRules[1].Source == "10.0.0.0/16" &&
						r.EgressSecurityRules == nil
				})).Return(core.UpdateSecurityListResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:    "owned and deleted behind our back: recreated",
			subnets: []infrav1.Subnet{worker("ocid1.sl.old")},
			memo:    map[string]async.Memo{"worker": {OwnedID: "ocid1.sl.old"}},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{}, nil)
				m.GetSecurityList(gomock.Any(), gomock.Any()).Return(core.GetSecurityListResponse{}, svctest.NotFound())
				m.CreateSecurityList(gomock.Any(), gomock.Any()).Return(core.CreateSecurityListResponse{
					SecurityList: list("ocid1.sl.new", "worker-sl", s.OwnedTags())}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if got := s.Spec.Subnets[0].SecurityList.ID; got != "ocid1.sl.new" {
					t.Errorf("id %q, want the replacement's", got)
				}
			},
		},
		{
			name:    "brought by ID: used as it is, never updated",
			subnets: []infrav1.Subnet{worker("ocid1.sl.byo")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: []core.SecurityList{
					list("ocid1.sl.byo", "theirs", nil, core.IngressSecurityRule{})}}, nil)
			},
		},
		{
			name: "SERVICE_CIDR_BLOCK rules: the region's label, looked up once",
			subnets: []infrav1.Subnet{
				{Name: "a", SecurityList: &infrav1.SecurityList{EgressRules: []infrav1.EgressSecurityRule{{Protocol: "6", DestinationType: "SERVICE_CIDR_BLOCK"}}}},
				{Name: "b", SecurityList: &infrav1.SecurityList{EgressRules: []infrav1.EgressSecurityRule{{Protocol: "6", DestinationType: "SERVICE_CIDR_BLOCK"}}}}},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{}, nil).Times(2)
				m.CreateSecurityList(gomock.Any(), gomock.Cond(func(r core.CreateSecurityListRequest) bool {
					return *r.EgressSecurityRules[0].Destination == label
				})).Return(core.CreateSecurityListResponse{SecurityList: list("ocid1.sl.new", "a-security-list", nil)}, nil).Times(2)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.ServiceLists != 1 {
					t.Errorf("%d lookups of the Oracle services, want 1", s.ServiceLists)
				}
			},
		},
		{
			name:    "the VCN is not recorded yet: not done, no call",
			subnets: []infrav1.Subnet{worker("")},
			noVCN:   true,
			wantErr: async.IsNotDone,
		},
		{
			name:    "skipped subnets and subnets without a security list: no call",
			subnets: []infrav1.Subnet{func() infrav1.Subnet { s := worker(""); s.Skip = true; return s }(), {Name: "cp"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run(t, tc, func(s *securitylists.Service) error { return s.Reconcile(context.Background()) })
		})
	}
}

// TestOneListServesTheDriftCheck checks that the security lists of n subnets are read with one list call.
func TestOneListServesTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_securitylists.NewMockClient(ctrl)
	var subnets []infrav1.Subnet
	var items []core.SecurityList
	s := newScope()
	for _, n := range []string{"a", "b", "c"} {
		sn := worker("ocid1.sl." + n)
		sn.Name, sn.SecurityList.Name = n, n
		subnets = append(subnets, sn)
		items = append(items, list("ocid1.sl."+n, n, s.OwnedTags()))
	}
	s.Spec.Subnets = subnets
	m.EXPECT().ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: items}, nil).Times(1)
	if err := securitylists.New(s, m).Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	// In place: the next reconcile makes no call until the drift check is due.
	if err := securitylists.New(s, m).Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:    "owned: deleted, then gone is success",
			subnets: []infrav1.Subnet{worker("ocid1.sl.ours")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: []core.SecurityList{
						list("ocid1.sl.ours", "worker-sl", s.OwnedTags())}}, nil),
					m.DeleteSecurityList(gomock.Any(), gomock.Cond(func(r core.DeleteSecurityListRequest) bool {
						return *r.SecurityListId == "ocid1.sl.ours"
					})).Return(core.DeleteSecurityListResponse{}, nil),
					m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{}, nil),
					m.GetSecurityList(gomock.Any(), gomock.Any()).Return(core.GetSecurityListResponse{}, svctest.NotFound()),
				)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo() != (async.Memo{Deleted: true}) {
					t.Errorf("memo %+v kept after the delete", s.memo())
				}
			},
		},
		{
			name:    "brought by ID: never deleted",
			subnets: []infrav1.Subnet{worker("ocid1.sl.byo")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: []core.SecurityList{
					list("ocid1.sl.byo", "theirs", nil)}}, nil)
			},
		},
		{
			name:    "still used by a subnet: a transient error that says so",
			subnets: []infrav1.Subnet{worker("ocid1.sl.ours")},
			expect: func(s *scope, m *mock_securitylists.MockClientMockRecorder) {
				m.ListSecurityLists(gomock.Any(), gomock.Any()).Return(core.ListSecurityListsResponse{Items: []core.SecurityList{
					list("ocid1.sl.ours", "worker-sl", s.OwnedTags())}}, nil)
				m.DeleteSecurityList(gomock.Any(), gomock.Any()).Return(core.DeleteSecurityListResponse{},
					svctest.Conflict())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient && e.Reason == svc.ReasonInUse
			},
		},
		{
			name:    "skipped subnet: no call",
			subnets: []infrav1.Subnet{func() infrav1.Subnet { s := worker("ocid1.sl.ours"); s.Skip = true; return s }()},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run(t, tc, func(s *securitylists.Service) error {
				err := s.Delete(context.Background())
				if async.IsNotDone(err) {
					err = s.Delete(context.Background())
				}
				return err
			})
		})
	}
}
