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
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Spec is the desired state of the attachment of the cluster's VCN to its DRG.
type Spec struct {
	svc.Desired
	drgID, vcnID string
}

var _ async.Spec[core.DrgAttachment] = (*Spec)(nil)

// NewSpec builds the attachment's desired state from the owner, the cluster's name, the attachment's recorded
// OCID id (or "") and the OCIDs of the DRG and the VCN: an attachment of the VCN named after the cluster (as the
// earlier provider named it, so that its attachments are adopted), with the cluster's tags. Its DRG route table
// and the VCN route table are OCI's defaults.
func NewSpec(o svc.Owner, clusterName, id, drgID, vcnID string) *Spec {
	return &Spec{Desired: svc.NewDesired(o, Key, id, clusterName), drgID: drgID, vcnID: vcnID}
}

// CreateDetails is the CreateDrgAttachment request body. The VCN is named in the network details (the request's
// vcnId is deprecated; OCI makes the same attachment of either).
func (s *Spec) CreateDetails() (any, error) {
	return core.CreateDrgAttachmentDetails{DrgId: &s.drgID, DisplayName: ptr.To(s.Name()),
		NetworkDetails: core.VcnDrgAttachmentNetworkCreateDetails{Id: &s.vcnID},
		FreeformTags:   s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails brings the attachment's name and tags back; tags of others are kept.
func (s *Spec) UpdateDetails(existing *core.DrgAttachment) (any, error) {
	if s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	return core.UpdateDrgAttachmentDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}, nil
}
