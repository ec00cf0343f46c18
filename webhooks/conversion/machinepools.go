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

// OCIMachinePool converts OCIMachinePools between v1beta1, v1beta2 and the v1beta3 hub.
var OCIMachinePool = conversion.NewHubSpokeConverter(&infrav1exp.OCIMachinePool{},
	conversion.NewSpokeConverter(&infrav1beta1exp.OCIMachinePool{},
		func(_ context.Context, src *infrav1exp.OCIMachinePool, dst *infrav1beta1exp.OCIMachinePool) error {
			return hubToSpoke(src, dst, infrav1beta1exp.Convert_v1beta3_OCIMachinePool_To_v1beta1_OCIMachinePool)
		},
		func(_ context.Context, src *infrav1beta1exp.OCIMachinePool, dst *infrav1exp.OCIMachinePool) error {
			return spokeToHub(src, dst, &infrav1exp.OCIMachinePool{}, infrav1beta1exp.Convert_v1beta1_OCIMachinePool_To_v1beta3_OCIMachinePool, restoreOCIMachinePool)
		}),
	conversion.NewSpokeConverter(&infrav1beta2exp.OCIMachinePool{},
		func(_ context.Context, src *infrav1exp.OCIMachinePool, dst *infrav1beta2exp.OCIMachinePool) error {
			return hubToSpoke(src, dst, infrav1beta2exp.Convert_v1beta3_OCIMachinePool_To_v1beta2_OCIMachinePool)
		},
		func(_ context.Context, src *infrav1beta2exp.OCIMachinePool, dst *infrav1exp.OCIMachinePool) error {
			return spokeToHub(src, dst, &infrav1exp.OCIMachinePool{}, infrav1beta2exp.Convert_v1beta2_OCIMachinePool_To_v1beta3_OCIMachinePool, restoreOCIMachinePool)
		}),
)

