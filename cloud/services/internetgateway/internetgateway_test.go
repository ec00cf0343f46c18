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
	"net/http"
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

type scope struct {
	*svctest.Owner
	vcn infrav1.VCN
}

func (s *scope) ClusterName() string { return "c1" }
func (s *scope) VCN() *infrav1.VCN   { return &s.vcn }
func (s *scope) OracleServices(context.Context) ([]core.Service, error) {
	return nil, errors.New("the internet gateway needs no services")
}
func (s *scope) memo() async.Memo { return s.Recorder(nil).Memo(internetgateway.Key) }
func (s *scope) igwID() string {
	if s.vcn.InternetGateway == nil {
		return ""
	}
	return s.vcn.InternetGateway.ID
}

// mixed is a VCN with the default subnets: public ones (so it needs an internet gateway) and private ones.
func mixed(igw *infrav1.InternetGateway) infrav1.VCN {
	return infrav1.VCN{ID: "ocid1.vcn.test", InternetGateway: igw, Subnets: []infrav1.Subnet{
		{Name: "control-plane-endpoint", Role: "control-plane-endpoint", Type: "public"},
		{Name: "control-plane", Role: "control-plane", Type: "private"},
		{Name: "service-lb", Role: "service-lb", Type: "public"},
		{Name: "worker", Role: "worker", Type: "private"}}}
}

func allPrivate(igw *infrav1.InternetGateway) infrav1.VCN {
	v := mixed(igw)
	for i := range v.Subnets {
		v.Subnets[i].Type = "private"
	}
	return v
}

func newScope(v infrav1.VCN) *scope { return &scope{Owner: svctest.NewOwner(), vcn: v} }
func notFound() error               { return svctest.ServiceError(http.StatusNotFound, "NotAuthorizedOrNotFound") }
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
				m.GetInternetGateway(gomock.Any(), gomock.Any()).Return(core.GetInternetGatewayResponse{}, notFound())
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
			ctrl := gomock.NewController(t)
			m := mock_internetgateway.NewMockClient(ctrl)
			s := newScope(tc.vcn)
			if tc.memo != nil {
				s.Recorder(nil).SetMemo(internetgateway.Key, *tc.memo)
			}
			if tc.expect != nil {
				tc.expect(s, m.EXPECT())
			}
			err := internetgateway.New(s, m).Reconcile(context.Background())
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("Reconcile: %v", err)
			case tc.wantErr != nil && !tc.wantErr(err):
				t.Fatalf("Reconcile: %v, not the error wanted", err)
			}
			if tc.check != nil {
				tc.check(t, s)
			}
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
				m.GetInternetGateway(gomock.Any(), gomock.Any()).Return(core.GetInternetGatewayResponse{}, notFound())
			},
		},
		{
			name: "the delete answered NotFound: done with it",
			vcn:  mixed(recorded("ocid1.internetgateway.ours")),
			expect: func(s *scope, m *mock_internetgateway.MockClientMockRecorder) {
				m.ListInternetGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.internetgateway.ours", s.OwnedTags())), nil)
				m.DeleteInternetGateway(gomock.Any(), gomock.Any()).Return(core.DeleteInternetGatewayResponse{}, notFound())
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
			ctrl := gomock.NewController(t)
			m := mock_internetgateway.NewMockClient(ctrl)
			s := newScope(tc.vcn)
			if tc.expect != nil {
				tc.expect(s, m.EXPECT())
			}
			err := internetgateway.New(s, m).Delete(context.Background())
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("Delete: %v", err)
			case tc.wantErr != nil && !tc.wantErr(err):
				t.Fatalf("Delete: %v, not the error wanted", err)
			}
		})
	}
}
