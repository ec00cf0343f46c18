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
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// DisplayName is the internet gateway's name, as the earlier provider gave it (so that its gateways are adopted).
const DisplayName = "internet-gateway"

// Spec is the desired state of a VCN's internet gateway.
type Spec struct {
	svc.Desired
	vcnID string
}

var _ async.Spec[core.InternetGateway] = (*Spec)(nil)

// NewSpec builds the internet gateway's desired state from the owner and the VCN spec: an enabled gateway named
// DisplayName in the VCN, with the cluster's tags.
func NewSpec(o svc.Owner, v *infrav1.VCN) *Spec {
	var id string
	if v.InternetGateway != nil {
		id = v.InternetGateway.ID
	}
	return &Spec{Desired: svc.NewDesired(o, Key, id, DisplayName), vcnID: v.ID}
}

// CreateDetails is the CreateInternetGateway request body.
func (s *Spec) CreateDetails() (any, error) {
	return core.CreateInternetGatewayDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID,
		DisplayName: ptr.To(DisplayName), IsEnabled: ptr.To(true), FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails brings the gateway's name, enabled state and tags back; tags of others are kept.
func (s *Spec) UpdateDetails(existing *core.InternetGateway) (any, error) {
	if s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) && ptr.Deref(existing.IsEnabled, false) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	return core.UpdateInternetGatewayDetails{DisplayName: ptr.To(DisplayName), IsEnabled: ptr.To(true),
		FreeformTags: tags, DefinedTags: defined}, nil
}
