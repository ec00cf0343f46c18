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
package v1beta1

import (
	apimachineryconversion "k8s.io/apimachinery/pkg/conversion"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Convert_v1beta1_OCICluster_To_v1beta3_OCICluster converts an OCICluster to the hub; the availability domains
// v1beta1 reports in status are spec in the hub.
func Convert_v1beta1_OCICluster_To_v1beta3_OCICluster(in *OCICluster, out *infrav1.OCICluster, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta1_OCICluster_To_v1beta3_OCICluster(in, out, s); err != nil {
		return err
	}
	out.Spec.AvailabilityDomains = convertAvailabilityDomainsToHub(in.Status.AvailabilityDomains)
	return nil
}

// Convert_v1beta3_OCICluster_To_v1beta1_OCICluster converts an OCICluster from the hub.
func Convert_v1beta3_OCICluster_To_v1beta1_OCICluster(in *infrav1.OCICluster, out *OCICluster, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCICluster_To_v1beta1_OCICluster(in, out, s); err != nil {
		return err
	}
	out.Status.AvailabilityDomains = convertAvailabilityDomainsFromHub(in.Spec.AvailabilityDomains)
	return nil
}

// Convert_v1beta3_OCIClusterSpec_To_v1beta1_OCIClusterSpec converts the spec from the hub; availability domains
// go to status (see Convert_v1beta3_OCICluster_To_v1beta1_OCICluster) and client overrides have no place in v1beta1.
func Convert_v1beta3_OCIClusterSpec_To_v1beta1_OCIClusterSpec(in *infrav1.OCIClusterSpec, out *OCIClusterSpec, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIClusterSpec_To_v1beta1_OCIClusterSpec(in, out, s)
}

// Convert_v1beta1_OCIClusterStatus_To_v1beta3_OCIClusterStatus converts the v1beta1 contract status to the v1beta2
// contract one, keeping the old conditions under status.deprecated.v1beta1.
func Convert_v1beta1_OCIClusterStatus_To_v1beta3_OCIClusterStatus(in *OCIClusterStatus, out *infrav1.OCIClusterStatus, _ apimachineryconversion.Scope) error {
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

// Convert_v1beta3_OCIClusterStatus_To_v1beta1_OCIClusterStatus converts the v1beta2 contract status to the v1beta1
// contract one.
func Convert_v1beta3_OCIClusterStatus_To_v1beta1_OCIClusterStatus(in *infrav1.OCIClusterStatus, out *OCIClusterStatus, _ apimachineryconversion.Scope) error {
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.FailureDomains = FailureDomainsFromHub(in.FailureDomains)
	out.Conditions = nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
	}
	return nil
}

// Convert_v1beta3_OCIClusterTemplateResource_To_v1beta1_OCIClusterTemplateResource converts a template from the
// hub; the template metadata has no place in v1beta1.
func Convert_v1beta3_OCIClusterTemplateResource_To_v1beta1_OCIClusterTemplateResource(in *infrav1.OCIClusterTemplateResource, out *OCIClusterTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIClusterTemplateResource_To_v1beta1_OCIClusterTemplateResource(in, out, s)
}

// Convert_v1beta1_OCIManagedCluster_To_v1beta3_OCIManagedCluster converts an OCIManagedCluster to the hub; the
// availability domains v1beta1 reports in status are spec in the hub.
func Convert_v1beta1_OCIManagedCluster_To_v1beta3_OCIManagedCluster(in *OCIManagedCluster, out *infrav1.OCIManagedCluster, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta1_OCIManagedCluster_To_v1beta3_OCIManagedCluster(in, out, s); err != nil {
		return err
	}
	out.Spec.AvailabilityDomains = convertAvailabilityDomainsToHub(in.Status.AvailabilityDomains)
	return nil
}

// Convert_v1beta3_OCIManagedCluster_To_v1beta1_OCIManagedCluster converts an OCIManagedCluster from the hub.
func Convert_v1beta3_OCIManagedCluster_To_v1beta1_OCIManagedCluster(in *infrav1.OCIManagedCluster, out *OCIManagedCluster, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_OCIManagedCluster_To_v1beta1_OCIManagedCluster(in, out, s); err != nil {
		return err
	}
	out.Status.AvailabilityDomains = convertAvailabilityDomainsFromHub(in.Spec.AvailabilityDomains)
	return nil
}

// Convert_v1beta3_OCIManagedClusterSpec_To_v1beta1_OCIManagedClusterSpec converts the spec from the hub;
// availability domains go to status and client overrides (hostUrl) have no place in v1beta1.
func Convert_v1beta3_OCIManagedClusterSpec_To_v1beta1_OCIManagedClusterSpec(in *infrav1.OCIManagedClusterSpec, out *OCIManagedClusterSpec, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIManagedClusterSpec_To_v1beta1_OCIManagedClusterSpec(in, out, s)
}

// Convert_v1beta1_OCIManagedClusterStatus_To_v1beta3_OCIManagedClusterStatus converts the v1beta1 contract status
// to the v1beta2 contract one, keeping the old conditions under status.deprecated.v1beta1.
func Convert_v1beta1_OCIManagedClusterStatus_To_v1beta3_OCIManagedClusterStatus(in *OCIManagedClusterStatus, out *infrav1.OCIManagedClusterStatus, _ apimachineryconversion.Scope) error {
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

// Convert_v1beta3_OCIManagedClusterStatus_To_v1beta1_OCIManagedClusterStatus converts the v1beta2 contract status
// to the v1beta1 contract one.
func Convert_v1beta3_OCIManagedClusterStatus_To_v1beta1_OCIManagedClusterStatus(in *infrav1.OCIManagedClusterStatus, out *OCIManagedClusterStatus, _ apimachineryconversion.Scope) error {
	out.Ready = ptr.Deref(in.Initialization.Provisioned, false)
	out.FailureDomains = FailureDomainsFromHub(in.FailureDomains)
	out.Conditions = nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
	}
	return nil
}

// Convert_v1beta3_OCIManagedClusterTemplateResource_To_v1beta1_OCIManagedClusterTemplateResource converts a
// template from the hub; the template metadata has no place in v1beta1.
func Convert_v1beta3_OCIManagedClusterTemplateResource_To_v1beta1_OCIManagedClusterTemplateResource(in *infrav1.OCIManagedClusterTemplateResource, out *OCIManagedClusterTemplateResource, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_OCIManagedClusterTemplateResource_To_v1beta1_OCIManagedClusterTemplateResource(in, out, s)
}

func convertAvailabilityDomainsToHub(in map[string]OCIAvailabilityDomain) map[string]infrav1.OCIAvailabilityDomain {
	if in == nil {
		return nil
	}
	out := make(map[string]infrav1.OCIAvailabilityDomain, len(in))
	for name, ad := range in {
		out[name] = infrav1.OCIAvailabilityDomain{Name: ad.Name, FaultDomains: ad.FaultDomains}
	}
	return out
}

func convertAvailabilityDomainsFromHub(in map[string]infrav1.OCIAvailabilityDomain) map[string]OCIAvailabilityDomain {
	if in == nil {
		return nil
	}
	out := make(map[string]OCIAvailabilityDomain, len(in))
	for name, ad := range in {
		out[name] = OCIAvailabilityDomain{Name: ad.Name, FaultDomains: ad.FaultDomains}
	}
	return out
}
