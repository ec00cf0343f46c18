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
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest/specfields"
)

// notLaunched are the OCIMachineSpec fields (and every field under them) that do not go into
// LaunchInstanceDetails, by JSON path, with the reason.
var notLaunched = map[string]string{
	"instanceId":                         "set by the controller once the instance exists",
	"providerID":                         "set by the controller once the instance exists",
	"compartmentId":                      "resolved by the machine scope into Launch.Compartment",
	"subnetName":                         "resolved by the machine scope into Launch.SubnetID",
	"nsgName":                            "resolved by the machine scope into Launch.NSGIDs",
	"networkDetails.subnetId":            "resolved by the machine scope into Launch.SubnetID",
	"networkDetails.subnetName":          "resolved by the machine scope into Launch.SubnetID",
	"networkDetails.nsgId":               "resolved by the machine scope into Launch.NSGIDs",
	"networkDetails.nsgIds":              "resolved by the machine scope into Launch.NSGIDs",
	"networkDetails.nsgNames":            "resolved by the machine scope into Launch.NSGIDs",
	"freeformTags":                       "merged by the caller into Launch.Tags",
	"definedTags":                        "merged by the caller into Launch.DefinedTags",
	"blockvolumeSpec":                    "a block volume created and attached after launch by another service",
	"vnicAttachments":                    "secondary VNICs, attached after launch by another service",
	"preserveBootVolume":                 "a query parameter of TerminateInstance",
	"preserveDataVolumesCreatedAtLaunch": "a query parameter of TerminateInstance",
}

// leafValues are valid values of the leaves whose format or enum a generic value would break.
var leafValues = map[string]string{
	"bootVolumeSizeInGBs":                                                           "60",
	"shapeConfig.ocpus":                                                             "2",
	"shapeConfig.memoryInGBs":                                                       "16",
	"shapeConfig.baselineOcpuUtilization":                                           "BASELINE_1_2",
	"agentConfig.pluginsConfigs[].desiredState":                                     "ENABLED",
	"availabilityConfig.recoveryAction":                                             "RESTORE_INSTANCE",
	"launchOptions.bootVolumeType":                                                  "PARAVIRTUALIZED",
	"launchOptions.firmware":                                                        "UEFI_64",
	"launchOptions.networkType":                                                     "VFIO",
	"launchOptions.remoteDataVolumeType":                                            "PARAVIRTUALIZED",
	"platformConfig.platformConfigType":                                             "AMD_VM",
	"platformConfig.amdMilanBmPlatformConfig.numaNodesPerSocket":                    "NPS1",
	"platformConfig.amdRomeBmPlatformConfig.numaNodesPerSocket":                     "NPS1",
	"platformConfig.amdRomeBmGpuPlatformConfig.numaNodesPerSocket":                  "NPS1",
	"platformConfig.intelIcelakeBmPlatformConfig.numaNodesPerSocket":                "NPS1",
	"launchVolumeAttachments[].volumeType":                                          "iscsi",
	"launchVolumeAttachments[].launchIscsiVolumeAttachment.encryptionInTransitType": "BM_ENCRYPTION_IN_TRANSIT",
}

// selectors are the fields that select a polymorphic part: a leaf under the part (the key) is tried with its
// selector set to the value, in the base and the changed spec alike.
var selectors = map[string][2]string{
	"platformConfig.amdMilanBmPlatformConfig":               {"platformConfig.platformConfigType", "AMD_MILAN_BM"},
	"platformConfig.amdRomeBmGpuPlatformConfig":             {"platformConfig.platformConfigType", "AMD_ROME_BM_GPU"},
	"platformConfig.amdRomeBmPlatformConfig":                {"platformConfig.platformConfigType", "AMD_ROME_BM"},
	"platformConfig.amdVmPlatformConfig":                    {"platformConfig.platformConfigType", "AMD_VM"},
	"platformConfig.intelIcelakeBmPlatformConfig":           {"platformConfig.platformConfigType", "INTEL_ICELAKE_BM"},
	"platformConfig.intelSkylakeBmPlatformConfig":           {"platformConfig.platformConfigType", "INTEL_SKYLAKE_BM"},
	"platformConfig.intelVmPlatformConfig":                  {"platformConfig.platformConfigType", "INTEL_VM"},
	"launchVolumeAttachments[].launchIscsiVolumeAttachment": {"launchVolumeAttachments[].volumeType", "iscsi"},
	"launchVolumeAttachments[].launchParavirtualizedVolumeAttachment": {
		"launchVolumeAttachments[].volumeType", "paravirtualized",
	},
}

