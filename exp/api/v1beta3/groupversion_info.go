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
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

var (
	// GroupVersion is the group and version of the types in this package.
	GroupVersion = schema.GroupVersion{Group: "infrastructure.cluster.x-k8s.io", Version: "v1beta3"}

	// SchemeBuilder collects the functions that add the types of this package to a scheme.
	SchemeBuilder = runtime.NewSchemeBuilder(addKnownTypes)

	// AddToScheme adds the types of this package to a scheme.
	AddToScheme = SchemeBuilder.AddToScheme

	// objectTypes are the root types of this package; each <kind>_types.go file appends its own.
	objectTypes = []runtime.Object{}
)

func addKnownTypes(scheme *runtime.Scheme) error {
	scheme.AddKnownTypes(GroupVersion, objectTypes...)
	metav1.AddToGroupVersion(scheme, GroupVersion)
	return nil
}

// Finalizers, named as the earlier provider named them (objects it stored carry them).
const (
	// ManagedMachinePoolFinalizer lets the OCIManagedMachinePool controller delete the node pool before the object
	// goes.
	ManagedMachinePoolFinalizer = "ocimanagedmachinepool.infrastructure.cluster.x-k8s.io"
	// VirtualMachinePoolFinalizer lets the OCIVirtualMachinePool controller delete the virtual node pool before the
	// object goes.
	VirtualMachinePoolFinalizer = "ocivirtualmachinepool.infrastructure.cluster.x-k8s.io"
	// MachinePoolFinalizer lets the OCIMachinePool controller terminate the instance pool and delete its instance
	// configurations before the object goes.
	MachinePoolFinalizer = "ocimachinepool.infrastructure.cluster.x-k8s.io"
	// MachinePoolMachineFinalizer lets the OCIMachinePool controller take an OCIMachinePoolMachine's instance out
	// of the instance pool (and terminate it) before the object goes.
	MachinePoolMachineFinalizer = "ocimachinepoolmachine.infrastructure.cluster.x-k8s.io"
)

// Conditions of an OCIManagedMachinePool. Ready summarizes them.
const (
	// NodePoolReadyCondition is True when the node pool is ACTIVE at its size, with every node ACTIVE.
	NodePoolReadyCondition = "NodePoolReady"
)

// Conditions of an OCIMachinePool. Ready summarizes the first three.
const (
	// InstanceConfigurationReadyCondition is True when the instance configuration of the pool's current spec and
	// bootstrap data exists.
	InstanceConfigurationReadyCondition = "InstanceConfigurationReady"
	// InstancePoolReadyCondition is True when the instance pool is RUNNING at its size with every instance's Node
	// ready and up to date.
	InstancePoolReadyCondition = "InstancePoolReady"
	// InstancesUpToDateCondition is True when every instance was launched from the pool's current template; while
	// a rolling replacement runs it is False with reason RollingUpdateInProgress and a message counting progress.
	InstancesUpToDateCondition = "InstancesUpToDate"
	// RollingUpdateInProgressReason is the reason of InstancesUpToDate while instances are being replaced.
	RollingUpdateInProgressReason = "RollingUpdateInProgress"
	// UpToDateReason is the reason of InstancesUpToDate when every instance is up to date.
	UpToDateReason = "UpToDate"
)

// Conditions of an OCIVirtualMachinePool. Ready summarizes them.
const (
	// VirtualNodePoolReadyCondition is True when the virtual node pool is ACTIVE at its size, with every virtual
	// node ACTIVE.
	VirtualNodePoolReadyCondition = "VirtualNodePoolReady"
)
