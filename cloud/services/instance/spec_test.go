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

package instance

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

func TestSpec(t *testing.T) {
	l := testLaunch(testSpec(nil), "#cloud-config")
	s := NewSpec(l, "ocid1.instance.oc1..a")
	if s.Key() != Key || s.OCID() != "ocid1.instance.oc1..a" || s.Name() != "machine-1" {
		t.Errorf("key %q, OCID %q, name %q; want %q, the recorded OCID and the machine's name", s.Key(), s.OCID(), s.Name(), Key)
	}
	got, err := s.CreateDetails()
	if err != nil {
		t.Fatal(err)
	}
	wantDetails, err := LaunchDetails(l)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantDetails, got); d != "" {
		t.Errorf("CreateDetails is not the launch's details (-want +got):\n%s", d)
	}
	if u, err := s.UpdateDetails(&core.Instance{DisplayName: new(string)}); u != nil || err != nil {
		t.Errorf("UpdateDetails %v, %v: an instance is never updated", u, err)
	}
	if id := NewSpec(l, "").OCID(); id != "" {
		t.Errorf("OCID %q before the launch, want none", id)
	}
}

func TestSpecOfABadLaunch(t *testing.T) {
	l := testLaunch(testSpec(nil), strings.Repeat("x", MaxMetadataBytes))
	s := NewSpec(l, "")
	if s.Name() != "machine-1" {
		t.Errorf("name %q: a launch that cannot be built keeps its name to be found by", s.Name())
	}
	got, err := s.CreateDetails()
	var tl *TooLargeError
	if !errors.As(err, &tl) || got != nil {
		t.Fatalf("CreateDetails %v, %v; want no body and a *TooLargeError", got, err)
	}
	bad := testLaunch(testSpec(func(s *infrav1.OCIMachineSpec) { s.BootVolumeSizeInGBs = "big" }), "")
	if _, err := NewSpec(bad, "").CreateDetails(); err == nil || !strings.Contains(err.Error(), "spec.bootVolumeSizeInGBs") {
		t.Errorf("CreateDetails error %v, want one naming spec.bootVolumeSizeInGBs", err)
	}
}

func TestPhase(t *testing.T) {
	for state, want := range map[core.InstanceLifecycleStateEnum]async.Phase{
		core.InstanceLifecycleStateRunning:       async.Ready,
		core.InstanceLifecycleStateTerminated:    async.Gone,
		core.InstanceLifecycleStateProvisioning:  async.Transitioning,
		core.InstanceLifecycleStateStopped:       async.Transitioning,
		core.InstanceLifecycleStateStopping:      async.Transitioning,
		core.InstanceLifecycleStateStarting:      async.Transitioning,
		core.InstanceLifecycleStateMoving:        async.Transitioning,
		core.InstanceLifecycleStateCreatingImage: async.Transitioning,
		core.InstanceLifecycleStateTerminating:   async.Transitioning,
	} {
		if got := phase(string(state)); got != want {
			t.Errorf("%s: phase %v, want %v", state, got, want)
		}
	}
}

func TestKindNeverUpdatesInPlace(t *testing.T) {
	k := kind(nil, "ocid1.compartment.oc1..c", nil, nil, nil, phase)
	if _, err := k.Update(context.Background(), "ocid1.instance.oc1..a", struct{}{}); err == nil {
		t.Error("Update of an instance succeeded; an instance is not updated in place")
	}
	// Without an observer, completing a read is the identity.
	in := &core.Instance{}
	if got, err := k.Complete(context.Background(), in); got != in || err != nil {
		t.Errorf("Complete %v, %v; want the instance as read", got, err)
	}
}

func TestIsOutOfCapacity(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("creating instance: OCI answered 500 InternalError: Out of host capacity for shape X in AD"), true},
		{errors.New("OUT OF HOST CAPACITY"), true},
		{errors.New("creating instance: OCI answered 500 InternalError: boom"), false},
	} {
		if got := IsOutOfCapacity(tc.err); got != tc.want {
			t.Errorf("IsOutOfCapacity(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestDeletePhase(t *testing.T) {
	for state, want := range map[core.InstanceLifecycleStateEnum]async.Phase{
		core.InstanceLifecycleStateRunning: async.Ready, core.InstanceLifecycleStateStopped: async.Ready,
		core.InstanceLifecycleStateStarting: async.Ready, core.InstanceLifecycleStateProvisioning: async.Ready,
		core.InstanceLifecycleStateTerminating: async.Transitioning, core.InstanceLifecycleStateTerminated: async.Gone,
	} {
		if got := deletePhase(string(state)); got != want {
			t.Errorf("%s: delete phase %v, want %v (only a termination in progress is waited for)", state, got, want)
		}
	}
}
