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
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func newMachine() *infrav1.OCIMachine {
	return &infrav1.OCIMachine{ObjectMeta: metav1.ObjectMeta{Name: "m"}, Spec: infrav1.OCIMachineSpec{
		CompartmentID: compartmentID, ImageID: imageID, Shape: "VM.Standard.E5.Flex",
		ShapeConfig: &infrav1.ShapeConfig{OCPUs: "2", MemoryInGBs: "16"}, BootVolumeSizeInGBs: "100",
	}}
}

func TestOCIMachineValidateCreate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1.OCIMachine)
		fields []string
	}{
		{"valid", func(*infrav1.OCIMachine) {}, nil},
		{"bad image OCID", func(m *infrav1.OCIMachine) { m.Spec.ImageID = "oracle-linux" }, []string{"spec.imageId"}},
		{"boot volume too small", func(m *infrav1.OCIMachine) { m.Spec.BootVolumeSizeInGBs = "20" }, []string{"spec.bootVolumeSizeInGBs"}},
		{"boot volume not whole", func(m *infrav1.OCIMachine) { m.Spec.BootVolumeSizeInGBs = "60.5" }, []string{"spec.bootVolumeSizeInGBs"}},
		{"OCPUs not a number", func(m *infrav1.OCIMachine) { m.Spec.ShapeConfig.OCPUs = "two" }, []string{"spec.shapeConfig.ocpus"}},
		{"baseline unknown", func(m *infrav1.OCIMachine) { m.Spec.ShapeConfig.BaselineOcpuUtilization = "HALF" },
			[]string{"spec.shapeConfig.baselineOcpuUtilization"}},
		{"subnet by id and name", func(m *infrav1.OCIMachine) {
			m.Spec.NetworkDetails = &infrav1.NetworkDetails{SubnetID: subnetID, SubnetName: "worker"}
		}, []string{"spec.networkDetails.subnetName"}},
		{"NSG ids and names", func(m *infrav1.OCIMachine) {
			m.Spec.NetworkDetails = &infrav1.NetworkDetails{NSGIDs: []string{"bad"}, NSGNames: []string{"w"}}
		}, []string{"spec.networkDetails.nsgNames", "spec.networkDetails.nsgIds[0]"}},
		{"provider ID without scheme", func(m *infrav1.OCIMachine) { m.Spec.ProviderID = ptr.To(instanceID) }, []string{"spec.providerID"}},
		{"launch volume type mismatch", func(m *infrav1.OCIMachine) {
			m.Spec.LaunchVolumeAttachments = []infrav1.LaunchVolumeAttachment{{VolumeType: "iscsi"}, {VolumeType: "nvme"}}
		}, []string{"spec.launchVolumeAttachments[0].launchIscsiVolumeAttachment", "spec.launchVolumeAttachments[1].volumeType"}},
		{"duplicate VNIC names", func(m *infrav1.OCIMachine) {
			m.Spec.VnicAttachments = []infrav1.VnicAttachment{{DisplayName: "a"}, {DisplayName: "a", NicIndex: ptr.To(3)}}
		}, []string{"spec.vnicAttachments[1]", "spec.vnicAttachments[1].nicIndex"}},
		{"platform and plugin enums", func(m *infrav1.OCIMachine) {
			m.Spec.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "ARM"}
			m.Spec.AgentConfig = &infrav1.AgentConfig{PluginsConfigs: []infrav1.InstanceAgentPluginConfig{{Name: "x", DesiredState: "ON"}}}
		}, []string{"spec.platformConfig.platformConfigType", "spec.agentConfig.pluginsConfigs[0].desiredState"}},
		{"block volume vpus", func(m *infrav1.OCIMachine) {
			m.Spec.BlockvolumeSpec = &infrav1.BlockVolumeSpec{VpusPerGB: ptr.To(200)}
		}, []string{"spec.blockvolumeSpec.vpusPerGB"}},
		{"block volume type unknown", func(m *infrav1.OCIMachine) {
			m.Spec.BlockvolumeSpec = &infrav1.BlockVolumeSpec{DisplayName: "data", VolumeType: "nvme"}
		}, []string{"spec.blockvolumeSpec.volumeType"}},
		{"block volume type iscsi", func(m *infrav1.OCIMachine) {
			m.Spec.BlockvolumeSpec = &infrav1.BlockVolumeSpec{DisplayName: "data", VolumeType: "iscsi"}
		}, nil},
		{"block volume type paravirtualized", func(m *infrav1.OCIMachine) {
			m.Spec.BlockvolumeSpec = &infrav1.BlockVolumeSpec{DisplayName: "data", VolumeType: "paravirtualized"}
		}, nil},
		{"block volume type empty: paravirtualized by default", func(m *infrav1.OCIMachine) {
			m.Spec.BlockvolumeSpec = &infrav1.BlockVolumeSpec{DisplayName: "data"}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMachine()
			tt.mutate(m)
			_, err := (&OCIMachine{}).ValidateCreate(context.Background(), m)
			expectFields(t, err, tt.fields...)
		})
	}
}

