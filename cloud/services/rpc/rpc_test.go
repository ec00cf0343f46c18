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

package rpc_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc/mock_rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

var (
	statusNew     = core.RemotePeeringConnectionPeeringStatusNew
	statusPending = core.RemotePeeringConnectionPeeringStatusPending
	statusPeered  = core.RemotePeeringConnectionPeeringStatusPeered
)

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		memo    map[string]*async.Memo
		expect  expectations
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name:  "none yet: created on the DRG with a retry token, its OCID recorded at once, no peer region asked",
			scope: func() *scope { return newScope(toGiven("")) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(), nil)
				m.CreateRemotePeeringConnection(gomock.Any(), gomock.Cond(func(r core.CreateRemotePeeringConnectionRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && *r.DrgId == localDRG && *r.DisplayName == "c1" &&
						*r.CompartmentId == "ocid1.compartment.oc1..test" && svc.Owns(r.FreeformTags, "cluster-uid")
				})).Return(created("ocid1.remotepeeringconnection.new"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.conn(0).RPCConnectionID != "ocid1.remotepeeringconnection.new" || len(s.asked) != 0 {
					t.Errorf("id %q, peer clients asked %q", s.conn(0).RPCConnectionID, s.asked)
				}
			},
		},
		{
			name:  "found by name and tags after a lost create response: adopted, already peered",
			scope: func() *scope { return newScope(toGiven("")) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(
					conn("ocid1.remotepeeringconnection.other", "other", statusNew, s.OwnedTags()),
					conn("ocid1.remotepeeringconnection.theirs", "c1", statusNew, nil),
					conn(ours, "c1", statusPeered, s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.conn(0).RPCConnectionID != ours {
					t.Errorf("id %q, want ours", s.conn(0).RPCConnectionID)
				}
			},
		},
		{
			name:  "available and NEW: connected to the given peer",
			scope: func() *scope { return newScope(toGiven(ours)) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil)
				m.ConnectRemotePeeringConnections(gomock.Any(), connects(givenPeer)).Return(core.ConnectRemotePeeringConnectionsResponse{}, nil)
			},
			wantErr: func(err error) bool {
				return async.IsNotDone(err) && strings.Contains(err.Error(), "waiting for the peering to be PEERED")
			},
		},
		{
			name:  "PENDING: not done, not connected again",
			scope: func() *scope { return newScope(toGiven(ours)) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(conn(ours, "c1", statusPending, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "REVOKED: a terminal error with OCI's status",
			scope: func() *scope { return newScope(toGiven(ours)) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(
					conn(ours, "c1", core.RemotePeeringConnectionPeeringStatusRevoked, s.OwnedTags())), nil)
			},
			wantErr: isPeeringFailed("REVOKED"),
		},
		{
			name:  "INVALID: a terminal error with OCI's status",
			scope: func() *scope { return newScope(toGiven(ours)) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(
					conn(ours, "c1", core.RemotePeeringConnectionPeeringStatusInvalid, s.OwnedTags())), nil)
			},
			wantErr: isPeeringFailed("INVALID"),
		},
		{
			name:  "a managed peer not made yet: made on the peer DRG through a client of its region",
			scope: func() *scope { return newScope(toManaged(ours, "")) },
			expect: func(s *scope, m, p *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil)
				p.ListRemotePeeringConnections(gomock.Any(), onDRG(peerDRG)).Return(listed(), nil)
				p.CreateRemotePeeringConnection(gomock.Any(), gomock.Cond(func(r core.CreateRemotePeeringConnectionRequest) bool {
					return *r.DrgId == peerDRG && *r.DisplayName == "c1" && *r.CompartmentId == "ocid1.compartment.oc1..test" &&
						svc.Owns(r.FreeformTags, "cluster-uid")
				})).Return(created(theirs), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if c := s.conn(0); c.PeerRPCConnectionID != theirs || s.Memo(rpc.PeerKey(0)).OwnedID != theirs ||
					!slices.Equal(s.asked, []string{phx}) {
					t.Errorf("peer %q (owned %q), regions asked %q", c.PeerRPCConnectionID, s.Memo(rpc.PeerKey(0)).OwnedID, s.asked)
				}
			},
		},
		{
			name:  "a managed peer available: connected to it",
			scope: func() *scope { return newScope(toManaged(ours, theirs)) },
			expect: func(s *scope, m, p *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil)
				p.GetRemotePeeringConnection(gomock.Any(), gomock.Cond(func(r core.GetRemotePeeringConnectionRequest) bool {
					return *r.RemotePeeringConnectionId == theirs
				})).Return(got(conn(theirs, "c1", statusNew, s.OwnedTags())), nil)
				m.ConnectRemotePeeringConnections(gomock.Any(), connects(theirs)).Return(core.ConnectRemotePeeringConnectionsResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "the peer region's client cannot be made: an error",
			scope: func() *scope { s := newScope(toManaged(ours, "")); s.conn(0).PeerRegionName = "eu-nowhere-1"; return s },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil)
			},
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "region eu-nowhere-1") },
		},
		{
			name:  "brought by ID: used, never renamed",
			scope: func() *scope { return newScope(toGiven("ocid1.remotepeeringconnection.byo")) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(
					conn("ocid1.remotepeeringconnection.byo", "theirs", statusPeered, nil)), nil)
			},
		},
		{
			name:  "owned and deleted behind our back: recreated",
			scope: func() *scope { return newScope(toGiven("ocid1.remotepeeringconnection.old")) },
			memo:  map[string]*async.Memo{rpc.Key(0): {OwnedID: "ocid1.remotepeeringconnection.old"}},
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(), nil)
				m.GetRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(core.GetRemotePeeringConnectionResponse{}, svctest.NotFound())
				m.CreateRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(created("ocid1.remotepeeringconnection.new"), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.conn(0).RPCConnectionID != "ocid1.remotepeeringconnection.new" {
					t.Errorf("id %q, want the replacement's", s.conn(0).RPCConnectionID)
				}
			},
		},
		{
			name:  "renamed behind our back: renamed back",
			scope: func() *scope { return newScope(toGiven(ours)) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(conn(ours, "renamed", statusPeered, s.OwnedTags())), nil)
				m.UpdateRemotePeeringConnection(gomock.Any(), gomock.Cond(func(r core.UpdateRemotePeeringConnectionRequest) bool {
					return *r.RemotePeeringConnectionId == ours && *r.DisplayName == "c1"
				})).Return(core.UpdateRemotePeeringConnectionResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:    "an entry without its peer's region: an error, no call",
			scope:   func() *scope { s := newScope(toGiven("")); s.conn(0).PeerRegionName = ""; return s },
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "peerRegionName is not set") },
		},
		{
			name:    "no DRG: an error, no call",
			scope:   func() *scope { s := newScope(toGiven("")); s.peering.DRG = nil; return s },
			wantErr: func(err error) bool { return errors.Is(err, drg.ErrNoDRG) },
		},
		{
			name:    "the managed DRG not recorded yet: not done, no call",
			scope:   func() *scope { s := newScope(toGiven("")); s.peering.DRG.ID = ""; return s },
			wantErr: async.IsNotDone,
		},
		{name: "no entries: no call", scope: func() *scope { return newScope() }},
		{name: "no peering: no call", scope: func() *scope { s := newScope(toGiven("")); s.peering = nil; return s }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			for key, m := range tc.memo {
				s.Remember(key, m)
			}
			run(t, "Reconcile", s, tc.expect, tc.wantErr, reconcile)
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

// TestConnectedOnceThenPeered follows a connection from NEW to PEERED over three reconciles: it is connected
// once, read while the peering is awaited, and not read once it is PEERED (its drift check is not due).
func TestConnectedOnceThenPeered(t *testing.T) {
	s := newScope(toGiven(ours))
	looks := 0
	run(t, "Reconcile", s, func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
		m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).DoAndReturn(
			func(any, core.ListRemotePeeringConnectionsRequest) (core.ListRemotePeeringConnectionsResponse, error) {
				looks++
				if looks == 1 {
					return listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil
				}
				return listed(conn(ours, "c1", statusPeered, s.OwnedTags())), nil
			}).Times(2)
		m.ConnectRemotePeeringConnections(gomock.Any(), connects(givenPeer)).Return(core.ConnectRemotePeeringConnectionsResponse{}, nil).Times(1)
	}, nil, func(svc *rpc.Service) error {
		if err := reconcile(svc); !async.IsNotDone(err) {
			t.Fatalf("first reconcile: %v, want not done", err)
		}
		for range 2 {
			if err := reconcile(svc); err != nil {
				return err
			}
		}
		return nil
	})
	if looks != 2 {
		t.Errorf("%d lists, want two", looks)
	}
	if m := s.Memo(rpc.Key(0)); m.CheckedAt.IsZero() || m.Waits != 0 {
		t.Errorf("memo %+v once peered, want it in place", m)
	}
}

