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

package routetables

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the route table service calls; core.VirtualNetworkClient
// is one.
type Client interface {
	GetRouteTable(ctx context.Context, req core.GetRouteTableRequest) (core.GetRouteTableResponse, error)
	ListRouteTables(ctx context.Context, req core.ListRouteTablesRequest) (core.ListRouteTablesResponse, error)
	CreateRouteTable(ctx context.Context, req core.CreateRouteTableRequest) (core.CreateRouteTableResponse, error)
	UpdateRouteTable(ctx context.Context, req core.UpdateRouteTableRequest) (core.UpdateRouteTableResponse, error)
	DeleteRouteTable(ctx context.Context, req core.DeleteRouteTableRequest) (core.DeleteRouteTableResponse, error)
}

// kind is the route tables of the VCN with vcnID (of the compartment when vcnID is ""), for the engine. Its reads
// by ID are served by one list of the VCN's route tables, so that both tables are read with one call; its calls
// are synchronous.
func kind(c Client, compartment, vcnID string) svc.Kind[core.RouteTable, core.CreateRouteTableDetails, core.UpdateRouteTableDetails] {
	return svc.Kind[core.RouteTable, core.CreateRouteTableDetails, core.UpdateRouteTableDetails]{
		Noun: "RouteTable", Snapshot: true,
		Get: func(ctx context.Context, id string) (*core.RouteTable, error) {
			r, err := c.GetRouteTable(ctx, core.GetRouteTableRequest{RtId: &id})
			return &r.RouteTable, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.RouteTable, *string, error) {
			r, err := c.ListRouteTables(ctx, core.ListRouteTablesRequest{CompartmentId: &compartment,
				VcnId: svc.StringOrNil(vcnID), DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateRouteTableDetails, token string) (*core.RouteTable, string, error) {
			r, err := c.CreateRouteTable(ctx, core.CreateRouteTableRequest{CreateRouteTableDetails: d, OpcRetryToken: &token})
			return &r.RouteTable, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateRouteTableDetails) (string, error) {
			_, err := c.UpdateRouteTable(ctx, core.UpdateRouteTableRequest{RtId: &id, UpdateRouteTableDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteRouteTable(ctx, core.DeleteRouteTableRequest{RtId: &id})
			return "", err
		},
		Meta: func(t *core.RouteTable) svc.Meta {
			return svc.Meta{ID: t.Id, State: string(t.LifecycleState), Tags: t.FreeformTags}
		},
	}
}
