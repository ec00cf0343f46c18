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

// Package async is the one engine every OCI service reconciler runs on. For a resource's desired state it finds
// or gets the resource, creates it with a retry token and records its OCID at once, updates it when the pure diff
// says so, and deletes it (NotFound is success). It never waits: a work request or a transitional lifecycle state
// is recorded, looked at once per reconcile, and answered with "not done" so that the controller requeues with a
// growing delay. A provisioned resource whose desired state has not changed costs no call until its drift check
// is due. No service package calls create or delete outside the engine.
package async

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-logr/logr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// ServiceReconciler reconciles one kind of OCI resource of an object; a controller runs an ordered list of them
// (and deletes in reverse order).
type ServiceReconciler interface {
	// Name is the service's name, used in conditions and logs.
	Name() string
	// Reconcile makes the resources match the object. A *NotDoneError means "look again later".
	Reconcile(ctx context.Context) error
	// Delete removes the resources the object owns. A *NotDoneError means "look again later".
	Delete(ctx context.Context) error
}

// Phase is where a resource's lifecycle stands, as the engine needs to know it.
type Phase int

const (
	// Ready resources are usable (AVAILABLE, ACTIVE, RUNNING, ...).
	Ready Phase = iota
	// Transitioning resources are being created, updated or deleted (PROVISIONING, UPDATING, TERMINATING, ...).
	Transitioning
	// Gone resources no longer exist (TERMINATED, DELETED).
	Gone
	// Failed resources are unusable (FAILED).
	Failed
)

// Observed is what the engine reads of a resource.
type Observed struct {
	ID    string
	State string
	Phase Phase
	// Foreign is true when the resource does not carry the object's ownership tags: a resource the user brought
	// (by ID), which the engine uses but never updates, replaces or deletes.
	Foreign bool
}

// Spec is a resource's desired state, built purely from the object by the scope.
type Spec[T any] interface {
	// Key names the resource within the object ("vcn", "subnet/worker"), for the store and the retry token.
	Key() string
	// OCID is the recorded ID, "" before creation.
	OCID() string
	// CreateDetails is the create request body (such as core.CreateVcnDetails), with the cluster's tags.
	CreateDetails() (any, error)
	// UpdateDetails is the update request body that brings existing to the desired state, or nil when it is.
	UpdateDetails(existing *T) (any, error)
}

// Client is a resource kind's small SDK wrapper, the only place its SDK calls are made.
type Client[T any] interface {
	// Get reads a resource by OCID; a missing resource is OCI's 404.
	Get(ctx context.Context, id string) (*T, error)
	// Find looks a resource up by the spec's name and the cluster's ownership tags: nil, nil when there is none.
	Find(ctx context.Context, spec Spec[T]) (*T, error)
	// Create sends the create request with retryToken; it returns the resource as created and, for an
	// asynchronous create, its work request.
	Create(ctx context.Context, details any, retryToken string) (*T, string, error)
	// Update sends the update request; it returns the work request of an asynchronous update, or "".
	Update(ctx context.Context, id string, details any) (string, error)
	// Delete sends the delete request; it returns the work request of an asynchronous delete, or "".
	Delete(ctx context.Context, id string) (string, error)
	// Observe reads a resource's OCID and lifecycle.
	Observe(r *T) Observed
	// WorkRequest looks once at a work request: done, or failed with a message.
	WorkRequest(ctx context.Context, id string) (done bool, failure string, err error)
}

// Recorder writes what the engine learns into the object; the scope implements it.
type Recorder interface {
	// SetOCID records the OCID of the resource with key at once (spec, under the write-once rule; "" clears the
	// OCID of a resource the provider owns that is gone, so that it can be replaced).
	SetOCID(key, id string)
	// Memo returns what the engine remembered of a resource at the last reconcile.
	Memo(key string) Memo
	// SetMemo remembers m, in the object's status, so that a manager restart keeps it.
	SetMemo(key string, m Memo)
}

// Memo is what the engine remembers of one resource between reconciles.
type Memo struct {
	// OwnedID is the OCID of the resource when the engine created it: a resource the provider owns.
	OwnedID string `json:"ownedId,omitempty"`
	// WorkRequestID is the work request being waited for.
	WorkRequestID string `json:"workRequestId,omitempty"`
	// Waits counts the reconciles that found the resource not done yet; it grows the requeue delay.
	Waits int `json:"waits,omitempty"`
	// SpecHash is the hash of the desired state last found in place.
	SpecHash string `json:"specHash,omitempty"`
	// Generation is the object's generation last found in place.
	Generation int64 `json:"generation,omitempty"`
	// CheckedAt is when the resource was last read and found as desired.
	CheckedAt time.Time `json:"checkedAt,omitzero"`
	// Attempt counts replacements of the resource: it makes a new retry token for a new resource.
	Attempt int `json:"attempt,omitempty"`
	// Deleted is true once the resource was found gone after the object's delete: the next looks of a delete
	// still under way make no call for it.
	Deleted bool `json:"deleted,omitempty"`
}

// DefaultDriftInterval is how long a provisioned resource whose desired state has not changed goes without a call.
const DefaultDriftInterval = 10 * time.Minute

