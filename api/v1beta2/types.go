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

package v1beta2

import (
	corev1 "k8s.io/api/core/v1"
)

// OCIAvailabilityDomain describes an availability domain and its fault domains.
type OCIAvailabilityDomain struct {
	// FaultDomains are the fault domains of the availability domain.
	// +optional
	FaultDomains []string `json:"faultDomains,omitempty"`

	// Name is the name of the availability domain.
	// +optional
	Name string `json:"name,omitempty"`
}

// ClientOverrides overrides OCI service endpoints, for example for private or test regions.
type ClientOverrides struct {
	// CertOverride references a Secret holding a CA certificate bundle to trust for the overridden endpoints.
	// +optional
	CertOverride *corev1.SecretReference `json:"certOverride,omitempty"`

	// ComputeClientURL overrides the Compute service endpoint.
	// +optional
	ComputeClientURL string `json:"computeClientUrl,omitempty"`

	// ComputeManagementClientURL overrides the Compute Management service endpoint.
	// +optional
	ComputeManagementClientURL string `json:"computeManagementClientUrl,omitempty"`

	// ContainerEngineClientURL overrides the Container Engine service endpoint.
	// +optional
	ContainerEngineClientURL string `json:"containerEngineClientUrl,omitempty"`

	// IdentityClientURL overrides the Identity service endpoint.
	// +optional
	IdentityClientURL string `json:"identityClientUrl,omitempty"`

	// LoadBalancerClientURL overrides the Load Balancer service endpoint.
	// +optional
	LoadBalancerClientURL string `json:"loadBalancerClientUrl,omitempty"`

	// NetworkLoadBalancerClientURL overrides the Network Load Balancer service endpoint.
	// +optional
	NetworkLoadBalancerClientURL string `json:"networkLoadBalancerClientUrl,omitempty"`

	// VCNClientURL overrides the Virtual Network service endpoint.
	// +optional
	VCNClientURL string `json:"vCNClientUrl,omitempty"`

	// VolumeClientURL overrides the Block Volume service endpoint.
	// +optional
	VolumeClientURL string `json:"volumeClientUrl,omitempty"`

	// WorkrequestClientURL overrides the Work Requests service endpoint.
	// +optional
	WorkrequestClientURL string `json:"workrequestClientUrl,omitempty"`
}

// AgentConfig configures the Oracle Cloud Agent of an instance.
type AgentConfig struct {
	// AreAllPluginsDisabled disables every agent plugin.
	// +optional
	AreAllPluginsDisabled *bool `json:"areAllPluginsDisabled,omitempty"`

	// IsManagementDisabled disables the management plugins of the agent.
	// +optional
	IsManagementDisabled *bool `json:"isManagementDisabled,omitempty"`

	// IsMonitoringDisabled disables the monitoring plugins of the agent.
	// +optional
	IsMonitoringDisabled *bool `json:"isMonitoringDisabled,omitempty"`

	// PluginsConfigs configures individual agent plugins.
	// +optional
	PluginsConfigs []InstanceAgentPluginConfig `json:"pluginsConfigs,omitempty"`
}

// InstanceAgentPluginConfig configures one Oracle Cloud Agent plugin.
type InstanceAgentPluginConfig struct {
	// DesiredState is the desired state of the plugin: ENABLED or DISABLED.
	// +optional
	DesiredState string `json:"desiredState,omitempty"`

	// Name is the name of the plugin.
	// +optional
	Name string `json:"name,omitempty"`
}

// AvailabilityConfig configures live migration and recovery of an instance.
type AvailabilityConfig struct {
	// IsLiveMigrationPreferred prefers live migration during infrastructure maintenance.
	// +optional
	IsLiveMigrationPreferred *bool `json:"isLiveMigrationPreferred,omitempty"`

	// RecoveryAction is what happens to the instance after infrastructure maintenance: RESTORE_INSTANCE or
	// STOP_INSTANCE.
	// +optional
	RecoveryAction string `json:"recoveryAction,omitempty"`
}

