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

package scope

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance"
)

// testNetwork is a cluster network with a subnet and NSGs of each machine role, a subnet and an NSG of no role,
// and a subnet and an NSG without an OCID yet.
func testNetwork() *infrav1.NetworkSpec {
	return &infrav1.NetworkSpec{VCN: infrav1.VCN{
		Subnets: []infrav1.Subnet{
			{Name: "cp", Role: "control-plane", ID: "ocid1.subnet.cp"},
			{Name: "workers", Role: "worker", ID: "ocid1.subnet.worker"},
			{Name: "storage", ID: "ocid1.subnet.storage"},
			{Name: "pending"},
		},
		NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{
			{Name: "cp-nsg", Role: "control-plane", ID: "ocid1.nsg.cp"},
			{Name: "cp-extra", Role: "control-plane", ID: "ocid1.nsg.cp2"},
			{Name: "workers-nsg", Role: "worker", ID: "ocid1.nsg.worker"},
			{Name: "pending-nsg", Role: "worker"},
			{Name: "extra", ID: "ocid1.nsg.extra"},
		}},
	}}
}

// testMachineCluster is a cluster with the test network, two availability domains, and tags.
func testMachineCluster() MachineCluster {
	return MachineCluster{Compartment: "ocid1.compartment.oc1..cluster", Identifier: "cluster-uid",
		Freeform: map[string]string{"team": "a", "env": "prod"}, Defined: map[string]map[string]string{"ns": {"k": "cluster", "a": "1"}},
		Network: testNetwork(), FailureDomains: adDomains()}
}

// newTestMachineScope returns the scope of worker machine-1 in failure domain 1 of the test cluster, edited by
// edit.
func newTestMachineScope(edit func(m *clusterv1.Machine, om *infrav1.OCIMachine, c *MachineCluster)) *MachineScope {
	m := &clusterv1.Machine{ObjectMeta: metav1.ObjectMeta{Name: "machine-1"}, Spec: clusterv1.MachineSpec{FailureDomain: "1"}}
	om := &infrav1.OCIMachine{ObjectMeta: metav1.ObjectMeta{Name: "machine-1", Generation: 4,
		Annotations: map[string]string{infrav1.LaunchNonceAnnotation: "nonce-1"}},
		Spec: infrav1.OCIMachineSpec{Shape: "VM.Standard.E4.Flex", ImageID: "ocid1.image.oc1..i"}}
	c := testMachineCluster()
	if edit != nil {
		edit(m, om, &c)
	}
	return NewMachineScope(m, om, c, nil, time.Minute)
}

// controlPlane labels the Machine a control-plane machine.
func controlPlane(m *clusterv1.Machine) {
	m.Labels = map[string]string{clusterv1.MachineControlPlaneLabel: ""}
}

// details sets the OCIMachine's spec.networkDetails.
func details(om *infrav1.OCIMachine, nd infrav1.NetworkDetails) { om.Spec.NetworkDetails = &nd }

// terminalReconcileFailed reports whether err is a terminal *async.Error with ReconcileFailedReason.
func terminalReconcileFailed(err error) bool {
	var e *async.Error
	return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == infrav1.ReconcileFailedReason
}

