package ocisim

import (
	"net/netip"

	"github.com/oracle/oci-go-sdk/v65/core"
)

// Kinds of network resources.
const (
	kindRouteTable      = "routetable"
	kindSecurityList    = "securitylist"
	kindInternetGateway = "internetgateway"
	kindNatGateway      = "natgateway"
	kindServiceGateway  = "servicegateway"
	kindNSG             = "networksecuritygroup"
	kindDrg             = "drg"
	kindDrgAttachment   = "drgattachment"
	kindRPC             = "remotepeeringconnection"
	kindVnic            = "vnic"
)

func subnetSpec() *kindSpec {
	return &kindSpec{kind: KindSubnet, ocidType: "subnet", name: "Subnet", path: "/20160918/subnets",
		idParam: "subnetId", model: func() any { return &core.Subnet{} },
		create: func() any { return &core.CreateSubnetDetails{} }, update: func() any { return &core.UpdateSubnetDetails{} },
		parents: []string{"VcnId"}, states: netStates, build: buildSubnet, canDelete: subnetDeletable,
		referrers: subnetUsers, validateUpdate: func(c *call, r *record, details any) error {
			d := details.(*core.UpdateSubnetDetails)
			return c.checkSubnetRefs(ptrVal(r.obj.(*core.Subnet).VcnId), d.RouteTableId, d.SecurityListIds)
		}}
}

// buildSubnet checks the subnet's CIDR against its VCN and its siblings and
// fills in the router address and the VCN's defaults.
func buildSubnet(c *call, r *record, details any) error {
	d := details.(*core.CreateSubnetDetails)
	s := r.obj.(*core.Subnet)
	prefixes, vcn, err := c.vcnPrefixes(*d.VcnId)
	if err != nil {
		return err
	}
	p, err := parseCIDR(*d.CidrBlock, 16)
	if err != nil {
		return err
	}
	inside := false
	for _, q := range prefixes {
		inside = inside || contains(q, p)
	}
	if !inside {
		return errInvalid("Subnet CIDR %s is not within the CIDR blocks of VCN %s.", p, vcn.id)
	}
	for _, sib := range c.dependents("vcnId", vcn.id, KindSubnet) {
		if q, ok := sib.extra.(*subnetInfo); ok && overlaps(p, q.prefix) {
			return errInvalid("The requested CIDR %s overlaps with the CIDR %s of subnet %s.", p, q.prefix, sib.id)
		}
	}
	if err := c.checkSubnetRefs(vcn.id, d.RouteTableId, d.SecurityListIds); err != nil {
		return err
	}
	r.extra = &subnetInfo{prefix: p, used: map[string]bool{}}
	v := vcn.obj.(*core.Vcn)
	if err := subnetIPv6(v, s, d); err != nil {
		return err
	}
	if s.RouteTableId == nil {
		s.RouteTableId = v.DefaultRouteTableId
	}
	if len(s.SecurityListIds) == 0 {
		s.SecurityListIds = []string{*v.DefaultSecurityListId}
	}
	if s.DhcpOptionsId == nil {
		s.DhcpOptionsId = v.DefaultDhcpOptionsId
	}
	s.VirtualRouterIp = ptr(hostAt(p, 1).String())
	s.VirtualRouterMac = ptr("00:00:17:00:00:01")
	if d.DnsLabel != nil && v.VcnDomainName != nil {
		s.SubnetDomainName = ptr(*d.DnsLabel + "." + *v.VcnDomainName)
	}
	return nil
}

// subnetInfo is a subnet's parsed CIDR and its assigned private IPs.
type subnetInfo struct {
	prefix netip.Prefix
	used   map[string]bool
}

func subnetDeletable(c *call, r *record) error {
	if vnics := c.dependents("subnetId", r.id, kindVnic); len(vnics) > 0 {
		return errConflict("The subnet %s still has VNIC %s attached.", r.id, vnics[0].id)
	}
	return nil
}

