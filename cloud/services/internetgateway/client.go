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

package internetgateway

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

// Client is the part of the SDK's VirtualNetworkClient the internet gateway service calls;
// core.VirtualNetworkClient is one.
type Client interface {
	GetInternetGateway(ctx context.Context, req core.GetInternetGatewayRequest) (core.GetInternetGatewayResponse, error)
	ListInternetGateways(ctx context.Context, req core.ListInternetGatewaysRequest) (core.ListInternetGatewaysResponse, error)
	CreateInternetGateway(ctx context.Context, req core.CreateInternetGatewayRequest) (core.CreateInternetGatewayResponse, error)
	UpdateInternetGateway(ctx context.Context, req core.UpdateInternetGatewayRequest) (core.UpdateInternetGatewayResponse, error)
	DeleteInternetGateway(ctx context.Context, req core.DeleteInternetGatewayRequest) (core.DeleteInternetGatewayResponse, error)
}

// adapter runs internet gateways for the engine. Its reads by ID are served by one list of the VCN's gateways.
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	snap        *svc.Snapshot[core.InternetGateway]
}

var _ async.Client[core.InternetGateway] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.InternetGateway, error) { return a.list(ctx, nil) },
		func(g *core.InternetGateway) string { return ptr.Deref(g.Id, "") })
	return a
}

// list lists the compartment's internet gateways in the VCN, of the name when one is given.
func (a *adapter) list(ctx context.Context, name *string) ([]core.InternetGateway, error) {
	req := core.ListInternetGatewaysRequest{CompartmentId: &a.compartment, DisplayName: name}
	if a.vcnID != "" {
		req.VcnId = &a.vcnID
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListInternetGateways"),
		func(ctx context.Context, page *string) ([]core.InternetGateway, *string, error) {
			req.Page = page
			r, err := a.c.ListInternetGateways(ctx, req)
			return r.Items, r.OpcNextPage, err
		})
}

func (a *adapter) Get(ctx context.Context, id string) (*core.InternetGateway, error) {
	return svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.InternetGateway, error) {
		r, err := a.c.GetInternetGateway(clients.WithOperation(ctx, "GetInternetGateway"), core.GetInternetGatewayRequest{IgId: &id})
		if err != nil {
			return nil, err
		}
		return &r.InternetGateway, nil
	})
}

// Find lists the VCN's internet gateways of the spec's name and returns the one this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[core.InternetGateway]) (*core.InternetGateway, error) {
	own, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("finding the InternetGateway: the spec is a %T, not *Spec", spec)
	}
	name := own.Name()
	gateways, err := a.list(ctx, ptr.To(name))
	if err != nil {
		return nil, err
	}
	for i := range gateways {
		if svc.Owns(gateways[i].FreeformTags, a.identifier) &&
			gateways[i].LifecycleState != core.InternetGatewayLifecycleStateTerminated {
			return &gateways[i], nil
		}
	}
	return nil, nil
}

func (a *adapter) Create(ctx context.Context, details any, token string) (*core.InternetGateway, string, error) {
	d, ok := details.(core.CreateInternetGatewayDetails)
	if !ok {
		return nil, "", fmt.Errorf("CreateInternetGateway: the request body is a %T, not core.CreateInternetGatewayDetails", details)
	}
	r, err := a.c.CreateInternetGateway(clients.WithOperation(ctx, "CreateInternetGateway"),
		core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.InternetGateway, "", nil
}

func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, ok := details.(core.UpdateInternetGatewayDetails)
	if !ok {
		return "", fmt.Errorf("UpdateInternetGateway: the request body is a %T, not core.UpdateInternetGatewayDetails", details)
	}
	_, err := a.c.UpdateInternetGateway(clients.WithOperation(ctx, "UpdateInternetGateway"),
		core.UpdateInternetGatewayRequest{IgId: &id, UpdateInternetGatewayDetails: d})
	return "", err
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteInternetGateway(clients.WithOperation(ctx, "DeleteInternetGateway"),
		core.DeleteInternetGatewayRequest{IgId: &id})
	return "", err
}

func (a *adapter) Observe(g *core.InternetGateway) async.Observed {
	return async.Observed{ID: ptr.Deref(g.Id, ""), State: string(g.LifecycleState),
		Phase: svc.PhaseOf(string(g.LifecycleState)), Foreign: !svc.Owns(g.FreeformTags, a.identifier)}
}

// WorkRequest is never called: internet gateway operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
