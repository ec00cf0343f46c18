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

package okecluster_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster/mock_okecluster"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type mockCase struct {
	name    string
	setup   func(s *scope)
	memo    *async.Memo
	expect  func(s *scope, m *mock_okecluster.MockClientMockRecorder)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

func get(c ce.Cluster) ce.GetClusterResponse { return ce.GetClusterResponse{Cluster: c} }

// isOurs matches a read of ourCluster.
func isOurs() gomock.Matcher {
	return gomock.Cond(func(r ce.GetClusterRequest) bool { return ptr.Deref(r.ClusterId, "") == ourCluster })
}

func workRequest(status ce.WorkRequestStatusEnum, op ce.WorkRequestOperationTypeEnum) ce.GetWorkRequestResponse {
	return ce.GetWorkRequestResponse{WorkRequest: ce.WorkRequest{Id: ptr.To("wr"), Status: status, OperationType: op}}
}

// terminal accepts a terminal error of reason whose message holds every one of parts.
func terminal(reason string, parts ...string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		if !errors.As(err, &e) || e.Class != async.Terminal || e.Reason != reason {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(e.Message, p) {
				return false
			}
		}
		return true
	}
}

// waitingFor accepts a "not done" that says it waits for what.
func waitingFor(what string) func(error) bool {
	return func(err error) bool {
		var nd *async.NotDoneError
		return errors.As(err, &nd) && strings.Contains(nd.What, what)
	}
}

func runCases(t *testing.T, op string, cases []mockCase, call func(s *scope, m *mock_okecluster.MockClient) error) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.setup != nil {
				tc.setup(s)
			}
			s.Remember(okecluster.Key, tc.memo)
			svctest.Run(t, op, s, mock_okecluster.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_okecluster.MockClient) error { return call(s, m) })
		})
	}
}

func TestReconcile(t *testing.T) {
	runCases(t, "Reconcile", append(createCases(), existingCases()...), func(s *scope, m *mock_okecluster.MockClient) error {
		return okecluster.New(s, m).Reconcile(context.Background())
	})
}

