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
// +kubebuilder:resource:path=ocimanagedcontrolplanes,scope=Namespaced,categories=cluster-api,shortName=ocimcp
// +kubebuilder:subresource:status

// OCIManagedControlPlane is the control plane of an OKE managed Kubernetes cluster.
type OCIManagedControlPlane struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIManagedControlPlane.
	// +optional
	Spec OCIManagedControlPlaneSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIManagedControlPlane.
	// +optional
	Status OCIManagedControlPlaneStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIManagedControlPlaneList is a list of OCIManagedControlPlane objects.
type OCIManagedControlPlaneList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIManagedControlPlane objects.
	Items []OCIManagedControlPlane `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIManagedControlPlane{}, &OCIManagedControlPlaneList{})
}

// OCIManagedControlPlaneSpec is the desired state of OCIManagedControlPlane.
type OCIManagedControlPlaneSpec struct {
	// ClusterOptions holds optional OKE cluster features.
	// +optional
	ClusterOptions *ClusterOptions `json:"clusterOptions,omitempty"`

	// ClusterPodNetworkOptions are the pod networking options of the cluster.
	// +optional
	ClusterPodNetworkOptions []ClusterPodNetworkOptions `json:"clusterPodNetworkOptions,omitempty"`

	// ControlPlaneEndpoint is the endpoint used to reach the Kubernetes API server.
	// +optional
	ControlPlaneEndpoint clusterv1beta1.APIEndpoint `json:"controlPlaneEndpoint,omitempty"`

	// ID is the OCID of the OKE cluster; the controller records it.
	// +optional
	ID string `json:"id,omitempty"`

	// ImagePolicyConfig configures image signature verification.
	// +optional
	ImagePolicyConfig *ImagePolicyConfig `json:"imagePolicyConfig,omitempty"`

	// KMSKeyID is the OCID of the Vault key used to encrypt Kubernetes secrets.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`

	// Version is the Kubernetes version of the control plane.
	// +optional
	Version string `json:"version,omitempty"`
}

// ClusterOptions holds optional OKE cluster features.
type ClusterOptions struct {
	// AddOnOptions enables the legacy OKE add-ons.
	// +optional
	AddOnOptions *AddOnOptions `json:"addOnOptions,omitempty"`

	// AdmissionControllerOptions configures admission controllers.
	// +optional
	AdmissionControllerOptions *AdmissionControllerOptions `json:"admissionControllerOptions,omitempty"`
}

// AddOnOptions enables the legacy OKE add-ons.
type AddOnOptions struct {
	// IsKubernetesDashboardEnabled enables the Kubernetes dashboard.
	// +optional
	IsKubernetesDashboardEnabled *bool `json:"isKubernetesDashboardEnabled,omitempty"`

	// IsTillerEnabled enables Tiller.
	// +optional
	IsTillerEnabled *bool `json:"isTillerEnabled,omitempty"`
}

// AdmissionControllerOptions configures OKE admission controllers.
type AdmissionControllerOptions struct {
	// IsPodSecurityPolicyEnabled enables the pod security policy admission controller.
	// +optional
	IsPodSecurityPolicyEnabled *bool `json:"isPodSecurityPolicyEnabled,omitempty"`
}

// ClusterPodNetworkOptions selects the pod networking of an OKE cluster.
type ClusterPodNetworkOptions struct {
	// CNIType is the CNI plugin: FLANNEL_OVERLAY or OCI_VCN_IP_NATIVE.
	// +optional
	CNIType string `json:"cniType,omitempty"`
}

// ImagePolicyConfig configures image signature verification of an OKE cluster.
type ImagePolicyConfig struct {
	// IsPolicyEnabled enables image signature verification.
	// +optional
	IsPolicyEnabled *bool `json:"isPolicyEnabled,omitempty"`

	// KeyDetails are the keys images must be signed with.
	// +optional
	KeyDetails []KeyDetails `json:"keyDetails,omitempty"`
}

// KeyDetails identifies a Vault key.
type KeyDetails struct {
	// KeyDetails is the OCID of a Vault key.
	// +optional
	KeyDetails string `json:"keyDetails,omitempty"`
}

// OCIManagedControlPlaneStatus is the observed state of OCIManagedControlPlane.
type OCIManagedControlPlaneStatus struct {
	// Conditions report the observed state of the resource.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// Initialized is true when the control plane accepts requests.
	// +optional
	Initialized bool `json:"initialized,omitempty"`

	// Ready is true when the control plane is ready.
	// +optional
	Ready bool `json:"ready,omitempty"`

	// Version is the Kubernetes version the control plane runs.
	// +optional
	Version string `json:"version,omitempty"`
}
