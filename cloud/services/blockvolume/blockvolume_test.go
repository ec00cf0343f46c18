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

package blockvolume_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/blockvolume"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/blockvolume/mock_blockvolume"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The test machine, its placement, instance and volume.
const (
	machineName   = "machine-1"
	volumeName    = "machine-1-data"
	testAD        = "Uocm:PHX-AD-1"
	instanceID    = "ocid1.instance.oc1..m"
	volumeID      = "ocid1.volume.oc1..v"
	bvCompartment = "ocid1.compartment.oc1..volumes"
)

// scope is a blockvolume.Scope for tests: the test Owner with the machine's launch nonce, name, instance,
// spec.blockvolumeSpec and availability domain (or adErr), counting the availability domain's lookups.
type scope struct {
	*svctest.Owner
	nonce   string
	id      string
	bv      *infrav1.BlockVolumeSpec
	ad      string
	adErr   error
	adLooks int
}

var _ blockvolume.Scope = (*scope)(nil)

// LaunchNonce implements blockvolume.Scope.
func (s *scope) LaunchNonce() string { return s.nonce }

// MachineName implements blockvolume.Scope.
func (s *scope) MachineName() string { return machineName }

// BlockVolume implements blockvolume.Scope.
func (s *scope) BlockVolume() *infrav1.BlockVolumeSpec { return s.bv }

// AvailabilityDomain implements blockvolume.Scope.
func (s *scope) AvailabilityDomain() (string, error) {
	s.adLooks++
	return s.ad, s.adErr
}

// InstanceID implements blockvolume.Scope.
func (s *scope) InstanceID() string { return s.id }

// newScope returns the scope of running machine-1 in the test availability domain under nonce-1, with a block
// volume named data of 100 GB at 20 VPUs per GB.
func newScope() *scope {
	return &scope{Owner: svctest.NewOwner(), nonce: "nonce-1", id: instanceID, ad: testAD,
		bv: &infrav1.BlockVolumeSpec{DisplayName: "data", SizeInGBs: ptr.To(100), VpusPerGB: ptr.To(20)}}
}

// withVolume returns s with the volume recorded as created, as Volume.Reconcile leaves it.
func withVolume(s *scope) *scope {
	s.Remember(blockvolume.Key, &async.Memo{OwnedID: volumeID})
	return s
}

// vol is a volume named volumeName in state with the freeform tags.
func vol(id string, state core.VolumeLifecycleStateEnum, tags map[string]string) core.Volume {
	return core.Volume{Id: ptr.To(id), DisplayName: ptr.To(volumeName), LifecycleState: state, FreeformTags: tags}
}

// listed is the answer of ListVolumes with the volumes.
func listed(vs ...core.Volume) core.ListVolumesResponse { return core.ListVolumesResponse{Items: vs} }

// read is the answer of GetVolume with v.
func read(v core.Volume) core.GetVolumeResponse { return core.GetVolumeResponse{Volume: v} }

// named matches a list of the compartment's volumes named volumeName.
func named(compartment string) gomock.Matcher {
	return gomock.Cond(func(r core.ListVolumesRequest) bool {
		return ptr.Deref(r.CompartmentId, "") == compartment && ptr.Deref(r.DisplayName, "") == volumeName
	})
}

// ofVolume matches a read or a deletion of the test volume.
func ofVolume() gomock.Matcher {
	return gomock.Cond(func(r any) bool {
		switch r := r.(type) {
		case core.GetVolumeRequest:
			return ptr.Deref(r.VolumeId, "") == volumeID
		case core.DeleteVolumeRequest:
			return ptr.Deref(r.VolumeId, "") == volumeID
		}
		return false
	})
}

// reason accepts a terminal *async.Error with the reason.
func reason(want string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == want
	}
}

// class accepts an *async.Error of the class whose message holds what.
func class(want async.Class, what string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == want && strings.Contains(e.Message, what)
	}
}

