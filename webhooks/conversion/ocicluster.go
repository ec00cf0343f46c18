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

package conversion

import (
	"context"

	"sigs.k8s.io/controller-runtime/pkg/webhook/conversion"

	infrav1beta1 "github.com/oracle/cluster-api-provider-oci/api/v1beta1"
	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// OCICluster converts OCIClusters between v1beta1, v1beta2 and the v1beta3 hub.
var OCICluster = conversion.NewHubSpokeConverter(&infrav1.OCICluster{},
	conversion.NewSpokeConverter(&infrav1beta1.OCICluster{}, convertOCIClusterHubToV1Beta1, convertOCIClusterV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCICluster{}, convertOCIClusterHubToV1Beta2, convertOCIClusterV1Beta2ToHub),
)

// OCIClusterTemplate converts OCIClusterTemplates between v1beta1, v1beta2 and the v1beta3 hub.
var OCIClusterTemplate = conversion.NewHubSpokeConverter(&infrav1.OCIClusterTemplate{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIClusterTemplate{}, convertOCIClusterTemplateHubToV1Beta1, convertOCIClusterTemplateV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIClusterTemplate{}, convertOCIClusterTemplateHubToV1Beta2, convertOCIClusterTemplateV1Beta2ToHub),
)

func convertOCIClusterV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCICluster, dst *infrav1.OCICluster) error {
	return spokeToHub(src, dst, &infrav1.OCICluster{}, infrav1beta1.Convert_v1beta1_OCICluster_To_v1beta3_OCICluster,
		func(dst, restored *infrav1.OCICluster) {
			dst.Spec.ClientOverrides = restored.Spec.ClientOverrides
			if dst.Spec.AvailabilityDomains == nil {
				// A v1beta1 write without status must not drop them.
				dst.Spec.AvailabilityDomains = restored.Spec.AvailabilityDomains
			}
			restoreV1Beta1Network(&dst.Spec.NetworkSpec, &restored.Spec.NetworkSpec)
			restoreOCIClusterStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIClusterHubToV1Beta1(_ context.Context, src *infrav1.OCICluster, dst *infrav1beta1.OCICluster) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCICluster_To_v1beta1_OCICluster)
}

func convertOCIClusterV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCICluster, dst *infrav1.OCICluster) error {
	return spokeToHub(src, dst, &infrav1.OCICluster{}, infrav1beta2.Convert_v1beta2_OCICluster_To_v1beta3_OCICluster,
		func(dst, restored *infrav1.OCICluster) {
			restoreV1Beta2Network(&dst.Spec.NetworkSpec, &restored.Spec.NetworkSpec)
			restoreOCIClusterStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIClusterHubToV1Beta2(_ context.Context, src *infrav1.OCICluster, dst *infrav1beta2.OCICluster) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCICluster_To_v1beta2_OCICluster)
}

func restoreOCIClusterStatus(dst, restored *infrav1.OCIClusterStatus) {
	dst.Conditions = restored.Conditions
	dst.Resources = restored.Resources // hub only: what the controller remembers of each OCI resource
	restoreFalse(&dst.Initialization.Provisioned, restored.Initialization.Provisioned)
	restoreFailureDomains(&dst.FailureDomains, restored.FailureDomains)
	restoreDeprecated(&dst.Deprecated, restored.Deprecated,
		func(d *infrav1.OCIClusterDeprecatedStatus) *infrav1.OCIClusterV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

func convertOCIClusterTemplateV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIClusterTemplate, dst *infrav1.OCIClusterTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIClusterTemplate{}, infrav1beta1.Convert_v1beta1_OCIClusterTemplate_To_v1beta3_OCIClusterTemplate,
		func(dst, restored *infrav1.OCIClusterTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
			dst.Spec.Template.Spec.ClientOverrides = restored.Spec.Template.Spec.ClientOverrides
			dst.Spec.Template.Spec.AvailabilityDomains = restored.Spec.Template.Spec.AvailabilityDomains
			restoreV1Beta1Network(&dst.Spec.Template.Spec.NetworkSpec, &restored.Spec.Template.Spec.NetworkSpec)
		})
}

func convertOCIClusterTemplateHubToV1Beta1(_ context.Context, src *infrav1.OCIClusterTemplate, dst *infrav1beta1.OCIClusterTemplate) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIClusterTemplate_To_v1beta1_OCIClusterTemplate)
}

func convertOCIClusterTemplateV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIClusterTemplate, dst *infrav1.OCIClusterTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIClusterTemplate{}, infrav1beta2.Convert_v1beta2_OCIClusterTemplate_To_v1beta3_OCIClusterTemplate,
		func(dst, restored *infrav1.OCIClusterTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
			restoreV1Beta2Network(&dst.Spec.Template.Spec.NetworkSpec, &restored.Spec.Template.Spec.NetworkSpec)
		})
}

func convertOCIClusterTemplateHubToV1Beta2(_ context.Context, src *infrav1.OCIClusterTemplate, dst *infrav1beta2.OCIClusterTemplate) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIClusterTemplate_To_v1beta2_OCIClusterTemplate)
}
