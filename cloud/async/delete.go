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

package async

import (
	"context"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Delete deletes the resource of spec: nil once it is gone, a *NotDoneError while it goes, or a classified *Error.
func (e *Engine[T]) Delete(ctx context.Context, spec Spec[T]) error {
	ctx, hint := clients.WithHint(ctx)
	return ApplyHint(e.delete(ctx, spec), hint)
}

func (e *Engine[T]) delete(ctx context.Context, spec Spec[T]) error {
	key := spec.Key()
	memo := e.Recorder.Memo(key)
	if memo.Deleted {
		return nil
	}
	if memo.WorkRequestID != "" {
		if done, err := e.lookAtWorkRequest(ctx, key, &memo); !done || err != nil {
			return err
		}
	}
	var existing *T
	var err error
	if id := spec.OCID(); id != "" {
		existing, err = e.Client.Get(ctx, id)
		if IsNotFound(err) && notVisibleYet(memo, id) {
			return e.notDone(key, "not visible in OCI yet (just created)", &memo)
		}
		if IsNotFound(err) {
			existing, err = nil, nil
		}
	} else {
		// Created but not recorded (a crash between the create and the patch): find it by name and tags.
		existing, err = e.Client.Find(ctx, spec)
	}
	if err != nil {
		return Classify("reading "+key, err)
	}
	if existing == nil {
		e.Recorder.SetMemo(key, gone(memo))
		return nil
	}
	o := e.Client.Observe(existing)
	switch {
	case o.Foreign:
		// Brought by the user: never deleted.
		e.Recorder.SetMemo(key, gone(memo))
		return nil
	case o.Phase == Gone:
		e.Recorder.SetMemo(key, gone(memo))
		return nil
	case o.Phase == Transitioning:
		return e.notDone(key, "in state "+o.State, &memo)
	}
	wr, err := e.Client.Delete(ctx, o.ID)
	if err != nil && !IsNotFound(err) {
		return Classify("deleting "+key, err)
	}
	// Its 404 from now on is the delete's doing, not OCI's reads lagging a create.
	memo.WorkRequestID, memo.OwnedID = wr, ""
	return e.notDone(key, "being deleted", &memo)
}

// gone is the memo of a resource the delete is done with: nothing more is asked of OCI for it, and a create of it
// again would be under a new retry token.
func gone(m Memo) Memo { return Memo{Deleted: true, Attempt: m.Attempt} }

// maxInvisibleWaits bounds how many looks a resource the engine just created may answer 404 before it counts as
// gone: OCI's reads lag its creates for seconds, never for the minute or more these looks take.
const maxInvisibleWaits = 6

// notVisibleYet reports whether a 404 of the resource id may be OCI's reads lagging its create: the engine created
// it and has waited for it since (a create counts one wait), has never found it in place, and has not looked at it
// maxInvisibleWaits times.
func notVisibleYet(memo Memo, id string) bool {
	return memo.OwnedID == id && memo.CheckedAt.IsZero() && memo.Waits > 0 && memo.Waits < maxInvisibleWaits
}
