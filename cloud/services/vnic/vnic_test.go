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

package vnic_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vnic"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vnic/mock_vnic"
)

// instanceID is the test machine's instance.
const instanceID = "ocid1.instance.oc1..m"

// scope is a vnic.Scope for tests: the test Owner with the machine's launch nonce and instance, status.addresses,
// spec.vnicAttachments, and the cluster's subnets by name ("" names the machine's own subnet).
type scope struct {
	*svctest.Owner
	nonce   string
	id      string
	addrs   []clusterv1.MachineAddress
	atts    []infrav1.VnicAttachment
	subnets map[string]string
}

var _ vnic.Scope = (*scope)(nil)

// LaunchNonce implements vnic.Scope.
func (s *scope) LaunchNonce() string { return s.nonce }

// InstanceID implements vnic.Scope.
func (s *scope) InstanceID() string { return s.id }

// Addresses implements vnic.Scope.
func (s *scope) Addresses() []clusterv1.MachineAddress { return s.addrs }

// SetAddresses implements vnic.Scope.
func (s *scope) SetAddresses(a []clusterv1.MachineAddress) { s.addrs = a }

// VnicAttachments implements vnic.Scope: the service records the attachments' OCIDs in s.atts.
func (s *scope) VnicAttachments() []infrav1.VnicAttachment { return s.atts }

// SubnetID implements vnic.Scope from s.subnets.
func (s *scope) SubnetID(name string) (string, error) {
	if id, ok := s.subnets[name]; ok {
		return id, nil
	}
	return "", fmt.Errorf("the cluster has no subnet named %q with an OCID", name)
}

// newScope returns the scope of a running machine with no addresses yet and the secondary VNICs atts.
func newScope(atts ...infrav1.VnicAttachment) *scope {
	return &scope{Owner: svctest.NewOwner(), nonce: "nonce-1", id: instanceID, atts: atts,
		subnets: map[string]string{"": "ocid1.subnet.own", "storage": "ocid1.subnet.storage"}}
}

// attachment is a VNIC attachment of the instance, of the VNIC vnicID, named name, in state.
func attachment(id, vnicID, name string, state core.VnicAttachmentLifecycleStateEnum) core.VnicAttachment {
	return core.VnicAttachment{Id: ptr.To(id), VnicId: ptr.To(vnicID), DisplayName: ptr.To(name), InstanceId: ptr.To(instanceID),
		LifecycleState: state}
}

// primary is the attached primary VNIC's attachment.
func primary() core.VnicAttachment {
	return attachment("ocid1.vnicattachment.primary", "ocid1.vnic.primary", "", core.VnicAttachmentLifecycleStateAttached)
}

// listed is a page of attachments.
func listed(items ...core.VnicAttachment) core.ListVnicAttachmentsResponse {
	return core.ListVnicAttachmentsResponse{Items: items}
}

// ofInstance matches a list of the test instance's attachments in the test compartment.
func ofInstance() gomock.Matcher {
	return gomock.Cond(func(r core.ListVnicAttachmentsRequest) bool {
		return ptr.Deref(r.CompartmentId, "") == "ocid1.compartment.oc1..test" && ptr.Deref(r.InstanceId, "") == instanceID
	})
}

// vnicNamed matches a read of the VNIC id.
func vnicNamed(id string) gomock.Matcher {
	return gomock.Cond(func(r core.GetVnicRequest) bool { return ptr.Deref(r.VnicId, "") == id })
}

// readVnic is the answer of GetVnic: a VNIC with the addresses, primary or not.
func readVnic(isPrimary bool, private, public string) core.GetVnicResponse {
	v := core.Vnic{IsPrimary: ptr.To(isPrimary), PrivateIp: ptr.To(private)}
	if public != "" {
		v.PublicIp = ptr.To(public)
	}
	return core.GetVnicResponse{Vnic: v}
}

// private is status.addresses of a machine with only a private address.
func private(ip string) []clusterv1.MachineAddress {
	return []clusterv1.MachineAddress{{Type: clusterv1.MachineInternalIP, Address: ip}}
}