func TestLaunchResolvesTheSubnet(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(m *clusterv1.Machine, om *infrav1.OCIMachine, c *MachineCluster)
		want    string
		wantErr []string
	}{
		{name: "a worker: the cluster's worker subnet", want: "ocid1.subnet.worker"},
		{
			name: "a control-plane machine (by the Machine's label): the control-plane subnet",
			edit: func(m *clusterv1.Machine, _ *infrav1.OCIMachine, _ *MachineCluster) { controlPlane(m) },
			want: "ocid1.subnet.cp",
		},
		{
			name: "networkDetails.subnetId wins over every name",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{SubnetID: "ocid1.subnet.byo", SubnetName: "storage"})
				om.Spec.SubnetName = "cp"
			},
			want: "ocid1.subnet.byo",
		},
		{
			name: "networkDetails.subnetName: the cluster's subnet of that name, whatever the role",
			edit: func(m *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				controlPlane(m)
				details(om, infrav1.NetworkDetails{SubnetName: "storage"})
			},
			want: "ocid1.subnet.storage",
		},
		{
			name: "spec.subnetName: the cluster's subnet of that name",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) { om.Spec.SubnetName = "cp" },
			want: "ocid1.subnet.cp",
		},
		{
			name: "networkDetails.subnetName wins over spec.subnetName",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{SubnetName: "storage"})
				om.Spec.SubnetName = "cp"
			},
			want: "ocid1.subnet.storage",
		},
		{
			name: "an unknown networkDetails.subnetName: an error naming the field and the name",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{SubnetName: "nowhere"})
			},
			wantErr: []string{"spec.networkDetails.subnetName", `"nowhere"`},
		},
		{
			name:    "an unknown spec.subnetName: an error naming it",
			edit:    func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) { om.Spec.SubnetName = "nowhere" },
			wantErr: []string{"subnetName", `no subnet named "nowhere"`},
		},
		{
			name: "no subnet of the machine's role: an error saying what to set",
			edit: func(_ *clusterv1.Machine, _ *infrav1.OCIMachine, c *MachineCluster) {
				c.Network.VCN.Subnets = c.Network.VCN.Subnets[:1]
			},
			wantErr: []string{"no subnet of role worker", "subnetId or subnetName"},
		},
		{
			name:    "a subnet without an OCID yet: an error",
			edit:    func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) { om.Spec.SubnetName = "pending" },
			wantErr: []string{`subnet "pending" has no OCID yet`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, _, err := newTestMachineScope(tc.edit).Launch()
			checkResolved(t, l.SubnetID, tc.want, l, err, tc.wantErr)
		})
	}
}

// checkResolved checks a value Launch resolved, or its error: terminal, with every part of wantErr, and the
// launch's name kept (Delete finds the instance by it).
func checkResolved[T any](t *testing.T, got, want T, l instance.Launch, err error, wantErr []string) {
	t.Helper()
	if len(wantErr) == 0 {
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("resolved (-want +got):\n%s", d)
		}
		return
	}
	if !terminalReconcileFailed(err) {
		t.Fatalf("Launch: %v, want a terminal ReconcileFailed error", err)
	}
	for _, w := range wantErr {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err.Error(), w)
		}
	}
	if l.Name != "machine-1" {
		t.Errorf("launch name %q with an error, want machine-1", l.Name)
	}
}

func TestLaunchResolvesTheNSGs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(m *clusterv1.Machine, om *infrav1.OCIMachine, c *MachineCluster)
		want    []string
		wantErr []string
	}{
		{name: "a worker: the worker NSGs with an OCID", want: []string{"ocid1.nsg.worker"}},
		{
			name: "a control-plane machine: every control-plane NSG",
			edit: func(m *clusterv1.Machine, _ *infrav1.OCIMachine, _ *MachineCluster) { controlPlane(m) },
			want: []string{"ocid1.nsg.cp", "ocid1.nsg.cp2"},
		},
		{
			name: "nsgIds win over nsgId and every name",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{NSGIDs: []string{"ocid1.nsg.a", "ocid1.nsg.b"}, NSGID: "ocid1.nsg.c",
					NSGNames: []string{"extra"}})
				om.Spec.NSGName = "cp-nsg"
			},
			want: []string{"ocid1.nsg.a", "ocid1.nsg.b"},
		},
		{
			name: "nsgId wins over the names",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{NSGID: "ocid1.nsg.c", NSGNames: []string{"extra"}})
			},
			want: []string{"ocid1.nsg.c"},
		},
		{
			name: "nsgNames: the cluster's NSGs of those names, in order",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{NSGNames: []string{"extra", "cp-nsg"}})
				om.Spec.NSGName = "workers-nsg"
			},
			want: []string{"ocid1.nsg.extra", "ocid1.nsg.cp"},
		},
		{
			name: "spec.nsgName: the cluster's NSG of that name",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) { om.Spec.NSGName = "extra" },
			want: []string{"ocid1.nsg.extra"},
		},
		{
			name: "an unknown name: an error naming the field and the name",
			edit: func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
				details(om, infrav1.NetworkDetails{NSGNames: []string{"extra", "nowhere"}})
			},
			wantErr: []string{"spec.networkDetails.nsgNames", `"nowhere"`},
		},
		{
			name:    "an NSG without an OCID yet: an error",
			edit:    func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) { om.Spec.NSGName = "pending-nsg" },
			wantErr: []string{`"pending-nsg"`},
		},
		{
			name: "a cluster without NSGs: none",
			edit: func(_ *clusterv1.Machine, _ *infrav1.OCIMachine, c *MachineCluster) {
				c.Network.VCN.NetworkSecurityGroup = nil
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, _, err := newTestMachineScope(tc.edit).Launch()
			checkResolved(t, l.NSGIDs, tc.want, l, err, tc.wantErr)
		})
	}
}

