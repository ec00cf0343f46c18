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

package v1beta2

// PlatformConfig configures the platform of an instance; platformConfigType selects the variant.
type PlatformConfig struct {
	// AmdMilanBmPlatformConfig configures AMD Milan bare metal platforms.
	// +optional
	AmdMilanBmPlatformConfig *AmdMilanBmPlatformConfig `json:"amdMilanBmPlatformConfig,omitempty"`

	// AmdRomeBmGpuPlatformConfig configures AMD Rome bare metal GPU platforms.
	// +optional
	AmdRomeBmGpuPlatformConfig *AmdRomeBmGpuPlatformConfig `json:"amdRomeBmGpuPlatformConfig,omitempty"`

	// AmdRomeBmPlatformConfig configures AMD Rome bare metal platforms.
	// +optional
	AmdRomeBmPlatformConfig *AmdRomeBmPlatformConfig `json:"amdRomeBmPlatformConfig,omitempty"`

	// AmdVMPlatformConfig configures AMD virtual machine platforms.
	// +optional
	AmdVMPlatformConfig *AmdVMPlatformConfig `json:"amdVmPlatformConfig,omitempty"`

	// IntelIcelakeBmPlatformConfig configures Intel Ice Lake bare metal platforms.
	// +optional
	IntelIcelakeBmPlatformConfig *IntelIcelakeBmPlatformConfig `json:"intelIcelakeBmPlatformConfig,omitempty"`

	// IntelSkylakeBmPlatformConfig configures Intel Skylake bare metal platforms.
	// +optional
	IntelSkylakeBmPlatformConfig *IntelSkylakeBmPlatformConfig `json:"intelSkylakeBmPlatformConfig,omitempty"`

	// IntelVMPlatformConfig configures Intel virtual machine platforms.
	// +optional
	IntelVMPlatformConfig *IntelVMPlatformConfig `json:"intelVmPlatformConfig,omitempty"`

	// PlatformConfigType selects which of the platform configurations applies.
	// +optional
	PlatformConfigType string `json:"platformConfigType,omitempty"`
}

// AmdMilanBmPlatformConfig configures an AMD Milan bare metal platform.
type AmdMilanBmPlatformConfig struct {
	// AreVirtualInstructionsEnabled enables virtualization instructions.
	// +optional
	AreVirtualInstructionsEnabled *bool `json:"areVirtualInstructionsEnabled,omitempty"`

	// IsAccessControlServiceEnabled enables the PCIe access control service.
	// +optional
	IsAccessControlServiceEnabled *bool `json:"isAccessControlServiceEnabled,omitempty"`

	// IsInputOutputMemoryManagementUnitEnabled enables the input-output memory management unit.
	// +optional
	IsInputOutputMemoryManagementUnitEnabled *bool `json:"isInputOutputMemoryManagementUnitEnabled,omitempty"`

	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsSymmetricMultiThreadingEnabled enables simultaneous multithreading.
	// +optional
	IsSymmetricMultiThreadingEnabled *bool `json:"isSymmetricMultiThreadingEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`

	// NumaNodesPerSocket is the number of NUMA nodes per socket.
	// +optional
	NumaNodesPerSocket string `json:"numaNodesPerSocket,omitempty"`

	// PercentageOfCoresEnabled is the percentage of cores enabled.
	// +optional
	PercentageOfCoresEnabled *int `json:"percentageOfCoresEnabled,omitempty"`
}

// AmdRomeBmGpuPlatformConfig configures an AMD Rome bare metal GPU platform.
type AmdRomeBmGpuPlatformConfig struct {
	// AreVirtualInstructionsEnabled enables virtualization instructions.
	// +optional
	AreVirtualInstructionsEnabled *bool `json:"areVirtualInstructionsEnabled,omitempty"`

	// IsAccessControlServiceEnabled enables the PCIe access control service.
	// +optional
	IsAccessControlServiceEnabled *bool `json:"isAccessControlServiceEnabled,omitempty"`

	// IsInputOutputMemoryManagementUnitEnabled enables the input-output memory management unit.
	// +optional
	IsInputOutputMemoryManagementUnitEnabled *bool `json:"isInputOutputMemoryManagementUnitEnabled,omitempty"`

	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsSymmetricMultiThreadingEnabled enables simultaneous multithreading.
	// +optional
	IsSymmetricMultiThreadingEnabled *bool `json:"isSymmetricMultiThreadingEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`

	// NumaNodesPerSocket is the number of NUMA nodes per socket.
	// +optional
	NumaNodesPerSocket string `json:"numaNodesPerSocket,omitempty"`
}

