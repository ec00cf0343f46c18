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

package okeaddons_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// emulated starts the emulator, with OCI's delays on a simulated clock and lists of one a page, makes an ACTIVE
// OKE cluster of type typ in it and returns the emulator, its clients and the cluster's OCID.
func emulated(ctx context.Context, t *testing.T, typ ce.ClusterTypeEnum) (*ocisim.Sim, *clients.Clients, string) {
	t.Helper()
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 1})
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region),
			clients.ServiceContainerEngine: sim.Endpoint(ocisim.ServiceContainerEngine, region)})
	if err != nil {
		t.Fatal(err)
	}
	subnet := svctest.EmulatedSubnet(ctx, t, set.VirtualNetwork, sim.Tenancy())
	sn, err := set.VirtualNetwork.GetSubnet(ctx, core.GetSubnetRequest{SubnetId: &subnet})
	if err != nil {
		t.Fatal(err)
	}
	c, err := set.ContainerEngine.CreateCluster(ctx, ce.CreateClusterRequest{CreateClusterDetails: ce.CreateClusterDetails{
		Name: ptr.To("oke"), CompartmentId: ptr.To(sim.Tenancy()), VcnId: sn.VcnId, KubernetesVersion: ptr.To("v1.32.1"),
		Type: typ, EndpointConfig: &ce.CreateClusterEndpointConfigDetails{SubnetId: &subnet}}})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := set.ContainerEngine.GetWorkRequest(ctx, ce.GetWorkRequestRequest{WorkRequestId: c.OpcWorkRequestId})
	if err != nil || len(wr.Resources) != 1 {
		t.Fatalf("the cluster's work request: %+v, %v", wr.WorkRequest, err)
	}
	sim.Advance(time.Hour)
	return sim, set, *wr.Resources[0].Identifier
}

// installedConfig reads the add-on's configurations from the emulator, as key=value pairs.
func installedConfig(ctx context.Context, t *testing.T, set *clients.Clients, cluster, name string) (ce.Addon, map[string]string) {
	t.Helper()
	r, err := set.ContainerEngine.GetAddon(ctx, ce.GetAddonRequest{ClusterId: &cluster, AddonName: &name})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range r.Configurations {
		out[*c.Key] = *c.Value
	}
	return r.Addon, out
}