// wantMemo checks what the engine remembers of the resource with key: its OCID, and whether it was found in place.
func wantMemo(key, id string, inPlace bool) func(*testing.T, *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		m := s.Memo(key)
		if m.OwnedID != id {
			t.Errorf("%s: owned %q, want %q", key, m.OwnedID, id)
		}
		if inPlace != !m.CheckedAt.IsZero() {
			t.Errorf("%s: memo %+v; in place: %v", key, m, inPlace)
		}
	}
}

// deletedMemo checks that the resource with key is remembered as deleted, and nothing else of it.
func deletedMemo(key string) func(*testing.T, *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if m := s.Memo(key); m != (async.Memo{Deleted: true}) {
			t.Errorf("%s: memo %+v, want it marked deleted", key, m)
		}
	}
}

// noMemo checks that nothing is remembered of the resource with key.
func noMemo(key string) func(*testing.T, *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if m := s.Memo(key); m != (async.Memo{}) {
			t.Errorf("%s: memo %+v, want none", key, m)
		}
	}
}

// createBody is the CreateVolume request body of the test volume in compartment, with the owner's tags.
func createBody(s *scope, compartment string, autotune ...core.AutotunePolicy) core.CreateVolumeDetails {
	return core.CreateVolumeDetails{CompartmentId: ptr.To(compartment), AvailabilityDomain: ptr.To(testAD),
		DisplayName: ptr.To(volumeName), SizeInGBs: ptr.To(int64(100)), VpusPerGB: ptr.To(int64(20)),
		FreeformTags: s.OwnedTags(), DefinedTags: s.Defined, AutotunePolicies: autotune}
}

// creating matches a CreateVolume of body under a retry token.
func creating(body func() core.CreateVolumeDetails) gomock.Matcher {
	return gomock.Cond(func(r core.CreateVolumeRequest) bool {
		return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
			cmp.Equal(body(), r.CreateVolumeDetails)
	})
}

// created is the answer of CreateVolume with the new volume, still provisioning.
func created(id string) core.CreateVolumeResponse {
	return core.CreateVolumeResponse{Volume: vol(id, core.VolumeLifecycleStateProvisioning, nil)}
}

func TestVolumeReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(s *scope)
		expect  func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "no blockvolumeSpec: no call",
			edit: func(s *scope) { s.bv = nil },
			check: func(t *testing.T, s *scope) {
				noMemo(blockvolume.Key)(t, s)
				if s.adLooks != 0 {
					t.Errorf("the availability domain looked up %d times for a machine without a volume", s.adLooks)
				}
			},
		},
		{
			name: "first reconcile: none by name, created in the machine's compartment and AD with the cluster's tags, recorded, not done",
			edit: func(s *scope) {
				s.Freeform = map[string]string{"team": "storage"}
				s.Defined = map[string]map[string]any{"ops": {"cost": "42"}}
			},
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				gomock.InOrder(
					m.ListVolumes(gomock.Any(), named(s.Compartment)).Return(listed(), nil),
					m.CreateVolume(gomock.Any(), creating(func() core.CreateVolumeDetails {
						b := createBody(s, s.Compartment)
						b.FreeformTags = map[string]string{"team": "storage", "CreatedBy": "OCIClusterAPIProvider",
							"ClusterResourceIdentifier": "cluster-uid"}
						b.DefinedTags = map[string]map[string]any{"ops": {"cost": "42"}}
						return b
					})).Return(created("ocid1.volume.new"), nil),
				)
			},
			wantErr: async.IsNotDone,
			check:   wantMemo(blockvolume.Key, "ocid1.volume.new", false),
		},
		{
			name: "spec.blockvolumeSpec.compartmentId wins over the machine's; the autotune policies sent",
			edit: func(s *scope) {
				s.bv.CompartmentID = bvCompartment
				s.bv.AutotunePolicies = []infrav1.AutotunePolicy{{AutotuneType: "DETACHED_VOLUME"},
					{AutotuneType: "PERFORMANCE_BASED", MaxVpusPerGB: ptr.To(30)}}
			},
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), named(bvCompartment)).Return(listed(), nil)
				m.CreateVolume(gomock.Any(), creating(func() core.CreateVolumeDetails {
					return createBody(s, bvCompartment, core.DetachedVolumeAutotunePolicy{},
						core.PerformanceBasedAutotunePolicy{MaxVpusPerGB: ptr.To(int64(30))})
				})).Return(created("ocid1.volume.new"), nil)
			},
			wantErr: async.IsNotDone,
			check:   wantMemo(blockvolume.Key, "ocid1.volume.new", false),
		},
		{
			name: "no size or VPUs given: left to OCI's defaults",
			edit: func(s *scope) { s.bv.SizeInGBs, s.bv.VpusPerGB = nil, nil },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), named(s.Compartment)).Return(listed(), nil)
				m.CreateVolume(gomock.Any(), gomock.Cond(func(r core.CreateVolumeRequest) bool {
					return r.SizeInGBs == nil && r.VpusPerGB == nil && r.AutotunePolicies == nil
				})).Return(created("ocid1.volume.new"), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "found by name and the cluster's tags after a lost answer: adopted, no create",
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), named(s.Compartment)).Return(listed(
					vol("ocid1.volume.untagged", core.VolumeLifecycleStateAvailable, nil),
					vol("ocid1.volume.old", core.VolumeLifecycleStateTerminated, s.OwnedTags()),
					vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil)
			},
			check: wantMemo(blockvolume.Key, volumeID, true),
		},
		{
			name: "found on a later page: adopted",
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				gomock.InOrder(
					m.ListVolumes(gomock.Any(), gomock.Cond(func(r core.ListVolumesRequest) bool { return r.Page == nil })).
						Return(core.ListVolumesResponse{OpcNextPage: ptr.To("2")}, nil),
					m.ListVolumes(gomock.Any(), gomock.Cond(func(r core.ListVolumesRequest) bool {
						return ptr.Deref(r.Page, "") == "2" && ptr.Deref(r.DisplayName, "") == volumeName
					})).Return(listed(vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil),
				)
			},
			check: wantMemo(blockvolume.Key, volumeID, true),
		},
		{
			name: "RESTORING: not done",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateRestoring, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "FAULTY: failed, terminal, not attached as if it were available",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateFaulty, s.OwnedTags())), nil)
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == async.ReasonResourceFailed
			},
		},
		{
			name: "PROVISIONING: not done, no create",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateProvisioning, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				wantMemo(blockvolume.Key, volumeID, false)(t, s)
				if w := s.Memo(blockvolume.Key).Waits; w != 1 {
					t.Errorf("waits %d, want one wait remembered", w)
				}
			},
		},
		{
			name: "AVAILABLE: in place",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil)
			},
			check: wantMemo(blockvolume.Key, volumeID, true),
		},
		{
			name: "the availability domain unknown: terminal, no call",
			edit: func(s *scope) { s.adErr = errors.New("failure domain 4 is not one of the cluster's") },
			wantErr: func(err error) bool {
				return reason(infrav1.ReconcileFailedReason)(err) && strings.Contains(err.Error(), "failure domain 4")
			},
			check: noMemo(blockvolume.Key),
		},
		{
			name: "the list refused: classified terminal, no create",
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), gomock.Any()).Return(core.ListVolumesResponse{}, svctest.ServiceError(http.StatusUnauthorized, "NotAuthenticated"))
			},
			wantErr: reason(async.ReasonNotAuthorized),
		},
		{
			name: "the create refused over the quota: terminal, nothing recorded",
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), gomock.Any()).Return(listed(), nil)
				m.CreateVolume(gomock.Any(), gomock.Any()).Return(core.CreateVolumeResponse{}, svctest.ServiceError(http.StatusBadRequest, "LimitExceeded"))
			},
			wantErr: reason(async.ReasonLimitExceeded),
			check:   noMemo(blockvolume.Key),
		},
		{
			name: "a read failing: classified transient",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), gomock.Any()).Return(core.GetVolumeResponse{}, svctest.ServiceError(http.StatusServiceUnavailable, "ServiceUnavailable"))
			},
			wantErr: class(async.Transient, "reading blockvolume"),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.edit != nil {
				tc.edit(s)
			}
			svctest.Run(t, "Reconcile", s, mock_blockvolume.NewMockVolumeClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_blockvolume.MockVolumeClient) error {
					return blockvolume.NewVolume(s, m).Reconcile(context.Background())
				})
		})
	}
}

