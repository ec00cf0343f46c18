package ocisim

import (
	"fmt"
	"net/netip"

	"github.com/oracle/oci-go-sdk/v65/core"
)

func vnicSpec() *kindSpec {
	return &kindSpec{kind: kindVnic, ocidType: "vnic", name: "Vnic", path: "/20160918/vnics", idParam: "vnicId",
		model: func() any { return &core.Vnic{} }, update: func() any { return &core.UpdateVnicDetails{} },
		validateUpdate: func(c *call, _ *record, details any) error {
			for _, id := range details.(*core.UpdateVnicDetails).NsgIds {
				if _, err := c.live(kindNSG, id); err != nil {
					return err
				}
			}
			return nil
		}}
}

// allocateIP reserves a private IP in a subnet: the requested one or the next free.
func (c *call) allocateIP(subnet *record, want string) (string, error) {
	info := subnet.extra.(*subnetInfo)
	if want != "" {
		a, err := netip.ParseAddr(want)
		if err != nil || !info.prefix.Contains(a) {
			return "", errInvalid("Private IP %q is not in subnet %s.", want, subnet.id)
		}
		if info.used[want] {
			return "", errConflict("Private IP %s is already assigned in subnet %s.", want, subnet.id)
		}
		info.used[want] = true
		return want, nil
	}
	// OCI reserves the first two and the last address of a subnet.
	for a := hostAt(info.prefix, 2); info.prefix.Contains(a.Next()); a = a.Next() {
		if ip := a.String(); !info.used[ip] {
			info.used[ip] = true
			return ip, nil
		}
	}
	return "", errConflict("Subnet %s has no free private IP addresses.", subnet.id)
}

// attachVnicTo creates a VNIC and its attachment for an instance record.
func (c *call) attachVnicTo(inst *record, d *core.CreateVnicDetails, nicIndex int, primary bool) (*record, error) {
	subnet, err := c.live(KindSubnet, ptrVal(d.SubnetId))
	if err != nil {
		return nil, err
	}
	for _, id := range d.NsgIds {
		if _, err := c.live(kindNSG, id); err != nil {
			return nil, err
		}
	}
	ip, err := c.allocateIP(subnet, ptrVal(d.PrivateIp))
	if err != nil {
		return nil, err
	}
	in := inst.obj.(*core.Instance)
	vnic := &core.Vnic{SubnetId: &subnet.id, AvailabilityDomain: in.AvailabilityDomain, CompartmentId: &inst.compartment,
		PrivateIp: &ip, IsPrimary: &primary, NsgIds: d.NsgIds, HostnameLabel: d.HostnameLabel,
		SkipSourceDestCheck: d.SkipSourceDestCheck, FreeformTags: d.FreeformTags, DefinedTags: d.DefinedTags,
		DisplayName: d.DisplayName, MacAddress: ptr(fmt.Sprintf("02:00:17:%02x:%02x:%02x", c.sim.st.seq>>16&0xff,
			c.sim.st.seq>>8&0xff, c.sim.st.seq&0xff))}
	if vnic.NsgIds == nil {
		vnic.NsgIds = []string{}
	}
	if ptrVal(d.AssignPublicIp) && !ptrVal(subnet.obj.(*core.Subnet).ProhibitPublicIpOnVnic) {
		vnic.PublicIp = ptr(c.sim.nextPublicIP())
	}
	v := c.newRecord(kindVnic, "vnic", inst.compartment, ptrVal(d.DisplayName), vnic, stAvailable)
	v.parents["subnetId"] = subnet.id
	v.extra = ip
	att := &core.VnicAttachment{InstanceId: &inst.id, VnicId: &v.id, SubnetId: &subnet.id, NicIndex: &nicIndex,
		AvailabilityDomain: in.AvailabilityDomain, CompartmentId: &inst.compartment, DisplayName: d.DisplayName}
	a := c.newRecord(KindVnicAttachment, "vnicattachment", inst.compartment, ptrVal(d.DisplayName), att, stAttaching)
	a.parents["instanceId"], a.parents["vnicId"] = inst.id, v.id
	a.parents["availabilityDomain"] = ptrVal(in.AvailabilityDomain)
	c.then(a, KindVnicAttachment, stAttached, nil)
	return a, nil
}

// releaseVnic deletes a VNIC and frees its private IP.
func (c *call) releaseVnic(v *record) {
	v.deleted = true
	c.transition(v, kindVnic, stTerminating, stTerminated)
	if subnet, ok := c.sim.st.recs[v.parents["subnetId"]]; ok {
		if info, ok := subnet.extra.(*subnetInfo); ok {
			delete(info.used, v.extra.(string))
		}
	}
}

func attachVnic(c *call) error {
	var d core.AttachVnicDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	inst, err := c.live(KindInstance, ptrVal(d.InstanceId))
	if err != nil {
		return err
	}
	if inst.state != stRunning {
		return errIncorrectState("Instance %s is %s; VNICs attach to RUNNING instances.", inst.id, inst.state)
	}
	nic := len(c.dependents("instanceId", inst.id, KindVnicAttachment))
	if d.NicIndex != nil {
		nic = *d.NicIndex
	}
	a, err := c.attachVnicTo(inst, d.CreateVnicDetails, nic, false)
	if err != nil {
		return err
	}
	if d.DisplayName != nil {
		a.obj.(*core.VnicAttachment).DisplayName, a.name = d.DisplayName, *d.DisplayName
	}
	c.respond(a, nil)
	return nil
}
