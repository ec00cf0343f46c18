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

// Convert_v1beta2_OCIClusterStatus_To_v1beta3_OCIClusterStatus converts the v1beta1 contract status to the v1beta2
// contract one, keeping the old conditions under status.deprecated.v1beta1.
func Convert_v1beta2_OCIClusterStatus_To_v1beta3_OCIClusterStatus(in *OCIClusterStatus, out *infrav1.OCIClusterStatus, _ apimachineryconversion.Scope) error {
	out.Conditions = nil
	out.Initialization = infrav1.OCIClusterInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.FailureDomains = FailureDomainsToHub(in.FailureDomains)
	out.Deprecated = nil
	if in.Conditions != nil {
		out.Deprecated = &infrav1.OCIClusterDeprecatedStatus{
			V1Beta1: &infrav1.OCIClusterV1Beta1DeprecatedStatus{Conditions: in.Conditions},
		}
	}
	return nil
}

// Convert_v1beta3_OCIClusterStatus_To_v1beta2_OCIClusterStatus converts the v1beta2 contract status to the v1beta1
// contract one.
func Convert_v1beta3_OCIClusterStatus_To_v1beta2_OCIClusterStatus(in *infrav1.OCIClusterStatus, out *OCIClusterStatus, _ apimachineryconversion.Scope) error {
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.FailureDomains = FailureDomainsFromHub(in.FailureDomains)
	out.Conditions = nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
	}
	return nil
}

// Convert_v1beta3_OCIClusterTemplateResource_To_v1beta2_OCIClusterTemplateResource converts a template from the
// hub; the template metadata has no place in v1beta2.
func Convert_v1beta3_OCIClusterTemplateResource_To_v1beta2_OCIClusterTemplateResource(in *infrav1.OCIClusterTemplateResource, out *OCIClusterTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIClusterTemplateResource_To_v1beta2_OCIClusterTemplateResource(in, out, s)
}

// Convert_v1beta2_OCIManagedClusterStatus_To_v1beta3_OCIManagedClusterStatus converts the v1beta1 contract status
// to the v1beta2 contract one, keeping the old conditions under status.deprecated.v1beta1.
func Convert_v1beta2_OCIManagedClusterStatus_To_v1beta3_OCIManagedClusterStatus(in *OCIManagedClusterStatus, out *infrav1.OCIManagedClusterStatus, _ apimachineryconversion.Scope) error {
	out.Conditions = nil
	out.Initialization = infrav1.OCIManagedClusterInitializationStatus{Provisioned: provisionedToHub(in.Ready)}
	out.FailureDomains = FailureDomainsToHub(in.FailureDomains)
	out.Deprecated = nil
	if in.Conditions != nil {
		out.Deprecated = &infrav1.OCIManagedClusterDeprecatedStatus{
			V1Beta1: &infrav1.OCIManagedClusterV1Beta1DeprecatedStatus{Conditions: in.Conditions},
		}
	}
	return nil
}

// Convert_v1beta3_OCIManagedClusterStatus_To_v1beta2_OCIManagedClusterStatus converts the v1beta2 contract status
// to the v1beta1 contract one.
func Convert_v1beta3_OCIManagedClusterStatus_To_v1beta2_OCIManagedClusterStatus(in *infrav1.OCIManagedClusterStatus, out *OCIManagedClusterStatus, _ apimachineryconversion.Scope) error {
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.FailureDomains = FailureDomainsFromHub(in.FailureDomains)
	out.Conditions = nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
	}
	return nil
}

// Convert_v1beta3_OCIManagedClusterTemplateResource_To_v1beta2_OCIManagedClusterTemplateResource converts a
// template from the hub; the template metadata has no place in v1beta2.
func Convert_v1beta3_OCIManagedClusterTemplateResource_To_v1beta2_OCIManagedClusterTemplateResource(in *infrav1.OCIManagedClusterTemplateResource, out *OCIManagedClusterTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIManagedClusterTemplateResource_To_v1beta2_OCIManagedClusterTemplateResource(in, out, s)
}
