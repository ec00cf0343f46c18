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

package rpc

import (
	"context"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the remote peering connection service calls, in the
// cluster's region and in a peer's; core.VirtualNetworkClient is one.
type Client interface {
	GetRemotePeeringConnection(ctx context.Context, req core.GetRemotePeeringConnectionRequest) (core.GetRemotePeeringConnectionResponse, error)
	ListRemotePeeringConnections(ctx context.Context, req core.ListRemotePeeringConnectionsRequest) (core.ListRemotePeeringConnectionsResponse, error)
	CreateRemotePeeringConnection(ctx context.Context, req core.CreateRemotePeeringConnectionRequest) (core.CreateRemotePeeringConnectionResponse, error)
	UpdateRemotePeeringConnection(ctx context.Context, req core.UpdateRemotePeeringConnectionRequest) (core.UpdateRemotePeeringConnectionResponse, error)
	DeleteRemotePeeringConnection(ctx context.Context, req core.DeleteRemotePeeringConnectionRequest) (core.DeleteRemotePeeringConnectionResponse, error)
	ConnectRemotePeeringConnections(ctx context.Context, req core.ConnectRemotePeeringConnectionsRequest) (core.ConnectRemotePeeringConnectionsResponse, error)
}

// adapter runs remote peering connections for the engine.
type adapter = svc.Adapter[core.RemotePeeringConnection, core.CreateRemotePeeringConnectionDetails, core.UpdateRemotePeeringConnectionDetails]

// kind is the remote peering connections on the DRG with drgID (of the compartment when drgID is ""), for the
// engine. OCI lists them without a display name filter, so a list of one name keeps only the connections of
// that name. With snapshot, its reads by ID are served by one list of the DRG's connections. Its calls are
// synchronous.
func kind(c Client, compartment, drgID string, snapshot bool) svc.Kind[core.RemotePeeringConnection,
	core.CreateRemotePeeringConnectionDetails, core.UpdateRemotePeeringConnectionDetails] {
	return svc.Kind[core.RemotePeeringConnection, core.CreateRemotePeeringConnectionDetails, core.UpdateRemotePeeringConnectionDetails]{
		Noun: "RemotePeeringConnection", Snapshot: snapshot,
		Get: func(ctx context.Context, id string) (*core.RemotePeeringConnection, error) {
			r, err := c.GetRemotePeeringConnection(ctx, core.GetRemotePeeringConnectionRequest{RemotePeeringConnectionId: &id})
			return &r.RemotePeeringConnection, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.RemotePeeringConnection, *string, error) {
			r, err := c.ListRemotePeeringConnections(ctx, core.ListRemotePeeringConnectionsRequest{CompartmentId: &compartment,
				DrgId: svc.StringOrNil(drgID), Page: page})
			if name != nil {
				r.Items = slices.DeleteFunc(r.Items, func(p core.RemotePeeringConnection) bool {
					return ptr.Deref(p.DisplayName, "") != *name
				})
			}
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateRemotePeeringConnectionDetails, token string) (*core.RemotePeeringConnection, string, error) {
			r, err := c.CreateRemotePeeringConnection(ctx, core.CreateRemotePeeringConnectionRequest{
				CreateRemotePeeringConnectionDetails: d, OpcRetryToken: &token})
			return &r.RemotePeeringConnection, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateRemotePeeringConnectionDetails) (string, error) {
			_, err := c.UpdateRemotePeeringConnection(ctx, core.UpdateRemotePeeringConnectionRequest{RemotePeeringConnectionId: &id,
				UpdateRemotePeeringConnectionDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteRemotePeeringConnection(ctx, core.DeleteRemotePeeringConnectionRequest{RemotePeeringConnectionId: &id})
			return "", err
		},
		Meta: func(p *core.RemotePeeringConnection) svc.Meta {
			return svc.Meta{ID: p.Id, State: string(p.LifecycleState), Tags: p.FreeformTags}
		},
	}
}
