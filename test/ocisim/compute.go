package ocisim

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/core"
)

const (
	stRunning   = "RUNNING"
	stAttaching = "ATTACHING"
	stAttached  = "ATTACHED"
	stDetaching = "DETACHING"
	stDetached  = "DETACHED"
)

func (s *Sim) computeRoutes(mux *http.ServeMux, region string) {
	s.handle(mux, ServiceCore, region, "POST /20160918/instances", "LaunchInstance", idempotent(launchInstance))
	s.handle(mux, ServiceCore, region, "GET /20160918/instances/{instanceId}", "GetInstance", getInstance)
	s.handle(mux, ServiceCore, region, "GET /20160918/instances", "ListInstances", func(c *call) error {
		return c.listRecords(KindInstance, nil, nil, false)
	})
	s.handle(mux, ServiceCore, region, "DELETE /20160918/instances/{instanceId}", "TerminateInstance", terminateInstance)
	s.handle(mux, ServiceCore, region, "POST /20160918/vnicAttachments", "AttachVnic", idempotent(attachVnic))
	s.handle(mux, ServiceCore, region, "GET /20160918/vnicAttachments", "ListVnicAttachments", func(c *call) error {
		return c.listRecords(KindVnicAttachment, nil, nil, false)
	})
	s.handle(mux, ServiceCore, region, "POST /20160918/volumeAttachments", "AttachVolume", idempotent(attachVolume))
	s.handle(mux, ServiceCore, region, "DELETE /20160918/volumeAttachments/{volumeAttachmentId}", "DetachVolume", detachVolume)
	s.handle(mux, ServiceCore, region, "GET /20160918/volumeAttachments", "ListVolumeAttachments", func(c *call) error {
		return c.listRecords(KindVolumeAttach, nil, nil, false)
	})
}

// launchPlan is what a launch needs once validated.
type launchPlan struct {
	ad, fd, shape string
	subnet        *record
}

// validateLaunch checks a launch's references and picks a fault domain: with
// strict, an unpinned launch goes to the least used fault domain whether or
// not it has capacity (Options.StrictPlacement); otherwise to one with
// capacity.
func (c *call) validateLaunch(d *core.LaunchInstanceDetails, strict bool) (*launchPlan, error) {
	if err := c.checkCompartment(ptrVal(d.CompartmentId)); err != nil {
		return nil, err
	}
	p := &launchPlan{ad: ptrVal(d.AvailabilityDomain), shape: ptrVal(d.Shape)}
	if !containsString(c.sim.ADNames(c.region), p.ad) {
		return nil, errInvalid("Unknown availability domain %q.", p.ad)
	}
	if c.sim.shape(p.shape) == nil {
		return nil, errInvalid("Shape %q is not available.", p.shape)
	}
	if err := c.checkSource(d); err != nil {
		return nil, err
	}
	subnetID := ptrVal(d.SubnetId)
	if d.CreateVnicDetails != nil && d.CreateVnicDetails.SubnetId != nil {
		subnetID = *d.CreateVnicDetails.SubnetId
	}
	subnet, err := c.live(KindSubnet, subnetID)
	if err != nil {
		return nil, err
	}
	p.subnet = subnet
	if err := c.checkLimit(KindInstance); err != nil {
		return nil, err
	}
	fd, err := c.pickFaultDomain(p.ad, ptrVal(d.FaultDomain), p.shape, strict)
	if err != nil {
		return nil, err
	}
	p.fd = fd
	return p, nil
}

// checkSource validates the polymorphic source details of a launch.
func (c *call) checkSource(d *core.LaunchInstanceDetails) error {
	switch src := d.SourceDetails.(type) {
	case core.InstanceSourceViaImageDetails:
		if !c.sim.imageExists(c.region, ptrVal(src.ImageId)) {
			return errNotFound("image", ptrVal(src.ImageId))
		}
	case core.InstanceSourceViaBootVolumeDetails:
		if ptrVal(src.BootVolumeId) == "" {
			return errMissing("sourceDetails.bootVolumeId")
		}
	case nil:
		if d.ImageId == nil || !c.sim.imageExists(c.region, *d.ImageId) {
			return errMissing("sourceDetails")
		}
	default:
		return errInvalid("Unsupported source type %T.", src)
	}
	return nil
}

