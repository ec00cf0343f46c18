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

package routetables_test

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
	"github.com/oracle/cluster-api-provider-oci/cloud/services/routetables"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/routetables/mock_routetables"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

const (
	nat = "ocid1.natgateway.test"
	sgw = "ocid1.servicegateway.test"
	igw = "ocid1.internetgateway.test"
)

type scope struct {
	*svctest.Network
	peering *infrav1.VCNPeering
}

func (s *scope) VCNPeering() *infrav1.VCNPeering { return s.peering }
func (s *scope) memo(key string) async.Memo      { return s.Memo(key) }
func (s *scope) ids() (private, public string)   { return ids(s.Spec.RouteTable) }
func ids(rt *infrav1.RouteTable) (string, string) {
	if rt == nil {
		return "", ""
	}
	return rt.PrivateRouteTableID, rt.PublicRouteTableID
}

// network is a VCN with the default subnets (so it needs both tables) and its gateways recorded.
func network(rt *infrav1.RouteTable) infrav1.VCN {
	return infrav1.VCN{ID: "ocid1.vcn.test", RouteTable: rt, NATGateway: &infrav1.NATGateway{ID: nat},
		ServiceGateway: &infrav1.ServiceGateway{ID: sgw}, InternetGateway: &infrav1.InternetGateway{ID: igw},
		Subnets: svctest.DefaultSubnets()}
}

func allOf(typ string) infrav1.VCN { return svctest.AllOfType(network(nil), typ) }

func recorded() *infrav1.RouteTable {
	return &infrav1.RouteTable{PrivateRouteTableID: "ocid1.routetable.private", PublicRouteTableID: "ocid1.routetable.public"}
}

func newScope(v infrav1.VCN) *scope {
	n := svctest.NewNetwork(v)
	n.Services = []core.Service{{Id: ptr.To("ocid1.service.all"), CidrBlock: ptr.To("all-yyz-services-in-oracle-services-network")}}
	return &scope{Network: n}
}
func privateTable(id string, tags map[string]string) core.RouteTable {
	return core.RouteTable{Id: ptr.To(id), DisplayName: ptr.To("private-route-table"), VcnId: ptr.To("ocid1.vcn.test"),
		LifecycleState: core.RouteTableLifecycleStateAvailable, FreeformTags: tags, RouteRules: []core.RouteRule{
			{DestinationType: core.RouteRuleDestinationTypeCidrBlock, Destination: ptr.To("0.0.0.0/0"), NetworkEntityId: ptr.To(nat)},
			{DestinationType: core.RouteRuleDestinationTypeServiceCidrBlock, Destination: ptr.To("all-yyz-services-in-oracle-services-network"),
				NetworkEntityId: ptr.To(sgw)}}}
}

func publicTable(id string, tags map[string]string) core.RouteTable {
	return core.RouteTable{Id: ptr.To(id), DisplayName: ptr.To("public-route-table"), VcnId: ptr.To("ocid1.vcn.test"),
		LifecycleState: core.RouteTableLifecycleStateAvailable, FreeformTags: tags, RouteRules: []core.RouteRule{
			{DestinationType: core.RouteRuleDestinationTypeCidrBlock, Destination: ptr.To("0.0.0.0/0"), NetworkEntityId: ptr.To(igw)}}}
}

func listed(items ...core.RouteTable) core.ListRouteTablesResponse {
	return core.ListRouteTablesResponse{Items: items}
}

// inVCN matches a list of the compartment's route tables in the test VCN, of any name.
func inVCN() gomock.Matcher {
	return gomock.Cond(func(r core.ListRouteTablesRequest) bool {
		return *r.CompartmentId == "ocid1.compartment.oc1..test" && *r.VcnId == "ocid1.vcn.test" && r.DisplayName == nil
	})
}

// named matches a list of the test VCN's route tables of the name.
func named(name string) gomock.Matcher {
	return gomock.Cond(func(r core.ListRouteTablesRequest) bool {
		return *r.VcnId == "ocid1.vcn.test" && r.DisplayName != nil && *r.DisplayName == name
	})
}

func created(id string) core.CreateRouteTableResponse {
	return core.CreateRouteTableResponse{RouteTable: core.RouteTable{Id: ptr.To(id),
		LifecycleState: core.RouteTableLifecycleStateProvisioning}}
}

