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
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool/mock_virtualnodepool"
)

const poolID = "ocid1.virtualnodepool.vp"

type mockClient = mock_virtualnodepool.MockClientMockRecorder

func get(vnp containerengine.VirtualNodePool) containerengine.GetVirtualNodePoolResponse {
	return containerengine.GetVirtualNodePoolResponse{VirtualNodePool: vnp}
}

func withState(vnp containerengine.VirtualNodePool, st containerengine.VirtualNodePoolLifecycleStateEnum) containerengine.VirtualNodePool {
	vnp.LifecycleState = st
	return vnp
}

// listed is OKE's list of virtual node pools, as summaries.
func listed(vnps ...containerengine.VirtualNodePool) containerengine.ListVirtualNodePoolsResponse {
	var r containerengine.ListVirtualNodePoolsResponse
	for i := range vnps {
		v := &vnps[i]
		r.Items = append(r.Items, containerengine.VirtualNodePoolSummary{Id: v.Id, DisplayName: v.DisplayName, ClusterId: v.ClusterId,
			LifecycleState: v.LifecycleState, FreeformTags: v.FreeformTags})
	}
	return r
}

func workRequest(st containerengine.WorkRequestStatusEnum, op containerengine.WorkRequestOperationTypeEnum) containerengine.GetWorkRequestResponse {
	return containerengine.GetWorkRequestResponse{WorkRequest: containerengine.WorkRequest{Status: st, OperationType: op}}
}

// ofPool matches a read of the pool poolID.
var ofPool = gomock.Cond(func(r containerengine.GetVirtualNodePoolRequest) bool { return *r.VirtualNodePoolId == poolID })

// listsNodes expects the pool's virtual nodes listed in two pages: the first two nodes of all, then the rest.
func listsNodes(m *mockClient, all []containerengine.VirtualNodeSummary) {
	gomock.InOrder(
		m.ListVirtualNodes(gomock.Any(), gomock.Cond(func(r containerengine.ListVirtualNodesRequest) bool {
			return *r.VirtualNodePoolId == poolID && r.Page == nil
		})).Return(containerengine.ListVirtualNodesResponse{Items: all[:min(2, len(all))], OpcNextPage: ptr.To("p2")}, nil),
		m.ListVirtualNodes(gomock.Any(), gomock.Cond(func(r containerengine.ListVirtualNodesRequest) bool {
			return *r.VirtualNodePoolId == poolID && ptr.Deref(r.Page, "") == "p2"
		})).Return(containerengine.ListVirtualNodesResponse{Items: all[min(2, len(all)):]}, nil),
	)
}

func terminal(reason, text string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == reason && strings.Contains(err.Error(), text)
	}
}

func noneObserved(t *testing.T, s *scope) {
	t.Helper()
	if len(s.observed) != 0 {
		t.Errorf("observed %d times, want none", len(s.observed))
	}
}

