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

package loadbalancer_test

import (
	"context"
	"testing"

	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer/mock_loadbalancer"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lb      infrav1.LoadBalancer
		memo    *async.Memo
		expect  func(s *scope, m *mock_loadbalancer.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "owned: deleted, its work request recorded",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.lb.ours", s.OwnedTags())), nil),
					m.DeleteLoadBalancer(gomock.Any(), gomock.Cond(func(r lbaas.DeleteLoadBalancerRequest) bool {
						return *r.LoadBalancerId == "ocid1.lb.ours"
					})).Return(lbaas.DeleteLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-delete")}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-delete" {
					t.Errorf("work request %q, want wr-delete", s.memo().WorkRequestID)
				}
			},
		},
		{
			name: "delete work request succeeded, then NotFound: done",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			memo: &async.Memo{OwnedID: "ocid1.lb.ours", WorkRequestID: "wr-delete"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(lbaas.WorkRequestLifecycleStateSucceeded, "ocid1.lb.ours"), nil)
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.GetLoadBalancerResponse{}, svctest.NotFound())
			},
			check: func(t *testing.T, s *scope) {
				if s.memo() != (async.Memo{Deleted: true}) {
					t.Errorf("memo %+v left after the delete", s.memo())
				}
			},
		},
		{
			name: "deleted but still listed as DELETED: done",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				lb := active("ocid1.lb.ours", s.OwnedTags())
				lb.LifecycleState = lbaas.LoadBalancerLifecycleStateDeleted
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(lb), nil)
			},
		},
		{
			name: "brought by ID: never deleted",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.byo"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.lb.byo", nil)), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted",
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{
					Items: []lbaas.LoadBalancer{active("ocid1.lb.ours", s.OwnedTags())}}, nil)
				m.DeleteLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.DeleteLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr")}, nil)
			},
			wantErr: async.IsNotDone,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.lb)
			s.Remember(loadbalancer.Key, tc.memo)
			svctest.Run(t, "Delete", s, mock_loadbalancer.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_loadbalancer.MockClient) error {
					return loadbalancer.New(s, m).Delete(context.Background())
				})
		})
	}
}
