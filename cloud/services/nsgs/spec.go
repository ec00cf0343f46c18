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

package nsgs

import (
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// KeyPrefix starts the key of a network security group: "nsg/<name>".
const KeyPrefix = "nsg/"

// Group is a network security group with its security rules: what the engine reads, so that its drift check
// covers the rules too.
type Group struct {
	core.NetworkSecurityGroup
	// Rules are the group's security rules; they are read only for a group the cluster owns that is ready.
	Rules []core.SecurityRule
}

// Update is what brings a group in place to its desired state: rules to remove (by ID), then rules to add, then
// rules in place whose description differs (rewritten whole, by ID), then its display name and tags.
type Update struct {
	Remove   []string
	Add      []core.AddSecurityRuleDetails
	Describe []core.UpdateSecurityRuleDetails
	Group    *core.UpdateNetworkSecurityGroupDetails
}

// createDetails is what CreateDetails returns. Only Group is sent: a group is created without rules, and its
// rules are added by the update that follows. Rules ride along so that the engine's hash of the desired state
// covers them, and a change of them (an NSG a rule names being created, say) brings a read.
type createDetails struct {
	Group core.CreateNetworkSecurityGroupDetails
	Rules []core.AddSecurityRuleDetails
}

// Spec is the desired state of one network security group.
type Spec struct {
	svc.Desired
	vcnID   string
	rules   []core.AddSecurityRuleDetails
	waiting []string
	err     error
}

var _ async.Spec[Group] = (*Spec)(nil)

// NewSpec builds the desired state of NSG i of list in the VCN with vcnID: its name, its rules in OCI's form
// (ingress first, then egress) and tags. serviceLabel is the peer of every SERVICE_CIDR_BLOCK rule; an NSG a rule
// names by its name in list stands for its OCID, and a rule naming one without an OCID yet waits (see Waiting).
// A rule the spec gets wrong makes CreateDetails fail, naming the field.
func NewSpec(o svc.Owner, vcnID string, list []infrav1.NSG, i int, serviceLabel string) *Spec {
	n := &list[i]
	s := &Spec{Desired: svc.NewDesired(o, KeyPrefix+n.Name, n.ID, n.Name), vcnID: vcnID}
	t := &translator{path: fmt.Sprintf("spec.networkSpec.vcn.networkSecurityGroup.list[%d]", i), list: list, serviceLabel: serviceLabel}
	for j := range n.IngressRules {
		r, err := t.ingress(j, &n.IngressRules[j])
		if err != nil {
			s.err = err
			return s
		}
		if r != nil {
			s.rules = append(s.rules, *r)
		}
	}
	for j := range n.EgressRules {
		r, err := t.egress(j, &n.EgressRules[j])
		if err != nil {
			s.err = err
			return s
		}
		if r != nil {
			s.rules = append(s.rules, *r)
		}
	}
	s.waiting = t.waiting
	return s
}

// Waiting names the NSGs of the list that rules name and that have no OCID yet: those rules are left out until
// they have, and no rule is removed from the group meanwhile.
func (s *Spec) Waiting() []string { return s.waiting }

// CreateDetails is the CreateNetworkSecurityGroup request body, with the desired rules beside it.
func (s *Spec) CreateDetails() (any, error) {
	if s.err != nil {
		return nil, s.err
	}
	return createDetails{Group: core.CreateNetworkSecurityGroupDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID,
		DisplayName: ptr.To(s.Name()), FreeformTags: s.Tags, DefinedTags: s.Defined}, Rules: s.rules}, nil
}

// UpdateDetails returns the rules to add (desired, not in place) and to remove (in place, not desired), the rules
// in place whose description is not the one the spec gives, and the display name and tags to put back; nil when
// the group is as desired. Rules are the same when their direction, protocol, peer and type, statelessness and
// options are. A description is repaired only where the spec gives one: a rule the spec leaves undescribed keeps
// the description it has.
func (s *Spec) UpdateDetails(existing *Group) (any, error) {
	want := make(map[secrules.Key]*core.AddSecurityRuleDetails, len(s.rules))
	for i := range s.rules {
		want[keyOfAdd(&s.rules[i])] = &s.rules[i]
	}
	var u Update
	have := make(map[secrules.Key]bool, len(existing.Rules))
	for i := range existing.Rules {
		r := &existing.Rules[i]
		k := keyOf(r)
		have[k] = true
		switch d := want[k]; {
		case d == nil && len(s.waiting) == 0:
			u.Remove = append(u.Remove, ptr.Deref(r.Id, ""))
		case d != nil && ptr.Deref(d.Description, "") != "" && ptr.Deref(d.Description, "") != ptr.Deref(r.Description, ""):
			u.Describe = append(u.Describe, described(r, d.Description))
		}
	}
	for i := range s.rules {
		if k := keyOfAdd(&s.rules[i]); !have[k] {
			have[k] = true
			u.Add = append(u.Add, s.rules[i])
		}
	}
	if !s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
		u.Group = &core.UpdateNetworkSecurityGroupDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}
	}
	if len(u.Remove) == 0 && len(u.Add) == 0 && len(u.Describe) == 0 && u.Group == nil {
		return nil, nil
	}
	return u, nil
}

// described is rule r in place, as OCI's update of a security rule takes it (the whole rule, by ID), with the
// description given.
func described(r *core.SecurityRule, description *string) core.UpdateSecurityRuleDetails {
	return core.UpdateSecurityRuleDetails{Id: r.Id, Direction: core.UpdateSecurityRuleDetailsDirectionEnum(r.Direction),
		Protocol: r.Protocol, Source: r.Source, SourceType: core.UpdateSecurityRuleDetailsSourceTypeEnum(r.SourceType),
		Destination: r.Destination, DestinationType: core.UpdateSecurityRuleDetailsDestinationTypeEnum(r.DestinationType),
		IsStateless: r.IsStateless, IcmpOptions: r.IcmpOptions, TcpOptions: r.TcpOptions, UdpOptions: r.UdpOptions,
		Description: description}
}
