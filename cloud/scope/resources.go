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
	"slices"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// Resources is the engine's Recorder for one object: its memos live in the object's status.resources (so that a
// manager restart keeps them), and the OCIDs it learns go where SetID puts them in the object's spec.
type Resources struct {
	List  *[]infrav1.OCIResource
	SetID func(key, id string)
}

var _ async.Recorder = Resources{}

// SetOCID records the OCID of the resource with key in the object's spec.
func (r Resources) SetOCID(key, id string) {
	if r.SetID != nil {
		r.SetID(key, id)
	}
}

// Memo returns what the engine remembered of the resource with key.
func (r Resources) Memo(key string) async.Memo {
	i := slices.IndexFunc(*r.List, func(o infrav1.OCIResource) bool { return o.Key == key })
	if i < 0 {
		return async.Memo{}
	}
	o := (*r.List)[i]
	return async.Memo{OwnedID: o.ID, WorkRequestID: o.WorkRequestID, Waits: int(o.Waits), SpecHash: o.SpecHash,
		Generation: o.ObservedGeneration, CheckedAt: o.LastChecked.Time, Attempt: int(o.Attempt), Deleted: o.Deleted}
}

// SetMemo remembers m for the resource with key; an empty memo forgets the resource (it is deleted).
func (r Resources) SetMemo(key string, m async.Memo) {
	i := slices.IndexFunc(*r.List, func(o infrav1.OCIResource) bool { return o.Key == key })
	if m == (async.Memo{}) {
		if i >= 0 {
			*r.List = slices.Delete(*r.List, i, i+1)
		}
		return
	}
	o := infrav1.OCIResource{Key: key, ID: m.OwnedID, WorkRequestID: m.WorkRequestID, Waits: int32(min(m.Waits, 1<<30)), //nolint:gosec // bounded
		SpecHash: m.SpecHash, ObservedGeneration: m.Generation, Attempt: int32(min(m.Attempt, 1<<30)), //nolint:gosec // bounded
		Deleted: m.Deleted}
	if !m.CheckedAt.IsZero() {
		o.LastChecked = metav1.NewTime(m.CheckedAt.UTC().Truncate(time.Second))
	}
	if i < 0 {
		*r.List = append(*r.List, o)
		return
	}
	(*r.List)[i] = o
}

// Owned reports whether id is the OCID of a resource the provider created for the object, per its
// status.resources: the admission webhooks let only the manager replace such an OCID, never one the user brought.
func Owned(list []infrav1.OCIResource, id string) bool {
	return id != "" && slices.ContainsFunc(list, func(o infrav1.OCIResource) bool { return o.ID == id })
}
