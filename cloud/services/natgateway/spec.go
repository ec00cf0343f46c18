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
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// DisplayName is the NAT gateway's name, as the earlier provider gave it (so that its gateways are adopted).
const DisplayName = "nat-gateway"

// Spec is the desired state of a VCN's NAT gateway.
type Spec struct {
	svc.Desired
	vcnID string
}

var _ async.Spec[core.NatGateway] = (*Spec)(nil)

// NewSpec builds the NAT gateway's desired state from the owner and the VCN spec: a gateway named DisplayName in
// the VCN, with the cluster's tags. Its public IP is OCI's choice and its traffic is not blocked (OCI's defaults).
func NewSpec(o svc.Owner, v *infrav1.VCN) *Spec {
	var id string
	if v.NATGateway != nil {
		id = v.NATGateway.ID
	}
	return &Spec{Desired: svc.NewDesired(o, Key, id, DisplayName), vcnID: v.ID}
}

// CreateDetails is the CreateNatGateway request body.
func (s *Spec) CreateDetails() (any, error) {
	return core.CreateNatGatewayDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID, DisplayName: ptr.To(DisplayName),
		FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails brings the gateway's name and tags back; tags of others are kept.
func (s *Spec) UpdateDetails(existing *core.NatGateway) (any, error) {
	if s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	return core.UpdateNatGatewayDetails{DisplayName: ptr.To(DisplayName), FreeformTags: tags, DefinedTags: defined}, nil
}
