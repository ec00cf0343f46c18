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

package internetgateway_test

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
	"github.com/oracle/cluster-api-provider-oci/cloud/services/internetgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/internetgateway/mock_internetgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct{ *svctest.Network }

func (s *scope) memo() async.Memo { return s.Memo(internetgateway.Key) }
func (s *scope) igwID() string {
	if s.Spec.InternetGateway == nil {
		return ""
	}
	return s.Spec.InternetGateway.ID
}

// mixed is a VCN with the default subnets: public ones (so it needs an internet gateway) and private ones.
func mixed(igw *infrav1.InternetGateway) infrav1.VCN {
	return infrav1.VCN{ID: "ocid1.vcn.test", InternetGateway: igw, Subnets: svctest.DefaultSubnets()}
}

func allPrivate(igw *infrav1.InternetGateway) infrav1.VCN {
	return svctest.AllOfType(mixed(igw), "private")
}

func newScope(v infrav1.VCN) *scope {
	n := svctest.NewNetwork(v)
	n.ServicesErr = errors.New("the internet gateway needs no services")
	return &scope{n}
}

func recorded(id string) *infrav1.InternetGateway {
	return &infrav1.InternetGateway{ID: id}
}
func available(id string, tags map[string]string) core.InternetGateway {
	return core.InternetGateway{Id: ptr.To(id), DisplayName: ptr.To("internet-gateway"), VcnId: ptr.To("ocid1.vcn.test"),
		IsEnabled: ptr.To(true), LifecycleState: core.InternetGatewayLifecycleStateAvailable, FreeformTags: tags}
}
func listed(items ...core.InternetGateway) core.ListInternetGatewaysResponse {
	return core.ListInternetGatewaysResponse{Items: items}
}

