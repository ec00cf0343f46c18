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
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ociclusteridentities,scope=Namespaced,categories=cluster-api,shortName=ocici
// +kubebuilder:metadata:labels="clusterctl.cluster.x-k8s.io/move-hierarchy=true"
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Type",type="string",JSONPath=".spec.type",description="Kind of principal"
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

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

// GetConditions returns the conditions of the OCIClusterIdentity.
func (o *OCIClusterIdentity) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIClusterIdentity.
func (o *OCIClusterIdentity) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIClusterIdentity in the deprecated v1beta1 contract shape.
func (o *OCIClusterIdentity) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIClusterIdentity in the deprecated v1beta1 contract shape.
func (o *OCIClusterIdentity) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIClusterIdentityDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIClusterIdentityV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIClusterIdentitySpec is the desired state of OCIClusterIdentity.
type OCIClusterIdentitySpec struct {
	// AllowedNamespaces limits the namespaces whose clusters may use this identity, by list or by label selector.
	// Absent, only clusters in the identity's own namespace may use it; {} allows every namespace, as with the
	// earlier provider.
	// +optional
	AllowedNamespaces *AllowedNamespaces `json:"allowedNamespaces,omitempty"`

	// PrincipalSecret references the Secret holding the user principal credentials.
	// +optional
	PrincipalSecret corev1.SecretReference `json:"principalSecret,omitempty"`

	// Type is the kind of principal: UserPrincipal, InstancePrincipal or Workload (OKE workload identity, also
	// accepted as WorkloadPrincipal).
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
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIClusterIdentityDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIClusterIdentityDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1 contract
// uses.
type OCIClusterIdentityDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIClusterIdentityV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIClusterIdentityV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1
// contract.
type OCIClusterIdentityV1Beta1DeprecatedStatus struct {
	// Conditions are the conditions in the v1beta1 contract shape.
	//
	// Deprecated: use status.conditions; this field goes away with the v1beta1 contract.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`
}
