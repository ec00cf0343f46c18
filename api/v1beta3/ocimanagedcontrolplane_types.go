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
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocimanagedcontrolplanes,scope=Namespaced,categories=cluster-api,shortName=ocimcp
// +kubebuilder:subresource:status
// +kubebuilder:storageversion
// +kubebuilder:printcolumn:name="Cluster",type="string",JSONPath=".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']",description="Cluster to which this resource belongs"
// +kubebuilder:printcolumn:name="Initialized",type="boolean",JSONPath=".status.initialization.controlPlaneInitialized",description="Whether the control plane accepts requests"
// +kubebuilder:printcolumn:name="Ready",type="string",JSONPath=".status.conditions[?(@.type==\"Ready\")].status",description="Status of the Ready condition"
// +kubebuilder:printcolumn:name="Version",type="string",JSONPath=".spec.version",description="Kubernetes version"
// +kubebuilder:printcolumn:name="OKE",type="string",JSONPath=".spec.id",description="OCID of the OKE cluster",priority=1
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp",description="Time since creation"

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

// GetConditions returns the conditions of the OCIManagedControlPlane.
func (o *OCIManagedControlPlane) GetConditions() []metav1.Condition {
	return o.Status.Conditions
}

// SetConditions replaces the conditions of the OCIManagedControlPlane.
func (o *OCIManagedControlPlane) SetConditions(conditions []metav1.Condition) {
	o.Status.Conditions = conditions
}

// GetV1Beta1Conditions returns the conditions of the OCIManagedControlPlane in the deprecated v1beta1 contract shape.
func (o *OCIManagedControlPlane) GetV1Beta1Conditions() clusterv1beta1.Conditions {
	if o.Status.Deprecated == nil || o.Status.Deprecated.V1Beta1 == nil {
		return nil
	}
	return o.Status.Deprecated.V1Beta1.Conditions
}

// SetV1Beta1Conditions replaces the conditions of the OCIManagedControlPlane in the deprecated v1beta1 contract shape.
func (o *OCIManagedControlPlane) SetV1Beta1Conditions(conditions clusterv1beta1.Conditions) {
	if o.Status.Deprecated == nil {
		o.Status.Deprecated = &OCIManagedControlPlaneDeprecatedStatus{}
	}
	if o.Status.Deprecated.V1Beta1 == nil {
		o.Status.Deprecated.V1Beta1 = &OCIManagedControlPlaneV1Beta1DeprecatedStatus{}
	}
	o.Status.Deprecated.V1Beta1.Conditions = conditions
}