type reconcileCase struct {
	name    string
	vcn     infrav1.VCN
	peering *infrav1.VCNPeering
	memos   map[string]async.Memo
	expect  func(s *scope, m *mock_routetables.MockClientMockRecorder)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

func runReconcile(t *testing.T, tc reconcileCase) {
	t.Helper()
	ctrl := gomock.NewController(t)
	m := mock_routetables.NewMockClient(ctrl)
	s := newScope(tc.vcn)
	s.peering = tc.peering
	for k, memo := range tc.memos {
		s.Recorder(nil).SetMemo(k, memo)
	}
	if tc.expect != nil {
		tc.expect(s, m.EXPECT())
	}
	err := routetables.New(s, m).Reconcile(context.Background())
	svctest.CheckErr(t, "Reconcile", err, tc.wantErr)
	if tc.check != nil {
		tc.check(t, s)
	}
}

func waitingFor(what string) func(error) bool {
	return func(err error) bool {
		var nd *async.NotDoneError
		return errors.As(err, &nd) && strings.Contains(nd.What, what)
	}
}

func TestReconcileCreatesAndFinds(t *testing.T) {
	for _, tc := range []reconcileCase{
		{
			name: "none yet: both created with retry tokens, their OCIDs recorded at once",
			vcn:  network(nil),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				var tokens []string
				token := func(r core.CreateRouteTableRequest) bool {
					ok := r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64
					if ok {
						tokens = append(tokens, *r.OpcRetryToken)
					}
					return ok && (len(tokens) < 2 || tokens[0] != tokens[1])
				}
				m.ListRouteTables(gomock.Any(), named("private-route-table")).Return(listed(), nil)
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(), nil)
				m.CreateRouteTable(gomock.Any(), gomock.Cond(func(r core.CreateRouteTableRequest) bool {
					return *r.DisplayName == "private-route-table" && len(r.RouteRules) == 2 && token(r)
				})).Return(created("ocid1.routetable.private"), nil)
				m.CreateRouteTable(gomock.Any(), gomock.Cond(func(r core.CreateRouteTableRequest) bool {
					return *r.DisplayName == "public-route-table" && len(r.RouteRules) == 1 && token(r)
				})).Return(created("ocid1.routetable.public"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if private, public := s.ids(); private != "ocid1.routetable.private" || public != "ocid1.routetable.public" {
					t.Errorf("ids %q, %q; want the new tables'", private, public)
				}
				if s.memo(routetables.KeyPrivate).OwnedID != "ocid1.routetable.private" {
					t.Errorf("the private table is not recorded as owned")
				}
			},
		},
		{
			name: "found by name and tags after a lost create response: adopted, no second create",
			vcn:  network(nil),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("private-route-table")).Return(listed(
					privateTable("ocid1.routetable.theirs", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
					privateTable("ocid1.routetable.private", s.OwnedTags())), nil)
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(
					publicTable("ocid1.routetable.public", s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if private, public := s.ids(); private != "ocid1.routetable.private" || public != "ocid1.routetable.public" {
					t.Errorf("ids %q, %q; want the found tables'", private, public)
				}
			},
		},
		{
			name: "both recorded: read with one list of the VCN's tables",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags()),
					publicTable("ocid1.routetable.public", s.OwnedTags()), publicTable("ocid1.routetable.default", nil)), nil).Times(1)
			},
		},
		{
			name: "the VCN's tables in pages of 2: every page read, no read by ID",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListRouteTables(gomock.Any(), gomock.Cond(func(r core.ListRouteTablesRequest) bool { return r.Page == nil })).
						Return(core.ListRouteTablesResponse{Items: []core.RouteTable{publicTable("ocid1.routetable.default", nil),
							privateTable("ocid1.routetable.private", s.OwnedTags())}, OpcNextPage: ptr.To("2")}, nil),
					m.ListRouteTables(gomock.Any(), gomock.Cond(func(r core.ListRouteTablesRequest) bool {
						return r.Page != nil && *r.Page == "2"
					})).Return(listed(publicTable("ocid1.routetable.public", s.OwnedTags())), nil),
				)
			},
		},
		{
			name: "recorded but not in the VCN's list: read by ID",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags())), nil)
				m.GetRouteTable(gomock.Any(), gomock.Cond(func(r core.GetRouteTableRequest) bool { return *r.RtId == "ocid1.routetable.public" })).
					Return(core.GetRouteTableResponse{RouteTable: publicTable("ocid1.routetable.public", s.OwnedTags())}, nil)
			},
		},
		{
			name:  "owned and deleted behind our back: recreated",
			vcn:   network(recorded()),
			memos: map[string]async.Memo{routetables.KeyPublic: {OwnedID: "ocid1.routetable.public"}},
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags())), nil)
				m.GetRouteTable(gomock.Any(), gomock.Any()).Return(core.GetRouteTableResponse{}, svctest.NotFound())
				m.CreateRouteTable(gomock.Any(), gomock.Cond(func(r core.CreateRouteTableRequest) bool {
					return *r.DisplayName == "public-route-table"
				})).Return(created("ocid1.routetable.new"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if _, public := s.ids(); public != "ocid1.routetable.new" {
					t.Errorf("public id %q, want the replacement's", public)
				}
			},
		},
		{
			name: "IPv6: the public table routes ::/0 too",
			vcn: func() infrav1.VCN {
				v := allOf("public")
				v.IsIPv6Enabled = ptr.To(true)
				return v
			}(),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(), nil)
				m.CreateRouteTable(gomock.Any(), gomock.Cond(func(r core.CreateRouteTableRequest) bool {
					return len(r.RouteRules) == 2 && *r.RouteRules[1].Destination == "::/0" && *r.RouteRules[1].NetworkEntityId == igw
				})).Return(created("ocid1.routetable.public"), nil)
			},
			wantErr: async.IsNotDone,
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runReconcile(t, tc) })
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_routetables.NewMockClient(ctrl)
	s := newScope(network(recorded()))
	m.EXPECT().ListRouteTables(gomock.Any(), gomock.Any()).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags()),
		publicTable("ocid1.routetable.public", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := routetables.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}
