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

// OCIClusterIdentity converts OCIClusterIdentities between v1beta1, v1beta2 and the v1beta3 hub.
var OCIClusterIdentity = conversion.NewHubSpokeConverter(&infrav1.OCIClusterIdentity{},
	conversion.NewSpokeConverter(&infrav1beta1.OCIClusterIdentity{}, convertOCIClusterIdentityHubToV1Beta1, convertOCIClusterIdentityV1Beta1ToHub),
	conversion.NewSpokeConverter(&infrav1beta2.OCIClusterIdentity{}, convertOCIClusterIdentityHubToV1Beta2, convertOCIClusterIdentityV1Beta2ToHub),
)

func convertOCIClusterIdentityV1Beta1ToHub(_ context.Context, src *infrav1beta1.OCIClusterIdentity, dst *infrav1.OCIClusterIdentity) error {
	return spokeToHub(src, dst, &infrav1.OCIClusterIdentity{}, infrav1beta1.Convert_v1beta1_OCIClusterIdentity_To_v1beta3_OCIClusterIdentity,
		restoreOCIClusterIdentity)
}

func convertOCIClusterIdentityHubToV1Beta1(_ context.Context, src *infrav1.OCIClusterIdentity, dst *infrav1beta1.OCIClusterIdentity) error {
	return hubToSpoke(src, dst, infrav1beta1.Convert_v1beta3_OCIClusterIdentity_To_v1beta1_OCIClusterIdentity)
}

func convertOCIClusterIdentityV1Beta2ToHub(_ context.Context, src *infrav1beta2.OCIClusterIdentity, dst *infrav1.OCIClusterIdentity) error {
	return spokeToHub(src, dst, &infrav1.OCIClusterIdentity{}, infrav1beta2.Convert_v1beta2_OCIClusterIdentity_To_v1beta3_OCIClusterIdentity,
		restoreOCIClusterIdentity)
}

func convertOCIClusterIdentityHubToV1Beta2(_ context.Context, src *infrav1.OCIClusterIdentity, dst *infrav1beta2.OCIClusterIdentity) error {
	return hubToSpoke(src, dst, infrav1beta2.Convert_v1beta3_OCIClusterIdentity_To_v1beta2_OCIClusterIdentity)
}

func restoreOCIClusterIdentity(dst, restored *infrav1.OCIClusterIdentity) {
	dst.Status.Conditions = restored.Status.Conditions
	restoreDeprecated(&dst.Status.Deprecated, restored.Status.Deprecated,
		func(d *infrav1.OCIClusterIdentityDeprecatedStatus) *infrav1.OCIClusterIdentityV1Beta1DeprecatedStatus {
			return d.V1Beta1
		})
}
