package ocisim

import (
	"net/http"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestInstancePoolsScale checks instance configurations and pools scaling in and terminating.
func TestInstancePoolsScale(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindInstancePool: time.Minute}})
	tenancy := common.String(f.sim.Tenancy())
	cm := must(f.sim.ComputeManagementClient(iad))
	cfg := must(cm.CreateInstanceConfiguration(f.ctx, core.CreateInstanceConfigurationRequest{
		CreateInstanceConfiguration: core.CreateInstanceConfigurationDetails{CompartmentId: tenancy, DisplayName: common.String("workers"),
			InstanceDetails: core.ComputeInstanceDetails{LaunchDetails: &core.InstanceConfigurationLaunchInstanceDetails{
				Shape: common.String("VM.Standard.E4.Flex"), Metadata: map[string]string{"user_data": "e30="},
				SourceDetails:     core.InstanceConfigurationInstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
				CreateVnicDetails: &core.InstanceConfigurationCreateVnicDetails{SubnetId: f.subnet.Id}}}}})).InstanceConfiguration
	got := must(cm.GetInstanceConfiguration(f.ctx, core.GetInstanceConfigurationRequest{InstanceConfigurationId: cfg.Id}))
	details, ok := got.InstanceDetails.(core.ComputeInstanceDetails)
	if !ok || details.LaunchDetails.Metadata["user_data"] != "e30=" {
		t.Fatalf("instance details lost: %#v", got.InstanceDetails)
	}
	if l := must(cm.ListInstanceConfigurations(f.ctx, core.ListInstanceConfigurationsRequest{CompartmentId: tenancy})); len(l.Items) != 1 {
		t.Fatalf("want 1 configuration, got %d", len(l.Items))
	}
	pool := must(cm.CreateInstancePool(f.ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: core.CreateInstancePoolDetails{
		CompartmentId: tenancy, InstanceConfigurationId: cfg.Id, Size: common.Int(2), DisplayName: common.String("mp"),
		PlacementConfigurations: []core.CreateInstancePoolPlacementConfigurationDetails{{
			AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), PrimarySubnetId: f.subnet.Id}}}})).InstancePool
	if pool.LifecycleState != core.InstancePoolLifecycleStateProvisioning {
		t.Fatalf("pool: %s", pool.LifecycleState)
	}
	insts := must(cm.ListInstancePoolInstances(f.ctx, core.ListInstancePoolInstancesRequest{CompartmentId: tenancy, InstancePoolId: pool.Id}))
	if len(insts.Items) != 2 {
		t.Fatalf("want 2 pool instances, got %d", len(insts.Items))
	}
	f.sim.Advance(time.Minute)
	insts = must(cm.ListInstancePoolInstances(f.ctx, core.ListInstancePoolInstancesRequest{CompartmentId: tenancy, InstancePoolId: pool.Id}))
	if *insts.Items[0].State != "Running" {
		t.Fatalf("pool instance state %q, want Running", *insts.Items[0].State)
	}
	upd := must(cm.UpdateInstancePool(f.ctx, core.UpdateInstancePoolRequest{InstancePoolId: pool.Id,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: common.Int(1)}}))
	if upd.LifecycleState != core.InstancePoolLifecycleStateScaling {
		t.Fatalf("scaling pool: %s", upd.LifecycleState)
	}
	f.sim.Advance(time.Minute)
	if p := must(cm.GetInstancePool(f.ctx, core.GetInstancePoolRequest{InstancePoolId: pool.Id})); p.LifecycleState != core.InstancePoolLifecycleStateRunning {
		t.Fatalf("pool after scaling: %s", p.LifecycleState)
	}
	if n := len(f.sim.Live(KindInstance)); n != 1 {
		t.Fatalf("want 1 live instance after scale-in, got %d", n)
	}
	if l := must(cm.ListInstancePools(f.ctx, core.ListInstancePoolsRequest{CompartmentId: tenancy, LifecycleState: core.InstancePoolSummaryLifecycleStateRunning})); len(l.Items) != 1 {
		t.Fatalf("want 1 running pool, got %d", len(l.Items))
	}
	_, err := cm.DeleteInstanceConfiguration(f.ctx, core.DeleteInstanceConfigurationRequest{InstanceConfigurationId: cfg.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(cm.TerminateInstancePool(f.ctx, core.TerminateInstancePoolRequest{InstancePoolId: pool.Id}))
	must(cm.DeleteInstanceConfiguration(f.ctx, core.DeleteInstanceConfigurationRequest{InstanceConfigurationId: cfg.Id}))
	if n := len(f.sim.Live(KindInstance)); n != 0 {
		t.Fatalf("pool instances survived termination: %d", n)
	}
	_, err = cm.GetInstanceConfiguration(f.ctx, core.GetInstanceConfigurationRequest{InstanceConfigurationId: cfg.Id})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

// TestInstancePoolOutOfCapacity checks that a pool that cannot be placed is
// refused without leaving instances behind.
func TestInstancePoolOutOfCapacity(t *testing.T) {
	f := newFixture(t, Options{FDs: 1, Capacity: map[string]int{"VM.Standard2.1": 1}})
	tenancy := common.String(f.sim.Tenancy())
	cm := must(f.sim.ComputeManagementClient(iad))
	cfg := must(cm.CreateInstanceConfiguration(f.ctx, core.CreateInstanceConfigurationRequest{
		CreateInstanceConfiguration: core.CreateInstanceConfigurationDetails{CompartmentId: tenancy,
			InstanceDetails: core.ComputeInstanceDetails{LaunchDetails: &core.InstanceConfigurationLaunchInstanceDetails{
				Shape:         common.String("VM.Standard2.1"),
				SourceDetails: core.InstanceConfigurationInstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)}}}}})).InstanceConfiguration
	_, err := cm.CreateInstancePool(f.ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: core.CreateInstancePoolDetails{
		CompartmentId: tenancy, InstanceConfigurationId: cfg.Id, Size: common.Int(2),
		PlacementConfigurations: []core.CreateInstancePoolPlacementConfigurationDetails{{
			AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), PrimarySubnetId: f.subnet.Id}}}})
	wantCode(t, err, http.StatusInternalServerError, "InternalError")
	if n := len(f.sim.Live(KindInstance)) + len(f.sim.Live(KindInstancePool)) + len(f.sim.Live(kindVnic)); n != 0 {
		t.Fatalf("%d resources left behind", n)
	}
	pool := must(cm.CreateInstancePool(f.ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: core.CreateInstancePoolDetails{
		CompartmentId: tenancy, InstanceConfigurationId: cfg.Id, Size: common.Int(1),
		PlacementConfigurations: []core.CreateInstancePoolPlacementConfigurationDetails{{
			AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), PrimarySubnetId: f.subnet.Id}}}})).InstancePool
	_, err = cm.UpdateInstancePool(f.ctx, core.UpdateInstancePoolRequest{InstancePoolId: pool.Id,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: common.Int(3)}})
	wantCode(t, err, http.StatusInternalServerError, "InternalError")
	got := must(cm.GetInstancePool(f.ctx, core.GetInstancePoolRequest{InstancePoolId: pool.Id}))
	if *got.Size != 1 || len(f.sim.Live(KindInstance)) != 1 {
		t.Fatalf("after a failed scale-out: size %d, %d live instances", *got.Size, len(f.sim.Live(KindInstance)))
	}
}

