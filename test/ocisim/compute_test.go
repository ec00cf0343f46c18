package ocisim

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestInstanceLifecycleReleasesVnics checks instance states over time and that termination frees the subnet.
func TestInstanceLifecycleReleasesVnics(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindInstance: time.Minute}})
	tenancy := common.String(f.sim.Tenancy())
	in := must(f.launch(t, "cp-0", "VM.Standard.E4.Flex"))
	if in.LifecycleState != core.InstanceLifecycleStateProvisioning || *in.FaultDomain == "" {
		t.Fatalf("launch: %s %v", in.LifecycleState, in.FaultDomain)
	}
	if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: in.Id})); got.LifecycleState != core.InstanceLifecycleStateProvisioning {
		t.Fatalf("before the delay: %s", got.LifecycleState)
	}
	f.sim.Advance(time.Minute)
	if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: in.Id})); got.LifecycleState != core.InstanceLifecycleStateRunning {
		t.Fatalf("after the delay: %s", got.LifecycleState)
	}
	atts := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: tenancy, InstanceId: in.Id}))
	if len(atts.Items) != 1 {
		t.Fatalf("want 1 VNIC attachment, got %d", len(atts.Items))
	}
	vnic := must(f.vn.GetVnic(f.ctx, core.GetVnicRequest{VnicId: atts.Items[0].VnicId}))
	if *vnic.PrivateIp != "10.0.1.2" || !*vnic.IsPrimary {
		t.Fatalf("vnic: %+v", vnic.Vnic)
	}
	list := must(f.comp.ListInstances(f.ctx, core.ListInstancesRequest{CompartmentId: tenancy, DisplayName: common.String("cp-0")}))
	if len(list.Items) != 1 || list.Items[0].LifecycleState != core.InstanceLifecycleStateRunning {
		t.Fatalf("list: %+v", list.Items)
	}
	_, err := f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	term := must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: in.Id}))
	if term.OpcWorkRequestId == nil {
		t.Fatal("terminate without work request")
	}
	if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: in.Id})); got.LifecycleState != core.InstanceLifecycleStateTerminating {
		t.Fatalf("after terminate: %s", got.LifecycleState)
	}
	f.sim.Advance(time.Minute)
	if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: in.Id})); got.LifecycleState != core.InstanceLifecycleStateTerminated {
		t.Fatalf("after the delay: %s", got.LifecycleState)
	}
	must(f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id}))
}

// TestLaunchValidationCapacityAndLimits checks fault domain spreading, host capacity, limits and launch validation.
func TestLaunchValidationCapacityAndLimits(t *testing.T) {
	f := newFixture(t, Options{FDs: 2, Capacity: map[string]int{"VM.Standard2.1": 1}, Limits: map[string]int{KindInstance: 3}})
	a := must(f.launch(t, "a", "VM.Standard2.1"))
	b := must(f.launch(t, "b", "VM.Standard2.1"))
	if *a.FaultDomain == *b.FaultDomain {
		t.Fatalf("both instances in %s", *a.FaultDomain)
	}
	_, err := f.launch(t, "c", "VM.Standard2.1")
	wantCode(t, err, http.StatusInternalServerError, "InternalError")
	if !strings.Contains(err.Error(), "Out of host capacity") {
		t.Fatalf("capacity error without OCI's message: %v", err)
	}
	must(f.launch(t, "d", "VM.Standard.E4.Flex"))
	_, err = f.launch(t, "e", "VM.Standard.E4.Flex")
	wantCode(t, err, http.StatusBadRequest, "LimitExceeded")
	_, err = f.launch(t, "f", "VM.Nope")
	wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	_, err = f.comp.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: core.LaunchInstanceDetails{
		CompartmentId: common.String(f.sim.Tenancy()), AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]),
		Shape: common.String("VM.Standard2.1"), SourceDetails: core.InstanceSourceViaImageDetails{ImageId: common.String("ocid1.image.oc1.iad.unknown")},
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id}}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

// TestSecondaryVnicsAndVnicUpdate checks secondary VNICs, private IP conflicts and VNIC updates.
func TestSecondaryVnicsAndVnicUpdate(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	in := must(f.launch(t, "worker", "VM.Standard.E4.Flex"))
	must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: in.Id}))
	nsg := must(f.vn.CreateNetworkSecurityGroup(f.ctx, core.CreateNetworkSecurityGroupRequest{
		CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{CompartmentId: tenancy, VcnId: f.vcn.Id}})).NetworkSecurityGroup
	att := must(f.comp.AttachVnic(f.ctx, core.AttachVnicRequest{AttachVnicDetails: core.AttachVnicDetails{InstanceId: in.Id,
		DisplayName: common.String("secondary"), CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id,
			PrivateIp: common.String("10.0.1.50")}}})).VnicAttachment
	if *att.NicIndex != 1 || att.LifecycleState != core.VnicAttachmentLifecycleStateAttaching {
		t.Fatalf("attachment: %+v", att)
	}
	_, err := f.comp.AttachVnic(f.ctx, core.AttachVnicRequest{AttachVnicDetails: core.AttachVnicDetails{InstanceId: in.Id,
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id, PrivateIp: common.String("10.0.1.50")}}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	upd := must(f.vn.UpdateVnic(f.ctx, core.UpdateVnicRequest{VnicId: att.VnicId, UpdateVnicDetails: core.UpdateVnicDetails{
		NsgIds: []string{*nsg.Id}, SkipSourceDestCheck: common.Bool(true)}}))
	if len(upd.NsgIds) != 1 || !*upd.SkipSourceDestCheck {
		t.Fatalf("vnic update: %+v", upd.Vnic)
	}
	_, err = f.vn.DeleteNetworkSecurityGroup(f.ctx, core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: nsg.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	atts := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: tenancy, InstanceId: in.Id}))
	if len(atts.Items) != 2 || atts.Items[1].LifecycleState != core.VnicAttachmentLifecycleStateAttached {
		t.Fatalf("attachments: %+v", atts.Items)
	}
	must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: in.Id}))
	if live := f.sim.Live(kindVnic); len(live) != 0 {
		t.Fatalf("VNICs not released: %+v", live)
	}
	must(f.vn.DeleteNetworkSecurityGroup(f.ctx, core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: nsg.Id}))
}

