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

package subnets_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/subnets"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/subnets/mock_subnets"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The real SDK client is a Client.
var _ subnets.Client = core.VirtualNetworkClient{}

const vcnID = "ocid1.vcn.x"

type scope struct{ *svctest.Network }

func (s *scope) memo() async.Memo { return s.Memo(subnets.KeyPrefix + "worker") }

// newScope returns a scope whose VCN and route tables are recorded, with the subnets given.
func newScope(sn ...infrav1.Subnet) *scope {
	return &scope{svctest.NewNetwork(infrav1.VCN{ID: vcnID, Subnets: sn,
		RouteTable: &infrav1.RouteTable{PrivateRouteTableID: "ocid1.rt.private", PublicRouteTableID: "ocid1.rt.public"}})}
}

func worker(id string) infrav1.Subnet {
	return infrav1.Subnet{ID: id, Name: "worker", Role: "worker", CIDR: "10.0.64.0/20", Type: "private"}
}

// subnet is a subnet as OCI returns it, on the route table its name's type takes (the tests' worker is private).
func subnet(id, name, cidr string, tags map[string]string) core.Subnet {
	rt := "ocid1.rt.public"
	if name == "worker" {
		rt = "ocid1.rt.private"
	}
	return core.Subnet{Id: ptr.To(id), DisplayName: ptr.To(name), CidrBlock: ptr.To(cidr), VcnId: ptr.To(vcnID),
		FreeformTags: tags, LifecycleState: core.SubnetLifecycleStateAvailable, RouteTableId: ptr.To(rt)}
}

func created(id string) core.CreateSubnetResponse {
	return core.CreateSubnetResponse{Subnet: core.Subnet{Id: ptr.To(id), LifecycleState: core.SubnetLifecycleStateProvisioning}}
}

func isTerminal(reason string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == reason
	}
}

type testCase struct {
	name    string
	scope   *scope
	memo    map[string]async.Memo
	expect  func(s *scope, m *mock_subnets.MockClientMockRecorder)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

func run(t *testing.T, tc testCase, op func(*subnets.Service) error) {
	t.Helper()
	for k, v := range tc.memo {
		tc.scope.Remember(subnets.KeyPrefix+k, &v)
	}
	svctest.Run(t, tc.name, tc.scope, mock_subnets.NewMockClient, tc.expect, tc.wantErr, tc.check,
		func(m *mock_subnets.MockClient) error { return op(subnets.New(tc.scope, m)) })
}

func reconcile(s *subnets.Service) error { return s.Reconcile(context.Background()) }

func TestReconcile(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:  "none yet: created with a retry token, its OCID recorded at once",
			scope: newScope(worker("")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Cond(func(r core.ListSubnetsRequest) bool {
					return *r.VcnId == vcnID && *r.DisplayName == "worker"
				})).Return(core.ListSubnetsResponse{}, nil)
				m.CreateSubnet(gomock.Any(), gomock.Cond(func(r core.CreateSubnetRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && *r.CidrBlock == "10.0.64.0/20" &&
						*r.RouteTableId == "ocid1.rt.private" && *r.ProhibitPublicIpOnVnic && r.Ipv6CidrBlock == nil
				})).Return(created("ocid1.subnet.new"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if got := s.Spec.Subnets[0].ID; got != "ocid1.subnet.new" || s.memo().OwnedID != got {
					t.Errorf("id %q, owned %q; want the new subnet's", got, s.memo().OwnedID)
				}
			},
		},
		{
			name:  "found by name and tags: adopted, no create",
			scope: newScope(worker("")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.theirs", "worker", "10.0.64.0/20", nil),
					subnet("ocid1.subnet.ours", "worker", "10.0.64.0/20", s.OwnedTags())}}, nil)
			},
			check: func(t *testing.T, s *scope) {
				if got := s.Spec.Subnets[0].ID; got != "ocid1.subnet.ours" {
					t.Errorf("id %q, want ocid1.subnet.ours", got)
				}
			},
		},
		{
			name:  "renamed behind our back: renamed back",
			scope: newScope(worker("ocid1.subnet.ours")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.ours", "renamed", "10.0.64.0/20", s.OwnedTags())}}, nil)
				m.UpdateSubnet(gomock.Any(), gomock.Cond(func(r core.UpdateSubnetRequest) bool {
					return *r.SubnetId == "ocid1.subnet.ours" && *r.DisplayName == "worker" && r.CidrBlock == nil
				})).Return(core.UpdateSubnetResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "another CIDR in OCI: a terminal error, no update",
			scope: newScope(worker("ocid1.subnet.ours")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.ours", "worker", "10.0.80.0/20", s.OwnedTags())}}, nil)
			},
			wantErr: isTerminal(async.ReasonRequestRefused),
		},
		{
			name:  "owned and deleted behind our back: recreated",
			scope: newScope(worker("ocid1.subnet.old")),
			memo:  map[string]async.Memo{"worker": {OwnedID: "ocid1.subnet.old", CheckedAt: time.Unix(1, 0)}}, // found in place before
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil)
				m.GetSubnet(gomock.Any(), gomock.Any()).Return(core.GetSubnetResponse{}, svctest.NotFound())
				m.CreateSubnet(gomock.Any(), gomock.Any()).Return(created("ocid1.subnet.new"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if got := s.Spec.Subnets[0].ID; got != "ocid1.subnet.new" {
					t.Errorf("id %q, want the replacement's", got)
				}
			},
		},
		{
			name:  "brought by ID: used as it is, never updated",
			scope: newScope(worker("ocid1.subnet.byo")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.byo", "theirs", "10.9.0.0/24", nil)}}, nil)
			},
		},
		{
			name: "a route table not recorded yet: that subnet waits, the others go on",
			scope: func() *scope {
				s := newScope(worker(""), infrav1.Subnet{Name: "lb", CIDR: "10.0.0.32/27", Type: "public"})
				s.Spec.RouteTable.PrivateRouteTableID = ""
				return s
			}(),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil)
				m.CreateSubnet(gomock.Any(), gomock.Cond(func(r core.CreateSubnetRequest) bool {
					return *r.DisplayName == "lb" && *r.RouteTableId == "ocid1.rt.public" && !*r.ProhibitPublicIpOnVnic
				})).Return(created("ocid1.subnet.lb"), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "an error on one subnet: the others go on, the error wins",
			scope: newScope(infrav1.Subnet{Name: "a", CIDR: "10.0.1.0/24"}, infrav1.Subnet{Name: "b", CIDR: "10.0.2.0/24"}),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil).Times(2)
				m.CreateSubnet(gomock.Any(), gomock.Cond(func(r core.CreateSubnetRequest) bool { return *r.DisplayName == "a" })).
					Return(core.CreateSubnetResponse{}, svctest.ServiceError(http.StatusBadRequest, "InvalidParameter"))
				m.CreateSubnet(gomock.Any(), gomock.Cond(func(r core.CreateSubnetRequest) bool { return *r.DisplayName == "b" })).
					Return(created("ocid1.subnet.b"), nil)
			},
			wantErr: isTerminal(async.ReasonRequestRefused),
		},
		{
			name:    "the VCN is not recorded yet: not done, no call",
			scope:   func() *scope { s := newScope(worker("")); s.Spec.ID = ""; return s }(),
			wantErr: async.IsNotDone,
		},
		{
			name:  "skipped: no call",
			scope: newScope(func() infrav1.Subnet { s := worker("ocid1.subnet.byo"); s.Skip = true; return s }()),
		},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc, reconcile) })
	}
}
