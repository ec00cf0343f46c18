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
	"context"
	"sync"
)

// Snapshot is one list of a kind of resource (for example the subnets of a VCN), read at most once per reconcile:
// the reads of a drift check are served from it, so that checking n resources of a kind costs one call, not n.
// A resource missing from the list (just created and not listed yet, or gone) is read by ID by the caller.
type Snapshot[T any] struct {
	list func(ctx context.Context) ([]T, error)
	id   func(*T) string

	mu    sync.Mutex
	read  bool
	items map[string]*T
}

// NewSnapshot returns a snapshot that lists with list and keys the items by id.
func NewSnapshot[T any](list func(ctx context.Context) ([]T, error), id func(*T) string) *Snapshot[T] {
	return &Snapshot[T]{list: list, id: id}
}

// Get returns the listed resource with id, listing on the first call. ok is false when the list does not hold
// it. A failed list is not kept: the next Get lists again.
func (s *Snapshot[T]) Get(ctx context.Context, id string) (r *T, ok bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.read {
		items, err := s.list(ctx)
		if err != nil {
			return nil, false, err
		}
		s.items = make(map[string]*T, len(items))
		for i := range items {
			s.items[s.id(&items[i])] = &items[i]
		}
		s.read = true
	}
	r, ok = s.items[id]
	return r, ok, nil
}

// Cached returns a read of a resource by ID that is served by snap when it holds the resource, and by get
// otherwise. A nil snapshot always calls get.
func Cached[T any](ctx context.Context, snap *Snapshot[T], id string, get func(context.Context, string) (*T, error)) (*T, error) {
	if snap != nil {
		r, ok, err := snap.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if ok {
			return r, nil
		}
	}
	return get(ctx, id)
}
