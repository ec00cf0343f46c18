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

	"github.com/oracle/oci-go-sdk/v65/core"

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

// kind is the NAT gateways of the VCN with vcnID (of the compartment when vcnID is ""), for the engine. Its
// reads by ID are served by one list of the VCN's gateways; its calls are synchronous.
func kind(c Client, compartment, vcnID string) svc.Kind[core.NatGateway, core.CreateNatGatewayDetails, core.UpdateNatGatewayDetails] {
	return svc.Kind[core.NatGateway, core.CreateNatGatewayDetails, core.UpdateNatGatewayDetails]{
		Noun: "NatGateway", Snapshot: true,
		Get: func(ctx context.Context, id string) (*core.NatGateway, error) {
			r, err := c.GetNatGateway(ctx, core.GetNatGatewayRequest{NatGatewayId: &id})
			return &r.NatGateway, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.NatGateway, *string, error) {
			r, err := c.ListNatGateways(ctx, core.ListNatGatewaysRequest{CompartmentId: &compartment,
				VcnId: svc.StringOrNil(vcnID), DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateNatGatewayDetails, token string) (*core.NatGateway, string, error) {
			r, err := c.CreateNatGateway(ctx, core.CreateNatGatewayRequest{CreateNatGatewayDetails: d, OpcRetryToken: &token})
			return &r.NatGateway, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateNatGatewayDetails) (string, error) {
			_, err := c.UpdateNatGateway(ctx, core.UpdateNatGatewayRequest{NatGatewayId: &id, UpdateNatGatewayDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteNatGateway(ctx, core.DeleteNatGatewayRequest{NatGatewayId: &id})
			return "", err
		},
		Meta: func(g *core.NatGateway) svc.Meta {
			return svc.Meta{ID: g.Id, State: string(g.LifecycleState), Tags: g.FreeformTags}
		},
	}
}
