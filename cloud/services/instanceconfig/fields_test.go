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

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"

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

var jsonType = reflect.TypeFor[apiextensionsv1.JSON]()

// leaf is a leaf field of InstanceConfiguration: its JSON path and the struct field indexes down to it (-1 steps
// into a slice's first element or a map's value of key "k").
type leaf struct {
	path  string
	steps []int
}

// leaves walks t and returns its leaves.
func leaves(t reflect.Type, path string, steps []int) []leaf {
	isStruct := func(t reflect.Type) bool { return t.Kind() == reflect.Struct && t != jsonType }
	switch {
	case isStruct(t):
		var out []leaf
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			out = append(out, leaves(t.Field(i).Type, strings.TrimPrefix(path+"."+name, "."), append(slices.Clone(steps), i))...)
		}
		return out
	case t.Kind() == reflect.Pointer && isStruct(t.Elem()):
		return leaves(t.Elem(), path, steps)
	case t.Kind() == reflect.Slice && isStruct(t.Elem()):
		return leaves(t.Elem(), path+"[]", append(slices.Clone(steps), -1))
	}
	return []leaf{{path: path, steps: steps}}
}

// reach goes down steps from v, allocating what is nil on the way, and calls set on the field it reaches.
func reach(v reflect.Value, steps []int, set func(reflect.Value)) {
	switch {
	case len(steps) == 0:
		set(v)
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		reach(v.Elem(), steps, set)
	case v.Kind() == reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		reach(v.Index(0), steps[1:], set)
	default:
		reach(v.Field(steps[0]), steps[1:], set)
	}
}

// setValue sets v, the leaf at path, to a valid value that no base spec has.
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
	all := leaves(reflect.TypeFor[infrav1exp.InstanceConfiguration](), "", nil)
	if len(all) < 60 {
		t.Fatalf("found %d leaves of InstanceConfiguration, want the walk to find them all", len(all))
	}
	paths := map[string]bool{}
	for _, l := range all {
		paths[l.path] = true
	}
	for p := range leafValues {
		if !paths[p] {
			t.Errorf("leafValues has %s, which InstanceConfiguration no longer has", p)
		}
	}
	for _, l := range all {
		base := testConfig()
		for variant, typ := range platformTypes {
			if strings.HasPrefix(l.path, "platformConfig."+variant+".") {
				reach(reflect.ValueOf(base).Elem(), pathSteps(t, all, "platformConfig.platformConfigType"),
					func(v reflect.Value) { v.SetString(typ) })
			}
		}
		reach(reflect.ValueOf(base).Elem(), l.steps, func(reflect.Value) {})
		changed := base.DeepCopy()
		reach(reflect.ValueOf(changed).Elem(), l.steps, func(v reflect.Value) { setValue(t, l.path, v) })

		reached := configJSON(t, l.path, base) != configJSON(t, l.path, changed)
		reason, listed := listedReason(l.path)
		switch {
		case listed && reached:
			t.Errorf("%s is listed in notConfigured (%s) but reaches the configuration: remove it from the list", l.path, reason)
		case !listed && !reached:
			t.Errorf("%s does not reach the configuration's launch details: map it or list it in notConfigured", l.path)
		}
	}
	for p := range notConfigured {
		if !paths[p] && !slices.ContainsFunc(all, func(l leaf) bool { return strings.HasPrefix(l.path, p+".") }) {
			t.Errorf("notConfigured lists %s, which InstanceConfiguration no longer has", p)
		}
	}
}

func pathSteps(t *testing.T, all []leaf, path string) []int {
	t.Helper()
	i := slices.IndexFunc(all, func(l leaf) bool { return l.path == path })
	if i < 0 {
		t.Fatalf("no leaf %s", path)
	}
	return all[i].steps
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
