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
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest/specfields"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// testConfig is a pool of VM.Standard.E4.Flex instances booting ocid1.image.base.
func testConfig() *infrav1exp.InstanceConfiguration {
	return &infrav1exp.InstanceConfiguration{Shape: "VM.Standard.E4.Flex",
		InstanceSourceViaImageConfig: &infrav1exp.InstanceSourceViaImageConfig{ImageID: "ocid1.image.base"}}
}

// testLaunch is the launch of pool "mp" declared by c, in the worker subnet and NSG, with the cluster's tags.
func testLaunch(c *infrav1exp.InstanceConfiguration) launch {
	return launch{config: c, pool: "mp", compartment: "ocid1.compartment.test", subnetID: "ocid1.subnet.worker",
		nsgIDs: []string{"ocid1.nsg.worker"}, userData: []byte("#cloud-config"),
		tags:        map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
		definedTags: map[string]map[string]any{"ns": {"k": "v"}}}
}

// decoded is the JSON of v as generic values, its nulls left out.
func decoded(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return withoutNulls(m).(map[string]any)
}

func withoutNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if e == nil {
				delete(v, k)
			} else {
				v[k] = withoutNulls(e)
			}
		}
	case []any:
		for i := range v {
			v[i] = withoutNulls(v[i])
		}
	}
	return v
}

// TestLaunchDetails checks where the pool's spec and the scope's values land in the configuration's launch
// details, and that the polymorphic parts are read back as the instance configuration's variants.
func TestLaunchDetails(t *testing.T) {
	c := testConfig()
	c.InstanceSourceViaImageConfig = &infrav1exp.InstanceSourceViaImageConfig{ImageID: "ocid1.image.x",
		BootVolumeSizeInGBs: ptr.To[int64](100), BootVolumeVpusPerGB: ptr.To[int64](20), KMSKeyID: "ocid1.key.x"}
	c.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "2", MemoryInGBs: "16"}
	c.Metadata = map[string]string{"ssh_authorized_keys": "ssh-ed25519 AAAA"}
	c.ExtendedMetadata = map[string]apiextensionsv1.JSON{"nested": {Raw: []byte(`{"a":[1,2]}`)}}
	c.InstanceVnicConfiguration = &infrav1.NetworkDetails{AssignPublicIP: ptr.To(true), HostnameLabel: "h",
		SubnetName: "ignored", NSGIDs: []string{"ocid1.nsg.ignored"}}
	c.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "AMD_VM",
		AmdVMPlatformConfig: &infrav1.AmdVMPlatformConfig{IsSecureBootEnabled: ptr.To(true)}}
	c.PreemptibleInstanceConfig = &infrav1.PreemptibleInstanceConfig{
		TerminatePreemptionAction: &infrav1.TerminatePreemptionAction{PreserveBootVolume: ptr.To(true)}}
	d, err := launchDetails(testLaunch(c))
	if err != nil {
		t.Fatal(err)
	}
	userData := base64.StdEncoding.EncodeToString([]byte("#cloud-config"))
	tags := map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
	defined := map[string]map[string]any{"ns": {"k": "v"}}
	want := core.InstanceConfigurationLaunchInstanceDetails{
		CompartmentId: ptr.To("ocid1.compartment.test"), DisplayName: ptr.To("mp"), Shape: ptr.To("VM.Standard.E4.Flex"),
		ShapeConfig: &core.InstanceConfigurationLaunchInstanceShapeConfigDetails{Ocpus: ptr.To[float32](2), MemoryInGBs: ptr.To[float32](16)},
		SourceDetails: core.InstanceConfigurationInstanceSourceViaImageDetails{ImageId: ptr.To("ocid1.image.x"),
			BootVolumeSizeInGBs: ptr.To[int64](100), BootVolumeVpusPerGB: ptr.To[int64](20), KmsKeyId: ptr.To("ocid1.key.x")},
		Metadata:         map[string]string{"ssh_authorized_keys": "ssh-ed25519 AAAA", "user_data": userData},
		ExtendedMetadata: map[string]any{"nested": map[string]any{"a": []any{1.0, 2.0}}},
		CreateVnicDetails: &core.InstanceConfigurationCreateVnicDetails{SubnetId: ptr.To("ocid1.subnet.worker"),
			NsgIds: []string{"ocid1.nsg.worker"}, AssignPublicIp: ptr.To(true), AssignIpv6Ip: ptr.To(false),
			HostnameLabel: ptr.To("h"), FreeformTags: tags, DefinedTags: defined},
		PlatformConfig: core.InstanceConfigurationAmdVmLaunchInstancePlatformConfig{IsSecureBootEnabled: ptr.To(true)},
		PreemptibleInstanceConfig: &core.PreemptibleInstanceConfigDetails{
			PreemptionAction: core.TerminatePreemptionAction{PreserveBootVolume: ptr.To(true)}},
		IsPvEncryptionInTransitEnabled: ptr.To(false),
		FreeformTags:                   tags, DefinedTags: defined,
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("launch details (-want +got):\n%s", diff)
	}
}