// TestAgainstTheEmulator runs the service through the real SDK against the emulator: CertManager and the metrics
// server installed (the list spans pages), CertManager reconfigured, updated to its next version, its
// configurations cleared, then disabled and dropped from the status while the metrics server stays.
func TestAgainstTheEmulator(t *testing.T) {
	ctx := context.Background()
	sim, set, cluster := emulated(ctx, t, ce.ClusterTypeEnhancedCluster)
	metrics := infrav1.Addon{Name: "KubernetesMetricsServer"}
	s := &scope{cluster: cluster, addons: []infrav1.Addon{{Name: "CertManager", Version: "v1.14.5",
		Configurations: []infrav1.KeyValue{kv("a", "1")}}, metrics}}
	svc := okeaddons.New(s, set.ContainerEngine)
	reconcile := func() {
		t.Helper()
		svctest.UntilDone(t, sim.Advance, func() error { return svc.Reconcile(ctx) })
		for _, st := range svc.States() {
			if !st.Ready || st.Reason != okeaddons.ReasonReady {
				t.Errorf("state %+v after a reconcile that is done, want ready", st)
			}
		}
	}
	check := func(version string, config map[string]string) {
		t.Helper()
		a, got := installedConfig(ctx, t, set, cluster, "CertManager")
		if a.LifecycleState != ce.AddonLifecycleStateActive || ptr.Deref(a.CurrentInstalledVersion, "") != version ||
			len(got) != len(config) {
			t.Fatalf("CertManager %s at %s with %v, want ACTIVE at %s with %v", a.LifecycleState,
				ptr.Deref(a.CurrentInstalledVersion, ""), got, version, config)
		}
		for k, v := range config {
			if got[k] != v {
				t.Fatalf("CertManager configured %v, want %v", got, config)
			}
		}
		if st := s.status["CertManager"]; st.LifecycleState != "ACTIVE" || st.CurrentlyInstalledVersion != version {
			t.Errorf("status %+v, want ACTIVE at %s", st, version)
		}
	}

	reconcile()
	check("v1.14.5", map[string]string{"a": "1"})
	if st := s.status["KubernetesMetricsServer"]; st.LifecycleState != "ACTIVE" || st.CurrentlyInstalledVersion != "v0.7.1" {
		t.Errorf("metrics server status %+v, want ACTIVE at v0.7.1", st)
	}
	if n := sim.Count("InstallAddon", 0); n != 2 {
		t.Errorf("InstallAddon called %d times, want 2", n)
	}

	lists, reads := sim.Count("ListAddons", 0), sim.Count("GetAddon", 0)
	if err := svc.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if l, g := sim.Count("ListAddons", 0)-lists, sim.Count("GetAddon", 0)-reads; l != 2 || g != 2 || sim.Count("UpdateAddon", 0) != 0 {
		t.Errorf("add-ons in place cost %d list pages, %d reads and %d updates; want 2 pages (one a page), 2 reads, no update",
			l, g, sim.Count("UpdateAddon", 0))
	}

	s.addons[0].Configurations = []infrav1.KeyValue{kv("b", "2"), kv("a", "3")}
	reconcile()
	check("v1.14.5", map[string]string{"a": "3", "b": "2"})

	s.addons[0].Version = "v1.15.3"
	reconcile()
	check("v1.15.3", map[string]string{"a": "3", "b": "2"})

	s.addons[0].Configurations = nil
	reconcile()
	check("v1.15.3", map[string]string{})
	if n := sim.Count("UpdateAddon", 0); n != 3 {
		t.Errorf("UpdateAddon called %d times, want 3", n)
	}

	s.addons = []infrav1.Addon{metrics}
	reconcile()
	if _, ok := s.status["CertManager"]; ok || len(s.status) != 1 {
		t.Errorf("status %+v, want only the metrics server once CertManager is gone", s.status)
	}
	if n := sim.Count("DisableAddon", 0); n != 1 {
		t.Errorf("DisableAddon called %d times, want 1", n)
	}
	if a, err := set.ContainerEngine.GetAddon(ctx, ce.GetAddonRequest{ClusterId: &cluster, AddonName: ptr.To("CertManager")}); err == nil &&
		a.LifecycleState != ce.AddonLifecycleStateDeleted {
		t.Errorf("CertManager %s after its disable, want DELETED or gone", a.LifecycleState)
	}
	if states := svc.States(); len(states) != 1 || states[0].Name != "KubernetesMetricsServer" {
		t.Errorf("states %+v, want the metrics server's only", states)
	}
}

// TestBasicClusterAgainstTheEmulator: OKE refuses add-ons on a BASIC cluster; the refusal is terminal and names
// the add-on and the fields to check.
func TestBasicClusterAgainstTheEmulator(t *testing.T) {
	ctx := context.Background()
	sim, set, cluster := emulated(ctx, t, ce.ClusterTypeBasicCluster)
	s := &scope{cluster: cluster, addons: []infrav1.Addon{{Name: "CertManager"}}}
	svc := okeaddons.New(s, set.ContainerEngine)
	err := svc.Reconcile(ctx)
	var e *async.Error
	if !errors.As(err, &e) || e.Class != async.Terminal || !strings.Contains(e.Message, "add-on CertManager") ||
		!strings.Contains(e.Message, "spec.addons[0]") || !strings.Contains(e.Message, "spec.clusterType") {
		t.Fatalf("%v, want a terminal refusal naming CertManager, spec.addons[0] and spec.clusterType", err)
	}
	if states := svc.States(); len(states) != 1 || states[0].Ready || states[0].Reason != okeaddons.ReasonFailed || states[0].Message != e.Message {
		t.Errorf("states %+v, want CertManager failed with the refusal", states)
	}
	if len(s.status) != 0 || sim.Count("InstallAddon", 400) != 1 {
		t.Errorf("status %+v after %d refused installs, want none after one", s.status, sim.Count("InstallAddon", 400))
	}
}
