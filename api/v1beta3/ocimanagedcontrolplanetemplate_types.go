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
// +kubebuilder:resource:path=ocimanagedcontrolplanetemplates,scope=Namespaced,categories=cluster-api,shortName=ocimcpt
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIManagedControlPlaneTemplate is a template of OCIManagedControlPlane, used by ClusterClass.
type OCIManagedControlPlaneTemplate struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIManagedControlPlaneTemplate.
	// +optional
	Spec OCIManagedControlPlaneTemplateSpec `json:"spec,omitempty"`
}

// +kubebuilder:object:root=true

// OCIManagedControlPlaneTemplateList is a list of OCIManagedControlPlaneTemplate objects.
type OCIManagedControlPlaneTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIManagedControlPlaneTemplate objects.
	Items []OCIManagedControlPlaneTemplate `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIManagedControlPlaneTemplate{}, &OCIManagedControlPlaneTemplateList{})
}

// OCIManagedControlPlaneTemplateSpec is the desired state of OCIManagedControlPlaneTemplate.
type OCIManagedControlPlaneTemplateSpec struct {
	// Template is the OCIManagedControlPlane this template stamps out.
	// +required
	Template OCIManagedControlPlaneTemplateResource `json:"template"`
}

// OCIManagedControlPlaneTemplateResource describes the OCIManagedControlPlane created from a template.
type OCIManagedControlPlaneTemplateResource struct {
	// ObjectMeta is metadata given to the objects created from the template.
	// +optional
	ObjectMeta clusterv1.ObjectMeta `json:"metadata,omitempty,omitzero"`

	// Spec is the desired state of the OCIManagedControlPlane.
	// +required
	Spec OCIManagedControlPlaneSpec `json:"spec"`
}