// TestNothingIsLostInTheConversion fills every field of the spec, with each platform variant in turn, and checks
// that the configuration's launch details are instance.LaunchDetails's, field for field, without the placement.
func TestNothingIsLostInTheConversion(t *testing.T) {
	all, _ := specfields.Fields(reflect.TypeFor[infrav1exp.InstanceConfiguration]())
	for variant, typ := range platformTypes {
		t.Run(typ, func(t *testing.T) {
			c := testConfig()
			for _, l := range all {
				platform, isPlatform := strings.CutPrefix(l.Path, "platformConfig.")
				if _, listed := listedReason(l.Path); listed || (isPlatform && !strings.HasPrefix(platform, variant+".")) {
					continue
				}
				specfields.Reach(reflect.ValueOf(c).Elem(), l.Steps, func(v reflect.Value) { specfields.SetValue(t, l.Path, v, leafValues) })
			}
			c.PlatformConfig.PlatformConfigType = typ
			l := testLaunch(c)
			got, err := launchDetails(l)
			if err != nil {
				t.Fatal(err)
			}
			ld, err := instance.LaunchDetails(instance.Launch{Spec: machineSpec(c), Name: l.pool, Compartment: l.compartment,
				AvailabilityDomain: "AD-1", FaultDomain: "FAULT-DOMAIN-1", SubnetID: l.subnetID, NSGIDs: l.nsgIDs,
				UserData: l.userData, Tags: l.tags, DefinedTags: l.definedTags})
			if err != nil {
				t.Fatal(err)
			}
			want := decoded(t, ld)
			delete(want, "availabilityDomain")
			delete(want, "faultDomain")
			if diff := cmp.Diff(want, decoded(t, got)); diff != "" {
				t.Errorf("JSON of the configuration's launch details (-launch +configuration):\n%s", diff)
			}
			if reflect.TypeOf(got.PlatformConfig).Name() != "InstanceConfiguration"+reflect.TypeOf(ld.PlatformConfig).Name() {
				t.Errorf("platform config read back as %T, from %T", got.PlatformConfig, ld.PlatformConfig)
			}
		})
	}
}

// TestEnumValuesAreTheConfigurations checks that every value instance.LaunchDetails may send in an enum is one
// the instance configuration's enum has.
func TestEnumValuesAreTheConfigurations(t *testing.T) {
	for name, c := range map[string]struct {
		values []string
		ok     func(string) bool
	}{
		"shapeConfig.baselineOcpuUtilization": {core.GetLaunchInstanceShapeConfigDetailsBaselineOcpuUtilizationEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationLaunchInstanceShapeConfigDetailsBaselineOcpuUtilizationEnum)},
		"launchOptions.bootVolumeType": {core.GetLaunchOptionsBootVolumeTypeEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationLaunchOptionsBootVolumeTypeEnum)},
		"launchOptions.firmware": {core.GetLaunchOptionsFirmwareEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationLaunchOptionsFirmwareEnum)},
		"launchOptions.networkType": {core.GetLaunchOptionsNetworkTypeEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationLaunchOptionsNetworkTypeEnum)},
		"launchOptions.remoteDataVolumeType": {core.GetLaunchOptionsRemoteDataVolumeTypeEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationLaunchOptionsRemoteDataVolumeTypeEnum)},
		"availabilityConfig.recoveryAction": {core.GetLaunchInstanceAvailabilityConfigDetailsRecoveryActionEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationAvailabilityConfigRecoveryActionEnum)},
		"amdMilanBm.numaNodesPerSocket": {core.GetAmdMilanBmLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationAmdMilanBmLaunchInstancePlatformConfigNumaNodesPerSocketEnum)},
		"amdRomeBm.numaNodesPerSocket": {core.GetAmdRomeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationAmdRomeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnum)},
		"amdRomeBmGpu.numaNodesPerSocket": {core.GetAmdRomeBmGpuLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationAmdRomeBmGpuLaunchInstancePlatformConfigNumaNodesPerSocketEnum)},
		"intelIcelakeBm.numaNodesPerSocket": {core.GetIntelIcelakeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnumStringValues(),
			mapped(core.GetMappingInstanceConfigurationIntelIcelakeBmLaunchInstancePlatformConfigNumaNodesPerSocketEnum)},
	} {
		for _, v := range c.values {
			if !c.ok(v) {
				t.Errorf("%s: %q may be sent at launch, but is not a value of the instance configuration's enum", name, v)
			}
		}
	}
}

func mapped[E any](mapping func(string) (E, bool)) func(string) bool {
	return func(v string) bool { _, ok := mapping(v); return ok }
}

