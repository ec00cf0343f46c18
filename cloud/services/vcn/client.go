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

package vcn

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the VCN service calls; core.VirtualNetworkClient is one.
type Client interface {
	GetVcn(ctx context.Context, req core.GetVcnRequest) (core.GetVcnResponse, error)
	ListVcns(ctx context.Context, req core.ListVcnsRequest) (core.ListVcnsResponse, error)
	CreateVcn(ctx context.Context, req core.CreateVcnRequest) (core.CreateVcnResponse, error)
	UpdateVcn(ctx context.Context, req core.UpdateVcnRequest) (core.UpdateVcnResponse, error)
	DeleteVcn(ctx context.Context, req core.DeleteVcnRequest) (core.DeleteVcnResponse, error)
}

// kind is the VCNs of the compartment, for the engine; its calls are synchronous.
func kind(c Client, compartment string) svc.Kind[core.Vcn, core.CreateVcnDetails, core.UpdateVcnDetails] {
	return svc.Kind[core.Vcn, core.CreateVcnDetails, core.UpdateVcnDetails]{
		Noun: "Vcn",
		Get: func(ctx context.Context, id string) (*core.Vcn, error) {
			r, err := c.GetVcn(ctx, core.GetVcnRequest{VcnId: &id})
			return &r.Vcn, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.Vcn, *string, error) {
			r, err := c.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: &compartment, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateVcnDetails, token string) (*core.Vcn, string, error) {
			r, err := c.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: d, OpcRetryToken: &token})
			return &r.Vcn, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateVcnDetails) (string, error) {
			_, err := c.UpdateVcn(ctx, core.UpdateVcnRequest{VcnId: &id, UpdateVcnDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteVcn(ctx, core.DeleteVcnRequest{VcnId: &id})
			return "", err
		},
		Meta: func(v *core.Vcn) svc.Meta {
			return svc.Meta{ID: v.Id, State: string(v.LifecycleState), Tags: v.FreeformTags}
		},
	}
}
