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

package nlb

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's NetworkLoadBalancerClient the service calls;
// networkloadbalancer.NetworkLoadBalancerClient is one.
type Client interface {
	GetNetworkLoadBalancer(ctx context.Context, req networkloadbalancer.GetNetworkLoadBalancerRequest) (networkloadbalancer.GetNetworkLoadBalancerResponse, error)
	ListNetworkLoadBalancers(ctx context.Context, req networkloadbalancer.ListNetworkLoadBalancersRequest) (networkloadbalancer.ListNetworkLoadBalancersResponse, error)
	CreateNetworkLoadBalancer(ctx context.Context, req networkloadbalancer.CreateNetworkLoadBalancerRequest) (networkloadbalancer.CreateNetworkLoadBalancerResponse, error)
	UpdateNetworkLoadBalancer(ctx context.Context, req networkloadbalancer.UpdateNetworkLoadBalancerRequest) (networkloadbalancer.UpdateNetworkLoadBalancerResponse, error)
	UpdateListener(ctx context.Context, req networkloadbalancer.UpdateListenerRequest) (networkloadbalancer.UpdateListenerResponse, error)
	UpdateHealthChecker(ctx context.Context, req networkloadbalancer.UpdateHealthCheckerRequest) (networkloadbalancer.UpdateHealthCheckerResponse, error)
	DeleteNetworkLoadBalancer(ctx context.Context, req networkloadbalancer.DeleteNetworkLoadBalancerRequest) (networkloadbalancer.DeleteNetworkLoadBalancerResponse, error)
	GetWorkRequest(ctx context.Context, req networkloadbalancer.GetWorkRequestRequest) (networkloadbalancer.GetWorkRequestResponse, error)
	ListWorkRequestErrors(ctx context.Context, req networkloadbalancer.ListWorkRequestErrorsRequest) (networkloadbalancer.ListWorkRequestErrorsResponse, error)
}

// kind is the network load balancers of the compartment, for the engine.
func kind(c Client, compartment string) svc.Kind[networkloadbalancer.NetworkLoadBalancer, networkloadbalancer.CreateNetworkLoadBalancerDetails, Update] {
	w := workRequests{c: c, compartment: compartment}
	return svc.Kind[networkloadbalancer.NetworkLoadBalancer, networkloadbalancer.CreateNetworkLoadBalancerDetails, Update]{
		Noun: "NetworkLoadBalancer",
		Get: func(ctx context.Context, id string) (*networkloadbalancer.NetworkLoadBalancer, error) {
			r, err := c.GetNetworkLoadBalancer(ctx, networkloadbalancer.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id})
			return &r.NetworkLoadBalancer, err
		},
		List: func(ctx context.Context, name, page *string) ([]networkloadbalancer.NetworkLoadBalancer, *string, error) {
			r, err := c.ListNetworkLoadBalancers(ctx, networkloadbalancer.ListNetworkLoadBalancersRequest{
				CompartmentId: &compartment, DisplayName: name, Page: page})
			items := make([]networkloadbalancer.NetworkLoadBalancer, len(r.Items))
			for i := range r.Items {
				items[i] = networkloadbalancer.NetworkLoadBalancer(r.Items[i])
			}
			return items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d networkloadbalancer.CreateNetworkLoadBalancerDetails, token string) (*networkloadbalancer.NetworkLoadBalancer, string, error) {
			r, err := c.CreateNetworkLoadBalancer(ctx, networkloadbalancer.CreateNetworkLoadBalancerRequest{
				CreateNetworkLoadBalancerDetails: d, OpcRetryToken: &token})
			return &r.NetworkLoadBalancer, ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		Update: w.update,
		Delete: func(ctx context.Context, id string) (string, error) {
			r, err := c.DeleteNetworkLoadBalancer(ctx, networkloadbalancer.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id})
			return ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		WorkRequest: w.look,
		Meta: func(n *networkloadbalancer.NetworkLoadBalancer) svc.Meta {
			return svc.Meta{ID: n.Id, State: string(n.LifecycleState), Tags: n.FreeformTags}
		},
	}
}

