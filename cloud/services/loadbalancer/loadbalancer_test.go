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
	"errors"
	"strings"
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

type reconcileCase struct {
	name         string
	lb           infrav1.LoadBalancer
	memo         *async.Memo
	setup        func(s *scope)
	expect       func(s *scope, m *mock_loadbalancer.MockClientMockRecorder)
	wantErr      func(error) bool
	wantEndpoint string
	check        func(t *testing.T, s *scope)
}

func TestReconcile(t *testing.T) {
	for _, tc := range append(createCases(), inPlaceCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.lb)
			if tc.setup != nil {
				tc.setup(s)
			}
			s.Remember(loadbalancer.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_loadbalancer.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_loadbalancer.MockClient) error {
					return loadbalancer.New(s, m).Reconcile(context.Background())
				})
			if got := strings.Join(s.Endpoints, ","); got != tc.wantEndpoint {
				t.Errorf("endpoints set %q, want %q", got, tc.wantEndpoint)
			}
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

func createCases() []reconcileCase {
	return []reconcileCase{
		{
			name:  "an NSG has no ID yet: waits, no call",
			setup: func(s *scope) { s.Spec.NetworkSecurityGroup.List[0].ID = "" },
			wantErr: func(err error) bool {
				var nd *async.NotDoneError
				return errors.As(err, &nd) && strings.Contains(nd.What, "control-plane-endpoint network security group")
			},
		},
		{
			name: "none yet, found on no page: created with a retry token, its OCID read from the work request",
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{OpcNextPage: ptr.To("2")}, nil),
					m.ListLoadBalancers(gomock.Any(), gomock.Cond(func(r lbaas.ListLoadBalancersRequest) bool {
						return ptr.Deref(r.Page, "") == "2" && *r.DisplayName == "c1-apiserver"
					})).Return(lbaas.ListLoadBalancersResponse{}, nil),
					m.CreateLoadBalancer(gomock.Any(), gomock.Cond(func(r lbaas.CreateLoadBalancerRequest) bool {
						return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && r.SubnetIds[0] == "ocid1.subnet.cpe" &&
							*r.ShapeName == "flexible" && *r.Listeners[loadbalancer.ListenerName].Port == 6443
					})).Return(lbaas.CreateLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-create")}, nil),
					m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(lbaas.WorkRequestLifecycleStateAccepted, "ocid1.lb.new"), nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "ocid1.lb.new" || s.memo().OwnedID != "ocid1.lb.new" || s.memo().WorkRequestID != "wr-create" {
					t.Errorf("id %q, memo %+v; want the new LB's and its work request", s.LB.LoadBalancerID, s.memo())
				}
			},
		},
		{
			name: "created, its work request unreadable: the work request is recorded, the OCID learned later",
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{}, nil)
				m.CreateLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.CreateLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-create")}, nil)
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(lbaas.GetWorkRequestResponse{}, svctest.Conflict())
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "" || s.memo().WorkRequestID != "wr-create" {
					t.Errorf("id %q, memo %+v; want no id and the work request", s.LB.LoadBalancerID, s.memo())
				}
			},
		},
		{
			name: "work request pending: looked at once, nothing else",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.new"},
			memo: &async.Memo{OwnedID: "ocid1.lb.new", WorkRequestID: "wr-create"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r lbaas.GetWorkRequestRequest) bool { return *r.WorkRequestId == "wr-create" })).
					Return(workRequest(lbaas.WorkRequestLifecycleStateInProgress, "ocid1.lb.new"), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "work request failed: a terminal error with its errors",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.new"},
			memo: &async.Memo{OwnedID: "ocid1.lb.new", WorkRequestID: "wr-create"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(lbaas.WorkRequestLifecycleStateFailed, "ocid1.lb.new", "no capacity"), nil)
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == async.ReasonWorkRequestFailed &&
					strings.Contains(e.Message, "CreateLoadBalancer failed: INTERNAL_ERROR: no capacity")
			},
		},
		{
			name: "work request succeeded, OCID not known: found by name, the endpoint is its first public address",
			memo: &async.Memo{WorkRequestID: "wr-create"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(lbaas.WorkRequestLifecycleStateSucceeded, "ocid1.lb.new"), nil),
					m.ListLoadBalancers(gomock.Any(), gomock.Any()).Return(lbaas.ListLoadBalancersResponse{Items: []lbaas.LoadBalancer{
						active("ocid1.lb.other", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
						active("ocid1.lb.new", s.OwnedTags())}}, nil),
				)
			},
			wantEndpoint: "192.0.2.1:6443",
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "ocid1.lb.new" {
					t.Errorf("id %q, want ocid1.lb.new", s.LB.LoadBalancerID)
				}
			},
		},
		{
			name: "owned and deleted behind our back: recreated",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.old"},
			memo: &async.Memo{OwnedID: "ocid1.lb.old"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.GetLoadBalancerResponse{}, svctest.NotFound())
				m.CreateLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.CreateLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr")}, nil)
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(lbaas.WorkRequestLifecycleStateAccepted, "ocid1.lb.new"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "ocid1.lb.new" {
					t.Errorf("id %q, want the replacement's", s.LB.LoadBalancerID)
				}
			},
		},
	}
}

