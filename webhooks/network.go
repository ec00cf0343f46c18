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

	"k8s.io/apimachinery/pkg/util/validation/field"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Subnet and NSG roles, subnet types and load balancer types the controllers understand.
const (
	RoleControlPlaneEndpoint = "control-plane-endpoint"
	RoleControlPlane         = "control-plane"
	RoleWorker               = "worker"
	RoleServiceLB            = "service-lb"
	RolePod                  = "pod"

	SubnetPublic  = "public"
	SubnetPrivate = "private"

	LoadBalancerNLB = "nlb"
	LoadBalancerLB  = "lb"

	// DefaultVCNCIDR is the VCN CIDR block used when none is given.
	DefaultVCNCIDR = "10.0.0.0/16"
)

// subnetDefault is the default layout of one subnet role.
type subnetDefault struct {
	role, cidr, kind string
}

// selfManagedSubnets is the default subnet layout of an OCICluster: a public endpoint subnet for the API server
// load balancer, private control-plane and worker subnets, and a public subnet for service load balancers.
var selfManagedSubnets = []subnetDefault{
	{RoleControlPlaneEndpoint, "10.0.0.8/29", SubnetPublic},
	{RoleControlPlane, "10.0.0.0/29", SubnetPrivate},
	{RoleWorker, "10.0.64.0/20", SubnetPrivate},
	{RoleServiceLB, "10.0.0.32/27", SubnetPublic},
}

// managedSubnets is the default subnet layout of an OCIManagedCluster (OKE): the OKE API endpoint, workers,
// service load balancers and pods (used by VCN-native pod networking).
var managedSubnets = []subnetDefault{
	{RoleControlPlaneEndpoint, "10.0.0.8/29", SubnetPublic},
	{RoleWorker, "10.0.64.0/20", SubnetPrivate},
	{RoleServiceLB, "10.0.0.32/27", SubnetPublic},
	{RolePod, "10.0.128.0/18", SubnetPrivate},
}

var (
	subnetRoles = []string{RoleControlPlaneEndpoint, RoleControlPlane, RoleWorker, RoleServiceLB, RolePod}
	subnetTypes = []string{SubnetPublic, SubnetPrivate}
)