// workRequests makes the calls of network load balancers beyond the load balancer itself.
type workRequests struct {
	c           Client
	compartment string
}

// update makes the one call the Update names.
func (w workRequests) update(ctx context.Context, id string, u Update) (string, error) {
	switch {
	case u.Listener != nil:
		r, err := w.c.UpdateListener(clients.WithOperation(ctx, "UpdateListener"), networkloadbalancer.UpdateListenerRequest{
			NetworkLoadBalancerId: &id, ListenerName: ptr.To(ListenerName), UpdateListenerDetails: *u.Listener})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.HealthChecker != nil:
		r, err := w.c.UpdateHealthChecker(clients.WithOperation(ctx, "UpdateHealthChecker"), networkloadbalancer.UpdateHealthCheckerRequest{
			NetworkLoadBalancerId: &id, BackendSetName: ptr.To(BackendSetName), UpdateHealthCheckerDetails: *u.HealthChecker})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.NetworkLoadBalancer != nil:
		r, err := w.c.UpdateNetworkLoadBalancer(clients.WithOperation(ctx, "UpdateNetworkLoadBalancer"), networkloadbalancer.UpdateNetworkLoadBalancerRequest{
			NetworkLoadBalancerId: &id, UpdateNetworkLoadBalancerDetails: *u.NetworkLoadBalancer})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	}
	return "", errors.New("updating a network load balancer with an update that names no change")
}

// look looks once at a work request.
func (w workRequests) look(ctx context.Context, id string) (bool, string, error) {
	return LookAtWorkRequest(ctx, w.c, w.compartment, id)
}

// WorkRequestClient is the part of the SDK's NetworkLoadBalancerClient that reads work requests.
type WorkRequestClient interface {
	GetWorkRequest(ctx context.Context, req networkloadbalancer.GetWorkRequestRequest) (networkloadbalancer.GetWorkRequestResponse, error)
	ListWorkRequestErrors(ctx context.Context, req networkloadbalancer.ListWorkRequestErrorsRequest) (networkloadbalancer.ListWorkRequestErrorsResponse, error)
}

// LookAtWorkRequest looks once at a network load balancer's work request: done when it succeeded, failed with its errors' messages when it failed or
// was canceled.
func LookAtWorkRequest(ctx context.Context, c WorkRequestClient, compartment, id string) (bool, string, error) {
	r, err := c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), networkloadbalancer.GetWorkRequestRequest{WorkRequestId: &id})
	if err != nil {
		return false, "", err
	}
	switch r.Status {
	case networkloadbalancer.OperationStatusSucceeded:
		return true, "", nil
	case networkloadbalancer.OperationStatusFailed:
		return false, failure(ctx, c, compartment, id, r.OperationType), nil
	case networkloadbalancer.OperationStatusCanceled:
		return false, fmt.Sprintf("%s was canceled", r.OperationType), nil
	default:
		return false, "", nil
	}
}

// failure says why a work request failed, from its listed errors.
func failure(ctx context.Context, c WorkRequestClient, compartment, id string, op networkloadbalancer.OperationTypeEnum) string {
	errs, err := ociutil.ListAll(clients.WithOperation(ctx, "ListWorkRequestErrors"),
		func(ctx context.Context, page *string) ([]networkloadbalancer.WorkRequestError, *string, error) {
			r, err := c.ListWorkRequestErrors(ctx, networkloadbalancer.ListWorkRequestErrorsRequest{
				WorkRequestId: &id, CompartmentId: &compartment, Page: page})
			return r.Items, r.OpcNextPage, err
		})
	if err != nil {
		return fmt.Sprintf("%s failed (its errors could not be listed: %v)", op, err)
	}
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, fmt.Sprintf("%s: %s", ptr.Deref(e.Code, ""), ptr.Deref(e.Message, "")))
	}
	if len(msgs) == 0 {
		return fmt.Sprintf("%s failed", op)
	}
	return fmt.Sprintf("%s failed: %s", op, strings.Join(msgs, "; "))
}
