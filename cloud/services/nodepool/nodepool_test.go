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

package nodepool_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool/mock_nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

const poolID = "ocid1.nodepool.np"

type mockClient = mock_nodepool.MockClientMockRecorder

func get(np containerengine.NodePool) containerengine.GetNodePoolResponse {
	return containerengine.GetNodePoolResponse{NodePool: np}
}

func withState(np containerengine.NodePool, st containerengine.NodePoolLifecycleStateEnum) containerengine.NodePool {
	np.LifecycleState = st
	return np
}

// listed is OKE's list of pools: summaries, without their nodes.
func listed(nps ...containerengine.NodePool) containerengine.ListNodePoolsResponse {
	var r containerengine.ListNodePoolsResponse
	for i := range nps {
		np := &nps[i]
		r.Items = append(r.Items, containerengine.NodePoolSummary{Id: np.Id, Name: np.Name, ClusterId: np.ClusterId,
			LifecycleState: np.LifecycleState, FreeformTags: np.FreeformTags})
	}
	return r
}

func workRequest(st containerengine.WorkRequestStatusEnum) containerengine.GetWorkRequestResponse {
	return containerengine.GetWorkRequestResponse{WorkRequest: containerengine.WorkRequest{Status: st,
		OperationType: containerengine.WorkRequestOperationTypeNodepoolUpdate}}
}

// ofPool matches a read of the pool poolID.
var ofPool = gomock.Cond(func(r containerengine.GetNodePoolRequest) bool { return *r.NodePoolId == poolID })

func terminal(reason, text string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == reason && strings.Contains(err.Error(), text)
	}
}

func noneObserved(t *testing.T, s *scope) {
	t.Helper()
	if len(s.observed) != 0 {
		t.Errorf("observed %d pools, want none", len(s.observed))
	}
}

type reconcileCase struct {
	name    string
	setup   func(s *scope)
	memo    *async.Memo
	expect  func(s *scope, m *mockClient)
	wantErr func(error) bool
	check   func(t *testing.T, s *scope)
}

