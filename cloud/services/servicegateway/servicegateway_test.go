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

package servicegateway_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicegateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicegateway/mock_servicegateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct{ *svctest.Network }

func (s *scope) memo() async.Memo { return s.Memo(servicegateway.Key) }
func (s *scope) sgwID() string {
	if s.Spec.ServiceGateway == nil {
		return ""
	}
	return s.Spec.ServiceGateway.ID
}

// mixed is a VCN with the default subnets: private ones (so it needs a service gateway) and public ones.
func mixed(sgw *infrav1.ServiceGateway) infrav1.VCN {
	return infrav1.VCN{ID: "ocid1.vcn.test", ServiceGateway: sgw, Subnets: svctest.DefaultSubnets()}
}

func allPublic(sgw *infrav1.ServiceGateway) infrav1.VCN {
	return svctest.AllOfType(mixed(sgw), "public")
}

func newScope(v infrav1.VCN) *scope {
	n := svctest.NewNetwork(v)
	n.Services = []core.Service{
		{Id: ptr.To("ocid1.service.objectstorage"), CidrBlock: ptr.To("oci-yyz-objectstorage")},
		{Id: ptr.To("ocid1.service.all"), CidrBlock: ptr.To("all-yyz-services-in-oracle-services-network")},
	}
	return &scope{n}
}

func recorded(id string) *infrav1.ServiceGateway {
	return &infrav1.ServiceGateway{ID: id}
}
func available(id string, tags map[string]string) core.ServiceGateway {
	return core.ServiceGateway{Id: ptr.To(id), DisplayName: ptr.To("service-gateway"), VcnId: ptr.To("ocid1.vcn.test"), LifecycleState: core.ServiceGatewayLifecycleStateAvailable, FreeformTags: tags,
		Services: []core.ServiceIdResponseDetails{{ServiceId: ptr.To("ocid1.service.all")}}}
}
func listed(items ...core.ServiceGateway) core.ListServiceGatewaysResponse {
	return core.ListServiceGatewaysResponse{Items: items}
}

