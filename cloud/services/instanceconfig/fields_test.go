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

package instanceconfig

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest/specfields"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// notConfigured are the fields of spec.instanceConfiguration (and every field under them) that are not in the
// configuration's launch details, by JSON path, with the reason.
var notConfigured = map[string]string{
	"instanceConfigurationId":              "where the service records the configuration in use",
	"instanceVnicConfiguration.subnetId":   "resolved by the scope's VNIC",
	"instanceVnicConfiguration.subnetName": "resolved by the scope's VNIC",
	"instanceVnicConfiguration.nsgId":      "resolved by the scope's VNIC",
	"instanceVnicConfiguration.nsgIds":     "resolved by the scope's VNIC",
	"instanceVnicConfiguration.nsgNames":   "resolved by the scope's VNIC",
}

// leafValues are valid values of the leaves whose format or enum a made-up value would break.
var leafValues = map[string]string{
	"shapeConfig.ocpus":                                              "2",
	"shapeConfig.memoryInGBs":                                        "16",
	"shapeConfig.baselineOcpuUtilization":                            "BASELINE_1_2",
	"agentConfig.pluginsConfigs[].desiredState":                      "ENABLED",
	"availabilityConfig.recoveryAction":                              "RESTORE_INSTANCE",
	"launchOptions.bootVolumeType":                                   "PARAVIRTUALIZED",
	"launchOptions.firmware":                                         "UEFI_64",
	"launchOptions.networkType":                                      "VFIO",
	"launchOptions.remoteDataVolumeType":                             "PARAVIRTUALIZED",
	"platformConfig.platformConfigType":                              "AMD_VM",
	"platformConfig.amdMilanBmPlatformConfig.numaNodesPerSocket":     "NPS1",
	"platformConfig.amdRomeBmPlatformConfig.numaNodesPerSocket":      "NPS1",
	"platformConfig.amdRomeBmGpuPlatformConfig.numaNodesPerSocket":   "NPS1",
	"platformConfig.intelIcelakeBmPlatformConfig.numaNodesPerSocket": "NPS2",
}

// platformTypes are the platformConfigType each platform variant of the spec is sent with.
var platformTypes = map[string]string{
	"amdMilanBmPlatformConfig":     "AMD_MILAN_BM",
	"amdRomeBmGpuPlatformConfig":   "AMD_ROME_BM_GPU",
	"amdRomeBmPlatformConfig":      "AMD_ROME_BM",
	"amdVmPlatformConfig":          "AMD_VM",
	"intelIcelakeBmPlatformConfig": "INTEL_ICELAKE_BM",
	"intelSkylakeBmPlatformConfig": "INTEL_SKYLAKE_BM",
	"intelVmPlatformConfig":        "INTEL_VM",
}

// configJSON is the JSON of the configuration's launch details of c, as the service sends them.
func configJSON(t *testing.T, path string, c *infrav1exp.InstanceConfiguration) string {
	t.Helper()
	d, err := launchDetails(testLaunch(c))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(raw)
}

// TestEverySpecFieldReachesTheConfiguration sets each leaf field of spec.instanceConfiguration on a base spec
// (with the leaf's parents allocated and, under a platform variant, its type selected) and checks that the JSON of
// the configuration's launch details changes, unless notConfigured lists the field: a field that the conversion
// of instance.LaunchDetails's result loses, or that the API gains, fails it until it is mapped or listed.
func TestEverySpecFieldReachesTheConfiguration(t *testing.T) {
	all, _ := specfields.Fields(reflect.TypeFor[infrav1exp.InstanceConfiguration]())
	if len(all) < 60 {
		t.Fatalf("found %d leaves of InstanceConfiguration, want the walk to find them all", len(all))
	}
	paths := map[string]bool{}
	for _, l := range all {
		paths[l.Path] = true
	}
	for p := range leafValues {
		if !paths[p] {
			t.Errorf("leafValues has %s, which InstanceConfiguration no longer has", p)
		}
	}
	for _, l := range all {
		base := testConfig()
		for variant, typ := range platformTypes {
			if strings.HasPrefix(l.Path, "platformConfig."+variant+".") {
				specfields.Reach(reflect.ValueOf(base).Elem(), pathSteps(t, all, "platformConfig.platformConfigType"),
					func(v reflect.Value) { v.SetString(typ) })
			}
		}
		specfields.Reach(reflect.ValueOf(base).Elem(), l.Steps, func(reflect.Value) {})
		changed := base.DeepCopy()
		specfields.Reach(reflect.ValueOf(changed).Elem(), l.Steps, func(v reflect.Value) { specfields.SetValue(t, l.Path, v, leafValues) })

		reached := configJSON(t, l.Path, base) != configJSON(t, l.Path, changed)
		reason, listed := listedReason(l.Path)
		switch {
		case listed && reached:
			t.Errorf("%s is listed in notConfigured (%s) but reaches the configuration: remove it from the list", l.Path, reason)
		case !listed && !reached:
			t.Errorf("%s does not reach the configuration's launch details: map it or list it in notConfigured", l.Path)
		}
	}
	for p := range notConfigured {
		if !paths[p] && !slices.ContainsFunc(all, func(l specfields.Leaf) bool { return strings.HasPrefix(l.Path, p+".") }) {
			t.Errorf("notConfigured lists %s, which InstanceConfiguration no longer has", p)
		}
	}
}

func pathSteps(t *testing.T, all []specfields.Leaf, path string) []int {
	t.Helper()
	i := slices.IndexFunc(all, func(l specfields.Leaf) bool { return l.Path == path })
	if i < 0 {
		t.Fatalf("no leaf %s", path)
	}
	return all[i].Steps
}

// listedReason is the reason notConfigured gives for path, or for a field above it.
func listedReason(path string) (string, bool) {
	for p, reason := range notConfigured {
		if path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[]") {
			return reason, true
		}
	}
	return "", false
}
