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
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/webhook/conversion"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// Converter pairs a hub object with the constructor of the converter for its kind.
type Converter struct {
	// Hub is an empty object of the kind's hub (storage) version.
	Hub client.Object
	// New builds the kind's hub/spoke converter.
	New func(*runtime.Scheme) (conversion.Converter, error)
}

// Converters returns the converters of all 14 kinds the provider serves.
func Converters() []Converter {
	return []Converter{
		{Hub: &infrav1.OCICluster{}, New: OCICluster},
		{Hub: &infrav1.OCIClusterTemplate{}, New: OCIClusterTemplate},
		{Hub: &infrav1.OCIMachine{}, New: OCIMachine},
		{Hub: &infrav1.OCIMachineTemplate{}, New: OCIMachineTemplate},
		{Hub: &infrav1.OCIClusterIdentity{}, New: OCIClusterIdentity},
		{Hub: &infrav1.OCIManagedCluster{}, New: OCIManagedCluster},
		{Hub: &infrav1.OCIManagedClusterTemplate{}, New: OCIManagedClusterTemplate},
		{Hub: &infrav1.OCIManagedControlPlane{}, New: OCIManagedControlPlane},
		{Hub: &infrav1.OCIManagedControlPlaneTemplate{}, New: OCIManagedControlPlaneTemplate},
		{Hub: &infrav1exp.OCIMachinePool{}, New: OCIMachinePool},
		{Hub: &infrav1exp.OCIMachinePoolMachine{}, New: OCIMachinePoolMachine},
		{Hub: &infrav1exp.OCIManagedMachinePool{}, New: OCIManagedMachinePool},
		{Hub: &infrav1exp.OCIManagedMachinePoolTemplate{}, New: OCIManagedMachinePoolTemplate},
		{Hub: &infrav1exp.OCIVirtualMachinePool{}, New: OCIVirtualMachinePool},
	}
}
