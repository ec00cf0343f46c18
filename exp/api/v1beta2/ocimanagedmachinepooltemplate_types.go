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
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimanagedmachinepooltemplates,scope=Namespaced,categories=cluster-api,shortName=ocimmpt

// OCIManagedMachinePoolTemplate is a template of OCIManagedMachinePool, used by ClusterClass.
type OCIManagedMachinePoolTemplate struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIManagedMachinePoolTemplate.
	// +optional
	Spec OCIManagedMachinePoolTemplateSpec `json:"spec,omitempty"`
}

// +kubebuilder:object:root=true

// OCIManagedMachinePoolTemplateList is a list of OCIManagedMachinePoolTemplate objects.
type OCIManagedMachinePoolTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIManagedMachinePoolTemplate objects.
	Items []OCIManagedMachinePoolTemplate `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIManagedMachinePoolTemplate{}, &OCIManagedMachinePoolTemplateList{})
}

// OCIManagedMachinePoolTemplateSpec is the desired state of OCIManagedMachinePoolTemplate.
type OCIManagedMachinePoolTemplateSpec struct {
	// Template is the OCIManagedMachinePool this template stamps out.
	// +required
	Template OCIManagedMachinePoolTemplateResource `json:"template"`
}

// OCIManagedMachinePoolTemplateResource describes the OCIManagedMachinePool created from a template.
type OCIManagedMachinePoolTemplateResource struct {
	// Spec is the desired state of the OCIManagedMachinePool.
	// +required
	Spec OCIManagedMachinePoolSpec `json:"spec"`
}
