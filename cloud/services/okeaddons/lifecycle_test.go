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
	"net/http"
	"regexp"
	"strings"
	"testing"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons/mock_okeaddons"
)

func TestReconcileStates(t *testing.T) {
	attention := summary("CertManager", "v1.14.5", ce.AddonLifecycleStateNeedsAttention)
	attention.AddonError = &ce.AddonError{Code: ptr.To("Degraded"), Message: ptr.To("webhook down"), Status: ptr.To("500")}
	failed := summary("CertManager", "v1.14.5", ce.AddonLifecycleStateFailed)
	failed.AddonError = &ce.AddonError{Code: ptr.To("InstallFailed"), Message: ptr.To("image pull failed")}
	newer := certManager()
	newer.Version = "v1.15.3"
	for _, tc := range []reconcileCase{
		{name: "NEEDS_ATTENTION: updated as declared, without a read", addons: []infrav1.Addon{certManager()},
			expect: func(t *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, attention)
				updated(t, m, ce.UpdateAddonDetails{Version: ptr.To("v1.14.5"),
					Configurations: []ce.AddonConfiguration{conf("a", "1"), conf("b", "2")}})
			},
			wantErr: notDone("CertManager"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "UPDATING", CurrentlyInstalledVersion: "v1.14.5",
				AddonError: &infrav1.AddonError{Code: "Degraded", Message: "webhook down", Status: "500"}}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonNeedsAttention,
				Message: "needing attention (Degraded: webhook down), updated as declared"}}},
		{name: "UPDATING with another version declared: not updated, not done", addons: []infrav1.Addon{newer},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateUpdating))
			},
			wantErr:    notDone("CertManager being updated"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "UPDATING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonUpdating, Message: "being updated"}}},
		{name: "FAILED with another version declared: not updated, terminal with its error", addons: []infrav1.Addon{newer},
			expect:  func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) { listed(m, failed) },
			wantErr: terminal("CertManager", "image pull failed"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "FAILED", CurrentlyInstalledVersion: "v1.14.5",
				AddonError: &infrav1.AddonError{Code: "InstallFailed", Message: "image pull failed"}}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonFailed,
				Message: "FAILED: InstallFailed: image pull failed; remove it from spec.addons to disable it, then declare it again"}}},
		{name: "removed from the spec: disabled, kept in the status until gone", status: map[string]infrav1.AddonStatus{"CertManager": active("v1.14.5")},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateActive), summary("CoreDNS", "v1", ce.AddonLifecycleStateActive))
				m.DisableAddon(gomock.Any(), gomock.Cond(func(r ce.DisableAddonRequest) bool {
					return *r.ClusterId == clusterID && *r.AddonName == "CertManager" && ptr.Deref(r.IsRemoveExistingAddOn, false)
				})).Return(ce.DisableAddonResponse{OpcWorkRequestId: ptr.To("wr")}, nil)
			},
			wantErr:    notDone("CertManager being disabled"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "DELETING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonDisabling, Message: "being disabled"}}},
		{name: "removed and DELETING: no call, not done", status: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "DELETING"}},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateDeleting))
			},
			wantErr:    notDone("CertManager"),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "DELETING", CurrentlyInstalledVersion: "v1.14.5"}},
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonDisabling, Message: "being disabled"}}},
		{name: "removed and DELETED: dropped from the status", status: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "DELETING"}},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m, summary("CertManager", "v1.14.5", ce.AddonLifecycleStateDeleted))
			}},
		{name: "removed and no longer listed: dropped from the status", status: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "DELETING"}},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) { listed(m) }},
	} {
		t.Run(tc.name, tc.run)
	}
}