func inPlaceCases() []reconcileCase {
	return []reconcileCase{
		{
			name: "health check turned to HTTP: UpdateHealthChecker, its work request recorded",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				lb := active("ocid1.lb.ours", s.OwnedTags())
				lb.BackendSets[loadbalancer.BackendSetName].HealthChecker.Protocol = ptr.To("HTTP")
				lb.DisplayName = ptr.To("renamed")
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(lb), nil)
				m.UpdateHealthChecker(gomock.Any(), gomock.Cond(func(r lbaas.UpdateHealthCheckerRequest) bool {
					return *r.LoadBalancerId == "ocid1.lb.ours" && *r.BackendSetName == loadbalancer.BackendSetName && *r.Protocol == "TCP"
				})).Return(lbaas.UpdateHealthCheckerResponse{OpcWorkRequestId: ptr.To("wr-hc")}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-hc" {
					t.Errorf("work request %q, want wr-hc", s.memo().WorkRequestID)
				}
			},
		},
		{
			name: "renamed behind our back: name and tags put back",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				lb := active("ocid1.lb.ours", s.OwnedTags())
				lb.DisplayName = ptr.To("renamed")
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(lb), nil)
				m.UpdateLoadBalancer(gomock.Any(), gomock.Cond(func(r lbaas.UpdateLoadBalancerRequest) bool {
					return *r.LoadBalancerId == "ocid1.lb.ours" && *r.DisplayName == "c1-apiserver" && r.FreeformTags["CreatedBy"] != ""
				})).Return(lbaas.UpdateLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-name")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "the API server port changed: UpdateListener",
			lb:    infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			setup: func(s *scope) { s.Port = 7443 },
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.lb.ours", s.OwnedTags())), nil)
				m.UpdateListener(gomock.Any(), gomock.Cond(func(r lbaas.UpdateListenerRequest) bool {
					return *r.ListenerName == loadbalancer.ListenerName && *r.Port == 7443
				})).Return(lbaas.UpdateListenerResponse{OpcWorkRequestId: ptr.To("wr-port")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "a change while a work request runs: OCI's 409 is transient",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				lb := active("ocid1.lb.ours", s.OwnedTags())
				lb.DisplayName = ptr.To("renamed")
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(lb), nil)
				m.UpdateLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.UpdateLoadBalancerResponse{}, svctest.Conflict())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient
			},
		},
		{
			name: "private: the endpoint is its first address",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				lb := active("ocid1.lb.ours", s.OwnedTags())
				lb.IsPrivate, lb.IpAddresses = ptr.To(true), lb.IpAddresses[:1]
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(lb), nil)
			},
			wantEndpoint: "10.0.0.10:6443",
		},
		{
			name:  "brought by ID: used as it is, never updated, no wait for the network",
			lb:    infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.byo"},
			setup: func(s *scope) { s.Spec.Subnets[0].ID = "" },
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				lb := active("ocid1.lb.byo", map[string]string{"team": "theirs"})
				lb.DisplayName = ptr.To("theirs")
				lb.BackendSets[loadbalancer.BackendSetName].HealthChecker.Protocol = ptr.To("HTTP")
				m.GetLoadBalancer(gomock.Any(), id("ocid1.lb.byo")).Return(get(lb), nil)
			},
			wantEndpoint: "192.0.2.1:6443",
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" {
					t.Errorf("a brought LB is recorded as owned")
				}
			},
		},
		{
			name: "brought by ID and gone: a terminal error naming it",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.byo"},
			expect: func(s *scope, m *mock_loadbalancer.MockClientMockRecorder) {
				m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.GetLoadBalancerResponse{}, svctest.NotFound())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Reason == async.ReasonResourceGone && strings.Contains(e.Message, "ocid1.lb.byo")
			},
		},
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_loadbalancer.NewMockClient(ctrl)
	s := newScope(infrav1.LoadBalancer{LoadBalancerID: "ocid1.lb.ours"})
	m.EXPECT().GetLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.lb.ours", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := loadbalancer.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.Endpoints) != 1 || s.Endpoints[0] != "192.0.2.1:6443" {
		t.Errorf("endpoints set %q, want the one read", s.Endpoints)
	}
}