// primaryRead expects the list with the primary VNIC first and others after it, and the read of the primary.
func primaryRead(m *mock_vnic.MockClientMockRecorder, others ...core.VnicAttachment) {
	m.ListVnicAttachments(gomock.Any(), ofInstance()).Return(listed(append([]core.VnicAttachment{primary()}, others...)...), nil)
	m.GetVnic(gomock.Any(), vnicNamed("ocid1.vnic.primary")).Return(readVnic(true, "10.0.0.5", ""), nil)
}

// listedOnly expects the list, with the primary VNIC first and others after it, and no read: the addresses are
// known.
func listedOnly(m *mock_vnic.MockClientMockRecorder, others ...core.VnicAttachment) {
	m.ListVnicAttachments(gomock.Any(), ofInstance()).Return(listed(append([]core.VnicAttachment{primary()}, others...)...), nil)
}

// terminal accepts a terminal *async.Error with the reason.
func terminal(reason string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == reason
	}
}

// attachmentIDs are the OCIDs recorded in spec.vnicAttachments.
func attachmentIDs(s *scope) []string {
	ids := make([]string, 0, len(s.atts))
	for _, a := range s.atts {
		ids = append(ids, a.VnicAttachmentID)
	}
	return ids
}

// wantIDs checks the OCIDs recorded in spec.vnicAttachments.
func wantIDs(ids ...string) func(*testing.T, *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if d := cmp.Diff(ids, attachmentIDs(s)); d != "" {
			t.Errorf("spec.vnicAttachments OCIDs (-want +got):\n%s", d)
		}
	}
}

