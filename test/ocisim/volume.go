package ocisim

import (
	"encoding/json"
	"net/http"

	"github.com/oracle/oci-go-sdk/v65/core"
)

func volumeSpec() *kindSpec {
	return &kindSpec{kind: KindVolume, ocidType: "volume", name: "Volume", path: "/20160918/volumes", idParam: "volumeId",
		model: func() any { return &core.Volume{} }, create: func() any { return &core.CreateVolumeDetails{} },
		parents: []string{"AvailabilityDomain"}, states: [4]string{stProvisioning, stAvailable, stTerminating, stTerminated},
		build: func(c *call, r *record, _ any) error {
			v := r.obj.(*core.Volume)
			if !containsString(c.sim.ADNames(c.region), ptrVal(v.AvailabilityDomain)) {
				return errInvalid("Unknown availability domain %q.", ptrVal(v.AvailabilityDomain))
			}
			if v.SizeInGBs == nil {
				v.SizeInGBs = ptr(int64(50))
			}
			v.SizeInMBs = ptr(*v.SizeInGBs * 1024)
			v.IsHydrated = ptr(true)
			return nil
		},
		canDelete: func(c *call, r *record) error {
			if a := c.dependents("volumeId", r.id, KindVolumeAttach); len(a) > 0 {
				return errConflict("Volume %s is still attached (%s).", r.id, a[0].id)
			}
			return nil
		}}
}

// decodeAttachVolume decodes the polymorphic attach details by their "type".
func decodeAttachVolume(c *call) (any, core.VolumeAttachment, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(c.body, &head); err != nil {
		return nil, nil, errInvalid("The request body is not valid: %v", err)
	}
	var details any
	var model core.VolumeAttachment
	switch head.Type {
	case "paravirtualized":
		details, model = &core.AttachParavirtualizedVolumeDetails{}, &core.ParavirtualizedVolumeAttachment{}
	case "iscsi":
		details, model = &core.AttachIScsiVolumeDetails{}, &core.IScsiVolumeAttachment{}
	case "emulated":
		details, model = &core.AttachEmulatedVolumeDetails{}, &core.EmulatedVolumeAttachment{}
	default:
		return nil, nil, errInvalid("Unsupported volume attachment type %q.", head.Type)
	}
	if err := c.decode(details); err != nil {
		return nil, nil, err
	}
	return details, model, nil
}

func attachVolume(c *call) error {
	details, model, err := decodeAttachVolume(c)
	if err != nil {
		return err
	}
	inst, err := c.live(KindInstance, stringField(details, "InstanceId"))
	if err != nil {
		return err
	}
	vol, err := c.live(KindVolume, stringField(details, "VolumeId"))
	if err != nil {
		return err
	}
	if a := c.dependents("volumeId", vol.id, KindVolumeAttach); len(a) > 0 {
		return errConflict("Volume %s is already attached.", vol.id)
	}
	if inst.state != stRunning {
		return errIncorrectState("Instance %s is %s.", inst.id, inst.state)
	}
	if vAD, iAD := ptrVal(vol.obj.(*core.Volume).AvailabilityDomain), ptrVal(inst.obj.(*core.Instance).AvailabilityDomain); vAD != iAD {
		return errInvalid("Volume %s is in %s and instance %s in %s.", vol.id, vAD, inst.id, iAD)
	}
	copyFields(model, details)
	in := inst.obj.(*core.Instance)
	setField(model, "AvailabilityDomain", in.AvailabilityDomain)
	setField(model, "CompartmentId", inst.compartment)
	r := c.newRecord(KindVolumeAttach, "volumeattachment", inst.compartment, stringField(details, "DisplayName"), model, stAttaching)
	r.parents["instanceId"], r.parents["volumeId"] = inst.id, vol.id
	r.parents["availabilityDomain"] = ptrVal(in.AvailabilityDomain)
	c.then(r, KindVolumeAttach, stAttached, nil)
	c.respond(r, nil)
	return nil
}

func detachVolume(c *call) error {
	r, err := c.lookup(KindVolumeAttach, c.r.PathValue("volumeAttachmentId"))
	if err != nil {
		return err
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	if r.deleted {
		return errIncorrectState("Volume attachment %s is already %s.", r.id, r.state)
	}
	r.deleted = true
	c.transition(r, KindVolumeAttach, stDetaching, stDetached)
	c.writeJSON(http.StatusNoContent, nil, nil)
	return nil
}
