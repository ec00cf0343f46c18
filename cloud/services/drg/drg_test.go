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

package drg_test

import (
	"context"
	"errors"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg/mock_drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct {
	*svctest.Network
	peering *infrav1.VCNPeering
}

func (s *scope) VCNPeering() *infrav1.VCNPeering { return s.peering }

func (s *scope) drgID() string { return s.peering.DRG.ID }

func newScope(d *infrav1.DRG) *scope {
	n := svctest.NewNetwork(infrav1.VCN{ID: "ocid1.vcn.test"})
	n.ServicesErr = errors.New("the DRG needs no services")
	return &scope{Network: n, peering: &infrav1.VCNPeering{DRG: d}}
}

func managed(id string) *infrav1.DRG { return &infrav1.DRG{Manage: true, ID: id} }

func available(id, name string, tags map[string]string) core.Drg {
	return core.Drg{Id: ptr.To(id), DisplayName: ptr.To(name), LifecycleState: core.DrgLifecycleStateAvailable, FreeformTags: tags}
}

func got(d core.Drg) core.GetDrgResponse { return core.GetDrgResponse{Drg: d} }

func byID(id string) gomock.Matcher {
	return gomock.Cond(func(r core.GetDrgRequest) bool { return *r.DrgId == id })
}

func TestReconcile(t *testing.T) {
	theirs := map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		memo    *async.Memo
		expect  func(s *scope, m *mock_drg.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name:  "none yet: created with a retry token, named after the cluster, its OCID recorded at once",
			scope: func() *scope { return newScope(managed("")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.ListDrgs(gomock.Any(), gomock.Cond(func(r core.ListDrgsRequest) bool {
					return *r.CompartmentId == "ocid1.compartment.oc1..test"
				})).Return(core.ListDrgsResponse{}, nil)
				m.CreateDrg(gomock.Any(), gomock.Cond(func(r core.CreateDrgRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
						*r.DisplayName == "c1" && svc.Owns(r.FreeformTags, "cluster-uid")
				})).Return(core.CreateDrgResponse{Drg: core.Drg{Id: ptr.To("ocid1.drg.new"),
					LifecycleState: core.DrgLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.drgID() != "ocid1.drg.new" || s.Memo(drg.Key).OwnedID != "ocid1.drg.new" {
					t.Errorf("id %q, owned %q; want the new DRG's", s.drgID(), s.Memo(drg.Key).OwnedID)
				}
			},
		},
		{
			name: "found by name and tags on a later page after a lost create response: adopted, no second create",
			scope: func() *scope {
				return newScope(&infrav1.DRG{Manage: true, Name: "peering"})
			},
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListDrgs(gomock.Any(), gomock.Cond(func(r core.ListDrgsRequest) bool { return r.Page == nil })).
						Return(core.ListDrgsResponse{Items: []core.Drg{available("ocid1.drg.other", "c1", s.OwnedTags()),
							available("ocid1.drg.theirs", "peering", theirs)}, OpcNextPage: ptr.To("2")}, nil),
					m.ListDrgs(gomock.Any(), gomock.Cond(func(r core.ListDrgsRequest) bool { return ptr.Deref(r.Page, "") == "2" })).
						Return(core.ListDrgsResponse{Items: []core.Drg{available("ocid1.drg.ours", "peering", s.OwnedTags())}}, nil),
				)
			},
			check: func(t *testing.T, s *scope) {
				if s.drgID() != "ocid1.drg.ours" || s.Memo(drg.Key).OwnedID != "ocid1.drg.ours" {
					t.Errorf("id %q, owned %q; want ocid1.drg.ours", s.drgID(), s.Memo(drg.Key).OwnedID)
				}
			},
		},
		{
			name:  "brought by ID: read, used, never updated",
			scope: func() *scope { return newScope(managed("ocid1.drg.byo")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), byID("ocid1.drg.byo")).Return(got(available("ocid1.drg.byo", "theirs", nil)), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.Memo(drg.Key).OwnedID != "" {
					t.Errorf("a brought DRG is recorded as owned")
				}
			},
		},
		{
			name:  "owned and deleted behind our back: recreated",
			scope: func() *scope { return newScope(managed("ocid1.drg.old")) },
			memo:  &async.Memo{OwnedID: "ocid1.drg.old"},
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), byID("ocid1.drg.old")).Return(core.GetDrgResponse{}, svctest.NotFound())
				m.CreateDrg(gomock.Any(), gomock.Any()).Return(core.CreateDrgResponse{Drg: core.Drg{Id: ptr.To("ocid1.drg.new"),
					LifecycleState: core.DrgLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.drgID() != "ocid1.drg.new" {
					t.Errorf("id %q, want the replacement's", s.drgID())
				}
			},
		},
		{
			name:  "renamed behind our back: renamed back",
			scope: func() *scope { return newScope(managed("ocid1.drg.ours")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), byID("ocid1.drg.ours")).Return(got(available("ocid1.drg.ours", "renamed", s.OwnedTags())), nil)
				m.UpdateDrg(gomock.Any(), gomock.Cond(func(r core.UpdateDrgRequest) bool {
					return *r.DrgId == "ocid1.drg.ours" && *r.DisplayName == "c1"
				})).Return(core.UpdateDrgResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "still provisioning: not done",
			scope: func() *scope { return newScope(managed("ocid1.drg.ours")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				d := available("ocid1.drg.ours", "c1", s.OwnedTags())
				d.LifecycleState = core.DrgLifecycleStateProvisioning
				m.GetDrg(gomock.Any(), gomock.Any()).Return(got(d), nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "no peering: no call", scope: func() *scope { s := newScope(nil); s.peering = nil; return s }},
		{name: "peering without a DRG: no call", scope: func() *scope { return newScope(nil) }},
		{name: "not managed, given by OCID: no call", scope: func() *scope { return newScope(&infrav1.DRG{ID: "ocid1.drg.byo"}) }},
		{
			name:    "not managed and no OCID: an error naming the field, no call",
			scope:   func() *scope { return newScope(&infrav1.DRG{Name: "x"}) },
			wantErr: func(err error) bool { return errors.Is(err, drg.ErrNoID) },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			s.Remember(drg.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_drg.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_drg.MockClient) error { return drg.New(s, m).Reconcile(context.Background()) })
		})
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	m := mock_drg.NewMockClient(gomock.NewController(t))
	s := newScope(managed("ocid1.drg.ours"))
	m.EXPECT().GetDrg(gomock.Any(), gomock.Any()).Return(got(available("ocid1.drg.ours", "c1", s.OwnedTags())), nil).Times(1)
	for range 3 {
		if err := drg.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		expect  func(s *scope, m *mock_drg.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name:  "owned: deleted, then gone",
			scope: func() *scope { return newScope(managed("ocid1.drg.ours")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetDrg(gomock.Any(), byID("ocid1.drg.ours")).Return(got(available("ocid1.drg.ours", "c1", s.OwnedTags())), nil),
					m.DeleteDrg(gomock.Any(), gomock.Cond(func(r core.DeleteDrgRequest) bool { return *r.DrgId == "ocid1.drg.ours" })).
						Return(core.DeleteDrgResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "already gone: done",
			scope: func() *scope { return newScope(managed("ocid1.drg.ours")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), gomock.Any()).Return(core.GetDrgResponse{}, svctest.NotFound())
			},
		},
		{
			name:  "the delete answered NotFound: done with it",
			scope: func() *scope { return newScope(managed("ocid1.drg.ours")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), gomock.Any()).Return(got(available("ocid1.drg.ours", "c1", s.OwnedTags())), nil)
				m.DeleteDrg(gomock.Any(), gomock.Any()).Return(core.DeleteDrgResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "still attached: reported as in use",
			scope: func() *scope { return newScope(managed("ocid1.drg.ours")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), gomock.Any()).Return(got(available("ocid1.drg.ours", "c1", s.OwnedTags())), nil)
				m.DeleteDrg(gomock.Any(), gomock.Any()).Return(core.DeleteDrgResponse{}, svctest.Conflict())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Reason == svc.ReasonInUse
			},
		},
		{
			name:  "brought by ID: never deleted",
			scope: func() *scope { return newScope(managed("ocid1.drg.byo")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.GetDrg(gomock.Any(), gomock.Any()).Return(got(available("ocid1.drg.byo", "theirs", nil)), nil)
			},
		},
		{
			name:  "never recorded: found by name and tags, then deleted",
			scope: func() *scope { return newScope(managed("")) },
			expect: func(s *scope, m *mock_drg.MockClientMockRecorder) {
				m.ListDrgs(gomock.Any(), gomock.Any()).Return(core.ListDrgsResponse{Items: []core.Drg{
					available("ocid1.drg.ours", "c1", s.OwnedTags())}}, nil)
				m.DeleteDrg(gomock.Any(), gomock.Cond(func(r core.DeleteDrgRequest) bool { return *r.DrgId == "ocid1.drg.ours" })).
					Return(core.DeleteDrgResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "not managed: no call", scope: func() *scope { return newScope(&infrav1.DRG{ID: "ocid1.drg.byo"}) }},
		{name: "no peering: no call", scope: func() *scope { s := newScope(nil); s.peering = nil; return s }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			svctest.Run(t, "Delete", s, mock_drg.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_drg.MockClient) error { return drg.New(s, m).Delete(context.Background()) })
		})
	}
}
