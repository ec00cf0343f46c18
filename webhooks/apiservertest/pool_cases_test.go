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

package apiservertest

import (
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// The good and bad objects of the machine-pool kinds, created as v1beta3.

func machinePoolCases() kindCases {
	p := func(name string, mutate func(*infrav1exp.OCIMachinePoolSpec)) *infrav1exp.OCIMachinePool {
		o := &infrav1exp.OCIMachinePool{ObjectMeta: meta(name)}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIMachinePool",
		minimal: p("mp-min", func(*infrav1exp.OCIMachinePoolSpec) {}),
		rich: p("mp-rich", func(s *infrav1exp.OCIMachinePoolSpec) {
			s.PlacementDetails = []infrav1exp.PlacementDetails{{AvailabilityDomain: 1}, {AvailabilityDomain: 2}}
			s.InstanceConfiguration = &infrav1exp.InstanceConfiguration{Shape: "VM.Standard.E5.Flex",
				ShapeConfig:                  &infrav1.ShapeConfig{OCPUs: "2"},
				InstanceSourceViaImageConfig: &infrav1exp.InstanceSourceViaImageConfig{ImageID: imageID, BootVolumeSizeInGBs: ptr.To[int64](100)},
				InstanceVnicConfiguration:    &infrav1.NetworkDetails{SubnetName: "workers"}}
			s.ProviderIDList = []string{"oci://" + instanceID}
		}),
		bad: []badCase{
			{"availability domain 0", p("mp-bad1", func(s *infrav1exp.OCIMachinePoolSpec) {
				s.PlacementDetails = []infrav1exp.PlacementDetails{{AvailabilityDomain: 0}}
			}), "spec.placementDetails[0].availabilityDomain"},
			{"image not an OCID", p("mp-bad2", func(s *infrav1exp.OCIMachinePoolSpec) {
				s.InstanceConfiguration = &infrav1exp.InstanceConfiguration{
					InstanceSourceViaImageConfig: &infrav1exp.InstanceSourceViaImageConfig{ImageID: "ol8"}}
			}), "spec.instanceConfiguration.instanceSourceViaImageConfig.imageId"},
			{"empty provider ID", p("mp-bad3", func(s *infrav1exp.OCIMachinePoolSpec) { s.ProviderIDList = []string{""} }),
				"spec.providerIDList[0]"},
		},
	}
}

func poolMachineCases() kindCases {
	m := func(name string, spec infrav1exp.OCIMachinePoolMachineSpec) *infrav1exp.OCIMachinePoolMachine {
		return &infrav1exp.OCIMachinePoolMachine{ObjectMeta: meta(name), Spec: spec}
	}
	return kindCases{
		kind:    "OCIMachinePoolMachine",
		minimal: m("pm-min", infrav1exp.OCIMachinePoolMachineSpec{}),
		rich: m("pm-rich", infrav1exp.OCIMachinePoolMachineSpec{MachineType: "SELF_MANAGED_TYPE", InstanceName: "pool-1-abc",
			OCID: instanceID, ProviderID: ptr.To("oci://" + instanceID)}),
		bad: []badCase{
			{"machine type unknown", m("pm-bad1", infrav1exp.OCIMachinePoolMachineSpec{MachineType: "BARE_METAL"}), "spec.machineType"},
			{"provider ID of another cloud", m("pm-bad2", infrav1exp.OCIMachinePoolMachineSpec{ProviderID: ptr.To("aws:///i-1")}), "spec.providerID"},
			{"instance OCID malformed", m("pm-bad3", infrav1exp.OCIMachinePoolMachineSpec{OCID: "i-123"}), "spec.ocid"},
		},
	}
}

func managedPoolSpec() infrav1exp.OCIManagedMachinePoolSpec {
	return infrav1exp.OCIManagedMachinePoolSpec{Version: "v1.34.1", NodeShape: "VM.Standard.E5.Flex"}
}

func managedPoolCases() kindCases {
	p := func(name string, mutate func(*infrav1exp.OCIManagedMachinePoolSpec)) *infrav1exp.OCIManagedMachinePool {
		o := &infrav1exp.OCIManagedMachinePool{ObjectMeta: meta(name), Spec: managedPoolSpec()}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIManagedMachinePool",
		minimal: p("mmp-min", func(*infrav1exp.OCIManagedMachinePoolSpec) {}),
		rich: p("mmp-rich", func(s *infrav1exp.OCIManagedMachinePoolSpec) {
			s.SSHPublicKey = sshKey
			s.NodeShapeConfig = &infrav1exp.NodeShapeConfig{OCPUs: "2", MemoryInGBs: "16"}
			s.NodeEvictionNodePoolSettings = &infrav1exp.NodeEvictionNodePoolSettings{EvictionGraceDuration: "PT30M"}
			s.NodePoolCyclingDetails = &infrav1exp.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: "25%"}
			s.NodePoolNodeConfig = &infrav1exp.NodePoolNodeConfig{
				PlacementConfigs: []infrav1exp.PlacementConfig{{AvailabilityDomain: "AD-1", SubnetName: "workers", FaultDomains: []string{"FAULT-DOMAIN-1"}}},
				NodePoolPodNetworkOptionDetails: &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: "OCI_VCN_IP_NATIVE",
					VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{MaxPodsPerNode: ptr.To(31), SubnetNames: []string{"pods"}}}}
		}),
		bad: []badCase{
			{"too many pods per node", p("mmp-bad2", func(s *infrav1exp.OCIManagedMachinePoolSpec) {
				s.NodePoolNodeConfig = &infrav1exp.NodePoolNodeConfig{NodePoolPodNetworkOptionDetails: &infrav1exp.NodePoolPodNetworkOptionDetails{
					CNIType: "OCI_VCN_IP_NATIVE", VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{MaxPodsPerNode: ptr.To(1000)}}}
			}), "spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.vcnIpNativePodNetworkOptions.maxPodsPerNode"},
			{"eviction grace not ISO 8601", p("mmp-bad3", func(s *infrav1exp.OCIManagedMachinePoolSpec) {
				s.NodeEvictionNodePoolSettings = &infrav1exp.NodeEvictionNodePoolSettings{EvictionGraceDuration: "30 minutes"}
			}), "spec.nodeEvictionNodePoolSettings.evictionGraceDuration"},
		},
	}
}

