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
	"fmt"
	"strings"

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

	loadBalancerOCIDPrefix        = "ocid1.loadbalancer."
	networkLoadBalancerOCIDPrefix = "ocid1.networkloadbalancer."

	// DefaultVCNCIDR is the VCN CIDR block used when none is given.
	DefaultVCNCIDR = "10.0.0.0/16"
)

var (
	subnetRoles = []string{RoleControlPlaneEndpoint, RoleControlPlane, RoleWorker, RoleServiceLB, RolePod}
	subnetTypes = []string{SubnetPublic, SubnetPrivate}
)

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

// validateLoadBalancer accepts the load balancer types nlb and lb in any case, as the earlier provider does, and an
// adopted load balancer's OCID only if it is one of a load balancer or a network load balancer.
func validateLoadBalancer(path *field.Path, lb *infrav1.LoadBalancer) field.ErrorList {
	if lb == nil {
		return nil
	}
	var errs field.ErrorList
	if t := lb.LoadBalancerType; t != "" && !strings.EqualFold(t, LoadBalancerNLB) && !strings.EqualFold(t, LoadBalancerLB) {
		errs = append(errs, field.NotSupported(path.Child("loadBalancerType"), t, []string{LoadBalancerNLB, LoadBalancerLB}))
	}
	idErrs := validateOCID(path.Child("loadBalancerId"), lb.LoadBalancerID)
	if id := lb.LoadBalancerID; idErrs == nil && id != "" &&
		!strings.HasPrefix(id, loadBalancerOCIDPrefix) && !strings.HasPrefix(id, networkLoadBalancerOCIDPrefix) {
		idErrs = append(idErrs, field.Invalid(path.Child("loadBalancerId"), id,
			"must be the OCID of a load balancer (ocid1.loadbalancer...) or network load balancer (ocid1.networkloadbalancer...)"))
	}
	errs = append(errs, idErrs...)
	errs = append(errs, validateDisplayName(path.Child("name"), lb.Name)...)
	if lb.NLBSpec == nil {
		return errs
	}
	nlb := path.Child("nlbSpec")
	if lb.IsFlexibleLoadBalancer() && !nlbSpecIsEmpty(lb.NLBSpec) {
		errs = append(errs, field.Forbidden(nlb, "applies only to a network load balancer, not to loadBalancerType lb"))
	}
	errs = append(errs, validateOCIDs(nlb.Child("reservedIpIds"), lb.NLBSpec.ReservedIPIDs)...)
	if b := lb.NLBSpec.BackendSetDetails; b != nil && b.HealthChecker != nil {
		errs = append(errs, validateHealthChecker(nlb.Child("backendSetDetails", "healthChecker"), b.HealthChecker)...)
	}
	return errs
}

// nlbSpecIsEmpty reports whether an NLB spec sets nothing; the earlier provider stores an empty health checker in
// every object, whatever its load balancer type.
func nlbSpecIsEmpty(s *infrav1.NLBSpec) bool {
	c := s.DeepCopy()
	if c == nil {
		return true
	}
	if b := c.BackendSetDetails; b != nil && isZero(b.HealthChecker) {
		b.HealthChecker = nil
	}
	if isZero(c.BackendSetDetails) {
		c.BackendSetDetails = nil
	}
	if len(c.ReservedIPIDs) == 0 {
		c.ReservedIPIDs = nil
	}
	return isZero(c)
}

// loadBalancerWarnings says which kind of load balancer a type that is not written exactly nlb or lb gets, and that
// an adopted load balancer's OCID decides over a type that says otherwise.
func loadBalancerWarnings(path *field.Path, lb *infrav1.LoadBalancer) []string {
	if lb == nil {
		return nil
	}
	t, typePath := lb.LoadBalancerType, path.Child("loadBalancerType").String()
	flexible := lb.IsFlexibleLoadBalancer()
	switch {
	case lb.LoadBalancerID != "" && t != "" && (t == LoadBalancerLB) != flexible:
		return []string{fmt.Sprintf("%s %q is ignored: %s is the OCID of a %s, and the type follows it",
			typePath, t, path.Child("loadBalancerId"), kindOfLB(flexible))}
	case lb.LoadBalancerID == "" && t != LoadBalancerLB && strings.EqualFold(t, LoadBalancerLB):
		return []string{fmt.Sprintf("%s %q makes a network load balancer, as with the earlier provider: only the "+
			"exact value \"lb\" makes a flexible load balancer", typePath, t)}
	}
	return nil
}

func kindOfLB(flexible bool) string {
	if flexible {
		return "flexible load balancer"
	}
	return "network load balancer"
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
