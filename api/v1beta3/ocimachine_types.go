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
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimachines,scope=Namespaced,categories=cluster-api,shortName=ocim
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Provisioned",type="boolean",JSONPath=".status.initialization.provisioned",description="Whether the infrastructure is provisioned"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="ProviderID",type="string",JSONPath=".spec.providerID",description="Provider ID of the instance"
// +kubebuilder:printcolumn:name="Instance",type="string",JSONPath=".spec.instanceId",description="OCID of the instance",priority=1
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIMachine is a compute instance that backs a Cluster API Machine.
type OCIMachine struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIMachine.
	// +optional
	Spec OCIMachineSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIMachine.
	// +optional
	Status OCIMachineStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIMachineList is a list of OCIMachine objects.
type OCIMachineList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIMachine objects.
	Items []OCIMachine `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIMachine{}, &OCIMachineList{})
}

// GetConditions returns the conditions of the OCIMachine.
func (o *OCIMachine) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIMachine.
func (o *OCIMachine) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIMachine in the deprecated v1beta1 contract shape.
func (o *OCIMachine) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIMachine in the deprecated v1beta1 contract shape.
func (o *OCIMachine) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIMachineDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIMachineV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIMachineSpec is the desired state of OCIMachine.
type OCIMachineSpec struct {
	// AgentConfig configures the Oracle Cloud Agent.
	// +optional
	AgentConfig *AgentConfig `json:"agentConfig,omitempty"`

	// AvailabilityConfig configures live migration and recovery of the instance.
	// +optional
	AvailabilityConfig *AvailabilityConfig `json:"availabilityConfig,omitempty"`

	// BlockvolumeSpec describes a block volume to create and attach.
	// +optional
	BlockvolumeSpec *BlockVolumeSpec `json:"blockvolumeSpec,omitempty"`

	// BootVolumeSizeInGBs is the size of the boot volume in GBs.
	// +optional
	BootVolumeSizeInGBs string `json:"bootVolumeSizeInGBs,omitempty"`

	// CapacityReservationID is the OCID of the capacity reservation to launch into.
	// +optional
	CapacityReservationID string `json:"capacityReservationId,omitempty"`

	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// ComputeClusterID is the OCID of the compute cluster to launch the instance in.
	// +optional
	ComputeClusterID string `json:"computeClusterId,omitempty"`

	// DedicatedVMHostID is the OCID of the dedicated virtual machine host to place the instance on.
	// +optional
	DedicatedVMHostID string `json:"dedicatedVmHostId,omitempty"`

	// DefinedTags are defined tags applied to the resources, keyed by tag namespace and then by tag key.
	// +optional
	DefinedTags map[string]map[string]string `json:"definedTags,omitempty"`

	// ExtendedMetadata is additional metadata passed to the instance; values may be nested objects.
	// +optional
	// +kubebuilder:pruning:PreserveUnknownFields
	ExtendedMetadata map[string]apiextensionsv1.JSON `json:"extendedMetadata,omitempty"`

	// FreeformTags are free-form tags applied to the resources.
	// +optional
	FreeformTags map[string]string `json:"freeformTags,omitempty"`

	// ImageID is the OCID of the image to boot from.
	// +optional
	ImageID string `json:"imageId,omitempty"`

	// InstanceID is the OCID of the instance; the controller records it once the instance is launched.
	// +optional
	InstanceID string `json:"instanceId,omitempty"`

	// InstanceOptions holds instance options.
	// +optional
	InstanceOptions *InstanceOptions `json:"instanceOptions,omitempty"`

	// InstanceSourceViaImageConfig configures the boot volume created from the image.
	// +optional
	InstanceSourceViaImageConfig *InstanceSourceViaImageConfig `json:"instanceSourceViaImageConfig,omitempty"`

	// IPXEScript is the iPXE script used to boot the instance.
	// +optional
	IPXEScript string `json:"ipxeScript,omitempty"`

	// IsPvEncryptionInTransitEnabled enables in-transit encryption of paravirtualized volume attachments.
	// +optional
	IsPvEncryptionInTransitEnabled *bool `json:"isPvEncryptionInTransitEnabled,omitempty"`

	// LaunchOptions configures how the instance is launched.
	// +optional
	LaunchOptions *LaunchOptions `json:"launchOptions,omitempty"`

	// LaunchVolumeAttachments are volumes created and attached when the instance is launched.
	// +optional
	LaunchVolumeAttachments []LaunchVolumeAttachment `json:"launchVolumeAttachments,omitempty"`

	// Metadata is custom metadata passed to the instance as key/value pairs.
	// +optional
	Metadata map[string]string `json:"metadata,omitempty"`

	// NetworkDetails configures the primary VNIC of the instance.
	// +optional
	NetworkDetails *NetworkDetails `json:"networkDetails,omitempty"`

	// NSGName is the name of a network security group, as declared in the cluster network spec; it is kept from
	// v1beta1, where it was the only way to name one, and networkDetails.nsgNames supersedes it.
	// +optional
	NSGName string `json:"nsgName,omitempty"`

	// PlatformConfig configures the platform of the instance.
	// +optional
	PlatformConfig *PlatformConfig `json:"platformConfig,omitempty"`

	// PreemptibleInstanceConfig makes the instance preemptible.
	// +optional
	PreemptibleInstanceConfig *PreemptibleInstanceConfig `json:"preemptibleInstanceConfig,omitempty"`

	// PreserveBootVolume keeps the boot volume when the instance is terminated.
	// +optional
	PreserveBootVolume *bool `json:"preserveBootVolume,omitempty"`

	// PreserveDataVolumesCreatedAtLaunch keeps data volumes created at launch when the instance is terminated.
	// +optional
	PreserveDataVolumesCreatedAtLaunch *bool `json:"preserveDataVolumesCreatedAtLaunch,omitempty"`

	// ProviderID is the provider ID that Cluster API copies to the Machine or MachinePool.
	// +optional
	ProviderID *string `json:"providerID,omitempty"`

	// Shape is the name of the compute shape.
	// +optional
	Shape string `json:"shape,omitempty"`

	// ShapeConfig configures a flexible shape.
	// +optional
	ShapeConfig *ShapeConfig `json:"shapeConfig,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`

	// VnicAttachments are secondary VNICs attached to the instance.
	// +optional
	VnicAttachments []VnicAttachment `json:"vnicAttachments,omitempty"`
}

