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

package svctest

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/mock/gomock"
)

// NotFound is OCI's answer about a resource that is not there (or that the caller may not see).
func NotFound() error { return ServiceError(http.StatusNotFound, "NotAuthorizedOrNotFound") }

// Conflict is OCI's refusal of a call that conflicts with the resource's state (such as deleting what is used).
func Conflict() error { return ServiceError(http.StatusConflict, "Conflict") }

// CheckErr fails the test when err is not what wantErr accepts, or, with no wantErr, when there is an error. op
// names the call that returned err.
func CheckErr(t *testing.T, op string, err error, wantErr func(error) bool) {
	t.Helper()
	switch {
	case wantErr == nil && err != nil:
		t.Fatalf("%s: %v", op, err)
	case wantErr != nil && !wantErr(err):
		t.Fatalf("%s: %v, not the error wanted", op, err)
	}
}

// CheckUpdate checks what a spec's UpdateDetails returned: no error, and want, or no update when want is nil.
// body names the update's type in a difference.
func CheckUpdate(t *testing.T, body string, want, got any, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if want == nil {
		if got != nil {
			t.Fatalf("update %+v, want none", got)
		}
		return
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", body, d)
	}
}

// Run makes a mock client with newMock on a new controller of t, sets the mock's expectations with expect, makes
// the call with it and checks the call's error with CheckErr (op names the call), then the scope s with check.
// expect and check may be nil.
func Run[M interface{ EXPECT() R }, R, S any](t *testing.T, op string, s S, newMock func(*gomock.Controller) M,
	expect func(S, R), wantErr func(error) bool, check func(*testing.T, S), call func(M) error) {
	t.Helper()
	m := newMock(gomock.NewController(t))
	if expect != nil {
		expect(s, m.EXPECT())
	}
	CheckErr(t, op, call(m), wantErr)
	if check != nil {
		check(t, s)
	}
}
