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

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
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

// adapter runs network load balancers for the engine. It lives for one Reconcile or Delete and remembers the load
// balancer it last read, for the control plane endpoint.
type adapter struct {
	c           Client
	compartment string
	identifier  string
	seen        *networkloadbalancer.NetworkLoadBalancer
}

var _ async.Client[networkloadbalancer.NetworkLoadBalancer] = (*adapter)(nil)

func newAdapter(c Client, compartment, identifier string) *adapter {
	return &adapter{c: c, compartment: compartment, identifier: identifier}
}

func (a *adapter) Get(ctx context.Context, id string) (*networkloadbalancer.NetworkLoadBalancer, error) {
	r, err := a.c.GetNetworkLoadBalancer(clients.WithOperation(ctx, "GetNetworkLoadBalancer"),
		networkloadbalancer.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id})
	if err != nil {
		return nil, err
	}
	a.seen = &r.NetworkLoadBalancer
	return a.seen, nil
}

// Find lists the compartment's network load balancers of the spec's name and returns the one this cluster owns,
// if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[networkloadbalancer.NetworkLoadBalancer]) (*networkloadbalancer.NetworkLoadBalancer, error) {
	sp, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("finding a network load balancer of a %T", spec)
	}
	name := sp.Name()
	items, err := ociutil.ListAll(clients.WithOperation(ctx, "ListNetworkLoadBalancers"),
		func(ctx context.Context, page *string) ([]networkloadbalancer.NetworkLoadBalancerSummary, *string, error) {
			r, err := a.c.ListNetworkLoadBalancers(ctx, networkloadbalancer.ListNetworkLoadBalancersRequest{
				CompartmentId: &a.compartment, DisplayName: &name, Page: page})
			return r.Items, r.OpcNextPage, err
		})
	if err != nil {
		return nil, err
	}
	for i := range items {
		if svc.Owns(items[i].FreeformTags, a.identifier) && items[i].LifecycleState != networkloadbalancer.LifecycleStateDeleted {
			n := networkloadbalancer.NetworkLoadBalancer(items[i])
			a.seen = &n
			return a.seen, nil
		}
	}
	return nil, nil
}

func (a *adapter) Create(ctx context.Context, details any, token string) (*networkloadbalancer.NetworkLoadBalancer, string, error) {
	d, ok := details.(networkloadbalancer.CreateNetworkLoadBalancerDetails)
	if !ok {
		return nil, "", fmt.Errorf("creating a network load balancer from a %T", details)
	}
	r, err := a.c.CreateNetworkLoadBalancer(clients.WithOperation(ctx, "CreateNetworkLoadBalancer"),
		networkloadbalancer.CreateNetworkLoadBalancerRequest{CreateNetworkLoadBalancerDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.NetworkLoadBalancer, ptr.Deref(r.OpcWorkRequestId, ""), nil
}

// Update makes the one call the Update names.
func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	u, ok := details.(Update)
	if !ok {
		return "", fmt.Errorf("updating a network load balancer with a %T", details)
	}
	switch {
	case u.Listener != nil:
		r, err := a.c.UpdateListener(clients.WithOperation(ctx, "UpdateListener"), networkloadbalancer.UpdateListenerRequest{
			NetworkLoadBalancerId: &id, ListenerName: ptr.To(ListenerName), UpdateListenerDetails: *u.Listener})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.HealthChecker != nil:
		r, err := a.c.UpdateHealthChecker(clients.WithOperation(ctx, "UpdateHealthChecker"), networkloadbalancer.UpdateHealthCheckerRequest{
			NetworkLoadBalancerId: &id, BackendSetName: ptr.To(BackendSetName), UpdateHealthCheckerDetails: *u.HealthChecker})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.NetworkLoadBalancer != nil:
		r, err := a.c.UpdateNetworkLoadBalancer(clients.WithOperation(ctx, "UpdateNetworkLoadBalancer"),
			networkloadbalancer.UpdateNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id, UpdateNetworkLoadBalancerDetails: *u.NetworkLoadBalancer})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	}
	return "", errors.New("updating a network load balancer with an update that names no change")
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	r, err := a.c.DeleteNetworkLoadBalancer(clients.WithOperation(ctx, "DeleteNetworkLoadBalancer"),
		networkloadbalancer.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id})
	return ptr.Deref(r.OpcWorkRequestId, ""), err
}

func (a *adapter) Observe(n *networkloadbalancer.NetworkLoadBalancer) async.Observed {
	return async.Observed{ID: ptr.Deref(n.Id, ""), State: string(n.LifecycleState),
		Phase: svc.PhaseOf(string(n.LifecycleState)), Foreign: !svc.Owns(n.FreeformTags, a.identifier)}
}

// WorkRequest looks once at a work request: done when it succeeded, failed with its errors' messages when it
// failed or was canceled.
func (a *adapter) WorkRequest(ctx context.Context, id string) (bool, string, error) {
	r, err := a.c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), networkloadbalancer.GetWorkRequestRequest{WorkRequestId: &id})
	if err != nil {
		return false, "", err
	}
	switch r.Status {
	case networkloadbalancer.OperationStatusSucceeded:
		return true, "", nil
	case networkloadbalancer.OperationStatusFailed:
		return false, a.workRequestErrors(ctx, id, r.OperationType), nil
	case networkloadbalancer.OperationStatusCanceled:
		return false, fmt.Sprintf("%s was canceled", r.OperationType), nil
	default:
		return false, "", nil
	}
}

// workRequestErrors says why a work request failed, from its listed errors.
func (a *adapter) workRequestErrors(ctx context.Context, id string, op networkloadbalancer.OperationTypeEnum) string {
	errs, err := ociutil.ListAll(clients.WithOperation(ctx, "ListWorkRequestErrors"),
		func(ctx context.Context, page *string) ([]networkloadbalancer.WorkRequestError, *string, error) {
			r, err := a.c.ListWorkRequestErrors(ctx, networkloadbalancer.ListWorkRequestErrorsRequest{
				WorkRequestId: &id, CompartmentId: &a.compartment, Page: page})
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
