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

//nolint:staticcheck // Converting reads and writes the deprecated v1beta1 contract fields: keeping them is the point.
package v1beta2

// This file holds the conversion functions conversion-gen cannot write: status fields whose shape differs between
// the v1beta1 and v1beta2 Cluster API contracts, and fields only the hub (exp/api/v1beta3) has. What only the hub
// can express is kept in an annotation by the converters in webhooks/conversion.

import (
	apimachineryconversion "k8s.io/apimachinery/pkg/conversion"
	"k8s.io/utils/ptr"

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

func provisionedToHub(ready bool) *bool {
	if ready {
		return new(true)
	}
	return nil
}

// Convert_v1beta2_OCIMachinePoolStatus_To_v1beta3_OCIMachinePoolStatus converts the v1beta1 contract status to the
// v1beta2 contract one, keeping the old conditions and failure fields under status.deprecated.v1beta1.
func Convert_v1beta2_OCIMachinePoolStatus_To_v1beta3_OCIMachinePoolStatus(in *OCIMachinePoolStatus, out *infrav1exp.OCIMachinePoolStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta2_OCIMachinePoolStatus_To_v1beta3_OCIMachinePoolStatus(in, out, s); err != nil {
		return err
	}
	out.Conditions = nil
	out.Initialization = infrav1exp.OCIMachinePoolInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.Deprecated = nil
	if in.Conditions != nil || in.FailureReason != nil || in.FailureMessage != nil {
		out.Deprecated = &infrav1exp.OCIMachinePoolDeprecatedStatus{V1Beta1: &infrav1exp.OCIMachinePoolV1Beta1DeprecatedStatus{
			Conditions:     in.Conditions,
			FailureReason:  in.FailureReason,
			FailureMessage: in.FailureMessage,
		}}
	}
	return nil
}

// Convert_v1beta3_OCIMachinePoolStatus_To_v1beta2_OCIMachinePoolStatus converts the v1beta2 contract status to the
// v1beta1 contract one.
func Convert_v1beta3_OCIMachinePoolStatus_To_v1beta2_OCIMachinePoolStatus(in *infrav1exp.OCIMachinePoolStatus, out *OCIMachinePoolStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCIMachinePoolStatus_To_v1beta2_OCIMachinePoolStatus(in, out, s); err != nil {
		return err
	}
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.Conditions, out.FailureReason, out.FailureMessage = nil, nil, nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
		out.FailureReason = in.Deprecated.V1Beta1.FailureReason
		out.FailureMessage = in.Deprecated.V1Beta1.FailureMessage
	}
	return nil
}

// Convert_v1beta2_OCIMachinePoolMachineStatus_To_v1beta3_OCIMachinePoolMachineStatus converts the v1beta1 contract
// status to the v1beta2 contract one, keeping the old conditions under status.deprecated.v1beta1.
func Convert_v1beta2_OCIMachinePoolMachineStatus_To_v1beta3_OCIMachinePoolMachineStatus(in *OCIMachinePoolMachineStatus, out *infrav1exp.OCIMachinePoolMachineStatus, _ apimachineryconversion.Scope) error {
	out.Conditions = nil
	out.Initialization = infrav1exp.OCIMachinePoolMachineInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.Deprecated = nil
	if in.Conditions != nil {
		out.Deprecated = &infrav1exp.OCIMachinePoolMachineDeprecatedStatus{
			V1Beta1: &infrav1exp.OCIMachinePoolMachineV1Beta1DeprecatedStatus{Conditions: in.Conditions},
		}
	}
	return nil
}

// Convert_v1beta3_OCIMachinePoolMachineStatus_To_v1beta2_OCIMachinePoolMachineStatus converts the v1beta2 contract
// status to the v1beta1 contract one.
func Convert_v1beta3_OCIMachinePoolMachineStatus_To_v1beta2_OCIMachinePoolMachineStatus(in *infrav1exp.OCIMachinePoolMachineStatus, out *OCIMachinePoolMachineStatus, _ apimachineryconversion.Scope) error {
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.Conditions = nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
	}
	return nil
}

// Convert_v1beta2_OCIManagedMachinePoolStatus_To_v1beta3_OCIManagedMachinePoolStatus converts the v1beta1 contract
// status to the v1beta2 contract one, keeping the old conditions and failure fields under status.deprecated.v1beta1.
func Convert_v1beta2_OCIManagedMachinePoolStatus_To_v1beta3_OCIManagedMachinePoolStatus(in *OCIManagedMachinePoolStatus, out *infrav1exp.OCIManagedMachinePoolStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta2_OCIManagedMachinePoolStatus_To_v1beta3_OCIManagedMachinePoolStatus(in, out, s); err != nil {
		return err
	}
	out.Conditions = nil
	out.Initialization = infrav1exp.OCIManagedMachinePoolInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.Deprecated = nil
	if in.Conditions != nil || in.FailureReason != nil || in.FailureMessages != nil {
		out.Deprecated = &infrav1exp.OCIManagedMachinePoolDeprecatedStatus{V1Beta1: &infrav1exp.OCIManagedMachinePoolV1Beta1DeprecatedStatus{
			Conditions:      in.Conditions,
			FailureReason:   in.FailureReason,
			FailureMessages: in.FailureMessages,
		}}
	}
	return nil
}

