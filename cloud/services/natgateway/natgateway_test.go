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

package natgateway_test

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
	"github.com/oracle/cluster-api-provider-oci/cloud/services/natgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/natgateway/mock_natgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct{ *svctest.Network }

func (s *scope) memo() async.Memo { return s.Memo(natgateway.Key) }
func (s *scope) natID() string {
	if s.Spec.NATGateway == nil {
		return ""
	}
	return s.Spec.NATGateway.ID
}

// mixed is a VCN with the default subnets: private ones (so it needs a NAT gateway) and public ones.
func mixed(nat *infrav1.NATGateway) infrav1.VCN {
	return infrav1.VCN{ID: "ocid1.vcn.test", NATGateway: nat, Subnets: svctest.DefaultSubnets()}
}

func allPublic(nat *infrav1.NATGateway) infrav1.VCN { return svctest.AllOfType(mixed(nat), "public") }

func newScope(v infrav1.VCN) *scope {
	n := svctest.NewNetwork(v)
	n.ServicesErr = errors.New("the NAT gateway needs no services")
	return &scope{n}
}

func recorded(id string) *infrav1.NATGateway {
	return &infrav1.NATGateway{ID: id}
}
func available(id string, tags map[string]string) core.NatGateway {
	return core.NatGateway{Id: ptr.To(id), DisplayName: ptr.To("nat-gateway"), VcnId: ptr.To("ocid1.vcn.test"), LifecycleState: core.NatGatewayLifecycleStateAvailable, FreeformTags: tags}
}
func listed(items ...core.NatGateway) core.ListNatGatewaysResponse {
	return core.ListNatGatewaysResponse{Items: items}
}

