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
	"fmt"
	"sync"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Listed remembers the OCIDs a listing returned. A list item lacks fields a spec's diff needs (a pool's nodes,
// placements, SSH key), so the item Find picks is read in full, once, before it is used (see Complete). Its zero
// value is ready to use, by several goroutines.
type Listed struct {
	mu  sync.Mutex
	ids map[string]bool
}

// Mark records that a listing returned id.
func (l *Listed) Mark(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ids == nil {
		l.ids = map[string]bool{}
	}
	l.ids[id] = true
}

// take reports whether a listing returned id, and forgets it.
func (l *Listed) take(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	listed := l.ids[id]
	delete(l.ids, id)
	return listed
}

// Complete is a Kind's Complete for resources a listing may return: r, with OCID id, read in full with get (as
// operation op; noun names the kind in errors, "node pool") when a listing returned it, else r as it is (read by
// its OCID, it is complete already).
func Complete[T any](ctx context.Context, l *Listed, r *T, id, op, noun string, get func(context.Context, string) (*T, error)) (*T, error) {
	if !l.take(id) {
		return r, nil
	}
	full, err := get(clients.WithOperation(ctx, op), id)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s, found by name: %w", noun, id, err)
	}
	return full, nil
}
