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

package drgattachment

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the DRG attachment service calls;
// core.VirtualNetworkClient is one.
type Client interface {
	GetDrgAttachment(ctx context.Context, req core.GetDrgAttachmentRequest) (core.GetDrgAttachmentResponse, error)
	ListDrgAttachments(ctx context.Context, req core.ListDrgAttachmentsRequest) (core.ListDrgAttachmentsResponse, error)
	CreateDrgAttachment(ctx context.Context, req core.CreateDrgAttachmentRequest) (core.CreateDrgAttachmentResponse, error)
	UpdateDrgAttachment(ctx context.Context, req core.UpdateDrgAttachmentRequest) (core.UpdateDrgAttachmentResponse, error)
	DeleteDrgAttachment(ctx context.Context, req core.DeleteDrgAttachmentRequest) (core.DeleteDrgAttachmentResponse, error)
}

// kind is the attachments of the VCN with vcnID to the DRG with drgID, in the compartment, for the engine. Its
// calls are synchronous; an attachment goes through ATTACHING and DETACHING.
func kind(c Client, compartment, drgID, vcnID string) svc.Kind[core.DrgAttachment, core.CreateDrgAttachmentDetails,
	core.UpdateDrgAttachmentDetails] {
	return svc.Kind[core.DrgAttachment, core.CreateDrgAttachmentDetails, core.UpdateDrgAttachmentDetails]{
		Noun: "DrgAttachment",
		Get: func(ctx context.Context, id string) (*core.DrgAttachment, error) {
			r, err := c.GetDrgAttachment(ctx, core.GetDrgAttachmentRequest{DrgAttachmentId: &id})
			return &r.DrgAttachment, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.DrgAttachment, *string, error) {
			r, err := c.ListDrgAttachments(ctx, core.ListDrgAttachmentsRequest{CompartmentId: &compartment,
				DrgId: svc.StringOrNil(drgID), NetworkId: svc.StringOrNil(vcnID),
				AttachmentType: core.ListDrgAttachmentsAttachmentTypeVcn, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.CreateDrgAttachmentDetails, token string) (*core.DrgAttachment, string, error) {
			r, err := c.CreateDrgAttachment(ctx, core.CreateDrgAttachmentRequest{CreateDrgAttachmentDetails: d, OpcRetryToken: &token})
			return &r.DrgAttachment, "", err
		},
		Update: func(ctx context.Context, id string, d core.UpdateDrgAttachmentDetails) (string, error) {
			_, err := c.UpdateDrgAttachment(ctx, core.UpdateDrgAttachmentRequest{DrgAttachmentId: &id, UpdateDrgAttachmentDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteDrgAttachment(ctx, core.DeleteDrgAttachmentRequest{DrgAttachmentId: &id})
			return "", err
		},
		Meta: func(a *core.DrgAttachment) svc.Meta {
			return svc.Meta{ID: a.Id, State: string(a.LifecycleState), Tags: a.FreeformTags}
		},
	}
}
