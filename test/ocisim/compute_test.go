package ocisim

import (
	"fmt"
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

// launchIn launches an unpinned (fd "") or pinned instance of a shape in the first availability domain.
func (f *fixture) launchIn(t testing.TB, name, shape, fd string) (core.Instance, error) {
	t.Helper()
	d := core.LaunchInstanceDetails{CompartmentId: common.String(f.sim.Tenancy()), AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]),
		Shape: common.String(shape), DisplayName: common.String(name),
		SourceDetails:     core.InstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id}}
	if fd != "" {
		d.FaultDomain = common.String(fd)
	}
	resp, err := f.comp.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: d})
	return resp.Instance, err
}

// TestStrictPlacement checks that strict placement puts an unpinned launch in the least used fault domain
// (ties: the lowest) without looking at capacity, failing when that one is full, and that pinned launches and
// the default placement are unchanged.
func TestStrictPlacement(t *testing.T) {
	const shape = "VM.Standard2.1"
	f := newFixture(t, Options{StrictPlacement: true})
	ad := f.sim.ADNames(iad)[0]
	f.sim.SetCapacity(shape+"@"+ad+"@FAULT-DOMAIN-1", 1)
	for i, want := range []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"} {
		if in := must(f.launchIn(t, fmt.Sprintf("spread-%d", i), shape, "")); *in.FaultDomain != want {
			t.Fatalf("launch %d placed in %s, want %s", i, *in.FaultDomain, want)
		}
	}
	// Every fault domain holds one: the tie goes to FAULT-DOMAIN-1, which is full, although the others have room.
	_, err := f.launchIn(t, "strict", shape, "")
	wantMessage(t, err, http.StatusInternalServerError, "InternalError", "Out of host capacity")
	// Pinning a fault domain with room works, as it does without strict placement.
	if in := must(f.launchIn(t, "pinned", shape, "FAULT-DOMAIN-3")); *in.FaultDomain != "FAULT-DOMAIN-3" {
		t.Fatalf("pinned launch placed in %s", *in.FaultDomain)
	}
	_, err = f.launchIn(t, "pinned-full", shape, "FAULT-DOMAIN-1")
	wantMessage(t, err, http.StatusInternalServerError, "InternalError", "Out of host capacity")
	// Other shapes are counted apart.
	if in := must(f.launchIn(t, "other-shape", "VM.Standard.E4.Flex", "")); *in.FaultDomain != "FAULT-DOMAIN-1" {
		t.Fatalf("another shape placed in %s", *in.FaultDomain)
	}
	// Off, an unpinned launch goes to the least used fault domain with room.
	f.sim.SetStrictPlacement(false)
	if in := must(f.launchIn(t, "default", shape, "")); *in.FaultDomain != "FAULT-DOMAIN-2" {
		t.Fatalf("default placement chose %s, want FAULT-DOMAIN-2", *in.FaultDomain)
	}
	f.sim.SetStrictPlacement(true)
	_, err = f.launchIn(t, "strict-again", shape, "")
	wantMessage(t, err, http.StatusInternalServerError, "InternalError", "Out of host capacity")
}

// TestLaunchMetadataLimit checks OCI's 32,000-byte limit on metadata and extendedMetadata together, measured as
// the provider does: len(key)+len(value) of metadata plus len(key)+len(JSON value) of extendedMetadata.
func TestLaunchMetadataLimit(t *testing.T) {
	f := newFixture(t, Options{})
	launch := func(name string, md map[string]string, ext map[string]any) error {
		_, err := f.comp.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: core.LaunchInstanceDetails{
			CompartmentId: common.String(f.sim.Tenancy()), AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]),
			Shape: common.String("VM.Standard.E4.Flex"), DisplayName: common.String(name), Metadata: md, ExtendedMetadata: ext,
			SourceDetails:     core.InstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
			CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id}}})
		return err
	}
	// "user_data" is 9 bytes: exactly 32,000 bytes of metadata fit.
	if err := launch("at-limit", map[string]string{"user_data": strings.Repeat("a", 32000-9)}, nil); err != nil {
		t.Fatalf("32,000 bytes of metadata refused: %v", err)
	}
	err := launch("over-limit", map[string]string{"user_data": strings.Repeat("a", 32000-8)}, nil)
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter",
		"The combined size of metadata and extendedMetadata must not exceed 32000 bytes")
	// The key "k" and the quoted 1,000-byte string value count 1+1002 bytes: 9+30988+1003 = 32,000 fits, one more
	// byte does not.
	ext := map[string]any{"k": strings.Repeat("b", 1000)}
	if err := launch("ext-at-limit", map[string]string{"user_data": strings.Repeat("a", 30988)}, ext); err != nil {
		t.Fatalf("32,000 bytes of metadata and extendedMetadata refused: %v", err)
	}
	err = launch("ext-over-limit", map[string]string{"user_data": strings.Repeat("a", 30989)}, ext)
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "must not exceed 32000 bytes")
	if n := len(f.sim.Live(KindInstance)); n != 2 {
		t.Fatalf("want 2 instances launched, got %d", n)
	}
}

