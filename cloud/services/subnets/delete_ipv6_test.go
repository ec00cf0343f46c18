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
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/subnets"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/subnets/mock_subnets"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func ipv6Scope() *scope {
	s := newScope(infrav1.Subnet{Name: "a", CIDR: "10.0.1.0/24", IPv6CIDRBlockHextet: "01"},
		infrav1.Subnet{Name: "b", CIDR: "10.0.2.0/24", IPv6CIDRBlockHextet: "2"}, infrav1.Subnet{Name: "v4", CIDR: "10.0.3.0/24"})
	s.Spec.IsIPv6Enabled = ptr.To(true)
	return s
}

func TestIPv6(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:  "the VCN read once, each /64 placed in its first IPv6 CIDR",
			scope: ipv6Scope(),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil).Times(3)
				m.GetVcn(gomock.Any(), gomock.Cond(func(r core.GetVcnRequest) bool { return *r.VcnId == vcnID })).
					Return(core.GetVcnResponse{Vcn: core.Vcn{Ipv6CidrBlocks: []string{"2603:c020:4000:9a00::/56", "fd00::/48"}}}, nil).Times(1)
				for name, block := range map[string]string{"a": "2603:c020:4000:9a01::/64", "b": "2603:c020:4000:9a02::/64"} {
					m.CreateSubnet(gomock.Any(), gomock.Cond(func(r core.CreateSubnetRequest) bool {
						return *r.DisplayName == name && r.Ipv6CidrBlock != nil && *r.Ipv6CidrBlock == block
					})).Return(created("ocid1.subnet."+name), nil)
				}
				m.CreateSubnet(gomock.Any(), gomock.Cond(func(r core.CreateSubnetRequest) bool {
					return *r.DisplayName == "v4" && r.Ipv6CidrBlock == nil
				})).Return(created("ocid1.subnet.v4"), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "subnets in place: the VCN is not read",
			scope: func() *scope {
				s := ipv6Scope()
				s.Spec.Subnets = s.Spec.Subnets[:1]
				s.Spec.Subnets[0].ID = "ocid1.subnet.a"
				return s
			}(),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.a", "a", "10.0.1.0/24", s.OwnedTags())}}, nil)
			},
		},
		{
			name:  "an IPv6 VCN without an IPv6 CIDR: a terminal error naming the subnet",
			scope: func() *scope { s := ipv6Scope(); s.Spec.Subnets = s.Spec.Subnets[:1]; return s }(),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil)
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{}, nil)
			},
			wantErr: func(err error) bool {
				return isTerminal(async.ReasonRequestRefused)(err) && strings.Contains(err.Error(), "subnet/a")
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc, reconcile) })
	}
}

// TestOneListServesTheDriftCheck checks that n subnets are read with one list (of two pages here), not n reads.
func TestOneListServesTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_subnets.NewMockClient(ctrl)
	s := newScope()
	var items []core.Subnet
	for i, n := range []string{"a", "b", "c"} {
		cidr := []string{"10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"}[i]
		s.Spec.Subnets = append(s.Spec.Subnets, infrav1.Subnet{ID: "ocid1.subnet." + n, Name: n, CIDR: cidr})
		items = append(items, subnet("ocid1.subnet."+n, n, cidr, s.OwnedTags()))
	}
	gomock.InOrder(
		m.EXPECT().ListSubnets(gomock.Any(), gomock.Cond(func(r core.ListSubnetsRequest) bool { return r.Page == nil && r.DisplayName == nil })).
			Return(core.ListSubnetsResponse{Items: items[:2], OpcNextPage: ptr.To("p2")}, nil),
		m.EXPECT().ListSubnets(gomock.Any(), gomock.Cond(func(r core.ListSubnetsRequest) bool { return *r.Page == "p2" })).
			Return(core.ListSubnetsResponse{Items: items[2:]}, nil),
	)
	for range 2 { // the second reconcile makes no call: the drift check is not due
		if err := subnets.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []testCase{
		{
			name:  "owned: deleted, then gone is success",
			scope: newScope(worker("ocid1.subnet.ours")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
						subnet("ocid1.subnet.ours", "worker", "10.0.64.0/20", s.OwnedTags())}}, nil),
					m.DeleteSubnet(gomock.Any(), gomock.Cond(func(r core.DeleteSubnetRequest) bool { return *r.SubnetId == "ocid1.subnet.ours" })).
						Return(core.DeleteSubnetResponse{}, nil),
					m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil),
					m.GetSubnet(gomock.Any(), gomock.Any()).Return(core.GetSubnetResponse{}, svctest.NotFound()),
				)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo() != (async.Memo{Deleted: true}) {
					t.Errorf("memo %+v after the delete, want it marked deleted", s.memo())
				}
			},
		},
		{
			name:  "never recorded: found by name and tags, then deleted",
			scope: newScope(worker("")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.ours", "worker", "10.0.64.0/20", s.OwnedTags())}}, nil)
				m.DeleteSubnet(gomock.Any(), gomock.Any()).Return(core.DeleteSubnetResponse{}, nil)
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{}, nil)
			},
		},
		{
			name:  "still used by VNICs: a transient error naming the subnet and what OCI says",
			scope: newScope(worker("ocid1.subnet.ours")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.ours", "worker", "10.0.64.0/20", s.OwnedTags())}}, nil)
				m.DeleteSubnet(gomock.Any(), gomock.Any()).Return(core.DeleteSubnetResponse{}, svctest.Conflict())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient && e.Reason == svc.ReasonInUse &&
					strings.HasPrefix(e.Message, "subnet worker cannot be deleted yet: Conflict; delete what uses it")
			},
		},
		{
			name:  "brought by ID: never deleted",
			scope: newScope(worker("ocid1.subnet.byo")),
			expect: func(s *scope, m *mock_subnets.MockClientMockRecorder) {
				m.ListSubnets(gomock.Any(), gomock.Any()).Return(core.ListSubnetsResponse{Items: []core.Subnet{
					subnet("ocid1.subnet.byo", "worker", "10.0.64.0/20", nil)}}, nil)
			},
		},
		{
			name:  "skipped: no call",
			scope: newScope(func() infrav1.Subnet { s := worker("ocid1.subnet.ours"); s.Skip = true; return s }()),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run(t, tc, func(s *subnets.Service) error {
				err := s.Delete(context.Background())
				if async.IsNotDone(err) {
					err = s.Delete(context.Background())
				}
				return err
			})
		})
	}
}
