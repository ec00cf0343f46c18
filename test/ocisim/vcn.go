package ocisim

import (
	"fmt"
	"net/netip"
	"sync/atomic"

	"github.com/oracle/oci-go-sdk/v65/core"
)

const (
	stProvisioning = "PROVISIONING"
	stAvailable    = "AVAILABLE"
	stTerminating  = "TERMINATING"
	stTerminated   = "TERMINATED"
)

var netStates = [4]string{stProvisioning, stAvailable, stTerminating, stTerminated}

func vcnSpec() *kindSpec {
	return &kindSpec{kind: KindVcn, ocidType: "vcn", name: "Vcn", path: "/20160918/vcns", idParam: "vcnId",
		model: func() any { return &core.Vcn{} }, create: func() any { return &core.CreateVcnDetails{} },
		update: func() any { return &core.UpdateVcnDetails{} }, states: netStates,
		build: buildVcn, canDelete: vcnDeletable, onDeleted: deleteVcnDefaults}
}

// buildVcn validates the CIDRs and creates the default route table and
// security list.
func buildVcn(c *call, r *record, details any) error {
	d := details.(*core.CreateVcnDetails)
	v := r.obj.(*core.Vcn)
	cidrs := d.CidrBlocks
	if d.CidrBlock != nil {
		cidrs = append([]string{*d.CidrBlock}, cidrs...)
	}
	if len(cidrs) == 0 {
		return errMissing("cidrBlocks")
	}
	var prefixes []netip.Prefix
	for _, cidr := range cidrs {
		p, err := parseCIDR(cidr, 16)
		if err != nil {
			return err
		}
		for _, q := range prefixes {
			if overlaps(p, q) {
				return errInvalid("VCN CIDR blocks %s and %s overlap.", p, q)
			}
		}
		prefixes = append(prefixes, p)
	}
	r.extra = prefixes
	v.CidrBlock, v.CidrBlocks = &cidrs[0], cidrs
	if err := allocateIPv6(v, d); err != nil {
		return err
	}
	if d.DnsLabel != nil {
		v.VcnDomainName = ptr(*d.DnsLabel + ".oraclevcn.com")
	}
	rt := c.newRecord(kindRouteTable, "routetable", r.compartment, "Default Route Table for "+r.name,
		&core.RouteTable{VcnId: &r.id, CompartmentId: &r.compartment, RouteRules: []core.RouteRule{}}, stAvailable)
	rt.parents["vcnId"] = r.id
	rt.extra = defaultMarker{}
	sl := c.newRecord(kindSecurityList, "securitylist", r.compartment, "Default Security List for "+r.name,
		&core.SecurityList{VcnId: &r.id, CompartmentId: &r.compartment,
			IngressSecurityRules: []core.IngressSecurityRule{}, EgressSecurityRules: []core.EgressSecurityRule{}}, stAvailable)
	sl.parents["vcnId"] = r.id
	sl.extra = defaultMarker{}
	setField(rt.obj, "DisplayName", rt.name)
	setField(sl.obj, "DisplayName", sl.name)
	v.DefaultRouteTableId, v.DefaultSecurityListId = &rt.id, &sl.id
	v.DefaultDhcpOptionsId = ptr(newOCID("dhcpoptions", c.region))
	return nil
}

// defaultMarker marks the route table and security list a VCN created.
type defaultMarker struct{}

// dependents returns the live records of the given kinds whose parent key
// points at id.
func (c *call) dependents(key, id string, kinds ...string) []*record {
	var out []*record
	for _, k := range kinds {
		for _, r := range c.sim.st.byKind[k] {
			if !r.deleted && r.parents[key] == id {
				out = append(out, r)
			}
		}
	}
	return out
}

func vcnDeletable(c *call, r *record) error {
	for _, d := range c.dependents("vcnId", r.id, KindSubnet, kindInternetGateway, kindNatGateway,
		kindServiceGateway, kindNSG, kindDrgAttachment, kindRouteTable, kindSecurityList) {
		if _, isDefault := d.extra.(defaultMarker); isDefault {
			continue
		}
		return errConflict("The VCN %s still has a dependent %s %s.", r.id, d.kind, d.id)
	}
	return nil
}

func deleteVcnDefaults(c *call, r *record) {
	for _, d := range c.dependents("vcnId", r.id, kindRouteTable, kindSecurityList) {
		d.deleted = true
		c.transition(d, d.kind, stTerminating, stTerminated)
	}
}

func ptr[T any](v T) *T { return &v }

// vcnPrefixes returns the CIDRs of a live VCN.
func (c *call) vcnPrefixes(vcnID string) ([]netip.Prefix, *record, error) {
	v, err := c.live(KindVcn, vcnID)
	if err != nil {
		return nil, nil, err
	}
	prefixes, _ := v.extra.([]netip.Prefix)
	return prefixes, v, nil
}

// requireVcn checks that a create references a live VCN.
func requireVcn(c *call, _ *record, details any) error {
	id := stringField(details, "VcnId")
	if id == "" {
		return errMissing("vcnId")
	}
	_, _, err := c.vcnPrefixes(id)
	return err
}

func notInUse(field string, kinds ...string) func(c *call, r *record) error {
	return func(c *call, r *record) error {
		for _, k := range kinds {
			for _, d := range c.sim.st.byKind[k] {
				if d.deleted {
					continue
				}
				if stringField(d.obj, field) == r.id || containsString(stringSlice(d.obj, field+"s"), r.id) {
					return errConflict("%s %s is still used by %s %s.", r.kind, r.id, d.kind, d.id)
				}
			}
		}
		return nil
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// vcnIPv6Count numbers the IPv6 /56 blocks the emulator gives VCNs, so that each VCN's differs.
var vcnIPv6Count atomic.Uint32

// allocateIPv6 gives an IPv6 VCN, as OCI does, a /56 of Oracle's global unicast addresses (unless told not to)
// and the private IPv6 prefixes it asks for.
func allocateIPv6(v *core.Vcn, d *core.CreateVcnDetails) error {
	v.Ipv6PrivateCidrBlocks = nil
	for _, b := range d.Ipv6PrivateCidrBlocks {
		p, err := netip.ParsePrefix(b)
		if err != nil || !p.Addr().Is6() || p.Bits() > 64 {
			return errInvalid("Invalid IPv6 CIDR block %s.", b)
		}
		v.Ipv6PrivateCidrBlocks = append(v.Ipv6PrivateCidrBlocks, p.Masked().String())
	}
	if !ptrVal(d.IsIpv6Enabled) && len(d.Ipv6PrivateCidrBlocks) == 0 {
		return nil
	}
	if d.IsOracleGuaAllocationEnabled == nil || *d.IsOracleGuaAllocationEnabled {
		n := vcnIPv6Count.Add(1)
		v.Ipv6CidrBlocks = []string{fmt.Sprintf("2603:c020:%x:%x00::/56", n>>8&0xffff, n&0xff)}
	}
	return nil
}
