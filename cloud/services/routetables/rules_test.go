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
	"errors"
	"net/http"
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

func TestReconcileKeepsRulesAsDeclared(t *testing.T) {
	for _, tc := range []reconcileCase{
		{
			name: "a route removed behind our back: all the rules put back",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				private := privateTable("ocid1.routetable.private", s.OwnedTags())
				private.RouteRules = private.RouteRules[1:]
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(private, publicTable("ocid1.routetable.public", s.OwnedTags())), nil)
				m.UpdateRouteTable(gomock.Any(), gomock.Cond(func(r core.UpdateRouteTableRequest) bool {
					return *r.RtId == "ocid1.routetable.private" && len(r.RouteRules) == 2
				})).Return(core.UpdateRouteTableResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "a peer route added to the spec: sent through the DRG",
			vcn:  network(recorded()),
			peering: &infrav1.VCNPeering{DRG: &infrav1.DRG{ID: "ocid1.drg.test"},
				PeerRouteRules: []infrav1.PeerRouteRule{{VCNCIDRRange: "10.1.0.0/16"}}},
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags()),
					publicTable("ocid1.routetable.public", s.OwnedTags())), nil)
				m.UpdateRouteTable(gomock.Any(), gomock.Cond(func(r core.UpdateRouteTableRequest) bool {
					return len(r.RouteRules) == 3 && *r.RouteRules[2].Destination == "10.1.0.0/16" &&
						*r.RouteRules[2].NetworkEntityId == "ocid1.drg.test"
				})).Return(core.UpdateRouteTableResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "brought by ID: used as it is, never updated",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				private := privateTable("ocid1.routetable.private", nil)
				private.RouteRules = nil
				public := publicTable("ocid1.routetable.public", nil)
				public.DisplayName = ptr.To("theirs")
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(private, public), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo(routetables.KeyPrivate).OwnedID != "" || s.memo(routetables.KeyPublic).OwnedID != "" {
					t.Errorf("a brought table is recorded as owned")
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runReconcile(t, tc) })
	}
}

func TestReconcileChoosesTablesAndWaits(t *testing.T) {
	for _, tc := range []reconcileCase{
		{
			name: "every subnet private: only the private table",
			vcn:  allOf("private"),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("private-route-table")).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags())), nil)
			},
		},
		{
			name: "every subnet public: only the public table, no services listed",
			vcn:  allOf("public"),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(publicTable("ocid1.routetable.public", s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.ServiceLists != 0 {
					t.Errorf("the services were listed for a public table")
				}
			},
		},
		{
			name: "the NAT gateway not recorded yet: the private table waits, the public one is made",
			vcn:  func() infrav1.VCN { v := network(nil); v.NATGateway = nil; return v }(),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(publicTable("ocid1.routetable.public", s.OwnedTags())), nil)
			},
			wantErr: waitingFor("NAT gateway"),
		},
		{
			name: "a table waits and the other fails: the failure wins",
			vcn:  func() infrav1.VCN { v := network(nil); v.NATGateway = nil; return v }(),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(), nil)
				m.CreateRouteTable(gomock.Any(), gomock.Any()).Return(core.CreateRouteTableResponse{},
					svctest.ServiceError(http.StatusBadRequest, "InvalidParameter"))
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal
			},
		},
		{
			name: "a failure ends the run: the next table is not looked at",
			vcn:  network(nil),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("private-route-table")).Return(listed(), svctest.ServiceError(http.StatusInternalServerError, "InternalError"))
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient
			},
		},
		{name: "skipped: no call", vcn: func() infrav1.VCN { v := network(recorded()); v.RouteTable.Skip = true; return v }()},
		{
			name:    "the VCN not recorded yet: an error saying so",
			vcn:     func() infrav1.VCN { v := network(nil); v.ID = ""; return v }(),
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "VCN is not ready") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runReconcile(t, tc) })
	}
}
