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

package webhooks

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

const sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host"

func TestOCIMachinePoolValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1exp.OCIMachinePool)
		fields []string
	}{
		{"valid", func(*infrav1exp.OCIMachinePool) {}, nil},
		{"availability domain out of range", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.PlacementDetails = []infrav1exp.PlacementDetails{{AvailabilityDomain: 1}, {AvailabilityDomain: 4}}
		}, []string{"spec.placementDetails[1].availabilityDomain"}},
		{"bad image and boot volume", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.InstanceConfiguration.InstanceSourceViaImageConfig.ImageID = "img"
			p.Spec.InstanceConfiguration.InstanceSourceViaImageConfig.BootVolumeSizeInGBs = ptr.To[int64](10)
		}, []string{"spec.instanceConfiguration.instanceSourceViaImageConfig.imageId",
			"spec.instanceConfiguration.instanceSourceViaImageConfig.bootVolumeSizeInGBs"}},
		{"bad provider ID list", func(p *infrav1exp.OCIMachinePool) { p.Spec.ProviderIDList = []string{"oci://" + instanceID, ""} },
			[]string{"spec.providerIDList[1]"}},
		{"rolling update bounds", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.Strategy = &infrav1exp.MachinePoolStrategy{RollingUpdate: &infrav1exp.MachinePoolRollingUpdate{
				MaxSurge: ptr.To(intstr.FromString("150%")), MaxUnavailable: ptr.To(intstr.FromInt32(-1))}}
		}, []string{"spec.strategy.rollingUpdate.maxSurge", "spec.strategy.rollingUpdate.maxUnavailable"}},
		{"rolling update that cannot replace anything", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.Strategy = &infrav1exp.MachinePoolStrategy{RollingUpdate: &infrav1exp.MachinePoolRollingUpdate{
				MaxSurge: ptr.To(intstr.FromString("0%")), MaxUnavailable: ptr.To(intstr.FromInt32(0))}}
		}, []string{"spec.strategy.rollingUpdate.maxUnavailable"}},
		{"valid rolling update and load balancer", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.Strategy = &infrav1exp.MachinePoolStrategy{RollingUpdate: &infrav1exp.MachinePoolRollingUpdate{
				MaxSurge: ptr.To(intstr.FromString("25%")), MaxUnavailable: ptr.To(intstr.FromInt32(0))}}
			p.Spec.LoadBalancers = []infrav1exp.InstancePoolLoadBalancer{{LoadBalancerID: "ocid1.loadbalancer.oc1.iad.aaaa", BackendSetName: "web", Port: 80}}
		}, nil},
		{"load balancer OCID", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.LoadBalancers = []infrav1exp.InstancePoolLoadBalancer{{LoadBalancerID: "lb", BackendSetName: "web", Port: 80}}
		}, []string{"spec.loadBalancers[0].loadBalancerId"}},
		{"subnet by id and name", func(p *infrav1exp.OCIMachinePool) {
			p.Spec.InstanceConfiguration.InstanceVnicConfiguration = &infrav1.NetworkDetails{SubnetID: subnetID, SubnetName: "w"}
		}, []string{"spec.instanceConfiguration.instanceVnicConfiguration.subnetName"}},
	}
	w := &OCIMachinePool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &infrav1exp.OCIMachinePool{ObjectMeta: metav1.ObjectMeta{Name: "p"}, Spec: infrav1exp.OCIMachinePoolSpec{
				InstanceConfiguration: &infrav1exp.InstanceConfiguration{Shape: "VM.Standard.E5.Flex",
					InstanceSourceViaImageConfig: &infrav1exp.InstanceSourceViaImageConfig{ImageID: imageID}}}}
			tt.mutate(p)
			_, err := w.ValidateCreate(context.Background(), p)
			expectFields(t, err, tt.fields...)
		})
	}
	old := &infrav1exp.OCIMachinePool{Spec: infrav1exp.OCIMachinePoolSpec{OCID: "ocid1.instancepool.oc1.iad.aaaa"}}
	changed := old.DeepCopy()
	changed.Spec.OCID = "ocid1.instancepool.oc1.iad.bbbb"
	_, err := w.ValidateUpdate(context.Background(), old, changed)
	expectFields(t, err, "spec.ocid")
}

func TestOCIMachinePoolMachineValidate(t *testing.T) {
	w := &OCIMachinePoolMachine{}
	m := &infrav1exp.OCIMachinePoolMachine{ObjectMeta: metav1.ObjectMeta{Name: "m"},
		Spec: infrav1exp.OCIMachinePoolMachineSpec{MachineType: MachineTypeSelfManaged, InstanceName: "i"}}
	_, err := w.ValidateCreate(context.Background(), m)
	expectFields(t, err)
	bad := m.DeepCopy()
	bad.Spec.MachineType = "BARE"
	bad.Spec.ProviderID = ptr.To("aws:///i-123")
	_, err = w.ValidateCreate(context.Background(), bad)
	expectFields(t, err, "spec.machineType", "spec.providerID")
	filled := m.DeepCopy()
	filled.Spec.OCID, filled.Spec.ProviderID = instanceID, ptr.To("oci://"+instanceID)
	_, err = w.ValidateUpdate(context.Background(), m, filled)
	expectFields(t, err)
	renamed := filled.DeepCopy()
	renamed.Spec.InstanceName = "j"
	_, err = w.ValidateUpdate(context.Background(), filled, renamed)
	expectFields(t, err, "spec.instanceName")
}

