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
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

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

// kind is the service gateways of the VCN with vcnID (of the compartment when vcnID is ""), for the engine. Its
// reads by ID are served by one list of the VCN's gateways; its calls are synchronous.
func kind(c Client, compartment, vcnID string) svc.Kind[core.ServiceGateway, core.CreateServiceGatewayDetails, core.UpdateServiceGatewayDetails] {
	return svc.Kind[core.ServiceGateway, core.CreateServiceGatewayDetails, core.UpdateServiceGatewayDetails]{
		Noun: "ServiceGateway", Snapshot: true,
		Get: func(ctx context.Context, id string) (*core.ServiceGateway, error) {
			r, err := c.GetServiceGateway(ctx, core.GetServiceGatewayRequest{ServiceGatewayId: &id})
			return &r.ServiceGateway, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.ServiceGateway, *string, error) {
			r, err := c.ListServiceGateways(ctx, core.ListServiceGatewaysRequest{CompartmentId: &compartment,
				VcnId: svc.StringOrNil(vcnID), Page: page})
			if name == nil || err != nil {
				return r.Items, r.OpcNextPage, err
			}
			// OCI filters service gateways by no name: the name is matched here.
			return slices.DeleteFunc(r.Items, func(g core.ServiceGateway) bool { return ptr.Deref(g.DisplayName, "") != *name }),
				r.OpcNextPage, nil
		},
		Create: func(ctx context.Context, d core.CreateServiceGatewayDetails, token string) (*core.ServiceGateway, string, error) {
			r, err := c.CreateServiceGateway(ctx, core.CreateServiceGatewayRequest{CreateServiceGatewayDetails: d, OpcRetryToken: &token})
			return &r.ServiceGateway, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateServiceGatewayDetails) (string, error) {
			_, err := c.UpdateServiceGateway(ctx, core.UpdateServiceGatewayRequest{ServiceGatewayId: &id, UpdateServiceGatewayDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteServiceGateway(ctx, core.DeleteServiceGatewayRequest{ServiceGatewayId: &id})
			return "", err
		},
		Meta: func(g *core.ServiceGateway) svc.Meta {
			return svc.Meta{ID: g.Id, State: string(g.LifecycleState), Tags: g.FreeformTags}
		},
	}
}