// OCIMachineStatus is the observed state of OCIMachine.
type OCIMachineStatus struct {
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIMachine, as the Cluster API contract requires.
	// +optional
	Initialization OCIMachineInitializationStatus `json:"initialization,omitempty,omitzero"`

	// FailureDomain is the failure domain the instance runs in: the Machine's, as the contract asks.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	FailureDomain string `json:"failureDomain,omitempty"`

	// Addresses are the addresses of the instance.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=32
	Addresses []clusterv1.MachineAddress `json:"addresses,omitempty"`

	// LaunchInstanceWorkRequestID is the OCID of the work request that launches the instance.
	// +optional
	LaunchInstanceWorkRequestID string `json:"launchInstanceWorkRequestId,omitempty"`

	// CreateBackendWorkRequestID is the OCID of the work request that adds the instance to the API server load
	// balancer.
	// +optional
	CreateBackendWorkRequestID string `json:"createBackendWorkRequestId,omitempty"`

	// DeleteBackendWorkRequestID is the OCID of the work request that removes the instance from the API server load
	// balancer.
	// +optional
	DeleteBackendWorkRequestID string `json:"deleteBackendWorkRequestId,omitempty"`

	// Resources are what the controller remembers of each OCI resource of the object between reconciles: the
	// OCIDs it created, the work requests it waits for and when it last found each in place.
	// +optional
	// +listType=map
	// +listMapKey=key
	// +kubebuilder:validation:MaxItems=256
	Resources []OCIResource `json:"resources,omitempty"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIMachineDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIMachineInitializationStatus reports the initialization of the OCIMachine; Cluster API reads it.
// +kubebuilder:validation:MinProperties=1
type OCIMachineInitializationStatus struct {
	// Provisioned is true when the instance is running and registered where it must be.
	// +optional
	Provisioned *bool `json:"provisioned,omitempty"`
}

// OCIMachineDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1 contract uses.
type OCIMachineDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIMachineV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIMachineV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1 contract.
type OCIMachineV1Beta1DeprecatedStatus struct {
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

	// FailureMessage describes a terminal problem.
	//
	// Deprecated: report terminal problems as conditions; this field goes away with the v1beta1 contract.
	// +optional
	FailureMessage *string `json:"failureMessage,omitempty"`
}
