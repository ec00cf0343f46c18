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
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/blockvolume"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestNewSpec(t *testing.T) {
	s := newScope()
	spec := blockvolume.NewSpec(s, s.bv, testAD)
	if spec.Key() != blockvolume.Key || spec.OCID() != "" || spec.Name() != volumeName || spec.Compartment != s.Compartment {
		t.Errorf("spec key %q, OCID %q, name %q, compartment %q; want %q, none, %q, the machine's",
			spec.Key(), spec.OCID(), spec.Name(), spec.Compartment, blockvolume.Key, volumeName)
	}
	s.bv.CompartmentID = bvCompartment
	withVolume(s)
	spec = blockvolume.NewSpec(s, s.bv, testAD)
	if spec.OCID() != volumeID || spec.Compartment != bvCompartment {
		t.Errorf("spec OCID %q, compartment %q; want the recorded volume in spec.blockvolumeSpec.compartmentId", spec.OCID(), spec.Compartment)
	}
}

func TestCreateDetailsAutotune(t *testing.T) {
	for _, tc := range []struct {
		name     string
		policies []infrav1.AutotunePolicy
		want     []core.AutotunePolicy
	}{
		{name: "none: none sent"},
		{name: "detached volume", policies: []infrav1.AutotunePolicy{{AutotuneType: "DETACHED_VOLUME"}},
			want: []core.AutotunePolicy{core.DetachedVolumeAutotunePolicy{}}},
		{name: "performance based with a maximum",
			policies: []infrav1.AutotunePolicy{{AutotuneType: "PERFORMANCE_BASED", MaxVpusPerGB: ptr.To(50)}},
			want:     []core.AutotunePolicy{core.PerformanceBasedAutotunePolicy{MaxVpusPerGB: ptr.To(int64(50))}}},
		{name: "performance based without a maximum: left to OCI",
			policies: []infrav1.AutotunePolicy{{AutotuneType: "PERFORMANCE_BASED"}},
			want:     []core.AutotunePolicy{core.PerformanceBasedAutotunePolicy{}}},
		{name: "an unknown type (refused by the webhook): not sent",
			policies: []infrav1.AutotunePolicy{{AutotuneType: "SOMETIMES"}, {AutotuneType: "DETACHED_VOLUME"}},
			want:     []core.AutotunePolicy{core.DetachedVolumeAutotunePolicy{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			s.bv.AutotunePolicies = tc.policies
			got, err := blockvolume.NewSpec(s, s.bv, testAD).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			d, ok := got.(core.CreateVolumeDetails)
			if !ok {
				t.Fatalf("CreateDetails is a %T, not a core.CreateVolumeDetails", got)
			}
			if diff := cmp.Diff(tc.want, d.AutotunePolicies); diff != "" {
				t.Errorf("autotune policies (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUpdateDetailsNone(t *testing.T) {
	s := newScope()
	existing := vol(volumeID, core.VolumeLifecycleStateAvailable, nil)
	existing.SizeInGBs = ptr.To(int64(50))
	got, err := blockvolume.NewSpec(s, s.bv, testAD).UpdateDetails(&existing)
	svctest.CheckUpdate(t, "UpdateVolumeDetails", nil, got, err)
}

var _ async.Spec[core.Volume] = (*blockvolume.Spec)(nil)
