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
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimachinepoolmachines,scope=Namespaced,categories=cluster-api,shortName=ocimpm
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Provisioned",type="boolean",JSONPath=".status.initialization.provisioned",description="Whether the infrastructure is provisioned"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="ProviderID",type="string",JSONPath=".spec.providerID",description="Provider ID of the instance"
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIMachinePoolMachine is one instance of an OCIMachinePool.
type OCIMachinePoolMachine struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIMachinePoolMachine.
	// +optional
	Spec OCIMachinePoolMachineSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIMachinePoolMachine.
	// +optional
	Status OCIMachinePoolMachineStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIMachinePoolMachineList is a list of OCIMachinePoolMachine objects.
type OCIMachinePoolMachineList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIMachinePoolMachine objects.
	Items []OCIMachinePoolMachine `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIMachinePoolMachine{}, &OCIMachinePoolMachineList{})
}

// GetConditions returns the conditions of the OCIMachinePoolMachine.
func (o *OCIMachinePoolMachine) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIMachinePoolMachine.
func (o *OCIMachinePoolMachine) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIMachinePoolMachine in the deprecated v1beta1 contract shape.
func (o *OCIMachinePoolMachine) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIMachinePoolMachine in the deprecated v1beta1 contract shape.
func (o *OCIMachinePoolMachine) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIMachinePoolMachineDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIMachinePoolMachineV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIMachinePoolMachineSpec is the desired state of OCIMachinePoolMachine.
type OCIMachinePoolMachineSpec struct {
	// InstanceName is the name of the instance.
	// +optional
	InstanceName string `json:"instanceName,omitempty"`

	// MachineType is the kind of machine pool the instance belongs to.
	// +optional
	MachineType string `json:"machineType,omitempty"`

	// OCID is the OCID of the instance.
	// +optional
	OCID string `json:"ocid,omitempty"`

	// ProviderID is the provider ID that Cluster API copies to the Machine or MachinePool.
	// +optional
	ProviderID *string `json:"providerID,omitempty"`
}

// OCIMachinePoolMachineStatus is the observed state of OCIMachinePoolMachine.
type OCIMachinePoolMachineStatus struct {
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIMachinePoolMachine, as the Cluster API contract requires.
	// +optional
	Initialization OCIMachinePoolMachineInitializationStatus `json:"initialization,omitempty,omitzero"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIMachinePoolMachineDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIMachinePoolMachineInitializationStatus reports the initialization of the OCIMachinePoolMachine; Cluster API
// reads it.
// +kubebuilder:validation:MinProperties=1
type OCIMachinePoolMachineInitializationStatus struct {
	// Provisioned is true when the instance is running.
	// +optional
	Provisioned *bool `json:"provisioned,omitempty"`
}

// OCIMachinePoolMachineDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1
// contract uses.
type OCIMachinePoolMachineDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIMachinePoolMachineV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIMachinePoolMachineV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1
// contract.
type OCIMachinePoolMachineV1Beta1DeprecatedStatus struct {
	// Conditions are the conditions in the v1beta1 contract shape.
	//
	// Deprecated: use status.conditions; this field goes away with the v1beta1 contract.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`
}