// subnetUsers are the kinds that place things in subnets or NSGs.
var subnetUsers = []string{KindLoadBalancer, KindNLB, KindCluster, KindNodePool, KindVirtualNodePool, KindInstancePool, kindInstanceConfig}

// gatewayUsers are the kinds whose rules point at gateways.
var gatewayUsers = []string{kindRouteTable, KindSubnet}

func routeTableSpec() *kindSpec {
	return &kindSpec{kind: kindRouteTable, ocidType: "routetable", name: "RouteTable", path: "/20160918/routeTables",
		idParam: "rtId", model: func() any { return &core.RouteTable{} },
		create:  func() any { return &core.CreateRouteTableDetails{} },
		update:  func() any { return &core.UpdateRouteTableDetails{} },
		parents: []string{"VcnId"}, states: netStates, build: requireVcn,
		canDelete: notInUse("RouteTableId", KindSubnet)}
}

func securityListSpec() *kindSpec {
	return &kindSpec{kind: kindSecurityList, ocidType: "securitylist", name: "SecurityList",
		path: "/20160918/securityLists", idParam: "securityListId", model: func() any { return &core.SecurityList{} },
		create:  func() any { return &core.CreateSecurityListDetails{} },
		update:  func() any { return &core.UpdateSecurityListDetails{} },
		parents: []string{"VcnId"}, states: netStates, build: requireVcn,
		canDelete: notInUse("SecurityListId", KindSubnet)}
}

func internetGatewaySpec() *kindSpec {
	return &kindSpec{kind: kindInternetGateway, ocidType: "internetgateway", name: "InternetGateway",
		path: "/20160918/internetGateways", idParam: "igId", model: func() any { return &core.InternetGateway{} },
		create:  func() any { return &core.CreateInternetGatewayDetails{} },
		update:  func() any { return &core.UpdateInternetGatewayDetails{} },
		parents: []string{"VcnId"}, states: netStates, build: requireVcn, referrers: gatewayUsers}
}

func natGatewaySpec() *kindSpec {
	return &kindSpec{kind: kindNatGateway, ocidType: "natgateway", name: "NatGateway",
		path: "/20160918/natGateways", idParam: "natGatewayId", model: func() any { return &core.NatGateway{} },
		create:  func() any { return &core.CreateNatGatewayDetails{} },
		update:  func() any { return &core.UpdateNatGatewayDetails{} },
		parents: []string{"VcnId"}, states: netStates, referrers: gatewayUsers,
		build: func(c *call, r *record, details any) error {
			if err := requireVcn(c, r, details); err != nil {
				return err
			}
			n := r.obj.(*core.NatGateway)
			n.NatIp = ptr(c.sim.nextPublicIP())
			n.PublicIpId = ptr(newOCID("publicip", c.region))
			if n.BlockTraffic == nil {
				n.BlockTraffic = ptr(false)
			}
			return nil
		}}
}

func serviceGatewaySpec() *kindSpec {
	return &kindSpec{kind: kindServiceGateway, ocidType: "servicegateway", name: "ServiceGateway",
		path: "/20160918/serviceGateways", idParam: "serviceGatewayId", model: func() any { return &core.ServiceGateway{} },
		create:  func() any { return &core.CreateServiceGatewayDetails{} },
		update:  func() any { return &core.UpdateServiceGatewayDetails{} },
		parents: []string{"VcnId"}, states: netStates, referrers: gatewayUsers,
		build: func(c *call, r *record, details any) error {
			if err := requireVcn(c, r, details); err != nil {
				return err
			}
			sg := r.obj.(*core.ServiceGateway)
			sg.BlockTraffic = ptr(false)
			return c.setGatewayServices(sg, details.(*core.CreateServiceGatewayDetails).Services)
		},
		validateUpdate: func(c *call, r *record, details any) error {
			d := details.(*core.UpdateServiceGatewayDetails)
			if d.Services == nil {
				return nil
			}
			return c.setGatewayServices(r.obj.(*core.ServiceGateway), d.Services)
		}}
}

