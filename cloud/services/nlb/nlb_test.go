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
	"errors"
	"strings"
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

type reconcileCase struct {
	name         string
	lb           infrav1.LoadBalancer
	memo         *async.Memo
	setup        func(s *scope)
	expect       func(s *scope, m *mock_nlb.MockClientMockRecorder)
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
			s.Remember(nlb.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_nlb.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_nlb.MockClient) error { return nlb.New(s, m).Reconcile(context.Background()) })
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
			name:  "the subnet has no ID yet: waits, no call",
			setup: func(s *scope) { s.Spec.Subnets[0].ID = "" },
			wantErr: func(err error) bool {
				var nd *async.NotDoneError
				return errors.As(err, &nd) && strings.Contains(nd.What, "control-plane-endpoint subnet")
			},
		},
		{
			name: "none yet, found on no page: created with a retry token, its OCID and work request recorded",
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(networkloadbalancer.ListNetworkLoadBalancersResponse{
						OpcNextPage: ptr.To("2")}, nil),
					m.ListNetworkLoadBalancers(gomock.Any(), gomock.Cond(func(r networkloadbalancer.ListNetworkLoadBalancersRequest) bool {
						return ptr.Deref(r.Page, "") == "2" && *r.DisplayName == "c1-apiserver"
					})).Return(networkloadbalancer.ListNetworkLoadBalancersResponse{}, nil),
					m.CreateNetworkLoadBalancer(gomock.Any(), gomock.Cond(func(r networkloadbalancer.CreateNetworkLoadBalancerRequest) bool {
						return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && *r.SubnetId == "ocid1.subnet.cpe" &&
							r.NetworkSecurityGroupIds[0] == "ocid1.nsg.cpe" && *r.Listeners[nlb.ListenerName].Port == 6443
					})).Return(networkloadbalancer.CreateNetworkLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-create"),
						NetworkLoadBalancer: networkloadbalancer.NetworkLoadBalancer{Id: ptr.To("ocid1.nlb.new"),
							LifecycleState: networkloadbalancer.LifecycleStateCreating}}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "ocid1.nlb.new" || s.memo().OwnedID != "ocid1.nlb.new" || s.memo().WorkRequestID != "wr-create" {
					t.Errorf("id %q, memo %+v; want the new NLB's and its work request", s.LB.LoadBalancerID, s.memo())
				}
			},
		},
		{
			name: "work request pending: looked at once, nothing else",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.new"},
			memo: &async.Memo{OwnedID: "ocid1.nlb.new", WorkRequestID: "wr-create"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r networkloadbalancer.GetWorkRequestRequest) bool {
					return *r.WorkRequestId == "wr-create"
				})).Return(workRequest(networkloadbalancer.OperationStatusInProgress), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "work request failed: a terminal error with its errors",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.new"},
			memo: &async.Memo{OwnedID: "ocid1.nlb.new", WorkRequestID: "wr-create"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(networkloadbalancer.OperationStatusFailed), nil)
				m.ListWorkRequestErrors(gomock.Any(), gomock.Cond(func(r networkloadbalancer.ListWorkRequestErrorsRequest) bool {
					return *r.WorkRequestId == "wr-create" && *r.CompartmentId == "ocid1.compartment.oc1..test"
				})).Return(networkloadbalancer.ListWorkRequestErrorsResponse{WorkRequestErrorCollection: networkloadbalancer.WorkRequestErrorCollection{
					Items: []networkloadbalancer.WorkRequestError{{Code: ptr.To("InternalError"), Message: ptr.To("no capacity")}}}}, nil)
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == async.ReasonWorkRequestFailed &&
					strings.Contains(e.Message, "InternalError: no capacity")
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "" {
					t.Errorf("the failed work request is still recorded")
				}
			},
		},
		{
			name: "work request succeeded: read, active, the endpoint is its first public address",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.new"},
			memo: &async.Memo{OwnedID: "ocid1.nlb.new", WorkRequestID: "wr-create"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(networkloadbalancer.OperationStatusSucceeded), nil),
					m.GetNetworkLoadBalancer(gomock.Any(), id("ocid1.nlb.new")).Return(get(active("ocid1.nlb.new", s.OwnedTags())), nil),
				)
			},
			wantEndpoint: "192.0.2.1:6443",
		},
		{
			name: "still creating after the work request: not done, no endpoint",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.new"},
			memo: &async.Memo{OwnedID: "ocid1.nlb.new"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.new", s.OwnedTags())
				n.LifecycleState = networkloadbalancer.LifecycleStateCreating
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "found by name and tags after a lost create response: adopted, no second create",
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				other, ours := active("ocid1.nlb.other", map[string]string{"CreatedBy": "OCIClusterAPIProvider",
					"ClusterResourceIdentifier": "another"}), active("ocid1.nlb.ours", s.OwnedTags())
				m.ListNetworkLoadBalancers(gomock.Any(), gomock.Any()).Return(networkloadbalancer.ListNetworkLoadBalancersResponse{
					NetworkLoadBalancerCollection: networkloadbalancer.NetworkLoadBalancerCollection{Items: []networkloadbalancer.NetworkLoadBalancerSummary{
						networkloadbalancer.NetworkLoadBalancerSummary(other), networkloadbalancer.NetworkLoadBalancerSummary(ours)}}}, nil)
			},
			wantEndpoint: "192.0.2.1:6443",
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "ocid1.nlb.ours" || s.memo().OwnedID != "ocid1.nlb.ours" {
					t.Errorf("id %q, owned %q; want ocid1.nlb.ours", s.LB.LoadBalancerID, s.memo().OwnedID)
				}
			},
		},
		{
			name: "owned and deleted behind our back: recreated",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.old"},
			memo: &async.Memo{OwnedID: "ocid1.nlb.old"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.GetNetworkLoadBalancerResponse{}, svctest.NotFound())
				m.CreateNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.CreateNetworkLoadBalancerResponse{
					OpcWorkRequestId: ptr.To("wr"), NetworkLoadBalancer: networkloadbalancer.NetworkLoadBalancer{Id: ptr.To("ocid1.nlb.new"),
						LifecycleState: networkloadbalancer.LifecycleStateCreating}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.LB.LoadBalancerID != "ocid1.nlb.new" {
					t.Errorf("id %q, want the replacement's", s.LB.LoadBalancerID)
				}
			},
		},
	}
}