// TestVolumesAndAttachments checks volumes and their polymorphic attachments.
func TestVolumesAndAttachments(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	bs := must(f.sim.BlockstorageClient(iad))
	ad := common.String(f.sim.ADNames(iad)[0])
	vol := must(bs.CreateVolume(f.ctx, core.CreateVolumeRequest{CreateVolumeDetails: core.CreateVolumeDetails{
		CompartmentId: tenancy, AvailabilityDomain: ad, SizeInGBs: common.Int64(100), DisplayName: common.String("data")}})).Volume
	if got := must(bs.GetVolume(f.ctx, core.GetVolumeRequest{VolumeId: vol.Id})); got.LifecycleState != core.VolumeLifecycleStateAvailable || *got.SizeInMBs != 102400 {
		t.Fatalf("volume: %+v", got.Volume)
	}
	if l := must(bs.ListVolumes(f.ctx, core.ListVolumesRequest{CompartmentId: tenancy, AvailabilityDomain: ad})); len(l.Items) != 1 {
		t.Fatalf("want 1 volume, got %d", len(l.Items))
	}
	in := must(f.launch(t, "db", "VM.Standard.E4.Flex"))
	must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: in.Id}))
	far := must(bs.CreateVolume(f.ctx, core.CreateVolumeRequest{CreateVolumeDetails: core.CreateVolumeDetails{
		CompartmentId: tenancy, AvailabilityDomain: common.String(f.sim.ADNames(iad)[1])}})).Volume
	_, err := f.comp.AttachVolume(f.ctx, core.AttachVolumeRequest{AttachVolumeDetails: core.AttachParavirtualizedVolumeDetails{
		InstanceId: in.Id, VolumeId: far.Id}})
	wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	att := must(f.comp.AttachVolume(f.ctx, core.AttachVolumeRequest{AttachVolumeDetails: core.AttachParavirtualizedVolumeDetails{
		InstanceId: in.Id, VolumeId: vol.Id, DisplayName: common.String("data-att")}})).VolumeAttachment
	if _, ok := att.(core.ParavirtualizedVolumeAttachment); !ok {
		t.Fatalf("attachment type %T", att)
	}
	_, err = bs.DeleteVolume(f.ctx, core.DeleteVolumeRequest{VolumeId: vol.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	l := must(f.comp.ListVolumeAttachments(f.ctx, core.ListVolumeAttachmentsRequest{CompartmentId: tenancy, InstanceId: in.Id}))
	if len(l.Items) != 1 || l.Items[0].GetLifecycleState() != core.VolumeAttachmentLifecycleStateAttached {
		t.Fatalf("attachments: %+v", l.Items)
	}
	_, err = f.comp.DetachVolume(f.ctx, core.DetachVolumeRequest{VolumeAttachmentId: att.GetId(), IfMatch: common.String("stale")})
	wantCode(t, err, http.StatusPreconditionFailed, "NoEtagMatch")
	must(f.comp.DetachVolume(f.ctx, core.DetachVolumeRequest{VolumeAttachmentId: att.GetId()}))
	must(bs.DeleteVolume(f.ctx, core.DeleteVolumeRequest{VolumeId: vol.Id}))
	if got := must(bs.GetVolume(f.ctx, core.GetVolumeRequest{VolumeId: vol.Id})); got.LifecycleState != core.VolumeLifecycleStateTerminated {
		t.Fatalf("volume after delete: %s", got.LifecycleState)
	}
}

// TestCapacityPerDomain checks capacity keyed by availability and fault
// domain, changed at run time.
func TestCapacityPerDomain(t *testing.T) {
	f := newFixture(t, Options{})
	ad := f.sim.ADNames(iad)[0]
	f.sim.SetCapacity("VM.Standard2.2@"+ad, 0)
	f.sim.SetCapacity("VM.Standard2.2@"+ad+"@FAULT-DOMAIN-3", 1)
	in := must(f.launch(t, "only-fd3", "VM.Standard2.2"))
	if *in.FaultDomain != "FAULT-DOMAIN-3" {
		t.Fatalf("placed in %s", *in.FaultDomain)
	}
	_, err := f.launch(t, "none-left", "VM.Standard2.2")
	wantCode(t, err, http.StatusInternalServerError, "InternalError")
	f.sim.SetCapacity("VM.Standard2.2@"+ad, -1)
	must(f.launch(t, "freed", "VM.Standard2.2"))
	f.sim.SetLimit(KindInstance, 2)
	_, err = f.launch(t, "over-limit", "VM.Standard2.2")
	wantCode(t, err, http.StatusBadRequest, "LimitExceeded")
}
