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

package securitylists

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the security list service calls; core.VirtualNetworkClient
// is one.
type Client interface {
	GetSecurityList(ctx context.Context, req core.GetSecurityListRequest) (core.GetSecurityListResponse, error)
	ListSecurityLists(ctx context.Context, req core.ListSecurityListsRequest) (core.ListSecurityListsResponse, error)
	CreateSecurityList(ctx context.Context, req core.CreateSecurityListRequest) (core.CreateSecurityListResponse, error)
	UpdateSecurityList(ctx context.Context, req core.UpdateSecurityListRequest) (core.UpdateSecurityListResponse, error)
	DeleteSecurityList(ctx context.Context, req core.DeleteSecurityListRequest) (core.DeleteSecurityListResponse, error)
}

// kind is the security lists of the VCN with vcnID (none when vcnID is ""), for the engine. Its reads by ID are
// served by one list of the VCN's security lists; its calls are synchronous.
func kind(c Client, compartment, vcnID string) svc.Kind[core.SecurityList, core.CreateSecurityListDetails, core.UpdateSecurityListDetails] {
	return svc.Kind[core.SecurityList, core.CreateSecurityListDetails, core.UpdateSecurityListDetails]{
		Noun: "SecurityList", Snapshot: true,
		Get: func(ctx context.Context, id string) (*core.SecurityList, error) {
			r, err := c.GetSecurityList(ctx, core.GetSecurityListRequest{SecurityListId: &id})
			return &r.SecurityList, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.SecurityList, *string, error) {
			if vcnID == "" {
				return nil, nil, nil
			}
			r, err := c.ListSecurityLists(ctx, core.ListSecurityListsRequest{CompartmentId: &compartment, VcnId: &vcnID,
				DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateSecurityListDetails, token string) (*core.SecurityList, string, error) {
			r, err := c.CreateSecurityList(ctx, core.CreateSecurityListRequest{CreateSecurityListDetails: d, OpcRetryToken: &token})
			return &r.SecurityList, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateSecurityListDetails) (string, error) {
			_, err := c.UpdateSecurityList(ctx, core.UpdateSecurityListRequest{SecurityListId: &id, UpdateSecurityListDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteSecurityList(ctx, core.DeleteSecurityListRequest{SecurityListId: &id})
			return "", err
		},
		Meta: func(l *core.SecurityList) svc.Meta {
			return svc.Meta{ID: l.Id, State: string(l.LifecycleState), Tags: l.FreeformTags}
		},
	}
}
