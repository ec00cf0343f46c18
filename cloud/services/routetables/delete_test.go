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
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/routetables"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/routetables/mock_routetables"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		expect  func(s *scope, m *mock_routetables.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name: "owned: both deleted after one list, then gone",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags()),
					publicTable("ocid1.routetable.public", s.OwnedTags())), nil).Times(1)
				m.DeleteRouteTable(gomock.Any(), gomock.Cond(func(r core.DeleteRouteTableRequest) bool { return *r.RtId == "ocid1.routetable.private" })).
					Return(core.DeleteRouteTableResponse{}, nil)
				m.DeleteRouteTable(gomock.Any(), gomock.Cond(func(r core.DeleteRouteTableRequest) bool { return *r.RtId == "ocid1.routetable.public" })).
					Return(core.DeleteRouteTableResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "already gone: done",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(), nil)
				m.GetRouteTable(gomock.Any(), gomock.Any()).Return(core.GetRouteTableResponse{}, svctest.NotFound()).Times(2)
			},
		},
		{
			name: "brought by ID: never deleted",
			vcn:  network(recorded()),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), inVCN()).Return(listed(privateTable("ocid1.routetable.private", nil),
					publicTable("ocid1.routetable.public", nil)), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted; the table never made is done",
			vcn:  allOf("private"),
			expect: func(s *scope, m *mock_routetables.MockClientMockRecorder) {
				m.ListRouteTables(gomock.Any(), named("private-route-table")).Return(listed(privateTable("ocid1.routetable.private", s.OwnedTags())), nil)
				m.ListRouteTables(gomock.Any(), named("public-route-table")).Return(listed(), nil)
				m.DeleteRouteTable(gomock.Any(), gomock.Any()).Return(core.DeleteRouteTableResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "skipped: no call", vcn: func() infrav1.VCN { v := network(recorded()); v.RouteTable.Skip = true; return v }()},
		{name: "neither the VCN nor a table recorded: no call", vcn: infrav1.VCN{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			svctest.Run(t, "Delete", s, mock_routetables.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_routetables.MockClient) error { return routetables.New(s, m).Delete(context.Background()) })
			if s.ServiceLists != 0 {
				t.Errorf("Delete listed the region's services")
			}
		})
	}
}