// InstanceOptions holds instance options.
type InstanceOptions struct {
	// AreLegacyIMDSEndpointsDisabled disables the legacy (v1) instance metadata service endpoints.
	// +optional
	AreLegacyIMDSEndpointsDisabled *bool `json:"areLegacyImdsEndpointsDisabled,omitempty"`
}

// LaunchOptions configures how an instance is launched.
type LaunchOptions struct {
	// BootVolumeType is the emulation type of the boot volume.
	// +optional
	BootVolumeType string `json:"bootVolumeType,omitempty"`

	// Firmware is the firmware used to boot the instance: BIOS or UEFI_64.
	// +optional
	Firmware string `json:"firmware,omitempty"`

	// IsConsistentVolumeNamingEnabled enables consistent volume device names.
	// +optional
	IsConsistentVolumeNamingEnabled *bool `json:"isConsistentVolumeNamingEnabled,omitempty"`

	// NetworkType is the emulation type of the network interface.
	// +optional
	NetworkType string `json:"networkType,omitempty"`

	// RemoteDataVolumeType is the emulation type of data volumes.
	// +optional
	RemoteDataVolumeType string `json:"remoteDataVolumeType,omitempty"`
}

// NetworkDetails configures the primary VNIC of an instance.
type NetworkDetails struct {
	// AssignIPv6IP assigns an IPv6 address to the VNIC.
	// +optional
	AssignIPv6IP *bool `json:"assignIpv6Ip,omitempty"`

	// AssignPrivateDNSRecord creates a private DNS record for the VNIC.
	// +optional
	AssignPrivateDNSRecord *bool `json:"assignPrivateDnsRecord,omitempty"`

	// AssignPublicIP assigns a public IP address to the VNIC.
	// +optional
	AssignPublicIP *bool `json:"assignPublicIp,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// HostnameLabel is the hostname label of the VNIC.
	// +optional
	HostnameLabel string `json:"hostnameLabel,omitempty"`

	// NSGID is the OCID of a network security group.
	// +optional
	NSGID string `json:"nsgId,omitempty"`

	// NSGIDs are the OCIDs of network security groups.
	// +optional
	NSGIDs []string `json:"nsgIds,omitempty"`

	// NSGNames are the names of network security groups, as declared in the cluster network spec.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// SkipSourceDestCheck disables the source/destination check on the VNIC.
	// +optional
	SkipSourceDestCheck *bool `json:"skipSourceDestCheck,omitempty"`

	// SubnetID is the OCID of the subnet.
	// +optional
	SubnetID string `json:"subnetId,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`
}

// PreemptibleInstanceConfig makes an instance preemptible.
type PreemptibleInstanceConfig struct {
	// TerminatePreemptionAction terminates the instance when it is preempted.
	// +optional
	TerminatePreemptionAction *TerminatePreemptionAction `json:"terminatePreemptionAction,omitempty"`
}

// TerminatePreemptionAction terminates a preempted instance.
type TerminatePreemptionAction struct {
	// PreserveBootVolume keeps the boot volume when the instance is terminated.
	// +optional
	PreserveBootVolume *bool `json:"preserveBootVolume,omitempty"`
}

// ShapeConfig configures a flexible shape.
type ShapeConfig struct {
	// BaselineOcpuUtilization is the baseline OCPU utilization of a burstable instance.
	// +optional
	BaselineOcpuUtilization string `json:"baselineOcpuUtilization,omitempty"`

	// MemoryInGBs is the amount of memory in GBs.
	// +optional
	MemoryInGBs string `json:"memoryInGBs,omitempty"`

	// Nvmes is the number of NVMe drives.
	// +optional
	Nvmes *int `json:"nvmes,omitempty"`

	// OCPUs is the number of OCPUs.
	// +optional
	OCPUs string `json:"ocpus,omitempty"`
}

// KeyValue is a key/value pair.
type KeyValue struct {
	// Key is the pair's name: an OKE add-on's configuration key, or the key of a label OKE puts on the nodes of a
	// node pool or virtual node pool.
	// +optional
	Key string `json:"key,omitempty"`

	// Value is the value given to Key.
	// +optional
	Value string `json:"value,omitempty"`
}
