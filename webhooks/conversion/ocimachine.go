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

// OCIMachine converts OCIMachines between v1beta1, v1beta2 and the v1beta3 hub.
var OCIMachine = conversion.NewHubSpokeConverter(&infrav1.OCIMachine{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIMachine{}, convertOCIMachineHubToV1Beta1, convertOCIMachineV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIMachine{}, convertOCIMachineHubToV1Beta2, convertOCIMachineV1Beta2ToHub),
)

// OCIMachineTemplate converts OCIMachineTemplates between v1beta1, v1beta2 and the v1beta3 hub.
var OCIMachineTemplate = conversion.NewHubSpokeConverter(&infrav1.OCIMachineTemplate{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIMachineTemplate{}, convertOCIMachineTemplateHubToV1Beta1, convertOCIMachineTemplateV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIMachineTemplate{}, convertOCIMachineTemplateHubToV1Beta2, convertOCIMachineTemplateV1Beta2ToHub),
)

func convertOCIMachineV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIMachine, dst *infrav1.OCIMachine) error {
	return spokeToHub(src, dst, &infrav1.OCIMachine{}, infrav1beta1.Convert_v1beta1_OCIMachine_To_v1beta3_OCIMachine,
		func(dst, restored *infrav1.OCIMachine) { restoreOCIMachineStatus(&dst.Status, &restored.Status) })
}

func convertOCIMachineHubToV1Beta1(_ context.Context, src *infrav1.OCIMachine, dst *infrav1beta1.OCIMachine) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIMachine_To_v1beta1_OCIMachine)
}

func convertOCIMachineV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIMachine, dst *infrav1.OCIMachine) error {
	return spokeToHub(src, dst, &infrav1.OCIMachine{}, infrav1beta2.Convert_v1beta2_OCIMachine_To_v1beta3_OCIMachine,
		func(dst, restored *infrav1.OCIMachine) {
			dst.Spec.NSGName = restored.Spec.NSGName
			restoreOCIMachineStatus(&dst.Status, &restored.Status)
		})
}

func convertOCIMachineHubToV1Beta2(_ context.Context, src *infrav1.OCIMachine, dst *infrav1beta2.OCIMachine) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIMachine_To_v1beta2_OCIMachine)
}

func restoreOCIMachineStatus(dst, restored *infrav1.OCIMachineStatus) {
	dst.Conditions = restored.Conditions
	dst.Resources = restored.Resources         // hub only: what the controller remembers of each OCI resource
	dst.FailureDomain = restored.FailureDomain // hub only
	restoreFalse(&dst.Initialization.Provisioned, restored.Initialization.Provisioned)
	restoreDeprecated(&dst.Deprecated, restored.Deprecated,
		func(d *infrav1.OCIMachineDeprecatedStatus) *infrav1.OCIMachineV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

func convertOCIMachineTemplateV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIMachineTemplate, dst *infrav1.OCIMachineTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIMachineTemplate{}, infrav1beta1.Convert_v1beta1_OCIMachineTemplate_To_v1beta3_OCIMachineTemplate,
		func(dst, restored *infrav1.OCIMachineTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
		})
}

func convertOCIMachineTemplateHubToV1Beta1(_ context.Context, src *infrav1.OCIMachineTemplate, dst *infrav1beta1.OCIMachineTemplate) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIMachineTemplate_To_v1beta1_OCIMachineTemplate)
}

func convertOCIMachineTemplateV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIMachineTemplate, dst *infrav1.OCIMachineTemplate) error {
	return spokeToHub(src, dst, &infrav1.OCIMachineTemplate{}, infrav1beta2.Convert_v1beta2_OCIMachineTemplate_To_v1beta3_OCIMachineTemplate,
		func(dst, restored *infrav1.OCIMachineTemplate) {
			dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
			dst.Spec.Template.Spec.NSGName = restored.Spec.Template.Spec.NSGName
		})
}

func convertOCIMachineTemplateHubToV1Beta2(_ context.Context, src *infrav1.OCIMachineTemplate, dst *infrav1beta2.OCIMachineTemplate) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIMachineTemplate_To_v1beta2_OCIMachineTemplate)
}
