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

import "k8s.io/apimachinery/pkg/util/intstr"

// RollingUpdateStrategy is the only MachinePoolStrategy type: new instances from the new instance configuration
// come up before old ones go, within maxSurge and maxUnavailable.
const RollingUpdateStrategy = "RollingUpdate"

// MachinePoolStrategy is how an OCIMachinePool's instances are replaced when their instance configuration changes.
type MachinePoolStrategy struct {
	// Type is the kind of replacement: RollingUpdate (the default, and the only one).
	// +optional
	// +kubebuilder:validation:Enum=RollingUpdate
	Type string `json:"type,omitempty"`

	// RollingUpdate bounds a rolling update.
	// +optional
	RollingUpdate *MachinePoolRollingUpdate `json:"rollingUpdate,omitempty"`
}

// MachinePoolRollingUpdate bounds a rolling update of an OCIMachinePool: while it runs, the pool has at most
// replicas + maxSurge instances, and at least replicas - maxUnavailable of them are ready.
type MachinePoolRollingUpdate struct {
	// MaxSurge is how many instances the pool may have over its replicas while it replaces instances: a number,
	// or a percentage of replicas rounded up. Default 1.
	// +optional
	// +kubebuilder:validation:XIntOrString
	MaxSurge *intstr.IntOrString `json:"maxSurge,omitempty"`

	// MaxUnavailable is how many of the pool's replicas may be not ready while it replaces instances: a number,
	// or a percentage of replicas rounded down. Default 0. MaxSurge and maxUnavailable cannot both be 0.
	// +optional
	// +kubebuilder:validation:XIntOrString
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
}

// InstancePoolLoadBalancer is a backend set an OCIMachinePool's instances join.
type InstancePoolLoadBalancer struct {
	// LoadBalancerID is the OCID of the load balancer or network load balancer.
	// +required
	// +kubebuilder:validation:MinLength=1
	LoadBalancerID string `json:"loadBalancerId"`

	// BackendSetName is the name of the backend set the instances join.
	// +required
	// +kubebuilder:validation:MinLength=1
	BackendSetName string `json:"backendSetName"`

	// Port is the port on the instances the backend set sends traffic to.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	Port int32 `json:"port"`

	// VnicSelection is the VNIC whose address is the backend's: PrimaryVnic (the default) or the display name of
	// a secondary VNIC.
	// +optional
	VnicSelection string `json:"vnicSelection,omitempty"`
}
