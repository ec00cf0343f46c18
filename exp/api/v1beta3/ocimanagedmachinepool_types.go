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

package v1beta3

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimanagedmachinepools,scope=Namespaced,categories=cluster-api,shortName=ocimmp
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Provisioned",type="boolean",JSONPath=".status.initialization.provisioned",description="Whether the infrastructure is provisioned"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="Replicas",type="integer",JSONPath=".status.replicas",description="Observed number of nodes"
// +kubebuilder:printcolumn:name="State",type="string",JSONPath=".status.nodepoolLifecycleState",description="Lifecycle state of the node pool"
// +kubebuilder:printcolumn:name="NodePool",type="string",JSONPath=".spec.id",description="OCID of the node pool",priority=1
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

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

// GetConditions returns the conditions of the OCIManagedMachinePool.
func (o *OCIManagedMachinePool) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIManagedMachinePool.
func (o *OCIManagedMachinePool) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIManagedMachinePool in the deprecated v1beta1 contract shape.
func (o *OCIManagedMachinePool) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIManagedMachinePool in the deprecated v1beta1 contract shape.
func (o *OCIManagedMachinePool) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIManagedMachinePoolDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIManagedMachinePoolV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIManagedMachinePoolSpec is the desired state of OCIManagedMachinePool.
type OCIManagedMachinePoolSpec struct {
	// ID is the OCID of the node pool; the controller records it.
	// +optional
	ID string `json:"id,omitempty"`

	// InitialNodeLabels are labels applied to the nodes when they join.
	// +optional
	InitialNodeLabels []infrav1.KeyValue `json:"initialNodeLabels,omitempty"`

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
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIManagedMachinePool, as the Cluster API contract requires.
	// +optional
	Initialization OCIManagedMachinePoolInitializationStatus `json:"initialization,omitempty,omitzero"`

	// Replicas is the number of instances the pool has now; it is always written, zero included, as the Cluster API
	// contract shows it.
	// +optional
	Replicas int32 `json:"replicas"`

	// Ready is the v1beta1 contract's initialization flag, equal to initialization.provisioned: Cluster API
	// v1.14's MachinePool controller still reads status.ready of an infrastructure machine pool.
	// +optional
	Ready bool `json:"ready,omitempty"`

	// ReadyReplicas is the number of the node pool's nodes that OKE reports ACTIVE.
	// +optional
	ReadyReplicas int32 `json:"readyReplicas,omitempty"`

	// InfrastructureMachineKind is the kind of the infrastructure machines that represent the pool's instances;
	// empty when the pool has none.
	// +optional
	InfrastructureMachineKind string `json:"infrastructureMachineKind,omitempty"`

	// NodepoolLifecycleState is the lifecycle state of the node pool.
	// +optional
	NodepoolLifecycleState string `json:"nodepoolLifecycleState,omitempty"`

	// Resources are what the controller remembers of each OCI resource of the object between reconciles: the
	// OCIDs it created, the work requests it waits for and when it last found each in place.
	// +optional
	// +listType=map
	// +listMapKey=key
	// +kubebuilder:validation:MaxItems=256
	Resources []infrav1.OCIResource `json:"resources,omitempty"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIManagedMachinePoolDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIManagedMachinePoolInitializationStatus reports the initialization of the OCIManagedMachinePool; Cluster API
// reads it.
// +kubebuilder:validation:MinProperties=1
type OCIManagedMachinePoolInitializationStatus struct {
	// Provisioned is true when the pool exists in OCI.
	// +optional
	Provisioned *bool `json:"provisioned,omitempty"`
}

// OCIManagedMachinePoolDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1
// contract uses.
type OCIManagedMachinePoolDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIManagedMachinePoolV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIManagedMachinePoolV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1
// contract.
type OCIManagedMachinePoolV1Beta1DeprecatedStatus struct {
	// Conditions are the conditions in the v1beta1 contract shape.
	//
	// Deprecated: use status.conditions; this field goes away with the v1beta1 contract.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// FailureReason is a terse, machine-readable terminal problem.
	//
	// Deprecated: report terminal problems as conditions; this field goes away with the v1beta1 contract.
	// +optional
	FailureReason *string `json:"failureReason,omitempty"`

	// FailureMessages describe terminal problems.
	//
	// Deprecated: report terminal problems as conditions; this field goes away with the v1beta1 contract.
	// +optional
	FailureMessages []string `json:"failureMessages,omitempty"`
}
