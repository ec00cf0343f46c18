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

package instance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// platformPath is the field path of the platform configuration, for errors.
const platformPath = "spec.platformConfig"

// platformBuilders build the SDK platform configuration of each spec.platformConfig.platformConfigType. A type
// whose settings the spec does not carry (AMD_MILAN_BM_GPU, GENERIC_BM) is launched with OCI's defaults for it.
var platformBuilders = map[string]func(*infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error){
	"AMD_MILAN_BM": amdMilanBm,
	"AMD_MILAN_BM_GPU": func(*infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
		return core.AmdMilanBmGpuLaunchInstancePlatformConfig{}, nil
	},
	"AMD_ROME_BM":     amdRomeBm,
	"AMD_ROME_BM_GPU": amdRomeBmGpu,
	"AMD_VM":          amdVM,
	"GENERIC_BM": func(*infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
		return core.GenericBmLaunchInstancePlatformConfig{}, nil
	},
	"INTEL_ICELAKE_BM": intelIcelakeBm,
	"INTEL_SKYLAKE_BM": intelSkylakeBm,
	"INTEL_VM":         intelVM,
}

// platformConfig is the platform configuration platformConfigType selects, nil when the spec has none or leaves
// the type unset (the v1beta2 provider sent none then). The selected variant's settings may be absent: the type
// alone is sent.
func platformConfig(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	if p == nil || p.PlatformConfigType == "" {
		return nil, nil
	}
	build, ok := platformBuilders[p.PlatformConfigType]
	if !ok {
		types := make([]string, 0, len(platformBuilders))
		for t := range platformBuilders {
			types = append(types, t)
		}
		slices.Sort(types)
		return nil, fmt.Errorf("%s.platformConfigType: %q is not one of %s", platformPath, p.PlatformConfigType,
			strings.Join(types, ", "))
	}
	return build(p)
}

// amdMilanBm is the AMD Milan bare metal platform configuration.
func amdMilanBm(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.AmdMilanBmPlatformConfig, infrav1.AmdMilanBmPlatformConfig{})
	numa, err := enumValue(platformPath+".amdMilanBmPlatformConfig.numaNodesPerSocket", c.NumaNodesPerSocket,
		core.GetMappingAmdMilanBmLaunchInstancePlatformConfigNumaNodesPerSocketEnum,
		core.GetAmdMilanBmLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues)
	if err != nil {
		return nil, err
	}
	return core.AmdMilanBmLaunchInstancePlatformConfig{
		IsSecureBootEnabled:                      c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled:           c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:                    c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:                c.IsMemoryEncryptionEnabled,
		IsSymmetricMultiThreadingEnabled:         c.IsSymmetricMultiThreadingEnabled,
		IsAccessControlServiceEnabled:            c.IsAccessControlServiceEnabled,
		AreVirtualInstructionsEnabled:            c.AreVirtualInstructionsEnabled,
		IsInputOutputMemoryManagementUnitEnabled: c.IsInputOutputMemoryManagementUnitEnabled,
		PercentageOfCoresEnabled:                 c.PercentageOfCoresEnabled,
		NumaNodesPerSocket:                       numa,
	}, nil
}

// amdRomeBm is the AMD Rome bare metal platform configuration.
func amdRomeBm(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.AmdRomeBmPlatformConfig, infrav1.AmdRomeBmPlatformConfig{})
	numa, err := enumValue(platformPath+".amdRomeBmPlatformConfig.numaNodesPerSocket", c.NumaNodesPerSocket,
		core.GetMappingAmdRomeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnum,
		core.GetAmdRomeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues)
	if err != nil {
		return nil, err
	}
	return core.AmdRomeBmLaunchInstancePlatformConfig{
		IsSecureBootEnabled:                      c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled:           c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:                    c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:                c.IsMemoryEncryptionEnabled,
		IsSymmetricMultiThreadingEnabled:         c.IsSymmetricMultiThreadingEnabled,
		IsAccessControlServiceEnabled:            c.IsAccessControlServiceEnabled,
		AreVirtualInstructionsEnabled:            c.AreVirtualInstructionsEnabled,
		IsInputOutputMemoryManagementUnitEnabled: c.IsInputOutputMemoryManagementUnitEnabled,
		PercentageOfCoresEnabled:                 c.PercentageOfCoresEnabled,
		NumaNodesPerSocket:                       numa,
	}, nil
}

