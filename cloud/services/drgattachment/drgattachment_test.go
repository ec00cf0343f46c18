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

package drgattachment_test

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
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drgattachment"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drgattachment/mock_drgattachment"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct {
	*svctest.Network
	peering *infrav1.VCNPeering
}

func (s *scope) VCNPeering() *infrav1.VCNPeering { return s.peering }

func (s *scope) attachmentID() string { return s.peering.DRG.VCNAttachmentID }

// newScope is a cluster with the VCN ocid1.vcn.test peering through the DRG d.
func newScope(d *infrav1.DRG) *scope {
	n := svctest.NewNetwork(infrav1.VCN{ID: "ocid1.vcn.test"})
	n.ServicesErr = errors.New("the DRG attachment needs no services")
	return &scope{Network: n, peering: &infrav1.VCNPeering{DRG: d}}
}

// onDRG is a managed DRG, recorded, with the attachment recorded as id.
func onDRG(id string) *infrav1.DRG {
	return &infrav1.DRG{Manage: true, ID: "ocid1.drg.test", VCNAttachmentID: id}
}

func attachment(id string, tags map[string]string) core.DrgAttachment {
	return core.DrgAttachment{Id: ptr.To(id), DisplayName: ptr.To("c1"), DrgId: ptr.To("ocid1.drg.test"), VcnId: ptr.To("ocid1.vcn.test"),
		LifecycleState: core.DrgAttachmentLifecycleStateAttached, FreeformTags: tags}
}

func got(a core.DrgAttachment) core.GetDrgAttachmentResponse {
	return core.GetDrgAttachmentResponse{DrgAttachment: a}
}