// Engine runs specs of one resource kind against its client.
type Engine[T any] struct {
	Client   Client[T]
	Recorder Recorder
	// Identifier is the object's stable identifier (spec.ociResourceIdentifier), part of every retry token.
	Identifier string
	// Generation is the object's metadata.generation: a change makes the next reconcile look at once.
	Generation int64
	// DriftInterval is the time between reads of a resource that is in place; 0 takes DefaultDriftInterval.
	DriftInterval time.Duration
	// DriftDue is true when the object's drift check is due: the resource is read even if its own check is not,
	// unless it was read in the same pass already (see DriftSince).
	DriftDue bool
	// DriftSince is when the object's drift check became due (zero: unknown). A resource found in place since
	// then was checked in the pass under way, by a reconcile that ended early (a transient error in a later
	// service): it is not read again, so that the pass makes progress however often a reconcile fails.
	DriftSince time.Time
	// KeepGone reports a resource the provider owns that is gone, as a terminal error with ReasonResourceGone,
	// instead of replacing it: a machine's instance, which Cluster API replaces with a new Machine.
	KeepGone bool
	// Now tells the time; nil uses time.Now.
	Now func() time.Time
}

func (e *Engine[T]) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Engine[T]) driftInterval() time.Duration {
	if e.DriftInterval > 0 {
		return e.DriftInterval
	}
	return DefaultDriftInterval
}

// Reconcile brings the resource of spec to its desired state, making at most one mutating call. It returns nil
// when the resource is in place, a *NotDoneError when the controller should look again later, or a classified
// *Error (a throttled one carries OCI's Retry-After when it gave one).
func (e *Engine[T]) Reconcile(ctx context.Context, spec Spec[T]) error {
	ctx, hint := clients.WithHint(ctx)
	return ApplyHint(e.reconcile(ctx, spec), hint)
}

// ApplyHint gives a transient or throttled error the delay OCI asked for in the answers that h received.
func ApplyHint(err error, h *clients.Hint) error {
	var e *Error
	if errors.As(err, &e) && e.Class != Terminal && h.RetryAfter > 0 {
		e.RetryAfter = h.RetryAfter
	}
	return err
}

func (e *Engine[T]) reconcile(ctx context.Context, spec Spec[T]) error {
	key := spec.Key()
	memo := e.Recorder.Memo(key)
	if memo.Deleted {
		// Deleted before and wanted again: a new resource, under a new retry token.
		memo = Memo{Attempt: memo.Attempt + 1}
	}
	details, err := spec.CreateDetails()
	if err != nil {
		return &Error{Class: Terminal, Reason: ReasonRequestRefused, Err: err, Message: fmt.Sprintf("%s: %v", key, err)}
	}
	hash := hashOf(details)
	if memo.WorkRequestID != "" {
		if done, err := e.lookAtWorkRequest(ctx, key, &memo); !done || err != nil {
			return err
		}
	}
	if spec.OCID() != "" && memo.SpecHash == hash && memo.Generation == e.Generation && e.checked(memo) {
		return nil // in place, and the drift check is not due (or it was read in this drift check): no call
	}
	logr.FromContextOrDiscard(ctx).V(5).Info("Looking at a resource", "key", key, "recorded", spec.OCID() != "",
		"specChanged", memo.SpecHash != hash, "generation", e.Generation, "memoGeneration", memo.Generation, "checkedAt", memo.CheckedAt)
	existing, err := e.current(ctx, spec, &memo)
	if err != nil {
		return err
	}
	if existing == nil {
		return e.create(ctx, spec, details, hash, memo)
	}
	return e.converge(ctx, spec, existing, hash, memo)
}

// checked reports whether the resource needs no read for the drift check: its own check is not due and neither is
// the object's, or the object's is under way and the resource was read in it.
func (e *Engine[T]) checked(memo Memo) bool {
	if memo.CheckedAt.IsZero() {
		return false
	}
	if e.DriftDue {
		return !e.DriftSince.IsZero() && !memo.CheckedAt.Before(e.DriftSince)
	}
	return e.now().Before(memo.CheckedAt.Add(e.driftInterval()))
}

// current reads the resource by its recorded OCID, or finds it by name and tags. A resource the provider owns that
// is gone has its OCID cleared and a new attempt counted, so that it is replaced.
func (e *Engine[T]) current(ctx context.Context, spec Spec[T], memo *Memo) (*T, error) {
	key := spec.Key()
	if id := spec.OCID(); id != "" {
		r, err := e.Client.Get(ctx, id)
		switch {
		case IsNotFound(err) && notVisibleYet(*memo, id):
			return nil, e.notDone(key, "not visible in OCI yet (just created)", memo)
		case IsNotFound(err):
		case err != nil:
			return nil, Classify("reading "+key, err)
		case e.Client.Observe(r).Phase != Gone:
			return r, nil
		}
		if memo.OwnedID != id {
			return nil, &Error{Class: Terminal, Reason: ReasonResourceGone, Message: fmt.Sprintf(
				"%s %s, given by ID, is gone from OCI: give the ID of an existing one, or remove the ID to have one created", key, id)}
		}
		if e.KeepGone {
			return nil, &Error{Class: Terminal, Reason: ReasonResourceGone, Message: fmt.Sprintf(
				"%s %s is gone from OCI (terminated outside Cluster API); it is not replaced in place", key, id)}
		}
		e.Recorder.SetOCID(key, "")
		memo.Attempt++
		memo.OwnedID, memo.SpecHash, memo.CheckedAt = "", "", time.Time{}
		e.Recorder.SetMemo(key, *memo)
		return nil, nil
	}
	r, err := e.Client.Find(ctx, spec)
	if err != nil {
		return nil, Classify("looking up "+key, err)
	}
	if r != nil && e.Client.Observe(r).Phase == Gone {
		return nil, nil
	}
	return r, nil
}

