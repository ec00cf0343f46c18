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

package webhooks

import (
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Checks of the compute instance settings shared by OCIMachine and the instance configuration of OCIMachinePool.

const (
	// minBootVolumeGBs and maxVolumeGBs are OCI's limits on boot and block volume sizes.
	minBootVolumeGBs = 50
	maxVolumeGBs     = 32768
	// providerIDPrefix starts the provider ID of every OCI instance.
	providerIDPrefix = "oci://"
)

var platformConfigTypes = []string{
	"AMD_MILAN_BM", "AMD_MILAN_BM_GPU", "AMD_ROME_BM", "AMD_ROME_BM_GPU", "AMD_VM",
	"INTEL_ICELAKE_BM", "INTEL_SKYLAKE_BM", "INTEL_VM", "GENERIC_BM",
}

// validateShapeConfig checks the flexible shape settings: OCPUs and memory are positive numbers.
func validateShapeConfig(path *field.Path, s *infrav1.ShapeConfig) field.ErrorList {
	if s == nil {
		return nil
	}
	errs := validateCount(path.Child("ocpus"), s.OCPUs, 512)
	errs = append(errs, validateCount(path.Child("memoryInGBs"), s.MemoryInGBs, 8192)...)
	errs = append(errs, validateEnum(path.Child("baselineOcpuUtilization"), s.BaselineOcpuUtilization,
		"BASELINE_1_8", "BASELINE_1_2", "BASELINE_1_1")...)
	return append(errs, validateRange(path.Child("nvmes"), s.Nvmes, 0, 128)...)
}

// validateNetworkDetails checks the primary VNIC: OCIDs, names, and that a subnet or NSGs are not given both by
// OCID and by name.
func validateNetworkDetails(path *field.Path, n *infrav1.NetworkDetails) field.ErrorList {
	if n == nil {
		return nil
	}
	errs := validateOCID(path.Child("subnetId"), n.SubnetID)
	errs = append(errs, validateOCID(path.Child("nsgId"), n.NSGID)...)
	errs = append(errs, validateOCIDs(path.Child("nsgIds"), n.NSGIDs)...)
	errs = append(errs, validateDisplayName(path.Child("displayName"), n.DisplayName)...)
	if n.SubnetID != "" && n.SubnetName != "" {
		errs = append(errs, field.Forbidden(path.Child("subnetName"), "subnetId and subnetName are mutually exclusive"))
	}
	if (n.NSGID != "" || len(n.NSGIDs) > 0) && len(n.NSGNames) > 0 {
		errs = append(errs, field.Forbidden(path.Child("nsgNames"), "nsgNames and nsgId/nsgIds are mutually exclusive"))
	}
	if n.HostnameLabel != "" {
		for _, msg := range validation.IsDNS1123Label(n.HostnameLabel) {
			errs = append(errs, field.Invalid(path.Child("hostnameLabel"), n.HostnameLabel, msg))
		}
	}
	return errs
}

// validateInstanceOptions checks the enums of the agent, availability and platform settings.
func validateInstanceOptions(path *field.Path, agent *infrav1.AgentConfig, avail *infrav1.AvailabilityConfig,
	platform *infrav1.PlatformConfig,
) field.ErrorList {
	var errs field.ErrorList
	if agent != nil {
		for i, p := range agent.PluginsConfigs {
			pp := path.Child("agentConfig", "pluginsConfigs").Index(i)
			errs = append(errs, validateEnum(pp.Child("desiredState"), p.DesiredState, "ENABLED", "DISABLED")...)
			if p.Name == "" {
				errs = append(errs, field.Required(pp.Child("name"), "the plugin name is required"))
			}
		}
	}
	if avail != nil {
		errs = append(errs, validateEnum(path.Child("availabilityConfig", "recoveryAction"), avail.RecoveryAction,
			"RESTORE_INSTANCE", "STOP_INSTANCE")...)
	}
	if platform != nil {
		errs = append(errs, validateEnum(path.Child("platformConfig", "platformConfigType"), platform.PlatformConfigType,
			platformConfigTypes...)...)
	}
	return errs
}

// validateProviderID checks that a set provider ID is oci:// followed by an instance OCID.
func validateProviderID(path *field.Path, id *string) field.ErrorList {
	if id == nil || *id == "" {
		return nil
	}
	rest, ok := strings.CutPrefix(*id, providerIDPrefix)
	if !ok || len(validateOCID(path, rest)) > 0 {
		return field.ErrorList{field.Invalid(path, *id, "must be oci:// followed by the OCID of the instance")}
	}
	return nil
}

// validateProviderIDList checks every provider ID of a pool.
func validateProviderIDList(path *field.Path, ids []string) field.ErrorList {
	var errs field.ErrorList
	for i := range ids {
		if ids[i] == "" {
			errs = append(errs, field.Required(path.Index(i), "an empty provider ID is not allowed"))
			continue
		}
		errs = append(errs, validateProviderID(path.Index(i), &ids[i])...)
	}
	return errs
}