// theVCNsOnTheDRG matches the list of the VCN's attachments to the DRG named after the cluster.
func theVCNsOnTheDRG() gomock.Matcher {
	return gomock.Cond(func(r core.ListDrgAttachmentsRequest) bool {
		return *r.CompartmentId == "ocid1.compartment.oc1..test" && *r.DrgId == "ocid1.drg.test" && *r.NetworkId == "ocid1.vcn.test" &&
			r.AttachmentType == core.ListDrgAttachmentsAttachmentTypeVcn && *r.DisplayName == "c1"
	})
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		memo    *async.Memo
		expect  func(s *scope, m *mock_drgattachment.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name:  "none yet: the VCN attached with a retry token, the OCID recorded at once",
			scope: func() *scope { return newScope(onDRG("")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				m.ListDrgAttachments(gomock.Any(), theVCNsOnTheDRG()).Return(core.ListDrgAttachmentsResponse{}, nil)
				m.CreateDrgAttachment(gomock.Any(), gomock.Cond(func(r core.CreateDrgAttachmentRequest) bool {
					nd, ok := r.NetworkDetails.(core.VcnDrgAttachmentNetworkCreateDetails)
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) <= 64 && *r.DrgId == "ocid1.drg.test" &&
						ok && *nd.Id == "ocid1.vcn.test" && *r.DisplayName == "c1" && svc.Owns(r.FreeformTags, "cluster-uid")
				})).Return(core.CreateDrgAttachmentResponse{DrgAttachment: core.DrgAttachment{Id: ptr.To("ocid1.drgattachment.new"),
					LifecycleState: core.DrgAttachmentLifecycleStateAttaching}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.attachmentID() != "ocid1.drgattachment.new" || s.Memo(drgattachment.Key).OwnedID != "ocid1.drgattachment.new" {
					t.Errorf("id %q, owned %q; want the new attachment's", s.attachmentID(), s.Memo(drgattachment.Key).OwnedID)
				}
			},
		},
		{
			name:  "found by name and tags after a lost create response: adopted, no second create",
			scope: func() *scope { return newScope(onDRG("")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				m.ListDrgAttachments(gomock.Any(), theVCNsOnTheDRG()).Return(core.ListDrgAttachmentsResponse{Items: []core.DrgAttachment{
					attachment("ocid1.drgattachment.theirs", nil), attachment("ocid1.drgattachment.ours", s.OwnedTags())}}, nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.attachmentID() != "ocid1.drgattachment.ours" {
					t.Errorf("id %q, want ocid1.drgattachment.ours", s.attachmentID())
				}
			},
		},
		{
			name:  "still attaching: not done",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.ours")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				a := attachment("ocid1.drgattachment.ours", s.OwnedTags())
				a.LifecycleState = core.DrgAttachmentLifecycleStateAttaching
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(a), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "brought by ID: read, used, never updated",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.byo")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				a := attachment("ocid1.drgattachment.byo", nil)
				a.DisplayName = ptr.To("theirs")
				m.GetDrgAttachment(gomock.Any(), gomock.Cond(func(r core.GetDrgAttachmentRequest) bool {
					return *r.DrgAttachmentId == "ocid1.drgattachment.byo"
				})).Return(got(a), nil)
			},
		},
		{
			name:  "owned and detached behind our back: attached again",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.old")) },
			memo:  &async.Memo{OwnedID: "ocid1.drgattachment.old"},
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				a := attachment("ocid1.drgattachment.old", s.OwnedTags())
				a.LifecycleState = core.DrgAttachmentLifecycleStateDetached
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(a), nil)
				m.CreateDrgAttachment(gomock.Any(), gomock.Any()).Return(core.CreateDrgAttachmentResponse{DrgAttachment: core.DrgAttachment{
					Id: ptr.To("ocid1.drgattachment.new"), LifecycleState: core.DrgAttachmentLifecycleStateAttaching}}, nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.attachmentID() != "ocid1.drgattachment.new" {
					t.Errorf("id %q, want the replacement's", s.attachmentID())
				}
			},
		},
		{
			name:  "renamed behind our back: renamed back",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.ours")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				a := attachment("ocid1.drgattachment.ours", s.OwnedTags())
				a.DisplayName = ptr.To("renamed")
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(a), nil)
				m.UpdateDrgAttachment(gomock.Any(), gomock.Cond(func(r core.UpdateDrgAttachmentRequest) bool {
					return *r.DrgAttachmentId == "ocid1.drgattachment.ours" && *r.DisplayName == "c1"
				})).Return(core.UpdateDrgAttachmentResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:    "the VCN not recorded yet: not done, no call",
			scope:   func() *scope { s := newScope(onDRG("")); s.Spec.ID = ""; return s },
			wantErr: async.IsNotDone,
		},
		{
			name:    "the managed DRG not recorded yet: not done, no call",
			scope:   func() *scope { return newScope(&infrav1.DRG{Manage: true}) },
			wantErr: async.IsNotDone,
		},
		{
			name:    "a DRG not managed and without an OCID: an error naming the field, no call",
			scope:   func() *scope { return newScope(&infrav1.DRG{}) },
			wantErr: func(err error) bool { return errors.Is(err, drg.ErrNoID) },
		},
		{name: "no peering: no call", scope: func() *scope { s := newScope(nil); s.peering = nil; return s }},
		{name: "peering without a DRG: no call", scope: func() *scope { return newScope(nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			s.Remember(drgattachment.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_drgattachment.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_drgattachment.MockClient) error {
					return drgattachment.New(s, m).Reconcile(context.Background())
				})
		})
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		expect  func(s *scope, m *mock_drgattachment.MockClientMockRecorder)
		wantErr func(error) bool
	}{
		{
			name:  "owned: detached, then gone",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.ours")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(attachment("ocid1.drgattachment.ours", s.OwnedTags())), nil),
					m.DeleteDrgAttachment(gomock.Any(), gomock.Cond(func(r core.DeleteDrgAttachmentRequest) bool {
						return *r.DrgAttachmentId == "ocid1.drgattachment.ours"
					})).Return(core.DeleteDrgAttachmentResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "detaching: not done, no second delete",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.ours")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				a := attachment("ocid1.drgattachment.ours", s.OwnedTags())
				a.LifecycleState = core.DrgAttachmentLifecycleStateDetaching
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(a), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "detached: done",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.ours")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				a := attachment("ocid1.drgattachment.ours", s.OwnedTags())
				a.LifecycleState = core.DrgAttachmentLifecycleStateDetached
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(a), nil)
			},
		},
		{
			name:  "the delete answered NotFound: done with it",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.ours")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(attachment("ocid1.drgattachment.ours", s.OwnedTags())), nil)
				m.DeleteDrgAttachment(gomock.Any(), gomock.Any()).Return(core.DeleteDrgAttachmentResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "brought by ID: never deleted",
			scope: func() *scope { return newScope(onDRG("ocid1.drgattachment.byo")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				m.GetDrgAttachment(gomock.Any(), gomock.Any()).Return(got(attachment("ocid1.drgattachment.byo", nil)), nil)
			},
		},
		{
			name:  "never recorded: found by name and tags, then deleted",
			scope: func() *scope { return newScope(onDRG("")) },
			expect: func(s *scope, m *mock_drgattachment.MockClientMockRecorder) {
				m.ListDrgAttachments(gomock.Any(), theVCNsOnTheDRG()).Return(core.ListDrgAttachmentsResponse{Items: []core.DrgAttachment{
					attachment("ocid1.drgattachment.ours", s.OwnedTags())}}, nil)
				m.DeleteDrgAttachment(gomock.Any(), gomock.Any()).Return(core.DeleteDrgAttachmentResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{name: "never recorded, nor the DRG: no call", scope: func() *scope { return newScope(&infrav1.DRG{Manage: true}) }},
		{name: "never recorded, nor the VCN: no call", scope: func() *scope { s := newScope(onDRG("")); s.Spec.ID = ""; return s }},
		{name: "no peering: no call", scope: func() *scope { s := newScope(nil); s.peering = nil; return s }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			svctest.Run(t, "Delete", s, mock_drgattachment.NewMockClient, tc.expect, tc.wantErr, nil,
				func(m *mock_drgattachment.MockClient) error {
					return drgattachment.New(s, m).Delete(context.Background())
				})
		})
	}
}
