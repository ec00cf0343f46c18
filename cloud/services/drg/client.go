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

package drg

import (
	"context"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the DRG service calls; core.VirtualNetworkClient is one.
type Client interface {
	GetDrg(ctx context.Context, req core.GetDrgRequest) (core.GetDrgResponse, error)
	ListDrgs(ctx context.Context, req core.ListDrgsRequest) (core.ListDrgsResponse, error)
	CreateDrg(ctx context.Context, req core.CreateDrgRequest) (core.CreateDrgResponse, error)
	UpdateDrg(ctx context.Context, req core.UpdateDrgRequest) (core.UpdateDrgResponse, error)
	DeleteDrg(ctx context.Context, req core.DeleteDrgRequest) (core.DeleteDrgResponse, error)
}

// kind is the DRGs of the compartment, for the engine. OCI lists a compartment's DRGs without a display name
// filter, so a list of one name keeps only the DRGs of that name. Its calls are synchronous.
func kind(c Client, compartment string) svc.Kind[core.Drg, core.CreateDrgDetails, core.UpdateDrgDetails] {
	return svc.Kind[core.Drg, core.CreateDrgDetails, core.UpdateDrgDetails]{
		Noun: "Drg",
		Get: func(ctx context.Context, id string) (*core.Drg, error) {
			r, err := c.GetDrg(ctx, core.GetDrgRequest{DrgId: &id})
			return &r.Drg, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.Drg, *string, error) {
			r, err := c.ListDrgs(ctx, core.ListDrgsRequest{CompartmentId: &compartment, Page: page})
			if name != nil {
				r.Items = slices.DeleteFunc(r.Items, func(d core.Drg) bool { return ptr.Deref(d.DisplayName, "") != *name })
			}
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateDrgDetails, token string) (*core.Drg, string, error) {
			r, err := c.CreateDrg(ctx, core.CreateDrgRequest{CreateDrgDetails: d, OpcRetryToken: &token})
			return &r.Drg, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateDrgDetails) (string, error) {
			_, err := c.UpdateDrg(ctx, core.UpdateDrgRequest{DrgId: &id, UpdateDrgDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteDrg(ctx, core.DeleteDrgRequest{DrgId: &id})
			return "", err
		},
		Meta: func(d *core.Drg) svc.Meta {
			return svc.Meta{ID: d.Id, State: string(d.LifecycleState), Tags: d.FreeformTags}
		},
	}
}
