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

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimachinepools,scope=Namespaced,categories=cluster-api,shortName=ocimp
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Provisioned",type="boolean",JSONPath=".status.initialization.provisioned",description="Whether the infrastructure is provisioned"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="Replicas",type="integer",JSONPath=".status.replicas",description="Observed number of instances"
// +kubebuilder:printcolumn:name="Pool",type="string",JSONPath=".spec.ocid",description="OCID of the instance pool",priority=1
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIMachinePool is a pool of compute instances, backed by an OCI instance pool, that implements a MachinePool.
type OCIMachinePool struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIMachinePool.
	// +optional
	Spec OCIMachinePoolSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIMachinePool.
	// +optional
	Status OCIMachinePoolStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIMachinePoolList is a list of OCIMachinePool objects.
type OCIMachinePoolList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIMachinePool objects.
	Items []OCIMachinePool `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIMachinePool{}, &OCIMachinePoolList{})
}

// GetConditions returns the conditions of the OCIMachinePool.
func (o *OCIMachinePool) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIMachinePool.
func (o *OCIMachinePool) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIMachinePool in the deprecated v1beta1 contract shape.
func (o *OCIMachinePool) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIMachinePool in the deprecated v1beta1 contract shape.
func (o *OCIMachinePool) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIMachinePoolDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIMachinePoolV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIMachinePoolSpec is the desired state of OCIMachinePool.
type OCIMachinePoolSpec struct {
	// InstanceConfiguration describes the instance configuration the pool launches instances from.
	// +optional
	InstanceConfiguration *InstanceConfiguration `json:"instanceConfiguration,omitempty"`

	// OCID is the OCID of the instance pool; the controller records it.
	// +optional
	OCID string `json:"ocid,omitempty"`

	// PlacementDetails are the placements (availability domains) of the pool.
	// +optional
	PlacementDetails []PlacementDetails `json:"placementDetails,omitempty"`

	// ProviderID is the provider ID that Cluster API copies to the Machine or MachinePool.
	// +optional
	ProviderID *string `json:"providerID,omitempty"`

	// ProviderIDList lists the provider IDs of the instances that belong to the pool.
	// +optional
	ProviderIDList []string `json:"providerIDList,omitempty"`

	// Strategy is how the pool's instances are replaced when their instance configuration changes; none is a
	// rolling update with maxSurge 1 and maxUnavailable 0.
	// +optional
	Strategy *MachinePoolStrategy `json:"strategy,omitempty"`

	// LoadBalancers are the backend sets the pool's instances join: OCI adds each running instance of the pool to
	// them, and removes it with its instance.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=16
	LoadBalancers []InstancePoolLoadBalancer `json:"loadBalancers,omitempty"`
}

// InstanceConfiguration describes the instances an instance pool launches.
type InstanceConfiguration struct {
	// AgentConfig configures the Oracle Cloud Agent.
	// +optional
	AgentConfig *infrav1.AgentConfig `json:"agentConfig,omitempty"`

	// AvailabilityConfig configures live migration and recovery of the instance.
	// +optional
	AvailabilityConfig *infrav1.AvailabilityConfig `json:"availabilityConfig,omitempty"`

	// CapacityReservationID is the OCID of the capacity reservation to launch into.
	// +optional
	CapacityReservationID string `json:"capacityReservationId,omitempty"`

	// DedicatedVMHostID is the OCID of the dedicated virtual machine host to place the instance on.
	// +optional
	DedicatedVMHostID string `json:"dedicatedVmHostId,omitempty"`

	// ExtendedMetadata is additional metadata passed to the instance; values may be nested objects.
	// +optional
	// +kubebuilder:pruning:PreserveUnknownFields
	ExtendedMetadata map[string]apiextensionsv1.JSON `json:"extendedMetadata,omitempty"`

	// InstanceConfigurationID is the OCID of the instance configuration; the controller records it.
	// +optional
	InstanceConfigurationID string `json:"instanceConfigurationId,omitempty"`

	// InstanceOptions holds instance options.
	// +optional
	InstanceOptions *infrav1.InstanceOptions `json:"instanceOptions,omitempty"`

	// InstanceSourceViaImageConfig configures the boot volume created from the image.
	// +optional
	InstanceSourceViaImageConfig *InstanceSourceViaImageConfig `json:"instanceSourceViaImageConfig,omitempty"`

	// InstanceVnicConfiguration configures the primary VNIC of the instances.
	// +optional
	InstanceVnicConfiguration *infrav1.NetworkDetails `json:"instanceVnicConfiguration,omitempty"`

	// IsPvEncryptionInTransitEnabled enables in-transit encryption of paravirtualized volume attachments.
	// +optional
	IsPvEncryptionInTransitEnabled *bool `json:"isPvEncryptionInTransitEnabled,omitempty"`

	// LaunchOptions configures how the instance is launched.
	// +optional
	LaunchOptions *infrav1.LaunchOptions `json:"launchOptions,omitempty"`

	// Metadata is custom metadata passed to the instance as key/value pairs.
	// +optional
	Metadata map[string]string `json:"metadata,omitempty"`

	// PlatformConfig configures the platform of the instance.
	// +optional
	PlatformConfig *infrav1.PlatformConfig `json:"platformConfig,omitempty"`

	// PreemptibleInstanceConfig makes the instance preemptible.
	// +optional
	PreemptibleInstanceConfig *infrav1.PreemptibleInstanceConfig `json:"preemptibleInstanceConfig,omitempty"`

	// Shape is the name of the compute shape.
	// +optional
	Shape string `json:"shape,omitempty"`

	// ShapeConfig configures a flexible shape.
	// +optional
	ShapeConfig *infrav1.ShapeConfig `json:"shapeConfig,omitempty"`
}

// InstanceSourceViaImageConfig configures the boot volume created from an image.
type InstanceSourceViaImageConfig struct {
	// BootVolumeSizeInGBs is the size of the boot volume in GBs.
	// +optional
	BootVolumeSizeInGBs *int64 `json:"bootVolumeSizeInGBs,omitempty"`

	// BootVolumeVpusPerGB is the performance of the boot volume in VPUs per GB.
	// +optional
	BootVolumeVpusPerGB *int64 `json:"bootVolumeVpusPerGB,omitempty"`

	// ImageID is the OCID of the image to boot from.
	// +optional
	ImageID string `json:"imageId,omitempty"`

	// KMSKeyID is the OCID of the Vault key used for encryption.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`
}

