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

package svc

import (
	"cmp"
	"context"

	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
)

// Meta is what the engine reads of any resource: its OCID, lifecycle state and freeform tags.
type Meta struct {
	ID    *string
	State string
	Tags  map[string]string
}

// Kind is the table of one kind of resource's SDK calls, from which an Adapter runs the kind for the engine. C
// and U are the types of the create and update request bodies the kind's spec returns. Each call is made with its
// operation named after Noun (see clients.WithOperation).
type Kind[T, C, U any] struct {
	// Noun names the kind in its operations: Get<Noun>, List<Noun>s, Create<Noun>, Update<Noun> and Delete<Noun>.
	Noun string
	// Get reads a resource by OCID.
	Get func(ctx context.Context, id string) (*T, error)
	// List reads one page of the resources the kind is looked up among (the VCN's, the compartment's), of one
	// display name when name is set.
	List func(ctx context.Context, name, page *string) ([]T, *string, error)
	// Create sends the create request with the retry token; it returns the resource as created and, for an
	// asynchronous create, its work request.
	Create func(ctx context.Context, body C, token string) (*T, string, error)
	// Update sends the update request; it returns the work request of an asynchronous update, or "".
	Update func(ctx context.Context, id string, body U) (string, error)
	// Delete sends the delete request; it returns the work request of an asynchronous delete, or "".
	Delete func(ctx context.Context, id string) (string, error)
	// WorkRequest looks once at a work request; nil for a kind whose calls are all synchronous.
	WorkRequest func(ctx context.Context, id string) (done bool, failure string, err error)
	// Meta reads a resource's OCID, lifecycle state and freeform tags.
	Meta func(*T) Meta
	// Complete, when set, completes a resource that Get or Find read (with what another call reads).
	Complete func(ctx context.Context, r *T) (*T, error)
	// Phase, when set, maps the kind's lifecycle states to the engine's phases instead of PhaseOf (an instance
	// that is stopped is not ready).
	Phase func(state string) async.Phase
	// CreateOp and DeleteOp name the create and delete operations when OCI does not call them Create<Noun> and
	// Delete<Noun> (LaunchInstance, TerminateInstance).
	CreateOp, DeleteOp string
	// Snapshot serves the reads by ID from one list of the kind, made at most once per adapter (one adapter
	// serves one Reconcile or Delete), so that a drift check of n resources of the kind costs one call.
	Snapshot bool
}

// Adapter runs a Kind for the engine: it finds a resource by its spec's name and the cluster's ownership tags,
// checks the request bodies' types, and remembers the resource it last read.
type Adapter[T, C, U any] struct {
	kind       Kind[T, C, U]
	identifier string
	snap       *Snapshot[T]
	seen       *T
}

var _ async.Client[struct{}] = (*Adapter[struct{}, any, any])(nil)

// NewAdapter returns the adapter of kind for the object with the identifier (its ownership tag's value).
func NewAdapter[T, C, U any](kind Kind[T, C, U], identifier string) *Adapter[T, C, U] {
	a := &Adapter[T, C, U]{kind: kind, identifier: identifier}
	if kind.Snapshot {
		a.snap = NewSnapshot(func(ctx context.Context) ([]T, error) { return a.list(ctx, nil) },
			func(r *T) string { return ptr.Deref(kind.Meta(r).ID, "") })
	}
	return a
}

// Seen is the resource that Get or Find last returned, nil when there was none.
func (a *Adapter[T, C, U]) Seen() *T { return a.seen }

// list lists the resources of the kind, of the name when one is given.
func (a *Adapter[T, C, U]) list(ctx context.Context, name *string) ([]T, error) {
	return ociutil.ListAll(clients.WithOperation(ctx, "List"+a.kind.Noun+"s"),
		func(ctx context.Context, page *string) ([]T, *string, error) { return a.kind.List(ctx, name, page) })
}

// read completes a resource read and remembers it.
func (a *Adapter[T, C, U]) read(ctx context.Context, r *T) (*T, error) {
	if a.kind.Complete != nil {
		var err error
		if r, err = a.kind.Complete(ctx, r); err != nil {
			return nil, err
		}
	}
	a.seen = r
	return r, nil
}

// Get reads a resource by OCID, from the kind's list when the kind has a snapshot and the list holds it.
func (a *Adapter[T, C, U]) Get(ctx context.Context, id string) (*T, error) {
	r, err := Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*T, error) {
		r, err := a.kind.Get(clients.WithOperation(ctx, "Get"+a.kind.Noun), id)
		if err != nil {
			return nil, err
		}
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	return a.read(ctx, r)
}

// Find lists the resources of the spec's name and returns the first that the object owns and that is not gone.
func (a *Adapter[T, C, U]) Find(ctx context.Context, spec async.Spec[T]) (*T, error) {
	named, err := Body[interface{ Name() string }]("finding the "+a.kind.Noun, spec)
	if err != nil {
		return nil, err
	}
	items, err := a.list(ctx, ptr.To(named.Name()))
	if err != nil {
		return nil, err
	}
	for i := range items {
		if m := a.kind.Meta(&items[i]); Owns(m.Tags, a.identifier) && PhaseOf(m.State) != async.Gone {
			return a.read(ctx, &items[i])
		}
	}
	return nil, nil
}

// Create sends the create request of details, which must be a C.
func (a *Adapter[T, C, U]) Create(ctx context.Context, details any, token string) (*T, string, error) {
	op := cmp.Or(a.kind.CreateOp, "Create"+a.kind.Noun)
	body, err := Body[C](op, details)
	if err != nil {
		return nil, "", err
	}
	r, wr, err := a.kind.Create(clients.WithOperation(ctx, op), body, token)
	if err != nil {
		return nil, "", err
	}
	return r, wr, nil
}

// Update sends the update request of details, which must be a U.
func (a *Adapter[T, C, U]) Update(ctx context.Context, id string, details any) (string, error) {
	op := "Update" + a.kind.Noun
	body, err := Body[U](op, details)
	if err != nil {
		return "", err
	}
	return a.kind.Update(clients.WithOperation(ctx, op), id, body)
}

// Delete sends the delete request.
func (a *Adapter[T, C, U]) Delete(ctx context.Context, id string) (string, error) {
	return a.kind.Delete(clients.WithOperation(ctx, cmp.Or(a.kind.DeleteOp, "Delete"+a.kind.Noun)), id)
}

// Observe reads a resource's OCID and lifecycle; a resource without the object's ownership tags is foreign.
func (a *Adapter[T, C, U]) Observe(r *T) async.Observed {
	m := a.kind.Meta(r)
	phase := PhaseOf(m.State)
	if a.kind.Phase != nil {
		phase = a.kind.Phase(m.State)
	}
	return async.Observed{ID: ptr.Deref(m.ID, ""), State: m.State, Phase: phase, Foreign: !Owns(m.Tags, a.identifier)}
}

// WorkRequest looks once at a work request; a kind without work requests never has one to look at.
func (a *Adapter[T, C, U]) WorkRequest(ctx context.Context, id string) (bool, string, error) {
	if a.kind.WorkRequest == nil {
		return true, "", nil
	}
	return a.kind.WorkRequest(ctx, id)
}

// StringOrNil returns &s, or nil when s is empty: an optional filter of a request.
func StringOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
