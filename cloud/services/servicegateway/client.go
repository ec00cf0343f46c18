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

package servicegateway

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the service gateway service calls;
// core.VirtualNetworkClient is one.
type Client interface {
	GetServiceGateway(ctx context.Context, req core.GetServiceGatewayRequest) (core.GetServiceGatewayResponse, error)
	ListServiceGateways(ctx context.Context, req core.ListServiceGatewaysRequest) (core.ListServiceGatewaysResponse, error)
	CreateServiceGateway(ctx context.Context, req core.CreateServiceGatewayRequest) (core.CreateServiceGatewayResponse, error)
	UpdateServiceGateway(ctx context.Context, req core.UpdateServiceGatewayRequest) (core.UpdateServiceGatewayResponse, error)
	DeleteServiceGateway(ctx context.Context, req core.DeleteServiceGatewayRequest) (core.DeleteServiceGatewayResponse, error)
}

// adapter runs service gateways for the engine. Its reads by ID are served by one list of the VCN's gateways.
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	snap        *svc.Snapshot[core.ServiceGateway]
}

var _ async.Client[core.ServiceGateway] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.ServiceGateway, error) { return a.list(ctx) },
		func(g *core.ServiceGateway) string { return ptr.Deref(g.Id, "") })
	return a
}

// list lists the compartment's service gateways in the VCN (OCI filters them by no name).
func (a *adapter) list(ctx context.Context) ([]core.ServiceGateway, error) {
	req := core.ListServiceGatewaysRequest{CompartmentId: &a.compartment}
	if a.vcnID != "" {
		req.VcnId = &a.vcnID
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListServiceGateways"),
		func(ctx context.Context, page *string) ([]core.ServiceGateway, *string, error) {
			req.Page = page
			r, err := a.c.ListServiceGateways(ctx, req)
			return r.Items, r.OpcNextPage, err
		})
}

func (a *adapter) Get(ctx context.Context, id string) (*core.ServiceGateway, error) {
	return svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.ServiceGateway, error) {
		r, err := a.c.GetServiceGateway(clients.WithOperation(ctx, "GetServiceGateway"), core.GetServiceGatewayRequest{ServiceGatewayId: &id})
		if err != nil {
			return nil, err
		}
		return &r.ServiceGateway, nil
	})
}

// Find lists the VCN's service gateways and returns the one of the spec's name this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[core.ServiceGateway]) (*core.ServiceGateway, error) {
	own, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("finding the ServiceGateway: the spec is a %T, not *Spec", spec)
	}
	name := own.Name()
	gateways, err := a.list(ctx)
	if err != nil {
		return nil, err
	}
	for i := range gateways {
		if ptr.Deref(gateways[i].DisplayName, "") == name && svc.Owns(gateways[i].FreeformTags, a.identifier) &&
			gateways[i].LifecycleState != core.ServiceGatewayLifecycleStateTerminated {
			return &gateways[i], nil
		}
	}
	return nil, nil
}

func (a *adapter) Create(ctx context.Context, details any, token string) (*core.ServiceGateway, string, error) {
	d, ok := details.(core.CreateServiceGatewayDetails)
	if !ok {
		return nil, "", fmt.Errorf("CreateServiceGateway: the request body is a %T, not core.CreateServiceGatewayDetails", details)
	}
	r, err := a.c.CreateServiceGateway(clients.WithOperation(ctx, "CreateServiceGateway"),
		core.CreateServiceGatewayRequest{CreateServiceGatewayDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.ServiceGateway, "", nil
}

func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, ok := details.(core.UpdateServiceGatewayDetails)
	if !ok {
		return "", fmt.Errorf("UpdateServiceGateway: the request body is a %T, not core.UpdateServiceGatewayDetails", details)
	}
	_, err := a.c.UpdateServiceGateway(clients.WithOperation(ctx, "UpdateServiceGateway"),
		core.UpdateServiceGatewayRequest{ServiceGatewayId: &id, UpdateServiceGatewayDetails: d})
	return "", err
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteServiceGateway(clients.WithOperation(ctx, "DeleteServiceGateway"),
		core.DeleteServiceGatewayRequest{ServiceGatewayId: &id})
	return "", err
}

func (a *adapter) Observe(g *core.ServiceGateway) async.Observed {
	return async.Observed{ID: ptr.Deref(g.Id, ""), State: string(g.LifecycleState),
		Phase: svc.PhaseOf(string(g.LifecycleState)), Foreign: !svc.Owns(g.FreeformTags, a.identifier)}
}

// WorkRequest is never called: service gateway operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