// setGatewayServices resolves the service ids of a service gateway.
func (c *call) setGatewayServices(sg *core.ServiceGateway, ids []core.ServiceIdRequestDetails) error {
	sg.Services = []core.ServiceIdResponseDetails{}
	for _, req := range ids {
		svc := c.sim.findService(c.region, *req.ServiceId)
		if svc == nil {
			return errNotFound("service", *req.ServiceId)
		}
		sg.Services = append(sg.Services, core.ServiceIdResponseDetails{ServiceId: svc.Id, ServiceName: svc.Name})
	}
	return nil
}

func nsgSpec() *kindSpec {
	return &kindSpec{kind: kindNSG, ocidType: "networksecuritygroup", name: "NetworkSecurityGroup",
		path: "/20160918/networkSecurityGroups", idParam: "networkSecurityGroupId",
		model:   func() any { return &core.NetworkSecurityGroup{} },
		create:  func() any { return &core.CreateNetworkSecurityGroupDetails{} },
		update:  func() any { return &core.UpdateNetworkSecurityGroupDetails{} },
		parents: []string{"VcnId"}, states: netStates, referrers: subnetUsers,
		build: func(c *call, r *record, details any) error {
			r.extra = &nsgRules{}
			return requireVcn(c, r, details)
		},
		canDelete: func(c *call, r *record) error {
			for _, v := range c.sim.st.byKind[kindVnic] {
				if !v.deleted && containsString(v.obj.(*core.Vnic).NsgIds, r.id) {
					return errConflict("The network security group %s is still used by VNIC %s.", r.id, v.id)
				}
			}
			return nil
		}}
}

// checkSubnetRefs checks that a subnet's route table and security lists are
// live and belong to its VCN.
func (c *call) checkSubnetRefs(vcnID string, routeTable *string, securityLists []string) error {
	refs := map[string]string{}
	if routeTable != nil {
		refs[*routeTable] = kindRouteTable
	}
	for _, id := range securityLists {
		refs[id] = kindSecurityList
	}
	for id, kind := range refs {
		r, err := c.live(kind, id)
		if err != nil {
			return err
		}
		if r.parents["vcnId"] != vcnID {
			return errInvalid("%s %s belongs to another VCN.", kind, id)
		}
	}
	return nil
}

// subnetIPv6 checks that a subnet's IPv6 /64s lie in its VCN's IPv6 blocks, as OCI does, and records them.
func subnetIPv6(v *core.Vcn, s *core.Subnet, d *core.CreateSubnetDetails) error {
	blocks := d.Ipv6CidrBlocks
	if d.Ipv6CidrBlock != nil {
		blocks = append([]string{*d.Ipv6CidrBlock}, blocks...)
	}
	vcnBlocks := append(append([]string{}, v.Ipv6CidrBlocks...), v.Ipv6PrivateCidrBlocks...)
	for _, b := range blocks {
		p, err := netip.ParsePrefix(b)
		if err != nil || !p.Addr().Is6() || p.Bits() != 64 {
			return errInvalid("Invalid IPv6 CIDR block %s: a subnet takes a /64.", b)
		}
		inside := false
		for _, vb := range vcnBlocks {
			if q, err := netip.ParsePrefix(vb); err == nil && q.Contains(p.Addr()) {
				inside = true
			}
		}
		if !inside {
			return errInvalid("IPv6 CIDR block %s is not within the IPv6 CIDR blocks of VCN %s.", b, ptrVal(v.Id))
		}
	}
	if len(blocks) > 0 {
		s.Ipv6CidrBlock, s.Ipv6CidrBlocks = &blocks[0], blocks
		s.Ipv6VirtualRouterIp = ptr(netip.MustParsePrefix(blocks[0]).Addr().Next().String())
	}
	return nil
}
