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

package routetables

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// The route tables' keys among the cluster's resources, and their names as the earlier provider gave them (so
// that its tables are adopted).
const (
	KeyPrivate  = "routetable/private"
	KeyPublic   = "routetable/public"
	PrivateName = "private-route-table"
	PublicName  = "public-route-table"
)

// Destinations of the rules to the internet.
const (
	anyIPv4 = "0.0.0.0/0"
	anyIPv6 = "::/0"
)

// Spec is the desired state of one of a VCN's route tables.
type Spec struct {
	svc.Desired
	vcnID string
	rules []core.RouteRule
}

var _ async.Spec[core.RouteTable] = (*Spec)(nil)

// Tables reports which route tables the VCN needs: only the private one when all its subnets are private, only
// the public one when all are public, and both otherwise.
func Tables(v *infrav1.VCN) (private, public bool) {
	switch {
	case svc.AllSubnetsPrivate(v):
		return true, false
	case svc.AllSubnetsPublic(v):
		return false, true
	default:
		return true, true
	}
}

// newSpec is the table of key with its recorded OCID and no rules: enough to find and delete it.
func newSpec(o svc.Owner, v *infrav1.VCN, key string) *Spec {
	private := key == KeyPrivate
	name, id := PublicName, ""
	if private {
		name = PrivateName
	}
	if rt := v.RouteTable; rt != nil {
		id = rt.PublicRouteTableID
		if private {
			id = rt.PrivateRouteTableID
		}
	}
	return &Spec{Desired: svc.NewDesired(o, key, id, name), vcnID: v.ID}
}

// NewPrivateSpec builds the private route table of the VCN: the internet through the NAT gateway, the region's
// Oracle services (serviceLabel, see svc.ServiceCIDRLabel) through the service gateway, and each peer route of
// peering through the DRG. A gateway not recorded yet is a *async.NotDoneError (the gateways are reconciled
// first); a skipped gateway or an unmanaged DRG given without an OCID is an error.
func NewPrivateSpec(o svc.Owner, v *infrav1.VCN, peering *infrav1.VCNPeering, serviceLabel string) (*Spec, error) {
	s := newSpec(o, v, KeyPrivate)
	var natID, sgwID string
	var natSkip, sgwSkip bool
	if g := v.NATGateway; g != nil {
		natID, natSkip = g.ID, g.Skip
	}
	if g := v.ServiceGateway; g != nil {
		sgwID, sgwSkip = g.ID, g.Skip
	}
	nat, err := gatewayID(KeyPrivate, "NAT gateway", "spec.networkSpec.vcn.natGateway", natID, natSkip)
	if err != nil {
		return nil, err
	}
	sgw, err := gatewayID(KeyPrivate, "service gateway", "spec.networkSpec.vcn.serviceGateway", sgwID, sgwSkip)
	if err != nil {
		return nil, err
	}
	s.rules = []core.RouteRule{
		rule(core.RouteRuleDestinationTypeCidrBlock, anyIPv4, nat, "traffic to the internet"),
		rule(core.RouteRuleDestinationTypeServiceCidrBlock, serviceLabel, sgw, "traffic to OCI services"),
	}
	if peering == nil || len(peering.PeerRouteRules) == 0 {
		return s, nil
	}
	drg, err := drgID(peering.DRG)
	if err != nil {
		return nil, err
	}
	for _, r := range peering.PeerRouteRules {
		s.rules = append(s.rules, rule(core.RouteRuleDestinationTypeCidrBlock, r.VCNCIDRRange, drg, "traffic to peer DRG"))
	}
	return s, nil
}