// pickFaultDomain returns the requested fault domain if it has capacity for
// the shape, or else the least used one with capacity (ties go to the lowest
// number); "Out of host capacity" otherwise. With strict, an unpinned launch
// takes the least used fault domain without regard to capacity, and fails
// when that one is full.
func (c *call) pickFaultDomain(ad, fd, shape string, strict bool) (string, error) {
	used := map[string]int{}
	for _, r := range c.sim.st.byKind[KindInstance] {
		in := r.obj.(*core.Instance)
		if !r.deleted && r.region == c.region && ptrVal(in.AvailabilityDomain) == ad && ptrVal(in.Shape) == shape {
			used[ptrVal(in.FaultDomain)]++
		}
	}
	candidates := []string{fd}
	if fd == "" {
		candidates = make([]string, 0, c.sim.opts.FDs)
		for i := range c.sim.opts.FDs {
			candidates = append(candidates, fdName(i+1))
		}
	}
	hasRoom := func(dom string) bool {
		capacity, limited := c.sim.capacity(shape, ad, dom)
		return !limited || used[dom] < capacity
	}
	best := ""
	for _, cand := range candidates {
		if (strict || hasRoom(cand)) && (best == "" || used[cand] < used[best]) {
			best = cand
		}
	}
	if best == "" || !hasRoom(best) {
		return "", errCapacity(shape, ad)
	}
	return best, nil
}

// capacity returns how many instances of a shape fit in a fault domain,
// from the most specific of the keys "shape@AD@FD", "shape@AD" and "shape".
func (s *Sim) capacity(shape, ad, fd string) (int, bool) {
	for _, key := range []string{shape + "@" + ad + "@" + fd, shape + "@" + ad, shape} {
		if n, ok := s.opts.Capacity[key]; ok {
			return n, true
		}
	}
	return 0, false
}

// SetCapacity changes the host capacity of a key as in Options.Capacity; a
// negative n removes the limit.
func (s *Sim) SetCapacity(key string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.Capacity == nil {
		s.opts.Capacity = map[string]int{}
	}
	if n < 0 {
		delete(s.opts.Capacity, key)
		return
	}
	s.opts.Capacity[key] = n
}

// SetStrictPlacement turns Options.StrictPlacement on or off at run time.
func (s *Sim) SetStrictPlacement(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.StrictPlacement = on
}

// maxMetadataBytes is OCI's limit on the combined size of an instance's
// metadata and extendedMetadata.
const maxMetadataBytes = 32000

// checkMetadataSize refuses metadata and extendedMetadata larger than OCI's
// 32,000 bytes together. The size is measured as the provider measures it
// before launching (cloud/services/instance), so the two agree on the limit:
// len(key)+len(value) summed over metadata, plus len(key) and the length of
// the JSON encoding of the value summed over extendedMetadata.
func checkMetadataSize(d *core.LaunchInstanceDetails) error {
	size := 0
	for k, v := range d.Metadata {
		size += len(k) + len(v)
	}
	for k, v := range d.ExtendedMetadata {
		b, err := json.Marshal(v)
		if err != nil {
			return errInvalid("extendedMetadata[%s] cannot be encoded: %v", k, err)
		}
		size += len(k) + len(b)
	}
	if size > maxMetadataBytes {
		return errInvalid("The combined size of metadata and extendedMetadata must not exceed %d bytes (got %d).",
			maxMetadataBytes, size)
	}
	return nil
}

func launchInstance(c *call) error {
	var d core.LaunchInstanceDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := checkMetadataSize(&d); err != nil {
		return err
	}
	p, err := c.validateLaunch(&d, c.sim.opts.StrictPlacement)
	if err != nil {
		return err
	}
	r, err := c.launch(&d, p, "")
	if err != nil {
		return err
	}
	wr := c.coreWork("LaunchInstance", r)
	c.respond(r, map[string]string{"opc-work-request-id": wr})
	return nil
}