func TestLaunchNSGIDsAreACopy(t *testing.T) {
	s := newTestMachineScope(func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
		details(om, infrav1.NetworkDetails{NSGIDs: []string{"ocid1.nsg.a"}})
	})
	l, _, err := s.Launch()
	if err != nil {
		t.Fatal(err)
	}
	l.NSGIDs[0] = "changed"
	if s.OCIMachine.Spec.NetworkDetails.NSGIDs[0] != "ocid1.nsg.a" {
		t.Error("changing the launch's NSGs changed spec.networkDetails.nsgIds")
	}
}

func TestLaunch(t *testing.T) {
	s := newTestMachineScope(func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
		om.Spec.FreeformTags = map[string]string{"env": "dev"}
	})
	s.BootstrapData = []byte("#cloud-config")
	l, fallbacks, err := s.Launch()
	if err != nil {
		t.Fatal(err)
	}
	want := instance.Launch{Spec: &s.OCIMachine.Spec, Name: "machine-1", Compartment: "ocid1.compartment.oc1..cluster",
		AvailabilityDomain: ad1, SubnetID: "ocid1.subnet.worker", NSGIDs: []string{"ocid1.nsg.worker"},
		UserData: []byte("#cloud-config"),
		Tags: map[string]string{"team": "a", "env": "dev", "CreatedBy": "OCIClusterAPIProvider",
			"ClusterResourceIdentifier": "cluster-uid"},
		DefinedTags: map[string]map[string]any{"ns": {"k": "cluster", "a": "1"}}}
	if d := cmp.Diff(want, l); d != "" {
		t.Errorf("launch (-want +got):\n%s", d)
	}
	if l.Spec != &s.OCIMachine.Spec {
		t.Error("the launch does not read the OCIMachine's own spec")
	}
	if d := cmp.Diff([]string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}, fallbacks); d != "" {
		t.Errorf("fallbacks (-want +got):\n%s", d)
	}
}

func TestLaunchInAFaultDomain(t *testing.T) {
	s := newTestMachineScope(func(m *clusterv1.Machine, om *infrav1.OCIMachine, c *MachineCluster) {
		c.FailureDomains = fdDomains()
		m.Spec.FailureDomain = "2"
		om.Spec.CompartmentID = "ocid1.compartment.oc1..machine"
	})
	l, fallbacks, err := s.Launch()
	if err != nil {
		t.Fatal(err)
	}
	if l.AvailabilityDomain != ad1 || l.FaultDomain != "FAULT-DOMAIN-2" || fallbacks != nil {
		t.Errorf("placed in %q %q with fallbacks %v; want FAULT-DOMAIN-2 of %s pinned", l.AvailabilityDomain, l.FaultDomain, fallbacks, ad1)
	}
	if l.Compartment != "ocid1.compartment.oc1..machine" {
		t.Errorf("compartment %q, want the machine's", l.Compartment)
	}
}

