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
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
)

// +kubebuilder:object:root=true
// +kubebuilder:resource:path=ocivirtualmachinepools,scope=Namespaced,categories=cluster-api,shortName=ocivmp
// +kubebuilder:subresource:status

// OCIVirtualMachinePool is an OKE virtual node pool that implements a MachinePool.
type OCIVirtualMachinePool struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state of the OCIVirtualMachinePool.
	// +optional
	Spec OCIVirtualMachinePoolSpec `json:"spec,omitempty"`

	// Status is the observed state of the OCIVirtualMachinePool.
	// +optional
	Status OCIVirtualMachinePoolStatus `json:"status,omitempty"`
}

// +kubebuilder:object:root=true

// OCIVirtualMachinePoolList is a list of OCIVirtualMachinePool objects.
type OCIVirtualMachinePoolList struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ListMeta `json:"metadata,omitempty"`

	// Items are the OCIVirtualMachinePool objects.
	Items []OCIVirtualMachinePool `json:"items"`
}

func init() {
	objectTypes = append(objectTypes, &OCIVirtualMachinePool{}, &OCIVirtualMachinePoolList{})
}

// OCIVirtualMachinePoolSpec is the desired state of OCIVirtualMachinePool.
type OCIVirtualMachinePoolSpec struct {
	// ID is the OCID of the virtual node pool; the controller records it.
	// +optional
	ID string `json:"id,omitempty"`

	// InitialVirtualNodeLabels are labels applied to the virtual nodes when they join.
	// +optional
	InitialVirtualNodeLabels []infrav1beta2.KeyValue `json:"initialVirtualNodeLabels,omitempty"`

	// NSGNames are the names of network security groups, as declared in the cluster network spec.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// PlacementConfigs are the placements of the nodes.
	// +optional
	PlacementConfigs []VirtualNodepoolPlacementConfig `json:"placementConfigs,omitempty"`

	// PodConfiguration configures the pods of the virtual nodes.
	// +optional
	PodConfiguration *PodConfig `json:"podConfiguration,omitempty"`

	// ProviderID is the provider ID that Cluster API copies to the Machine or MachinePool.
	// +optional
	ProviderID *string `json:"providerID,omitempty"`

	// ProviderIDList lists the provider IDs of the instances that belong to the pool.
	// +optional
	ProviderIDList []string `json:"providerIDList,omitempty"`

	// Taints are the taints applied to the nodes.
	// +optional
	Taints []Taint `json:"taints,omitempty"`
}

// VirtualNodepoolPlacementConfig is a placement of virtual nodes.
type VirtualNodepoolPlacementConfig struct {
	// AvailabilityDomain is the availability domain.
	// +optional
	AvailabilityDomain string `json:"availabilityDomain,omitempty"`

	// FaultDomains are the fault domains to use.
	// +optional
	FaultDomains []string `json:"faultDomains,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`
}

// PodConfig configures the pods of virtual nodes.
type PodConfig struct {
	// NSGNames are the names of network security groups, as declared in the cluster network spec.
	// +optional
	NSGNames []string `json:"nsgNames,omitempty"`

	// Shape is the name of the compute shape.
	// +optional
	Shape string `json:"shape,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`
}

// Taint is a taint applied to nodes.
type Taint struct {
	// Effect is the taint effect.
	// +optional
	Effect string `json:"effect,omitempty"`

	// Key is the taint key.
	// +optional
	Key string `json:"key,omitempty"`

	// Value is the taint value.
	// +optional
	Value string `json:"value,omitempty"`
}

// OCIVirtualMachinePoolStatus is the observed state of OCIVirtualMachinePool.
type OCIVirtualMachinePoolStatus struct {
	// Conditions report the observed state of the resource.
	// +optional
	Conditions clusterv1beta1.Conditions `json:"conditions,omitempty"`

	// FailureMessages describe terminal problems.
	// +optional
	FailureMessages []string `json:"failureMessages,omitempty"`

	// FailureReason is a terse, machine-readable terminal problem.
	// +optional
	FailureReason *string `json:"failureReason,omitempty"`

	// InfrastructureMachineKind is the kind of the infrastructure machines that represent the pool's instances.
	// +optional
	InfrastructureMachineKind string `json:"infrastructureMachineKind,omitempty"`

	// NodepoolLifecycleState is the lifecycle state of the node pool.
	// +optional
	NodepoolLifecycleState string `json:"nodepoolLifecycleState,omitempty"`

	// Ready is true when the infrastructure is provisioned.
	// +optional
	Ready bool `json:"ready,omitempty"`

	// Replicas is the number of instances in the pool.
	// +optional
	Replicas int32 `json:"replicas,omitempty"`
}
