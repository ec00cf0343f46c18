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
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ociclusters,scope=Namespaced,categories=cluster-api,shortName=ocic
// +kubebuilder:subresource:status

// OCICluster is the infrastructure of a self-managed Kubernetes cluster on OCI: its network and API server load
// balancer.
type OCICluster struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCICluster.
	// +optional
	Spec OCIClusterSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCICluster.
	// +optional
	Status OCIClusterStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIClusterList is a list of OCICluster objects.
type OCIClusterList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCICluster objects.
	Items []OCICluster `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCICluster{}, &OCIClusterList{})
}

// OCIClusterSpec is the desired state of OCICluster.
type OCIClusterSpec struct {
	// AvailabilityDomains are the availability domains of the region, with their fault domains, keyed by name.
	// +optional
	AvailabilityDomains map[string]OCIAvailabilityDomain `json:"availabilityDomains,omitempty"`

	// ClientOverrides overrides the OCI service endpoints used by the controller.
	// +optional
	ClientOverrides *ClientOverrides `json:"clientOverrides,omitempty"`

	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// ControlPlaneEndpoint is the endpoint used to reach the Kubernetes API server.
	// +optional
	ControlPlaneEndpoint clusterv1beta1.APIEndpoint `json:"controlPlaneEndpoint,omitempty"`

	// DefinedTags are defined tags applied to the resources, keyed by tag namespace and then by tag key.
	// +optional
	DefinedTags map[string]map[string]string `json:"definedTags,omitempty"`

	// FreeformTags are free-form tags applied to the resources.
	// +optional
	FreeformTags map[string]string `json:"freeformTags,omitempty"`

	// IdentityRef references the OCIClusterIdentity whose credentials are used to call OCI.
	// +optional
	IdentityRef *corev1.ObjectReference `json:"identityRef,omitempty"`

	// NetworkSpec describes the networking of the cluster.
	// +optional
	NetworkSpec NetworkSpec `json:"networkSpec,omitempty"`

	// OCIResourceIdentifier is a stable unique identifier (a UUID) used to tag and find the OCI resources of the
	// cluster; it survives clusterctl move.
	// +optional
	OCIResourceIdentifier string `json:"ociResourceIdentifier,omitempty"`

	// Region is the OCI region of the cluster's resources; empty means the region the controller is configured with.
	// +optional
	Region string `json:"region,omitempty"`
}

// OCIClusterStatus is the observed state of OCICluster.
type OCIClusterStatus struct {
	// Conditions report the observed state of the resource.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// FailureDomains are the failure domains (fault or availability domains) machines may be placed in.
	// +optional
	FailureDomains clusterv1beta1.FailureDomains `json:"failureDomains,omitempty"`

	// Ready is true when the infrastructure is provisioned.
	// +optional
	Ready bool `json:"ready,omitempty"`
}
