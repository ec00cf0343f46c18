// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package instanceconfig_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instanceconfig"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// kindConfig is the emulator's kind of instance configurations.
const kindConfig = "instanceconfiguration"

// emulated is an emulator with a subnet, and the SDK clients to reach it.
type emulated struct {
	sim    *ocisim.Sim
	set    *clients.Clients
	region string
	subnet string
}

func newEmulated(ctx context.Context, t *testing.T) *emulated {
	t.Helper()
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	region := sim.Regions()[0]
	core := sim.Endpoint(ocisim.ServiceCore, region)
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: core, clients.ServiceComputeManagement: core})
	if err != nil {
		t.Fatal(err)
	}
	return &emulated{sim: sim, set: set, region: region,
		subnet: svctest.EmulatedSubnet(ctx, t, set.VirtualNetwork, sim.Tenancy())}
}

// configure creates a configuration named name with tags in the emulator, as another pool or cluster would.
func (e *emulated) configure(ctx context.Context, t *testing.T, name string, tags map[string]string) string {
	t.Helper()
	r, err := e.set.ComputeManagement.CreateInstanceConfiguration(ctx, core.CreateInstanceConfigurationRequest{
		CreateInstanceConfiguration: core.CreateInstanceConfigurationDetails{CompartmentId: ptr.To(e.sim.Tenancy()),
			DisplayName: ptr.To(name), FreeformTags: tags, InstanceDetails: core.ComputeInstanceDetails{
				LaunchDetails: &core.InstanceConfigurationLaunchInstanceDetails{Shape: ptr.To("VM.Standard.E4.Flex"),
					SourceDetails: core.InstanceConfigurationInstanceSourceViaImageDetails{ImageId: ptr.To(e.sim.Images(e.region)[0].ID)}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return *r.Id
}

// liveConfigs are the OCIDs of the emulator's live configurations.
func (e *emulated) liveConfigs() []string {
	var ids []string
	for _, r := range e.sim.Live(kindConfig) {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestAgainstTheEmulator runs the service through the real SDK against the emulator, with OCI's delays on a
// simulated clock and lists of two a page, among another pool's and another cluster's configurations: the pool's
// configuration is created, an instance pool launches from it, a changed spec makes a new one while the pool still
// uses the old one, the old one is deleted once the pool moved to the new one, nothing is called while in place,
// and the delete removes the pool's configurations and no other.
func TestAgainstTheEmulator(t *testing.T) {
	ctx := context.Background()
	e := newEmulated(ctx, t)
	s := newScope()
	s.Compartment, s.Identifier, s.subnet, s.nsgs = e.sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000004", e.subnet, nil
	s.config.InstanceSourceViaImageConfig.ImageID = e.sim.Images(e.region)[0].ID
	others := []string{e.configure(ctx, t, "mp-a-0123456789", svc.Tags(s)),
		e.configure(ctx, t, "mp-0123456789", map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "x"}),
		e.configure(ctx, t, "unrelated", nil)}
	slices.Sort(others)
	service := instanceconfig.New(s, e.set.ComputeManagement)
	reconcile := func() {
		t.Helper()
		svctest.UntilDone(t, e.sim.Advance, func() error { return service.Reconcile(ctx) })
	}

	reconcile()
	first := s.recorded()
	if got := e.liveConfigs(); len(got) != 4 || !slices.Contains(got, first) || e.sim.Count("CreateInstanceConfiguration", 200) != 4 {
		t.Fatalf("configurations %v, recorded %q; want the pool's created beside the three others", got, first)
	}
	pool, err := e.set.ComputeManagement.CreateInstancePool(ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: core.CreateInstancePoolDetails{
		CompartmentId: ptr.To(s.Compartment), InstanceConfigurationId: ptr.To(first), Size: ptr.To(1), DisplayName: ptr.To("mp"),
		PlacementConfigurations: []core.CreateInstancePoolPlacementConfigurationDetails{{
			AvailabilityDomain: ptr.To(e.sim.ADNames(e.region)[0]), PrimarySubnetId: ptr.To(e.subnet)}}}})
	if err != nil {
		t.Fatalf("an instance pool launching from the configuration: %v", err)
	}
	e.sim.Advance(time.Hour)
	if n := len(e.sim.Live(ocisim.KindInstance)); n != 1 {
		t.Fatalf("%d instances launched from the configuration, want 1", n)
	}
	s.inUse = []string{first}

	s.config.Shape = "VM.Standard.E5.Flex"
	reconcile()
	second := s.recorded()
	if got := e.liveConfigs(); second == first || len(got) != 5 || !slices.Contains(got, first) {
		t.Fatalf("configurations %v, recorded %q; want a new one, and the one the pool uses kept", got, second)
	}
	if _, err := e.set.ComputeManagement.UpdateInstancePool(ctx, core.UpdateInstancePoolRequest{InstancePoolId: pool.Id,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{InstanceConfigurationId: ptr.To(second)}}); err != nil {
		t.Fatal(err)
	}
	e.sim.Advance(time.Hour)
	s.inUse = []string{second}
	reconcile()
	want := append(slices.Clone(others), second)
	slices.Sort(want)
	if got := e.liveConfigs(); !slices.Equal(got, want) {
		t.Fatalf("configurations %v, want %v: the old one deleted", got, want)
	}

	calls := len(e.sim.RequestLog())
	if err := service.Reconcile(ctx); err != nil || len(e.sim.RequestLog()) != calls {
		t.Errorf("in place: %v after %d calls, want none", err, len(e.sim.RequestLog())-calls)
	}

	if _, err := e.set.ComputeManagement.TerminateInstancePool(ctx, core.TerminateInstancePoolRequest{InstancePoolId: pool.Id}); err != nil {
		t.Fatal(err)
	}
	e.sim.Advance(time.Hour)
	s.inUse = nil
	svctest.UntilDone(t, e.sim.Advance, func() error { return service.Delete(ctx) })
	if got := e.liveConfigs(); !slices.Equal(got, others) || s.recorded() != "" {
		t.Errorf("configurations %v, recorded %q; want only the others' left", got, s.recorded())
	}
}
