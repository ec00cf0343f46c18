package ocisim

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/oracle/oci-go-sdk/v65/core"
)

const kindInstanceConfig = "instanceconfiguration"

func (s *Sim) poolRoutes(mux *http.ServeMux, region string) {
	svc, cfg, pools := ServiceCore, "/20160918/instanceConfigurations", "/20160918/instancePools"
	s.handle(mux, svc, region, "POST "+cfg, "CreateInstanceConfiguration", idempotent(createInstanceConfiguration))
	// An instance configuration has no lifecycle: once deleted it is 404, as in OCI.
	s.handle(mux, svc, region, "GET "+cfg+"/{instanceConfigurationId}", "GetInstanceConfiguration", func(c *call) error {
		r, err := c.live(kindInstanceConfig, c.r.PathValue("instanceConfigurationId"))
		if err != nil {
			return err
		}
		c.respond(r, nil)
		return nil
	})
	s.handle(mux, svc, region, "GET "+cfg, "ListInstanceConfigurations", func(c *call) error {
		return c.listRecords(kindInstanceConfig, func(r *record) bool { return !r.deleted }, nil, false)
	})
	s.handle(mux, svc, region, "DELETE "+cfg+"/{instanceConfigurationId}", "DeleteInstanceConfiguration", deleteInstanceConfiguration)
	// Every pool operation brings the backend sets the pools are attached to up to date when it succeeds.
	pool := func(pattern, op string, h handlerFunc) {
		s.handle(mux, svc, region, pattern, op, withPoolBackends(h))
	}
	pool("POST "+pools, "CreateInstancePool", idempotent(createInstancePool))
	pool("GET "+pools+"/{instancePoolId}", "GetInstancePool", getOKE(KindInstancePool, "instancePoolId"))
	pool("GET "+pools, "ListInstancePools", func(c *call) error {
		return c.listRecords(KindInstancePool, nil, nil, false)
	})
	pool("PUT "+pools+"/{instancePoolId}", "UpdateInstancePool", idempotent(updateInstancePool))
	pool("DELETE "+pools+"/{instancePoolId}", "TerminateInstancePool", terminateInstancePool)
	pool("GET "+pools+"/{instancePoolId}/instances", "ListInstancePoolInstances", listPoolInstances)
	one := pools + "/{instancePoolId}/actions/"
	pool("POST "+one+"attachLoadBalancer", "AttachLoadBalancer", idempotent(attachPoolLB))
	pool("POST "+one+"detachLoadBalancer", "DetachLoadBalancer", idempotent(detachPoolLB))
	pool("POST "+one+"detachInstance", "DetachInstancePoolInstance", idempotent(detachPoolInstance))
}

func createInstanceConfiguration(c *call) error {
	var head struct {
		Source string `json:"source"`
	}
	if err := json.Unmarshal(c.body, &head); err != nil {
		return errInvalid("The request body is not valid: %v", err)
	}
	if head.Source != "" && head.Source != "NONE" {
		return errInvalid("Instance configurations from source %q are not supported by the emulator.", head.Source)
	}
	var d core.CreateInstanceConfigurationDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := c.checkCompartment(*d.CompartmentId); err != nil {
		return err
	}
	details, ok := d.InstanceDetails.(core.ComputeInstanceDetails)
	if !ok || details.LaunchDetails == nil {
		return errInvalid("instanceDetails must be of instanceType compute with launchDetails.")
	}
	if c.sim.shape(ptrVal(details.LaunchDetails.Shape)) == nil {
		return errInvalid("Shape %q is not available.", ptrVal(details.LaunchDetails.Shape))
	}
	ic := &core.InstanceConfiguration{}
	copyFields(ic, &d)
	r := c.newRecord(kindInstanceConfig, "instanceconfiguration", *d.CompartmentId, ptrVal(d.DisplayName), ic, "")
	c.respond(r, nil)
	return nil
}