func TestLaunchOfAnUnknownFailureDomain(t *testing.T) {
	s := newTestMachineScope(func(m *clusterv1.Machine, _ *infrav1.OCIMachine, _ *MachineCluster) { m.Spec.FailureDomain = "9" })
	l, _, err := s.Launch()
	checkResolved(t, "", "", l, err, []string{`"9"`, "1, 2"})
	if _, err := s.Placement(); err == nil {
		t.Error("Placement of an unknown failure domain succeeded")
	}
}

func TestTags(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		clusterFree, machFree map[string]string
		clusterDef, machDef   map[string]map[string]string
		wantFree              map[string]string
		wantDef               map[string]map[string]any
	}{
		{
			name:        "the machine's laid over the cluster's",
			clusterFree: map[string]string{"team": "a", "env": "prod"}, machFree: map[string]string{"env": "dev", "role": "x"},
			clusterDef: map[string]map[string]string{"ns": {"k": "cluster", "a": "1"}},
			machDef:    map[string]map[string]string{"ns": {"k": "machine"}, "ns2": {"b": "2"}},
			wantFree:   map[string]string{"team": "a", "env": "dev", "role": "x"},
			wantDef:    map[string]map[string]any{"ns": {"k": "machine", "a": "1"}, "ns2": {"b": "2"}},
		},
		{
			name:     "the machine's alone",
			machFree: map[string]string{"env": "dev"}, machDef: map[string]map[string]string{"ns": {"k": "machine"}},
			wantFree: map[string]string{"env": "dev"}, wantDef: map[string]map[string]any{"ns": {"k": "machine"}},
		},
		{name: "none: an empty map and no defined tags", wantFree: map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestMachineScope(func(_ *clusterv1.Machine, om *infrav1.OCIMachine, c *MachineCluster) {
				c.Freeform, c.Defined = tc.clusterFree, tc.clusterDef
				om.Spec.FreeformTags, om.Spec.DefinedTags = tc.machFree, tc.machDef
			})
			if d := cmp.Diff(tc.wantFree, s.FreeformTags()); d != "" {
				t.Errorf("freeform tags (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.wantDef, s.DefinedTags()); d != "" {
				t.Errorf("defined tags (-want +got):\n%s", d)
			}
			if tc.clusterFree != nil && s.Cluster.Freeform["env"] != "prod" {
				t.Error("merging the tags changed the cluster's")
			}
			if tc.clusterDef != nil && s.Cluster.Defined["ns"]["k"] != "cluster" {
				t.Error("merging the defined tags changed the cluster's")
			}
		})
	}
}

func TestCompartmentID(t *testing.T) {
	s := newTestMachineScope(nil)
	if got := s.CompartmentID(); got != "ocid1.compartment.oc1..cluster" {
		t.Errorf("compartment %q without spec.compartmentId, want the cluster's", got)
	}
	s.OCIMachine.Spec.CompartmentID = "ocid1.compartment.oc1..machine"
	if got := s.CompartmentID(); got != "ocid1.compartment.oc1..machine" {
		t.Errorf("compartment %q, want spec.compartmentId", got)
	}
}

func TestBackendPort(t *testing.T) {
	s := newTestMachineScope(nil)
	if p := s.BackendPort(); p != 6443 {
		t.Errorf("port %d without a control plane endpoint port, want 6443", p)
	}
	s.Cluster.ControlPlaneEndpoint = clusterv1.APIEndpoint{Host: "lb", Port: 7443}
	if p := s.BackendPort(); p != 7443 {
		t.Errorf("port %d, want the endpoint's 7443", p)
	}
}