func managedPoolTemplateCases() kindCases {
	t := func(name string, mutate func(*infrav1exp.OCIManagedMachinePoolSpec)) *infrav1exp.OCIManagedMachinePoolTemplate {
		o := &infrav1exp.OCIManagedMachinePoolTemplate{ObjectMeta: meta(name)}
		o.Spec.Template.Spec = managedPoolSpec()
		mutate(&o.Spec.Template.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIManagedMachinePoolTemplate",
		minimal: t("mmpt-min", func(*infrav1exp.OCIManagedMachinePoolSpec) {}),
		rich: t("mmpt-rich", func(s *infrav1exp.OCIManagedMachinePoolSpec) {
			s.NodeSourceViaImage = &infrav1exp.NodeSourceViaImage{ImageID: imageID, BootVolumeSizeInGBs: ptr.To[int64](60)}
			s.InitialNodeLabels = []infrav1.KeyValue{{Key: "pool", Value: "a"}}
		}),
		bad: []badCase{
			{"version not semver", t("mmpt-bad1", func(s *infrav1exp.OCIManagedMachinePoolSpec) { s.Version = "latest" }), "spec.template.spec.version"},
			{"boot volume too small", t("mmpt-bad2", func(s *infrav1exp.OCIManagedMachinePoolSpec) {
				s.NodeSourceViaImage = &infrav1exp.NodeSourceViaImage{ImageID: imageID, BootVolumeSizeInGBs: ptr.To[int64](10)}
			}), "spec.template.spec.nodeSourceViaImage.bootVolumeSizeInGBs"},
		},
	}
}

func virtualPoolCases() kindCases {
	p := func(name string, mutate func(*infrav1exp.OCIVirtualMachinePoolSpec)) *infrav1exp.OCIVirtualMachinePool {
		o := &infrav1exp.OCIVirtualMachinePool{ObjectMeta: meta(name)}
		mutate(&o.Spec)
		return o
	}
	return kindCases{
		kind:    "OCIVirtualMachinePool",
		minimal: p("vp-min", func(*infrav1exp.OCIVirtualMachinePoolSpec) {}),
		rich: p("vp-rich", func(s *infrav1exp.OCIVirtualMachinePoolSpec) {
			s.PodConfiguration = &infrav1exp.PodConfig{Shape: "Pod.Standard.E4.Flex", SubnetName: "pods", NSGNames: []string{"pods"}}
			s.PlacementConfigs = []infrav1exp.VirtualNodepoolPlacementConfig{{AvailabilityDomain: "AD-1", SubnetName: "workers",
				FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}}}
			s.Taints = []infrav1exp.Taint{{Key: "virtual", Value: "true", Effect: "NoSchedule"}}
		}),
		bad: []badCase{
			{"taint effect unknown", p("vp-bad1", func(s *infrav1exp.OCIVirtualMachinePoolSpec) {
				s.Taints = []infrav1exp.Taint{{Key: "k", Effect: "Never"}}
			}), "spec.taints[0].effect"},
			{"fault domain misnamed", p("vp-bad2", func(s *infrav1exp.OCIVirtualMachinePoolSpec) {
				s.PlacementConfigs = []infrav1exp.VirtualNodepoolPlacementConfig{{FaultDomains: []string{"FD-1"}}}
			}), "spec.placementConfigs[0].faultDomains[0]"},
			{"pool OCID malformed", p("vp-bad3", func(s *infrav1exp.OCIVirtualMachinePoolSpec) { s.ID = "pool-1" }), "spec.id"},
		},
	}
}

// allCases are the cases of all 14 kinds.
func allCases() []kindCases {
	return []kindCases{
		clusterCases(), clusterTemplateCases(), managedClusterCases(), managedClusterTemplateCases(), machineCases(),
		machineTemplateCases(), identityCases(), controlPlaneCases(), controlPlaneTemplateCases(), machinePoolCases(),
		poolMachineCases(), managedPoolCases(), managedPoolTemplateCases(), virtualPoolCases(),
	}
}
