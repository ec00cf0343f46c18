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
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// KeyPrefix starts the key of a subnet's security list: "securitylist/<subnet name>".
const KeyPrefix = "securitylist/"

// Spec is the desired state of one subnet's security list.
type Spec struct {
	key         string
	id          string
	compartment string
	vcnID       string
	name        string
	ingress     []core.IngressSecurityRule
	egress      []core.EgressSecurityRule
	tags        map[string]string
	defined     map[string]map[string]any
	err         error
}

var _ async.Spec[core.SecurityList] = (*Spec)(nil)

// NewSpec builds the desired state of the security list of subnet i of the VCN with vcnID (subnet.SecurityList
// must be set): its name (the spec's, else "<subnet name>-security-list"), rules and tags. serviceLabel is the
// region's all-services CIDR label, the peer of every SERVICE_CIDR_BLOCK rule. A rule the spec gets wrong makes
// CreateDetails fail, naming the field.
func NewSpec(o svc.Owner, vcnID string, i int, subnet *infrav1.Subnet, serviceLabel string) *Spec {
	sl := subnet.SecurityList
	s := &Spec{key: KeyPrefix + subnet.Name, id: sl.ID, compartment: o.CompartmentID(), vcnID: vcnID, name: sl.Name,
		ingress: []core.IngressSecurityRule{}, egress: []core.EgressSecurityRule{}, tags: svc.Tags(o), defined: svc.DefinedTags(o)}
	if s.name == "" {
		s.name = subnet.Name + "-security-list"
	}
	b := rules{path: fmt.Sprintf("spec.networkSpec.vcn.subnets[%d].securityList", i), serviceLabel: serviceLabel}
	for j := range sl.IngressRules {
		r, err := b.ingress(j, &sl.IngressRules[j])
		if err != nil {
			s.err = err
			return s
		}
		s.ingress = append(s.ingress, r)
	}
	for j := range sl.EgressRules {
		r, err := b.egress(j, &sl.EgressRules[j])
		if err != nil {
			s.err = err
			return s
		}
		s.egress = append(s.egress, r)
	}
	return s
}

// Key names the security list among the cluster's resources.
func (s *Spec) Key() string { return s.key }

// OCID is the recorded ID of the security list.
func (s *Spec) OCID() string { return s.id }

// Name is the security list's display name, by which it is found when no OCID is recorded.
func (s *Spec) Name() string { return s.name }

// CreateDetails is the CreateSecurityList request body.
func (s *Spec) CreateDetails() (any, error) {
	if s.err != nil {
		return nil, s.err
	}
	return core.CreateSecurityListDetails{CompartmentId: &s.compartment, VcnId: &s.vcnID, DisplayName: &s.name,
		IngressSecurityRules: s.ingress, EgressSecurityRules: s.egress, FreeformTags: s.tags, DefinedTags: s.defined}, nil
}

// UpdateDetails puts back the display name, the tags and the desired rules missing from the list. The rules
// sent are the list's own followed by the missing ones: rules that others added (the cloud controller manager
// opens load balancer ports this way) are kept, and so are rules removed from the spec.
func (s *Spec) UpdateDetails(existing *core.SecurityList) (any, error) {
	ingress := missing(s.ingress, existing.IngressSecurityRules, ingressKey)
	egress := missing(s.egress, existing.EgressSecurityRules, egressKey)
	if ptr.Deref(existing.DisplayName, "") == s.name && len(ingress) == 0 && len(egress) == 0 &&
		!svc.TagsDiffer(existing.FreeformTags, existing.DefinedTags, s.tags, s.defined) {
		return nil, nil
	}
	d := core.UpdateSecurityListDetails{DisplayName: &s.name, FreeformTags: svc.MergeTags(existing.FreeformTags, s.tags),
		DefinedTags: svc.MergeDefinedTags(existing.DefinedTags, s.defined)}
	if len(ingress) > 0 {
		d.IngressSecurityRules = append(slices.Clone(existing.IngressSecurityRules), ingress...)
	}
	if len(egress) > 0 {
		d.EgressSecurityRules = append(slices.Clone(existing.EgressSecurityRules), egress...)
	}
	return d, nil
}

// missing returns the desired rules that have no equal among the existing ones, each once.
func missing[R any](desired, existing []R, key func(*R) ruleKey) []R {
	have := make(map[ruleKey]bool, len(existing))
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