func TestReconcileRefusedAndPaged(t *testing.T) {
	bad := infrav1.Addon{Name: "ClusterAutoscaler", Version: "v9"}
	refused := ociError{status: http.StatusBadRequest, code: "InvalidParameter", message: `Add-on ClusterAutoscaler has no version "v9".`}
	for _, tc := range []reconcileCase{
		{name: "a 400 is terminal, names the add-on and the field, and does not stop the others",
			addons: []infrav1.Addon{certManager(), bad},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m)
				m.InstallAddon(gomock.Any(), gomock.Cond(func(r ce.InstallAddonRequest) bool { return *r.AddonName == "CertManager" })).
					Return(ce.InstallAddonResponse{}, nil)
				m.InstallAddon(gomock.Any(), gomock.Cond(func(r ce.InstallAddonRequest) bool { return *r.AddonName == "ClusterAutoscaler" })).
					Return(ce.InstallAddonResponse{}, refused)
			},
			wantErr:    terminal("add-on ClusterAutoscaler", "spec.addons[1].version", `has no version "v9"`),
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": {LifecycleState: "CREATING"}},
			wantStates: []okeaddons.State{
				{Name: "CertManager", Reason: okeaddons.ReasonInstalling, Message: "being installed"},
				{Name: "ClusterAutoscaler", Reason: okeaddons.ReasonFailed, Message: `add-on ClusterAutoscaler: OCI refused InstallAddon: ` +
					`Add-on ClusterAutoscaler has no version "v9"; check spec.addons[1].version`}}},
		{name: "a refusal because of the cluster type names spec.clusterType", addons: []infrav1.Addon{certManager()},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				listed(m)
				m.InstallAddon(gomock.Any(), gomock.Any()).Return(ce.InstallAddonResponse{}, ociError{status: http.StatusBadRequest,
					code: "InvalidParameter", message: "Cluster add-ons require an ENHANCED_CLUSTER; cluster c is BASIC_CLUSTER."})
			},
			wantErr: terminal("add-on CertManager", "spec.addons[0]", "spec.clusterType"),
			wantStates: []okeaddons.State{{Name: "CertManager", Reason: okeaddons.ReasonFailed, Message: "add-on CertManager: OCI refused " +
				"InstallAddon: Cluster add-ons require an ENHANCED_CLUSTER; cluster c is BASIC_CLUSTER; check spec.addons[0] and " +
				"spec.clusterType: add-ons need an ENHANCED_CLUSTER"}}},
		{name: "every page of the list is read", addons: []infrav1.Addon{{Name: "CertManager"}, {Name: "ClusterAutoscaler"}},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				m.ListAddons(gomock.Any(), gomock.Cond(func(r ce.ListAddonsRequest) bool { return r.Page == nil })).Return(
					ce.ListAddonsResponse{Items: []ce.AddonSummary{summary("ClusterAutoscaler", "v1.32.1", ce.AddonLifecycleStateActive)},
						OpcNextPage: ptr.To("p2")}, nil)
				m.ListAddons(gomock.Any(), gomock.Cond(func(r ce.ListAddonsRequest) bool { return ptr.Deref(r.Page, "") == "p2" })).Return(
					ce.ListAddonsResponse{Items: []ce.AddonSummary{summary("CertManager", "v1.15.3", ce.AddonLifecycleStateActive)}}, nil)
				read(m, whole("CertManager", "v1.15.3", ce.AddonLifecycleStateActive))
				read(m, whole("ClusterAutoscaler", "v1.32.1", ce.AddonLifecycleStateActive))
			},
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": active("v1.15.3"), "ClusterAutoscaler": active("v1.32.1")},
			wantStates: []okeaddons.State{
				{Name: "CertManager", Ready: true, Reason: okeaddons.ReasonReady, Message: "version v1.15.3 is ACTIVE"},
				{Name: "ClusterAutoscaler", Ready: true, Reason: okeaddons.ReasonReady, Message: "version v1.32.1 is ACTIVE"}}},
		{name: "a transient list error is returned, nothing is changed", addons: []infrav1.Addon{certManager()},
			status: map[string]infrav1.AddonStatus{"CertManager": active("v1.14.5")},
			expect: func(_ *testing.T, m *mock_okeaddons.MockClientMockRecorder) {
				m.ListAddons(gomock.Any(), gomock.Any()).Return(ce.ListAddonsResponse{}, ociError{status: http.StatusInternalServerError, code: "InternalError"})
			},
			wantErr:    func(err error) bool { return err != nil && !notDone()(err) && !terminal()(err) },
			wantStatus: map[string]infrav1.AddonStatus{"CertManager": active("v1.14.5")}},
	} {
		t.Run(tc.name, tc.run)
	}
}

func TestNewInitializesStatus(t *testing.T) {
	s := &scope{cluster: clusterID}
	okeaddons.New(s, nil)
	if s.status == nil {
		t.Fatal("status.addonStatus is nil after New")
	}
}

func TestDeleteMakesNoCall(t *testing.T) {
	m := mock_okeaddons.NewMockClient(gomock.NewController(t))
	svc := okeaddons.New(&scope{cluster: clusterID, addons: []infrav1.Addon{certManager()},
		status: map[string]infrav1.AddonStatus{"CertManager": active("v1.14.5")}}, m)
	if err := svc.Delete(context.Background()); err != nil {
		t.Fatal(err)
	}
	if svc.Name() != "addons" {
		t.Errorf("Name() = %q, want addons", svc.Name())
	}
}

func TestConditionType(t *testing.T) {
	valid := regexp.MustCompile(`^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$`)
	for name, want := range map[string]string{
		"CertManager":          "AddonCertManagerReady",
		"cert-manager/v1 beta": "Addoncertmanagerv1betaReady",
		"":                     "AddonReady",
		"Ünïcode_name.x":       "AddonncodenamexReady",
	} {
		got := okeaddons.ConditionType(name)
		if got != want || !valid.MatchString(got) {
			t.Errorf("ConditionType(%q) = %q, want %q (a valid condition type)", name, got, want)
		}
		if strings.ContainsAny(got, "-_./ ") {
			t.Errorf("ConditionType(%q) = %q keeps a character that is not a letter or digit", name, got)
		}
	}
}
