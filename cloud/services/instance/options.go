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

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// agentConfig is the Oracle Cloud Agent configuration, nil when the spec has none.
func agentConfig(a *infrav1.AgentConfig) (*core.LaunchInstanceAgentConfigDetails, error) {
	if a == nil {
		return nil, nil
	}
	c := &core.LaunchInstanceAgentConfigDetails{
		IsMonitoringDisabled:  a.IsMonitoringDisabled,
		IsManagementDisabled:  a.IsManagementDisabled,
		AreAllPluginsDisabled: a.AreAllPluginsDisabled,
	}
	if len(a.PluginsConfigs) == 0 {
		return c, nil
	}
	c.PluginsConfig = make([]core.InstanceAgentPluginConfigDetails, len(a.PluginsConfigs))
	for i, p := range a.PluginsConfigs {
		state, err := enumValue(fmt.Sprintf("spec.agentConfig.pluginsConfigs[%d].desiredState", i), p.DesiredState,
			core.GetMappingInstanceAgentPluginConfigDetailsDesiredStateEnum,
			core.GetInstanceAgentPluginConfigDetailsDesiredStateEnumStringValues)
		if err != nil {
			return nil, err
		}
		c.PluginsConfig[i] = core.InstanceAgentPluginConfigDetails{Name: optional(p.Name), DesiredState: state}
	}
	return c, nil
}

// launchOptions is how the instance is launched (volume and network emulation, firmware), nil when the spec has
// none.
func launchOptions(o *infrav1.LaunchOptions) (*core.LaunchOptions, error) {
	if o == nil {
		return nil, nil
	}
	c := &core.LaunchOptions{IsConsistentVolumeNamingEnabled: o.IsConsistentVolumeNamingEnabled}
	var err error
	c.BootVolumeType, err = enumValue("spec.launchOptions.bootVolumeType", o.BootVolumeType,
		core.GetMappingLaunchOptionsBootVolumeTypeEnum, core.GetLaunchOptionsBootVolumeTypeEnumStringValues)
	if err != nil {
		return nil, err
	}
	c.Firmware, err = enumValue("spec.launchOptions.firmware", o.Firmware,
		core.GetMappingLaunchOptionsFirmwareEnum, core.GetLaunchOptionsFirmwareEnumStringValues)
	if err != nil {
		return nil, err
	}
	c.NetworkType, err = enumValue("spec.launchOptions.networkType", o.NetworkType,
		core.GetMappingLaunchOptionsNetworkTypeEnum, core.GetLaunchOptionsNetworkTypeEnumStringValues)
	if err != nil {
		return nil, err
	}
	c.RemoteDataVolumeType, err = enumValue("spec.launchOptions.remoteDataVolumeType", o.RemoteDataVolumeType,
		core.GetMappingLaunchOptionsRemoteDataVolumeTypeEnum, core.GetLaunchOptionsRemoteDataVolumeTypeEnumStringValues)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// instanceOptions holds the instance options, nil when the spec has none.
func instanceOptions(o *infrav1.InstanceOptions) *core.InstanceOptions {
	if o == nil {
		return nil
	}
	return &core.InstanceOptions{AreLegacyImdsEndpointsDisabled: o.AreLegacyIMDSEndpointsDisabled}
}

// availabilityConfig is live migration and recovery after maintenance, nil when the spec has none.
func availabilityConfig(a *infrav1.AvailabilityConfig) (*core.LaunchInstanceAvailabilityConfigDetails, error) {
	if a == nil {
		return nil, nil
	}
	action, err := enumValue("spec.availabilityConfig.recoveryAction", a.RecoveryAction,
		core.GetMappingLaunchInstanceAvailabilityConfigDetailsRecoveryActionEnum,
		core.GetLaunchInstanceAvailabilityConfigDetailsRecoveryActionEnumStringValues)
	if err != nil {
		return nil, err
	}
	return &core.LaunchInstanceAvailabilityConfigDetails{
		IsLiveMigrationPreferred: a.IsLiveMigrationPreferred,
		RecoveryAction:           action,
	}, nil
}

// preemptibleConfig makes the instance preemptible, nil when the spec does not. Without terminatePreemptionAction
// the preemption action is left unset, as the v1beta2 provider left it.
func preemptibleConfig(p *infrav1.PreemptibleInstanceConfig) *core.PreemptibleInstanceConfigDetails {
	if p == nil {
		return nil
	}
	c := &core.PreemptibleInstanceConfigDetails{}
	if t := p.TerminatePreemptionAction; t != nil {
		c.PreemptionAction = core.TerminatePreemptionAction{PreserveBootVolume: t.PreserveBootVolume}
	}
	return c
}