// inVCN matches a list of the compartment's gateways in the test VCN, of any name.
func inVCN() gomock.Matcher {
	return gomock.Cond(func(r core.ListInternetGatewaysRequest) bool {
		return *r.CompartmentId == "ocid1.compartment.oc1..test" && *r.VcnId == "ocid1.vcn.test" && r.DisplayName == nil
	})
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		memo    *async.Memo
		expect  func(s *scope, m *mock_internetgateway.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "none yet: created with a retry token and its OCID recorded at once",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), gomock.Cond(func(r core.ListInternetGatewaysRequest) bool {
					return *r.VcnId == "ocid1.vcn.test" && *r.DisplayName == "internet-gateway"
				})).Return(listed(), nil)
				m.CreateInternetGateway(gomock.Any(), gomock.Cond(func(r core.CreateInternetGatewayRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
						*r.DisplayName == "internet-gateway" && *r.VcnId == "ocid1.vcn.test" && *r.IsEnabled
				})).Return(core.CreateInternetGatewayResponse{InternetGateway: core.InternetGateway{Id: ptr.To("ocid1.internetgateway.new"),
					LifecycleState: core.InternetGatewayLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.igwID() != "ocid1.internetgateway.new" || s.memo().OwnedID != "ocid1.internetgateway.new" {
					t.Errorf("id %q, owned %q; want the new gateway's", s.igwID(), s.memo().OwnedID)
				}
			},
		},
		{
			name: "found by name and tags after a lost create response: adopted, no second create",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), gomock.Any()).Return(listed(
					available("ocid1.internetgateway.other", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
					available("ocid1.internetgateway.ours", s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.igwID() != "ocid1.internetgateway.ours" || s.memo().OwnedID != "ocid1.internetgateway.ours" {
					t.Errorf("id %q, owned %q; want ocid1.internetgateway.ours", s.igwID(), s.memo().OwnedID)
				}
			},
		},
		{
			name: "brought by ID: read from the VCN's list, used, never updated",
			vcn:  mixed(recorded("ocid1.internetgateway.byo")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				g := available("ocid1.internetgateway.byo", nil)
				g.DisplayName, g.IsEnabled = ptr.To("theirs"), ptr.To(false)
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" {
					t.Errorf("a brought gateway is recorded as owned")
				}
			},
		},
		{
			name: "recorded but not in the VCN's list: read by ID",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetInternetGateway(gomock.Any(), gomock.Cond(func(r core.GetInternetGatewayRequest) bool {
					return *r.IgId == "ocid1.internetgateway.ours"
				})).Return(core.GetInternetGatewayResponse{InternetGateway: available("ocid1.internetgateway.ours", s.OwnedTags())}, nil)
			},
		},
		{
			name: "owned and deleted behind our back: recreated",
			vcn:  mixed(recorded("ocid1.internetgateway.old")),
			memo: &async.Memo{OwnedID: "ocid1.internetgateway.old"},
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetInternetGateway(gomock.Any(), gomock.Any()).Return(core.GetInternetGatewayResponse{}, svctest.NotFound())
				m.CreateInternetGateway(gomock.Any(), gomock.Any()).Return(core.CreateInternetGatewayResponse{
					InternetGateway: core.InternetGateway{Id: ptr.To("ocid1.internetgateway.new"),
						LifecycleState: core.InternetGatewayLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.igwID() != "ocid1.internetgateway.new" {
					t.Errorf("id %q, want the replacement's", s.igwID())
				}
			},
		},
		{
			name: "disabled behind our back: enabled again",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				g := available("ocid1.internetgateway.ours", s.OwnedTags())
				g.IsEnabled = ptr.To(false)
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
				m.UpdateInternetGateway(gomock.Any(), gomock.Cond(func(r core.UpdateInternetGatewayRequest) bool {
					return *r.IgId == "ocid1.internetgateway.ours" && *r.IsEnabled
				})).Return(core.UpdateInternetGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "on a later page of the VCN's list: found there, no read by ID",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListInternetGateways(gomock.Any(), gomock.Cond(func(r core.ListInternetGatewaysRequest) bool { return r.Page == nil })).
						Return(core.ListInternetGatewaysResponse{Items: []core.InternetGateway{available("ocid1.internetgateway.a", nil),
							available("ocid1.internetgateway.b", nil)}, OpcNextPage: ptr.To("2")}, nil),
					m.ListInternetGateways(gomock.Any(), gomock.Cond(func(r core.ListInternetGatewaysRequest) bool {
						return r.Page != nil && *r.Page == "2"
					})).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil),
				)
			},
		},
		{name: "skipped: no call", vcn: mixed(&infrav1.InternetGateway{Skip: true, ID: "ocid1.internetgateway.byo"})},
		{name: "every subnet private: no call", vcn: allPrivate(nil)},
		{
			name:    "the VCN not recorded yet: an error saying so",
			vcn:     func() infrav1.VCN { v := mixed(nil); v.ID = ""; return v }(),
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "VCN is not ready") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			s.Remember(internetgateway.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_internetgateway.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_internetgateway.MockClient) error {
					return internetgateway.New(s, m).Reconcile(context.Background())
				})
		})
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_internetgateway.NewMockClient(ctrl)
	s := newScope(mixed(recorded("ocid1.internetgateway.ours")))
	m.EXPECT().ListInternetGateways(gomock.Any(), gomock.Any()).
		Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := internetgateway.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		expect  func(s *scope, m *mock_internetgateway.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name: "owned: deleted, then gone",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil),
					m.DeleteInternetGateway(gomock.Any(), gomock.Cond(func(r core.DeleteInternetGatewayRequest) bool {
						return *r.IgId == "ocid1.internetgateway.ours"
					})).Return(core.DeleteInternetGatewayResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "already gone: done",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetInternetGateway(gomock.Any(), gomock.Any()).Return(core.GetInternetGatewayResponse{}, svctest.NotFound())
			},
		},
		{
			name: "the delete answered NotFound: done with it",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil)
				m.DeleteInternetGateway(gomock.Any(), gomock.Any()).Return(core.DeleteInternetGatewayResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "brought by ID: never deleted",
			vcn:  mixed(recorded("ocid1.internetgateway.byo")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.internetgateway.byo", nil)), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), gomock.Any()).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil)
				m.DeleteInternetGateway(gomock.Any(), gomock.Any()).Return(core.DeleteInternetGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "gated on its own skip flag, not the route tables': deleted",
			vcn: func() infrav1.VCN {
				v := mixed(recorded("ocid1.internetgateway.ours"))
				v.RouteTable = &infrav1.RouteTable{Skip: true}
				return v
			}(),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil)
				m.DeleteInternetGateway(gomock.Any(), gomock.Any()).Return(core.DeleteInternetGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "every subnet private by now: still deleted",
			vcn:  allPrivate(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil)
				m.DeleteInternetGateway(gomock.Any(), gomock.Any()).Return(core.DeleteInternetGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "skipped: no call", vcn: mixed(&infrav1.InternetGateway{Skip: true, ID: "ocid1.internetgateway.byo"})},
		{name: "neither the VCN nor the gateway recorded: no call", vcn: infrav1.VCN{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			svctest.Run(t, "Delete", s, mock_internetgateway.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_internetgateway.MockClient) error {
					return internetgateway.New(s, m).Delete(context.Background())
				})
		})
	}
}