// OCIManagedControlPlaneSpec is the desired state of OCIManagedControlPlane.
type OCIManagedControlPlaneSpec struct {
	// Addons are the OKE cluster addons, keyed by name.
	// +optional
	// +listType=map
	// +listMapKey=name
	Addons []Addon `json:"addons,omitempty"`

	// ClusterOptions holds optional OKE cluster features.
	// +optional
	ClusterOptions *ClusterOptions `json:"clusterOptions,omitempty"`

	// ClusterPodNetworkOptions are the pod networking options of the cluster.
	// +optional
	ClusterPodNetworkOptions []ClusterPodNetworkOptions `json:"clusterPodNetworkOptions,omitempty"`

	// ClusterType is the OKE cluster type: BASIC_CLUSTER or ENHANCED_CLUSTER.
	// +optional
	ClusterType string `json:"clusterType,omitempty"`

	// ControlPlaneEndpoint is the endpoint used to reach the Kubernetes API server.
	// +optional
	ControlPlaneEndpoint clusterv1.APIEndpoint `json:"controlPlaneEndpoint,omitempty,omitzero"`

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

// Addon is an OKE cluster addon.
type Addon struct {
	// Configurations are the addon configuration key/value pairs.
	// +optional
	Configurations []KeyValue `json:"configurations,omitempty"`

	// Name is the name of the addon.
	// +required
	Name string `json:"name"`

	// Version is the version of the addon; empty means the latest.
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

	// OpenIDConnectDiscovery configures OpenID Connect discovery.
	// +optional
	OpenIDConnectDiscovery *OpenIDConnectDiscovery `json:"openIdConnectDiscovery,omitempty"`

	// OpenIDConnectTokenAuthenticationConfig configures OpenID Connect token authentication.
	// +optional
	OpenIDConnectTokenAuthenticationConfig *OpenIDConnectTokenAuthenticationConfig `json:"openIdConnectTokenAuthenticationConfig,omitempty"`
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

// OpenIDConnectDiscovery configures OpenID Connect discovery of an OKE cluster.
type OpenIDConnectDiscovery struct {
	// IsOpenIDConnectDiscoveryEnabled enables OpenID Connect discovery.
	// +optional
	IsOpenIDConnectDiscoveryEnabled *bool `json:"isOpenIdConnectDiscoveryEnabled,omitempty"`
}

// OpenIDConnectTokenAuthenticationConfig configures OpenID Connect token authentication of an OKE cluster.
type OpenIDConnectTokenAuthenticationConfig struct {
	// CaCertificate is the base64-encoded CA certificate of the OpenID Connect provider.
	// +optional
	CaCertificate string `json:"caCertificate,omitempty"`

	// ClientID is the client ID of the OpenID Connect client.
	// +optional
	ClientID string `json:"clientId,omitempty"`

	// GroupsClaim is the JWT claim that holds the user's groups.
	// +optional
	GroupsClaim string `json:"groupsClaim,omitempty"`

	// GroupsPrefix is prepended to group claims.
	// +optional
	GroupsPrefix string `json:"groupsPrefix,omitempty"`

	// IsOpenIDConnectAuthEnabled enables OpenID Connect token authentication.
	// +required
	IsOpenIDConnectAuthEnabled bool `json:"isOpenIdConnectAuthEnabled"`

	// IssuerURL is the URL of the OpenID Connect provider.
	// +optional
	IssuerURL string `json:"issuerUrl,omitempty"`

	// RequiredClaims are claims the ID token must carry.
	// +optional
	RequiredClaims []RequiredClaim `json:"requiredClaims,omitempty"`

	// SigningAlgorithms are the accepted JOSE signing algorithms.
	// +optional
	SigningAlgorithms []string `json:"signingAlgorithms,omitempty"`

	// UsernameClaim is the JWT claim used as the user name.
	// +optional
	UsernameClaim string `json:"usernameClaim,omitempty"`

	// UsernamePrefix is prepended to user names.
	// +optional
	UsernamePrefix string `json:"usernamePrefix,omitempty"`
}

// RequiredClaim is a claim an OpenID Connect ID token must carry.
type RequiredClaim struct {
	// Key is the claim name.
	// +required
	Key string `json:"key"`

	// Value is the required claim value.
	// +required
	Value string `json:"value"`
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

// AddonStatus reports the state of an addon.
type AddonStatus struct {
	// AddonError is the last error reported for the addon.
	// +optional
	AddonError *AddonError `json:"addonError,omitempty"`

	// CurrentlyInstalledVersion is the addon version installed now.
	// +optional
	CurrentlyInstalledVersion string `json:"currentlyInstalledVersion,omitempty"`

	// LifecycleState is the lifecycle state of the addon.
	// +optional
	LifecycleState string `json:"lifecycleState,omitempty"`
}

// AddonError is an error reported for an addon.
type AddonError struct {
	// Code is the error code.
	// +optional
	Code string `json:"code,omitempty"`

	// Message is the error message.
	// +optional
	Message string `json:"message,omitempty"`

	// Status is the error status.
	// +optional
	Status string `json:"status,omitempty"`
}

// OCIManagedControlPlaneStatus is the observed state of OCIManagedControlPlane.
type OCIManagedControlPlaneStatus struct {
	// Conditions report the observed state of the resource; Ready summarizes the others.
	// +optional
	// +listType=map
	// +listMapKey=type
	// +kubebuilder:validation:MaxItems=32
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// Initialization reports the initialization of the OCIManagedControlPlane, as the Cluster API contract requires.
	// +optional
	Initialization OCIManagedControlPlaneInitializationStatus `json:"initialization,omitempty,omitzero"`

	// ExternalManagedControlPlane is true: OKE runs the control plane and no Node objects represent it.
	// +optional
	ExternalManagedControlPlane *bool `json:"externalManagedControlPlane,omitempty"`

	// Version is the Kubernetes version the control plane runs; Cluster API prefers versions and reads this field as
	// a fallback.
	// +optional
	Version string `json:"version,omitempty"`

	// Versions are the Kubernetes versions the control plane runs, oldest first.
	// +optional
	// +listType=map
	// +listMapKey=version
	// +kubebuilder:validation:MaxItems=100
	Versions []clusterv1.StatusVersion `json:"versions,omitempty"`

	// AddonStatus reports the state of each addon, keyed by addon name.
	// +optional
	AddonStatus map[string]AddonStatus `json:"addonStatus,omitempty"`

	// Resources are what the controller remembers of each OCI resource of the object between reconciles: the
	// OCIDs it created, the work requests it waits for and when it last found each in place.
	// +optional
	// +listType=map
	// +listMapKey=key
	// +kubebuilder:validation:MaxItems=256
	Resources []OCIResource `json:"resources,omitempty"`

	// Deprecated groups the status fields of the deprecated Cluster API v1beta1 contract.
	// +optional
	Deprecated *OCIManagedControlPlaneDeprecatedStatus `json:"deprecated,omitempty"`
}

// OCIManagedControlPlaneInitializationStatus reports the initialization of the OCIManagedControlPlane; Cluster
// API reads it.
// +kubebuilder:validation:MinProperties=1
type OCIManagedControlPlaneInitializationStatus struct {
	// ControlPlaneInitialized is true when the control plane accepts requests.
	// +optional
	ControlPlaneInitialized *bool `json:"controlPlaneInitialized,omitempty"`
}

// OCIManagedControlPlaneDeprecatedStatus groups status fields that only the deprecated Cluster API v1beta1
// contract uses.
type OCIManagedControlPlaneDeprecatedStatus struct {
	// V1Beta1 holds the status fields of the v1beta1 contract, as the v1beta1 and v1beta2 API versions show them.
	// +optional
	V1Beta1 *OCIManagedControlPlaneV1Beta1DeprecatedStatus `json:"v1beta1,omitempty"`
}

// OCIManagedControlPlaneV1Beta1DeprecatedStatus holds the status fields of the deprecated Cluster API v1beta1
// contract.
type OCIManagedControlPlaneV1Beta1DeprecatedStatus struct {
	// Conditions are the conditions in the v1beta1 contract shape.
	//
	// Deprecated: use status.conditions; this field goes away with the v1beta1 contract.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// Ready is true when the control plane is ready.
	//
	// Deprecated: use the Ready condition; this field goes away with the v1beta1 contract.
	// +optional
	Ready bool `json:"ready,omitempty"`
}
