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
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Spec is the desired state of the cluster's DRG.
type Spec struct {
	svc.Desired
}

var _ async.Spec[core.Drg] = (*Spec)(nil)

// DisplayName is the DRG's name: the spec's, else the cluster's (as the earlier provider named it, so that its
// DRGs are adopted).
func DisplayName(d *infrav1.DRG, clusterName string) string {
	if d.Name != "" {
		return d.Name
	}
	return clusterName
}

// NewSpec builds the DRG's desired state from the owner, the cluster's name and the DRG spec: a DRG named
// DisplayName in the cluster's compartment, with the cluster's tags. Its route tables and distributions are
// OCI's defaults.
func NewSpec(o svc.Owner, clusterName string, d *infrav1.DRG) *Spec {
	return &Spec{Desired: svc.NewDesired(o, Key, d.ID, DisplayName(d, clusterName))}
}

// CreateDetails is the CreateDrg request body.
func (s *Spec) CreateDetails() (any, error) {
	return core.CreateDrgDetails{CompartmentId: &s.Compartment, DisplayName: ptr.To(s.Name()),
		FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails brings the DRG's name and tags back; tags of others are kept.
func (s *Spec) UpdateDetails(existing *core.Drg) (any, error) {
	if s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	return core.UpdateDrgDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}, nil
}