func TestVolumeInPlaceMakesNoCallUntilDriftDue(t *testing.T) {
	s := withVolume(newScope())
	available := func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
		m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil)
	}
	reconcile := func(m *mock_blockvolume.MockVolumeClient) error {
		return blockvolume.NewVolume(s, m).Reconcile(context.Background())
	}
	svctest.Run(t, "first Reconcile", s, mock_blockvolume.NewMockVolumeClient, available, nil, wantMemo(blockvolume.Key, volumeID, true), reconcile)
	svctest.Run(t, "second Reconcile", s, mock_blockvolume.NewMockVolumeClient, nil, nil, wantMemo(blockvolume.Key, volumeID, true), reconcile)
	s.Due = true
	svctest.Run(t, "Reconcile with the drift check due", s, mock_blockvolume.NewMockVolumeClient, available, nil, nil, reconcile)
}

// createToken runs the first Reconcile of the test volume under the launch nonce and returns its retry token.
func createToken(t *testing.T, nonce string) string {
	t.Helper()
	s := newScope()
	s.nonce = nonce
	m := mock_blockvolume.NewMockVolumeClient(gomock.NewController(t))
	m.EXPECT().ListVolumes(gomock.Any(), gomock.Any()).Return(listed(), nil)
	var token string
	m.EXPECT().CreateVolume(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, r core.CreateVolumeRequest) (core.CreateVolumeResponse, error) {
		token = ptr.Deref(r.OpcRetryToken, "")
		return created("ocid1.volume.new"), nil
	})
	if err := blockvolume.NewVolume(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done", err)
	}
	return token
}

func TestVolumeTerminatedOutsideIsMadeAgainUnderAnotherToken(t *testing.T) {
	first := createToken(t, "nonce-1")
	s := withVolume(newScope())
	var token string
	svctest.Run(t, "Reconcile", s, mock_blockvolume.NewMockVolumeClient,
		func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
			gomock.InOrder(
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateTerminated, s.OwnedTags())), nil),
				m.CreateVolume(gomock.Any(), creating(func() core.CreateVolumeDetails { return createBody(s, s.Compartment) })).
					DoAndReturn(func(_ context.Context, r core.CreateVolumeRequest) (core.CreateVolumeResponse, error) {
						token = ptr.Deref(r.OpcRetryToken, "")
						return created("ocid1.volume.again"), nil
					}),
			)
		}, async.IsNotDone, wantMemo(blockvolume.Key, "ocid1.volume.again", false),
		func(m *mock_blockvolume.MockVolumeClient) error {
			return blockvolume.NewVolume(s, m).Reconcile(context.Background())
		})
	if token == first {
		t.Errorf("the replacement is made under the first volume's token %q: OCI would answer with the terminated volume", token)
	}
}

func TestCreateRetryToken(t *testing.T) {
	first := createToken(t, "nonce-1")
	if first == "" {
		t.Fatal("no retry token")
	}
	if again := createToken(t, "nonce-1"); again != first {
		t.Errorf("tokens %q and %q: a create repeated after a lost answer must be the same request", first, again)
	}
	if other := createToken(t, "nonce-2"); other == first {
		t.Errorf("another launch's volume has the token %q", first)
	}
}

func TestVolumeDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(s *scope)
		expect  func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "no blockvolumeSpec: no call",
			edit: func(s *scope) { s.bv = nil },
		},
		{
			name: "recorded and AVAILABLE: deleted, not done",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				gomock.InOrder(
					m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil),
					m.DeleteVolume(gomock.Any(), ofVolume()).Return(core.DeleteVolumeResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check:   wantMemo(blockvolume.Key, "", false), // the 404s that follow are the delete's
		},
		{
			name: "TERMINATING: not done, no second delete",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateTerminating, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "TERMINATED: done, marked deleted",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateTerminated, s.OwnedTags())), nil)
			},
			check: deletedMemo(blockvolume.Key),
		},
		{
			name: "gone from OCI (404) after it was seen: done, marked deleted",
			edit: func(s *scope) {
				s.Remember(blockvolume.Key, &async.Memo{OwnedID: volumeID, CheckedAt: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)})
			},
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(core.GetVolumeResponse{}, svctest.NotFound())
			},
			check: deletedMemo(blockvolume.Key),
		},
		{
			name: "not recorded: found by name in spec.blockvolumeSpec.compartmentId, deleted",
			edit: func(s *scope) { s.bv.CompartmentID = bvCompartment },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), named(bvCompartment)).Return(listed(vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil)
				m.DeleteVolume(gomock.Any(), ofVolume()).Return(core.DeleteVolumeResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "not recorded, none of the cluster's by name: done, the others' left alone",
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.ListVolumes(gomock.Any(), named(s.Compartment)).Return(listed(vol(volumeID, core.VolumeLifecycleStateAvailable, nil)), nil)
			},
			check: deletedMemo(blockvolume.Key),
		},
		{
			name: "the delete failing while the volume is still attached: classified transient",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockVolumeClientMockRecorder) {
				m.GetVolume(gomock.Any(), ofVolume()).Return(read(vol(volumeID, core.VolumeLifecycleStateAvailable, s.OwnedTags())), nil)
				m.DeleteVolume(gomock.Any(), ofVolume()).Return(core.DeleteVolumeResponse{}, svctest.Conflict())
			},
			wantErr: class(async.Transient, "deleting blockvolume"),
			check:   wantMemo(blockvolume.Key, volumeID, false),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.edit != nil {
				tc.edit(s)
			}
			svctest.Run(t, "Delete", s, mock_blockvolume.NewMockVolumeClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_blockvolume.MockVolumeClient) error {
					return blockvolume.NewVolume(s, m).Delete(context.Background())
				})
			if s.adLooks != 0 {
				t.Errorf("the availability domain looked up %d times to delete", s.adLooks)
			}
		})
	}
}

// va is an attachment of the volume id to the test instance, in state.
func va(id string, state core.VolumeAttachmentLifecycleStateEnum) core.VolumeAttachment {
	return core.ParavirtualizedVolumeAttachment{Id: ptr.To("ocid1.volumeattachment." + id), InstanceId: ptr.To(instanceID),
		VolumeId: ptr.To(id), LifecycleState: state}
}

// attachments is the answer of ListVolumeAttachments with the attachments.
func attachments(list ...core.VolumeAttachment) core.ListVolumeAttachmentsResponse {
	return core.ListVolumeAttachmentsResponse{Items: list}
}

// ofInstance matches a list of the test instance's volume attachments in the machine's compartment.
func ofInstance() gomock.Matcher {
	return gomock.Cond(func(r core.ListVolumeAttachmentsRequest) bool {
		return ptr.Deref(r.InstanceId, "") == instanceID && ptr.Deref(r.CompartmentId, "") == "ocid1.compartment.oc1..test"
	})
}