func inPlaceCases() []reconcileCase {
	return []reconcileCase{
		{
			name: "health checker changed behind our back: UpdateHealthChecker, its work request recorded",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.BackendSets[nlb.BackendSetName].HealthChecker.Retries = ptr.To(9)
				n.DisplayName = ptr.To("renamed")
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
				m.UpdateHealthChecker(gomock.Any(), gomock.Cond(func(r networkloadbalancer.UpdateHealthCheckerRequest) bool {
					return *r.NetworkLoadBalancerId == "ocid1.nlb.ours" && *r.BackendSetName == nlb.BackendSetName && *r.Retries == 3
				})).Return(networkloadbalancer.UpdateHealthCheckerResponse{OpcWorkRequestId: ptr.To("wr-hc")}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-hc" {
					t.Errorf("work request %q, want wr-hc", s.memo().WorkRequestID)
				}
			},
		},
		{
			name: "renamed behind our back: renamed back",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.DisplayName = ptr.To("renamed")
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
				m.UpdateNetworkLoadBalancer(gomock.Any(), gomock.Cond(func(r networkloadbalancer.UpdateNetworkLoadBalancerRequest) bool {
					return *r.NetworkLoadBalancerId == "ocid1.nlb.ours" && *r.DisplayName == "c1-apiserver"
				})).Return(networkloadbalancer.UpdateNetworkLoadBalancerResponse{OpcWorkRequestId: ptr.To("wr-name")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "the API server port changed: UpdateListener",
			lb:    infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			setup: func(s *scope) { s.Port = 7443 },
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.nlb.ours", s.OwnedTags())), nil)
				m.UpdateListener(gomock.Any(), gomock.Cond(func(r networkloadbalancer.UpdateListenerRequest) bool {
					return *r.ListenerName == nlb.ListenerName && *r.Port == 7443
				})).Return(networkloadbalancer.UpdateListenerResponse{OpcWorkRequestId: ptr.To("wr-port")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "a change while a work request runs: OCI's 409 is transient",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.DisplayName = ptr.To("renamed")
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
				m.UpdateNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.UpdateNetworkLoadBalancerResponse{},
					svctest.Conflict())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient
			},
		},
		{
			name:  "another API server port, in place: the endpoint has it",
			lb:    infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			setup: func(s *scope) { s.Port = 7443 },
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.Listeners[nlb.ListenerName] = networkloadbalancer.Listener{Name: ptr.To(nlb.ListenerName), Port: ptr.To(7443)}
				n.BackendSets[nlb.BackendSetName].HealthChecker.Port = ptr.To(7443)
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
			},
			wantEndpoint: "192.0.2.1:7443",
		},
		{
			name: "private: the endpoint is its first address",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.IsPrivate, n.IpAddresses = ptr.To(true), n.IpAddresses[:1]
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
			},
			wantEndpoint: "10.0.0.10:6443",
		},
		{
			name:  "brought by ID: used as it is, never updated, no wait for the network",
			lb:    infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.byo"},
			setup: func(s *scope) { s.Spec.Subnets[0].ID = "" },
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.byo", map[string]string{"team": "theirs"})
				n.DisplayName = ptr.To("theirs")
				n.BackendSets[nlb.BackendSetName].HealthChecker.Protocol = networkloadbalancer.HealthCheckProtocolsTcp
				m.GetNetworkLoadBalancer(gomock.Any(), id("ocid1.nlb.byo")).Return(get(n), nil)
			},
			wantEndpoint: "192.0.2.1:6443",
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" {
					t.Errorf("a brought NLB is recorded as owned")
				}
			},
		},
		{
			name: "brought by ID and gone: a terminal error naming it",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.byo"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.GetNetworkLoadBalancerResponse{}, svctest.NotFound())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Reason == async.ReasonResourceGone && strings.Contains(e.Message, "ocid1.nlb.byo")
			},
		},
		{
			name: "public without a public address: an error, no endpoint",
			lb:   infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"},
			expect: func(s *scope, m *mock_nlb.MockClientMockRecorder) {
				n := active("ocid1.nlb.ours", s.OwnedTags())
				n.IpAddresses = n.IpAddresses[:1]
				m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(n), nil)
			},
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "no public IP address") },
		},
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_nlb.NewMockClient(ctrl)
	s := newScope(infrav1.LoadBalancer{LoadBalancerID: "ocid1.nlb.ours"})
	m.EXPECT().GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(get(active("ocid1.nlb.ours", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := nlb.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.Endpoints) != 1 || s.Endpoints[0] != "192.0.2.1:6443" {
		t.Errorf("endpoints set %q, want the one read", s.Endpoints)
	}
}
