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

package nlb_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nlb/mock_nlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lb      infrav1.LoadBalancer
		memo    *async.Memo
		expect  func(s *scope, m *mock_nlb.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "owned: deleted, its work request recorded",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.nlb.ours", s.OwnedTags())), nil),
					m.DeleteNetworkLoadBalancer(gomock.Any(), gomock.Cond(func(r networkloadbalancer.DeleteNetworkLoadBalancerRequest) bool {
						return *r.NetworkLoadBalancerId == "ocid1.nlb.ours"
					})).Return(networkloadbalancer.DeleteNetworkLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-delete")}, nil),
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
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			memo: &async.Memo{OwnedID: "ocid1.nlb.ours", WorkRequestID: "wr-delete"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(networkloadbalancer.OperationStatusSucceeded), nil)
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.GetNetworkLoadBalancerResponse{}, svctest.NotFound())
			},
			check: func(t *testing.T, s *scope) {
				if s.memo() != (async.Memo{Deleted: true}) {
					t.Errorf("memo %+v left after the delete", s.memo())
				}
			},
		},
		{
			name: "deleting: not done, no second delete",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.LifecycleState = networkloadbalancer.LifecycleStateDeleting
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "brought by ID: never deleted",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.byo"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.nlb.byo", nil)), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted",
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(networkloadbalancer.ListNetworkLoadBalancersResponse{
					NetworkLoadBalancerCollection: networkloadbalancer.NetworkLoadBalancerCollection{Items: []networkloadbalancer.NetworkLoadBalancerSummary{
						networkloadbalancer.NetworkLoadBalancerSummary(active("ocid1.nlb.ours", s.OwnedTags()))}}}, nil)
				m.DeleteNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.DeleteNetworkLoadBalancerResponse{
					OpcWorkRequestId: ptr.To("wr")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "none: done",
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(networkloadbalancer.ListNetworkLoadBalancersResponse{}, nil)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.lb)
			s.Remember(nlb.Key, tc.memo)
			svctest.Run(t, "Delete", s, mock_nlb.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_nlb.MockClient) error { return nlb.New(s, m).Delete(context.Background()) })
		})
	}
}