// attaching matches an attach of the volume to the test instance under a retry token, with details of type want.
func attaching(want core.AttachVolumeDetails) gomock.Matcher {
	return gomock.Cond(func(r core.AttachVolumeRequest) bool {
		return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
			cmp.Equal(want, r.AttachVolumeDetails)
	})
}

// attachedNow is the answer of AttachVolume.
func attachedNow() core.AttachVolumeResponse {
	return core.AttachVolumeResponse{VolumeAttachment: va(volumeID, core.VolumeAttachmentLifecycleStateAttaching)}
}

// paravirtualized and iscsi are the attach details of the test volume to the test instance.
var (
	paravirtualized = core.AttachParavirtualizedVolumeDetails{InstanceId: ptr.To(instanceID), VolumeId: ptr.To(volumeID)}
	iscsi           = core.AttachIScsiVolumeDetails{InstanceId: ptr.To(instanceID), VolumeId: ptr.To(volumeID)}
)

func TestAttachmentReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(s *scope)
		expect  func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name:  "no volume recorded: no call",
			check: noMemo(blockvolume.AttachmentKey),
		},
		{
			name:  "no blockvolumeSpec: no call, whatever is recorded",
			edit:  func(s *scope) { withVolume(s).bv = nil },
			check: noMemo(blockvolume.AttachmentKey),
		},
		{
			name: "found ATTACHED by volume id: recorded, in place",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(
					va("ocid1.volume.other", core.VolumeAttachmentLifecycleStateAttached),
					va(volumeID, core.VolumeAttachmentLifecycleStateAttached)), nil)
			},
			check: wantMemo(blockvolume.AttachmentKey, volumeID, false),
		},
		{
			name: "attachment recorded, drift check not due: no call",
			edit: func(s *scope) {
				withVolume(s).Remember(blockvolume.AttachmentKey, &async.Memo{OwnedID: volumeID})
			},
			check: wantMemo(blockvolume.AttachmentKey, volumeID, false),
		},
		{
			name: "attachment recorded, drift check due: looked at again",
			edit: func(s *scope) {
				withVolume(s).Remember(blockvolume.AttachmentKey, &async.Memo{OwnedID: volumeID})
				s.Due = true
			},
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(va(volumeID, core.VolumeAttachmentLifecycleStateAttached)), nil)
			},
			check: wantMemo(blockvolume.AttachmentKey, volumeID, false),
		},
		{
			name: "attached before, found detached at the drift check: attached again under a new token, no longer recorded",
			edit: func(s *scope) {
				withVolume(s).Remember(blockvolume.AttachmentKey, &async.Memo{OwnedID: volumeID})
				s.Due = true
			},
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(va(volumeID, core.VolumeAttachmentLifecycleStateDetached)), nil)
				m.AttachVolume(gomock.Any(), gomock.Cond(func(r core.AttachVolumeRequest) bool {
					first := async.RetryToken("nonce-1", blockvolume.AttachmentKey, instanceID+volumeID, 0)
					return r.OpcRetryToken != nil && *r.OpcRetryToken != first
				})).Return(attachedNow(), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if m := s.Memo(blockvolume.AttachmentKey); m.OwnedID != "" || m.Attempt != 1 {
					t.Errorf("memo %+v, want the attachment no longer recorded and a new attempt", m)
				}
			},
		},
		{
			name: "the attachment recorded of a volume since replaced: looked at again, the new one attached",
			edit: func(s *scope) {
				withVolume(s).Remember(blockvolume.AttachmentKey, &async.Memo{OwnedID: "ocid1.volume.old"})
			},
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(va("ocid1.volume.old", core.VolumeAttachmentLifecycleStateDetached)), nil)
				m.AttachVolume(gomock.Any(), attaching(paravirtualized)).Return(attachedNow(), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "ATTACHING: not done, not recorded, no attach",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(va(volumeID, core.VolumeAttachmentLifecycleStateAttaching)), nil)
			},
			wantErr: async.IsNotDone,
			check:   noMemo(blockvolume.AttachmentKey),
		},
		{
			name: "found on a later page",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				gomock.InOrder(
					m.ListVolumeAttachments(gomock.Any(), gomock.Cond(func(r core.ListVolumeAttachmentsRequest) bool { return r.Page == nil })).
						Return(core.ListVolumeAttachmentsResponse{OpcNextPage: ptr.To("2")}, nil),
					m.ListVolumeAttachments(gomock.Any(), gomock.Cond(func(r core.ListVolumeAttachmentsRequest) bool {
						return ptr.Deref(r.Page, "") == "2" && ptr.Deref(r.InstanceId, "") == instanceID
					})).Return(attachments(va(volumeID, core.VolumeAttachmentLifecycleStateAttached)), nil),
				)
			},
			check: wantMemo(blockvolume.AttachmentKey, volumeID, false),
		},
		{
			name: "none, no volumeType: attached paravirtualized, not done, not recorded",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(), nil)
				m.AttachVolume(gomock.Any(), attaching(paravirtualized)).Return(attachedNow(), nil)
			},
			wantErr: async.IsNotDone,
			check:   noMemo(blockvolume.AttachmentKey),
		},
		{
			name: "only a detached attachment, volumeType paravirtualized: attached paravirtualized",
			edit: func(s *scope) { withVolume(s).bv.VolumeType = "paravirtualized" },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(va(volumeID, core.VolumeAttachmentLifecycleStateDetached)), nil)
				m.AttachVolume(gomock.Any(), attaching(paravirtualized)).Return(attachedNow(), nil)
			},
			wantErr: async.IsNotDone,
			check:   noMemo(blockvolume.AttachmentKey),
		},
		{
			name: "none, volumeType iscsi: attached over iSCSI",
			edit: func(s *scope) { withVolume(s).bv.VolumeType = "iscsi" },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(), nil)
				m.AttachVolume(gomock.Any(), attaching(iscsi)).Return(attachedNow(), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "volumeType unknown: terminal naming spec.blockvolumeSpec.volumeType, no attach",
			edit: func(s *scope) { withVolume(s).bv.VolumeType = "nvme" },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(), nil)
			},
			wantErr: func(err error) bool {
				return reason(async.ReasonRequestRefused)(err) && strings.Contains(err.Error(), "spec.blockvolumeSpec.volumeType") &&
					strings.Contains(err.Error(), "nvme")
			},
			check: noMemo(blockvolume.AttachmentKey),
		},
		{
			name: "the list refused: classified terminal, no attach",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), gomock.Any()).Return(core.ListVolumeAttachmentsResponse{}, svctest.ServiceError(http.StatusUnauthorized, "NotAuthenticated"))
			},
			wantErr: reason(async.ReasonNotAuthorized),
		},
		{
			name: "the list failing: classified transient",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), gomock.Any()).Return(core.ListVolumeAttachmentsResponse{}, svctest.ServiceError(http.StatusInternalServerError, "InternalServerError"))
			},
			wantErr: class(async.Transient, "listing the volume attachments"),
		},
		{
			name: "the attach refused over the limit: terminal, not recorded",
			edit: func(s *scope) { withVolume(s) },
			expect: func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
				m.ListVolumeAttachments(gomock.Any(), gomock.Any()).Return(attachments(), nil)
				m.AttachVolume(gomock.Any(), gomock.Any()).Return(core.AttachVolumeResponse{}, svctest.ServiceError(http.StatusBadRequest, "LimitExceeded"))
			},
			wantErr: func(err error) bool {
				return reason(async.ReasonLimitExceeded)(err) && strings.Contains(err.Error(), "attaching the block volume")
			},
			check: noMemo(blockvolume.AttachmentKey),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.edit != nil {
				tc.edit(s)
			}
			svctest.Run(t, "Reconcile", s, mock_blockvolume.NewMockAttachmentClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_blockvolume.MockAttachmentClient) error {
					return blockvolume.NewAttachment(s, m).Reconcile(context.Background())
				})
		})
	}
}