// TestInstanceVnicsListsAndTerminateFlags checks, through the SDK, VNIC attachments filtered by instance and
// compartment, the primary VNIC with its private and public IPs, instances listed by name and compartment, and
// TerminateInstance's preserve flags.
func TestInstanceVnicsListsAndTerminateFlags(t *testing.T) {
	f := newFixture(t, Options{DisableAuth: true})
	tenancy := common.String(f.sim.Tenancy())
	other := common.String(f.sim.AddCompartment("workers"))
	launch := func(compartment *string, public bool) core.Instance {
		return must(f.comp.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: core.LaunchInstanceDetails{
			CompartmentId: compartment, AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]),
			Shape: common.String("VM.Standard.E4.Flex"), DisplayName: common.String("web"),
			SourceDetails:     core.InstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
			CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id, AssignPublicIp: common.Bool(public)}}})).Instance
	}
	pub, priv := launch(tenancy, true), launch(other, false)
	atts := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: tenancy, InstanceId: pub.Id}))
	if len(atts.Items) != 1 || *atts.Items[0].InstanceId != *pub.Id {
		t.Fatalf("attachments of the public instance: %+v", atts.Items)
	}
	if l := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: other, InstanceId: pub.Id})); len(l.Items) != 0 {
		t.Fatalf("attachments in another compartment: %+v", l.Items)
	}
	if l := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: tenancy, InstanceId: priv.Id})); len(l.Items) != 0 {
		t.Fatalf("attachments of an instance of another compartment: %+v", l.Items)
	}
	vnic := must(f.vn.GetVnic(f.ctx, core.GetVnicRequest{VnicId: atts.Items[0].VnicId})).Vnic
	if !*vnic.IsPrimary || ptrVal(vnic.PrivateIp) == "" || ptrVal(vnic.PublicIp) == "" {
		t.Fatalf("primary VNIC with a public IP: %+v", vnic)
	}
	privAtts := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: other, InstanceId: priv.Id}))
	if len(privAtts.Items) != 1 {
		t.Fatalf("attachments of the private instance: %+v", privAtts.Items)
	}
	privVnic := must(f.vn.GetVnic(f.ctx, core.GetVnicRequest{VnicId: privAtts.Items[0].VnicId})).Vnic
	if !*privVnic.IsPrimary || *privVnic.PrivateIp == *vnic.PrivateIp || privVnic.PublicIp != nil {
		t.Fatalf("primary VNIC without a public IP: %+v", privVnic)
	}
	for _, tc := range []struct {
		compartment *string
		name        string
		want        []string
	}{{tenancy, "web", []string{*pub.Id}}, {other, "web", []string{*priv.Id}}, {tenancy, "db", nil}} {
		l := must(f.comp.ListInstances(f.ctx, core.ListInstancesRequest{CompartmentId: tc.compartment, DisplayName: common.String(tc.name)}))
		var got []string
		for _, in := range l.Items {
			got = append(got, *in.Id)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Fatalf("instances named %s in %s: %v, want %v", tc.name, *tc.compartment, got, tc.want)
		}
	}
	// The preserve flags must be booleans.
	req := must(http.NewRequestWithContext(f.ctx, http.MethodDelete,
		f.sim.Endpoint(ServiceCore, iad)+"/20160918/instances/"+*pub.Id+"?preserveBootVolume=maybe", nil))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("preserveBootVolume=maybe: %d", resp.StatusCode)
	}
	must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: pub.Id, PreserveBootVolume: common.Bool(false),
		PreserveDataVolumesCreatedAtLaunch: common.Bool(false)}))
	must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: priv.Id, PreserveBootVolume: common.Bool(true),
		PreserveDataVolumesCreatedAtLaunch: common.Bool(true)}))
	for _, id := range []*string{pub.Id, priv.Id} {
		if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: id})); got.LifecycleState != core.InstanceLifecycleStateTerminated {
			t.Fatalf("instance %s after terminate: %s", *id, got.LifecycleState)
		}
	}
	if l := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: tenancy, InstanceId: pub.Id})); len(l.Items) != 1 ||
		l.Items[0].LifecycleState != core.VnicAttachmentLifecycleStateDetached {
		t.Fatalf("attachments after terminate: %+v", l.Items)
	}
}

// TestSetDelayAtRunTime checks that a delay set while the emulator runs holds a new instance in PROVISIONING, and
// that removing it lets the next one run at once.
func TestSetDelayAtRunTime(t *testing.T) {
	f := newFixture(t, Options{})
	f.sim.SetDelay(KindInstance, time.Hour)
	slow := must(f.launch(t, "slow", "VM.Standard2.1"))
	if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: slow.Id})); got.LifecycleState != core.InstanceLifecycleStateProvisioning {
		t.Fatalf("with an hour's delay: %s", got.LifecycleState)
	}
	f.sim.SetDelay(KindInstance, -1)
	fast := must(f.launch(t, "fast", "VM.Standard2.1"))
	if got := must(f.comp.GetInstance(f.ctx, core.GetInstanceRequest{InstanceId: fast.Id})); got.LifecycleState != core.InstanceLifecycleStateRunning {
		t.Fatalf("without a delay: %s", got.LifecycleState)
	}
}
