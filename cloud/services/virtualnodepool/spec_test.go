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

package virtualnodepool_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

var ownedTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}

// minimal is the request of newScope's pool: what the earlier provider sent for it, the empty NSG, label and taint
// lists included, the cluster's tags on the pool and on its virtual nodes.
func minimal(f func(*containerengine.CreateVirtualNodePoolDetails)) containerengine.CreateVirtualNodePoolDetails {
	d := containerengine.CreateVirtualNodePoolDetails{CompartmentId: ptr.To("ocid1.compartment.oc1..test"),
		ClusterId: ptr.To("ocid1.cluster.oke"), DisplayName: ptr.To("vp-0"), Size: ptr.To(1),
		PlacementConfigurations: []containerengine.PlacementConfiguration{{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker")}},
		PodConfiguration: &containerengine.PodConfiguration{SubnetId: ptr.To("ocid1.subnet.pod"), Shape: ptr.To("Pod.Standard.E4.Flex"),
			NsgIds: []string{"ocid1.nsg.pod"}},
		InitialVirtualNodeLabels: []containerengine.InitialVirtualNodeLabel{}, Taints: []containerengine.Taint{}, NsgIds: []string{},
		FreeformTags: ownedTags, VirtualNodeTags: &containerengine.VirtualNodeTags{FreeformTags: ownedTags}}
	if f != nil {
		f(&d)
	}
	return d
}

// everyField declares every setting of a pool: two placements with fault domains, NSGs, labels, taints and a pod
// configuration of its own.
func everyField(p *infrav1exp.OCIVirtualMachinePoolSpec) {
	p.PlacementConfigs = []infrav1exp.VirtualNodepoolPlacementConfig{
		{AvailabilityDomain: "AD-1", SubnetName: "worker", FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
		{AvailabilityDomain: "AD-2", SubnetName: "other", FaultDomains: []string{"FAULT-DOMAIN-3"}}}
	p.NSGNames = []string{"worker", "other"}
	p.InitialVirtualNodeLabels = []infrav1.KeyValue{{Key: "tier", Value: "web"}, {Key: "zone", Value: "a"}}
	p.Taints = []infrav1exp.Taint{{Key: "dedicated", Value: "web", Effect: "NoSchedule"}, {Key: "spot", Effect: "NoExecute"}}
	p.PodConfiguration = &infrav1exp.PodConfig{SubnetName: "other", NSGNames: []string{"pod", "other"}, Shape: "Pod.Standard.E3.Flex"}
}

func TestCreateDetails(t *testing.T) {
	defined := map[string]map[string]any{"ns": {"k": "v"}}
	tags := map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
	for _, tc := range []struct {
		name  string
		scope func() virtualnodepool.Scope
		want  containerengine.CreateVirtualNodePoolDetails
	}{
		{"defaulted pool of one node in one placement: the earlier provider's request", func() virtualnodepool.Scope { return newScope() }, minimal(nil)},
		{"no placements or NSGs named: every AD of the cluster, by name, in the first worker subnet, with the worker NSGs",
			func() virtualnodepool.Scope { return newNetScope() }, minimal(func(d *containerengine.CreateVirtualNodePoolDetails) {
				d.NsgIds = []string{"ocid1.nsg.worker"}
				d.PlacementConfigurations = []containerengine.PlacementConfiguration{
					{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomain: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
					{AvailabilityDomain: ptr.To("AD-2"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomain: []string{"FAULT-DOMAIN-3"}}}
			})},
		{"every setting, tagged", func() virtualnodepool.Scope {
			s := newScope()
			s.replicas, s.Freeform, s.Defined = 3, map[string]string{"team": "a"}, defined
			everyField(&s.pool)
			return s
		}, minimal(func(d *containerengine.CreateVirtualNodePoolDetails) {
			d.Size = ptr.To(3)
			d.PlacementConfigurations = []containerengine.PlacementConfiguration{
				{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomain: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
				{AvailabilityDomain: ptr.To("AD-2"), SubnetId: ptr.To("ocid1.subnet.other"), FaultDomain: []string{"FAULT-DOMAIN-3"}}}
			d.NsgIds = []string{"ocid1.nsg.worker", "ocid1.nsg.other"}
			d.InitialVirtualNodeLabels = []containerengine.InitialVirtualNodeLabel{{Key: ptr.To("tier"), Value: ptr.To("web")},
				{Key: ptr.To("zone"), Value: ptr.To("a")}}
			d.Taints = []containerengine.Taint{{Key: ptr.To("dedicated"), Value: ptr.To("web"), Effect: ptr.To("NoSchedule")},
				{Key: ptr.To("spot"), Effect: ptr.To("NoExecute")}}
			d.PodConfiguration = &containerengine.PodConfiguration{SubnetId: ptr.To("ocid1.subnet.other"), Shape: ptr.To("Pod.Standard.E3.Flex"),
				NsgIds: []string{"ocid1.nsg.pod", "ocid1.nsg.other"}}
			d.FreeformTags, d.DefinedTags = tags, defined
			d.VirtualNodeTags = &containerengine.VirtualNodeTags{FreeformTags: tags, DefinedTags: defined}
		})},
		{"pods without NSGs: an empty list", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PodConfiguration.NSGNames = nil
			return s
		}, minimal(func(d *containerengine.CreateVirtualNodePoolDetails) { d.PodConfiguration.NsgIds = []string{} })},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := virtualnodepool.NewSpec(tc.scope())
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("CreateVirtualNodePoolDetails (-want +got):\n%s", d)
			}
		})
	}
}

func TestNewSpecRefusesWhatTheNetworkDoesNotKnow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		scope func() virtualnodepool.Scope
		want  string
	}{
		{"unknown placement subnet", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PlacementConfigs[0].SubnetName = "nope"
			return s
		}, `spec.placementConfigs[0].subnetName "nope": no such subnet in the OCIManagedCluster's network`},
		{"placement without a subnet", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PlacementConfigs[0].SubnetName = ""
			return s
		}, `spec.placementConfigs[0].subnetName is empty: name a subnet of the OCIManagedCluster's network`},
		{"unknown NSG", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.NSGNames = []string{"worker", "bar"}
			return s
		}, `spec.nsgNames[1] "bar": no such network security group in the OCIManagedCluster's network`},
		{"unknown pod subnet", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PodConfiguration.SubnetName = "pods"
			return s
		}, `spec.podConfiguration.subnetName "pods": no such subnet in the OCIManagedCluster's network`},
		{"unknown pod NSG", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PodConfiguration.NSGNames = []string{"pod", "pods"}
			return s
		}, `spec.podConfiguration.nsgNames[1] "pods": no such network security group in the OCIManagedCluster's network`},
		{"no pod configuration", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PodConfiguration = nil
			return s
		}, `spec.podConfiguration is not set: name the pods' subnet and shape`},
		{"no pod shape", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PodConfiguration.Shape = ""
			return s
		}, `spec.podConfiguration.shape is empty: name the pods' shape, such as Pod.Standard.E4.Flex`},
		{"no placements, and no network to default them from", func() virtualnodepool.Scope {
			s := newScope()
			s.pool.PlacementConfigs = nil
			return s
		}, `spec.placementConfigs is empty: name the availability domains and subnets of the virtual nodes`},
		{"no placements, and no worker subnet to default them to", func() virtualnodepool.Scope {
			s := newNetScope()
			s.vcn.Subnets = s.vcn.Subnets[:1]
			return s
		}, `spec.placementConfigs is empty, and the OCIManagedCluster's network has no worker subnet to place the virtual nodes in`},
		{"no placements, and no availability domains", func() virtualnodepool.Scope {
			s := newNetScope()
			s.ads = nil
			return s
		}, `spec.placementConfigs is empty, and the OCIManagedCluster lists no availability domains (spec.availabilityDomains) to place the virtual nodes in`},
		{"no placements, and the worker subnet not known", func() virtualnodepool.Scope {
			s := newNetScope()
			delete(s.subnets, "worker")
			return s
		}, `the worker subnet of spec.networkSpec.vcn.subnets "worker": no such subnet in the OCIManagedCluster's network`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := virtualnodepool.NewSpec(tc.scope())
			var e *async.Error
			if !errors.As(err, &e) || e.Class != async.Terminal || e.Reason != infrav1.ReconcileFailedReason || err.Error() != tc.want {
				t.Errorf("NewSpec: %v\nwant the terminal error %s", err, tc.want)
			}
		})
	}
}

