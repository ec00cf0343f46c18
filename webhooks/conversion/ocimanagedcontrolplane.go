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

// OCIManagedControlPlane converts OCIManagedControlPlanes between v1beta1, v1beta2 and the v1beta3 hub.
var OCIManagedControlPlane = conversion.NewHubSpokeConverter(&infrav1.OCIManagedControlPlane{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIManagedControlPlane{}, convertOCIManagedControlPlaneHubToV1Beta1, convertOCIManagedControlPlaneV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIManagedControlPlane{}, convertOCIManagedControlPlaneHubToV1Beta2, convertOCIManagedControlPlaneV1Beta2ToHub),
)

// OCIManagedControlPlaneTemplate converts OCIManagedControlPlaneTemplates between v1beta1, v1beta2 and the v1beta3
// hub.
var OCIManagedControlPlaneTemplate = conversion.NewHubSpokeConverter(&infrav1.OCIManagedControlPlaneTemplate{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIManagedControlPlaneTemplate{}, convertOCIManagedControlPlaneTemplateHubToV1Beta1, convertOCIManagedControlPlaneTemplateV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIManagedControlPlaneTemplate{}, convertOCIManagedControlPlaneTemplateHubToV1Beta2, convertOCIManagedControlPlaneTemplateV1Beta2ToHub),
)

func convertOCIManagedControlPlaneV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIManagedControlPlane, dst *infrav1.OCIManagedControlPlane) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedControlPlane{}, infrav1beta1.Convert_v1beta1_OCIManagedControlPlane_To_v1beta3_OCIManagedControlPlane,
		func(dst, restored *infrav1.OCIManagedControlPlane) {
			restoreV1Beta1ControlPlaneSpec(&dst.Spec, &restored.Spec)
			dst.Status.AddonStatus = restored.Status.AddonStatus
			restoreOCIManagedControlPlaneStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIManagedControlPlaneHubToV1Beta1(_ context.Context, src *infrav1.OCIManagedControlPlane, dst *infrav1beta1.OCIManagedControlPlane) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIManagedControlPlane_To_v1beta1_OCIManagedControlPlane)
}

func convertOCIManagedControlPlaneV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIManagedControlPlane, dst *infrav1.OCIManagedControlPlane) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedControlPlane{}, infrav1beta2.Convert_v1beta2_OCIManagedControlPlane_To_v1beta3_OCIManagedControlPlane,
		func(dst, restored *infrav1.OCIManagedControlPlane) {
			restoreOCIManagedControlPlaneStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIManagedControlPlaneHubToV1Beta2(_ context.Context, src *infrav1.OCIManagedControlPlane, dst *infrav1beta2.OCIManagedControlPlane) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIManagedControlPlane_To_v1beta2_OCIManagedControlPlane)
}

// restoreV1Beta1ControlPlaneSpec restores what a v1beta1 control plane spec cannot express: add-ons, the cluster
// type and the OpenID Connect options.
func restoreV1Beta1ControlPlaneSpec(dst, restored *infrav1.OCIManagedControlPlaneSpec) {
	dst.Addons = restored.Addons
	dst.ClusterType = restored.ClusterType
	if old := restored.ClusterOptions; old != nil && (old.OpenIDConnectDiscovery != nil || old.OpenIDConnectTokenAuthenticationConfig != nil) {
		if dst.ClusterOptions == nil {
			dst.ClusterOptions = &infrav1.ClusterOptions{}
		}
		dst.ClusterOptions.OpenIDConnectDiscovery = old.OpenIDConnectDiscovery
		dst.ClusterOptions.OpenIDConnectTokenAuthenticationConfig = old.OpenIDConnectTokenAuthenticationConfig
	}
}

func restoreOCIManagedControlPlaneStatus(dst, restored *infrav1.OCIManagedControlPlaneStatus) {
	dst.Conditions = restored.Conditions
	dst.Resources = restored.Resources // hub only: what the controller remembers of each OCI resource
	dst.ExternalManagedControlPlane = restored.ExternalManagedControlPlane
	dst.Versions = restored.Versions
	restoreFalse(&dst.Initialization.ControlPlaneInitialized, restored.Initialization.ControlPlaneInitialized)
	restoreDeprecated(&dst.Deprecated, restored.Deprecated,
		func(d *infrav1.OCIManagedControlPlaneDeprecatedStatus) *infrav1.OCIManagedControlPlaneV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

func convertOCIManagedControlPlaneTemplateV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIManagedControlPlaneTemplate, dst *infrav1.OCIManagedControlPlaneTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedControlPlaneTemplate{}, infrav1beta1.Convert_v1beta1_OCIManagedControlPlaneTemplate_To_v1beta3_OCIManagedControlPlaneTemplate,
		func(dst, restored *infrav1.OCIManagedControlPlaneTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
			restoreV1Beta1ControlPlaneSpec(&dst.Spec.Template.Spec, &restored.Spec.Template.Spec)
		})
}

func convertOCIManagedControlPlaneTemplateHubToV1Beta1(_ context.Context, src *infrav1.OCIManagedControlPlaneTemplate, dst *infrav1beta1.OCIManagedControlPlaneTemplate) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIManagedControlPlaneTemplate_To_v1beta1_OCIManagedControlPlaneTemplate)
}

func convertOCIManagedControlPlaneTemplateV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIManagedControlPlaneTemplate, dst *infrav1.OCIManagedControlPlaneTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIManagedControlPlaneTemplate{}, infrav1beta2.Convert_v1beta2_OCIManagedControlPlaneTemplate_To_v1beta3_OCIManagedControlPlaneTemplate,
		func(dst, restored *infrav1.OCIManagedControlPlaneTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
		})
}

func convertOCIManagedControlPlaneTemplateHubToV1Beta2(_ context.Context, src *infrav1.OCIManagedControlPlaneTemplate, dst *infrav1beta2.OCIManagedControlPlaneTemplate) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIManagedControlPlaneTemplate_To_v1beta2_OCIManagedControlPlaneTemplate)
}