// TestInstancePoolIgnoresStrictPlacement checks that instance pools keep placing their unpinned instances in a
// fault domain with room under Options.StrictPlacement, where a LaunchInstance is refused.
func TestInstancePoolIgnoresStrictPlacement(t *testing.T) {
	f := newFixture(t, Options{FDs: 2, StrictPlacement: true})
	tenancy := common.String(f.sim.Tenancy())
	ad := f.sim.ADNames(iad)[0]
	f.sim.SetCapacity("VM.Standard2.1@"+ad+"@FAULT-DOMAIN-1", 0)
	_, err := f.launchIn(t, "direct", "VM.Standard2.1", "")
	wantMessage(t, err, http.StatusInternalServerError, "InternalError", "Out of host capacity")
	cm := must(f.sim.ComputeManagementClient(iad))
	cfg := must(cm.CreateInstanceConfiguration(f.ctx, core.CreateInstanceConfigurationRequest{
		CreateInstanceConfiguration: core.CreateInstanceConfigurationDetails{CompartmentId: tenancy,
			InstanceDetails: core.ComputeInstanceDetails{LaunchDetails: &core.InstanceConfigurationLaunchInstanceDetails{
				Shape:         common.String("VM.Standard2.1"),
				SourceDetails: core.InstanceConfigurationInstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)}}}}})).InstanceConfiguration
	pool := must(cm.CreateInstancePool(f.ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: core.CreateInstancePoolDetails{
		CompartmentId: tenancy, InstanceConfigurationId: cfg.Id, Size: common.Int(2),
		PlacementConfigurations: []core.CreateInstancePoolPlacementConfigurationDetails{{
			AvailabilityDomain: common.String(ad), PrimarySubnetId: f.subnet.Id}}}})).InstancePool
	insts := must(cm.ListInstancePoolInstances(f.ctx, core.ListInstancePoolInstancesRequest{CompartmentId: tenancy, InstancePoolId: pool.Id}))
	if len(insts.Items) != 2 {
		t.Fatalf("want 2 pool instances, got %d", len(insts.Items))
	}
	for _, in := range insts.Items {
		if *in.FaultDomain != "FAULT-DOMAIN-2" {
			t.Fatalf("pool instance placed in %s, want FAULT-DOMAIN-2 (the only one with room)", *in.FaultDomain)
		}
	}
}
