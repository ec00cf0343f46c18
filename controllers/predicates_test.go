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

package controllers

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/event"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// TestOwnChanges lets through spec, annotation, label and owner-reference changes, not status patches.
func TestOwnChanges(t *testing.T) {
	base := func() *infrav1.OCIMachine {
		return &infrav1.OCIMachine{ObjectMeta: metav1.ObjectMeta{Name: "m", Generation: 1}}
	}
	owned := base()
	owned.OwnerReferences = []metav1.OwnerReference{{Kind: "Machine", Name: "m", UID: "u1"}}
	reowned := base()
	reowned.OwnerReferences = []metav1.OwnerReference{{Kind: "Machine", Name: "m", UID: "u2"}}
	status := base()
	status.Status.FailureDomain = "1"
	spec := base()
	spec.Generation = 2
	for name, tc := range map[string]struct {
		old, new *infrav1.OCIMachine
		want     bool
	}{
		"owner reference set":     {base(), owned, true},
		"owner reference changed": {owned, reowned, true},
		"spec changed":            {base(), spec, true},
		"status only":             {base(), status, false},
		"nothing":                 {owned, owned.DeepCopy(), false},
	} {
		if got := ownChanges().Update(event.UpdateEvent{ObjectOld: tc.old, ObjectNew: tc.new}); got != tc.want {
			t.Errorf("%s: got %v, want %v", name, got, tc.want)
		}
	}
	if (ownerReferencesChanged{}).Update(event.UpdateEvent{}) {
		t.Error("an update without objects passed")
	}
}