// observedWith checks that the scope saw the pool poolID once, in state st, with n nodes listed.
func observedWith(st containerengine.VirtualNodePoolLifecycleStateEnum, n int) func(t *testing.T, s *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if len(s.observed) != 1 || ptr.Deref(s.lastObserved().pool.Id, "") != poolID || s.lastObserved().pool.LifecycleState != st ||
			s.lastObserved().nodes == nil || len(s.lastObserved().nodes) != n {
			t.Errorf("observed %+v; want the %s pool once, with its %d nodes", s.observed, st, n)
		}
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
				m.ListVirtualNodePools(gomock.Any(), gomock.Cond(func(r containerengine.ListVirtualNodePoolsRequest) bool {
					return *r.CompartmentId == s.Compartment && *r.ClusterId == "ocid1.cluster.oke" && *r.Name == "vp-0"
				})).Return(containerengine.ListVirtualNodePoolsResponse{}, nil)
				m.CreateVirtualNodePool(gomock.Any(), gomock.Cond(func(r containerengine.CreateVirtualNodePoolRequest) bool {
					return strings.HasPrefix(ptr.Deref(r.OpcRetryToken, ""), "capoci-") && *r.DisplayName == "vp-0" &&
						*r.ClusterId == "ocid1.cluster.oke" && *r.Size == 1 && *r.PodConfiguration.SubnetId == "ocid1.subnet.pod"
				})).Return(containerengine.CreateVirtualNodePoolResponse{OpcWorkRequestId: ptr.To("wr-create")}, nil)
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
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(containerengine.WorkRequestStatusInProgress,
					containerengine.WorkRequestOperationTypeVirtualnodepoolCreate), nil)
			},
			wantErr: async.IsNotDone,
			check:   noneObserved,
		},
		{
			name: "create's work request done: found by name and tags, read in full, its OCID recorded, its nodes listed",
			memo: &async.Memo{WorkRequestID: "wr-create", Waits: 1},
			expect: func(s *scope, m *mockClient) {
				theirs := created(s, "ocid1.virtualnodepool.theirs")
				theirs.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}
				gone := withState(created(s, "ocid1.virtualnodepool.gone"), containerengine.VirtualNodePoolLifecycleStateDeleted)
				gomock.InOrder(
					m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r containerengine.GetWorkRequestRequest) bool {
						return *r.WorkRequestId == "wr-create"
					})).Return(workRequest(containerengine.WorkRequestStatusSucceeded, containerengine.WorkRequestOperationTypeVirtualnodepoolCreate), nil),
					m.ListVirtualNodePools(gomock.Any(), gomock.Any()).Return(listed(theirs, gone, created(s, poolID)), nil),
					m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil),
				)
				listsNodes(m, activeNodes(1))
			},
			check: func(t *testing.T, s *scope) {
				if s.pool.ID != poolID || s.memo().OwnedID != poolID || s.memo().WorkRequestID != "" {
					t.Errorf("id %q, memo %+v; want %s recorded and owned", s.pool.ID, s.memo(), poolID)
				}
				observedWith(containerengine.VirtualNodePoolLifecycleStateActive, 1)(t, s)
			},
		},
		{
			name: "made by the earlier provider (no OCID, no work request): found by name and tags, adopted as it is, no create",
			expect: func(s *scope, m *mockClient) {
				m.ListVirtualNodePools(gomock.Any(), gomock.Any()).Return(listed(created(s, poolID)), nil)
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil)
				listsNodes(m, activeNodes(3))
			},
			check: func(t *testing.T, s *scope) {
				if s.pool.ID != poolID {
					t.Errorf("id %q, want %s", s.pool.ID, poolID)
				}
				observedWith(containerengine.VirtualNodePoolLifecycleStateActive, 3)(t, s)
			},
		},
		{
			name:  "scaled: the size sent alone, through a work request; the nodes listed",
			setup: func(s *scope) { s.pool.ID, s.replicas = poolID, 3 },
			expect: func(s *scope, m *mockClient) {
				s.replicas = 1
				vnp := created(s, poolID)
				s.replicas = 3
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(vnp), nil)
				m.UpdateVirtualNodePool(gomock.Any(), gomock.Cond(func(r containerengine.UpdateVirtualNodePoolRequest) bool {
					return *r.VirtualNodePoolId == poolID && *r.Size == 3 && r.DisplayName == nil && r.PlacementConfigurations == nil &&
						r.PodConfiguration == nil && r.Taints == nil && r.FreeformTags == nil
				})).Return(containerengine.UpdateVirtualNodePoolResponse{OpcWorkRequestId: ptr.To("wr-update")}, nil)
				listsNodes(m, activeNodes(1))
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().WorkRequestID != "wr-update" {
					t.Errorf("memo %+v, want wr-update", s.memo())
				}
				observedWith(containerengine.VirtualNodePoolLifecycleStateActive, 1)(t, s)
			},
		},
		{
			name: "update's work request failed: terminal, with OKE's errors",
			memo: &async.Memo{WorkRequestID: "wr-update", Waits: 2, OwnedID: poolID},
			expect: func(s *scope, m *mockClient) {
				m.GetWorkRequest(gomock.Any(), gomock.Any()).Return(workRequest(containerengine.WorkRequestStatusFailed,
					containerengine.WorkRequestOperationTypeVirtualnodepoolUpdate), nil)
				m.ListWorkRequestErrors(gomock.Any(), gomock.Cond(func(r containerengine.ListWorkRequestErrorsRequest) bool {
					return *r.WorkRequestId == "wr-update" && *r.CompartmentId == s.Compartment
				})).Return(containerengine.ListWorkRequestErrorsResponse{Items: []containerengine.WorkRequestError{
					{Code: ptr.To("LimitExceeded"), Message: ptr.To("no capacity for 3 pods")}}}, nil)
			},
			wantErr: terminal(async.ReasonWorkRequestFailed, "VIRTUALNODEPOOL_UPDATE failed: LimitExceeded: no capacity for 3 pods"),
			check:   noneObserved,
		},
		{
			name:  "the node list fails: a transient error, the pool not observed",
			setup: func(s *scope) { s.pool.ID = poolID },
			memo:  &async.Memo{OwnedID: poolID, CheckedAt: time.Unix(1, 0)},
			expect: func(s *scope, m *mockClient) {
				m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(created(s, poolID)), nil)
				m.ListVirtualNodes(gomock.Any(), gomock.Any()).Return(containerengine.ListVirtualNodesResponse{},
					svctest.ServiceError(500, "InternalError"))
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient && strings.Contains(err.Error(), "listing the virtual nodes of virtual node pool "+poolID)
			},
			check: noneObserved,
		},
		lifecycleCase("FAILED: terminal", containerengine.VirtualNodePoolLifecycleStateFailed,
			terminal(async.ReasonResourceFailed, "in state FAILED"), false),
		lifecycleCase("UPDATING: not done", containerengine.VirtualNodePoolLifecycleStateUpdating, async.IsNotDone, false),
		lifecycleCase("NEEDS_ATTENTION: ready but degraded, in place", containerengine.VirtualNodePoolLifecycleStateNeedsAttention, nil, true),
		{
			name:    "no OKE cluster OCID yet: waiting, no call",
			setup:   func(s *scope) { s.cluster = "" },
			wantErr: async.IsNotDone,
			check:   noneObserved,
		},
		{
			name:    "a subnet the network does not know: terminal, no call",
			setup:   func(s *scope) { s.pool.PlacementConfigs[0].SubnetName = "nope" },
			wantErr: terminal("ReconcileFailed", `spec.placementConfigs[0].subnetName "nope": no such subnet`),
			check:   noneObserved,
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
	s.Remember(virtualnodepool.Key, tc.memo)
	svctest.Run(t, "Reconcile", s, mock_virtualnodepool.NewMockClient, tc.expect, tc.wantErr, tc.check,
		func(m *mock_virtualnodepool.MockClient) error {
			return virtualnodepool.New(s, m).Reconcile(context.Background())
		})
}

