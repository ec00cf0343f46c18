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

package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimachinepoolmachines,scope=Namespaced,categories=cluster-api,shortName=ocimpm
// +kubebuilder:subresource:status

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
	// Conditions report the observed state of the resource.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// Ready is true when the infrastructure is provisioned.
	// +optional
	Ready bool `json:"ready,omitempty"`
}