func TestReconcile(t *testing.T) {
	for _, tc := range []reconcileCase{
		{
			name: "none yet: created with a retry token; the create answers with a work request and no body",
			expect: func(s *scope, m *mockClient) {
				m.ListNodePools(gomock.Any(), gomock.Cond(func(r containerengine.ListNodePoolsRequest) bool {
					return *r.CompartmentId == s.Compartment && *r.ClusterId == "ocid1.cluster.oke" && *r.Name == "mp-0"
				})).Return(containerengine.ListNodePoolsResponse{}, nil)
				m.CreateNodePool(gomock.Any(), gomock.Cond(func(r containerengine.CreateNodePoolRequest) bool {
					return strings.HasPrefix(ptr.Deref(r.OpcRetryToken, ""), "capoci-") && *r.Name == "mp-0" &&
						*r.ClusterId == "ocid1.cluster.oke" && *r.NodeConfigDetails.Size == 1
				})).Return(containerengine.CreateNodePoolResponse{OpcWorkRequestId: ptr.To("wr-create")}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.pool.ID != "" || s.memo().WorkRequestID != "wr-create" {
					t.Errorf("id %q, work request %q; want no id yet and wr-create", s.pool.ID, s.memo().WorkRequestID)
				}
				noneObserved(t, s)
			},
		},
		{
			name: "create's work request running: not done, no other call",
			memo: &async.Memo{WorkRequestID: "wr-create", Waits: 1},
			expect: func(s *scope, m *mockClient) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(containerengine.WorkRequestStatusInProgress), nil)
			},
			wantErr: async.IsNotDone,
			check:   noneObserved,
		},
		{
			name: "create's work request done: found by name and tags, read in full, its OCID recorded",
			memo: &async.Memo{WorkRequestID: "wr-create", Waits: 1},
			expect: func(s *scope, m *mockClient) {
				theirs := created(s, "ocid1.nodepool.theirs")
				theirs.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}
				gone := withState(created(s, "ocid1.nodepool.gone"), containerengine.NodePoolLifecycleStateDeleted)
				gomock.InOrder(
					m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r containerengine.GetWorkRequestRequest) bool {
						return *r.WorkRequestId == "wr-create"
					})).Return(workRequest(containerengine.WorkRequestStatusSucceeded), nil),
					m.ListNodePools(gomock.Any(), gomock.Any()).Return(listed(theirs, gone, created(s, poolID)), nil),
					m.GetNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil),
				)
			},
			check: func(t *testing.T, s *scope) {
				if s.pool.ID != poolID || s.memo().OwnedID != poolID || s.memo().WorkRequestID != "" {
					t.Errorf("id %q, memo %+v; want %s recorded and owned", s.pool.ID, s.memo(), poolID)
				}
				if len(s.observed) != 1 || !slices.Equal(nodepool.ProviderIDs(s.lastObserved()), []string{"oci://ocid1.instance.0"}) {
					t.Errorf("observed %d pools; want the one read in full, with its node", len(s.observed))
				}
			},
		},
		{
			name:  "scaled: the size sent alone, without cycling, through a work request",
			setup: func(s *scope) { s.pool.ID, s.replicas = poolID, 3 },
			expect: func(s *scope, m *mockClient) {
				s.replicas = 1
				np := created(s, poolID)
				s.replicas = 3
				m.GetNodePool(gomock.Any(), ofPool).Return(get(np), nil)
				m.UpdateNodePool(gomock.Any(), gomock.Cond(func(r containerengine.UpdateNodePoolRequest) bool {
					return *r.NodePoolId == poolID && *r.NodeConfigDetails.Size == 3 && r.NodePoolCyclingDetails == nil &&
						r.KubernetesVersion == nil
				})).Return(containerengine.UpdateNodePoolResponse{OpcWorkRequestId: ptr.To("wr-update")}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-update" || len(s.observed) != 1 {
					t.Errorf("memo %+v, %d observed; want wr-update and the pool read", s.memo(), len(s.observed))
				}
			},
		},
		{
			name: "Kubernetes upgraded with cycling enabled: the version and the cycling details",
			setup: func(s *scope) {
				s.pool.ID = poolID
				vcnNativePool(&s.pool)
			},
			expect: func(s *scope, m *mockClient) {
				m.GetNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil)
				s.version = "v1.33.1"
				m.UpdateNodePool(gomock.Any(), gomock.Cond(func(r containerengine.UpdateNodePoolRequest) bool {
					return *r.KubernetesVersion == "v1.33.1" && *r.NodePoolCyclingDetails.IsNodeCyclingEnabled &&
						*r.NodePoolCyclingDetails.MaximumSurge == "1" && r.NodeConfigDetails == nil
				})).Return(containerengine.UpdateNodePoolResponse{OpcWorkRequestId: ptr.To("wr-update")}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "update's work request failed: terminal, with OKE's errors",
			memo: &async.Memo{WorkRequestID: "wr-update", Waits: 2, OwnedID: poolID},
			expect: func(s *scope, m *mockClient) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(containerengine.WorkRequestStatusFailed), nil)
				m.ListWorkRequestErrors(gomock.Any(), gomock.Cond(func(r containerengine.ListWorkRequestErrorsRequest) bool {
					return *r.WorkRequestId == "wr-update" && *r.CompartmentId == s.Compartment
				})).Return(containerengine.ListWorkRequestErrorsResponse{Items: []containerengine.WorkRequestError{
					{Code: ptr.To("LimitExceeded"), Message: ptr.To("no capacity for 3 nodes")}}}, nil)
			},
			wantErr: terminal(async.ReasonWorkRequestFailed, "NODEPOOL_UPDATE failed: LimitExceeded: no capacity for 3 nodes"),
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "" {
					t.Errorf("failed work request still remembered: %+v", s.memo())
				}
			},
		},
		lifecycleCase("FAILED: terminal", containerengine.NodePoolLifecycleStateFailed,
			terminal(async.ReasonResourceFailed, "in state FAILED"), false),
		lifecycleCase("UPDATING (OKE cycling its nodes): not done", containerengine.NodePoolLifecycleStateUpdating, async.IsNotDone, false),
		lifecycleCase("NEEDS_ATTENTION: ready but degraded, in place", containerengine.NodePoolLifecycleStateNeedsAttention, nil, true),
		{
			name:    "no OKE cluster OCID yet: waiting, no call",
			setup:   func(s *scope) { s.cluster = "" },
			wantErr: async.IsNotDone,
		},
		{
			name:    "a subnet the network does not know: terminal, no call",
			setup:   func(s *scope) { s.pool.NodePoolNodeConfig.PlacementConfigs[0].SubnetName = "foo" },
			wantErr: terminal("ReconcileFailed", `placementConfigs[0].subnetName "foo": no such subnet`),
		},
	} {
		t.Run(tc.name, func(t *testing.T) { runReconcile(t, tc) })
	}
}

