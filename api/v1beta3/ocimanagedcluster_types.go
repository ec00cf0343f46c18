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
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimanagedclusters,scope=Namespaced,categories=cluster-api,shortName=ocimc
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Provisioned",type="boolean",JSONPath=".status.initialization.provisioned",description="Whether the infrastructure is provisioned"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="VCN",type="string",JSONPath=".spec.networkSpec.vcn.id",description="OCID of the VCN",priority=1
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

// OCIManagedCluster is the infrastructure (network) of an OKE managed Kubernetes cluster.
type OCIManagedCluster struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIManagedCluster.
	// +optional
	Spec OCIManagedClusterSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIManagedCluster.
	// +optional
	Status OCIManagedClusterStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIManagedClusterList is a list of OCIManagedCluster objects.
type OCIManagedClusterList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIManagedCluster objects.
	Items []OCIManagedCluster `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIManagedCluster{}, &OCIManagedClusterList{})
}

// GetConditions returns the conditions of the OCIManagedCluster.
func (o *OCIManagedCluster) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIManagedCluster.
func (o *OCIManagedCluster) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIManagedCluster in the deprecated v1beta1 contract shape.
func (o *OCIManagedCluster) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIManagedCluster in the deprecated v1beta1 contract shape.
func (o *OCIManagedCluster) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIManagedClusterDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIManagedClusterV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIManagedClusterSpec is the desired state of OCIManagedCluster.
type OCIManagedClusterSpec struct {
	// AvailabilityDomains are the availability domains of the region, with their fault domains, keyed by name.
	// +optional
	AvailabilityDomains map[string]OCIAvailabilityDomain `json:"availabilityDomains,omitempty"`

	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// ControlPlaneEndpoint is the endpoint used to reach the Kubernetes API server.
	// +optional
	ControlPlaneEndpoint clusterv1.APIEndpoint `json:"controlPlaneEndpoint,omitempty,omitzero"`

	// DefinedTags are defined tags applied to the resources, keyed by tag namespace and then by tag key.
	// +optional
	DefinedTags map[string]map[string]string `json:"definedTags,omitempty"`

	// FreeformTags are free-form tags applied to the resources.
	// +optional
	FreeformTags map[string]string `json:"freeformTags,omitempty"`

	// HostURL overrides the OCI service endpoints used by the controller (serialized as hostUrl for compatibility).
	// +optional
	HostURL *ClientOverrides `json:"hostUrl,omitempty"`

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

// OCIManagedClusterStatus is the observed state of OCIManagedCluster.
type OCIManagedClusterStatus struct {
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIManagedCluster, as the Cluster API contract requires.
	// +optional
	Initialization OCIManagedClusterInitializationStatus `json:"initialization,omitempty,omitzero"`

	// FailureDomains are the failure domains (fault or availability domains) machines may be placed in.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=100
	FailureDomains []clusterv1.FailureDomain `json:"failureDomains,omitempty"`

	// Resources are what the controller remembers of each OCI resource of the object between reconciles: the
	// OCIDs it created, the work requests it waits for and when it last found each in place.
	// +optional
	// +listType=map
	// +listMapKey=key
	// +kubebuilder:validation:MaxItems=256
	Resources []OCIResource `json:"resources,omitempty"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIManagedClusterDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIManagedClusterInitializationStatus reports the initialization of the OCIManagedCluster; Cluster API reads
// it.
// +kubebuilder:validation:MinProperties=1
type OCIManagedClusterInitializationStatus struct {
	// Provisioned is true when the network and the API server load balancer are ready.
	// +optional
	Provisioned *bool `json:"provisioned,omitempty"`
}

// OCIManagedClusterDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1 contract
// uses.
type OCIManagedClusterDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIManagedClusterV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIManagedClusterV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1
// contract.
type OCIManagedClusterV1Beta1DeprecatedStatus struct {
	// Conditions are the conditions in the v1beta1 contract shape.
	//
	// Deprecated: use status.conditions; this field goes away with the v1beta1 contract.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`
}