func TestAttachmentInPlaceMakesNoCall(t *testing.T) {
	s := withVolume(newScope())
	reconcile := func(m *mock_blockvolume.MockAttachmentClient) error {
		return blockvolume.NewAttachment(s, m).Reconcile(context.Background())
	}
	svctest.Run(t, "first Reconcile", s, mock_blockvolume.NewMockAttachmentClient,
		func(s *scope, m *mock_blockvolume.MockAttachmentClientMockRecorder) {
			m.ListVolumeAttachments(gomock.Any(), ofInstance()).Return(attachments(va(volumeID, core.VolumeAttachmentLifecycleStateAttached)), nil)
		}, nil, wantMemo(blockvolume.AttachmentKey, volumeID, false), reconcile)
	svctest.Run(t, "second Reconcile", s, mock_blockvolume.NewMockAttachmentClient, nil, nil,
		wantMemo(blockvolume.AttachmentKey, volumeID, false), reconcile)
}

// attachToken runs a Reconcile of the machine whose recorded volume (the OCID volume) is not attached to
// instance, under the launch nonce, and returns the retry token of its attach.
func attachToken(t *testing.T, nonce, instance, volume string) string {
	t.Helper()
	s := newScope()
	s.nonce, s.id = nonce, instance
	s.Remember(blockvolume.Key, &async.Memo{OwnedID: volume})
	m := mock_blockvolume.NewMockAttachmentClient(gomock.NewController(t))
	m.EXPECT().ListVolumeAttachments(gomock.Any(), gomock.Any()).Return(attachments(), nil)
	var token string
	m.EXPECT().AttachVolume(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, r core.AttachVolumeRequest) (core.AttachVolumeResponse, error) {
		token = ptr.Deref(r.OpcRetryToken, "")
		return attachedNow(), nil
	})
	if err := blockvolume.NewAttachment(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done", err)
	}
	return token
}

