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

package lbbackend

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// NLBClient is the part of the SDK's NetworkLoadBalancerClient the service calls.
type NLBClient interface {
	GetNetworkLoadBalancer(ctx context.Context, req networkloadbalancer.GetNetworkLoadBalancerRequest) (networkloadbalancer.GetNetworkLoadBalancerResponse, error)
	CreateBackend(ctx context.Context, req networkloadbalancer.CreateBackendRequest) (networkloadbalancer.CreateBackendResponse, error)
	DeleteBackend(ctx context.Context, req networkloadbalancer.DeleteBackendRequest) (networkloadbalancer.DeleteBackendResponse, error)
	nlb.WorkRequestClient
}

// LBClient is the part of the SDK's LoadBalancerClient the service calls.
type LBClient interface {
	GetLoadBalancer(ctx context.Context, req lbaas.GetLoadBalancerRequest) (lbaas.GetLoadBalancerResponse, error)
	CreateBackend(ctx context.Context, req lbaas.CreateBackendRequest) (lbaas.CreateBackendResponse, error)
	DeleteBackend(ctx context.Context, req lbaas.DeleteBackendRequest) (lbaas.DeleteBackendResponse, error)
	loadbalancer.WorkRequestClient
}

// duplicate reports whether err is the 409 of a backend that is already in the set: the create is in place.
func duplicate(err error) bool {
	var se common.ServiceError
	return errors.As(err, &se) && se.GetHTTPStatusCode() == http.StatusConflict && strings.Contains(se.GetMessage(), "Duplicate backend")
}

// found returns the backend named name, gone when it is not among names.
func found(name string, names []string) *Backend {
	for _, n := range names {
		if n == name {
			return &Backend{Name: name}
		}
	}
	return &Backend{Name: name, Gone: true}
}

// find looks the spec's backend up by its name with get: nil when the set has none of that name.
func find(ctx context.Context, get func(context.Context, string) (*Backend, error), spec async.Spec[Backend]) (*Backend, error) {
	named, err := svc.Body[interface{ Name() string }]("finding the backend", spec)
	if err != nil {
		return nil, err
	}
	b, err := get(ctx, named.Name())
	if err != nil || b.Gone {
		return nil, err
	}
	return b, nil
}

// observe is what the engine reads of a backend: it has no tags, and the machine owns its own backend.
func observe(b *Backend) async.Observed {
	o := async.Observed{ID: b.Name, Phase: async.Ready}
	if b.Gone {
		o.Phase = async.Gone
	}
	return o
}

// nlbClient runs a network load balancer's backends for the engine; a backend is read from the load balancer.
type nlbClient struct {
	c           NLBClient
	lbID        string
	compartment string
}

func (n *nlbClient) Get(ctx context.Context, name string) (*Backend, error) {
	r, err := n.c.GetNetworkLoadBalancer(clients.WithOperation(ctx, "GetNetworkLoadBalancer"),
		networkloadbalancer.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: &n.lbID})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, b := range r.BackendSets[BackendSetName].Backends {
		names = append(names, ptr.Deref(b.Name, ""))
	}
	return found(name, names), nil
}

func (n *nlbClient) Find(ctx context.Context, spec async.Spec[Backend]) (*Backend, error) {
	return find(ctx, n.Get, spec)
}

func (n *nlbClient) Create(ctx context.Context, details any, token string) (*Backend, string, error) {
	d, err := svc.Body[Details]("CreateBackend", details)
	if err != nil {
		return nil, "", err
	}
	r, err := n.c.CreateBackend(clients.WithOperation(ctx, "CreateBackend"), networkloadbalancer.CreateBackendRequest{
		NetworkLoadBalancerId: &n.lbID, BackendSetName: ptr.To(BackendSetName), OpcRetryToken: &token,
		CreateBackendDetails: networkloadbalancer.CreateBackendDetails{Name: &d.Name, IpAddress: &d.IP, Port: &d.Port}})
	if duplicate(err) {
		return &Backend{Name: d.Name}, "", nil
	}
	return &Backend{Name: d.Name}, ptr.Deref(r.OpcWorkRequestId, ""), err
}

func (n *nlbClient) Update(context.Context, string, any) (string, error) { return "", nil }

func (n *nlbClient) Delete(ctx context.Context, name string) (string, error) {
	r, err := n.c.DeleteBackend(clients.WithOperation(ctx, "DeleteBackend"), networkloadbalancer.DeleteBackendRequest{
		NetworkLoadBalancerId: &n.lbID, BackendSetName: ptr.To(BackendSetName), BackendName: &name})
	return ptr.Deref(r.OpcWorkRequestId, ""), err
}

func (n *nlbClient) Observe(b *Backend) async.Observed { return observe(b) }

func (n *nlbClient) WorkRequest(ctx context.Context, id string) (bool, string, error) {
	return nlb.LookAtWorkRequest(ctx, n.c, n.compartment, id)
}

// lbClient runs a load balancer's backends for the engine; a backend is read from the load balancer.
type lbClient struct {
	c    LBClient
	lbID string
}

func (l *lbClient) Get(ctx context.Context, name string) (*Backend, error) {
	r, err := l.c.GetLoadBalancer(clients.WithOperation(ctx, "GetLoadBalancer"), lbaas.GetLoadBalancerRequest{LoadBalancerId: &l.lbID})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, b := range r.BackendSets[BackendSetName].Backends {
		names = append(names, ptr.Deref(b.Name, ""))
	}
	return found(name, names), nil
}

func (l *lbClient) Find(ctx context.Context, spec async.Spec[Backend]) (*Backend, error) {
	return find(ctx, l.Get, spec)
}

func (l *lbClient) Create(ctx context.Context, details any, token string) (*Backend, string, error) {
	d, err := svc.Body[Details]("CreateBackend", details)
	if err != nil {
		return nil, "", err
	}
	r, err := l.c.CreateBackend(clients.WithOperation(ctx, "CreateBackend"), lbaas.CreateBackendRequest{
		LoadBalancerId: &l.lbID, BackendSetName: ptr.To(BackendSetName), OpcRetryToken: &token,
		CreateBackendDetails: lbaas.CreateBackendDetails{IpAddress: &d.IP, Port: &d.Port}})
	if duplicate(err) {
		return &Backend{Name: d.Name}, "", nil
	}
	return &Backend{Name: d.Name}, ptr.Deref(r.OpcWorkRequestId, ""), err
}

func (l *lbClient) Update(context.Context, string, any) (string, error) { return "", nil }

func (l *lbClient) Delete(ctx context.Context, name string) (string, error) {
	r, err := l.c.DeleteBackend(clients.WithOperation(ctx, "DeleteBackend"), lbaas.DeleteBackendRequest{
		LoadBalancerId: &l.lbID, BackendSetName: ptr.To(BackendSetName), BackendName: &name})
	return ptr.Deref(r.OpcWorkRequestId, ""), err
}

func (l *lbClient) Observe(b *Backend) async.Observed { return observe(b) }

func (l *lbClient) WorkRequest(ctx context.Context, id string) (bool, string, error) {
	return loadbalancer.LookAtWorkRequest(ctx, l.c, id)
}
