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

package okewr

import (
	"context"
	"errors"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"
)

// fake answers GetWorkRequest with status (or getErr) and ListWorkRequestErrors with errs (or listErr).
type fake struct {
	status          containerengine.WorkRequestStatusEnum
	errs            []containerengine.WorkRequestError
	getErr, listErr error
	compartment     string
}

func (f *fake) GetWorkRequest(context.Context, containerengine.GetWorkRequestRequest) (containerengine.GetWorkRequestResponse, error) {
	return containerengine.GetWorkRequestResponse{WorkRequest: containerengine.WorkRequest{Status: f.status,
		OperationType: containerengine.WorkRequestOperationTypeClusterCreate}}, f.getErr
}

func (f *fake) ListWorkRequestErrors(_ context.Context, r containerengine.ListWorkRequestErrorsRequest) (containerengine.ListWorkRequestErrorsResponse, error) {
	f.compartment = ptr.Deref(r.CompartmentId, "")
	return containerengine.ListWorkRequestErrorsResponse{Items: f.errs}, f.listErr
}

func TestLook(t *testing.T) {
	boom := errors.New("boom")
	for _, c := range []struct {
		name    string
		f       fake
		done    bool
		failure string
		err     error
	}{
		{"succeeded", fake{status: containerengine.WorkRequestStatusSucceeded}, true, "", nil},
		{"running", fake{status: containerengine.WorkRequestStatusInProgress}, false, "", nil},
		{"failed with errors", fake{status: containerengine.WorkRequestStatusFailed, errs: []containerengine.WorkRequestError{
			{Code: ptr.To("LimitExceeded"), Message: ptr.To("too many clusters")}, {Code: ptr.To("X"), Message: ptr.To("y")}}},
			false, "CLUSTER_CREATE failed: LimitExceeded: too many clusters; X: y", nil},
		{"failed without errors", fake{status: containerengine.WorkRequestStatusFailed}, false, "CLUSTER_CREATE failed", nil},
		{"failed, errors unreadable", fake{status: containerengine.WorkRequestStatusFailed, listErr: boom}, false,
			"CLUSTER_CREATE failed (its errors could not be listed: boom)", nil},
		{"canceled", fake{status: containerengine.WorkRequestStatusCanceled}, false, "CLUSTER_CREATE was canceled", nil},
		{"unreadable", fake{getErr: boom}, false, "", boom},
	} {
		t.Run(c.name, func(t *testing.T) {
			done, failure, err := Look(context.Background(), &c.f, "ocid1.compartment", "wr")
			if done != c.done || failure != c.failure || !errors.Is(err, c.err) {
				t.Errorf("Look = %v, %q, %v; want %v, %q, %v", done, failure, err, c.done, c.failure, c.err)
			}
			if len(c.f.errs) > 0 && c.f.compartment != "ocid1.compartment" {
				t.Errorf("errors listed in compartment %q", c.f.compartment)
			}
		})
	}
}
