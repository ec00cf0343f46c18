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
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimanagedmachinepools,scope=Namespaced,categories=cluster-api,shortName=ocimmp
// +kubebuilder:subresource:status

// OCIManagedMachinePool is an OKE node pool that implements a MachinePool.
type OCIManagedMachinePool struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIManagedMachinePool.
	// +optional
	Spec OCIManagedMachinePoolSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIManagedMachinePool.
	// +optional
	Status OCIManagedMachinePoolStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIManagedMachinePoolList is a list of OCIManagedMachinePool objects.
type OCIManagedMachinePoolList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIManagedMachinePool objects.
	Items []OCIManagedMachinePool `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIManagedMachinePool{}, &OCIManagedMachinePoolList{})
}

// OCIManagedMachinePoolSpec is the desired state of OCIManagedMachinePool.
type OCIManagedMachinePoolSpec struct {
	// ID is the OCID of the node pool; the controller records it.
	// +optional
	ID string `json:"id,omitempty"`

	// InitialNodeLabels are labels applied to the nodes when they join.
	// +optional
	InitialNodeLabels []infrav1beta2.KeyValue `json:"initialNodeLabels,omitempty"`

	// NodeEvictionNodePoolSettings configures how nodes are evicted when they are deleted.
	// +optional
	NodeEvictionNodePoolSettings *NodeEvictionNodePoolSettings `json:"nodeEvictionNodePoolSettings,omitempty"`

	// NodeMetadata is metadata passed to the node instances.
	// +optional
	NodeMetadata map[string]string `json:"nodeMetadata,omitempty"`

	// NodePoolCyclingDetails configures the replacement of nodes when the node pool changes.
	// +optional
	NodePoolCyclingDetails *NodePoolCyclingDetails `json:"nodePoolCyclingDetails,omitempty"`

	// NodePoolNodeConfig configures the nodes of the node pool.
	// +optional
	NodePoolNodeConfig *NodePoolNodeConfig `json:"nodePoolNodeConfig,omitempty"`

	// NodeShape is the compute shape of the nodes.
	// +optional
	NodeShape string `json:"nodeShape,omitempty"`

	// NodeShapeConfig configures a flexible node shape.
	// +optional
	NodeShapeConfig *NodeShapeConfig `json:"nodeShapeConfig,omitempty"`

	// NodeSourceViaImage is the image the nodes boot from.
	// +optional
	NodeSourceViaImage *NodeSourceViaImage `json:"nodeSourceViaImage,omitempty"`

	// ProviderID is the provider ID that Cluster API copies to the Machine or MachinePool.
	// +optional
	ProviderID *string `json:"providerID,omitempty"`

	// ProviderIDList lists the provider IDs of the instances that belong to the pool.
	// +optional
	ProviderIDList []string `json:"providerIDList,omitempty"`

	// SSHPublicKey is the SSH public key installed on the nodes.
	// +optional
	SSHPublicKey string `json:"sshPublicKey,omitempty"`

	// Version is the Kubernetes version of the nodes.
	// +optional
	Version string `json:"version,omitempty"`
}

// NodeEvictionNodePoolSettings configures how nodes of a node pool are evicted.
type NodeEvictionNodePoolSettings struct {
	// EvictionGraceDuration is how long eviction may take, as an ISO 8601 duration.
	// +optional
	EvictionGraceDuration string `json:"evictionGraceDuration,omitempty"`

	// IsForceDeleteAfterGraceDuration deletes the node even when eviction did not finish in time.
	// +optional
	IsForceDeleteAfterGraceDuration *bool `json:"isForceDeleteAfterGraceDuration,omitempty"`
}

// NodePoolCyclingDetails configures the replacement of nodes when a node pool changes.
type NodePoolCyclingDetails struct {
	// IsNodeCyclingEnabled enables node cycling.
	// +optional
	IsNodeCyclingEnabled *bool `json:"isNodeCyclingEnabled,omitempty"`

	// MaximumSurge is the number or percentage of extra nodes allowed during cycling.
	// +optional
	MaximumSurge string `json:"maximumSurge,omitempty"`

	// MaximumUnavailable is the number or percentage of nodes that may be unavailable during cycling.
	// +optional
	MaximumUnavailable string `json:"maximumUnavailable,omitempty"`
}

// NodePoolNodeConfig configures the nodes of a node pool.
type NodePoolNodeConfig struct {
	// IsPvEncryptionInTransitEnabled enables in-transit encryption of paravirtualized volume attachments.
	// +optional
	IsPvEncryptionInTransitEnabled *bool `json:"isPvEncryptionInTransitEnabled,omitempty"`

	// KMSKeyID is the OCID of the Vault key used for encryption.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`

	// NodePoolPodNetworkOptionDetails configures pod networking of the node pool.
	// +optional
	NodePoolPodNetworkOptionDetails *NodePoolPodNetworkOptionDetails `json:"nodePoolPodNetworkOptionDetails,omitempty"`

	// NSGNames are the names of network security groups, as declared in the cluster network spec.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// PlacementConfigs are the placements of the nodes.
	// +optional
	PlacementConfigs []PlacementConfig `json:"placementConfigs,omitempty"`
}

