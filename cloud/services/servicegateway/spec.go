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
	"errors"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// DisplayName is the service gateway's name, as the earlier provider gave it (so that its gateways are adopted).
const DisplayName = "service-gateway"

// Spec is the desired state of a VCN's service gateway.
type Spec struct {
	svc.Desired
	vcnID     string
	serviceID string
}

var _ async.Spec[core.ServiceGateway] = (*Spec)(nil)

// NewSpec builds the service gateway's desired state from the owner and the VCN spec: a gateway named DisplayName
// in the VCN serving the one service serviceID (the region's all-services service, see svc.AllServices), with the
// cluster's tags. A spec built only to delete the gateway needs no service.
func NewSpec(o svc.Owner, v *infrav1.VCN, serviceID string) *Spec {
	var id string
	if v.ServiceGateway != nil {
		id = v.ServiceGateway.ID
	}
	return &Spec{Desired: svc.NewDesired(o, Key, id, DisplayName), vcnID: v.ID, serviceID: serviceID}
}

// CreateDetails is the CreateServiceGateway request body.
func (s *Spec) CreateDetails() (any, error) {
	if s.serviceID == "" {
		return nil, errors.New("no Oracle service to serve: the region's all-services service is not known")
	}
	return core.CreateServiceGatewayDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID,
		DisplayName: ptr.To(DisplayName), Services: s.services(), FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

func (s *Spec) services() []core.ServiceIdRequestDetails {
	return []core.ServiceIdRequestDetails{{ServiceId: ptr.To(s.serviceID)}}
}

// UpdateDetails brings the gateway's name, services and tags back; tags of others are kept. The services are
// sent only when they differ, since sending them replaces the gateway's list.
func (s *Spec) UpdateDetails(existing *core.ServiceGateway) (any, error) {
	servicesDiffer := s.serviceID != "" && !s.serves(existing.Services)
	if !servicesDiffer && s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	d := core.UpdateServiceGatewayDetails{DisplayName: ptr.To(DisplayName), FreeformTags: tags, DefinedTags: defined}
	if servicesDiffer {
		d.Services = s.services()
	}
	return d, nil
}

// serves reports whether a gateway's services are exactly the desired one.
func (s *Spec) serves(services []core.ServiceIdResponseDetails) bool {
	return len(services) > 0 && !slices.ContainsFunc(services, func(d core.ServiceIdResponseDetails) bool {
		return ptr.Deref(d.ServiceId, "") != s.serviceID
	})
}
