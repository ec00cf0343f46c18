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

package scope

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

func TestResourcesKeepTheEngineMemosInStatus(t *testing.T) {
	c := &infrav1.OCICluster{}
	ids := map[string]string{}
	r := Resources{List: &c.Status.Resources, SetID: func(k, id string) { ids[k] = id }}
	checked := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	vcn := async.Memo{OwnedID: "ocid1.vcn.oc1.iad.a", SpecHash: "h", Generation: 3, CheckedAt: checked, Attempt: 1}
	subnet := async.Memo{WorkRequestID: "wr-1", Waits: 2}
	r.SetMemo("vcn", vcn)
	r.SetMemo("subnet/worker", subnet)
	r.SetOCID("vcn", "ocid1.vcn.oc1.iad.a")
	if d := cmp.Diff(vcn, r.Memo("vcn")); d != "" {
		t.Errorf("vcn memo (-want +got):\n%s", d)
	}
	if d := cmp.Diff(subnet, r.Memo("subnet/worker")); d != "" {
		t.Errorf("subnet memo (-want +got):\n%s", d)
	}
	if r.Memo("nsg/worker") != (async.Memo{}) || ids["vcn"] != "ocid1.vcn.oc1.iad.a" {
		t.Errorf("unknown key %+v, ids %v", r.Memo("nsg/worker"), ids)
	}
	if !Owned(c.Status.Resources, "ocid1.vcn.oc1.iad.a") || Owned(c.Status.Resources, "ocid1.vcn.oc1.iad.byo") || Owned(c.Status.Resources, "") {
		t.Error("Owned must name exactly the OCIDs the provider created")
	}
	// Updated in place, and forgotten once deleted.
	subnet.Waits = 3
	r.SetMemo("subnet/worker", subnet)
	r.SetMemo("vcn", async.Memo{})
	if len(c.Status.Resources) != 1 || c.Status.Resources[0].Waits != 3 {
		t.Errorf("status.resources %+v", c.Status.Resources)
	}
}

func TestDriftCheckDue(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	at := func(ago time.Duration) infrav1.OCIResource {
		return infrav1.OCIResource{Key: "k", LastChecked: metav1.NewTime(now.Add(-ago))}
	}
	for _, tc := range []struct {
		name     string
		list     []infrav1.OCIResource
		interval time.Duration
		want     bool
	}{
		{"nothing checked yet", []infrav1.OCIResource{{Key: "vcn"}}, time.Minute, false},
		{"all checked recently", []infrav1.OCIResource{at(10 * time.Second), at(30 * time.Second)}, time.Minute, false},
		{"one due: the object's check is due", []infrav1.OCIResource{at(10 * time.Second), at(time.Minute)}, time.Minute, true},
		{"no interval: the default (10m)", []infrav1.OCIResource{at(5 * time.Minute)}, 0, false},
	} {
		if got := DriftCheckDue(tc.list, tc.interval, now); got != tc.want {
			t.Errorf("%s: due %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDriftPassStart(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	at := func(ago time.Duration) infrav1.OCIResource {
		return infrav1.OCIResource{Key: "k", LastChecked: metav1.NewTime(now.Add(-ago))}
	}
	if got := DriftPassStart([]infrav1.OCIResource{{Key: "vcn"}}, time.Minute); !got.IsZero() {
		t.Errorf("nothing checked: %v, want zero", got)
	}
	// The pass became due when the oldest check expired; the resource checked 10s ago was read in it.
	list := []infrav1.OCIResource{at(10 * time.Second), at(3 * time.Minute), {Key: "new"}}
	if got, want := DriftPassStart(list, time.Minute), now.Add(-2*time.Minute); !got.Equal(want) {
		t.Errorf("pass start %v, want %v", got, want)
	}
	if got, want := DriftPassStart(list, 0), now.Add(-3*time.Minute).Add(10*time.Minute); !got.Equal(want) {
		t.Errorf("default interval: %v, want %v", got, want)
	}
}