// NodePoolPodNetworkOptionDetails configures pod networking of a node pool.
type NodePoolPodNetworkOptionDetails struct {
	// CNIType is the CNI plugin: FLANNEL_OVERLAY or OCI_VCN_IP_NATIVE.
	// +optional
	CNIType string `json:"cniType,omitempty"`

	// VCNIPNativePodNetworkOptions configures VCN-native pod networking.
	// +optional
	VCNIPNativePodNetworkOptions *VCNIPNativePodNetworkOptions `json:"vcnIpNativePodNetworkOptions,omitempty"`
}

// VCNIPNativePodNetworkOptions configures VCN-native pod networking.
type VCNIPNativePodNetworkOptions struct {
	// MaxPodsPerNode is the maximum number of pods per node.
	// +optional
	MaxPodsPerNode *int `json:"maxPodsPerNode,omitempty"`

	// NSGNames are the network security groups of the pod VNICs, by name.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// SubnetNames are the pod subnets, by name.
	// +optional
	SubnetNames []string `json:"subnetNames,omitempty"`
}

// PlacementConfig is a placement of node pool nodes.
type PlacementConfig struct {
	// AvailabilityDomain is the availability domain.
	// +optional
	AvailabilityDomain string `json:"availabilityDomain,omitempty"`

	// CapacityReservationID is the OCID of the capacity reservation to launch into.
	// +optional
	CapacityReservationID string `json:"capacityReservationId,omitempty"`

	// FaultDomains are the fault domains to use.
	// +optional
	FaultDomains []string `json:"faultDomains,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`
}

// NodeShapeConfig configures a flexible node shape.
type NodeShapeConfig struct {
	// MemoryInGBs is the amount of memory in GBs.
	// +optional
	MemoryInGBs string `json:"memoryInGBs,omitempty"`

	// OCPUs is the number of OCPUs.
	// +optional
	OCPUs string `json:"ocpus,omitempty"`
}

// NodeSourceViaImage is the image node pool nodes boot from.
type NodeSourceViaImage struct {
	// BootVolumeSizeInGBs is the size of the boot volume in GBs.
	// +optional
	BootVolumeSizeInGBs *int64 `json:"bootVolumeSizeInGBs,omitempty"`

	// ImageID is the OCID of the image to boot from.
	// +optional
	ImageID string `json:"imageId,omitempty"`
}

// OCIManagedMachinePoolStatus is the observed state of OCIManagedMachinePool.
type OCIManagedMachinePoolStatus struct {
	// Conditions report the observed state of the resource.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// FailureMessages describe terminal problems.
	// +optional
	FailureMessages []string `json:"failureMessages,omitempty"`

	// FailureReason is a terse, machine-readable terminal problem.
	// +optional
	FailureReason *string `json:"failureReason,omitempty"`

	// InfrastructureMachineKind is the kind of the infrastructure machines that represent the pool's instances.
	// +optional
	InfrastructureMachineKind string `json:"infrastructureMachineKind,omitempty"`

	// NodepoolLifecycleState is the lifecycle state of the node pool.
	// +optional
	NodepoolLifecycleState string `json:"nodepoolLifecycleState,omitempty"`

	// Ready is true when the infrastructure is provisioned.
	// +optional
	Ready bool `json:"ready,omitempty"`

	// Replicas is the number of instances in the pool.
	// +optional
	Replicas int32 `json:"replicas,omitempty"`
}
