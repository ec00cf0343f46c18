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
		att, err := c.newPoolAttachment(r, ptrVal(lb.LoadBalancerId), ptrVal(lb.BackendSetName), ptrVal(lb.Port), ptrVal(lb.VnicSelection))
		if err != nil {
			return err
		}
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
		if err := c.scalePoolOrUndo(r); err != nil {
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

// opDetachInstance is the operation type of the work request of a DetachInstancePoolInstance.
const opDetachInstance = "DetachInstancePoolInstance"

// detachPoolInstance serves DetachInstancePoolInstance. The instance leaves the pool at once (and so its
// backends leave the pool's backend sets); with isDecrementSize (OCI's default: true) the pool's size goes down
// by one, otherwise the pool launches a replacement at once (a launch that fails answers its error and
// changes nothing); with isAutoTerminate (default false) the instance is terminated, otherwise it keeps running
// outside the pool. It answers 202 with a core work request on the pool that runs over the pool's delay, while
// the pool is SCALING. An instance that is not in the pool is a 404, and a second detach of an instance while
// the first one's work request is accepted or in progress is a 409.
func detachPoolInstance(c *call) error {
	pool, err := c.live(KindInstancePool, c.r.PathValue("instancePoolId"))
	if err != nil {
		return err
	}
	var d core.DetachInstancePoolInstanceDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	id := *d.InstanceId
	if c.detaching(pool.id, id) {
		return errConflict("Instance %s is already being detached from instance pool %s.", id, pool.id)
	}
	inst, err := c.live(KindInstance, id)
	if err != nil || inst.parents["instancePoolId"] != pool.id {
		return errNotFound("instance pool instance", id)
	}
	delete(inst.parents, "instancePoolId")
	p := pool.obj.(*core.InstancePool)
	if d.IsDecrementSize == nil || *d.IsDecrementSize {
		p.Size = ptr(max(ptrVal(p.Size)-1, 0))
		p.CurrentSize = p.Size
	} else if err := c.scalePoolOrUndo(pool); err != nil {
		inst.parents["instancePoolId"] = pool.id
		return err
	}
	if ptrVal(d.IsAutoTerminate) {
		c.terminate(inst)
	}
	wr, outcome := c.startWork(opDetachInstance, "instancepool", "UPDATED", KindInstancePool, pool)
	wr.parents["instanceId"] = id
	final := stRunning
	if outcome == "" {
		final = ""
	}
	c.transition(pool, KindInstancePool, "SCALING", final)
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr.id))
	return nil
}

// detaching reports whether a detach of an instance from a pool is accepted or in progress.
func (c *call) detaching(poolID, instanceID string) bool {
	for _, wr := range c.sim.st.byKind[kindWorkRequest] {
		w, ok := wr.obj.(*workRequest)
		if !ok || w.opType != opDetachInstance || wr.parents["resourceId"] != poolID || wr.parents["instanceId"] != instanceID {
			continue
		}
		c.sim.advance(wr, c.now)
		if wr.state == wrAccepted || wr.state == wrInProgress {
			return true
		}
	}
	return false
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
