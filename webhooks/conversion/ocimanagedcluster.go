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

// OCIManagedCluster converts OCIManagedClusters between v1beta1, v1beta2 and the v1beta3 hub.
var OCIManagedCluster = conversion.NewHubSpokeConverter(&infrav1.OCIManagedCluster{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIManagedCluster{}, convertOCIManagedClusterHubToV1Beta1, convertOCIManagedClusterV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIManagedCluster{}, convertOCIManagedClusterHubToV1Beta2, convertOCIManagedClusterV1Beta2ToHub),
)

// OCIManagedClusterTemplate converts OCIManagedClusterTemplates between v1beta1, v1beta2 and the v1beta3 hub.
var OCIManagedClusterTemplate = conversion.NewHubSpokeConverter(&infrav1.OCIManagedClusterTemplate{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIManagedClusterTemplate{}, convertOCIManagedClusterTemplateHubToV1Beta1, convertOCIManagedClusterTemplateV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIManagedClusterTemplate{}, convertOCIManagedClusterTemplateHubToV1Beta2, convertOCIManagedClusterTemplateV1Beta2ToHub),
)

func convertOCIManagedClusterV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIManagedCluster, dst *infrav1.OCIManagedCluster) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedCluster{}, infrav1beta1.Convert_v1beta1_OCIManagedCluster_To_v1beta3_OCIManagedCluster,
		func(dst, restored *infrav1.OCIManagedCluster) {
			dst.Spec.HostURL = restored.Spec.HostURL
			if dst.Spec.AvailabilityDomains == nil {
				// A v1beta1 write without status must not drop them.
				dst.Spec.AvailabilityDomains = restored.Spec.AvailabilityDomains
			}
			restoreV1Beta1Network(&dst.Spec.NetworkSpec, &restored.Spec.NetworkSpec)
			restoreOCIManagedClusterStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIManagedClusterHubToV1Beta1(_ context.Context, src *infrav1.OCIManagedCluster, dst *infrav1beta1.OCIManagedCluster) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIManagedCluster_To_v1beta1_OCIManagedCluster)
}

func convertOCIManagedClusterV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIManagedCluster, dst *infrav1.OCIManagedCluster) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedCluster{}, infrav1beta2.Convert_v1beta2_OCIManagedCluster_To_v1beta3_OCIManagedCluster,
		func(dst, restored *infrav1.OCIManagedCluster) {
			restoreV1Beta2Network(&dst.Spec.NetworkSpec, &restored.Spec.NetworkSpec)
			restoreOCIManagedClusterStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIManagedClusterHubToV1Beta2(_ context.Context, src *infrav1.OCIManagedCluster, dst *infrav1beta2.OCIManagedCluster) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIManagedCluster_To_v1beta2_OCIManagedCluster)
}

func restoreOCIManagedClusterStatus(dst, restored *infrav1.OCIManagedClusterStatus) {
	dst.Conditions = restored.Conditions
	dst.Resources = restored.Resources // hub only: what the controller remembers of each OCI resource
	restoreFalse(&dst.Initialization.Provisioned, restored.Initialization.Provisioned)
	restoreFailureDomains(&dst.FailureDomains, restored.FailureDomains)
	restoreDeprecated(&dst.Deprecated, restored.Deprecated,
		func(d *infrav1.OCIManagedClusterDeprecatedStatus) *infrav1.OCIManagedClusterV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

func convertOCIManagedClusterTemplateV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIManagedClusterTemplate, dst *infrav1.OCIManagedClusterTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedClusterTemplate{}, infrav1beta1.Convert_v1beta1_OCIManagedClusterTemplate_To_v1beta3_OCIManagedClusterTemplate,
		func(dst, restored *infrav1.OCIManagedClusterTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
			dst.Spec.Template.Spec.HostURL = restored.Spec.Template.Spec.HostURL
			dst.Spec.Template.Spec.AvailabilityDomains = restored.Spec.Template.Spec.AvailabilityDomains
			restoreV1Beta1Network(&dst.Spec.Template.Spec.NetworkSpec, &restored.Spec.Template.Spec.NetworkSpec)
		})
}

func convertOCIManagedClusterTemplateHubToV1Beta1(_ context.Context, src *infrav1.OCIManagedClusterTemplate, dst *infrav1beta1.OCIManagedClusterTemplate) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIManagedClusterTemplate_To_v1beta1_OCIManagedClusterTemplate)
}

func convertOCIManagedClusterTemplateV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIManagedClusterTemplate, dst *infrav1.OCIManagedClusterTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedClusterTemplate{}, infrav1beta2.Convert_v1beta2_OCIManagedClusterTemplate_To_v1beta3_OCIManagedClusterTemplate,
		func(dst, restored *infrav1.OCIManagedClusterTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
			restoreV1Beta2Network(&dst.Spec.Template.Spec.NetworkSpec, &restored.Spec.Template.Spec.NetworkSpec)
		})
}

func convertOCIManagedClusterTemplateHubToV1Beta2(_ context.Context, src *infrav1.OCIManagedClusterTemplate, dst *infrav1beta2.OCIManagedClusterTemplate) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIManagedClusterTemplate_To_v1beta2_OCIManagedClusterTemplate)
}