// PlacementDetails is a placement of an instance pool.
type PlacementDetails struct {
	// AvailabilityDomain identifies, by number, the availability domain the instances are placed in.
	// +required
	AvailabilityDomain int `json:"availabilityDomain"`
}

// OCIMachinePoolStatus is the observed state of OCIMachinePool.
type OCIMachinePoolStatus struct {
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIMachinePool, as the Cluster API contract requires.
	// +optional
	Initialization OCIMachinePoolInitializationStatus `json:"initialization,omitempty,omitzero"`

	// Replicas is the number of instances the pool has now; it is always written, zero included, as the Cluster API
	// contract shows it.
	// +optional
	Replicas int32 `json:"replicas"`

	// Ready is the v1beta1 contract's initialization flag, equal to initialization.provisioned: Cluster API
	// v1.14's MachinePool controller still reads status.ready of an infrastructure machine pool.
	// +optional
	Ready bool `json:"ready,omitempty"`

	// ReadyReplicas is the number of the pool's instances whose Node is ready.
	// +optional
	ReadyReplicas int32 `json:"readyReplicas,omitempty"`

	// Rollout records which instance configurations launch up-to-date instances: those made for the pool's
	// current template (spec.instanceConfiguration without its instanceConfigurationId). A new bootstrap token
	// makes a new configuration without making the instances launched before it out of date; a template change
	// makes every earlier instance out of date and starts a rolling replacement.
	// +optional
	Rollout *MachinePoolRolloutStatus `json:"rollout,omitempty"`

	// InfrastructureMachineKind is the kind of the infrastructure machines that represent the pool's instances;
	// empty when the pool has none.
	// +optional
	InfrastructureMachineKind string `json:"infrastructureMachineKind,omitempty"`

	// Resources are what the controller remembers of each OCI resource of the object between reconciles: the
	// OCIDs it created, the work requests it waits for and when it last found each in place.
	// +optional
	// +listType=map
	// +listMapKey=key
	// +kubebuilder:validation:MaxItems=256
	Resources []infrav1.OCIResource `json:"resources,omitempty"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIMachinePoolDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIMachinePoolInitializationStatus reports the initialization of the OCIMachinePool; Cluster API reads it.
// +kubebuilder:validation:MinProperties=1
type OCIMachinePoolInitializationStatus struct {
	// Provisioned is true when the pool exists in OCI.
	// +optional
	Provisioned *bool `json:"provisioned,omitempty"`
}

// OCIMachinePoolDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1 contract
// uses.
type OCIMachinePoolDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIMachinePoolV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIMachinePoolV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1 contract.
type OCIMachinePoolV1Beta1DeprecatedStatus struct {
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

// MachinePoolRolloutStatus is what the rolling replacement of an OCIMachinePool's instances remembers.
type MachinePoolRolloutStatus struct {
	// TemplateHash is the hash of the pool's template whose configurations are listed.
	// +optional
	// +kubebuilder:validation:MaxLength=64
	TemplateHash string `json:"templateHash,omitempty"`

	// UpToDateConfigurationIDs are the OCIDs of the instance configurations made for that template: instances
	// launched from any of them are up to date.
	// +optional
	// +listType=set
	// +kubebuilder:validation:MaxItems=32
	// +kubebuilder:validation:items:MaxLength=255
	UpToDateConfigurationIDs []string `json:"upToDateConfigurationIds,omitempty"`

	// PoolConfigurationID is the instance configuration the instance pool launched from when last read: it is not
	// deleted while the pool may still use it.
	// +optional
	// +kubebuilder:validation:MaxLength=255
	PoolConfigurationID string `json:"poolConfigurationId,omitempty"`
}
