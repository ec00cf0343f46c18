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

package webhooks

import (
	"net/netip"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The default network of a cluster, as the earlier provider writes it into the object: the subnets of each role
// and the network security groups with their rules. Users' stored objects and GitOps repositories hold exactly
// these values, so they are facts of the wire format: a new object defaulted here is the object the earlier
// provider made of the same input. One difference, for a default that cannot work: the earlier provider lays the
// subnets out in 10.0.0.0/16 whatever the VCN's CIDR (and then refuses its own result); here the layout moves into
// the VCN's first block, and the rules follow the subnets they are about.

// subnetDefault is the default layout of one subnet role.
type subnetDefault struct {
	role, cidr, kind string
}

// selfManagedSubnets is the default subnet layout of an OCICluster, in the earlier provider's order: a public
// endpoint subnet for the API server load balancer, the private control-plane subnet, a public subnet for service
// load balancers and the private worker subnet.
var selfManagedSubnets = []subnetDefault{
	{RoleControlPlaneEndpoint, "10.0.0.8/29", SubnetPublic},
	{RoleControlPlane, "10.0.0.0/29", SubnetPrivate},
	{RoleServiceLB, "10.0.0.32/27", SubnetPublic},
	{RoleWorker, "10.0.64.0/20", SubnetPrivate},
}

// managedSubnets is the default subnet layout of an OCIManagedCluster (OKE): the OKE API endpoint, service load
// balancers, workers and pods (used by VCN-native pod networking).
var managedSubnets = []subnetDefault{
	{RoleControlPlaneEndpoint, "10.0.0.8/29", SubnetPublic},
	{RoleServiceLB, "10.0.0.32/27", SubnetPublic},
	{RoleWorker, "10.0.64.0/20", SubnetPrivate},
	{RolePod, "10.0.128.0/18", SubnetPrivate},
}

// defaultSelfManagedNetwork defaults the network of an OCICluster as the earlier provider does: every missing
// subnet role is added (name and role alike, with its CIDR and type), a listed subnet without a CIDR gets its role's,
// and every NSG role that has neither an NSG nor a subnet with a security list gets the default NSG and its rules.
// The VCN's CIDR is left as given (the controller uses 10.0.0.0/16 when it is empty). It never overwrites a value.
func defaultSelfManagedNetwork(n *infrav1.NetworkSpec) {
	if n.SkipNetworkManagement {
		return
	}
	blocks := layoutBlocks(&n.VCN)
	for _, d := range selfManagedSubnets {
		found := false
		for i := range n.VCN.Subnets {
			if s := &n.VCN.Subnets[i]; s.Role == d.role {
				found = true
				if s.CIDR == "" {
					s.CIDR = layoutCIDR(d.cidr, blocks)
				}
			}
		}
		if !found {
			n.VCN.Subnets = append(n.VCN.Subnets, defaultSubnet(d, blocks))
		}
	}
	addDefaultNSGs(&n.VCN, selfManagedNSGs(ruleCIDRsOf(&n.VCN, selfManagedSubnets)), true)
}

// defaultManagedNetwork defaults the network of an OCIManagedCluster as the earlier provider does: the VCN's CIDR,
// the four default subnets when none is listed, and the four default NSGs with OKE's rules when none is listed.
func defaultManagedNetwork(n *infrav1.NetworkSpec) {
	if n.SkipNetworkManagement {
		return
	}
	if n.VCN.CIDR == "" && len(n.VCN.CIDRs) == 0 {
		n.VCN.CIDR = DefaultVCNCIDR
	}
	blocks := layoutBlocks(&n.VCN)
	if len(n.VCN.Subnets) == 0 {
		for _, d := range managedSubnets {
			n.VCN.Subnets = append(n.VCN.Subnets, defaultSubnet(d, blocks))
		}
	}
	if g := n.VCN.NetworkSecurityGroup; g == nil || len(g.List) == 0 {
		addDefaultNSGs(&n.VCN, managedNSGs(ruleCIDRsOf(&n.VCN, managedSubnets)), false)
	}
}

func defaultSubnet(d subnetDefault, blocks []netip.Prefix) infrav1.Subnet {
	return infrav1.Subnet{Name: d.role, Role: d.role, CIDR: layoutCIDR(d.cidr, blocks), Type: d.kind}
}

// addDefaultNSGs appends each default NSG whose role has no NSG yet (nor, when securityLists is set, a subnet with
// its own security list), unless the NSGs are skipped.
func addDefaultNSGs(v *infrav1.VCN, defaults []infrav1.NSG, securityLists bool) {
	if v.NetworkSecurityGroup != nil && v.NetworkSecurityGroup.Skip {
		return
	}
	for _, d := range defaults {
		if hasNSGRole(v.NetworkSecurityGroup, d.Role) || (securityLists && hasSecurityList(v.Subnets, d.Role)) {
			continue
		}
		if v.NetworkSecurityGroup == nil {
			v.NetworkSecurityGroup = &infrav1.NetworkSecurityGroup{}
		}
		v.NetworkSecurityGroup.List = append(v.NetworkSecurityGroup.List, d)
	}
}

func hasNSGRole(g *infrav1.NetworkSecurityGroup, role string) bool {
	if g == nil {
		return false
	}
	for i := range g.List {
		if g.List[i].Role == role {
			return true
		}
	}
	return false
}

func hasSecurityList(subnets []infrav1.Subnet, role string) bool {
	for i := range subnets {
		if subnets[i].Role == role && subnets[i].SecurityList != nil {
			return true
		}
	}
	return false
}

// ruleCIDRs are the CIDRs the default rules are about: the VCN's and each role's subnet.
type ruleCIDRs struct {
	vcn, endpoint, controlPlane, worker, serviceLB, pod string
}

// ruleCIDRsOf returns the CIDR of the VCN and of each role's first subnet with one; a role without a subnet CIDR
// falls back to its place in the layout, and, where the VCN is too small for the layout, to the VCN's CIDR.
func ruleCIDRsOf(v *infrav1.VCN, layout []subnetDefault) ruleCIDRs {
	blocks := layoutBlocks(v)
	vcn := blocks[0].String()
	byRole := map[string]string{}
	for i := range v.Subnets {
		if s := v.Subnets[i]; s.CIDR != "" && byRole[s.Role] == "" {
			byRole[s.Role] = s.CIDR
		}
	}
	for _, d := range append(append([]subnetDefault{}, layout...), selfManagedSubnets...) {
		if byRole[d.role] == "" {
			byRole[d.role] = layoutCIDR(d.cidr, blocks)
		}
		if byRole[d.role] == "" {
			byRole[d.role] = vcn
		}
	}
	return ruleCIDRs{vcn: vcn, endpoint: byRole[RoleControlPlaneEndpoint], controlPlane: byRole[RoleControlPlane],
		worker: byRole[RoleWorker], serviceLB: byRole[RoleServiceLB], pod: byRole[RolePod]}
}

// layoutBlocks returns the VCN's CIDR blocks, or the default VCN CIDR when none is given.
func layoutBlocks(v *infrav1.VCN) []netip.Prefix {
	if blocks := vcnBlocks(v); len(blocks) > 0 {
		return blocks
	}
	return []netip.Prefix{netip.MustParsePrefix(DefaultVCNCIDR)}
}

// layoutCIDR moves a default subnet CIDR (laid out in 10.0.0.0/16) into the VCN's first IPv4 block when that block
// is a /16 or larger: 10.0.64.0/20 becomes 192.168.64.0/20 in a 192.168.0.0/16 VCN. It returns "" when the block is
// smaller, so that no CIDR outside the VCN is ever defaulted; the user then sets the subnets' CIDRs.
func layoutCIDR(cidr string, blocks []netip.Prefix) string {
	if len(blocks) == 0 || !blocks[0].Addr().Is4() || blocks[0].Bits() > 16 {
		return ""
	}
	d, b := netip.MustParsePrefix(cidr), blocks[0].Addr().As4()
	a := d.Addr().As4()
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{b[0], b[1], a[2], a[3]}), d.Bits()).String()
}

// vcnBlocks returns the parsed CIDR blocks of a VCN, skipping the ones that do not parse.
func vcnBlocks(v *infrav1.VCN) []netip.Prefix {
	var blocks []netip.Prefix
	for _, c := range append([]string{v.CIDR}, v.CIDRs...) {
		if p, err := netip.ParsePrefix(c); err == nil && p.Masked() == p {
			blocks = append(blocks, p)
		}
	}
	return blocks
}
