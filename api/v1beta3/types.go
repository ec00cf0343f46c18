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
)

// OCIResource is what the controller remembers of one OCI resource of an object between reconciles, so that a
// restart of the manager neither repeats work nor reads every resource at once.
type OCIResource struct {
	// Key names the resource within the object, such as vcn or subnet/worker.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	Key string `json:"key"`

	// ID is the OCID of the resource when the provider created it: a resource it owns.
	// +optional
	ID string `json:"id,omitempty"`

	// WorkRequestID is the work request the controller waits for.
	// +optional
	WorkRequestID string `json:"workRequestId,omitempty"`

	// Waits counts the reconciles that found the resource not done yet; it grows the requeue delay.
	// +optional
	Waits int32 `json:"waits,omitempty"`

	// SpecHash is the hash of the desired state last found in place.
	// +optional
	SpecHash string `json:"specHash,omitempty"`

	// ObservedGeneration is the object's generation last found in place.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// LastChecked is when the resource was last read and found as desired.
	// +optional
	LastChecked metav1.Time `json:"lastChecked,omitempty,omitzero"`

	// Attempt counts replacements of the resource; a replacement is created under a new retry token.
	// +optional
	Attempt int32 `json:"attempt,omitempty"`

	// Deleted is true once the object's delete found the resource gone.
	// +optional
	Deleted bool `json:"deleted,omitempty"`
}

// OCIAvailabilityDomain describes an availability domain and its fault domains.
type OCIAvailabilityDomain struct {
	// FaultDomains are the fault domains of the availability domain.
	// +optional
	FaultDomains []string `json:"faultDomains,omitempty"`

	// Name is the name of the availability domain.
	// +optional
	Name string `json:"name,omitempty"`
}

// ClientOverrides overrides OCI service endpoints, for example for private or test regions.
type ClientOverrides struct {
	// CertOverride references a Secret holding a CA certificate bundle to trust for the overridden endpoints.
	// +optional
	CertOverride *corev1.SecretReference `json:"certOverride,omitempty"`

	// ComputeClientURL overrides the Compute service endpoint.
	// +optional
	ComputeClientURL string `json:"computeClientUrl,omitempty"`

	// ComputeManagementClientURL overrides the Compute Management service endpoint.
	// +optional
	ComputeManagementClientURL string `json:"computeManagementClientUrl,omitempty"`

	// ContainerEngineClientURL overrides the Container Engine service endpoint.
	// +optional
	ContainerEngineClientURL string `json:"containerEngineClientUrl,omitempty"`

	// IdentityClientURL overrides the Identity service endpoint.
	// +optional
	IdentityClientURL string `json:"identityClientUrl,omitempty"`

	// LoadBalancerClientURL overrides the Load Balancer service endpoint.
	// +optional
	LoadBalancerClientURL string `json:"loadBalancerClientUrl,omitempty"`

	// NetworkLoadBalancerClientURL overrides the Network Load Balancer service endpoint.
	// +optional
	NetworkLoadBalancerClientURL string `json:"networkLoadBalancerClientUrl,omitempty"`

	// VCNClientURL overrides the Virtual Network service endpoint.
	// +optional
	VCNClientURL string `json:"vCNClientUrl,omitempty"`

	// VolumeClientURL overrides the Block Volume service endpoint.
	// +optional
	VolumeClientURL string `json:"volumeClientUrl,omitempty"`

	// WorkrequestClientURL overrides the Work Requests service endpoint.
	// +optional
	WorkrequestClientURL string `json:"workrequestClientUrl,omitempty"`
}

// KeyValue is a key/value pair.
type KeyValue struct {
	// Key is the pair's name: an OKE add-on's configuration key, or the key of a label OKE puts on the nodes of a
	// node pool or virtual node pool.
	// +optional
	Key string `json:"key,omitempty"`

	// Value is the value given to Key.
	// +optional
	Value string `json:"value,omitempty"`
}
