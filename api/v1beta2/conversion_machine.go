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

import (
	apimachineryconversion "k8s.io/apimachinery/pkg/conversion"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Convert_v1beta2_OCIMachineStatus_To_v1beta3_OCIMachineStatus converts the v1beta1 contract status to the v1beta2
// contract one, keeping the old conditions and failure fields under status.deprecated.v1beta1.
func Convert_v1beta2_OCIMachineStatus_To_v1beta3_OCIMachineStatus(in *OCIMachineStatus, out *infrav1.OCIMachineStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta2_OCIMachineStatus_To_v1beta3_OCIMachineStatus(in, out, s); err != nil {
		return err
	}
	out.Conditions = nil
	out.Initialization = infrav1.OCIMachineInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.Deprecated = nil
	if in.Conditions != nil || in.FailureReason != nil || in.FailureMessage != nil {
		out.Deprecated = &infrav1.OCIMachineDeprecatedStatus{V1Beta1: &infrav1.OCIMachineV1Beta1DeprecatedStatus{
			Conditions:     in.Conditions,
			FailureReason:  in.FailureReason,
			FailureMessage: in.FailureMessage,
		}}
	}
	return nil
}

// Convert_v1beta3_OCIMachineStatus_To_v1beta2_OCIMachineStatus converts the v1beta2 contract status to the v1beta1
// contract one.
func Convert_v1beta3_OCIMachineStatus_To_v1beta2_OCIMachineStatus(in *infrav1.OCIMachineStatus, out *OCIMachineStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCIMachineStatus_To_v1beta2_OCIMachineStatus(in, out, s); err != nil {
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

// Convert_v1beta3_OCIMachineSpec_To_v1beta2_OCIMachineSpec converts the spec from the hub; the network security
// group name, which only v1beta1 shows, has no place in v1beta2.
func Convert_v1beta3_OCIMachineSpec_To_v1beta2_OCIMachineSpec(in *infrav1.OCIMachineSpec, out *OCIMachineSpec, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIMachineSpec_To_v1beta2_OCIMachineSpec(in, out, s)
}

// Convert_v1beta3_OCIMachineTemplateResource_To_v1beta2_OCIMachineTemplateResource converts a template from the
// hub; the template metadata has no place in v1beta2.
func Convert_v1beta3_OCIMachineTemplateResource_To_v1beta2_OCIMachineTemplateResource(in *infrav1.OCIMachineTemplateResource, out *OCIMachineTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIMachineTemplateResource_To_v1beta2_OCIMachineTemplateResource(in, out, s)
}

// Convert_v1beta2_OCIManagedControlPlaneStatus_To_v1beta3_OCIManagedControlPlaneStatus converts the v1beta1
// contract status to the v1beta2 contract one: initialized becomes initialization.controlPlaneInitialized, and
// ready and the old conditions move under status.deprecated.v1beta1.
func Convert_v1beta2_OCIManagedControlPlaneStatus_To_v1beta3_OCIManagedControlPlaneStatus(in *OCIManagedControlPlaneStatus, out *infrav1.OCIManagedControlPlaneStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta2_OCIManagedControlPlaneStatus_To_v1beta3_OCIManagedControlPlaneStatus(in, out, s); err != nil {
		return err
	}
	out.Conditions = nil
	out.Initialization = infrav1.OCIManagedControlPlaneInitializationStatus{ControlPlaneInitialized: provisionedToHub(in.Initialized)}
	out.Deprecated = nil
	if in.Conditions != nil || in.Ready {
		out.Deprecated = &infrav1.OCIManagedControlPlaneDeprecatedStatus{
			V1Beta1: &infrav1.OCIManagedControlPlaneV1Beta1DeprecatedStatus{Conditions: in.Conditions, Ready: in.Ready},
		}
	}
	return nil
}

// Convert_v1beta3_OCIManagedControlPlaneStatus_To_v1beta2_OCIManagedControlPlaneStatus converts the v1beta2
// contract status to the v1beta1 contract one; versions, externalManagedControlPlane and the add-on status have no
// place in v1beta1.
func Convert_v1beta3_OCIManagedControlPlaneStatus_To_v1beta2_OCIManagedControlPlaneStatus(in *infrav1.OCIManagedControlPlaneStatus, out *OCIManagedControlPlaneStatus, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCIManagedControlPlaneStatus_To_v1beta2_OCIManagedControlPlaneStatus(in, out, s); err != nil {
		return err
	}
	out.Initialized = ptr.Deref(in.Initialization.ControlPlaneInitialized, false)
	out.Conditions, out.Ready = nil, false
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
		out.Ready = in.Deprecated.V1Beta1.Ready
	}
	return nil
}

// Convert_v1beta3_OCIManagedControlPlaneTemplateResource_To_v1beta2_OCIManagedControlPlaneTemplateResource converts
// a template from the hub; the template metadata has no place in v1beta2.
func Convert_v1beta3_OCIManagedControlPlaneTemplateResource_To_v1beta2_OCIManagedControlPlaneTemplateResource(in *infrav1.OCIManagedControlPlaneTemplateResource, out *OCIManagedControlPlaneTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIManagedControlPlaneTemplateResource_To_v1beta2_OCIManagedControlPlaneTemplateResource(in, out, s)
}
