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

package natgateway

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

// Client is the part of the SDK's VirtualNetworkClient the NAT gateway service calls;
// core.VirtualNetworkClient is one.
type Client interface {
	GetNatGateway(ctx context.Context, req core.GetNatGatewayRequest) (core.GetNatGatewayResponse, error)
	ListNatGateways(ctx context.Context, req core.ListNatGatewaysRequest) (core.ListNatGatewaysResponse, error)
	CreateNatGateway(ctx context.Context, req core.CreateNatGatewayRequest) (core.CreateNatGatewayResponse, error)
	UpdateNatGateway(ctx context.Context, req core.UpdateNatGatewayRequest) (core.UpdateNatGatewayResponse, error)
	DeleteNatGateway(ctx context.Context, req core.DeleteNatGatewayRequest) (core.DeleteNatGatewayResponse, error)
}

// adapter runs NAT gateways for the engine. Its reads by ID are served by one list of the VCN's gateways.
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	snap        *svc.Snapshot[core.NatGateway]
}

var _ async.Client[core.NatGateway] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.NatGateway, error) { return a.list(ctx, nil) },
		func(g *core.NatGateway) string { return ptr.Deref(g.Id, "") })
	return a
}

// list lists the compartment's NAT gateways in the VCN, of the name when one is given.
func (a *adapter) list(ctx context.Context, name *string) ([]core.NatGateway, error) {
	req := core.ListNatGatewaysRequest{CompartmentId: &a.compartment, DisplayName: name}
	if a.vcnID != "" {
		req.VcnId = &a.vcnID
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListNatGateways"),
		func(ctx context.Context, page *string) ([]core.NatGateway, *string, error) {
			req.Page = page
			r, err := a.c.ListNatGateways(ctx, req)
			return r.Items, r.OpcNextPage, err
		})
}

func (a *adapter) Get(ctx context.Context, id string) (*core.NatGateway, error) {
	return svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.NatGateway, error) {
		r, err := a.c.GetNatGateway(clients.WithOperation(ctx, "GetNatGateway"), core.GetNatGatewayRequest{NatGatewayId: &id})
		if err != nil {
			return nil, err
		}
		return &r.NatGateway, nil
	})
}

// Find lists the VCN's NAT gateways of the spec's name and returns the one this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[core.NatGateway]) (*core.NatGateway, error) {
	own, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("finding the NatGateway: the spec is a %T, not *Spec", spec)
	}
	name := own.Name()
	gateways, err := a.list(ctx, ptr.To(name))
	if err != nil {
		return nil, err
	}
	for i := range gateways {
		if svc.Owns(gateways[i].FreeformTags, a.identifier) &&
			gateways[i].LifecycleState != core.NatGatewayLifecycleStateTerminated {
			return &gateways[i], nil
		}
	}
	return nil, nil
}

func (a *adapter) Create(ctx context.Context, details any, token string) (*core.NatGateway, string, error) {
	d, ok := details.(core.CreateNatGatewayDetails)
	if !ok {
		return nil, "", fmt.Errorf("CreateNatGateway: the request body is a %T, not core.CreateNatGatewayDetails", details)
	}
	r, err := a.c.CreateNatGateway(clients.WithOperation(ctx, "CreateNatGateway"),
		core.CreateNatGatewayRequest{CreateNatGatewayDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.NatGateway, "", nil
}

func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, ok := details.(core.UpdateNatGatewayDetails)
	if !ok {
		return "", fmt.Errorf("UpdateNatGateway: the request body is a %T, not core.UpdateNatGatewayDetails", details)
	}
	_, err := a.c.UpdateNatGateway(clients.WithOperation(ctx, "UpdateNatGateway"),
		core.UpdateNatGatewayRequest{NatGatewayId: &id, UpdateNatGatewayDetails: d})
	return "", err
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteNatGateway(clients.WithOperation(ctx, "DeleteNatGateway"),
		core.DeleteNatGatewayRequest{NatGatewayId: &id})
	return "", err
}

func (a *adapter) Observe(g *core.NatGateway) async.Observed {
	return async.Observed{ID: ptr.Deref(g.Id, ""), State: string(g.LifecycleState),
		Phase: svc.PhaseOf(string(g.LifecycleState)), Foreign: !svc.Owns(g.FreeformTags, a.identifier)}
}

// WorkRequest is never called: NAT gateway operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
