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

	"github.com/oracle/oci-go-sdk/v65/core"

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

// kind is the internet gateways of the VCN with vcnID (of the compartment when vcnID is ""), for the engine. Its
// reads by ID are served by one list of the VCN's gateways; its calls are synchronous.
func kind(c Client, compartment, vcnID string) svc.Kind[core.InternetGateway, core.CreateInternetGatewayDetails, core.UpdateInternetGatewayDetails] {
	return svc.Kind[core.InternetGateway, core.CreateInternetGatewayDetails, core.UpdateInternetGatewayDetails]{
		Noun: "InternetGateway", Snapshot: true,
		Get: func(ctx context.Context, id string) (*core.InternetGateway, error) {
			r, err := c.GetInternetGateway(ctx, core.GetInternetGatewayRequest{IgId: &id})
			return &r.InternetGateway, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.InternetGateway, *string, error) {
			r, err := c.ListInternetGateways(ctx, core.ListInternetGatewaysRequest{CompartmentId: &compartment,
				VcnId: svc.StringOrNil(vcnID), DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateInternetGatewayDetails, token string) (*core.InternetGateway, string, error) {
			r, err := c.CreateInternetGateway(ctx, core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: d, OpcRetryToken: &token})
			return &r.InternetGateway, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateInternetGatewayDetails) (string, error) {
			_, err := c.UpdateInternetGateway(ctx, core.UpdateInternetGatewayRequest{IgId: &id, UpdateInternetGatewayDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteInternetGateway(ctx, core.DeleteInternetGatewayRequest{IgId: &id})
			return "", err
		},
		Meta: func(g *core.InternetGateway) svc.Meta {
			return svc.Meta{ID: g.Id, State: string(g.LifecycleState), Tags: g.FreeformTags}
		},
	}
}
