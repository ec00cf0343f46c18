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
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Class says what a controller does with an error.
type Class int

const (
	// Transient errors (5xx, conflicts with work in progress, network failures) are retried by requeue.
	Transient Class = iota
	// Terminal errors (bad requests, missing permissions, limits) need a person: the controller sets a False
	// condition with the error's reason and message, and retries only slowly.
	Terminal
	// Throttled errors (429, or the client-side rate limit) are retried after the delay they carry.
	Throttled
)

func (c Class) String() string {
	return [...]string{"Transient", "Terminal", "Throttled"}[c]
}

// Error is a classified error of an OCI call, with what a person needs to act on it.
type Error struct {
	Class Class
	// Reason is a CamelCase condition reason, such as OCIRequestRefused.
	Reason string
	// Message says what failed and, for a terminal error, what to do.
	Message string
	// RetryAfter is the delay before the next attempt, when the error or the service says one.
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Condition reasons of classified errors.
const (
	ReasonRequestRefused    = "OCIRequestRefused"
	ReasonNotAuthorized     = "OCINotAuthorized"
	ReasonLimitExceeded     = "OCILimitExceeded"
	ReasonServiceError      = "OCIServiceError"
	ReasonThrottled         = "OCIThrottled"
	ReasonWorkRequestFailed = "OCIWorkRequestFailed"
	ReasonResourceFailed    = "OCIResourceFailed"
	// ReasonResourceGone is the reason of a resource the user brought by ID that is gone from OCI.
	ReasonResourceGone = "OCIResourceGone"
)

// throttledDelay is the delay of a 429 without a hint.
const throttledDelay = 30 * time.Second

// minClientThrottleDelay is the shortest delay after the client-side rate limit refused a call.
const minClientThrottleDelay = 2 * time.Second

// Classify turns the error of an OCI call made for op into an *Error; nil stays nil, and an *Error is returned as
// it is.
func Classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var ce *Error
	if errors.As(err, &ce) {
		return ce
	}
	var te *clients.ThrottledError
	if errors.As(err, &te) {
		// The limiter's delay is that of one more call; a reconcile makes several, so wait for the bucket to
		// refill some. The message leaves the delay out: it must not change from one look to the next.
		return &Error{Class: Throttled, Reason: ReasonThrottled, RetryAfter: max(te.RetryAfter, minClientThrottleDelay), Err: err,
			Message: fmt.Sprintf("%s: the client-side rate limit of %s calls in %s is reached (--oci-rate-limit); retrying", op, te.Service, te.Region)}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Class: Transient, Reason: ReasonServiceError, Err: err, Message: fmt.Sprintf("%s: %v", op, err)}
	}
	se, ok := serviceError(err)
	if !ok {
		return &Error{Class: Transient, Reason: ReasonServiceError, Err: err, Message: fmt.Sprintf("%s: %v", op, err)}
	}
	return classifyServiceError(op, se, err)
}

func classifyServiceError(op string, se common.ServiceError, err error) *Error {
	code, status := se.GetCode(), se.GetHTTPStatusCode()
	msg := fmt.Sprintf("%s: OCI answered %d %s: %s (opc-request-id %s)", op, status, code, se.GetMessage(), se.GetOpcRequestID())
	e := &Error{Class: Transient, Reason: ReasonServiceError, Message: msg, Err: err}
	switch {
	case status == http.StatusTooManyRequests:
		e.Class, e.Reason, e.RetryAfter = Throttled, ReasonThrottled, throttledDelay
	case status >= 500, status == http.StatusConflict:
		// 409 is a resource busy with other work (or a retry token in use): look again later.
	case status == http.StatusUnauthorized, status == http.StatusForbidden, status == http.StatusNotFound && code == "NotAuthorizedOrNotFound":
		e.Class, e.Reason = Terminal, ReasonNotAuthorized
		e.Message = msg + "; check the identity's IAM policies for this compartment and that the OCIDs in the spec exist"
	case code == "LimitExceeded" || strings.Contains(code, "QuotaExceeded"):
		e.Class, e.Reason = Terminal, ReasonLimitExceeded
		e.Message = msg + "; raise the tenancy's service limit or quota, or ask for less"
	default:
		e.Class, e.Reason = Terminal, ReasonRequestRefused
	}
	return e
}

// IsNotFound reports whether err is OCI's answer for a resource that does not exist.
func IsNotFound(err error) bool {
	se, ok := serviceError(err)
	return ok && se.GetHTTPStatusCode() == http.StatusNotFound
}

// serviceError finds OCI's answer in an error chain (the SDK's own check does not unwrap).
func serviceError(err error) (common.ServiceError, bool) {
	var se common.ServiceError
	if errors.As(err, &se) {
		return se, true
	}
	return nil, false
}
