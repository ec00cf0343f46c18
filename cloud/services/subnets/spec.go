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

package subnets

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// KeyPrefix starts the key of a subnet: "subnet/<name>".
const KeyPrefix = "subnet/"

// Spec is the desired state of one subnet.
type Spec struct {
	svc.Desired
	vcnID        string
	cidr         string
	dnsLabel     string
	private      bool
	routeTable   string
	securityList string
	hextet       string
	waiting      string
	err          error
}

var _ async.Spec[core.Subnet] = (*Spec)(nil)

// createDetails is what CreateDetails returns: the CreateSubnet request body and, for an IPv6 subnet, the hextet
// from which the adapter derives the subnet's /64 within the VCN's IPv6 CIDR when it creates the subnet.
type createDetails struct {
	Subnet core.CreateSubnetDetails
	// IPv6Hextet is the low byte, two hex digits, of the fourth 16-bit group of the subnet's IPv6 /64; "" for none.
	IPv6Hextet string
}

// NewSpec builds the desired state of subnet i of v: its CIDR, DNS label, privacy, route table (the private
// table for a private subnet, the public one otherwise), its security list when it declares one, IPv6 when the
// VCN declares it and the subnet gives a hextet, and tags. A spec error makes CreateDetails fail, naming the field.
func NewSpec(o svc.Owner, v *infrav1.VCN, i int) *Spec {
	sn := &v.Subnets[i]
	s := &Spec{Desired: svc.NewDesired(o, KeyPrefix+sn.Name, sn.ID, sn.Name), vcnID: v.ID, cidr: sn.CIDR, dnsLabel: sn.DNSLabel,
		private: svc.SubnetIsPrivate(sn)}
	s.routeTable, s.waiting = routeTable(v.RouteTable, s.private)
	if sn.SecurityList != nil {
		s.securityList = sn.SecurityList.ID
		if s.securityList == "" && s.waiting == "" {
			s.waiting = "its security list"
		}
	}
	field := fmt.Sprintf("spec.networkSpec.vcn.subnets[%d]", i)
	if p, err := netip.ParsePrefix(sn.CIDR); err != nil || !p.Addr().Is4() {
		s.err = fmt.Errorf("%s.cidr %q is not an IPv4 CIDR block", field, sn.CIDR)
	}
	if ptr.Deref(v.IsIPv6Enabled, false) && sn.IPv6CIDRBlockHextet != "" {
		switch h, err := parseHextet(sn.IPv6CIDRBlockHextet); {
		case err != nil && s.err == nil:
			s.err = fmt.Errorf("%s.ipv6CidrBlockHextet %q: %w", field, sn.IPv6CIDRBlockHextet, err)
		case err == nil:
			s.hextet = fmt.Sprintf("%02x", h)
		}
	}
	return s
}

// routeTable returns the route table of a private or public subnet, and what the subnet waits for when that
// table is managed but not recorded yet. With route tables skipped and none given, the VCN's default table is used.
func routeTable(rt *infrav1.RouteTable, private bool) (string, string) {
	which, id := "public", ""
	if private {
		which = "private"
	}
	if rt != nil {
		id = rt.PublicRouteTableID
		if private {
			id = rt.PrivateRouteTableID
		}
	}
	if id == "" && (rt == nil || !rt.Skip) {
		return "", "the " + which + " route table"
	}
	return id, ""
}

// parseHextet reads a hextet: one or two hex digits, the byte that tells the subnet's /64 within the VCN's /56.
func parseHextet(h string) (byte, error) {
	n, err := strconv.ParseUint(h, 16, 8)
	if err != nil || len(h) > 2 {
		return 0, fmt.Errorf("want one or two hex digits (00 to ff), the subnet's /64 within the VCN's /56")
	}
	return byte(n), nil
}

// Waiting says what the subnet waits for before it can be created (a route table or security list not recorded
// yet), or "".
func (s *Spec) Waiting() string {
	if s.err != nil {
		return ""
	}
	return s.waiting
}

// CreateDetails is the CreateSubnet request body, with the IPv6 hextet beside it.
func (s *Spec) CreateDetails() (any, error) {
	if s.err != nil {
		return nil, s.err
	}
	d := core.CreateSubnetDetails{CompartmentId: &s.Compartment, VcnId: &s.vcnID, CidrBlock: &s.cidr, DisplayName: ptr.To(s.Name()),
		ProhibitPublicIpOnVnic: ptr.To(s.private), ProhibitInternetIngress: ptr.To(s.private), FreeformTags: s.Tags, DefinedTags: s.Defined}
	if s.dnsLabel != "" {
		d.DnsLabel = &s.dnsLabel
	}
	if s.routeTable != "" {
		d.RouteTableId = &s.routeTable
	}
	if s.securityList != "" {
		d.SecurityListIds = []string{s.securityList}
	}
	return createDetails{Subnet: d, IPv6Hextet: s.hextet}, nil
}

// UpdateDetails puts back the subnet's display name and tags, and attaches its security list when it is not
// attached (keeping the others). A CIDR is not changed in place: a subnet whose CIDR differs is reported.
func (s *Spec) UpdateDetails(existing *core.Subnet) (any, error) {
	have := ptr.Deref(existing.CidrBlock, "")
	if !samePrefix(have, s.cidr) {
		return nil, fmt.Errorf("the CIDR of subnet %s is %s in OCI and %s in spec and cannot be changed in place: "+
			"put %s back in spec, or delete the subnet", s.Name(), have, s.cidr, have)
	}
	attach := s.securityList != "" && !slices.Contains(existing.SecurityListIds, s.securityList)
	// The route table the cluster declares (or recreated after it was deleted behind its back) is put back.
	reroute := s.routeTable != "" && ptr.Deref(existing.RouteTableId, "") != s.routeTable
	if !attach && !reroute && s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	d := core.UpdateSubnetDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}
	if reroute {
		d.RouteTableId = ptr.To(s.routeTable)
	}
	if attach {
		d.SecurityListIds = append(slices.Clone(existing.SecurityListIds), s.securityList)
	}
	return d, nil
}

func samePrefix(a, b string) bool {
	p, errA := netip.ParsePrefix(a)
	q, errB := netip.ParsePrefix(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return p.Masked() == q.Masked()
}

// ipv6Block returns the /64 of hextet within the VCN's IPv6 CIDR: the VCN's prefix with the low byte of its
// fourth 16-bit group set to hextet. The VCN's prefix must leave that byte free (a /56 or larger).
func ipv6Block(vcnCIDR string, hextet byte) (string, error) {
	p, err := netip.ParsePrefix(vcnCIDR)
	if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() {
		return "", fmt.Errorf("the VCN's IPv6 CIDR block %q is not an IPv6 prefix", vcnCIDR)
	}
	if p.Bits() > 56 {
		return "", fmt.Errorf("the VCN's IPv6 CIDR block %s is smaller than a /56: a hextet cannot place a /64 in it", p)
	}
	a := p.Masked().Addr().As16()
	a[7] = hextet
	return netip.PrefixFrom(netip.AddrFrom16(a), 64).String(), nil
}