// NewPublicSpec builds the public route table of the VCN: the internet through the internet gateway, for IPv6
// too when the VCN has it. A gateway not recorded yet is a *async.NotDoneError; a skipped one given without an
// OCID is an error.
func NewPublicSpec(o svc.Owner, v *infrav1.VCN) (*Spec, error) {
	s := newSpec(o, v, KeyPublic)
	var igwID string
	var igwSkip bool
	if g := v.InternetGateway; g != nil {
		igwID, igwSkip = g.ID, g.Skip
	}
	igw, err := gatewayID(KeyPublic, "internet gateway", "spec.networkSpec.vcn.internetGateway", igwID, igwSkip)
	if err != nil {
		return nil, err
	}
	s.rules = []core.RouteRule{rule(core.RouteRuleDestinationTypeCidrBlock, anyIPv4, igw, "traffic to/from internet")}
	if ptr.Deref(v.IsIPv6Enabled, false) {
		s.rules = append(s.rules, rule(core.RouteRuleDestinationTypeCidrBlock, anyIPv6, igw, "ipv6 traffic to/from internet"))
	}
	return s, nil
}

func rule(typ core.RouteRuleDestinationTypeEnum, destination, entity, description string) core.RouteRule {
	return core.RouteRule{DestinationType: typ, Destination: ptr.To(destination), NetworkEntityId: ptr.To(entity),
		Description: ptr.To(description)}
}

// gatewayID is the OCID of a gateway a table routes through: "not done" while the gateway's service has not
// recorded it, an error when the gateway is skipped (brought) without one.
func gatewayID(key, what, field, id string, skip bool) (string, error) {
	switch {
	case id != "":
		return id, nil
	case skip:
		return "", fmt.Errorf("%s.skip is set without %s.id: give the OCID of the %s the route table %s routes through",
			field, field, what, key)
	}
	return "", svc.Waiting(key, "the "+what)
}

// drgID is the OCID of the DRG the peer routes go through.
func drgID(d *infrav1.DRG) (string, error) {
	switch {
	case d == nil:
		return "", errors.New("spec.networkSpec.vcnPeering.drg is not set: the peer route rules route through it")
	case d.ID != "":
		return d.ID, nil
	case !d.Manage:
		return "", errors.New("spec.networkSpec.vcnPeering.drg.id is not set and drg.manage is false: give the OCID of " +
			"the DRG the peer routes go through")
	}
	return "", svc.Waiting(KeyPrivate, "the DRG")
}

// CreateDetails is the CreateRouteTable request body.
func (s *Spec) CreateDetails() (any, error) {
	return core.CreateRouteTableDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID, DisplayName: ptr.To(s.Name()),
		RouteRules: s.rules, FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails brings the table's rules, name and tags back. The rules are sent, all of them, only when the
// table's differ from the desired ones; tags of others are kept.
func (s *Spec) UpdateDetails(existing *core.RouteTable) (any, error) {
	rulesDiffer := !SameRules(existing.RouteRules, s.rules)
	if !rulesDiffer && s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	d := core.UpdateRouteTableDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}
	if rulesDiffer {
		d.RouteRules = s.rules
	}
	return d, nil
}

// ruleKey is what makes two route rules the same route: destination, its type and target. Descriptions are not
// part of it.
type ruleKey struct{ destination, kind, target string }

func keyOf(r *core.RouteRule) ruleKey {
	dest := ptr.Deref(r.Destination, ptr.Deref(r.CidrBlock, "")) // cidrBlock is the deprecated form
	kind := r.DestinationType
	if kind == "" {
		kind = core.RouteRuleDestinationTypeCidrBlock
	}
	if p, err := netip.ParsePrefix(dest); err == nil && kind == core.RouteRuleDestinationTypeCidrBlock {
		dest = p.Masked().String()
	}
	return ruleKey{destination: dest, kind: string(kind), target: ptr.Deref(r.NetworkEntityId, "")}
}

// SameRules reports whether a table's rules are the desired ones, in any order. The LOCAL rules OCI adds itself are
// not compared, nor are descriptions.
func SameRules(have, want []core.RouteRule) bool {
	left := make(map[ruleKey]int, len(want))
	for i := range want {
		left[keyOf(&want[i])]++
	}
	for i := range have {
		if have[i].RouteType == core.RouteRuleRouteTypeLocal {
			continue
		}
		k := keyOf(&have[i])
		if left[k] == 0 {
			return false
		}
		left[k]--
	}
	for _, n := range left {
		if n != 0 {
			return false
		}
	}
	return true
}