func deleteInstanceConfiguration(c *call) error {
	r, err := c.live(kindInstanceConfig, c.r.PathValue("instanceConfigurationId"))
	if err != nil {
		return err
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	if pools := c.dependents("instanceConfigurationId", r.id, KindInstancePool); len(pools) > 0 {
		return errConflict("Instance configuration %s is used by instance pool %s.", r.id, pools[0].id)
	}
	r.deleted = true
	c.sim.st.bump(r)
	c.writeJSON(http.StatusNoContent, nil, nil)
	return nil
}

// poolInstances returns the live instances of a pool.
func (c *call) poolInstances(poolID string) []*record {
	return c.dependents("instancePoolId", poolID, KindInstance)
}

// launchFromConfig launches one pool instance from its configuration.
func (c *call) launchFromConfig(pool *record, n int) error {
	p := pool.obj.(*core.InstancePool)
	cfg, err := c.live(kindInstanceConfig, ptrVal(p.InstanceConfigurationId))
	if err != nil {
		return err
	}
	ld := cfg.obj.(*core.InstanceConfiguration).InstanceDetails.(core.ComputeInstanceDetails).LaunchDetails
	place := p.PlacementConfigurations[n%len(p.PlacementConfigurations)]
	d := core.LaunchInstanceDetails{CompartmentId: &pool.compartment, AvailabilityDomain: place.AvailabilityDomain,
		Shape: ld.Shape, DisplayName: ptr(poolInstanceName(pool, c.sim.st.seq)), Metadata: ld.Metadata,
		FreeformTags: ld.FreeformTags, DefinedTags: ld.DefinedTags, InstanceConfigurationId: &cfg.id,
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: place.PrimarySubnetId}}
	if ld.CreateVnicDetails != nil {
		d.CreateVnicDetails.NsgIds = ld.CreateVnicDetails.NsgIds
		d.CreateVnicDetails.AssignPublicIp = ld.CreateVnicDetails.AssignPublicIp
	}
	if sc := ld.ShapeConfig; sc != nil {
		d.ShapeConfig = &core.LaunchInstanceShapeConfigDetails{Ocpus: sc.Ocpus, MemoryInGBs: sc.MemoryInGBs,
			BaselineOcpuUtilization: core.LaunchInstanceShapeConfigDetailsBaselineOcpuUtilizationEnum(sc.BaselineOcpuUtilization)}
	}
	if src, ok := ld.SourceDetails.(core.InstanceConfigurationInstanceSourceViaImageDetails); ok {
		d.SourceDetails = core.InstanceSourceViaImageDetails{ImageId: src.ImageId}
	}
	if len(place.FaultDomains) > 0 {
		d.FaultDomain = &place.FaultDomains[n%len(place.FaultDomains)]
	}
	// Pools place their instances themselves: strict placement is for
	// unpinned LaunchInstance calls only.
	plan, err := c.validateLaunch(&d, false)
	if err != nil {
		return err
	}
	_, err = c.launch(&d, plan, pool.id)
	return err
}

// poolInstanceName names a pool's instance as OCI does: "inst-", five lowercase characters that differ from one
// instance to the next, and the pool's display name.
func poolInstanceName(pool *record, seq uint64) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", pool.id, seq)))
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 5)
	for i := range b {
		b[i] = letters[int(sum[i])%len(letters)]
	}
	return fmt.Sprintf("inst-%s-%s", b, pool.name)
}

// scalePoolOrUndo scales a pool like scalePool and, when a launch fails, terminates the instances it launched.
func (c *call) scalePoolOrUndo(pool *record) error {
	before := map[string]bool{}
	for _, inst := range c.poolInstances(pool.id) {
		before[inst.id] = true
	}
	if err := c.scalePool(pool); err != nil {
		for _, inst := range c.poolInstances(pool.id) {
			if !before[inst.id] {
				c.terminate(inst)
			}
		}
		return err
	}
	return nil
}

// scalePool launches or terminates instances until the pool has its size.
func (c *call) scalePool(pool *record) error {
	p := pool.obj.(*core.InstancePool)
	live := c.poolInstances(pool.id)
	for i := len(live) - 1; i >= ptrVal(p.Size); i-- {
		c.terminate(live[i])
	}
	for n := len(live); n < ptrVal(p.Size); n++ {
		if err := c.launchFromConfig(pool, n); err != nil {
			return err
		}
	}
	p.CurrentSize = p.Size
	return nil
}