// defaultNetwork fills the network a user would otherwise write: the VCN CIDR and the subnet layout of the
// given roles, or, when subnets are listed, each subnet's missing type and CIDR from its role. The layout is placed
// in the VCN's first CIDR block (see layoutCIDR). Nothing is defaulted when the network is not managed or the VCN is
// brought by ID. It never overwrites a value.
func defaultNetwork(n *infrav1.NetworkSpec, layout []subnetDefault) {
	if n.SkipNetworkManagement || n.VCN.ID != "" {
		return
	}
	if n.VCN.CIDR == "" && len(n.VCN.CIDRs) == 0 {
		n.VCN.CIDR = DefaultVCNCIDR
	}
	blocks := vcnBlocks(&n.VCN)
	if len(n.VCN.Subnets) == 0 {
		for _, d := range layout {
			n.VCN.Subnets = append(n.VCN.Subnets, infrav1.Subnet{Name: d.role, Role: d.role, CIDR: layoutCIDR(d.cidr, blocks), Type: d.kind})
		}
		return
	}
	for i := range n.VCN.Subnets {
		s := &n.VCN.Subnets[i]
		for _, d := range layout {
			if s.Role != d.role {
				continue
			}
			if s.Type == "" {
				s.Type = d.kind
			}
			if s.CIDR == "" && s.ID == "" {
				s.CIDR = layoutCIDR(d.cidr, blocks)
			}
		}
	}
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

// validateNetwork validates a network spec at path: CIDRs parse and nest, names and OCIDs are well formed, enums.
func validateNetwork(path *field.Path, n *infrav1.NetworkSpec) field.ErrorList {
	vcnPath := path.Child("vcn")
	errs := validateVCN(vcnPath, &n.VCN)
	errs = append(errs, validateSubnets(vcnPath, &n.VCN)...)
	errs = append(errs, validateNSGs(vcnPath.Child("networkSecurityGroup"), n.VCN.NetworkSecurityGroup)...)
	errs = append(errs, validateLoadBalancer(path.Child("apiServerLoadBalancer"), n.APIServerLoadBalancer)...)
	errs = append(errs, validatePeering(path.Child("vcnPeering"), n.VCNPeering)...)
	return errs
}

func validateVCN(path *field.Path, v *infrav1.VCN) field.ErrorList {
	errs := validateOCID(path.Child("id"), v.ID)
	errs = append(errs, validateDisplayName(path.Child("name"), v.Name)...)
	errs = append(errs, validateDNSLabel(path.Child("dnsLabel"), v.DNSLabel)...)
	var blocks []namedPrefix
	if v.CIDR != "" {
		p, perrs := parseCIDR(path.Child("cidr"), v.CIDR)
		errs = append(errs, perrs...)
		if perrs == nil {
			blocks = append(blocks, namedPrefix{path.Child("cidr"), p})
		}
	}
	for i, c := range v.CIDRs {
		p, perrs := parseCIDR(path.Child("cidrs").Index(i), c)
		errs = append(errs, perrs...)
		if perrs == nil && (v.CIDR == "" || p.String() != v.CIDR) {
			blocks = append(blocks, namedPrefix{path.Child("cidrs").Index(i), p})
		}
	}
	errs = append(errs, noOverlaps(blocks)...)
	if v.InternetGateway != nil {
		errs = append(errs, validateOCID(path.Child("internetGateway", "id"), v.InternetGateway.ID)...)
	}
	if v.NATGateway != nil {
		errs = append(errs, validateOCID(path.Child("natGateway", "id"), v.NATGateway.ID)...)
	}
	if v.ServiceGateway != nil {
		errs = append(errs, validateOCID(path.Child("serviceGateway", "id"), v.ServiceGateway.ID)...)
	}
	if v.RouteTable != nil {
		errs = append(errs, validateOCID(path.Child("routeTable", "privateRouteTableId"), v.RouteTable.PrivateRouteTableID)...)
		errs = append(errs, validateOCID(path.Child("routeTable", "publicRouteTableId"), v.RouteTable.PublicRouteTableID)...)
	}
	return errs
}

func validateSubnets(vcnPath *field.Path, v *infrav1.VCN) field.ErrorList {
	var errs field.ErrorList
	var prefixes []namedPrefix
	blocks := vcnBlocks(v)
	for i := range v.Subnets {
		s := &v.Subnets[i]
		p := vcnPath.Child("subnets").Index(i)
		errs = append(errs, validateResourceName(p.Child("name"), s.Name)...)
		if s.Role == "" {
			errs = append(errs, field.Required(p.Child("role"), "a subnet role is required"))
		}
		errs = append(errs, validateEnum(p.Child("role"), s.Role, subnetRoles...)...)
		errs = append(errs, validateEnum(p.Child("type"), s.Type, subnetTypes...)...)
		errs = append(errs, validateOCID(p.Child("id"), s.ID)...)
		errs = append(errs, validateDNSLabel(p.Child("dnsLabel"), s.DNSLabel)...)
		if s.SecurityList != nil {
			errs = append(errs, validateOCID(p.Child("securityList", "id"), s.SecurityList.ID)...)
			errs = append(errs, validateDisplayName(p.Child("securityList", "name"), s.SecurityList.Name)...)
		}
		if s.CIDR == "" {
			continue
		}
		prefix, perrs := parseCIDR(p.Child("cidr"), s.CIDR)
		errs = append(errs, perrs...)
		if perrs != nil {
			continue
		}
		if v.ID == "" {
			errs = append(errs, cidrWithin(p.Child("cidr"), prefix, blocks)...)
		}
		prefixes = append(prefixes, namedPrefix{p.Child("cidr"), prefix})
	}
	names := make([]string, 0, len(v.Subnets))
	for i := range v.Subnets {
		names = append(names, v.Subnets[i].Name)
	}
	errs = append(errs, validateUnique(vcnPath.Child("subnets"), names)...)
	return append(errs, noOverlaps(prefixes)...)
}

func validateNSGs(path *field.Path, g *infrav1.NetworkSecurityGroup) field.ErrorList {
	if g == nil {
		return nil
	}
	var errs field.ErrorList
	names := make([]string, 0, len(g.List))
	for i, n := range g.List {
		p := path.Child("list").Index(i)
		errs = append(errs, validateResourceName(p.Child("name"), n.Name)...)
		errs = append(errs, validateEnum(p.Child("role"), n.Role, subnetRoles...)...)
		errs = append(errs, validateOCID(p.Child("id"), n.ID)...)
		names = append(names, n.Name)
	}
	return append(errs, validateUnique(path.Child("list"), names)...)
}

func validateLoadBalancer(path *field.Path, lb *infrav1.LoadBalancer) field.ErrorList {
	if lb == nil {
		return nil
	}
	errs := validateEnum(path.Child("loadBalancerType"), lb.LoadBalancerType, LoadBalancerNLB, LoadBalancerLB)
	errs = append(errs, validateOCID(path.Child("loadBalancerId"), lb.LoadBalancerID)...)
	errs = append(errs, validateDisplayName(path.Child("name"), lb.Name)...)
	if lb.NLBSpec == nil {
		return errs
	}
	nlb := path.Child("nlbSpec")
	if lb.LoadBalancerType == LoadBalancerLB {
		errs = append(errs, field.Forbidden(nlb, "applies only to loadBalancerType nlb"))
	}
	errs = append(errs, validateOCIDs(nlb.Child("reservedIpIds"), lb.NLBSpec.ReservedIPIDs)...)
	if b := lb.NLBSpec.BackendSetDetails; b != nil && b.HealthChecker != nil {
		errs = append(errs, validateHealthChecker(nlb.Child("backendSetDetails", "healthChecker"), b.HealthChecker)...)
	}
	return errs
}

func validateHealthChecker(path *field.Path, h *infrav1.HealthChecker) field.ErrorList {
	errs := validateEnum(path.Child("protocol"), h.Protocol, "HTTP", "HTTPS", "TCP", "UDP")
	errs = append(errs, validateRange(path.Child("port"), h.Port, 1, 65535)...)
	errs = append(errs, validateRange(path.Child("retries"), h.Retries, 1, 10)...)
	errs = append(errs, validateRange(path.Child("returnCode"), h.ReturnCode, 100, 599)...)
	errs = append(errs, validateRange(path.Child("intervalInMillis"), h.IntervalInMillis, 1000, 1800000)...)
	errs = append(errs, validateRange(path.Child("timeoutInMillis"), h.TimeoutInMillis, 1, 600000)...)
	if h.IntervalInMillis != nil && h.TimeoutInMillis != nil && *h.TimeoutInMillis > *h.IntervalInMillis {
		errs = append(errs, field.Invalid(path.Child("timeoutInMillis"), *h.TimeoutInMillis,
			"must not be longer than intervalInMillis"))
	}
	return errs
}

func validatePeering(path *field.Path, p *infrav1.VCNPeering) field.ErrorList {
	if p == nil {
		return nil
	}
	var errs field.ErrorList
	if p.DRG != nil {
		errs = append(errs, validateOCID(path.Child("drg", "id"), p.DRG.ID)...)
		errs = append(errs, validateOCID(path.Child("drg", "vcnAttachmentId"), p.DRG.VCNAttachmentID)...)
	}
	for i, r := range p.PeerRouteRules {
		if _, perrs := parseCIDR(path.Child("peerRouteRules").Index(i).Child("vcnCIDRRange"), r.VCNCIDRRange); perrs != nil {
			errs = append(errs, perrs...)
		}
	}
	for i, r := range p.RemotePeeringConnections {
		rp := path.Child("remotePeeringConnections").Index(i)
		errs = append(errs, validateOCID(rp.Child("peerDRGId"), r.PeerDRGID)...)
		errs = append(errs, validateOCID(rp.Child("peerRPCConnectionId"), r.PeerRPCConnectionID)...)
		errs = append(errs, validateOCID(rp.Child("rpcConnectionId"), r.RPCConnectionID)...)
		errs = append(errs, validateRegion(rp.Child("peerRegionName"), r.PeerRegionName)...)
	}
	return errs
}
