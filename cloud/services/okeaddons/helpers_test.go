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
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons/mock_okeaddons"
)

// clusterID is the OKE cluster of the mock tests.
const clusterID = "ocid1.cluster.oc1..oke"

// scope is an okeaddons.Scope that keeps what the service writes.
type scope struct {
	cluster string
	addons  []infrav1.Addon
	status  map[string]infrav1.AddonStatus
}

var _ okeaddons.Scope = (*scope)(nil)

func (s *scope) ClusterID() string                               { return s.cluster }
func (s *scope) Addons() []infrav1.Addon                         { return s.addons }
func (s *scope) AddonStatus() map[string]infrav1.AddonStatus     { return s.status }
func (s *scope) SetAddonStatus(m map[string]infrav1.AddonStatus) { s.status = m }

// ociError is OCI's answer of a refused call.
type ociError struct {
	status        int
	code, message string
}

func (e ociError) Error() string           { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }
func (e ociError) GetHTTPStatusCode() int  { return e.status }
func (e ociError) GetMessage() string      { return e.message }
func (e ociError) GetCode() string         { return e.code }
func (e ociError) GetOpcRequestID() string { return "req-1" }

// kv is a declared configuration.
func kv(k, v string) infrav1.KeyValue { return infrav1.KeyValue{Key: k, Value: v} }

// conf is an installed configuration.
func conf(k, v string) containerengine.AddonConfiguration {
	return containerengine.AddonConfiguration{Key: ptr.To(k), Value: ptr.To(v)}
}

// summary is an add-on as a list answers it: selected version, installed version and state.
func summary(name, version string, state containerengine.AddonLifecycleStateEnum) containerengine.AddonSummary {
	return containerengine.AddonSummary{Name: ptr.To(name), Version: ptr.To(version), CurrentInstalledVersion: ptr.To(version),
		LifecycleState: state}
}

// whole is an add-on as a read answers it.
func whole(name, version string, state containerengine.AddonLifecycleStateEnum, configs ...containerengine.AddonConfiguration) containerengine.Addon {
	return containerengine.Addon{Name: ptr.To(name), Version: ptr.To(version), CurrentInstalledVersion: ptr.To(version),
		LifecycleState: state, Configurations: configs}
}

// listed expects one ListAddons of the cluster answering items on one page.
func listed(m *mock_okeaddons.MockClientMockRecorder, items ...containerengine.AddonSummary) {
	m.ListAddons(gomock.Any(), gomock.Cond(func(r containerengine.ListAddonsRequest) bool {
		return *r.ClusterId == clusterID && r.Page == nil
	})).Return(containerengine.ListAddonsResponse{Items: items}, nil)
}

// read expects one GetAddon of the add-on named as a answers it.
func read(m *mock_okeaddons.MockClientMockRecorder, a containerengine.Addon) {
	m.GetAddon(gomock.Any(), gomock.Cond(func(r containerengine.GetAddonRequest) bool {
		return *r.ClusterId == clusterID && *r.AddonName == *a.Name
	})).Return(containerengine.GetAddonResponse{Addon: a}, nil)
}

// updated expects one UpdateAddon of CertManager with details.
func updated(t *testing.T, m *mock_okeaddons.MockClientMockRecorder, want containerengine.UpdateAddonDetails) {
	const name = "CertManager"
	m.UpdateAddon(gomock.Any(), gomock.Any()).DoAndReturn(
		func(_ context.Context, r containerengine.UpdateAddonRequest) (containerengine.UpdateAddonResponse, error) {
			if *r.ClusterId != clusterID || *r.AddonName != name {
				t.Errorf("UpdateAddon of %s on %s, want %s on %s", *r.AddonName, *r.ClusterId, name, clusterID)
			}
			if d := cmp.Diff(want, r.UpdateAddonDetails); d != "" {
				t.Errorf("UpdateAddonDetails (-want +got):\n%s", d)
			}
			if want.Configurations != nil && r.Configurations == nil {
				t.Error("UpdateAddonDetails.Configurations is nil, want an empty list that clears them")
			}
			return containerengine.UpdateAddonResponse{OpcWorkRequestId: ptr.To("wr")}, nil
		})
}

// notDone accepts a "not done" whose message names every add-on of names.
func notDone(names ...string) func(error) bool {
	return func(err error) bool {
		var nd *async.NotDoneError
		if !errors.As(err, &nd) || nd.RequeueAfter <= 0 {
			return false
		}
		for _, n := range names {
			if !strings.Contains(err.Error(), n) {
				return false
			}
		}
		return true
	}
}

// terminal accepts a terminal *async.Error whose message holds every string of parts.
func terminal(parts ...string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		if !errors.As(err, &e) || e.Class != async.Terminal {
			return false
		}
		for _, p := range parts {
			if !strings.Contains(e.Message, p) {
				return false
			}
		}
		return true
	}
}

// active is the status of an ACTIVE add-on at version.
func active(version string) infrav1.AddonStatus {
	return infrav1.AddonStatus{LifecycleState: "ACTIVE", CurrentlyInstalledVersion: version}
}