func restoreOCIMachinePool(dst, restored *infrav1exp.OCIMachinePool) {
	dst.Spec.Strategy = restored.Spec.Strategy           // hub only: the rolling update's bounds
	dst.Spec.LoadBalancers = restored.Spec.LoadBalancers // hub only: backend sets the instances join
	dst.Status.Rollout = restored.Status.Rollout         // hub only: the configurations of the current template
	dst.Status.Conditions = restored.Status.Conditions
	dst.Status.Resources = restored.Status.Resources
	dst.Status.ReadyReplicas = restored.Status.ReadyReplicas
	dst.Status.Ready = restored.Status.Ready
	restoreFalse(&dst.Status.Initialization.Provisioned, restored.Status.Initialization.Provisioned)
	restoreDeprecated(&dst.Status.Deprecated, restored.Status.Deprecated,
		func(d *infrav1exp.OCIMachinePoolDeprecatedStatus) *infrav1exp.OCIMachinePoolV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

// OCIMachinePoolMachine converts OCIMachinePoolMachines between v1beta1, v1beta2 and the v1beta3 hub.
var OCIMachinePoolMachine = conversion.NewHubSpokeConverter(&infrav1exp.OCIMachinePoolMachine{},
	conversion.NewSpokeConverter(&infrav1beta1exp.OCIMachinePoolMachine{},
		func(_ context.Context, src *infrav1exp.OCIMachinePoolMachine, dst *infrav1beta1exp.OCIMachinePoolMachine) error {
			return hubToSpoke(src, dst, infrav1beta1exp.Convert_v1beta3_OCIMachinePoolMachine_To_v1beta1_OCIMachinePoolMachine)
		},
		func(_ context.Context, src *infrav1beta1exp.OCIMachinePoolMachine, dst *infrav1exp.OCIMachinePoolMachine) error {
			return spokeToHub(src, dst, &infrav1exp.OCIMachinePoolMachine{}, infrav1beta1exp.Convert_v1beta1_OCIMachinePoolMachine_To_v1beta3_OCIMachinePoolMachine, restoreOCIMachinePoolMachine)
		}),
	conversion.NewSpokeConverter(&infrav1beta2exp.OCIMachinePoolMachine{},
		func(_ context.Context, src *infrav1exp.OCIMachinePoolMachine, dst *infrav1beta2exp.OCIMachinePoolMachine) error {
			return hubToSpoke(src, dst, infrav1beta2exp.Convert_v1beta3_OCIMachinePoolMachine_To_v1beta2_OCIMachinePoolMachine)
		},
		func(_ context.Context, src *infrav1beta2exp.OCIMachinePoolMachine, dst *infrav1exp.OCIMachinePoolMachine) error {
			return spokeToHub(src, dst, &infrav1exp.OCIMachinePoolMachine{}, infrav1beta2exp.Convert_v1beta2_OCIMachinePoolMachine_To_v1beta3_OCIMachinePoolMachine, restoreOCIMachinePoolMachine)
		}),
)

func restoreOCIMachinePoolMachine(dst, restored *infrav1exp.OCIMachinePoolMachine) {
	dst.Status.Conditions = restored.Status.Conditions
	restoreFalse(&dst.Status.Initialization.Provisioned, restored.Status.Initialization.Provisioned)
	restoreDeprecated(&dst.Status.Deprecated, restored.Status.Deprecated,
		func(d *infrav1exp.OCIMachinePoolMachineDeprecatedStatus) *infrav1exp.OCIMachinePoolMachineV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}

// OCIVirtualMachinePool converts OCIVirtualMachinePools between v1beta1, v1beta2 and the v1beta3 hub.
var OCIVirtualMachinePool = conversion.NewHubSpokeConverter(&infrav1exp.OCIVirtualMachinePool{},
	conversion.NewSpokeConverter(&infrav1beta1exp.OCIVirtualMachinePool{},
		func(_ context.Context, src *infrav1exp.OCIVirtualMachinePool, dst *infrav1beta1exp.OCIVirtualMachinePool) error {
			return hubToSpoke(src, dst, infrav1beta1exp.Convert_v1beta3_OCIVirtualMachinePool_To_v1beta1_OCIVirtualMachinePool)
		},
		func(_ context.Context, src *infrav1beta1exp.OCIVirtualMachinePool, dst *infrav1exp.OCIVirtualMachinePool) error {
			return spokeToHub(src, dst, &infrav1exp.OCIVirtualMachinePool{}, infrav1beta1exp.Convert_v1beta1_OCIVirtualMachinePool_To_v1beta3_OCIVirtualMachinePool, restoreOCIVirtualMachinePool)
		}),
	conversion.NewSpokeConverter(&infrav1beta2exp.OCIVirtualMachinePool{},
		func(_ context.Context, src *infrav1exp.OCIVirtualMachinePool, dst *infrav1beta2exp.OCIVirtualMachinePool) error {
			return hubToSpoke(src, dst, infrav1beta2exp.Convert_v1beta3_OCIVirtualMachinePool_To_v1beta2_OCIVirtualMachinePool)
		},
		func(_ context.Context, src *infrav1beta2exp.OCIVirtualMachinePool, dst *infrav1exp.OCIVirtualMachinePool) error {
			return spokeToHub(src, dst, &infrav1exp.OCIVirtualMachinePool{}, infrav1beta2exp.Convert_v1beta2_OCIVirtualMachinePool_To_v1beta3_OCIVirtualMachinePool, restoreOCIVirtualMachinePool)
		}),
)

func restoreOCIVirtualMachinePool(dst, restored *infrav1exp.OCIVirtualMachinePool) {
	dst.Status.Conditions = restored.Status.Conditions
	dst.Status.Resources = restored.Status.Resources
	dst.Status.ReadyReplicas = restored.Status.ReadyReplicas
	dst.Status.Ready = restored.Status.Ready
	restoreFalse(&dst.Status.Initialization.Provisioned, restored.Status.Initialization.Provisioned)
	restoreDeprecated(&dst.Status.Deprecated, restored.Status.Deprecated,
		func(d *infrav1exp.OCIVirtualMachinePoolDeprecatedStatus) *infrav1exp.OCIVirtualMachinePoolV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}
