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
// +kubebuilder:resource:path=ocivirtualmachinepools,scope=Namespaced,categories=cluster-api,shortName=ocivmp
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Provisioned",type="boolean",JSONPath=".status.initialization.provisioned",description="Whether the infrastructure is provisioned"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="Replicas",type="integer",JSONPath=".status.replicas",description="Observed number of virtual nodes"
// +kubebuilder:printcolumn:name="State",type="string",JSONPath=".status.nodepoolLifecycleState",description="Lifecycle state of the virtual node pool"
// +kubebuilder:printcolumn:name="NodePool",type="string",JSONPath=".spec.id",description="OCID of the virtual node pool",priority=1
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIVirtualMachinePool is an OKE virtual node pool that implements a MachinePool.
type OCIVirtualMachinePool struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIVirtualMachinePool.
	// +optional
	Spec OCIVirtualMachinePoolSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIVirtualMachinePool.
	// +optional
	Status OCIVirtualMachinePoolStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIVirtualMachinePoolList is a list of OCIVirtualMachinePool objects.
type OCIVirtualMachinePoolList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIVirtualMachinePool objects.
	Items []OCIVirtualMachinePool `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIVirtualMachinePool{}, &OCIVirtualMachinePoolList{})
}

// GetConditions returns the conditions of the OCIVirtualMachinePool.
func (o *OCIVirtualMachinePool) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIVirtualMachinePool.
func (o *OCIVirtualMachinePool) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIVirtualMachinePool in the deprecated v1beta1 contract shape.
func (o *OCIVirtualMachinePool) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIVirtualMachinePool in the deprecated v1beta1 contract shape.
func (o *OCIVirtualMachinePool) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIVirtualMachinePoolDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIVirtualMachinePoolV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIVirtualMachinePoolSpec is the desired state of OCIVirtualMachinePool.
type OCIVirtualMachinePoolSpec struct {
	// ID is the OCID of the virtual node pool; the controller records it.
	// +optional
	ID string `json:"id,omitempty"`

	// InitialVirtualNodeLabels are labels applied to the virtual nodes when they join.
	// +optional
	InitialVirtualNodeLabels []infrav1.KeyValue `json:"initialVirtualNodeLabels,omitempty"`

	// NSGNames are the names of network security groups, as declared in the cluster network spec.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// PlacementConfigs are the placements of the nodes.
	// +optional
	PlacementConfigs []VirtualNodepoolPlacementConfig `json:"placementConfigs,omitempty"`

	// PodConfiguration configures the pods of the virtual nodes.
	// +optional
	PodConfiguration *PodConfig `json:"podConfiguration,omitempty"`

	// ProviderID is the provider ID that Cluster API copies to the Machine or MachinePool.
	// +optional
	ProviderID *string `json:"providerID,omitempty"`

	// ProviderIDList lists the provider IDs of the instances that belong to the pool.
	// +optional
	ProviderIDList []string `json:"providerIDList,omitempty"`

	// Taints are the taints applied to the nodes.
	// +optional
	Taints []Taint `json:"taints,omitempty"`
}

// VirtualNodepoolPlacementConfig is a placement of virtual nodes.
type VirtualNodepoolPlacementConfig struct {
	// AvailabilityDomain is the availability domain.
	// +optional
	AvailabilityDomain string `json:"availabilityDomain,omitempty"`

	// FaultDomains are the fault domains to use.
	// +optional
	FaultDomains []string `json:"faultDomains,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`
}

// PodConfig configures the pods of virtual nodes.
type PodConfig struct {
	// NSGNames are the names of network security groups, as declared in the cluster network spec.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// Shape is the name of the compute shape.
	// +optional
	Shape string `json:"shape,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`
}

// Taint is a taint applied to nodes.
type Taint struct {
	// Effect is the taint effect.
	// +optional
	Effect string `json:"effect,omitempty"`

	// Key is the taint key.
	// +optional
	Key string `json:"key,omitempty"`

	// Value is the taint value.
	// +optional
	Value string `json:"value,omitempty"`
}

// OCIVirtualMachinePoolStatus is the observed state of OCIVirtualMachinePool.
type OCIVirtualMachinePoolStatus struct {
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIVirtualMachinePool, as the Cluster API contract requires.
	// +optional
	Initialization OCIVirtualMachinePoolInitializationStatus `json:"initialization,omitempty,omitzero"`

	// Replicas is the number of instances the pool has now; it is always written, zero included, as the Cluster API
	// contract shows it.
	// +optional
	Replicas int32 `json:"replicas"`

	// Ready is the v1beta1 contract's initialization flag, equal to initialization.provisioned: Cluster API
	// v1.14's MachinePool controller still reads status.ready of an infrastructure machine pool.
	// +optional
	Ready bool `json:"ready,omitempty"`

	// ReadyReplicas is the number of the pool's virtual nodes that OKE reports ACTIVE.
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
	Deprecated *OCIVirtualMachinePoolDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIVirtualMachinePoolInitializationStatus reports the initialization of the OCIVirtualMachinePool; Cluster API
// reads it.
// +kubebuilder:validation:MinProperties=1
type OCIVirtualMachinePoolInitializationStatus struct {
	// Provisioned is true when the pool exists in OCI.
	// +optional
	Provisioned *bool `json:"provisioned,omitempty"`
}

// OCIVirtualMachinePoolDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1
// contract uses.
type OCIVirtualMachinePoolDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIVirtualMachinePoolV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIVirtualMachinePoolV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1
// contract.
type OCIVirtualMachinePoolV1Beta1DeprecatedStatus struct {
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