// podOf is the pod configuration of everyField with f applied.
func podOf(f func(*containerengine.PodConfiguration)) *containerengine.PodConfiguration {
	pc := &containerengine.PodConfiguration{SubnetId: ptr.To("ocid1.subnet.other"), Shape: ptr.To("Pod.Standard.E3.Flex"),
		NsgIds: []string{"ocid1.nsg.pod", "ocid1.nsg.other"}}
	f(pc)
	return pc
}

func TestUpdateDetails(t *testing.T) {
	placed := func(subnet2 string, fds2 ...string) []containerengine.PlacementConfiguration {
		return []containerengine.PlacementConfiguration{
			{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomain: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
			{AvailabilityDomain: ptr.To("AD-2"), SubnetId: ptr.To(subnet2), FaultDomain: fds2}}
	}
	for _, tc := range []struct {
		name string
		// spec changes the pool's spec after the pool was created; pool changes the pool as OKE has it.
		spec func(s *scope)
		pool func(vnp *containerengine.VirtualNodePool)
		want any
	}{
		{name: "as created: in place"},
		{name: "another order, fault domains OKE chose, others' tags: in place", pool: func(vnp *containerengine.VirtualNodePool) {
			p := vnp.PlacementConfigurations
			p[0], p[1] = p[1], p[0]
			vnp.NsgIds = []string{"ocid1.nsg.other", "ocid1.nsg.worker"}
			vnp.InitialVirtualNodeLabels = []containerengine.InitialVirtualNodeLabel{vnp.InitialVirtualNodeLabels[1], vnp.InitialVirtualNodeLabels[0]}
			vnp.Taints = []containerengine.Taint{vnp.Taints[1], vnp.Taints[0]}
			vnp.PodConfiguration = podOf(func(pc *containerengine.PodConfiguration) { pc.NsgIds = []string{"ocid1.nsg.other", "ocid1.nsg.pod"} })
			vnp.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}
			vnp.DefinedTags = map[string]map[string]any{"Oracle-Tags": {"CreatedBy": "someone"}}
		}, spec: func(s *scope) { s.pool.PlacementConfigs[1].FaultDomains = nil }},
		{name: "scaled: the size alone", spec: func(s *scope) { s.replicas = 5 },
			want: containerengine.UpdateVirtualNodePoolDetails{Size: ptr.To(5)}},
		{name: "renamed behind our back: named back", pool: func(vnp *containerengine.VirtualNodePool) { vnp.DisplayName = ptr.To("renamed") },
			want: containerengine.UpdateVirtualNodePoolDetails{DisplayName: ptr.To("vp-0")}},
		{name: "a placement in another subnet: every placement", spec: func(s *scope) { s.pool.PlacementConfigs[1].SubnetName = "worker" },
			want: containerengine.UpdateVirtualNodePoolDetails{PlacementConfigurations: placed("ocid1.subnet.worker", "FAULT-DOMAIN-3")}},
		{name: "other fault domains: every placement", spec: func(s *scope) { s.pool.PlacementConfigs[1].FaultDomains = []string{"FAULT-DOMAIN-1"} },
			want: containerengine.UpdateVirtualNodePoolDetails{PlacementConfigurations: placed("ocid1.subnet.other", "FAULT-DOMAIN-1")}},
		{name: "a placement less", spec: func(s *scope) { s.pool.PlacementConfigs = s.pool.PlacementConfigs[:1] },
			want: containerengine.UpdateVirtualNodePoolDetails{PlacementConfigurations: placed("")[:1]}},
		{name: "NSGs", spec: func(s *scope) { s.pool.NSGNames = []string{"worker"} },
			want: containerengine.UpdateVirtualNodePoolDetails{NsgIds: []string{"ocid1.nsg.worker"}}},
		{name: "labels changed", spec: func(s *scope) { s.pool.InitialVirtualNodeLabels = []infrav1.KeyValue{{Key: "tier", Value: "db"}} },
			want: containerengine.UpdateVirtualNodePoolDetails{
				InitialVirtualNodeLabels: []containerengine.InitialVirtualNodeLabel{{Key: ptr.To("tier"), Value: ptr.To("db")}}}},
		{name: "labels removed: an empty list", spec: func(s *scope) { s.pool.InitialVirtualNodeLabels = nil },
			want: containerengine.UpdateVirtualNodePoolDetails{InitialVirtualNodeLabels: []containerengine.InitialVirtualNodeLabel{}}},
		{name: "a taint's effect changed: every taint", spec: func(s *scope) { s.pool.Taints[1].Effect = "NoSchedule" },
			want: containerengine.UpdateVirtualNodePoolDetails{Taints: []containerengine.Taint{
				{Key: ptr.To("dedicated"), Value: ptr.To("web"), Effect: ptr.To("NoSchedule")}, {Key: ptr.To("spot"), Effect: ptr.To("NoSchedule")}}}},
		{name: "taints removed: an empty list", spec: func(s *scope) { s.pool.Taints = nil },
			want: containerengine.UpdateVirtualNodePoolDetails{Taints: []containerengine.Taint{}}},
		{name: "pod shape: the whole pod configuration", spec: func(s *scope) { s.pool.PodConfiguration.Shape = "Pod.Standard.E4.Flex" },
			want: containerengine.UpdateVirtualNodePoolDetails{PodConfiguration: podOf(func(pc *containerengine.PodConfiguration) {
				pc.Shape = ptr.To("Pod.Standard.E4.Flex")
			})}},
		{name: "pod subnet", spec: func(s *scope) { s.pool.PodConfiguration.SubnetName = "pod" },
			want: containerengine.UpdateVirtualNodePoolDetails{PodConfiguration: podOf(func(pc *containerengine.PodConfiguration) {
				pc.SubnetId = ptr.To("ocid1.subnet.pod")
			})}},
		{name: "pod NSGs", spec: func(s *scope) { s.pool.PodConfiguration.NSGNames = []string{"pod"} },
			want: containerengine.UpdateVirtualNodePoolDetails{PodConfiguration: podOf(func(pc *containerengine.PodConfiguration) {
				pc.NsgIds = []string{"ocid1.nsg.pod"}
			})}},
		{name: "tags removed: put back, on the pool and its virtual nodes, others kept", pool: func(vnp *containerengine.VirtualNodePool) {
			vnp.FreeformTags = map[string]string{"x": "y"}
			vnp.VirtualNodeTags = &containerengine.VirtualNodeTags{FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider"}}
		}, want: containerengine.UpdateVirtualNodePoolDetails{
			FreeformTags:    map[string]string{"x": "y", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
			VirtualNodeTags: &containerengine.VirtualNodeTags{FreeformTags: ownedTags}}},
		{name: "defined tags added to the spec: merged on the pool and its virtual nodes", spec: func(s *scope) {
			s.Defined = map[string]map[string]any{"ns": {"k": "v"}}
		}, pool: func(vnp *containerengine.VirtualNodePool) {
			vnp.DefinedTags = map[string]map[string]any{"Oracle-Tags": {"CreatedBy": "someone"}}
			vnp.VirtualNodeTags = nil
		}, want: containerengine.UpdateVirtualNodePoolDetails{FreeformTags: ownedTags,
			DefinedTags:     map[string]map[string]any{"Oracle-Tags": {"CreatedBy": "someone"}, "ns": {"k": "v"}},
			VirtualNodeTags: &containerengine.VirtualNodeTags{FreeformTags: ownedTags, DefinedTags: map[string]map[string]any{"ns": {"k": "v"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			everyField(&s.pool)
			vnp := created(s, "ocid1.virtualnodepool.vp")
			if tc.pool != nil {
				tc.pool(&vnp)
			}
			if tc.spec != nil {
				tc.spec(s)
			}
			spec, err := virtualnodepool.NewSpec(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.UpdateDetails(&vnp)
			svctest.CheckUpdate(t, "UpdateVirtualNodePoolDetails", tc.want, got, err)
		})
	}
}