// inVCN matches a list of the compartment's gateways in the test VCN, of any name.
func inVCN() gomock.Matcher {
	return gomock.Cond(func(r core.ListServiceGatewaysRequest) bool {
		return *r.CompartmentId == "ocid1.compartment.oc1..test" && *r.VcnId == "ocid1.vcn.test"
	})
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		memo    *async.Memo
		expect  func(s *scope, m *mock_servicegateway.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "none yet: created with a retry token and its OCID recorded at once",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), gomock.Cond(func(r core.ListServiceGatewaysRequest) bool {
					return *r.VcnId == "ocid1.vcn.test"
				})).Return(listed(), nil)
				m.CreateServiceGateway(gomock.Any(), gomock.Cond(func(r core.CreateServiceGatewayRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
						*r.DisplayName == "service-gateway" && *r.VcnId == "ocid1.vcn.test" &&
						len(r.Services) == 1 && *r.Services[0].ServiceId == "ocid1.service.all"
				})).Return(core.CreateServiceGatewayResponse{ServiceGateway: core.ServiceGateway{Id: ptr.To("ocid1.servicegateway.new"),
					LifecycleState: core.ServiceGatewayLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.sgwID() != "ocid1.servicegateway.new" || s.memo().OwnedID != "ocid1.servicegateway.new" {
					t.Errorf("id %q, owned %q; want the new gateway's", s.sgwID(), s.memo().OwnedID)
				}
			},
		},
		{
			name: "found by name and tags after a lost create response: adopted, no second create",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), gomock.Any()).Return(listed(
					available("ocid1.servicegateway.other", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
					func() core.ServiceGateway {
						g := available("ocid1.servicegateway.named", s.OwnedTags())
						g.DisplayName = ptr.To("another-name")
						return g
					}(),
					available("ocid1.servicegateway.ours", s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.sgwID() != "ocid1.servicegateway.ours" || s.memo().OwnedID != "ocid1.servicegateway.ours" {
					t.Errorf("id %q, owned %q; want ocid1.servicegateway.ours", s.sgwID(), s.memo().OwnedID)
				}
			},
		},
		{
			name: "brought by ID: read from the VCN's list, used, never updated",
			vcn:  mixed(recorded("ocid1.servicegateway.byo")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				g := available("ocid1.servicegateway.byo", nil)
				g.DisplayName = ptr.To("theirs")
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" {
					t.Errorf("a brought gateway is recorded as owned")
				}
			},
		},
		{
			name: "recorded but not in the VCN's list: read by ID",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetServiceGateway(gomock.Any(), gomock.Cond(func(r core.GetServiceGatewayRequest) bool {
					return *r.ServiceGatewayId == "ocid1.servicegateway.ours"
				})).Return(core.GetServiceGatewayResponse{ServiceGateway: available("ocid1.servicegateway.ours", s.OwnedTags())}, nil)
			},
		},
		{
			name: "owned and deleted behind our back: recreated",
			vcn:  mixed(recorded("ocid1.servicegateway.old")),
			memo: &async.Memo{OwnedID: "ocid1.servicegateway.old", CheckedAt: time.Unix(1, 0)}, // found in place before
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetServiceGateway(gomock.Any(), gomock.Any()).Return(core.GetServiceGatewayResponse{}, svctest.NotFound())
				m.CreateServiceGateway(gomock.Any(), gomock.Any()).Return(core.CreateServiceGatewayResponse{
					ServiceGateway: core.ServiceGateway{Id: ptr.To("ocid1.servicegateway.new"),
						LifecycleState: core.ServiceGatewayLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.sgwID() != "ocid1.servicegateway.new" {
					t.Errorf("id %q, want the replacement's", s.sgwID())
				}
			},
		},
		{
			name: "renamed behind our back: renamed back",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				g := available("ocid1.servicegateway.ours", s.OwnedTags())
				g.DisplayName = ptr.To("renamed")
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
				m.UpdateServiceGateway(gomock.Any(), gomock.Cond(func(r core.UpdateServiceGatewayRequest) bool {
					return *r.ServiceGatewayId == "ocid1.servicegateway.ours" && *r.DisplayName == "service-gateway" && r.Services == nil
				})).Return(core.UpdateServiceGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "on a later page of the VCN's list: found there, no read by ID",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListServiceGateways(gomock.Any(), gomock.Cond(func(r core.ListServiceGatewaysRequest) bool { return r.Page == nil })).
						Return(core.ListServiceGatewaysResponse{Items: []core.ServiceGateway{available("ocid1.servicegateway.a", nil),
							available("ocid1.servicegateway.b", nil)}, OpcNextPage: ptr.To("2")}, nil),
					m.ListServiceGateways(gomock.Any(), gomock.Cond(func(r core.ListServiceGatewaysRequest) bool {
						return r.Page != nil && *r.Page == "2"
					})).Return(listed(available("ocid1.servicegateway.ours", s.OwnedTags())), nil),
				)
			},
		},
		{name: "skipped: no call", vcn: mixed(&infrav1.ServiceGateway{Skip: true, ID: "ocid1.servicegateway.byo"})},
		{
			name: "serving object storage only: all services put back",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				g := available("ocid1.servicegateway.ours", s.OwnedTags())
				g.Services = []core.ServiceIdResponseDetails{{ServiceId: ptr.To("ocid1.service.objectstorage")}}
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(g), nil)
				m.UpdateServiceGateway(gomock.Any(), gomock.Cond(func(r core.UpdateServiceGatewayRequest) bool {
					return len(r.Services) == 1 && *r.Services[0].ServiceId == "ocid1.service.all"
				})).Return(core.UpdateServiceGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "the region's services not listed: an error saying what was being done, no gateway call",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				s.ServicesErr = errors.New("boom")
			},
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "service gateway's services") },
		},
		{name: "every subnet public: no call", vcn: allPublic(nil)},
		{
			name:    "the VCN not recorded yet: an error saying so",
			vcn:     func() infrav1.VCN { v := mixed(nil); v.ID = ""; return v }(),
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "VCN is not ready") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			s.Remember(servicegateway.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_servicegateway.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_servicegateway.MockClient) error {
					return servicegateway.New(s, m).Reconcile(context.Background())
				})
		})
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_servicegateway.NewMockClient(ctrl)
	s := newScope(mixed(recorded("ocid1.servicegateway.ours")))
	m.EXPECT().ListServiceGateways(gomock.Any(), gomock.Any()).
		Return(listed(available("ocid1.servicegateway.ours", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := servicegateway.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		expect  func(s *scope, m *mock_servicegateway.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name: "owned: deleted, then gone",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.servicegateway.ours", s.OwnedTags())), nil),
					m.DeleteServiceGateway(gomock.Any(), gomock.Cond(func(r core.DeleteServiceGatewayRequest) bool {
						return *r.ServiceGatewayId == "ocid1.servicegateway.ours"
					})).Return(core.DeleteServiceGatewayResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "already gone: done",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetServiceGateway(gomock.Any(), gomock.Any()).Return(core.GetServiceGatewayResponse{}, svctest.NotFound())
			},
		},
		{
			name: "the delete answered NotFound: done with it",
			vcn:  mixed(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.servicegateway.ours", s.OwnedTags())), nil)
				m.DeleteServiceGateway(gomock.Any(), gomock.Any()).Return(core.DeleteServiceGatewayResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "brought by ID: never deleted",
			vcn:  mixed(recorded("ocid1.servicegateway.byo")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.servicegateway.byo", nil)), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted",
			vcn:  mixed(nil),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), gomock.Any()).Return(listed(available("ocid1.servicegateway.ours", s.OwnedTags())), nil)
				m.DeleteServiceGateway(gomock.Any(), gomock.Any()).Return(core.DeleteServiceGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "every subnet public by now: still deleted",
			vcn:  allPublic(recorded("ocid1.servicegateway.ours")),
			expect: func(s *scope, m *mock_servicegateway.MockClientMockRecorder) {
				m.ListServiceGateways(gomock.Any(), inVCN()).Return(listed(available("ocid1.servicegateway.ours", s.OwnedTags())), nil)
				m.DeleteServiceGateway(gomock.Any(), gomock.Any()).Return(core.DeleteServiceGatewayResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "skipped: no call", vcn: mixed(&infrav1.ServiceGateway{Skip: true, ID: "ocid1.servicegateway.byo"})},
		{name: "neither the VCN nor the gateway recorded: no call", vcn: infrav1.VCN{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctrl := gomock.NewController(t)
			m := mock_servicegateway.NewMockClient(ctrl)
			s := newScope(tc.vcn)
			if tc.expect != nil {
				tc.expect(s, m.EXPECT())
			}
			err := servicegateway.New(s, m).Delete(context.Background())
			if s.ServiceLists != 0 {
				t.Errorf("Delete listed the region's services")
			}
			svctest.CheckErr(t, "Delete", err, tc.wantErr)
		})
	}
}
