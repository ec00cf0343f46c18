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
	"fmt"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// KeyPrefix starts the key of a subnet's security list: "securitylist/<subnet name>".
const KeyPrefix = "securitylist/"

// Spec is the desired state of one subnet's security list.
type Spec struct {
	svc.Desired
	vcnID   string
	ingress []core.IngressSecurityRule
	egress  []core.EgressSecurityRule
	err     error
}

var _ async.Spec[core.SecurityList] = (*Spec)(nil)

// NewSpec builds the desired state of the security list of subnet i of the VCN with vcnID (subnet.SecurityList
// must be set): its name (the spec's, else "<subnet name>-security-list"), rules and tags. serviceLabel is the
// region's all-services CIDR label, the peer of every SERVICE_CIDR_BLOCK rule. A rule the spec gets wrong makes
// CreateDetails fail, naming the field.
func NewSpec(o svc.Owner, vcnID string, i int, subnet *infrav1.Subnet, serviceLabel string) *Spec {
	sl := subnet.SecurityList
	name := sl.Name
	if name == "" {
		name = subnet.Name + "-security-list"
	}
	s := &Spec{Desired: svc.NewDesired(o, KeyPrefix+subnet.Name, sl.ID, name), vcnID: vcnID,
		ingress: []core.IngressSecurityRule{}, egress: []core.EgressSecurityRule{}}
	t := secrules.Translator{ServiceLabel: serviceLabel}
	path := fmt.Sprintf("spec.networkSpec.vcn.subnets[%d].securityList", i)
	for j := range sl.IngressRules {
		r, err := t.Ingress(fmt.Sprintf("%s.ingressRules[%d]", path, j), &sl.IngressRules[j])
		if err != nil {
			s.err = err
			return s
		}
		s.ingress = append(s.ingress, ingress(r))
	}
	for j := range sl.EgressRules {
		r, err := t.Egress(fmt.Sprintf("%s.egressRules[%d]", path, j), &sl.EgressRules[j])
		if err != nil {
			s.err = err
			return s
		}
		s.egress = append(s.egress, egress(r))
	}
	return s
}

// CreateDetails is the CreateSecurityList request body.
func (s *Spec) CreateDetails() (any, error) {
	if s.err != nil {
		return nil, s.err
	}
	return core.CreateSecurityListDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID, DisplayName: ptr.To(s.Name()),
		IngressSecurityRules: s.ingress, EgressSecurityRules: s.egress, FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails puts back the display name, the tags and the desired rules missing from the list. The rules
// sent are the list's own followed by the missing ones: rules that others added (the cloud controller manager
// opens load balancer ports this way) are kept, and so are rules removed from the spec.
func (s *Spec) UpdateDetails(existing *core.SecurityList) (any, error) {
	ingress := missing(s.ingress, existing.IngressSecurityRules, ingressKey)
	egress := missing(s.egress, existing.EgressSecurityRules, egressKey)
	if len(ingress) == 0 && len(egress) == 0 && s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	d := core.UpdateSecurityListDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}
	if len(ingress) > 0 {
		d.IngressSecurityRules = append(slices.Clone(existing.IngressSecurityRules), ingress...)
	}
	if len(egress) > 0 {
		d.EgressSecurityRules = append(slices.Clone(existing.EgressSecurityRules), egress...)
	}
	return d, nil
}

// missing returns the desired rules that have no equal among the existing ones, each once.
func missing[R any](desired, existing []R, key func(*R) secrules.Key) []R {
	have := make(map[secrules.Key]bool, len(existing))
	for i := range existing {
		have[key(&existing[i])] = true
	}
	var out []R
	for i := range desired {
		if k := key(&desired[i]); !have[k] {
			have[k] = true
			out = append(out, desired[i])
		}
	}
	return out
}
