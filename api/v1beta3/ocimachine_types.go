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

// BlockVolumeSpec describes a block volume to create and attach to an instance.
type BlockVolumeSpec struct {
	// AutotunePolicies are the autotune policies of the volume.
	// +optional
	AutotunePolicies []AutotunePolicy `json:"autotunePolicies,omitempty"`

	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// SizeInGBs is the size of the volume in GBs.
	// +optional
	SizeInGBs *int `json:"sizeInGBs,omitempty"`

	// VolumeType is the type of volume.
	// +optional
	VolumeType string `json:"volumeType,omitempty"`

	// VpusPerGB is the performance of the volume in VPUs per GB.
	// +optional
	VpusPerGB *int `json:"vpusPerGB,omitempty"`
}

// AutotunePolicy is an autotune policy of a block volume.
type AutotunePolicy struct {
	// AutotuneType is the type of autotune policy: DETACHED_VOLUME or PERFORMANCE_BASED.
	// +required
	AutotuneType string `json:"autotuneType"`

	// MaxVpusPerGB is the maximum performance, in VPUs per GB, autotune may raise the volume to.
	// +optional
	MaxVpusPerGB *int `json:"maxVpusPerGB,omitempty"`
}

// InstanceSourceViaImageConfig configures the boot volume created from an image.
type InstanceSourceViaImageConfig struct {
	// BootVolumeVpusPerGB is the performance of the boot volume in VPUs per GB.
	// +optional
	BootVolumeVpusPerGB *int64 `json:"bootVolumeVpusPerGB,omitempty"`

	// KMSKeyID is the OCID of the Vault key used for encryption.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`
}

// LaunchVolumeAttachment is a volume created and attached when an instance is launched.
type LaunchVolumeAttachment struct {
	// LaunchIscsiVolumeAttachment describes an iSCSI attachment.
	// +optional
	LaunchIscsiVolumeAttachment *LaunchIscsiVolumeAttachment `json:"launchIscsiVolumeAttachment,omitempty"`

	// LaunchParavirtualizedVolumeAttachment describes a paravirtualized attachment.
	// +optional
	LaunchParavirtualizedVolumeAttachment *LaunchParavirtualizedVolumeAttachment `json:"launchParavirtualizedVolumeAttachment,omitempty"`

	// VolumeType selects the attachment kind: iscsi or paravirtualized.
	// +optional
	VolumeType string `json:"volumeType,omitempty"`
}

// LaunchIscsiVolumeAttachment describes an iSCSI volume attachment made at launch.
type LaunchIscsiVolumeAttachment struct {
	// Device is the device path of the attachment.
	// +optional
	Device string `json:"device,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// EncryptionInTransitType is the in-transit encryption type of the iSCSI attachment.
	// +optional
	EncryptionInTransitType string `json:"encryptionInTransitType,omitempty"`

	// IsAgentAutoIscsiLoginEnabled lets the agent log in to the iSCSI target automatically.
	// +optional
	IsAgentAutoIscsiLoginEnabled *bool `json:"isAgentAutoIscsiLoginEnabled,omitempty"`

	// IsReadOnly attaches the volume read-only.
	// +optional
	IsReadOnly *bool `json:"isReadOnly,omitempty"`

	// IsShareable attaches the volume in shareable mode.
	// +optional
	IsShareable *bool `json:"isShareable,omitempty"`

	// LaunchCreateVolumeFromAttributes describes the volume to create.
	// +optional
	LaunchCreateVolumeFromAttributes *LaunchCreateVolumeFromAttributes `json:"launchCreateVolumeFromAttributes,omitempty"`

	// UseChap uses CHAP authentication for the iSCSI attachment.
	// +optional
	UseChap *bool `json:"useChap,omitempty"`

	// VolumeID is the OCID of an existing volume to attach.
	// +optional
	VolumeID string `json:"volumeId,omitempty"`
}

// LaunchCreateVolumeFromAttributes describes a volume created at launch.
type LaunchCreateVolumeFromAttributes struct {
	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// KMSKeyID is the OCID of the Vault key used for encryption.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`

	// SizeInGBs is the size of the volume in GBs.
	// +optional
	SizeInGBs *int64 `json:"sizeInGBs,omitempty"`

	// VpusPerGB is the performance of the volume in VPUs per GB.
	// +optional
	VpusPerGB *int64 `json:"vpusPerGB,omitempty"`
}

// LaunchParavirtualizedVolumeAttachment describes a paravirtualized volume attachment made at launch.
type LaunchParavirtualizedVolumeAttachment struct {
	// Device is the device path of the attachment.
	// +optional
	Device string `json:"device,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// IsPvEncryptionInTransitEnabled enables in-transit encryption of paravirtualized volume attachments.
	// +optional
	IsPvEncryptionInTransitEnabled *bool `json:"isPvEncryptionInTransitEnabled,omitempty"`

	// IsReadOnly attaches the volume read-only.
	// +optional
	IsReadOnly *bool `json:"isReadOnly,omitempty"`

	// IsShareable attaches the volume in shareable mode.
	// +optional
	IsShareable *bool `json:"isShareable,omitempty"`

	// LaunchCreateVolumeFromAttributes describes the volume to create.
	// +optional
	LaunchCreateVolumeFromAttributes *LaunchCreateVolumeFromAttributes `json:"launchCreateVolumeFromAttributes,omitempty"`

	// VolumeID is the OCID of an existing volume to attach.
	// +optional
	VolumeID string `json:"volumeId,omitempty"`
}

// VnicAttachment is a secondary VNIC attached to an instance.
type VnicAttachment struct {
	// AssignPublicIP assigns a public IP address to the VNIC.
	// +optional
	AssignPublicIP *bool `json:"assignPublicIp,omitempty"`

	// DisplayName is the display name of the VNIC; it identifies the attachment.
	// +required
	DisplayName string `json:"displayName"`

	// NicIndex is the index of the physical NIC the VNIC uses.
	// +optional
	NicIndex *int `json:"nicIndex,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`

	// VnicAttachmentID is the OCID of the VNIC attachment; the controller records it once attached.
	// +optional
	VnicAttachmentID string `json:"vnicAttachmentId,omitempty"`
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