func createCases() []mockCase {
	return []mockCase{
		{name: "no VCN yet: waits for it, no call", setup: func(s *scope) { s.Net.VCNID = "" }, wantErr: waitingFor("the VCN")},
		{name: "no endpoint subnet yet: waits for it, no call", setup: func(s *scope) { s.Net.EndpointSubnetID = "" },
			wantErr: waitingFor("control-plane-endpoint subnet")},
		{name: "none yet: looked up among the live clusters, created with a retry token; its work request recorded, no OCID yet",
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListClusters(gomock.Any(), gomock.Cond(func(r ce.ListClustersRequest) bool {
						return *r.CompartmentId == s.Compartment && ptr.Deref(r.Name, "") == "oke1" &&
							slices.Contains(r.LifecycleState, ce.ClusterLifecycleStateActive) &&
							slices.Contains(r.LifecycleState, ce.ClusterLifecycleStateCreating) &&
							!slices.Contains(r.LifecycleState, ce.ClusterLifecycleStateDeleted)
					})).Return(ce.ListClustersResponse{}, nil),
					m.CreateCluster(gomock.Any(), gomock.Cond(func(r ce.CreateClusterRequest) bool {
						return len(ptr.Deref(r.OpcRetryToken, "")) > 0 && *r.Name == "oke1" && *r.VcnId == vcnID &&
							*r.EndpointConfig.SubnetId == cpeSubnet
					})).Return(ce.CreateClusterResponse{OpcWorkRequestId: ptr.To("wr-create")}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.CP.ID != "" || s.memo().WorkRequestID != "wr-create" || len(s.Observed) != 0 {
					t.Errorf("id %q, work request %q, observed %d; want no id, wr-create, nothing observed",
						s.CP.ID, s.memo().WorkRequestID, len(s.Observed))
				}
			}},
		{name: "the create's work request running: looked at, nothing else",
			memo: &async.Memo{WorkRequestID: "wr-create", Waits: 1},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r ce.GetWorkRequestRequest) bool { return *r.WorkRequestId == "wr-create" })).
					Return(workRequest(ce.WorkRequestStatusInProgress, ce.WorkRequestOperationTypeClusterCreate), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-create" || s.CP.ID != "" {
					t.Errorf("work request %q, id %q; want still waiting for wr-create", s.memo().WorkRequestID, s.CP.ID)
				}
			}},
		{name: "the create's work request done: found by name and tags among others', read whole, its OCID recorded",
			setup: func(s *scope) { s.CP.KMSKeyID = "ocid1.key.oc1..k" },
			memo:  &async.Memo{WorkRequestID: "wr-create", Waits: 3},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				theirs := active(s, "ocid1.cluster.oc1..theirs")
				theirs.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}
				ours := active(s, ourCluster)
				ours.KmsKeyId = ptr.To("ocid1.key.oc1..k") // a list leaves it out
				gomock.InOrder(
					m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(ce.WorkRequestStatusSucceeded, ce.WorkRequestOperationTypeClusterCreate), nil),
					m.ListClusters(gomock.Any(), gomock.Any()).Return(ce.ListClustersResponse{Items: []ce.ClusterSummary{summary(theirs), summary(ours)}}, nil),
					m.GetCluster(gomock.Any(), isOurs()).Return(get(ours), nil),
				)
			},
			check: func(t *testing.T, s *scope) {
				if s.CP.ID != ourCluster || s.memo().OwnedID != ourCluster || s.memo().WorkRequestID != "" {
					t.Errorf("id %q, owned %q, work request %q; want %s owned, no work request", s.CP.ID, s.memo().OwnedID,
						s.memo().WorkRequestID, ourCluster)
				}
				if o := s.lastObserved(); o == nil || ptr.Deref(o.KmsKeyId, "") != "ocid1.key.oc1..k" {
					t.Errorf("observed %+v, want the whole cluster", o)
				}
			}},
		{name: "the create's work request failed: a terminal error with OKE's messages",
			memo: &async.Memo{WorkRequestID: "wr-create", Waits: 3},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(ce.WorkRequestStatusFailed, ce.WorkRequestOperationTypeClusterCreate), nil)
				m.ListWorkRequestErrors(gomock.Any(), gomock.Cond(func(r ce.ListWorkRequestErrorsRequest) bool {
					return *r.WorkRequestId == "wr-create" && *r.CompartmentId == s.Compartment
				})).Return(ce.ListWorkRequestErrorsResponse{Items: []ce.WorkRequestError{
					{Code: ptr.To("LimitExceeded"), Message: ptr.To("cluster limit reached")}}}, nil)
			},
			wantErr: terminal(async.ReasonWorkRequestFailed, "wr-create", "CLUSTER_CREATE failed: LimitExceeded: cluster limit reached"),
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "" {
					t.Errorf("the failed work request %q is still waited for", s.memo().WorkRequestID)
				}
			}},
		{name: "a failed work request whose errors cannot be listed: a terminal error with its operation",
			memo: &async.Memo{WorkRequestID: "wr-create", Waits: 3},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(ce.WorkRequestStatusFailed, ce.WorkRequestOperationTypeClusterCreate), nil)
				m.ListWorkRequestErrors(gomock.Any(), gomock.Any()).Return(ce.ListWorkRequestErrorsResponse{}, svctest.NotFound())
			},
			wantErr: terminal(async.ReasonWorkRequestFailed, "CLUSTER_CREATE failed (its errors could not be listed: OCI answered 404 NotAuthorizedOrNotFound)")},
		{name: "a canceled work request: a terminal error",
			memo: &async.Memo{WorkRequestID: "wr-update", Waits: 3},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(ce.WorkRequestStatusCanceled, ce.WorkRequestOperationTypeClusterUpdate), nil)
			},
			wantErr: terminal(async.ReasonWorkRequestFailed, "CLUSTER_UPDATE was canceled")},
	}
}