// amdRomeBmGpu is the AMD Rome bare metal GPU platform configuration.
func amdRomeBmGpu(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.AmdRomeBmGpuPlatformConfig, infrav1.AmdRomeBmGpuPlatformConfig{})
	numa, err := enumValue(platformPath+".amdRomeBmGpuPlatformConfig.numaNodesPerSocket", c.NumaNodesPerSocket,
		core.GetMappingAmdRomeBmGpuLaunchInstancePlatformConfigNumaNodesPerSocketEnum,
		core.GetAmdRomeBmGpuLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues)
	if err != nil {
		return nil, err
	}
	return core.AmdRomeBmGpuLaunchInstancePlatformConfig{
		IsSecureBootEnabled:                      c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled:           c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:                    c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:                c.IsMemoryEncryptionEnabled,
		IsSymmetricMultiThreadingEnabled:         c.IsSymmetricMultiThreadingEnabled,
		IsAccessControlServiceEnabled:            c.IsAccessControlServiceEnabled,
		AreVirtualInstructionsEnabled:            c.AreVirtualInstructionsEnabled,
		IsInputOutputMemoryManagementUnitEnabled: c.IsInputOutputMemoryManagementUnitEnabled,
		NumaNodesPerSocket:                       numa,
	}, nil
}

// intelIcelakeBm is the Intel Ice Lake bare metal platform configuration.
func intelIcelakeBm(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.IntelIcelakeBmPlatformConfig, infrav1.IntelIcelakeBmPlatformConfig{})
	numa, err := enumValue(platformPath+".intelIcelakeBmPlatformConfig.numaNodesPerSocket", c.NumaNodesPerSocket,
		core.GetMappingIntelIcelakeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnum,
		core.GetIntelIcelakeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues)
	if err != nil {
		return nil, err
	}
	return core.IntelIcelakeBmLaunchInstancePlatformConfig{
		IsSecureBootEnabled:                      c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled:           c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:                    c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:                c.IsMemoryEncryptionEnabled,
		IsSymmetricMultiThreadingEnabled:         c.IsSymmetricMultiThreadingEnabled,
		IsInputOutputMemoryManagementUnitEnabled: c.IsInputOutputMemoryManagementUnitEnabled,
		PercentageOfCoresEnabled:                 c.PercentageOfCoresEnabled,
		NumaNodesPerSocket:                       numa,
	}, nil
}

// amdVM is the AMD virtual machine platform configuration.
func amdVM(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.AmdVMPlatformConfig, infrav1.AmdVMPlatformConfig{})
	return core.AmdVmLaunchInstancePlatformConfig{
		IsSecureBootEnabled:            c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled: c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:          c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:      c.IsMemoryEncryptionEnabled,
	}, nil
}

// intelSkylakeBm is the Intel Skylake bare metal platform configuration.
func intelSkylakeBm(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.IntelSkylakeBmPlatformConfig, infrav1.IntelSkylakeBmPlatformConfig{})
	return core.IntelSkylakeBmLaunchInstancePlatformConfig{
		IsSecureBootEnabled:            c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled: c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:          c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:      c.IsMemoryEncryptionEnabled,
	}, nil
}

// intelVM is the Intel virtual machine platform configuration.
func intelVM(p *infrav1.PlatformConfig) (core.LaunchInstancePlatformConfig, error) {
	c := ptr.Deref(p.IntelVMPlatformConfig, infrav1.IntelVMPlatformConfig{})
	return core.IntelVmLaunchInstancePlatformConfig{
		IsSecureBootEnabled:            c.IsSecureBootEnabled,
		IsTrustedPlatformModuleEnabled: c.IsTrustedPlatformModuleEnabled,
		IsMeasuredBootEnabled:          c.IsMeasuredBootEnabled,
		IsMemoryEncryptionEnabled:      c.IsMemoryEncryptionEnabled,
	}, nil
}
