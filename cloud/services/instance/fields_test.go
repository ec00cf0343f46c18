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
	"slices"
	"strings"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
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

// jsonType is the type of extended metadata values, a leaf although a struct.
var jsonType = reflect.TypeFor[apiextensionsv1.JSON]()

// leaf is a leaf field of OCIMachineSpec: its JSON path and how to reach it (struct field indexes; -1 steps into
// the first element of a slice or the value of key "k" of a map).
type leaf struct {
	path  string
	steps []int
}

// specFields walks t: every leaf, and every path (of leaves and of the structs, slices and maps above them).
func specFields(t reflect.Type, path string, steps []int, paths map[string]bool, leaves *[]leaf) {
	if path != "" {
		paths[path] = true
	}
	isStruct := func(t reflect.Type) bool { return t.Kind() == reflect.Struct && t != jsonType }
	switch {
	case isStruct(t):
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			specFields(t.Field(i).Type, strings.TrimPrefix(path+"."+name, "."), append(slices.Clone(steps), i), paths, leaves)
		}
	case t.Kind() == reflect.Pointer && isStruct(t.Elem()):
		specFields(t.Elem(), path, steps, paths, leaves)
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Map) && isStruct(t.Elem()):
		suffix := map[reflect.Kind]string{reflect.Slice: "[]", reflect.Map: "{}"}[t.Kind()]
		specFields(t.Elem(), path+suffix, append(slices.Clone(steps), -1), paths, leaves)
	default:
		*leaves = append(*leaves, leaf{path: path, steps: steps})
	}
}

// reach goes down steps from v (addressable), allocating what is nil or empty on the way, and calls set on the
// field it reaches.
func reach(v reflect.Value, steps []int, set func(reflect.Value)) {
	if len(steps) == 0 {
		set(v)
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		reach(v.Elem(), steps, set)
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		reach(v.Index(0), steps[1:], set)
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		key := reflect.ValueOf("k")
		elem := reflect.New(v.Type().Elem()).Elem()
		if old := v.MapIndex(key); old.IsValid() {
			elem.Set(old)
		}
		reach(elem, steps[1:], set)
		v.SetMapIndex(key, elem)
	default:
		reach(v.Field(steps[0]), steps[1:], set)
	}
}

// setValue sets v, a leaf at path, to a valid non-zero value: leafValues' for path, or one its type makes up.
func setValue(t *testing.T, path string, v reflect.Value) {
	t.Helper()
	if s, ok := leafValues[path]; ok && v.Kind() == reflect.String {
		v.SetString(s)
		return
	}
	switch {
	case v.Type() == jsonType:
		v.Set(reflect.ValueOf(apiextensionsv1.JSON{Raw: []byte(`{"x":1}`)}))
	case v.Kind() == reflect.String:
		v.SetString("set")
	case v.Kind() == reflect.Bool:
		v.SetBool(true)
	case v.CanInt():
		v.SetInt(7)
	case v.Kind() == reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		setValue(t, path, v.Elem())
	case v.Kind() == reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		setValue(t, path, v.Index(0))
	case v.Kind() == reflect.Map:
		elem := reflect.New(v.Type().Elem()).Elem()
		setValue(t, path, elem)
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf("k"), elem)
	default:
		t.Fatalf("%s: no test value for a %s; add one to setValue or leafValues", path, v.Type())
	}
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
	paths := map[string]bool{}
	var leaves []leaf
	specFields(reflect.TypeFor[infrav1.OCIMachineSpec](), "", nil, paths, &leaves)
	byPath := map[string]leaf{}
	for _, l := range leaves {
		byPath[l.path] = l
	}
	checkListedPaths(t, paths, byPath)

	for _, l := range leaves {
		// The base has the leaf's parents allocated and its selector set, so the leaf alone makes the difference.
		base := testSpec(nil)
		for prefix, sel := range selectors {
			if strings.HasPrefix(l.path, prefix+".") {
				reach(reflect.ValueOf(base).Elem(), byPath[sel[0]].steps, func(v reflect.Value) { v.SetString(sel[1]) })
			}
		}
		reach(reflect.ValueOf(base).Elem(), l.steps, func(reflect.Value) {})
		changed := base.DeepCopy()
		reach(reflect.ValueOf(changed).Elem(), l.steps, func(v reflect.Value) { setValue(t, l.path, v) })

		reached := launchJSON(t, l.path, base) != launchJSON(t, l.path, changed)
		reason, listed := listedReason(l.path)
		switch {
		case listed && reached:
			t.Errorf("%s is listed in notLaunched (%s) but reaches LaunchInstanceDetails: remove it from the list", l.path, reason)
		case !listed && !reached:
			t.Errorf("%s does not reach LaunchInstanceDetails: map it in LaunchDetails or list it in notLaunched with the reason", l.path)
		}
	}
	if len(leaves) < 80 {
		t.Errorf("found %d leaf fields in OCIMachineSpec, want the walk to find them all", len(leaves))
	}
}

// checkListedPaths fails for a path of notLaunched, leafValues or selectors that OCIMachineSpec no longer has.
func checkListedPaths(t *testing.T, paths map[string]bool, leaves map[string]leaf) {
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