func existingCases() []mockCase {
	recorded := func(s *scope) { s.CP.ID = ourCluster }
	return []mockCase{
		{name: "recorded and in place: read, nothing sent, handed to the scope", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetCluster(gomock.Any(), isOurs()).Return(get(active(s, ourCluster)), nil)
			},
			check: func(t *testing.T, s *scope) {
				if o := s.lastObserved(); o == nil || ptr.Deref(o.Endpoints.PublicEndpoint, "") != "192.0.2.1:6443" {
					t.Errorf("observed %+v, want the cluster read", o)
				}
			}},
		{name: "a newer version asked: UpdateCluster with it, its work request recorded", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				c := active(s, ourCluster)
				c.KubernetesVersion = ptr.To("v1.31.1")
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(c), nil)
				m.UpdateCluster(gomock.Any(), gomock.Cond(func(r ce.UpdateClusterRequest) bool {
					return *r.ClusterId == ourCluster && ptr.Deref(r.KubernetesVersion, "") == "v1.32.1" && r.Options == nil && r.Name == nil
				})).Return(ce.UpdateClusterResponse{OpcWorkRequestId: ptr.To("wr-update")}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-update" {
					t.Errorf("work request %q, want wr-update", s.memo().WorkRequestID)
				}
			}},
		{name: "being updated: waits, and the scope sees it", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				c := active(s, ourCluster)
				c.LifecycleState = ce.ClusterLifecycleStateUpdating
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(c), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if o := s.lastObserved(); o == nil || o.LifecycleState != ce.ClusterLifecycleStateUpdating {
					t.Errorf("observed %+v, want the updating cluster", o)
				}
			}},
		{name: "failed: a terminal error", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				c := active(s, ourCluster)
				c.LifecycleState = ce.ClusterLifecycleStateFailed
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(c), nil)
			},
			wantErr: terminal(async.ReasonResourceFailed, ourCluster, "FAILED")},
		{name: "brought by ID: used as it is, never updated",
			setup: func(s *scope) { s.CP.ID = "ocid1.cluster.oc1..byo" },
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				c := active(s, "ocid1.cluster.oc1..byo")
				c.FreeformTags, c.KubernetesVersion = nil, ptr.To("v1.31.1")
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(c), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" || len(s.Observed) != 1 {
					t.Errorf("owned %q, observed %d; want not owned, observed once", s.memo().OwnedID, len(s.Observed))
				}
			}},
	}
}