func TestOCIMachineValidateUpdate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1.OCIMachine)
		fields []string
	}{
		{"controller fills instance and provider IDs", func(m *infrav1.OCIMachine) {
			m.Spec.InstanceID = instanceID
			m.Spec.ProviderID = ptr.To("oci://" + instanceID)
		}, nil},
		{"tags change", func(m *infrav1.OCIMachine) { m.Spec.FreeformTags = map[string]string{"a": "b"} }, nil},
		{"image changed", func(m *infrav1.OCIMachine) { m.Spec.ImageID = "ocid1.image.oc1.iad.aaaaother" }, []string{"spec.imageId"}},
		{"shape changed", func(m *infrav1.OCIMachine) { m.Spec.Shape = "VM.Standard3.Flex" }, []string{"spec.shape"}},
		{"compartment changed", func(m *infrav1.OCIMachine) { m.Spec.CompartmentID = "ocid1.compartment.oc1..aaaaother" }, []string{"spec.compartmentId"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, m := newMachine(), newMachine()
			tt.mutate(m)
			_, err := (&OCIMachine{}).ValidateUpdate(context.Background(), old, m)
			expectFields(t, err, tt.fields...)
		})
	}
	withID := newMachine()
	withID.Spec.InstanceID = instanceID
	changed := withID.DeepCopy()
	changed.Spec.InstanceID = "ocid1.instance.oc1.iad.aaaaother"
	_, err := (&OCIMachine{}).ValidateUpdate(context.Background(), withID, changed)
	expectFields(t, err, "spec.instanceId")
}

func TestOCIMachineTemplate(t *testing.T) {
	w := &OCIMachineTemplate{}
	tmpl := &infrav1.OCIMachineTemplate{ObjectMeta: metav1.ObjectMeta{Name: "t"}}
	tmpl.Spec.Template.Spec = newMachine().Spec
	_, err := w.ValidateCreate(context.Background(), tmpl)
	expectFields(t, err)
	bad := tmpl.DeepCopy()
	bad.Spec.Template.Spec.ImageID = "x"
	_, err = w.ValidateCreate(context.Background(), bad)
	expectFields(t, err, "spec.template.spec.imageId")
	changed := tmpl.DeepCopy()
	changed.Spec.Template.Spec.Shape = "VM.Standard3.Flex"
	_, err = w.ValidateUpdate(context.Background(), tmpl, changed)
	expectFields(t, err, "spec.template.spec.shape")
	changed.Annotations = dryRunAnnotations
	_, err = w.ValidateUpdate(dryRunContext(), tmpl, changed)
	expectFields(t, err)
	// A dry run without Cluster API's annotation is still checked.
	changed.Annotations = nil
	_, err = w.ValidateUpdate(dryRunContext(), tmpl, changed)
	expectFields(t, err, "spec.template.spec.shape")
}