func runReconcile(t *testing.T, tc reconcileCase) {
	t.Helper()
	s := newScope()
	if tc.setup != nil {
		tc.setup(s)
	}
	s.Remember(nodepool.Key, tc.memo)
	svctest.Run(t, "Reconcile", s, mock_nodepool.NewMockClient, tc.expect, tc.wantErr, tc.check,
		func(m *mock_nodepool.MockClient) error { return nodepool.New(s, m).Reconcile(context.Background()) })
}

// lifecycleCase is a recorded pool found in state st: Reconcile's error passes wantErr (nil: none), the pool is
// observed, and Degraded is degraded.
func lifecycleCase(name string, st containerengine.NodePoolLifecycleStateEnum, wantErr func(error) bool, degraded bool) reconcileCase {
	return reconcileCase{name: name, setup: func(s *scope) { s.pool.ID = poolID },
		memo: &async.Memo{OwnedID: poolID, CheckedAt: time.Unix(1, 0)},
		expect: func(s *scope, m *mockClient) {
			m.GetNodePool(gomock.Any(), ofPool).Return(get(withState(created(s, poolID), st)), nil)
		},
		wantErr: wantErr,
		check: func(t *testing.T, s *scope) {
			if len(s.observed) != 1 || s.lastObserved().LifecycleState != st || nodepool.Degraded(s.lastObserved()) != degraded {
				t.Errorf("observed %d pools; want the %s one, degraded %v", len(s.observed), st, degraded)
			}
		},
	}
}

func TestNodes(t *testing.T) {
	node := func(id string, st containerengine.NodeLifecycleStateEnum) containerengine.Node {
		return containerengine.Node{Id: ptr.To(id), LifecycleState: st}
	}
	np := &containerengine.NodePool{Nodes: []containerengine.Node{node("c", containerengine.NodeLifecycleStateActive),
		node("a", containerengine.NodeLifecycleStateCreating), node("d", containerengine.NodeLifecycleStateDeleting),
		node("e", containerengine.NodeLifecycleStateDeleted), node("b", containerengine.NodeLifecycleStateActive),
		node("f", containerengine.NodeLifecycleStateFailing), {LifecycleState: containerengine.NodeLifecycleStateCreating}}}
	if got, want := nodepool.ProviderIDs(np), []string{"oci://a", "oci://b", "oci://c", "oci://f"}; !slices.Equal(got, want) {
		t.Errorf("ProviderIDs = %q, want %q", got, want)
	}
	if got := nodepool.ReadyNodes(np); got != 2 {
		t.Errorf("ReadyNodes = %d, want 2", got)
	}
	if got := nodepool.ProviderIDs(&containerengine.NodePool{}); got == nil || len(got) != 0 {
		t.Errorf("ProviderIDs of no nodes = %#v, want an empty list", got)
	}
	for st, want := range map[containerengine.NodePoolLifecycleStateEnum]bool{containerengine.NodePoolLifecycleStateActive: false,
		containerengine.NodePoolLifecycleStateNeedsAttention: true, containerengine.NodePoolLifecycleStateInactive: true,
		containerengine.NodePoolLifecycleStateUpdating: false} {
		if got := nodepool.Degraded(&containerengine.NodePool{LifecycleState: st}); got != want {
			t.Errorf("Degraded(%s) = %v, want %v", st, got, want)
		}
	}
}