func newManagedPool() *infrav1exp.OCIManagedMachinePool {
	return &infrav1exp.OCIManagedMachinePool{ObjectMeta: metav1.ObjectMeta{Name: "p"}, Spec: infrav1exp.OCIManagedMachinePoolSpec{
		Version: "v1.34.1", NodeShape: "VM.Standard.E5.Flex", SSHPublicKey: sshKey,
		NodeShapeConfig: &infrav1exp.NodeShapeConfig{OCPUs: "2", MemoryInGBs: "16"},
		NodePoolNodeConfig: &infrav1exp.NodePoolNodeConfig{
			NodePoolPodNetworkOptionDetails: &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: CNIVCNNative,
				VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{MaxPodsPerNode: ptr.To(31)}},
		},
	}}
}

func TestOCIManagedMachinePoolValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1exp.OCIManagedMachinePool)
		fields []string
	}{
		{"valid", func(*infrav1exp.OCIManagedMachinePool) {}, nil},
		{"too many pods", func(p *infrav1exp.OCIManagedMachinePool) {
			p.Spec.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.VCNIPNativePodNetworkOptions.MaxPodsPerNode = ptr.To(500)
		}, []string{"spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.vcnIpNativePodNetworkOptions.maxPodsPerNode"}},
		{"native options with flannel", func(p *infrav1exp.OCIManagedMachinePool) {
			p.Spec.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.CNIType = CNIFlannel
		}, []string{"spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.vcnIpNativePodNetworkOptions"}},
		{"eviction grace and surge", func(p *infrav1exp.OCIManagedMachinePool) {
			p.Spec.NodeEvictionNodePoolSettings = &infrav1exp.NodeEvictionNodePoolSettings{EvictionGraceDuration: "30m"}
			p.Spec.NodePoolCyclingDetails = &infrav1exp.NodePoolCyclingDetails{MaximumSurge: "a lot"}
		}, []string{"spec.nodeEvictionNodePoolSettings.evictionGraceDuration", "spec.nodePoolCyclingDetails.maximumSurge"}},
		{"fault domains", func(p *infrav1exp.OCIManagedMachinePool) {
			p.Spec.NodePoolNodeConfig.PlacementConfigs = []infrav1exp.PlacementConfig{{FaultDomains: []string{"FAULT-DOMAIN-4"}}}
		}, []string{"spec.nodePoolNodeConfig.placementConfigs[0].faultDomains[0]"}},
	}
	w := &OCIManagedMachinePool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newManagedPool()
			tt.mutate(p)
			_, err := w.ValidateCreate(context.Background(), p)
			expectFields(t, err, tt.fields...)
		})
	}
	old := newManagedPool()
	old.Spec.ID = nodePoolID
	down := old.DeepCopy()
	down.Spec.Version, down.Spec.ID = "v1.33.0", "ocid1.nodepool.oc1.iad.bbbb"
	down.Spec.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: CNIFlannel}
	_, err := w.ValidateUpdate(context.Background(), old, down)
	expectFields(t, err, "spec.version", "spec.id", "spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.cniType")
	up := old.DeepCopy()
	up.Spec.Version, up.Spec.NodeShapeConfig.OCPUs = "v1.35.0", "4"
	_, err = w.ValidateUpdate(context.Background(), old, up)
	expectFields(t, err)
}

func TestOCIManagedMachinePoolTemplate(t *testing.T) {
	w := &OCIManagedMachinePoolTemplate{}
	tmpl := &infrav1exp.OCIManagedMachinePoolTemplate{ObjectMeta: metav1.ObjectMeta{Name: "t"}}
	tmpl.Spec.Template.Spec = newManagedPool().Spec
	_, err := w.ValidateCreate(context.Background(), tmpl)
	expectFields(t, err)
	changed := tmpl.DeepCopy()
	changed.Spec.Template.Spec.NodeShape = "VM.Standard3.Flex"
	_, err = w.ValidateUpdate(context.Background(), tmpl, changed)
	expectFields(t, err, "spec.template.spec.nodeShape")
}

func TestOCIVirtualMachinePoolValidate(t *testing.T) {
	w := &OCIVirtualMachinePool{}
	p := &infrav1exp.OCIVirtualMachinePool{ObjectMeta: metav1.ObjectMeta{Name: "v"}, Spec: infrav1exp.OCIVirtualMachinePoolSpec{
		PodConfiguration: &infrav1exp.PodConfig{Shape: "Pod.Standard.E4.Flex", SubnetName: "pod"},
		Taints:           []infrav1exp.Taint{{Key: "k", Effect: "NoSchedule"}},
	}}
	_, err := w.ValidateCreate(context.Background(), p)
	expectFields(t, err)
	bad := p.DeepCopy()
	bad.Spec.Taints = []infrav1exp.Taint{{Effect: "Never"}}
	bad.Spec.NSGNames = []string{"a", "a"}
	bad.Spec.PlacementConfigs = []infrav1exp.VirtualNodepoolPlacementConfig{{FaultDomains: []string{"fd1"}}}
	_, err = w.ValidateCreate(context.Background(), bad)
	expectFields(t, err, "spec.taints[0].key", "spec.taints[0].effect", "spec.nsgNames[1]", "spec.placementConfigs[0].faultDomains[0]")
	old := p.DeepCopy()
	old.Spec.ID = "ocid1.virtualnodepool.oc1.iad.aaaa"
	cleared := p.DeepCopy()
	_, err = w.ValidateUpdate(context.Background(), old, cleared)
	expectFields(t, err, "spec.id")
}