func TestAttachRetryToken(t *testing.T) {
	first := attachToken(t, "nonce-1", instanceID, volumeID)
	if first == "" {
		t.Fatal("no retry token")
	}
	if again := attachToken(t, "nonce-1", instanceID, volumeID); again != first {
		t.Errorf("tokens %q and %q: an attach repeated after a lost answer must be the same request", first, again)
	}
	if other := attachToken(t, "nonce-2", instanceID, volumeID); other == first {
		t.Errorf("another launch's attach has the token %q", first)
	}
	if other := attachToken(t, "nonce-1", instanceID, "ocid1.volume.oc1..other"); other == first {
		t.Errorf("the attach of another volume has the token %q", first)
	}
	if other := attachToken(t, "nonce-1", "ocid1.instance.oc1..other", volumeID); other == first {
		t.Errorf("the attach to another instance has the token %q", first)
	}
}

func TestAttachmentDeleteForgetsWithoutCall(t *testing.T) {
	s := withVolume(newScope())
	s.Remember(blockvolume.AttachmentKey, &async.Memo{OwnedID: volumeID})
	m := mock_blockvolume.NewMockAttachmentClient(gomock.NewController(t))
	a := blockvolume.NewAttachment(s, m)
	if err := a.Delete(context.Background()); err != nil {
		t.Errorf("Delete: %v; the instance's termination detaches the volume", err)
	}
	noMemo(blockvolume.AttachmentKey)(t, s)
	wantMemo(blockvolume.Key, volumeID, false)(t, s)
	if a.Name() != "blockvolumeattachment" {
		t.Errorf("Name %q, want blockvolumeattachment", a.Name())
	}
	if n := blockvolume.NewVolume(s, mock_blockvolume.NewMockVolumeClient(gomock.NewController(t))).Name(); n != "blockvolume" {
		t.Errorf("Name %q, want blockvolume", n)
	}
}