func TestReconcile(t *testing.T) {
	storage := infrav1.VnicAttachment{DisplayName: "storage", SubnetName: "storage", AssignPublicIP: ptr.To(false), NicIndex: ptr.To(1)}
	for _, tc := range []struct {
		name    string
		scope   func() *scope
		expect  func(s *scope, m *mock_vnic.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name:  "no addresses yet: the primary VNIC's private address and public address",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				m.ListVnicAttachments(gomock.Any(), ofInstance()).Return(listed(
					attachment("ocid1.vnicattachment.2", "ocid1.vnic.2", "storage", core.VnicAttachmentLifecycleStateAttached),
					attachment("ocid1.vnicattachment.3", "ocid1.vnic.3", "other", core.VnicAttachmentLifecycleStateAttaching),
					primary()), nil)
				m.GetVnic(gomock.Any(), vnicNamed("ocid1.vnic.2")).Return(readVnic(false, "10.0.1.5", "129.0.0.2"), nil)
				m.GetVnic(gomock.Any(), vnicNamed("ocid1.vnic.primary")).Return(readVnic(true, "10.0.0.5", "129.0.0.1"), nil)
			},
			check: func(t *testing.T, s *scope) {
				want := []clusterv1.MachineAddress{{Type: clusterv1.MachineInternalIP, Address: "10.0.0.5"},
					{Type: clusterv1.MachineExternalIP, Address: "129.0.0.1"}}
				if d := cmp.Diff(want, s.addrs); d != "" {
					t.Errorf("status.addresses (-want +got):\n%s", d)
				}
			},
		},
		{
			name:  "a private primary VNIC: InternalIP alone",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m)
			},
			check: func(t *testing.T, s *scope) {
				if d := cmp.Diff(private("10.0.0.5"), s.addrs); d != "" {
					t.Errorf("status.addresses (-want +got):\n%s", d)
				}
			},
		},
		{
			name: "the attachments on two pages: the primary found on the second",
			scope: func() *scope {
				return newScope()
			},
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListVnicAttachments(gomock.Any(), gomock.Cond(func(r core.ListVnicAttachmentsRequest) bool { return r.Page == nil })).
						Return(core.ListVnicAttachmentsResponse{OpcNextPage: ptr.To("2")}, nil),
					m.ListVnicAttachments(gomock.Any(), gomock.Cond(func(r core.ListVnicAttachmentsRequest) bool {
						return ptr.Deref(r.Page, "") == "2" && ptr.Deref(r.InstanceId, "") == instanceID
					})).Return(listed(primary()), nil),
				)
				m.GetVnic(gomock.Any(), vnicNamed("ocid1.vnic.primary")).Return(readVnic(true, "10.0.0.5", ""), nil)
			},
			check: func(t *testing.T, s *scope) {
				if d := cmp.Diff(private("10.0.0.5"), s.addrs); d != "" {
					t.Errorf("status.addresses (-want +got):\n%s", d)
				}
			},
		},
		{
			name: "addresses known, nothing pending, drift check not due: no call",
			scope: func() *scope {
				s := newScope(infrav1.VnicAttachment{DisplayName: "storage", VnicAttachmentID: "ocid1.vnicattachment.2"})
				s.addrs = private("10.0.0.5")
				return s
			},
			check: func(t *testing.T, s *scope) {
				if d := cmp.Diff(private("10.0.0.5"), s.addrs); d != "" {
					t.Errorf("status.addresses changed (-want +got):\n%s", d)
				}
			},
		},
		{
			name: "addresses known, drift check due, no secondary VNIC: no call (a running instance keeps its addresses)",
			scope: func() *scope {
				s := newScope()
				s.addrs, s.Due = private("10.0.0.4"), true
				return s
			},
			check: func(t *testing.T, s *scope) {
				if d := cmp.Diff(private("10.0.0.4"), s.addrs); d != "" {
					t.Errorf("status.addresses (-want +got):\n%s", d)
				}
			},
		},
		{
			name: "addresses known, drift check due, a secondary VNIC: listed, not read again",
			scope: func() *scope {
				s := newScope(storage)
				s.addrs, s.Due, s.atts[0].VnicAttachmentID = private("10.0.0.4"), true, "ocid1.vnicattachment.2"
				return s
			},
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				listedOnly(m, attachment("ocid1.vnicattachment.2", "ocid1.vnic.2", "storage", core.VnicAttachmentLifecycleStateAttached))
			},
			check: wantIDs("ocid1.vnicattachment.2"),
		},
		{
			name:  "the primary VNIC still attaching: not done, no read",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				a := primary()
				a.LifecycleState = core.VnicAttachmentLifecycleStateAttaching
				m.ListVnicAttachments(gomock.Any(), ofInstance()).Return(listed(a), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.addrs != nil {
					t.Errorf("status.addresses %v before the primary VNIC is attached", s.addrs)
				}
			},
		},
		{
			name:  "no attachment yet: not done",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				m.ListVnicAttachments(gomock.Any(), ofInstance()).Return(listed(), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name:  "a secondary found attached by display name: recorded, no attach",
			scope: func() *scope { return newScope(storage) },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m, attachment("ocid1.vnicattachment.2", "ocid1.vnic.2", "storage", core.VnicAttachmentLifecycleStateAttached))
			},
			check: wantIDs("ocid1.vnicattachment.2"),
		},
		{
			name:  "a secondary found attaching: recorded, not done",
			scope: func() *scope { return newScope(storage) },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m, attachment("ocid1.vnicattachment.2", "ocid1.vnic.2", "storage", core.VnicAttachmentLifecycleStateAttaching))
			},
			wantErr: async.IsNotDone,
			check:   wantIDs("ocid1.vnicattachment.2"),
		},
		{
			name: "a secondary recorded while it attached, addresses known: looked at until attached",
			scope: func() *scope {
				s := newScope(storage)
				s.addrs, s.atts[0].VnicAttachmentID = private("10.0.0.5"), "ocid1.vnicattachment.2"
				s.Remember(vnic.Key, &async.Memo{Waits: 1})
				return s
			},
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				listedOnly(m, attachment("ocid1.vnicattachment.2", "ocid1.vnic.2", "storage", core.VnicAttachmentLifecycleStateAttached))
			},
			check: func(t *testing.T, s *scope) {
				wantIDs("ocid1.vnicattachment.2")(t, s)
				if m := s.Recorder(nil).Memo(vnic.Key); m != (async.Memo{}) {
					t.Errorf("memo %+v once attached, want none", m)
				}
			},
		},
		{
			name: "a secondary recorded but detached since: attached again",
			scope: func() *scope {
				s := newScope(storage)
				s.atts[0].VnicAttachmentID = "ocid1.vnicattachment.old"
				return s
			},
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m, attachment("ocid1.vnicattachment.old", "ocid1.vnic.old", "storage", core.VnicAttachmentLifecycleStateDetached))
				m.AttachVnic(gomock.Any(), gomock.Any()).
					Return(core.AttachVnicResponse{VnicAttachment: core.VnicAttachment{Id: ptr.To("ocid1.vnicattachment.new")}}, nil)
			},
			wantErr: async.IsNotDone,
			check:   wantIDs("ocid1.vnicattachment.new"),
		},
		{
			name:  "a secondary missing: attached under a retry token on its subnet with the cluster's tags, recorded, not done",
			scope: func() *scope { return newScope(storage) },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m, attachment("ocid1.vnicattachment.x", "ocid1.vnic.x", "other", core.VnicAttachmentLifecycleStateAttached))
				m.AttachVnic(gomock.Any(), gomock.Cond(func(r core.AttachVnicRequest) bool {
					d, v := r.AttachVnicDetails, r.CreateVnicDetails
					return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
						*d.InstanceId == instanceID && *d.DisplayName == "storage" && *d.NicIndex == 1 &&
						*v.SubnetId == "ocid1.subnet.storage" && !*v.AssignPublicIp && *v.DisplayName == "storage" &&
						cmp.Equal(v.FreeformTags, s.OwnedTags())
				})).Return(core.AttachVnicResponse{VnicAttachment: core.VnicAttachment{Id: ptr.To("ocid1.vnicattachment.new")}}, nil)
			},
			wantErr: async.IsNotDone,
			check:   wantIDs("ocid1.vnicattachment.new"),
		},
		{
			name: "addresses known and a secondary pending: attached on the machine's own subnet",
			scope: func() *scope {
				s := newScope(infrav1.VnicAttachment{DisplayName: "second"})
				s.addrs = private("10.0.0.5")
				return s
			},
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				listedOnly(m)
				m.AttachVnic(gomock.Any(), gomock.Cond(func(r core.AttachVnicRequest) bool {
					return *r.CreateVnicDetails.SubnetId == "ocid1.subnet.own" && r.NicIndex == nil && r.CreateVnicDetails.AssignPublicIp == nil
				})).Return(core.AttachVnicResponse{VnicAttachment: core.VnicAttachment{Id: ptr.To("ocid1.vnicattachment.new")}}, nil)
			},
			wantErr: async.IsNotDone,
			check:   wantIDs("ocid1.vnicattachment.new"),
		},
		{
			name:  "only a detached attachment of that name: attached again",
			scope: func() *scope { return newScope(storage) },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m, attachment("ocid1.vnicattachment.old", "ocid1.vnic.old", "storage", core.VnicAttachmentLifecycleStateDetached))
				m.AttachVnic(gomock.Any(), gomock.Any()).
					Return(core.AttachVnicResponse{VnicAttachment: core.VnicAttachment{Id: ptr.To("ocid1.vnicattachment.new")}}, nil)
			},
			wantErr: async.IsNotDone,
			check:   wantIDs("ocid1.vnicattachment.new"),
		},
		{
			name:  "the subnet name unknown: terminal, naming spec.vnicAttachments, no attach",
			scope: func() *scope { return newScope(infrav1.VnicAttachment{DisplayName: "lost", SubnetName: "nowhere"}) },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m)
			},
			wantErr: func(err error) bool {
				return terminal(infrav1.ReconcileFailedReason)(err) && strings.Contains(err.Error(), "spec.vnicAttachments[lost]") &&
					strings.Contains(err.Error(), "nowhere")
			},
			check: wantIDs(""),
		},
		{
			name:  "an attach refused: classified; the ones attached before stay recorded",
			scope: func() *scope { return newScope(storage, infrav1.VnicAttachment{DisplayName: "second"}) },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				primaryRead(m)
				gomock.InOrder(
					m.AttachVnic(gomock.Any(), gomock.Cond(func(r core.AttachVnicRequest) bool { return *r.DisplayName == "storage" })).
						Return(core.AttachVnicResponse{VnicAttachment: core.VnicAttachment{Id: ptr.To("ocid1.vnicattachment.new")}}, nil),
					m.AttachVnic(gomock.Any(), gomock.Cond(func(r core.AttachVnicRequest) bool { return *r.DisplayName == "second" })).
						Return(core.AttachVnicResponse{}, svctest.ServiceError(http.StatusBadRequest, "LimitExceeded")),
				)
			},
			wantErr: terminal(async.ReasonLimitExceeded),
			check:   wantIDs("ocid1.vnicattachment.new", ""),
		},
		{
			name:  "the list refused: classified terminal",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				m.ListVnicAttachments(gomock.Any(), gomock.Any()).Return(core.ListVnicAttachmentsResponse{}, svctest.ServiceError(http.StatusUnauthorized, "NotAuthenticated"))
			},
			wantErr: terminal(async.ReasonNotAuthorized),
		},
		{
			name:  "the list failing: classified transient",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				m.ListVnicAttachments(gomock.Any(), gomock.Any()).Return(core.ListVnicAttachmentsResponse{}, svctest.ServiceError(http.StatusInternalServerError, "InternalServerError"))
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient && strings.Contains(e.Message, "listing the VNIC attachments")
			},
		},
		{
			name:  "a VNIC read failing: classified, no addresses",
			scope: func() *scope { return newScope() },
			expect: func(s *scope, m *mock_vnic.MockClientMockRecorder) {
				m.ListVnicAttachments(gomock.Any(), gomock.Any()).Return(listed(primary()), nil)
				m.GetVnic(gomock.Any(), gomock.Any()).Return(core.GetVnicResponse{}, svctest.ServiceError(http.StatusTooManyRequests, "TooManyRequests"))
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Throttled && strings.Contains(e.Message, "ocid1.vnic.primary")
			},
			check: func(t *testing.T, s *scope) {
				if s.addrs != nil {
					t.Errorf("status.addresses %v after a failed read", s.addrs)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			svctest.Run(t, "Reconcile", s, mock_vnic.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_vnic.MockClient) error { return vnic.New(s, m).Reconcile(context.Background()) })
		})
	}
}