// TestEndpointIsTheSecondCall: a cluster whose version and endpoint NSGs both differ gets its UpdateCluster, then,
// once that work request is done, its UpdateClusterEndpointConfig, then is in place.
func TestEndpointIsTheSecondCall(t *testing.T) {
	m := mock_okecluster.NewMockClient(gomock.NewController(t))
	s := newScope()
	s.CP.ID = ourCluster
	old := active(s, ourCluster)
	old.KubernetesVersion, old.EndpointConfig.NsgIds = ptr.To("v1.31.1"), nil
	upgraded := active(s, ourCluster)
	upgraded.EndpointConfig.NsgIds = nil
	done := workRequest(ce.WorkRequestStatusSucceeded, ce.WorkRequestOperationTypeClusterUpdate)
	gomock.InOrder(
		m.EXPECT().GetCluster(gomock.Any(), gomock.Any()).Return(get(old), nil),
		m.EXPECT().UpdateCluster(gomock.Any(), gomock.Cond(func(r ce.UpdateClusterRequest) bool {
			return ptr.Deref(r.KubernetesVersion, "") == "v1.32.1"
		})).Return(ce.UpdateClusterResponse{OpcWorkRequestId: ptr.To("wr-version")}, nil),
		m.EXPECT().GetWorkRequest(gomock.Any(), gomock.Any()).Return(done, nil),
		m.EXPECT().GetCluster(gomock.Any(), gomock.Any()).Return(get(upgraded), nil),
		m.EXPECT().UpdateClusterEndpointConfig(gomock.Any(), gomock.Cond(func(r ce.UpdateClusterEndpointConfigRequest) bool {
			return *r.ClusterId == ourCluster && slices.Equal(r.NsgIds, []string{cpeNSG}) && ptr.Deref(r.IsPublicIpEnabled, false)
		})).Return(ce.UpdateClusterEndpointConfigResponse{OpcWorkRequestId: ptr.To("wr-endpoint")}, nil),
		m.EXPECT().GetWorkRequest(gomock.Any(), gomock.Cond(func(r ce.GetWorkRequestRequest) bool { return *r.WorkRequestId == "wr-endpoint" })).
			Return(done, nil),
		m.EXPECT().GetCluster(gomock.Any(), gomock.Any()).Return(get(active(s, ourCluster)), nil),
	)
	ctx := context.Background()
	for i, wantDone := range []bool{false, false, true} {
		err := okecluster.New(s, m).Reconcile(ctx)
		if (err == nil) != wantDone || (err != nil && !async.IsNotDone(err)) {
			t.Fatalf("reconcile %d: %v, want done %v", i+1, err, wantDone)
		}
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	m := mock_okecluster.NewMockClient(gomock.NewController(t))
	s := newScope()
	s.CP.ID = ourCluster
	m.EXPECT().GetCluster(gomock.Any(), gomock.Any()).Return(get(active(s, ourCluster)), nil).Times(2)
	for range 3 {
		if err := okecluster.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	s.Due = true
	if err := okecluster.New(s, m).Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(s.Observed) != 2 {
		t.Errorf("observed %d times, want once per read", len(s.Observed))
	}
}

func TestDelete(t *testing.T) {
	recorded := func(s *scope) { s.CP.ID = ourCluster }
	runCases(t, "Delete", []mockCase{
		{name: "owned: deleted, its work request recorded", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetCluster(gomock.Any(), isOurs()).Return(get(active(s, ourCluster)), nil),
					m.DeleteCluster(gomock.Any(), gomock.Cond(func(r ce.DeleteClusterRequest) bool { return *r.ClusterId == ourCluster })).
						Return(ce.DeleteClusterResponse{OpcWorkRequestId: ptr.To("wr-delete")}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-delete" {
					t.Errorf("work request %q, want wr-delete", s.memo().WorkRequestID)
				}
			}},
		{name: "the delete's work request done and the cluster DELETED: done", setup: recorded,
			memo: &async.Memo{WorkRequestID: "wr-delete", Waits: 4},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				c := active(s, ourCluster)
				c.LifecycleState = ce.ClusterLifecycleStateDeleted
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(ce.WorkRequestStatusSucceeded, ce.WorkRequestOperationTypeClusterDelete), nil)
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(c), nil)
			},
			check: func(t *testing.T, s *scope) {
				if !s.memo().Deleted {
					t.Errorf("memo %+v, want deleted", s.memo())
				}
			}},
		{name: "already gone: done", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetCluster(gomock.Any(), gomock.Any()).Return(ce.GetClusterResponse{}, svctest.NotFound())
			}},
		{name: "gone between the read and the delete: NotFound is success", setup: recorded,
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(active(s, ourCluster)), nil)
				m.DeleteCluster(gomock.Any(), gomock.Any()).Return(ce.DeleteClusterResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone},
		{name: "never recorded: found by name and tags, read whole, deleted",
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListClusters(gomock.Any(), gomock.Any()).Return(ce.ListClustersResponse{Items: []ce.ClusterSummary{summary(active(s, ourCluster))}}, nil),
					m.GetCluster(gomock.Any(), isOurs()).Return(get(active(s, ourCluster)), nil),
					m.DeleteCluster(gomock.Any(), gomock.Any()).Return(ce.DeleteClusterResponse{OpcWorkRequestId: ptr.To("wr-delete")}, nil),
				)
			},
			wantErr: async.IsNotDone},
		{name: "brought by ID: never deleted",
			setup: func(s *scope) { s.CP.ID = "ocid1.cluster.oc1..byo" },
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				c := active(s, "ocid1.cluster.oc1..byo")
				c.FreeformTags = nil
				m.GetCluster(gomock.Any(), gomock.Any()).Return(get(c), nil)
			}},
		{name: "the delete's work request failed: a terminal error", setup: recorded,
			memo: &async.Memo{WorkRequestID: "wr-delete", Waits: 4},
			expect: func(s *scope, m *mock_okecluster.MockClientMockRecorder) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(ce.WorkRequestStatusFailed, ce.WorkRequestOperationTypeClusterDelete), nil)
				m.ListWorkRequestErrors(gomock.Any(), gomock.Any()).Return(ce.ListWorkRequestErrorsResponse{}, nil)
			},
			wantErr: terminal(async.ReasonWorkRequestFailed, "CLUSTER_DELETE failed")},
	}, func(s *scope, m *mock_okecluster.MockClient) error {
		return okecluster.New(s, m).Delete(context.Background())
	})
}

// TestNetworkIsNotNeededToDelete: a control plane whose network is gone is still deleted.
func TestNetworkIsNotNeededToDelete(t *testing.T) {
	m := mock_okecluster.NewMockClient(gomock.NewController(t))
	s := newScope()
	s.CP.ID, s.Net = ourCluster, okecluster.Network{}
	m.EXPECT().GetCluster(gomock.Any(), gomock.Any()).Return(ce.GetClusterResponse{}, svctest.NotFound())
	if err := okecluster.New(s, m).Delete(context.Background()); err != nil {
		t.Fatal(err)
	}
}
