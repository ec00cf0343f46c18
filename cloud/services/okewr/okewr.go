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

// Package okewr reads the work requests of Oracle Kubernetes Engine (clusters, node pools, virtual node pools and
// add-ons share them): one look, and the failure's errors in one line.
package okewr

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Client is the part of the SDK's ContainerEngineClient that reads work requests.
type Client interface {
	GetWorkRequest(ctx context.Context, req containerengine.GetWorkRequestRequest) (containerengine.GetWorkRequestResponse, error)
	ListWorkRequestErrors(ctx context.Context, req containerengine.ListWorkRequestErrorsRequest) (containerengine.ListWorkRequestErrorsResponse, error)
}

// Look looks once at a work request of compartment: done when it succeeded, failed with its errors' messages when
// it failed or was canceled, neither while it runs.
func Look(ctx context.Context, c Client, compartment, id string) (done bool, failure string, err error) {
	r, err := c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), containerengine.GetWorkRequestRequest{WorkRequestId: &id})
	if err != nil {
		return false, "", err
	}
	switch r.Status {
	case containerengine.WorkRequestStatusSucceeded:
		return true, "", nil
	case containerengine.WorkRequestStatusFailed:
		return false, failureOf(ctx, c, compartment, id, r.OperationType), nil
	case containerengine.WorkRequestStatusCanceled:
		return false, fmt.Sprintf("%s was canceled", r.OperationType), nil
	default:
		return false, "", nil
	}
}

// failureOf says why a work request failed, from its listed errors.
func failureOf(ctx context.Context, c Client, compartment, id string, op containerengine.WorkRequestOperationTypeEnum) string {
	r, err := c.ListWorkRequestErrors(clients.WithOperation(ctx, "ListWorkRequestErrors"),
		containerengine.ListWorkRequestErrorsRequest{CompartmentId: &compartment, WorkRequestId: &id})
	if err != nil {
		return fmt.Sprintf("%s failed (its errors could not be listed: %s)", op, Briefly(err))
	}
	msgs := make([]string, 0, len(r.Items))
	for _, e := range r.Items {
		msgs = append(msgs, fmt.Sprintf("%s: %s", ptr.Deref(e.Code, ""), ptr.Deref(e.Message, "")))
	}
	if len(msgs) == 0 {
		return fmt.Sprintf("%s failed", op)
	}
	return fmt.Sprintf("%s failed: %s", op, strings.Join(msgs, "; "))
}

// Briefly is what an error of OCI says in one line (the SDK's own message runs to several, with its request's
// details): its status and code.
func Briefly(err error) string {
	var se common.ServiceError
	if errors.As(err, &se) {
		return fmt.Sprintf("OCI answered %d %s", se.GetHTTPStatusCode(), se.GetCode())
	}
	return err.Error()
}
