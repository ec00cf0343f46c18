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

	infrav1beta1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta1"
	infrav1beta2exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta2"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// OCIManagedMachinePool converts OCIManagedMachinePools between v1beta1, v1beta2 and the v1beta3 hub.
var OCIManagedMachinePool = conversion.NewHubSpokeConverter(&infrav1exp.OCIManagedMachinePool{},
	conversion.NewSpokeConverter(&infrav1beta1exp.OCIManagedMachinePool{},
		func(_ context.Context, src *infrav1exp.OCIManagedMachinePool, dst *infrav1beta1exp.OCIManagedMachinePool) error {
			return hubToSpoke(src, dst, infrav1beta1exp.Convert_v1beta3_OCIManagedMachinePool_To_v1beta1_OCIManagedMachinePool)
		},
		func(_ context.Context, src *infrav1beta1exp.OCIManagedMachinePool, dst *infrav1exp.OCIManagedMachinePool) error {
			return spokeToHub(src, dst, &infrav1exp.OCIManagedMachinePool{}, infrav1beta1exp.Convert_v1beta1_OCIManagedMachinePool_To_v1beta3_OCIManagedMachinePool,
				func(dst, restored *infrav1exp.OCIManagedMachinePool) {
					dst.Spec.NodePoolCyclingDetails = restored.Spec.NodePoolCyclingDetails
					restoreOCIManagedMachinePoolStatus(&dst.Status, &restored.Status)
				})
		}),
	conversion.NewSpokeConverter(&infrav1beta2exp.OCIManagedMachinePool{},
		func(_ context.Context, src *infrav1exp.OCIManagedMachinePool, dst *infrav1beta2exp.OCIManagedMachinePool) error {
			return hubToSpoke(src, dst, infrav1beta2exp.Convert_v1beta3_OCIManagedMachinePool_To_v1beta2_OCIManagedMachinePool)
		},
		func(_ context.Context, src *infrav1beta2exp.OCIManagedMachinePool, dst *infrav1exp.OCIManagedMachinePool) error {
			return spokeToHub(src, dst, &infrav1exp.OCIManagedMachinePool{}, infrav1beta2exp.Convert_v1beta2_OCIManagedMachinePool_To_v1beta3_OCIManagedMachinePool,
				func(dst, restored *infrav1exp.OCIManagedMachinePool) {
					restoreOCIManagedMachinePoolStatus(&dst.Status, &restored.Status)
				})
		}),
)

func restoreOCIManagedMachinePoolStatus(dst, restored *infrav1exp.OCIManagedMachinePoolStatus) {
	dst.Conditions = restored.Conditions
	dst.Resources = restored.Resources // hub only: what the controller remembers of each OCI resource
	dst.ReadyReplicas = restored.ReadyReplicas
	dst.Ready = restored.Ready
	restoreFalse(&dst.Initialization.Provisioned, restored.Initialization.Provisioned)
	restoreDeprecated(&dst.Deprecated, restored.Deprecated,
		func(d *infrav1exp.OCIManagedMachinePoolDeprecatedStatus) *infrav1exp.OCIManagedMachinePoolV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

// OCIManagedMachinePoolTemplate converts OCIManagedMachinePoolTemplates between v1beta1, v1beta2 and the v1beta3
// hub.
var OCIManagedMachinePoolTemplate = conversion.NewHubSpokeConverter(&infrav1exp.OCIManagedMachinePoolTemplate{},
	conversion.NewSpokeConverter(&infrav1beta1exp.OCIManagedMachinePoolTemplate{},
		func(_ context.Context, src *infrav1exp.OCIManagedMachinePoolTemplate, dst *infrav1beta1exp.OCIManagedMachinePoolTemplate) error {
			return hubToSpoke(src, dst, infrav1beta1exp.Convert_v1beta3_OCIManagedMachinePoolTemplate_To_v1beta1_OCIManagedMachinePoolTemplate)
		},
		func(_ context.Context, src *infrav1beta1exp.OCIManagedMachinePoolTemplate, dst *infrav1exp.OCIManagedMachinePoolTemplate) error {
			return spokeToHub(src, dst, &infrav1exp.OCIManagedMachinePoolTemplate{}, infrav1beta1exp.Convert_v1beta1_OCIManagedMachinePoolTemplate_To_v1beta3_OCIManagedMachinePoolTemplate,
				func(dst, restored *infrav1exp.OCIManagedMachinePoolTemplate) {
					dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
					dst.Spec.Template.Spec.NodePoolCyclingDetails = restored.Spec.Template.Spec.NodePoolCyclingDetails
				})
		}),
	conversion.NewSpokeConverter(&infrav1beta2exp.OCIManagedMachinePoolTemplate{},
		func(_ context.Context, src *infrav1exp.OCIManagedMachinePoolTemplate, dst *infrav1beta2exp.OCIManagedMachinePoolTemplate) error {
			return hubToSpoke(src, dst, infrav1beta2exp.Convert_v1beta3_OCIManagedMachinePoolTemplate_To_v1beta2_OCIManagedMachinePoolTemplate)
		},
		func(_ context.Context, src *infrav1beta2exp.OCIManagedMachinePoolTemplate, dst *infrav1exp.OCIManagedMachinePoolTemplate) error {
			return spokeToHub(src, dst, &infrav1exp.OCIManagedMachinePoolTemplate{}, infrav1beta2exp.Convert_v1beta2_OCIManagedMachinePoolTemplate_To_v1beta3_OCIManagedMachinePoolTemplate,
				func(dst, restored *infrav1exp.OCIManagedMachinePoolTemplate) {
					dst.Spec.Template.ObjectMeta = restored.Spec.Template.ObjectMeta
				})
		}),
)