func (e *Engine[T]) create(ctx context.Context, spec Spec[T], details any, hash string, memo Memo) error {
	key := spec.Key()
	token := RetryToken(e.Identifier, key, hash, memo.Attempt)
	r, wr, err := e.Client.Create(ctx, details, token)
	if err != nil {
		return Classify("creating "+key, err)
	}
	if r != nil {
		if id := e.Client.Observe(r).ID; id != "" {
			e.Recorder.SetOCID(key, id)
			memo.OwnedID = id
		}
	}
	memo.WorkRequestID, memo.SpecHash, memo.CheckedAt = wr, "", time.Time{}
	return e.notDone(key, "being created", &memo)
}

// converge records a found resource's OCID, waits out transitions and sends the update the diff asks for.
func (e *Engine[T]) converge(ctx context.Context, spec Spec[T], existing *T, hash string, memo Memo) error {
	key := spec.Key()
	o := e.Client.Observe(existing)
	if spec.OCID() == "" && o.ID != "" {
		e.Recorder.SetOCID(key, o.ID)
	}
	switch o.Phase {
	case Transitioning:
		return e.notDone(key, "in state "+o.State, &memo)
	case Failed:
		e.Recorder.SetMemo(key, memo)
		return &Error{Class: Terminal, Reason: ReasonResourceFailed,
			Message: fmt.Sprintf("%s %s is in state %s: delete it in OCI, or delete the object, to have it replaced", key, o.ID, o.State)}
	case Ready, Gone: // current never returns a gone resource
	}
	if o.Foreign {
		// Brought by the user: used as it is, never changed.
		memo.OwnedID, memo.SpecHash, memo.Generation, memo.CheckedAt, memo.Waits = "", hash, e.Generation, e.now(), 0
		e.Recorder.SetMemo(key, memo)
		return nil
	}
	memo.OwnedID = o.ID
	update, err := spec.UpdateDetails(existing)
	if err != nil {
		return &Error{Class: Terminal, Reason: ReasonRequestRefused, Err: err, Message: fmt.Sprintf("%s: %v", key, err)}
	}
	if update != nil {
		wr, err := e.Client.Update(ctx, o.ID, update)
		if err != nil {
			return Classify("updating "+key, err)
		}
		memo.WorkRequestID, memo.SpecHash, memo.CheckedAt = wr, "", time.Time{}
		return e.notDone(key, "being updated", &memo)
	}
	memo.SpecHash, memo.Generation, memo.CheckedAt, memo.Waits = hash, e.Generation, e.now(), 0
	e.Recorder.SetMemo(key, memo)
	return nil
}

// lookAtWorkRequest looks once at the recorded work request. It returns done when it succeeded (the memo is then
// cleared of it), a *NotDoneError while it runs, and a terminal error when it failed.
func (e *Engine[T]) lookAtWorkRequest(ctx context.Context, key string, memo *Memo) (bool, error) {
	done, failure, err := e.Client.WorkRequest(ctx, memo.WorkRequestID)
	switch {
	case IsNotFound(err):
		// Work requests expire; read the resource instead.
	case err != nil:
		return false, Classify("reading work request "+memo.WorkRequestID+" of "+key, err)
	case failure != "":
		wr := memo.WorkRequestID
		memo.WorkRequestID = ""
		e.Recorder.SetMemo(key, *memo)
		return false, &Error{Class: Terminal, Reason: ReasonWorkRequestFailed,
			Message: fmt.Sprintf("%s: work request %s failed: %s", key, wr, failure)}
	case !done:
		return false, e.notDone(key, "waiting for work request "+memo.WorkRequestID, memo)
	}
	memo.WorkRequestID = ""
	e.Recorder.SetMemo(key, *memo)
	return true, nil
}

// notDone remembers one more wait and returns the *NotDoneError with the next delay: a work request (load
// balancers, clusters, pools) is looked at after Backoff's delays, a synchronous change, which OCI settles in
// seconds, after QuickBackoff's.
func (e *Engine[T]) notDone(key, what string, memo *Memo) error {
	memo.Waits++
	e.Recorder.SetMemo(key, *memo)
	d := QuickBackoff(memo.Waits)
	if memo.WorkRequestID != "" {
		d = Backoff(memo.Waits)
	}
	return &NotDoneError{Key: key, What: what, RequeueAfter: d}
}
