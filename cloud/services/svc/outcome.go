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
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// ReasonInUse is the reason of a resource that OCI refuses to delete because something still uses it.
const ReasonInUse = "ResourceInUse"

// InUse turns OCI's refusal to delete a resource that something still uses into an error that says so; what
// names the resource ("subnet worker"). Any other error is returned as it is.
func InUse(what string, err error) error {
	var se common.ServiceError
	if !errors.As(err, &se) || se.GetHTTPStatusCode() != http.StatusConflict || se.GetCode() == "IncorrectState" {
		return err
	}
	return &async.Error{Class: async.Transient, Reason: ReasonInUse, Err: err, Message: fmt.Sprintf(
		"%s cannot be deleted yet: %s; delete what uses it", what, strings.TrimSuffix(se.GetMessage(), "."))}
}

// Waiting is the "not done" of the resource with key while it waits for what, which another service makes.
func Waiting(key, what string) error {
	return &async.NotDoneError{Key: key, What: "waiting for " + what, RequeueAfter: async.Backoff(1)}
}

// Outcome gathers the results of several resources: the first error wins, else the soonest "not done".
type Outcome struct {
	err     error
	notDone *async.NotDoneError
}

// Add gathers the result of one resource.
func (o *Outcome) Add(err error) {
	var nd *async.NotDoneError
	switch {
	case err == nil:
	case errors.As(err, &nd):
		if o.notDone == nil || nd.RequeueAfter < o.notDone.RequeueAfter {
			o.notDone = nd
		}
	case o.err == nil:
		o.err = err
	}
}

// Err is the first error gathered, else the "not done" with the shortest delay, else nil.
func (o *Outcome) Err() error {
	if o.err != nil {
		return o.err
	}
	if o.notDone != nil {
		return o.notDone
	}
	return nil
}

// DeleteEach deletes the resources of n specs, spec(0) to spec(n-1), with the engine that engine returns, each
// whatever the others' results, and gathers the results (see Outcome). what names the kind of resource in the
// error of one that something still uses (see InUse). It makes no engine and no call when n is 0.
func DeleteEach[T any, S interface {
	async.Spec[T]
	Name() string
}](ctx context.Context, engine func() *async.Engine[T], what string, n int, spec func(j int) S) error {
	if n == 0 {
		return nil
	}
	e := engine()
	var out Outcome
	for j := range n {
		s := spec(j)
		out.Add(InUse(what+" "+s.Name(), e.Delete(ctx, s)))
	}
	return out.Err()
}

// RunAll runs the steps in order. The first error that is not "not done" ends the run and is returned; otherwise
// the "not done" error with the shortest delay is, so that the controller looks again when the first resource
// may be done.
func RunAll(steps []func() error) error {
	var o Outcome
	for _, step := range steps {
		if o.Add(step()); o.err != nil {
			break
		}
	}
	return o.Err()
}