// inVCN matches a list of the compartment's gateways in the test VCN, of any name.
func inVCN() gomock.Matcher {
	return gomock.Cond(func(r core.ListNatGatewaysRequest) bool {
		return *r.CompartmentId == "ocid1.compartment.oc1..test" && *r.VcnId == "ocid1.vcn.test" && r.DisplayName == nil
	})
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		memo    *async.Memo
		expect  func(s *scope, m *mock_natgateway.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "none yet: created with a retry token and its OCID recorded at once",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), gomock.Cond(func(r core.ListNatGatewaysRequest) bool {
					return *r.VcnId == "ocid1.vcn.test" && *r.DisplayName == "nat-gateway"
				})).Return(listed(), nil)
				m.CreateNatGateway(gomock.Any(), gomock.Cond(func(r core.CreateNatGatewayRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
						*r.DisplayName == "nat-gateway" && *r.VcnId == "ocid1.vcn.test"
				})).Return(core.CreateNatGatewayResponse{NatGateway: core.NatGateway{Id: ptr.To("ocid1.natgateway.new"),
					LifecycleState: core.NatGatewayLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.natID() != "ocid1.natgateway.new" || s.memo().OwnedID != "ocid1.natgateway.new" {
					t.Errorf("id %q, owned %q; want the new gateway's", s.natID(), s.memo().OwnedID)
				}
			},
		},
		{
			name: "found by name and tags after a lost create response: adopted, no second create",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), gomock.Any()).Return(listed(
					available("ocid1.natgateway.other", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
					available("ocid1.natgateway.ours", s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.natID() != "ocid1.natgateway.ours" || s.memo().OwnedID != "ocid1.natgateway.ours" {
					t.Errorf("id %q, owned %q; want ocid1.natgateway.ours", s.natID(), s.memo().OwnedID)
				}
			},
		},
		{
			name: "brought by ID: read from the VCN's list, used, never updated",
			vcn:  mixed(recorded("ocid1.natgateway.byo")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				g := available("ocid1.natgateway.byo", nil)
				g.DisplayName = ptr.To("theirs")
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" {
					t.Errorf("a brought gateway is recorded as owned")
				}
			},
		},
		{
			name: "recorded but not in the VCN's list: read by ID",
			vcn:  mixed(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetNatGateway(gomock.Any(), gomock.Cond(func(r core.GetNatGatewayRequest) bool {
					return *r.NatGatewayId == "ocid1.natgateway.ours"
				})).Return(core.GetNatGatewayResponse{NatGateway: available("ocid1.natgateway.ours", s.OwnedTags())}, nil)
			},
		},
		{
			name: "owned and deleted behind our back: recreated",
			vcn:  mixed(recorded("ocid1.natgateway.old")),
			memo: &async.Memo{OwnedID: "ocid1.natgateway.old"},
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetNatGateway(gomock.Any(), gomock.Any()).Return(core.GetNatGatewayResponse{}, svctest.NotFound())
				m.CreateNatGateway(gomock.Any(), gomock.Any()).Return(core.CreateNatGatewayResponse{
					NatGateway: core.NatGateway{Id: ptr.To("ocid1.natgateway.new"),
						LifecycleState: core.NatGatewayLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.natID() != "ocid1.natgateway.new" {
					t.Errorf("id %q, want the replacement's", s.natID())
				}
			},
		},
		{
			name: "renamed behind our back: renamed back",
			vcn:  mixed(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				g := available("ocid1.natgateway.ours", s.OwnedTags())
				g.DisplayName = ptr.To("renamed")
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
				m.UpdateNatGateway(gomock.Any(), gomock.Cond(func(r core.UpdateNatGatewayRequest) bool {
					return *r.NatGatewayId == "ocid1.natgateway.ours" && *r.DisplayName == "nat-gateway"
				})).Return(core.UpdateNatGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "on a later page of the VCN's list: found there, no read by ID",
			vcn:  mixed(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListNatGateways(gomock.Any(), gomock.Cond(func(r core.ListNatGatewaysRequest) bool { return r.Page == nil })).
						Return(core.ListNatGatewaysResponse{Items: []core.NatGateway{available("ocid1.natgateway.a", nil),
							available("ocid1.natgateway.b", nil)}, OpcNextPage: ptr.To("2")}, nil),
					m.ListNatGateways(gomock.Any(), gomock.Cond(func(r core.ListNatGatewaysRequest) bool {
						return r.Page != nil && *r.Page == "2"
					})).Return(listed(available("ocid1.natgateway.ours", s.OwnedTags())), nil),
				)
			},
		},
		{name: "skipped: no call", vcn: mixed(&infrav1.NATGateway{Skip: true, ID: "ocid1.natgateway.byo"})},
		{name: "every subnet public: no call", vcn: allPublic(nil)},
		{
			name:    "the VCN not recorded yet: an error saying so",
			vcn:     func() infrav1.VCN { v := mixed(nil); v.ID = ""; return v }(),
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "VCN is not ready") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			s.Remember(natgateway.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_natgateway.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_natgateway.MockClient) error { return natgateway.New(s, m).Reconcile(context.Background()) })
		})
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_natgateway.NewMockClient(ctrl)
	s := newScope(mixed(recorded("ocid1.natgateway.ours")))
	m.EXPECT().ListNatGateways(gomock.Any(), gomock.Any()).
		Return(listed(available("ocid1.natgateway.ours", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := natgateway.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		expect  func(s *scope, m *mock_natgateway.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name: "owned: deleted, then gone",
			vcn:  mixed(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.natgateway.ours", s.OwnedTags())), nil),
					m.DeleteNatGateway(gomock.Any(), gomock.Cond(func(r core.DeleteNatGatewayRequest) bool {
						return *r.NatGatewayId == "ocid1.natgateway.ours"
					})).Return(core.DeleteNatGatewayResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "already gone: done",
			vcn:  mixed(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetNatGateway(gomock.Any(), gomock.Any()).Return(core.GetNatGatewayResponse{}, svctest.NotFound())
			},
		},
		{
			name: "the delete answered NotFound: done with it",
			vcn:  mixed(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.natgateway.ours", s.OwnedTags())), nil)
				m.DeleteNatGateway(gomock.Any(), gomock.Any()).Return(core.DeleteNatGatewayResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "brought by ID: never deleted",
			vcn:  mixed(recorded("ocid1.natgateway.byo")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.natgateway.byo", nil)), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), gomock.Any()).Return(listed(available("ocid1.natgateway.ours", s.OwnedTags())), nil)
				m.DeleteNatGateway(gomock.Any(), gomock.Any()).Return(core.DeleteNatGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "every subnet public by now: still deleted",
			vcn:  allPublic(recorded("ocid1.natgateway.ours")),
			expect: func(s *scope, m *mock_natgateway.MockClientMockRecorder) {
				m.ListNatGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.natgateway.ours", s.OwnedTags())), nil)
				m.DeleteNatGateway(gomock.Any(), gomock.Any()).Return(core.DeleteNatGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "skipped: no call", vcn: mixed(&infrav1.NATGateway{Skip: true, ID: "ocid1.natgateway.byo"})},
		{name: "neither the VCN nor the gateway recorded: no call", vcn: infrav1.VCN{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			svctest.Run(t, "Delete", s, mock_natgateway.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_natgateway.MockClient) error { return natgateway.New(s, m).Delete(context.Background()) })
		})
	}
}