// TestReadAgainUntilPeered reads the cluster's connection again at the reconcile after the one that found it
// NEW, even when that one ended before peering it (its managed peer was being made).
func TestReadAgainUntilPeered(t *testing.T) {
	s := newScope(toManaged(ours, ""))
	run(t, "Reconcile", s, func(s *scope, m, p *mock_rpc.MockClientMockRecorder) {
		m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil).Times(2)
		p.ListRemotePeeringConnections(gomock.Any(), onDRG(peerDRG)).Return(listed(), nil)
		p.CreateRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(created(theirs), nil)
		p.GetRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(got(conn(theirs, "c1", statusNew, s.OwnedTags())), nil)
		m.ConnectRemotePeeringConnections(gomock.Any(), connects(theirs)).Return(core.ConnectRemotePeeringConnectionsResponse{}, nil)
	}, nil, func(svc *rpc.Service) error {
		for range 2 {
			if err := reconcile(svc); !async.IsNotDone(err) {
				return err
			}
		}
		return nil
	})
}

// TestOneListServesEveryEntry reads the connections of two entries with one list of the DRG's.
func TestOneListServesEveryEntry(t *testing.T) {
	s := newScope(toGiven(ours), toGiven("ocid1.remotepeeringconnection.second"))
	s.conn(1).PeerRPCConnectionID = "ocid1.remotepeeringconnection.given2"
	run(t, "Reconcile", s, func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
		m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(core.ListRemotePeeringConnectionsResponse{
			Items: []core.RemotePeeringConnection{conn(ours, "c1", statusPeered, s.OwnedTags()),
				conn("ocid1.remotepeeringconnection.second", "c1-1", statusPeered, s.OwnedTags())}}, nil).Times(1)
	}, nil, reconcile)
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		expect  expectations
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name:  "owned, with a managed peer: both deleted, the peer through its region's client",
			scope: func() *scope { return newScope(toManaged(ours, theirs)) },
			expect: func(s *scope, m, p *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(conn(ours, "c1", statusPeered, s.OwnedTags())), nil)
				m.DeleteRemotePeeringConnection(gomock.Any(), gomock.Cond(func(r core.DeleteRemotePeeringConnectionRequest) bool {
					return *r.RemotePeeringConnectionId == ours
				})).Return(core.DeleteRemotePeeringConnectionResponse{}, nil)
				p.GetRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(got(conn(theirs, "c1", statusPeered, s.OwnedTags())), nil)
				p.DeleteRemotePeeringConnection(gomock.Any(), gomock.Cond(func(r core.DeleteRemotePeeringConnectionRequest) bool {
					return *r.RemotePeeringConnectionId == theirs
				})).Return(core.DeleteRemotePeeringConnectionResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "both gone: done, their memos marked deleted",
			scope: func() *scope {
				s := newScope(toManaged(ours, theirs))
				s.Remember(rpc.Key(0), &async.Memo{Waits: 2}) // its delete was sent
				s.Remember(rpc.PeerKey(0), &async.Memo{OwnedID: theirs})
				return s
			},
			expect: func(s *scope, m, p *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(), nil)
				m.GetRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(core.GetRemotePeeringConnectionResponse{}, svctest.NotFound())
				p.GetRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(core.GetRemotePeeringConnectionResponse{}, svctest.NotFound())
			},
			check: func(t *testing.T, s *scope) {
				for _, k := range []string{rpc.Key(0), rpc.PeerKey(0)} {
					if m := s.Recorder(nil).Memo(k); m != (async.Memo{Deleted: true}) {
						t.Errorf("%s: memo %+v, want it marked deleted", k, m)
					}
				}
			},
		},
		{
			name:  "the delete answered NotFound: done with it",
			scope: func() *scope { return newScope(toGiven(ours)) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(conn(ours, "c1", statusPeered, s.OwnedTags())), nil)
				m.DeleteRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(core.DeleteRemotePeeringConnectionResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "brought by ID, and a peer not managed: neither deleted",
			scope: func() *scope { return newScope(toGiven("ocid1.remotepeeringconnection.byo")) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), gomock.Any()).Return(listed(
					conn("ocid1.remotepeeringconnection.byo", "theirs", statusPeered, nil)), nil)
			},
			check: func(t *testing.T, s *scope) {
				if len(s.asked) != 0 {
					t.Errorf("peer regions asked %q", s.asked)
				}
			},
		},
		{
			name:  "never recorded: found by name and tags, then deleted",
			scope: func() *scope { return newScope(toGiven("")) },
			expect: func(s *scope, m, _ *mock_rpc.MockClientMockRecorder) {
				m.ListRemotePeeringConnections(gomock.Any(), onDRG(localDRG)).Return(listed(conn(ours, "c1", statusNew, s.OwnedTags())), nil)
				m.DeleteRemotePeeringConnection(gomock.Any(), gomock.Any()).Return(core.DeleteRemotePeeringConnectionResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "never recorded, nor their DRGs: no call",
			scope: func() *scope {
				s := newScope(toManaged("", ""))
				s.peering.DRG.ID = ""
				s.conn(0).PeerDRGID = ""
				return s
			},
		},
		{name: "no entries: no call", scope: func() *scope { return newScope() }},
		{name: "no peering: no call", scope: func() *scope { s := newScope(toGiven(ours)); s.peering = nil; return s }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			run(t, "Delete", s, tc.expect, tc.wantErr, remove)
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}
