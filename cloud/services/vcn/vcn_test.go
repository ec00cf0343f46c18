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

package vcn_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vcn"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vcn/mock_vcn"
)

type scope struct{ *svctest.Network }

func (s *scope) memo() async.Memo   { return s.Memo(vcn.Key) }
func newScope(v infrav1.VCN) *scope { return &scope{svctest.NewNetwork(v)} }
func available(id string, tags map[string]string) core.Vcn {
	return core.Vcn{Id: ptr.To(id), DisplayName: ptr.To("c1"), LifecycleState: core.VcnLifecycleStateAvailable, FreeformTags: tags}
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		memo    *async.Memo
		expect  func(s *scope, m *mock_vcn.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "none yet: created with a retry token and its OCID recorded at once",
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.ListVcns(gomock.Any(), gomock.Any()).Return(core.ListVcnsResponse{}, nil)
				m.CreateVcn(gomock.Any(), gomock.Cond(func(r core.CreateVcnRequest) bool {
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
						*r.DisplayName == "c1"
				})).Return(core.CreateVcnResponse{Vcn: core.Vcn{Id: ptr.To("ocid1.vcn.new"),
					LifecycleState: core.VcnLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.Spec.ID != "ocid1.vcn.new" || s.memo().OwnedID != "ocid1.vcn.new" {
					t.Errorf("id %q, owned %q; want the new VCN's", s.Spec.ID, s.memo().OwnedID)
				}
			},
		},
		{
			name: "found by name and tags after a lost create response: adopted, no second create",
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.ListVcns(gomock.Any(), gomock.Any()).Return(core.ListVcnsResponse{Items: []core.Vcn{
					available("ocid1.vcn.other", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
					available("ocid1.vcn.ours", s.OwnedTags())}}, nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.Spec.ID != "ocid1.vcn.ours" || s.memo().OwnedID != "ocid1.vcn.ours" {
					t.Errorf("id %q, owned %q; want ocid1.vcn.ours", s.Spec.ID, s.memo().OwnedID)
				}
			},
		},
		{
			name: "brought by ID: used, never updated",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.byo"},
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				v := available("ocid1.vcn.byo", nil)
				v.DisplayName = ptr.To("theirs")
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{Vcn: v}, nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().OwnedID != "" {
					t.Errorf("a brought VCN is recorded as owned")
				}
			},
		},
		{
			name: "brought by ID and gone: a terminal error naming it",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.byo"},
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{}, svctest.NotFound())
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == async.ReasonResourceGone
			},
		},
		{
			name: "owned and deleted behind our back: recreated",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.old"},
			memo: &async.Memo{OwnedID: "ocid1.vcn.old", CheckedAt: time.Unix(1, 0)}, // found in place before
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{}, svctest.NotFound())
				m.CreateVcn(gomock.Any(), gomock.Any()).Return(core.CreateVcnResponse{Vcn: core.Vcn{Id: ptr.To("ocid1.vcn.new"),
					LifecycleState: core.VcnLifecycleStateProvisioning}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.Spec.ID != "ocid1.vcn.new" {
					t.Errorf("id %q, want the replacement's", s.Spec.ID)
				}
			},
		},
		{
			name: "renamed behind our back: renamed back",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.ours"},
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				v := available("ocid1.vcn.ours", s.OwnedTags())
				v.DisplayName = ptr.To("renamed")
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{Vcn: v}, nil)
				m.UpdateVcn(gomock.Any(), gomock.Cond(func(r core.UpdateVcnRequest) bool {
					return *r.VcnId == "ocid1.vcn.ours" && *r.DisplayName == "c1"
				})).Return(core.UpdateVcnResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:    "skip without an ID: an error naming the field",
			vcn:     infrav1.VCN{Skip: true},
			wantErr: func(err error) bool { return err != nil && strings.Contains(err.Error(), "spec.networkSpec.vcn.id") },
		},
		{
			name: "skip with an ID: no call",
			vcn:  infrav1.VCN{Skip: true, ID: "ocid1.vcn.byo"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			s.Remember(vcn.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_vcn.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_vcn.MockClient) error { return vcn.New(s, m).Reconcile(context.Background()) })
		})
	}
}

func TestInPlaceCostsNoCallUntilTheDriftCheck(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := mock_vcn.NewMockClient(ctrl)
	s := newScope(infrav1.VCN{ID: "ocid1.vcn.ours"})
	m.EXPECT().GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{Vcn: available("ocid1.vcn.ours", s.OwnedTags())}, nil).Times(1)
	for range 3 {
		if err := vcn.New(s, m).Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		expect  func(s *scope, m *mock_vcn.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name: "owned: deleted, then gone",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.ours"},
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{Vcn: available("ocid1.vcn.ours", s.OwnedTags())}, nil),
					m.DeleteVcn(gomock.Any(), gomock.Cond(func(r core.DeleteVcnRequest) bool { return *r.VcnId == "ocid1.vcn.ours" })).
						Return(core.DeleteVcnResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "already gone: done",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.ours"},
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{}, svctest.NotFound())
			},
		},
		{
			name: "brought by ID: never deleted",
			vcn:  infrav1.VCN{ID: "ocid1.vcn.byo"},
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.GetVcn(gomock.Any(), gomock.Any()).Return(core.GetVcnResponse{Vcn: available("ocid1.vcn.byo", nil)}, nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then deleted",
			expect: func(s *scope, m *mock_vcn.MockClientMockRecorder) {
				m.ListVcns(gomock.Any(), gomock.Any()).Return(core.ListVcnsResponse{Items: []core.Vcn{available("ocid1.vcn.ours", s.OwnedTags())}}, nil)
				m.DeleteVcn(gomock.Any(), gomock.Any()).Return(core.DeleteVcnResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "skipped: no call",
			vcn:  infrav1.VCN{Skip: true, ID: "ocid1.vcn.byo"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope(tc.vcn)
			svctest.Run(t, "Delete", s, mock_vcn.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_vcn.MockClient) error { return vcn.New(s, m).Delete(context.Background()) })
		})
	}
}
