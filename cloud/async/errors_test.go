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
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Error classes, retry tokens and requeue delays.

func TestRetryTokens(t *testing.T) {
	h := newHarness()
	h.f.errs["Create"] = fakeServiceError{http.StatusInternalServerError, "InternalServerError"}
	for range 2 {
		_ = expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), Transient, ReasonServiceError)
	}
	if len(h.f.tokens) != 2 || h.f.tokens[0] == "" || h.f.tokens[0] != h.f.tokens[1] || len(h.f.tokens[0]) > 64 {
		t.Errorf("a create repeated after a failure must send the same token of at most 64 characters: %q", h.f.tokens)
	}
	if RetryToken("uuid-1", "vcn", "h", 0) == RetryToken("uuid-1", "vcn", "other", 0) ||
		RetryToken("uuid-1", "vcn", "h", 0) == RetryToken("uuid-1", "vcn", "h", 1) ||
		RetryToken("uuid-1", "vcn", "h", 0) == RetryToken("uuid-2", "vcn", "h", 0) {
		t.Error("another spec, attempt or object must make another token")
	}
	// A reused token with another body is OCI's 409: look again later, it is not the user's mistake.
	h.f.errs["Create"] = fakeServiceError{http.StatusConflict, "Conflict"}
	_ = expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), Transient, "")
}

func TestTransitionsFailuresAndErrorClasses(t *testing.T) {
	h := newHarness()
	h.f.resources["ocid1.fake.oc1..x"] = &res{ID: "ocid1.fake.oc1..x", State: "FAILED", Name: "vcn"}
	e := expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), Terminal, ReasonResourceFailed)
	if h.rec.ids["vcn"] != "ocid1.fake.oc1..x" || !strings.Contains(e.Message, "FAILED") {
		t.Errorf("a found resource's OCID is recorded and its state named: %q, %q", h.rec.ids["vcn"], e.Message)
	}
	h.f.resources["ocid1.fake.oc1..x"].State = "PROVISIONING"
	if err := h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Errorf("transitioning: %v", err)
	}

	for _, tc := range []struct {
		err    error
		class  Class
		reason string
	}{
		{fakeServiceError{http.StatusTooManyRequests, "TooManyRequests"}, Throttled, ReasonThrottled},
		{&clients.ThrottledError{Service: "virtualnetwork", Region: "r", RetryAfter: time.Second}, Throttled, ReasonThrottled},
		{fakeServiceError{http.StatusServiceUnavailable, "ServiceUnavailable"}, Transient, ReasonServiceError},
		{fakeServiceError{http.StatusBadRequest, "InvalidParameter"}, Terminal, ReasonRequestRefused},
		{fakeServiceError{http.StatusNotFound, "NotAuthorizedOrNotFound"}, Terminal, ReasonNotAuthorized},
		{fakeServiceError{http.StatusBadRequest, "LimitExceeded"}, Terminal, ReasonLimitExceeded},
		{fmt.Errorf("wrapped: %w", fakeServiceError{http.StatusForbidden, "NotAuthorized"}), Terminal, ReasonNotAuthorized},
		{errors.New("connection reset"), Transient, ReasonServiceError},
	} {
		h := newHarness()
		h.f.errs["Create"] = tc.err
		e := expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), tc.class, tc.reason)
		if tc.class == Throttled && e.RetryAfter <= 0 {
			t.Errorf("%v: a throttled error carries its delay", tc.err)
		}
	}
}

func TestThrottledErrorsCarryOCIsRetryAfter(t *testing.T) {
	h := newHarness()
	h.f.errs["Create"] = fakeServiceError{http.StatusTooManyRequests, "TooManyRequests"}
	h.f.retryAfter = 7 * time.Second
	e := expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), Throttled, ReasonThrottled)
	if e.RetryAfter != 7*time.Second {
		t.Errorf("retry after %s, want OCI's 7s", e.RetryAfter)
	}
	// A terminal error keeps no hint.
	h = newHarness()
	h.f.errs["Create"] = fakeServiceError{http.StatusBadRequest, "InvalidParameter"}
	h.f.retryAfter = 7 * time.Second
	if e := expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), Terminal, ""); e.RetryAfter != 0 {
		t.Errorf("a terminal error got a retry delay %s", e.RetryAfter)
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	prev := time.Duration(0)
	for waits := 1; waits <= 4; waits++ {
		d := Backoff(waits)
		if d < prev || d < firstDelay {
			t.Errorf("wait %d: %s after %s", waits, d, prev)
		}
		prev = d
	}
	if d := Backoff(50); d < maxDelay || d > maxDelay+maxDelay/5 {
		t.Errorf("capped delay %s", d)
	}
}

func TestQuickBackoffStartsSoonerAndIsCapped(t *testing.T) {
	for waits, want := range map[int]time.Duration{1: 2 * time.Second, 2: 4 * time.Second, 3: 8 * time.Second, 50: maxDelay} {
		if d := QuickBackoff(waits); d < want || d > want+want/5 {
			t.Errorf("wait %d: %s, want %s with up to 20%% jitter", waits, d, want)
		}
	}
}
