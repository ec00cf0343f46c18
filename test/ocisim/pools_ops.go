package ocisim

import (
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
)

func createInstancePool(c *call) error {
	var d core.CreateInstancePoolDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := c.checkCompartment(*d.CompartmentId); err != nil {
		return err
	}
	if _, err := c.live(kindInstanceConfig, *d.InstanceConfigurationId); err != nil {
		return err
	}
	if len(d.PlacementConfigurations) == 0 {
		return errMissing("placementConfigurations")
	}
	p := &core.InstancePool{}
	copyFields(p, &d)
	for _, pc := range d.PlacementConfigurations {
		if err := c.checkPlacement(ptrVal(pc.AvailabilityDomain), ptrVal(pc.PrimarySubnetId)); err != nil {
			return err
		}
		placed := core.InstancePoolPlacementConfiguration{}
		copyFields(&placed, pc)
		p.PlacementConfigurations = append(p.PlacementConfigurations, placed)
	}
	r := c.newRecordPending(KindInstancePool, "instancepool", *d.CompartmentId, ptrVal(d.DisplayName), p, stProvisioning)
	for _, lb := range d.LoadBalancers {
		if _, err := c.live(KindLoadBalancer, ptrVal(lb.LoadBalancerId)); err != nil {
			return err
		}
		att := core.InstancePoolLoadBalancerAttachment{Id: ptr(newOCID("instancepoolloadbalancerattachment", c.region)),
			InstancePoolId: &r.id, LifecycleState: core.InstancePoolLoadBalancerAttachmentLifecycleStateAttached}
		copyFields(&att, lb)
		p.LoadBalancers = append(p.LoadBalancers, att)
	}
	r.parents["instanceConfigurationId"] = *d.InstanceConfigurationId
	if err := c.scalePool(r); err != nil {
		for _, inst := range c.poolInstances(r.id) {
			c.terminate(inst)
		}
		return err
	}
	c.sim.st.add(r)
	c.then(r, KindInstancePool, stRunning, nil)
	c.respond(r, nil)
	return nil
}

func updateInstancePool(c *call) error {
	r, err := c.liveOKE(KindInstancePool, "instancePoolId")
	if err != nil {
		return err
	}
	var d core.UpdateInstancePoolDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if d.InstanceConfigurationId != nil {
		if _, err := c.live(kindInstanceConfig, *d.InstanceConfigurationId); err != nil {
			return err
		}
		r.parents["instanceConfigurationId"] = *d.InstanceConfigurationId
	}
	p := r.obj.(*core.InstancePool)
	oldSize := ptrVal(p.Size)
	places := d.PlacementConfigurations
	d.PlacementConfigurations = nil
	copyFields(p, &d)
	if places != nil {
		p.PlacementConfigurations = nil
		for _, pc := range places {
			placed := core.InstancePoolPlacementConfiguration{}
			copyFields(&placed, pc)
			p.PlacementConfigurations = append(p.PlacementConfigurations, placed)
		}
	}
	r.name = ptrVal(p.DisplayName)
	if ptrVal(p.Size) != oldSize {
		before := map[string]bool{}
		for _, inst := range c.poolInstances(r.id) {
			before[inst.id] = true
		}
		if err := c.scalePool(r); err != nil {
			for _, inst := range c.poolInstances(r.id) {
				if !before[inst.id] {
					c.terminate(inst)
				}
			}
			p.Size = &oldSize
			return err
		}
		c.transition(r, KindInstancePool, "SCALING", stRunning)
	} else {
		c.sim.st.bump(r)
	}
	c.respond(r, nil)
	return nil
}

func terminateInstancePool(c *call) error {
	r, err := c.liveOKE(KindInstancePool, "instancePoolId")
	if err != nil {
		return err
	}
	r.deleted = true
	for _, inst := range c.poolInstances(r.id) {
		c.terminate(inst)
	}
	c.transition(r, KindInstancePool, stTerminating, stTerminated)
	c.writeJSON(http.StatusNoContent, nil, nil)
	return nil
}

func listPoolInstances(c *call) error {
	pool, err := c.lookup(KindInstancePool, c.r.PathValue("instancePoolId"))
	if err != nil {
		return err
	}
	return c.listRecords(KindInstance, func(r *record) bool {
		return r.parents["instancePoolId"] == pool.id && !r.deleted
	}, func(r *record) any {
		in := r.obj.(*core.Instance)
		return core.InstanceSummary{Id: &r.id, AvailabilityDomain: in.AvailabilityDomain, CompartmentId: &r.compartment,
			InstanceConfigurationId: in.InstanceConfigurationId, Region: in.Region, State: ptr(summaryState(r.state)),
			TimeCreated: in.TimeCreated, DisplayName: in.DisplayName, FaultDomain: in.FaultDomain, Shape: in.Shape}
	}, false)
}

// summaryState spells an instance state the way instance pool summaries do
// ("Running", not "RUNNING").
func summaryState(state string) string {
	if state == "" {
		return state
	}
	return state[:1] + strings.ToLower(state[1:])
}