// TestHash checks that the hash depends on the details only, not on the order their maps were built in, and
// that the name carries its first 10 characters.
func TestHash(t *testing.T) {
	build := func(keys ...string) string {
		c := testConfig()
		c.Metadata = map[string]string{}
		c.ExtendedMetadata = map[string]apiextensionsv1.JSON{}
		for _, k := range keys {
			c.Metadata[k] = "v-" + k
			c.ExtendedMetadata[k] = apiextensionsv1.JSON{Raw: []byte(`{"z":1,"a":{"y":2,"b":3}}`)}
		}
		d, err := launchDetails(testLaunch(c))
		if err != nil {
			t.Fatal(err)
		}
		h, err := Hash(&d)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h := build("a", "b", "c", "d", "e", "f", "g", "h")
	for range 20 {
		if got := build("h", "g", "f", "e", "d", "c", "b", "a"); got != h {
			t.Fatalf("hash %s, then %s for the same details built in another order", h, got)
		}
	}
	if other := build("a", "b"); other == h {
		t.Error("other details hash the same")
	}
	if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Errorf("hash %q, want 64 hex characters", h)
	}
	if n := Name("mp-0", h); n != "mp-0-"+h[:10] || !isPoolConfiguration(n, "mp-0") {
		t.Errorf("name %q, want mp-0- and the hash's first 10 characters", n)
	}
}

func TestIsPoolConfiguration(t *testing.T) {
	for name, want := range map[string]bool{
		"mp-0123456789":   true,
		"mp-12345":        true, // the earlier provider's <pool>-<resourceVersion>
		"mp":              false,
		"mp-":             false,
		"mp-a-0123456789": false, // pool "mp-a"'s
		"mpx-0123456789":  false,
		"mp-012345678Z":   false,
		"other-01234567":  false,
	} {
		if got := isPoolConfiguration(name, "mp"); got != want {
			t.Errorf("isPoolConfiguration(%q, mp) = %v, want %v", name, got, want)
		}
	}
}

// TestFieldErrors checks that a spec that cannot be sent is a terminal error naming the pool's field.
func TestFieldErrors(t *testing.T) {
	for _, tc := range []struct {
		name         string
		set          func(c *infrav1exp.InstanceConfiguration)
		reason, text string
	}{
		{"shape", func(c *infrav1exp.InstanceConfiguration) { c.Shape = "" },
			infrav1.ReconcileFailedReason, "spec.instanceConfiguration.shape is empty"},
		{"image", func(c *infrav1exp.InstanceConfiguration) { c.InstanceSourceViaImageConfig.ImageID = "" },
			infrav1.ReconcileFailedReason, "spec.instanceConfiguration.instanceSourceViaImageConfig.imageId is empty"},
		{"no source", func(c *infrav1exp.InstanceConfiguration) { c.InstanceSourceViaImageConfig = nil },
			infrav1.ReconcileFailedReason, "spec.instanceConfiguration.instanceSourceViaImageConfig.imageId is empty"},
		{"ocpus", func(c *infrav1exp.InstanceConfiguration) { c.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "two"} },
			infrav1.ReconcileFailedReason, `spec.instanceConfiguration.shapeConfig.ocpus: "two" is not a number`},
		{"boot volume size", func(c *infrav1exp.InstanceConfiguration) {
			c.InstanceSourceViaImageConfig.BootVolumeSizeInGBs = ptr.To[int64](1<<63 - 1)
		}, infrav1.ReconcileFailedReason, "spec.instanceConfiguration.instanceSourceViaImageConfig.bootVolumeSizeInGBs: "},
		{"extended metadata", func(c *infrav1exp.InstanceConfiguration) {
			c.ExtendedMetadata = map[string]apiextensionsv1.JSON{"bad": {Raw: []byte("{")}}
		}, infrav1.ReconcileFailedReason, "spec.instanceConfiguration.extendedMetadata[bad]: not valid JSON"},
		{"platform type", func(c *infrav1exp.InstanceConfiguration) {
			c.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "ARM"}
		}, infrav1.ReconcileFailedReason, `spec.instanceConfiguration.platformConfig.platformConfigType: "ARM" is not one of`},
		{"agent plugin state", func(c *infrav1exp.InstanceConfiguration) {
			c.AgentConfig = &infrav1.AgentConfig{PluginsConfigs: []infrav1.InstanceAgentPluginConfig{{Name: "x", DesiredState: "ON"}}}
		}, infrav1.ReconcileFailedReason, `spec.instanceConfiguration.agentConfig.pluginsConfigs[0].desiredState: "ON"`},
		{"metadata too large", func(c *infrav1exp.InstanceConfiguration) {
			c.Metadata = map[string]string{"big": strings.Repeat("x", instance.MaxMetadataBytes)}
		}, infrav1.BootstrapDataTooLargeReason, "spec.instanceConfiguration.metadata, spec.instanceConfiguration.extendedMetadata and the base64 bootstrap data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testConfig()
			tc.set(c)
			_, err := launchDetails(testLaunch(c))
			var e *async.Error
			if !errors.As(err, &e) || e.Class != async.Terminal || e.Reason != tc.reason || !strings.Contains(e.Message, tc.text) {
				t.Fatalf("error %v, want a terminal %s error saying %q", err, tc.reason, tc.text)
			}
			if strings.Contains(strings.ReplaceAll(e.Message, "spec.instanceConfiguration.", ""), "spec.") {
				t.Errorf("%q names a field outside spec.instanceConfiguration", e.Message)
			}
		})
	}
}