// Convert_v1beta3_OCIManagedMachinePoolStatus_To_v1beta2_OCIManagedMachinePoolStatus converts the v1beta2 contract
// status to the v1beta1 contract one.
func Convert_v1beta3_OCIManagedMachinePoolStatus_To_v1beta2_OCIManagedMachinePoolStatus(in *infrav1exp.OCIManagedMachinePoolStatus, out *OCIManagedMachinePoolStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCIManagedMachinePoolStatus_To_v1beta2_OCIManagedMachinePoolStatus(in, out, s); err != nil {
		return err
	}
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.Conditions, out.FailureReason, out.FailureMessages = nil, nil, nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
		out.FailureReason = in.Deprecated.V1Beta1.FailureReason
		out.FailureMessages = in.Deprecated.V1Beta1.FailureMessages
	}
	return nil
}

// Convert_v1beta2_OCIVirtualMachinePoolStatus_To_v1beta3_OCIVirtualMachinePoolStatus converts the v1beta1 contract
// status to the v1beta2 contract one, keeping the old conditions and failure fields under status.deprecated.v1beta1.
func Convert_v1beta2_OCIVirtualMachinePoolStatus_To_v1beta3_OCIVirtualMachinePoolStatus(in *OCIVirtualMachinePoolStatus, out *infrav1exp.OCIVirtualMachinePoolStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta2_OCIVirtualMachinePoolStatus_To_v1beta3_OCIVirtualMachinePoolStatus(in, out, s); err != nil {
		return err
	}
	out.Conditions = nil
	out.Initialization = infrav1exp.OCIVirtualMachinePoolInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.Deprecated = nil
	if in.Conditions != nil || in.FailureReason != nil || in.FailureMessages != nil {
		out.Deprecated = &infrav1exp.OCIVirtualMachinePoolDeprecatedStatus{V1Beta1: &infrav1exp.OCIVirtualMachinePoolV1Beta1DeprecatedStatus{
			Conditions:      in.Conditions,
			FailureReason:   in.FailureReason,
			FailureMessages: in.FailureMessages,
		}}
	}
	return nil
}

// Convert_v1beta3_OCIVirtualMachinePoolStatus_To_v1beta2_OCIVirtualMachinePoolStatus converts the v1beta2 contract
// status to the v1beta1 contract one.
func Convert_v1beta3_OCIVirtualMachinePoolStatus_To_v1beta2_OCIVirtualMachinePoolStatus(in *infrav1exp.OCIVirtualMachinePoolStatus, out *OCIVirtualMachinePoolStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCIVirtualMachinePoolStatus_To_v1beta2_OCIVirtualMachinePoolStatus(in, out, s); err != nil {
		return err
	}
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.Conditions, out.FailureReason, out.FailureMessages = nil, nil, nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
		out.FailureReason = in.Deprecated.V1Beta1.FailureReason
		out.FailureMessages = in.Deprecated.V1Beta1.FailureMessages
	}
	return nil
}

// Convert_v1beta3_OCIManagedMachinePoolTemplateResource_To_v1beta2_OCIManagedMachinePoolTemplateResource converts
// a template from the hub; the template metadata has no place in v1beta2.
func Convert_v1beta3_OCIManagedMachinePoolTemplateResource_To_v1beta2_OCIManagedMachinePoolTemplateResource(in *infrav1exp.OCIManagedMachinePoolTemplateResource, out *OCIManagedMachinePoolTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIManagedMachinePoolTemplateResource_To_v1beta2_OCIManagedMachinePoolTemplateResource(in, out, s)
}

// Convert_v1beta3_OCIMachinePoolSpec_To_v1beta2_OCIMachinePoolSpec converts a pool's spec from the hub; the rolling
// update's bounds and the load balancers have no place in v1beta2 (the hub keeps them through conversion).
func Convert_v1beta3_OCIMachinePoolSpec_To_v1beta2_OCIMachinePoolSpec(in *infrav1exp.OCIMachinePoolSpec, out *OCIMachinePoolSpec, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIMachinePoolSpec_To_v1beta2_OCIMachinePoolSpec(in, out, s)
}
