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

package loadbalancer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's LoadBalancerClient the service calls; loadbalancer.LoadBalancerClient is one.
type Client interface {
	GetLoadBalancer(ctx context.Context, req lbaas.GetLoadBalancerRequest) (lbaas.GetLoadBalancerResponse, error)
	ListLoadBalancers(ctx context.Context, req lbaas.ListLoadBalancersRequest) (lbaas.ListLoadBalancersResponse, error)
	CreateLoadBalancer(ctx context.Context, req lbaas.CreateLoadBalancerRequest) (lbaas.CreateLoadBalancerResponse, error)
	UpdateLoadBalancer(ctx context.Context, req lbaas.UpdateLoadBalancerRequest) (lbaas.UpdateLoadBalancerResponse, error)
	UpdateListener(ctx context.Context, req lbaas.UpdateListenerRequest) (lbaas.UpdateListenerResponse, error)
	UpdateHealthChecker(ctx context.Context, req lbaas.UpdateHealthCheckerRequest) (lbaas.UpdateHealthCheckerResponse, error)
	DeleteLoadBalancer(ctx context.Context, req lbaas.DeleteLoadBalancerRequest) (lbaas.DeleteLoadBalancerResponse, error)
	GetWorkRequest(ctx context.Context, req lbaas.GetWorkRequestRequest) (lbaas.GetWorkRequestResponse, error)
}

// adapter runs load balancers for the engine. It lives for one Reconcile or Delete and remembers the load
// balancer it last read, for the control plane endpoint.
type adapter struct {
	c           Client
	compartment string
	identifier  string
	seen        *lbaas.LoadBalancer
}

var _ async.Client[lbaas.LoadBalancer] = (*adapter)(nil)

func newAdapter(c Client, compartment, identifier string) *adapter {
	return &adapter{c: c, compartment: compartment, identifier: identifier}
}

func (a *adapter) Get(ctx context.Context, id string) (*lbaas.LoadBalancer, error) {
	r, err := a.c.GetLoadBalancer(clients.WithOperation(ctx, "GetLoadBalancer"), lbaas.GetLoadBalancerRequest{LoadBalancerId: &id})
	if err != nil {
		return nil, err
	}
	a.seen = &r.LoadBalancer
	return a.seen, nil
}

// Find lists the compartment's load balancers of the spec's name and returns the one this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[lbaas.LoadBalancer]) (*lbaas.LoadBalancer, error) {
	sp, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("finding a load balancer of a %T", spec)
	}
	name := sp.Name()
	items, err := ociutil.ListAll(clients.WithOperation(ctx, "ListLoadBalancers"),
		func(ctx context.Context, page *string) ([]lbaas.LoadBalancer, *string, error) {
			r, err := a.c.ListLoadBalancers(ctx, lbaas.ListLoadBalancersRequest{CompartmentId: &a.compartment, DisplayName: &name, Page: page})
			return r.Items, r.OpcNextPage, err
		})
	if err != nil {
		return nil, err
	}
	for i := range items {
		if svc.Owns(items[i].FreeformTags, a.identifier) && items[i].LifecycleState != lbaas.LoadBalancerLifecycleStateDeleted {
			a.seen = &items[i]
			return a.seen, nil
		}
	}
	return nil, nil
}

// Create sends the create, whose answer holds no load balancer: its OCID is read from the work request, so that
// it is recorded at once. When that read fails, the load balancer is found by name and tags once the work request
// is done.
func (a *adapter) Create(ctx context.Context, details any, token string) (*lbaas.LoadBalancer, string, error) {
	d, ok := details.(lbaas.CreateLoadBalancerDetails)
	if !ok {
		return nil, "", fmt.Errorf("creating a load balancer from a %T", details)
	}
	r, err := a.c.CreateLoadBalancer(clients.WithOperation(ctx, "CreateLoadBalancer"),
		lbaas.CreateLoadBalancerRequest{CreateLoadBalancerDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	wr := ptr.Deref(r.OpcWorkRequestId, "")
	if wr == "" {
		return nil, "", nil
	}
	w, err := a.c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), lbaas.GetWorkRequestRequest{WorkRequestId: &wr})
	if err != nil || ptr.Deref(w.LoadBalancerId, "") == "" {
		return nil, wr, nil //nolint:nilerr // the create succeeded; the OCID is learned later
	}
	return &lbaas.LoadBalancer{Id: w.LoadBalancerId, DisplayName: d.DisplayName, CompartmentId: d.CompartmentId,
		LifecycleState: lbaas.LoadBalancerLifecycleStateCreating, FreeformTags: d.FreeformTags, DefinedTags: d.DefinedTags}, wr, nil
}

// Update makes the one call the Update names.
func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	u, ok := details.(Update)
	if !ok {
		return "", fmt.Errorf("updating a load balancer with a %T", details)
	}
	switch {
	case u.Listener != nil:
		r, err := a.c.UpdateListener(clients.WithOperation(ctx, "UpdateListener"), lbaas.UpdateListenerRequest{
			LoadBalancerId: &id, ListenerName: ptr.To(ListenerName), UpdateListenerDetails: *u.Listener})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.HealthChecker != nil:
		r, err := a.c.UpdateHealthChecker(clients.WithOperation(ctx, "UpdateHealthChecker"), lbaas.UpdateHealthCheckerRequest{
			LoadBalancerId: &id, BackendSetName: ptr.To(BackendSetName), UpdateHealthCheckerDetails: *u.HealthChecker})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.LoadBalancer != nil:
		r, err := a.c.UpdateLoadBalancer(clients.WithOperation(ctx, "UpdateLoadBalancer"),
			lbaas.UpdateLoadBalancerRequest{LoadBalancerId: &id, UpdateLoadBalancerDetails: *u.LoadBalancer})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	}
	return "", errors.New("updating a load balancer with an update that names no change")
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	r, err := a.c.DeleteLoadBalancer(clients.WithOperation(ctx, "DeleteLoadBalancer"), lbaas.DeleteLoadBalancerRequest{LoadBalancerId: &id})
	return ptr.Deref(r.OpcWorkRequestId, ""), err
}

func (a *adapter) Observe(lb *lbaas.LoadBalancer) async.Observed {
	return async.Observed{ID: ptr.Deref(lb.Id, ""), State: string(lb.LifecycleState),
		Phase: svc.PhaseOf(string(lb.LifecycleState)), Foreign: !svc.Owns(lb.FreeformTags, a.identifier)}
}

// WorkRequest looks once at a work request: done when it succeeded, failed with its errors' messages when it
// failed.
func (a *adapter) WorkRequest(ctx context.Context, id string) (bool, string, error) {
	r, err := a.c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), lbaas.GetWorkRequestRequest{WorkRequestId: &id})
	if err != nil {
		return false, "", err
	}
	switch r.LifecycleState {
	case lbaas.WorkRequestLifecycleStateSucceeded:
		return true, "", nil
	case lbaas.WorkRequestLifecycleStateFailed:
		msgs := make([]string, 0, len(r.ErrorDetails))
		for _, e := range r.ErrorDetails {
			msgs = append(msgs, fmt.Sprintf("%s: %s", e.ErrorCode, ptr.Deref(e.Message, "")))
		}
		if len(msgs) == 0 {
			msgs = append(msgs, ptr.Deref(r.Message, "no error given"))
		}
		return false, fmt.Sprintf("%s failed: %s", ptr.Deref(r.Type, "the operation"), strings.Join(msgs, "; ")), nil
	default:
		return false, "", nil
	}
}