func TestAPIServerLoadBalancer(t *testing.T) {
	for _, tc := range []struct {
		name        string
		lb          *infrav1.LoadBalancer
		wantID      string
		wantClassic bool
	}{
		{name: "none to join", lb: nil},
		{name: "a network load balancer", lb: &infrav1.LoadBalancer{LoadBalancerID: "ocid1.networkloadbalancer.oc1..n"},
			wantID: "ocid1.networkloadbalancer.oc1..n"},
		{name: "a flexible load balancer", lb: &infrav1.LoadBalancer{LoadBalancerID: "ocid1.loadbalancer.oc1..l", LoadBalancerType: "nlb"},
			wantID: "ocid1.loadbalancer.oc1..l", wantClassic: true},
		{name: "a flexible load balancer not created yet", lb: &infrav1.LoadBalancer{LoadBalancerType: "lb"}, wantClassic: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestMachineScope(func(_ *clusterv1.Machine, _ *infrav1.OCIMachine, c *MachineCluster) { c.APIServerLB = tc.lb })
			id, classic := s.APIServerLoadBalancer()
			if id != tc.wantID || classic != tc.wantClassic {
				t.Errorf("(%q, %v), want (%q, %v)", id, classic, tc.wantID, tc.wantClassic)
			}
		})
	}
}

func TestMachineClusterOf(t *testing.T) {
	lb := &infrav1.LoadBalancer{LoadBalancerID: "ocid1.networkloadbalancer.oc1..n"}
	oc := &infrav1.OCICluster{
		Spec: infrav1.OCIClusterSpec{CompartmentID: "ocid1.compartment.oc1..c", OCIResourceIdentifier: "uid",
			FreeformTags: map[string]string{"a": "b"}, DefinedTags: map[string]map[string]string{"ns": {"k": "v"}},
			AvailabilityDomains:  map[string]infrav1.OCIAvailabilityDomain{"ad-1": {Name: ad1}},
			ControlPlaneEndpoint: clusterv1.APIEndpoint{Host: "h", Port: 6443},
			NetworkSpec:          infrav1.NetworkSpec{APIServerLoadBalancer: lb, VCN: infrav1.VCN{ID: "ocid1.vcn.oc1..v"}}},
		Status: infrav1.OCIClusterStatus{FailureDomains: adDomains()},
	}
	mc := MachineClusterOf(oc)
	want := MachineCluster{Compartment: "ocid1.compartment.oc1..c", Identifier: "uid", Freeform: oc.Spec.FreeformTags,
		Defined: oc.Spec.DefinedTags, Network: &oc.Spec.NetworkSpec, FailureDomains: adDomains(),
		AvailabilityDomains: oc.Spec.AvailabilityDomains, ControlPlaneEndpoint: oc.Spec.ControlPlaneEndpoint, APIServerLB: lb}
	if d := cmp.Diff(want, mc); d != "" {
		t.Errorf("machine cluster (-want +got):\n%s", d)
	}
	if mc.Network != &oc.Spec.NetworkSpec {
		t.Error("the machine cluster's network is not the OCICluster's own (the OCIDs it records)")
	}
	oc.Annotations = map[string]string{infrav1.SkipAPIServerLoadBalancerAnnotation: ""}
	if mc := MachineClusterOf(oc); mc.APIServerLB != nil {
		t.Errorf("API server load balancer %+v with the skip annotation, want none to join", mc.APIServerLB)
	}
}

