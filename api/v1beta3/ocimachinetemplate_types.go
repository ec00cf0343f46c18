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
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimachinetemplates,scope=Namespaced,categories=cluster-api,shortName=ocimt
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIMachineTemplate is a template of OCIMachine, used by MachineDeployments, control planes and ClusterClass.
type OCIMachineTemplate struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIMachineTemplate.
	// +optional
	Spec OCIMachineTemplateSpec `json:"spec,omitempty"`
}

// +kubebuilder:object:root=true

// OCIMachineTemplateList is a list of OCIMachineTemplate objects.
type OCIMachineTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIMachineTemplate objects.
	Items []OCIMachineTemplate `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIMachineTemplate{}, &OCIMachineTemplateList{})
}

// OCIMachineTemplateSpec is the desired state of OCIMachineTemplate.
type OCIMachineTemplateSpec struct {
	// Template is the OCIMachine this template stamps out.
	// +required
	Template OCIMachineTemplateResource `json:"template"`
}

// OCIMachineTemplateResource describes the OCIMachine created from a template.
type OCIMachineTemplateResource struct {
	// ObjectMeta is metadata given to the objects created from the template.
	// +optional
	ObjectMeta clusterv1.ObjectMeta `json:"metadata,omitempty,omitzero"`

	// Spec is the desired state of the OCIMachine.
	// +required
	Spec OCIMachineSpec `json:"spec"`
}