// launchJSON is the JSON of the launch details of spec, or "" after reporting the error.
func launchJSON(t *testing.T, path string, spec *infrav1.OCIMachineSpec) string {
	t.Helper()
	d, err := LaunchDetails(testLaunch(spec, "#cloud-config"))
	if err != nil {
		t.Errorf("%s: LaunchDetails: %v", path, err)
		return ""
	}
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("%s: encoding the launch details: %v", path, err)
	}
	return string(raw)
}

// TestEverySpecFieldReachesTheRequest sets each leaf field of OCIMachineSpec on a fixed spec and checks that the
// launch details change, unless notLaunched lists the field; a field added to the API fails it until it is mapped
// or listed.
func TestEverySpecFieldReachesTheRequest(t *testing.T) {
	leaves, paths := specfields.Fields(reflect.TypeFor[infrav1.OCIMachineSpec]())
	byPath := map[string]specfields.Leaf{}
	for _, l := range leaves {
		byPath[l.Path] = l
	}
	checkListedPaths(t, paths, byPath)

	for _, l := range leaves {
		// The base has the leaf's parents allocated and its selector set, so the leaf alone makes the difference.
		base := testSpec(nil)
		for prefix, sel := range selectors {
			if strings.HasPrefix(l.Path, prefix+".") {
				specfields.Reach(reflect.ValueOf(base).Elem(), byPath[sel[0]].Steps, func(v reflect.Value) { v.SetString(sel[1]) })
			}
		}
		specfields.Reach(reflect.ValueOf(base).Elem(), l.Steps, func(reflect.Value) {})
		changed := base.DeepCopy()
		specfields.Reach(reflect.ValueOf(changed).Elem(), l.Steps, func(v reflect.Value) { specfields.SetValue(t, l.Path, v, leafValues) })

		reached := launchJSON(t, l.Path, base) != launchJSON(t, l.Path, changed)
		reason, listed := listedReason(l.Path)
		switch {
		case listed && reached:
			t.Errorf("%s is listed in notLaunched (%s) but reaches LaunchInstanceDetails: remove it from the list", l.Path, reason)
		case !listed && !reached:
			t.Errorf("%s does not reach LaunchInstanceDetails: map it in LaunchDetails or list it in notLaunched with the reason", l.Path)
		}
	}
	if len(leaves) < 80 {
		t.Errorf("found %d leaf fields in OCIMachineSpec, want the walk to find them all", len(leaves))
	}
}

// checkListedPaths fails for a path of notLaunched, leafValues or selectors that OCIMachineSpec no longer has.
func checkListedPaths(t *testing.T, paths map[string]bool, leaves map[string]specfields.Leaf) {
	t.Helper()
	for p := range notLaunched {
		if !paths[p] {
			t.Errorf("notLaunched lists %s, which OCIMachineSpec no longer has", p)
		}
	}
	for p := range leafValues {
		if _, ok := leaves[p]; !ok {
			t.Errorf("leafValues has %s, which is not a leaf of OCIMachineSpec", p)
		}
	}
	for p, sel := range selectors {
		if _, ok := leaves[sel[0]]; !paths[p] || !ok {
			t.Errorf("selectors has %s (selected by %s), which OCIMachineSpec no longer has", p, sel[0])
		}
	}
}

// listedReason is the reason notLaunched gives for path, or for a field above it.
func listedReason(path string) (string, bool) {
	for p, reason := range notLaunched {
		if path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[]") || strings.HasPrefix(path, p+"{}") {
			return reason, true
		}
	}
	return "", false
}