// AmdRomeBmPlatformConfig configures an AMD Rome bare metal platform.
type AmdRomeBmPlatformConfig struct {
	// AreVirtualInstructionsEnabled enables virtualization instructions.
	// +optional
	AreVirtualInstructionsEnabled *bool `json:"areVirtualInstructionsEnabled,omitempty"`

	// IsAccessControlServiceEnabled enables the PCIe access control service.
	// +optional
	IsAccessControlServiceEnabled *bool `json:"isAccessControlServiceEnabled,omitempty"`

	// IsInputOutputMemoryManagementUnitEnabled enables the input-output memory management unit.
	// +optional
	IsInputOutputMemoryManagementUnitEnabled *bool `json:"isInputOutputMemoryManagementUnitEnabled,omitempty"`

	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsSymmetricMultiThreadingEnabled enables simultaneous multithreading.
	// +optional
	IsSymmetricMultiThreadingEnabled *bool `json:"isSymmetricMultiThreadingEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`

	// NumaNodesPerSocket is the number of NUMA nodes per socket.
	// +optional
	NumaNodesPerSocket string `json:"numaNodesPerSocket,omitempty"`

	// PercentageOfCoresEnabled is the percentage of cores enabled.
	// +optional
	PercentageOfCoresEnabled *int `json:"percentageOfCoresEnabled,omitempty"`
}

// AmdVMPlatformConfig configures an AMD virtual machine platform.
type AmdVMPlatformConfig struct {
	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`
}

// IntelIcelakeBmPlatformConfig configures an Intel Ice Lake bare metal platform.
type IntelIcelakeBmPlatformConfig struct {
	// IsInputOutputMemoryManagementUnitEnabled enables the input-output memory management unit.
	// +optional
	IsInputOutputMemoryManagementUnitEnabled *bool `json:"isInputOutputMemoryManagementUnitEnabled,omitempty"`

	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsSymmetricMultiThreadingEnabled enables simultaneous multithreading.
	// +optional
	IsSymmetricMultiThreadingEnabled *bool `json:"isSymmetricMultiThreadingEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`

	// NumaNodesPerSocket is the number of NUMA nodes per socket.
	// +optional
	NumaNodesPerSocket string `json:"numaNodesPerSocket,omitempty"`

	// PercentageOfCoresEnabled is the percentage of cores enabled.
	// +optional
	PercentageOfCoresEnabled *int `json:"percentageOfCoresEnabled,omitempty"`
}

// IntelSkylakeBmPlatformConfig configures an Intel Skylake bare metal platform.
type IntelSkylakeBmPlatformConfig struct {
	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`
}

// IntelVMPlatformConfig configures an Intel virtual machine platform.
type IntelVMPlatformConfig struct {
	// IsMeasuredBootEnabled enables measured boot.
	// +optional
	IsMeasuredBootEnabled *bool `json:"isMeasuredBootEnabled,omitempty"`

	// IsMemoryEncryptionEnabled enables memory encryption.
	// +optional
	IsMemoryEncryptionEnabled *bool `json:"isMemoryEncryptionEnabled,omitempty"`

	// IsSecureBootEnabled enables secure boot.
	// +optional
	IsSecureBootEnabled *bool `json:"isSecureBootEnabled,omitempty"`

	// IsTrustedPlatformModuleEnabled enables the trusted platform module.
	// +optional
	IsTrustedPlatformModuleEnabled *bool `json:"isTrustedPlatformModuleEnabled,omitempty"`
}