// launch creates an instance with its primary VNIC.
func (c *call) launch(d *core.LaunchInstanceDetails, p *launchPlan, poolID string) (*record, error) {
	in := &core.Instance{}
	copyFields(in, d)
	in.FaultDomain, in.Region = &p.fd, &c.region
	in.LaunchMode = core.InstanceLaunchModeParavirtualized
	if shape := c.sim.shape(p.shape); shape != nil {
		in.ShapeConfig = &core.InstanceShapeConfig{Ocpus: &shape.OCPUs, MemoryInGBs: &shape.MemoryGB}
		if d.ShapeConfig != nil && d.ShapeConfig.Ocpus != nil {
			in.ShapeConfig.Ocpus, in.ShapeConfig.MemoryInGBs = d.ShapeConfig.Ocpus, d.ShapeConfig.MemoryInGBs
		}
	}
	if src, ok := d.SourceDetails.(core.InstanceSourceViaImageDetails); ok {
		in.ImageId = src.ImageId
	}
	r := c.newRecordPending(KindInstance, "instance", *d.CompartmentId, ptrVal(d.DisplayName), in, stProvisioning)
	r.parents["availabilityDomain"] = p.ad
	if poolID != "" {
		r.parents["instancePoolId"] = poolID
	}
	vnicDetails := core.CreateVnicDetails{}
	if d.CreateVnicDetails != nil {
		vnicDetails = *d.CreateVnicDetails
	}
	vnicDetails.SubnetId = &p.subnet.id
	if _, err := c.attachVnicTo(r, &vnicDetails, 0, true); err != nil {
		return nil, err
	}
	c.sim.st.add(r)
	c.then(r, KindInstance, stRunning, nil)
	return r, nil
}

func getInstance(c *call) error {
	r, err := c.lookup(KindInstance, c.r.PathValue("instanceId"))
	if err != nil {
		return err
	}
	c.respond(r, nil)
	return nil
}

func terminateInstance(c *call) error {
	r, err := c.lookup(KindInstance, c.r.PathValue("instanceId"))
	if err != nil {
		return err
	}
	// The emulator keeps no boot or data volumes for instances, so the
	// preserve flags change nothing, but they must be booleans as in OCI.
	for _, q := range []string{"preserveBootVolume", "preserveDataVolumesCreatedAtLaunch"} {
		if v := c.query(q); v != "" {
			if _, err := strconv.ParseBool(v); err != nil {
				return errInvalid("%s must be true or false, got %q.", q, v)
			}
		}
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	if !r.deleted {
		c.terminate(r)
	}
	wr := c.coreWork("TerminateInstance", r)
	c.writeJSON(http.StatusNoContent, nil, map[string]string{"opc-work-request-id": wr})
	return nil
}

// terminate moves an instance to TERMINATING (TERMINATED after the delay) and
// releases its VNICs, private IPs and volume attachments at once.
func (c *call) terminate(r *record) {
	r.deleted = true
	c.transition(r, KindInstance, stTerminating, stTerminated)
	c.releaseInstance(r)
}

// releaseInstance detaches everything attached to an instance.
func (c *call) releaseInstance(r *record) {
	for _, a := range c.dependents("instanceId", r.id, KindVnicAttachment, KindVolumeAttach) {
		a.deleted = true
		c.transition(a, a.kind, stDetaching, stDetached)
		if v, ok := c.sim.st.recs[a.parents["vnicId"]]; ok && !v.deleted {
			c.releaseVnic(v)
		}
	}
}

// SetLimit changes the service limit of a kind as in Options.Limits; a
// negative n removes the limit.
func (s *Sim) SetLimit(kind string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.Limits == nil {
		s.opts.Limits = map[string]int{}
	}
	if n < 0 {
		delete(s.opts.Limits, kind)
		return
	}
	s.opts.Limits[kind] = n
}
