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

package clients

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// operationKey is the context key of the OCI operation a call makes.
type operationKey struct{}

// WithOperation names the OCI operation (CreateVcn, GetInstance, ...) the calls made with ctx belong to, for the
// metrics; the SDK does not tell its transport.
func WithOperation(ctx context.Context, op string) context.Context {
	return context.WithValue(ctx, operationKey{}, op)
}

// operationOf returns the operation named by WithOperation, or the request's method and path for a call that was
// not named.
func operationOf(r *http.Request) string {
	if op, ok := r.Context().Value(operationKey{}).(string); ok && op != "" {
		return op
	}
	return "unnamed " + r.Method
}

// hintKey is the context key of a call's *Hint.
type hintKey struct{}

// Hint receives what OCI's answer says about trying again: the Retry-After of a 429 or 503 (the SDK's errors do
// not carry response headers).
type Hint struct {
	RetryAfter time.Duration
}

// WithHint returns a context whose calls report OCI's retry hint into the returned *Hint.
func WithHint(ctx context.Context) (context.Context, *Hint) {
	h := &Hint{}
	return context.WithValue(ctx, hintKey{}, h), h
}

// HintFrom returns the *Hint of ctx, or nil.
func HintFrom(ctx context.Context) *Hint {
	h, _ := ctx.Value(hintKey{}).(*Hint)
	return h
}

// recordHint keeps the Retry-After (in seconds) of a 429 or 503 answer in the request's *Hint, if it has one.
func recordHint(r *http.Request, resp *http.Response) {
	h := HintFrom(r.Context())
	if h == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		h.RetryAfter = time.Duration(s) * time.Second
	}
}

// ErrThrottled is returned, wrapped in a *ThrottledError, when the client-side rate limit refuses a call.
var ErrThrottled = errors.New("client-side rate limit reached")

// ThrottledError says a call was not sent because of the client-side rate limit, and when to try again.
type ThrottledError struct {
	Service, Region string
	RetryAfter      time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("%s in %s: %v; retry after %s", e.Service, e.Region, ErrThrottled, e.RetryAfter)
}

// Unwrap makes errors.Is(err, ErrThrottled) true.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// dispatcher is the HTTP transport of one service's client in one region: it applies the client-side rate limit
// and records every call in the metrics.
type dispatcher struct {
	next            *http.Client
	service, region string
	limiter         *rate.Limiter
	metrics         *Metrics
}

// Do sends the request unless the rate limit refuses it. It never waits: a refused call returns a ThrottledError
// at once, and the caller requeues.
func (d *dispatcher) Do(r *http.Request) (*http.Response, error) {
	op := operationOf(r)
	if d.limiter != nil {
		res := d.limiter.Reserve()
		if delay := res.Delay(); delay > 0 {
			res.Cancel()
			d.metrics.throttled(d.service, op, d.region)
			return nil, &ThrottledError{Service: d.service, Region: d.region, RetryAfter: delay}
		}
	}
	start := time.Now()
	resp, err := d.next.Do(r) //nolint:gosec // the URL is the endpoint the factory configured: OCI's, or an override of the cluster's owner
	code := "error"
	if err == nil {
		code = strconv.Itoa(resp.StatusCode)
		recordHint(r, resp)
	}
	d.metrics.observe(d.service, op, code, d.region, time.Since(start))
	return resp, err
}
