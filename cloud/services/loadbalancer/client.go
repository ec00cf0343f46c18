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

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
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

// kind is the load balancers of the compartment, for the engine.
func kind(c Client, compartment string) svc.Kind[lbaas.LoadBalancer, lbaas.CreateLoadBalancerDetails, Update] {
	w := workRequests{c: c}
	return svc.Kind[lbaas.LoadBalancer, lbaas.CreateLoadBalancerDetails, Update]{
		Noun: "LoadBalancer",
		Get: func(ctx context.Context, id string) (*lbaas.LoadBalancer, error) {
			r, err := c.GetLoadBalancer(ctx, lbaas.GetLoadBalancerRequest{LoadBalancerId: &id})
			return &r.LoadBalancer, err
		},
		List: func(ctx context.Context, name, page *string) ([]lbaas.LoadBalancer, *string, error) {
			r, err := c.ListLoadBalancers(ctx, lbaas.ListLoadBalancersRequest{CompartmentId: &compartment, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: w.create,
		Update: w.update,
		Delete: func(ctx context.Context, id string) (string, error) {
			r, err := c.DeleteLoadBalancer(ctx, lbaas.DeleteLoadBalancerRequest{LoadBalancerId: &id})
			return ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		WorkRequest: w.look,
		Meta: func(lb *lbaas.LoadBalancer) svc.Meta {
			return svc.Meta{ID: lb.Id, State: string(lb.LifecycleState), Tags: lb.FreeformTags}
		},
	}
}

// workRequests makes the calls of load balancers whose answers are work requests.
type workRequests struct {
	c Client
}

// create sends the create, whose answer holds no load balancer: its OCID is read from the work request, so that
// it is recorded at once. When that read fails, the load balancer is found by name and tags once the work request
// is done.
func (w workRequests) create(ctx context.Context, d lbaas.CreateLoadBalancerDetails, token string) (*lbaas.LoadBalancer, string, error) {
	r, err := w.c.CreateLoadBalancer(ctx, lbaas.CreateLoadBalancerRequest{CreateLoadBalancerDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	wr := ptr.Deref(r.OpcWorkRequestId, "")
	if wr == "" {
		return nil, "", nil
	}
	q, err := w.c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), lbaas.GetWorkRequestRequest{WorkRequestId: &wr})
	if err != nil || ptr.Deref(q.LoadBalancerId, "") == "" {
		return nil, wr, nil //nolint:nilerr // the create succeeded; the OCID is learned later
	}
	return &lbaas.LoadBalancer{Id: q.LoadBalancerId, DisplayName: d.DisplayName, CompartmentId: d.CompartmentId,
		LifecycleState: lbaas.LoadBalancerLifecycleStateCreating, FreeformTags: d.FreeformTags, DefinedTags: d.DefinedTags}, wr, nil
}

// update makes the one call the Update names.
func (w workRequests) update(ctx context.Context, id string, u Update) (string, error) {
	switch {
	case u.Listener != nil:
		r, err := w.c.UpdateListener(clients.WithOperation(ctx, "UpdateListener"), lbaas.UpdateListenerRequest{
			LoadBalancerId: &id, ListenerName: ptr.To(ListenerName), UpdateListenerDetails: *u.Listener})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.HealthChecker != nil:
		r, err := w.c.UpdateHealthChecker(clients.WithOperation(ctx, "UpdateHealthChecker"), lbaas.UpdateHealthCheckerRequest{
			LoadBalancerId: &id, BackendSetName: ptr.To(BackendSetName), UpdateHealthCheckerDetails: *u.HealthChecker})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.LoadBalancer != nil:
		r, err := w.c.UpdateLoadBalancer(clients.WithOperation(ctx, "UpdateLoadBalancer"),
			lbaas.UpdateLoadBalancerRequest{LoadBalancerId: &id, UpdateLoadBalancerDetails: *u.LoadBalancer})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	}
	return "", errors.New("updating a load balancer with an update that names no change")
}

// look looks once at a work request.
func (w workRequests) look(ctx context.Context, id string) (bool, string, error) {
	return LookAtWorkRequest(ctx, w.c, id)
}

// WorkRequestClient is the part of the SDK's LoadBalancerClient that reads work requests.
type WorkRequestClient interface {
	GetWorkRequest(ctx context.Context, req lbaas.GetWorkRequestRequest) (lbaas.GetWorkRequestResponse, error)
}

// LookAtWorkRequest looks once at a load balancer's work request: done when it succeeded, failed with its errors' messages when it failed.
func LookAtWorkRequest(ctx context.Context, c WorkRequestClient, id string) (bool, string, error) {
	r, err := c.GetWorkRequest(clients.WithOperation(ctx, "GetWorkRequest"), lbaas.GetWorkRequestRequest{WorkRequestId: &id})
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
