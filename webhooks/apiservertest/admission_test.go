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

package apiservertest

import (
	"context"
	"errors"
	"slices"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// TestAdmission creates every case of every kind through the API server: the good objects are accepted, the bad
// ones refused by the validating webhook with an error naming the exact field.
func TestAdmission(t *testing.T) {
	kinds, bad := map[string]bool{}, 0
	for _, kc := range allCases() {
		kinds[kc.kind] = true
		t.Run(kc.kind, func(t *testing.T) {
			if len(kc.bad) < 2 {
				t.Fatalf("%s has %d bad objects, want at least 2", kc.kind, len(kc.bad))
			}
			for _, good := range []struct {
				name string
				obj  client.Object
			}{{"minimal", kc.minimal}, {"rich", kc.rich}} {
				if err := k8s.Create(context.Background(), good.obj); err != nil {
					t.Errorf("%s object refused: %v", good.name, err)
				}
			}
			for _, bc := range kc.bad {
				t.Run(bc.name, func(t *testing.T) {
					err := k8s.Create(context.Background(), bc.obj)
					expectRejectedAt(t, err, bc.field)
				})
			}
		})
		bad += len(kc.bad)
	}
	if len(kinds) != 14 || bad < 40 {
		t.Errorf("%d kinds and %d bad objects, want 14 kinds and at least 40 bad objects", len(kinds), bad)
	}
}

// expectRejectedAt fails unless err is the API server's Invalid error naming field among its causes.
func expectRejectedAt(t *testing.T, err error, field string) {
	t.Helper()
	var status apierrors.APIStatus
	if err == nil || !errors.As(err, &status) || !apierrors.IsInvalid(err) {
		t.Fatalf("want an Invalid error at %s, got %v", field, err)
	}
	var fields []string
	if d := status.Status().Details; d != nil {
		for _, c := range d.Causes {
			fields = append(fields, c.Field)
		}
	}
	if !slices.Contains(fields, field) {
		t.Errorf("want an error at %s, got errors at %v: %v", field, fields, err)
	}
}
