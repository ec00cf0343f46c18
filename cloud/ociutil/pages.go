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

// Package ociutil holds the small helpers every OCI service package shares.
package ociutil

import (
	"context"
	"errors"
	"fmt"
)

// MaxPages bounds a listing: a service that keeps answering with a next page is a fault, not a reason to loop.
const MaxPages = 1000

// ErrTooManyPages is returned when a listing goes on past MaxPages.
var ErrTooManyPages = errors.New("the listing did not end")

// ListAll calls list with each page token in turn, starting with none, until OCI answers without opc-next-page,
// and returns the items of every page. Every List the provider makes goes through it, so that no resource on a
// later page is missed (and none is created twice for not being found).
func ListAll[T any](ctx context.Context, list func(ctx context.Context, page *string) ([]T, *string, error)) ([]T, error) {
	var all []T
	var page *string
	for range MaxPages {
		items, next, err := list(ctx, page)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if next == nil || *next == "" {
			return all, nil
		}
		page = next
	}
	return nil, fmt.Errorf("%w after %d pages", ErrTooManyPages, MaxPages)
}
