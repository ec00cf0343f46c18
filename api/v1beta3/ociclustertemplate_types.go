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
// +kubebuilder:resource:path=ociclustertemplates,scope=Namespaced,categories=cluster-api,shortName=ocict
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIClusterTemplate is a template of OCICluster, used by ClusterClass.
type OCIClusterTemplate struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIClusterTemplate.
	// +optional
	Spec OCIClusterTemplateSpec `json:"spec,omitempty"`
}

// +kubebuilder:object:root=true

// OCIClusterTemplateList is a list of OCIClusterTemplate objects.
type OCIClusterTemplateList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIClusterTemplate objects.
	Items []OCIClusterTemplate `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIClusterTemplate{}, &OCIClusterTemplateList{})
}

// OCIClusterTemplateSpec is the desired state of OCIClusterTemplate.
type OCIClusterTemplateSpec struct {
	// Template is the OCICluster this template stamps out.
	// +required
	Template OCIClusterTemplateResource `json:"template"`
}

// OCIClusterTemplateResource describes the OCICluster created from a template.
type OCIClusterTemplateResource struct {
	// ObjectMeta is metadata given to the objects created from the template.
	// +optional
	ObjectMeta clusterv1.ObjectMeta `json:"metadata,omitempty,omitzero"`

	// Spec is the desired state of the OCICluster.
	// +required
	Spec OCIClusterSpec `json:"spec"`
}