func TestMachineScopeRecords(t *testing.T) {
	s := newTestMachineScope(func(_ *clusterv1.Machine, om *infrav1.OCIMachine, _ *MachineCluster) {
		om.Spec.PreserveBootVolume, om.Spec.PreserveDataVolumesCreatedAtLaunch = ptr.To(true), ptr.To(false)
		om.Spec.VnicAttachments = []infrav1.VnicAttachment{{DisplayName: "storage"}}
	})
	if s.LaunchNonce() != "nonce-1" || s.MachineName() != "machine-1" || s.ResourceIdentifier() != "cluster-uid" ||
		s.Generation() != 4 || s.DriftInterval() != time.Minute || s.IsControlPlane() {
		t.Errorf("nonce %q, name %q, identifier %q, generation %d, drift %s, control plane %v", s.LaunchNonce(), s.MachineName(),
			s.ResourceIdentifier(), s.Generation(), s.DriftInterval(), s.IsControlPlane())
	}
	if boot, data := s.PreserveVolumes(); !*boot || *data {
		t.Errorf("preserve boot %v, data %v; want spec's true and false", *boot, *data)
	}
	s.SetInstanceID("ocid1.instance.oc1..i")
	if s.InstanceID() != "ocid1.instance.oc1..i" || s.OCIMachine.Spec.InstanceID != "ocid1.instance.oc1..i" {
		t.Errorf("spec.instanceId %q", s.OCIMachine.Spec.InstanceID)
	}
	in := &core.Instance{Id: ptr.To("ocid1.instance.oc1..i")}
	s.Observed(in)
	if s.Instance != in {
		t.Error("the observed instance is not kept")
	}
	addrs := []clusterv1.MachineAddress{{Type: clusterv1.MachineInternalIP, Address: "10.0.0.5"}}
	s.SetAddresses(addrs)
	if d := cmp.Diff(addrs, s.OCIMachine.Status.Addresses); d != "" || len(s.Addresses()) != 1 {
		t.Errorf("status.addresses (-want +got):\n%s", d)
	}
	s.VnicAttachments()[0].VnicAttachmentID = "ocid1.vnicattachment.oc1..a"
	if s.OCIMachine.Spec.VnicAttachments[0].VnicAttachmentID != "ocid1.vnicattachment.oc1..a" {
		t.Error("an attachment OCID recorded through VnicAttachments is not in the spec")
	}
	s.Recorder(nil).SetMemo("instance", async.Memo{OwnedID: "ocid1.instance.oc1..i"})
	if len(s.OCIMachine.Status.Resources) != 1 || s.OCIMachine.Status.Resources[0].ID != "ocid1.instance.oc1..i" {
		t.Errorf("status.resources %+v, want the memo kept there", s.OCIMachine.Status.Resources)
	}
	controlPlane(s.Machine)
	if !s.IsControlPlane() {
		t.Error("a Machine with the control-plane label is not a control-plane machine")
	}
}

func TestNewMachineScopeDriftDue(t *testing.T) {
	for _, tc := range []struct {
		name    string
		checked time.Duration
		want    bool
	}{
		{"checked a while ago", 2 * time.Minute, true},
		{"checked just now", time.Second, false},
	} {
		om := &infrav1.OCIMachine{Status: infrav1.OCIMachineStatus{Resources: []infrav1.OCIResource{
			{Key: "instance", LastChecked: metav1.NewTime(time.Now().Add(-tc.checked))}}}}
		s := NewMachineScope(&clusterv1.Machine{}, om, testMachineCluster(), nil, time.Minute)
		if s.DriftDue() != tc.want || s.Due != tc.want {
			t.Errorf("%s: drift due %v, want %v", tc.name, s.DriftDue(), tc.want)
		}
	}
}

func TestSubnetIDByName(t *testing.T) {
	s := newTestMachineScope(nil)
	for _, tc := range []struct {
		name, want, wantErr string
	}{
		{name: "", want: "ocid1.subnet.worker"},
		{name: "storage", want: "ocid1.subnet.storage"},
		{name: "cp", want: "ocid1.subnet.cp"},
		{name: "pending", wantErr: `no subnet named "pending" with an OCID`},
		{name: "nowhere", wantErr: `no subnet named "nowhere" with an OCID`},
	} {
		got, err := s.SubnetID(tc.name)
		switch {
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("SubnetID(%q): %q, %v; want an error with %q", tc.name, got, err, tc.wantErr)
		case tc.wantErr == "" && (err != nil || got != tc.want):
			t.Errorf("SubnetID(%q): %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}