// attachToken runs a Reconcile of a machine whose secondary VNIC named name is missing, under the launch nonce, and
// returns the retry token of its attach.
func attachToken(t *testing.T, nonce, name string) string {
	t.Helper()
	s := newScope(infrav1.VnicAttachment{DisplayName: name})
	s.nonce = nonce
	m := mock_vnic.NewMockClient(gomock.NewController(t))
	primaryRead(m.EXPECT())
	var token string
	m.EXPECT().AttachVnic(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, r core.AttachVnicRequest) (core.AttachVnicResponse, error) {
		token = ptr.Deref(r.OpcRetryToken, "")
		return core.AttachVnicResponse{VnicAttachment: core.VnicAttachment{Id: ptr.To("ocid1.vnicattachment.new")}}, nil
	})
	if err := vnic.New(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done", err)
	}
	return token
}

func TestAttachRetryToken(t *testing.T) {
	first := attachToken(t, "nonce-1", "storage")
	if again := attachToken(t, "nonce-1", "storage"); again != first {
		t.Errorf("tokens %q and %q: an attach repeated after a lost answer must be the same request", first, again)
	}
	if other := attachToken(t, "nonce-1", "second"); other == first {
		t.Errorf("two VNICs share the token %q", first)
	}
	if other := attachToken(t, "nonce-2", "storage"); other == first {
		t.Errorf("another machine's VNIC has the token %q", first)
	}
}

func TestDeleteMakesNoCall(t *testing.T) {
	m := mock_vnic.NewMockClient(gomock.NewController(t))
	svc := vnic.New(newScope(infrav1.VnicAttachment{DisplayName: "storage"}), m)
	if err := svc.Delete(context.Background()); err != nil {
		t.Errorf("Delete: %v; the VNICs go with the instance", err)
	}
	if svc.Name() != "vnics" {
		t.Errorf("Name %q, want vnics", svc.Name())
	}
}
