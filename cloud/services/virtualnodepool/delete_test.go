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

package virtualnodepool_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool/mock_virtualnodepool"
)

// observedWithoutNodes checks that the scope saw the pool once in state st, its nodes not listed.
func observedWithoutNodes(st containerengine.VirtualNodePoolLifecycleStateEnum) func(t *testing.T, s *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if len(s.observed) != 1 || s.lastObserved().pool.LifecycleState != st || s.lastObserved().nodes != nil {
			t.Errorf("observed %+v; want the %s pool once, without nodes", s.observed, st)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		id      string
		memo    *async.Memo
		expect  func(s *scope, m *mockClient)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "owned: deleted through a work request, its nodes not listed",
			id:   poolID,
			expect: func(s *scope, m *mockClient) {
				gomock.InOrder(
					m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil),
					m.DeleteVirtualNodePool(gomock.Any(), gomock.Cond(func(r containerengine.DeleteVirtualNodePoolRequest) bool {
						return *r.VirtualNodePoolId == poolID
					})).Return(containerengine.DeleteVirtualNodePoolResponse{OpcWorkRequestId: ptr.To("wr-delete")}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-delete" {
					t.Errorf("memo %+v, want the delete's work request", s.memo())
				}
				observedWithoutNodes(containerengine.VirtualNodePoolLifecycleStateActive)(t, s)
			},
		},
		{
			name: "delete's work request done and the pool DELETED: done",
			id:   poolID,
			memo: &async.Memo{WorkRequestID: "wr-delete", Waits: 1},
			expect: func(s *scope, m *mockClient) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(containerengine.WorkRequestStatusSucceeded,
					containerengine.WorkRequestOperationTypeVirtualnodepoolDelete), nil)
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(withState(created(s, poolID),
					containerengine.VirtualNodePoolLifecycleStateDeleted)), nil)
			},
			check: func(t *testing.T, s *scope) {
				if !s.memo().Deleted {
					t.Errorf("memo %+v, want deleted", s.memo())
				}
			},
		},
		{
			name: "never recorded (a crash after the create): found by name and tags, then deleted",
			expect: func(s *scope, m *mockClient) {
				m.ListVirtualNodePools(gomock.Any(), gomock.Any()).Return(listed(created(s, poolID)), nil)
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil)
				m.DeleteVirtualNodePool(gomock.Any(), gomock.Any()).Return(containerengine.DeleteVirtualNodePoolResponse{
					OpcWorkRequestId: ptr.To("wr-delete")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "not the cluster's: left alone",
			id:   poolID,
			expect: func(s *scope, m *mockClient) {
				vnp := created(s, poolID)
				vnp.FreeformTags = map[string]string{"team": "other"}
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(vnp), nil)
			},
		},
		{
			name: "already gone (NotFound): done, nothing observed",
			id:   poolID,
			expect: func(s *scope, m *mockClient) {
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(containerengine.GetVirtualNodePoolResponse{}, svctest.NotFound())
			},
			check: noneObserved,
		},
		{
			name: "an unknown subnet does not hold the delete up",
			id:   poolID,
			expect: func(s *scope, m *mockClient) {
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(containerengine.GetVirtualNodePoolResponse{}, svctest.NotFound())
				s.pool.PlacementConfigs[0].SubnetName = "gone"
				s.pool.PodConfiguration = nil
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			s.pool.ID = tc.id
			s.Remember(virtualnodepool.Key, tc.memo)
			svctest.Run(t, "Delete", s, mock_virtualnodepool.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_virtualnodepool.MockClient) error {
					return virtualnodepool.New(s, m).Delete(context.Background())
				})
		})
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	m := mock_virtualnodepool.NewMockClient(gomock.NewController(t))
	s := newScope()
	s.pool.ID = poolID
	m.EXPECT().GetVirtualNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil).Times(2)
	m.EXPECT().ListVirtualNodes(gomock.Any(), gomock.Any()).Return(containerengine.ListVirtualNodesResponse{
		Items: activeNodes(1)}, nil).Times(2)
	for range 3 {
		if err := virtualnodepool.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.observed) != 1 {
		t.Errorf("observed %d times, want once (when read)", len(s.observed))
	}
	s.Due = true
	if err := virtualnodepool.New(s, m).Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
}
