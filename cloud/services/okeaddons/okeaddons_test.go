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

package okeaddons_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons/mock_okeaddons"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// reconcileCase is a reconcile from a spec and a status against what the mock answers.
type reconcileCase struct {
	name       string
	noCluster  bool
	addons     []infrav1.Addon
	status     map[string]infrav1.AddonStatus
	expect     func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder)
	wantErr    func(error) bool
	wantStatus map[string]infrav1.AddonStatus
	wantStates []okeaddons.State
}

func (tc *reconcileCase) run(t *testing.T) {
	t.Helper()
	m := mock_okeaddons.NewMockClient(gomock.NewController(t))
	if tc.expect != nil {
		tc.expect(t, m.EXPECT())
	}
	s := &scope{cluster: clusterID, addons: tc.addons, status: tc.status}
	if tc.noCluster {
		s.cluster = ""
	}
	svc := okeaddons.New(s, m)
	svctest.CheckErr(t, "Reconcile", svc.Reconcile(context.Background()), tc.wantErr)
	want := tc.wantStatus
	if want == nil {
		want = map[string]infrav1.AddonStatus{}
	}
	if d := cmp.Diff(want, s.status); d != "" {
		t.Errorf("status.addonStatus (-want +got):\n%s", d)
	}
	if d := cmp.Diff(tc.wantStates, svc.States()); d != "" {
		t.Errorf("States (-want +got):\n%s", d)
	}
}

// certManager is the add-on the cases declare: CertManager v1.14.5 configured with a=1 and b=2.
func certManager() infrav1.Addon {
	return infrav1.Addon{Name: "CertManager", Version: "v1.14.5", Configurations: []infrav1.KeyValue{kv("a", "1"), kv("b", "2")}}
}

func TestReconcileInstalls(t *testing.T) {
	installed := func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder, want ce.InstallAddonDetails) {
		m.InstallAddon(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, r ce.InstallAddonRequest) (ce.InstallAddonResponse, error) {
			if *r.ClusterId != clusterID {
				t.Errorf("InstallAddon on %s, want %s", *r.ClusterId, clusterID)
			}
			if d := cmp.Diff(want, r.InstallAddonDetails); d != "" {
				t.Errorf("InstallAddonDetails (-want +got):\n%s", d)
			}
			return ce.InstallAddonResponse{OpcWorkRequestId: ptr.To("wr")}, nil
		})
	}
	creating := map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "CREATING"}}
	installing := []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonInstalling, Message: "being installed"}}
	for _, tc := range []reconcileCase{
		{name: "missing: installed at its version with its configurations", addons: []infrav1.Addon{certManager()},
			expect: func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m)
				installed(t, m, ce.InstallAddonDetails{AddonName: ptr.To("CertManager"), Version: ptr.To("v1.14.5"),
					Configurations: []ce.AddonConfiguration{conf("a", "1"), conf("b", "2")}})
			},
			wantErr: notDone("CertManager being installed"), wantStatus: creating, wantStates: installing},
		{name: "DELETED: installed again, the latest version and no configurations when none are declared",
			addons: []infrav1.Addon{{Name: "CertManager"}},
			expect: func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateDeleted))
				installed(t, m, ce.InstallAddonDetails{AddonName: ptr.To("CertManager")})
			},
			wantErr: notDone("CertManager"), wantStatus: creating, wantStates: installing},
		{name: "CREATING: no call, not done", addons: []infrav1.Addon{certManager()},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateCreating))
			},
			wantErr: notDone("CertManager"), wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "CREATING",
				CurrentlyInstalledVersion: "v1.14.5"}}, wantStates: installing},
		{name: "no cluster yet: no call, waiting", noCluster: true, addons: []infrav1.Addon{certManager()},
			wantErr:    notDone("waiting for the OKE cluster"),
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonInstalling, Message: "waiting for the OKE cluster"}}},
		{name: "nothing declared, nothing reported: no call"},
	} {
		t.Run(tc.name, tc.run)
	}
}

func TestReconcileUpdates(t *testing.T) {
	inPlace := whole("CertManager", "v1.14.5", ce.AddonLifecycleStateActive, conf("b", "2"), conf("a", "1"))
	for _, tc := range []reconcileCase{
		{name: "in place, configurations in another order: no update", addons: []infrav1.Addon{certManager()},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateActive))
				read(m, inPlace)
			},
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": active("v1.14.5")},
			wantStates: []okeaddons.State{{Name: "CertManager", Ready: true, Reason: okeaddons.ReasonReady, Message: "version v1.14.5 is ACTIVE"}}},
		{name: "no version declared: whatever is installed is in place", addons: []infrav1.Addon{{Name: "CertManager"}},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.15.3", ce.AddonLifecycleStateActive))
				read(m, whole("CertManager", "v1.15.3", ce.AddonLifecycleStateActive))
			},
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": active("v1.15.3")},
			wantStates: []okeaddons.State{{Name: "CertManager", Ready: true, Reason: okeaddons.ReasonReady, Message: "version v1.15.3 is ACTIVE"}}},
		{name: "version changed: updated without a read", addons: []infrav1.Addon{func() infrav1.Addon {
			a := certManager()
			a.Version = "v1.15.3"
			return a
		}()},
			expect: func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateActive))
				updated(t, m, ce.UpdateAddonDetails{Version: ptr.To("v1.15.3"),
					Configurations: []ce.AddonConfiguration{conf("a", "1"), conf("b", "2")}})
			},
			wantErr:    notDone("CertManager being updated to version v1.15.3"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "UPDATING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonUpdating, Message: "being updated to version v1.15.3"}}},
		{name: "a configuration changed: updated", addons: []infrav1.Addon{certManager()},
			expect: func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateActive))
				read(m, whole("CertManager", "v1.14.5", ce.AddonLifecycleStateActive, conf("a", "1"), conf("b", "3")))
				updated(t, m, ce.UpdateAddonDetails{Version: ptr.To("v1.14.5"),
					Configurations: []ce.AddonConfiguration{conf("a", "1"), conf("b", "2")}})
			},
			wantErr:    notDone("CertManager"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "UPDATING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonUpdating, Message: "being updated to its declared configurations"}}},
		{name: "UPDATING when read after it was listed ACTIVE: not updated, not done", addons: []infrav1.Addon{certManager()},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateActive))
				read(m, whole("CertManager", "v1.14.5", ce.AddonLifecycleStateUpdating, conf("a", "9")))
			},
			wantErr:    notDone("CertManager being updated"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "UPDATING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonUpdating, Message: "being updated"}}},
		{name: "configurations no longer declared: updated with an empty list", addons: []infrav1.Addon{{Name: "CertManager"}},
			expect: func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateActive))
				read(m, whole("CertManager", "v1.14.5", ce.AddonLifecycleStateActive, conf("a", "1")))
				updated(t, m, ce.UpdateAddonDetails{Configurations: []ce.AddonConfiguration{}})
			},
			wantErr:    notDone("CertManager"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "UPDATING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonUpdating, Message: "being updated to its declared configurations"}}},
	} {
		t.Run(tc.name, tc.run)
	}
}
