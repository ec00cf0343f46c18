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
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ociclusteridentities,scope=Namespaced,categories=cluster-api,shortName=ocici
// +kubebuilder:subresource:status

// OCIClusterIdentity is an OCI principal (user, instance or workload principal) that clusters may use to call
// OCI.
type OCIClusterIdentity struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIClusterIdentity.
	// +optional
	Spec OCIClusterIdentitySpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIClusterIdentity.
	// +optional
	Status OCIClusterIdentityStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIClusterIdentityList is a list of OCIClusterIdentity objects.
type OCIClusterIdentityList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIClusterIdentity objects.
	Items []OCIClusterIdentity `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIClusterIdentity{}, &OCIClusterIdentityList{})
}

// OCIClusterIdentitySpec is the desired state of OCIClusterIdentity.
type OCIClusterIdentitySpec struct {
	// AllowedNamespaces limits the namespaces whose clusters may use this identity, by list or by label selector.
	// +optional
	AllowedNamespaces *AllowedNamespaces `json:"allowedNamespaces,omitempty"`

	// PrincipalSecret references the Secret holding the user principal credentials.
	// +optional
	PrincipalSecret corev1.SecretReference `json:"principalSecret,omitempty"`

	// Type is the kind of principal: UserPrincipal, InstancePrincipal or WorkloadPrincipal.
	// +required
	Type string `json:"type"`
}

// AllowedNamespaces selects the namespaces allowed to use an identity, by list or by label selector.
type AllowedNamespaces struct {
	// List is a list of namespace names.
	// +optional
	List []string `json:"list,omitempty"`

	// Selector selects namespaces by label.
	// +optional
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
}

// OCIClusterIdentityStatus is the observed state of OCIClusterIdentity.
type OCIClusterIdentityStatus struct {
	// Conditions report the observed state of the resource.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`
}