// lifecycleCase is a recorded pool found in state st at its drift check: Reconcile's error passes wantErr (nil:
// none), the pool is observed with its nodes, and Degraded is degraded.
func lifecycleCase(name string, st containerengine.VirtualNodePoolLifecycleStateEnum, wantErr func(error) bool, degraded bool) reconcileCase {
	return reconcileCase{name: name, setup: func(s *scope) { s.pool.ID = poolID },
		memo: &async.Memo{OwnedID: poolID, CheckedAt: time.Unix(1, 0)},
		expect: func(s *scope, m *mockClient) {
			m.GetVirtualNodePool(gomock.Any(), ofPool).Return(get(withState(created(s, poolID), st)), nil)
			listsNodes(m, activeNodes(1))
		},
		wantErr: wantErr,
		check: func(t *testing.T, s *scope) {
			observedWith(st, 1)(t, s)
			if len(s.observed) == 1 && virtualnodepool.Degraded(s.lastObserved().pool) != degraded {
				t.Errorf("Degraded = %v, want %v", !degraded, degraded)
			}
		},
	}
}

func TestNodes(t *testing.T) {
	node := func(id string, st containerengine.VirtualNodeLifecycleStateEnum) containerengine.VirtualNodeSummary {
		return containerengine.VirtualNodeSummary{Id: ptr.To(id), LifecycleState: st}
	}
	all := []containerengine.VirtualNodeSummary{node("c", containerengine.VirtualNodeLifecycleStateActive),
		node("a", containerengine.VirtualNodeLifecycleStateCreating), node("d", containerengine.VirtualNodeLifecycleStateDeleting),
		node("e", containerengine.VirtualNodeLifecycleStateDeleted), node("b", containerengine.VirtualNodeLifecycleStateActive),
		node("f", containerengine.VirtualNodeLifecycleStateFailed), node("g", containerengine.VirtualNodeLifecycleStateNeedsAttention),
		{LifecycleState: containerengine.VirtualNodeLifecycleStateCreating}}
	if got, want := virtualnodepool.ProviderIDs(all), []string{"oci://a", "oci://b", "oci://c", "oci://g"}; !slices.Equal(got, want) {
		t.Errorf("ProviderIDs = %q, want %q", got, want)
	}
	if got := virtualnodepool.ReadyNodes(all); got != 2 {
		t.Errorf("ReadyNodes = %d, want 2", got)
	}
	if got := virtualnodepool.ProviderIDs(nil); got == nil || len(got) != 0 {
		t.Errorf("ProviderIDs of no nodes = %#v, want an empty list", got)
	}
	for st, want := range map[containerengine.VirtualNodePoolLifecycleStateEnum]bool{containerengine.VirtualNodePoolLifecycleStateActive: false,
		containerengine.VirtualNodePoolLifecycleStateNeedsAttention: true, containerengine.VirtualNodePoolLifecycleStateUpdating: false,
		containerengine.VirtualNodePoolLifecycleStateFailed: false} {
		if got := virtualnodepool.Degraded(&containerengine.VirtualNodePool{LifecycleState: st}); got != want {
			t.Errorf("Degraded(%s) = %v, want %v", st, got, want)
		}
	}
}
