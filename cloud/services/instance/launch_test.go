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
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// launchCase is a spec and the launch details, or the error, it gives.
type launchCase struct {
	name     string
	spec     *infrav1.OCIMachineSpec
	userData string
	want     core.LaunchInstanceDetails
	wantErr  string
}

// testLaunch is the resolved part of every launch of the tests.
func testLaunch(spec *infrav1.OCIMachineSpec, userData string) Launch {
	return Launch{
		Spec:               spec,
		Name:               "machine-1",
		Compartment:        "ocid1.compartment.oc1..c",
		AvailabilityDomain: "Uocm:PHX-AD-1",
		SubnetID:           "ocid1.subnet.oc1..s",
		NSGIDs:             []string{"ocid1.nsg.oc1..n"},
		UserData:           []byte(userData),
		Tags:               map[string]string{"CreatedBy": "OCIClusterAPIProvider"},
	}
}

// testSpec is a minimal spec edited by edit.
func testSpec(edit func(s *infrav1.OCIMachineSpec)) *infrav1.OCIMachineSpec {
	s := &infrav1.OCIMachineSpec{Shape: "VM.Standard.E4.Flex", ImageID: "ocid1.image.oc1..i"}
	if edit != nil {
		edit(s)
	}
	return s
}

// want is the launch details of the minimal spec edited by edit.
func want(edit func(d *core.LaunchInstanceDetails)) core.LaunchInstanceDetails {
	tags := map[string]string{"CreatedBy": "OCIClusterAPIProvider"}
	d := core.LaunchInstanceDetails{
		DisplayName:        ptr.To("machine-1"),
		CompartmentId:      ptr.To("ocid1.compartment.oc1..c"),
		AvailabilityDomain: ptr.To("Uocm:PHX-AD-1"),
		Shape:              ptr.To("VM.Standard.E4.Flex"),
		SourceDetails:      core.InstanceSourceViaImageDetails{ImageId: ptr.To("ocid1.image.oc1..i")},
		CreateVnicDetails: &core.CreateVnicDetails{
			SubnetId:       ptr.To("ocid1.subnet.oc1..s"),
			NsgIds:         []string{"ocid1.nsg.oc1..n"},
			AssignPublicIp: ptr.To(false),
			AssignIpv6Ip:   ptr.To(false),
			FreeformTags:   tags,
		},
		FreeformTags:                   tags,
		IsPvEncryptionInTransitEnabled: ptr.To(false),
	}
	if edit != nil {
		edit(&d)
	}
	return d
}

func TestLaunchDetails(t *testing.T) {
	var cases []launchCase
	cases = append(cases, sourceCases()...)
	cases = append(cases, networkAndMetadataCases()...)
	cases = append(cases, optionCases()...)
	cases = append(cases, platformAndVolumeCases()...)
	cases = append(cases, errorCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LaunchDetails(testLaunch(tc.spec, tc.userData))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("LaunchDetails: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("LaunchInstanceDetails mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// sourceCases are the minimal spec, the shape and the boot volume.
func sourceCases() []launchCase {
	return []launchCase{
		{name: "minimal spec", spec: testSpec(nil), want: want(nil)},
		{name: "no spec", want: want(func(d *core.LaunchInstanceDetails) {
			d.Shape = ptr.To("")
			d.SourceDetails = core.InstanceSourceViaImageDetails{ImageId: ptr.To("")}
		})},
		{
			name: "flex shape with shape config",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "2", MemoryInGBs: "32.5", BaselineOcpuUtilization: "BASELINE_1_2", Nvmes: ptr.To(1)}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.ShapeConfig = &core.LaunchInstanceShapeConfigDetails{
					Ocpus: ptr.To[float32](2), MemoryInGBs: ptr.To[float32](32.5), Nvmes: ptr.To(1),
					BaselineOcpuUtilization: core.LaunchInstanceShapeConfigDetailsBaselineOcpuUtilization2,
				}
			}),
		},
		{name: "empty shape config is not sent", spec: testSpec(func(s *infrav1.OCIMachineSpec) {
			s.ShapeConfig = &infrav1.ShapeConfig{}
		}), want: want(nil)},
		{
			name: "boot volume size, VPUs and KMS key",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.BootVolumeSizeInGBs = "100.7"
				s.InstanceSourceViaImageConfig = &infrav1.InstanceSourceViaImageConfig{
					BootVolumeVpusPerGB: ptr.To[int64](20), KMSKeyID: "ocid1.key.oc1..k",
				}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.SourceDetails = core.InstanceSourceViaImageDetails{
					ImageId: ptr.To("ocid1.image.oc1..i"), BootVolumeSizeInGBs: ptr.To[int64](100),
					BootVolumeVpusPerGB: ptr.To[int64](20), KmsKeyId: ptr.To("ocid1.key.oc1..k"),
				}
			}),
		},
	}
}

// networkAndMetadataCases are the primary VNIC, tags, metadata and the plain OCID and flag fields.
func networkAndMetadataCases() []launchCase {
	return []launchCase{
		{
			name: "network details",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.NetworkDetails = &infrav1.NetworkDetails{
					AssignPublicIP: ptr.To(true), AssignIPv6IP: ptr.To(true), AssignPrivateDNSRecord: ptr.To(true),
					HostnameLabel: "host", SkipSourceDestCheck: ptr.To(true), DisplayName: "vnic",
					SubnetID: "ocid1.subnet.oc1..ignored", NSGIDs: []string{"ocid1.nsg.oc1..ignored"},
				}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				v := d.CreateVnicDetails
				v.AssignPublicIp, v.AssignIpv6Ip, v.AssignPrivateDnsRecord = ptr.To(true), ptr.To(true), ptr.To(true)
				v.HostnameLabel, v.SkipSourceDestCheck, v.DisplayName = ptr.To("host"), ptr.To(true), ptr.To("vnic")
			}),
		},
		{
			name: "metadata merged with user_data",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.Metadata = map[string]string{"ssh_authorized_keys": "ssh-rsa A", "user_data": "old"}
			}),
			userData: "#cloud-config\n",
			want: want(func(d *core.LaunchInstanceDetails) {
				d.Metadata = map[string]string{
					"ssh_authorized_keys": "ssh-rsa A",
					"user_data":           base64.StdEncoding.EncodeToString([]byte("#cloud-config\n")),
				}
			}),
		},
		{
			name: "extended metadata",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.ExtendedMetadata = map[string]apiextensionsv1.JSON{"a": {Raw: []byte(`{"b":[1,"c"]}`)}, "n": {}}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.ExtendedMetadata = map[string]any{"a": map[string]any{"b": []any{float64(1), "c"}}, "n": nil}
			}),
		},
		{
			name: "OCIDs, iPXE and in-transit encryption",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.CapacityReservationID, s.ComputeClusterID, s.DedicatedVMHostID = "ocid1.cr..1", "ocid1.cc..1", "ocid1.dvh..1"
				s.IPXEScript, s.IsPvEncryptionInTransitEnabled = "#!ipxe", ptr.To(true)
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.CapacityReservationId, d.ComputeClusterId, d.DedicatedVmHostId = ptr.To("ocid1.cr..1"), ptr.To("ocid1.cc..1"), ptr.To("ocid1.dvh..1")
				d.IpxeScript, d.IsPvEncryptionInTransitEnabled = ptr.To("#!ipxe"), ptr.To(true)
			}),
		},
	}
}

// optionCases are the agent, launch, instance, availability and preemption settings.
func optionCases() []launchCase {
	return []launchCase{
		{
			name: "agent config with plugins",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.AgentConfig = &infrav1.AgentConfig{IsMonitoringDisabled: ptr.To(false), PluginsConfigs: []infrav1.InstanceAgentPluginConfig{
					{Name: "Bastion", DesiredState: "ENABLED"}, {Name: "Compute Instance Monitoring", DesiredState: "disabled"},
				}}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.AgentConfig = &core.LaunchInstanceAgentConfigDetails{IsMonitoringDisabled: ptr.To(false), PluginsConfig: []core.InstanceAgentPluginConfigDetails{
					{Name: ptr.To("Bastion"), DesiredState: core.InstanceAgentPluginConfigDetailsDesiredStateEnabled},
					{Name: ptr.To("Compute Instance Monitoring"), DesiredState: core.InstanceAgentPluginConfigDetailsDesiredStateDisabled},
				}}
			}),
		},
		{
			name: "launch, instance and availability options",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.LaunchOptions = &infrav1.LaunchOptions{BootVolumeType: "PARAVIRTUALIZED", Firmware: "UEFI_64", NetworkType: "VFIO",
					RemoteDataVolumeType: "ISCSI", IsConsistentVolumeNamingEnabled: ptr.To(true)}
				s.InstanceOptions = &infrav1.InstanceOptions{AreLegacyIMDSEndpointsDisabled: ptr.To(true)}
				s.AvailabilityConfig = &infrav1.AvailabilityConfig{IsLiveMigrationPreferred: ptr.To(true), RecoveryAction: "STOP_INSTANCE"}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.LaunchOptions = &core.LaunchOptions{BootVolumeType: core.LaunchOptionsBootVolumeTypeParavirtualized,
					Firmware: core.LaunchOptionsFirmwareUefi64, NetworkType: core.LaunchOptionsNetworkTypeVfio,
					RemoteDataVolumeType: core.LaunchOptionsRemoteDataVolumeTypeIscsi, IsConsistentVolumeNamingEnabled: ptr.To(true)}
				d.InstanceOptions = &core.InstanceOptions{AreLegacyImdsEndpointsDisabled: ptr.To(true)}
				d.AvailabilityConfig = &core.LaunchInstanceAvailabilityConfigDetails{IsLiveMigrationPreferred: ptr.To(true),
					RecoveryAction: core.LaunchInstanceAvailabilityConfigDetailsRecoveryActionStopInstance}
			}),
		},
		{
			name: "preemptible",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.PreemptibleInstanceConfig = &infrav1.PreemptibleInstanceConfig{
					TerminatePreemptionAction: &infrav1.TerminatePreemptionAction{PreserveBootVolume: ptr.To(false)},
				}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.PreemptibleInstanceConfig = &core.PreemptibleInstanceConfigDetails{
					PreemptionAction: core.TerminatePreemptionAction{PreserveBootVolume: ptr.To(false)},
				}
			}),
		},
	}
}

// platformAndVolumeCases are platform configurations of two types and volume attachments of both kinds.
func platformAndVolumeCases() []launchCase {
	return []launchCase{
		{
			name: "AMD Milan bare metal platform",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "AMD_MILAN_BM", AmdMilanBmPlatformConfig: &infrav1.AmdMilanBmPlatformConfig{
					IsSecureBootEnabled: ptr.To(true), NumaNodesPerSocket: "NPS2", PercentageOfCoresEnabled: ptr.To(50),
				}}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.PlatformConfig = core.AmdMilanBmLaunchInstancePlatformConfig{IsSecureBootEnabled: ptr.To(true), PercentageOfCoresEnabled: ptr.To(50),
					NumaNodesPerSocket: core.AmdMilanBmLaunchInstancePlatformConfigNumaNodesPerSocketNps2}
			}),
		},
		{
			name: "Intel VM platform",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "INTEL_VM",
					IntelVMPlatformConfig: &infrav1.IntelVMPlatformConfig{IsMeasuredBootEnabled: ptr.To(true)}}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.PlatformConfig = core.IntelVmLaunchInstancePlatformConfig{IsMeasuredBootEnabled: ptr.To(true)}
			}),
		},
		{
			name: "launch volume attachments of both kinds",
			spec: testSpec(func(s *infrav1.OCIMachineSpec) {
				s.LaunchVolumeAttachments = []infrav1.LaunchVolumeAttachment{
					{VolumeType: "iscsi", LaunchIscsiVolumeAttachment: &infrav1.LaunchIscsiVolumeAttachment{
						Device: "/dev/oracleoci/oraclevdb", UseChap: ptr.To(true), EncryptionInTransitType: "BM_ENCRYPTION_IN_TRANSIT",
						LaunchCreateVolumeFromAttributes: &infrav1.LaunchCreateVolumeFromAttributes{
							SizeInGBs: ptr.To[int64](100), VpusPerGB: ptr.To[int64](10), DisplayName: "data", KMSKeyID: "ocid1.key.oc1..k",
						},
					}},
					{VolumeType: "paravirtualized", LaunchParavirtualizedVolumeAttachment: &infrav1.LaunchParavirtualizedVolumeAttachment{
						VolumeID: "ocid1.volume.oc1..v", IsReadOnly: ptr.To(true), IsPvEncryptionInTransitEnabled: ptr.To(true),
					}},
					{LaunchIscsiVolumeAttachment: &infrav1.LaunchIscsiVolumeAttachment{DisplayName: "no volumeType: left out"}},
				}
			}),
			want: want(func(d *core.LaunchInstanceDetails) {
				d.LaunchVolumeAttachments = []core.LaunchAttachVolumeDetails{
					core.LaunchAttachIScsiVolumeDetails{
						Device: ptr.To("/dev/oracleoci/oraclevdb"), UseChap: ptr.To(true),
						EncryptionInTransitType: core.EncryptionInTransitTypeBmEncryptionInTransit,
						LaunchCreateVolumeDetails: core.LaunchCreateVolumeFromAttributes{
							SizeInGBs: ptr.To[int64](100), VpusPerGB: ptr.To[int64](10), DisplayName: ptr.To("data"), KmsKeyId: ptr.To("ocid1.key.oc1..k"),
						},
					},
					core.LaunchAttachParavirtualizedVolumeDetails{
						VolumeId: ptr.To("ocid1.volume.oc1..v"), IsReadOnly: ptr.To(true), IsPvEncryptionInTransitEnabled: ptr.To(true),
					},
				}
			}),
		},
	}
}

// errorCases are bad values, each giving an error that names its field.
func errorCases() []launchCase {
	bad := func(wantErr string, edit func(s *infrav1.OCIMachineSpec)) launchCase {
		return launchCase{name: wantErr, spec: testSpec(edit), wantErr: wantErr}
	}
	return []launchCase{
		bad(`spec.shapeConfig.ocpus: "abc" is not a number`, func(s *infrav1.OCIMachineSpec) {
			s.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "abc"}
		}),
		bad(`spec.shapeConfig.memoryInGBs: "NaN" is not a finite number`, func(s *infrav1.OCIMachineSpec) {
			s.ShapeConfig = &infrav1.ShapeConfig{MemoryInGBs: "NaN"}
		}),
		bad(`spec.shapeConfig.baselineOcpuUtilization: "BASELINE_1_3" is not one of`, func(s *infrav1.OCIMachineSpec) {
			s.ShapeConfig = &infrav1.ShapeConfig{BaselineOcpuUtilization: "BASELINE_1_3"}
		}),
		bad(`spec.bootVolumeSizeInGBs: "50GB" is not a number`, func(s *infrav1.OCIMachineSpec) { s.BootVolumeSizeInGBs = "50GB" }),
		bad(`spec.launchOptions.firmware: "EFI" is not one of`, func(s *infrav1.OCIMachineSpec) {
			s.LaunchOptions = &infrav1.LaunchOptions{Firmware: "EFI"}
		}),
		bad(`spec.agentConfig.pluginsConfigs[1].desiredState: "ON" is not one of ENABLED, DISABLED`, func(s *infrav1.OCIMachineSpec) {
			s.AgentConfig = &infrav1.AgentConfig{PluginsConfigs: []infrav1.InstanceAgentPluginConfig{{Name: "a"}, {Name: "b", DesiredState: "ON"}}}
		}),
		bad(`spec.availabilityConfig.recoveryAction: "REBOOT" is not one of`, func(s *infrav1.OCIMachineSpec) {
			s.AvailabilityConfig = &infrav1.AvailabilityConfig{RecoveryAction: "REBOOT"}
		}),
		bad(`spec.platformConfig.platformConfigType: "ARM_BM" is not one of`, func(s *infrav1.OCIMachineSpec) {
			s.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "ARM_BM"}
		}),
		bad(`spec.platformConfig.intelIcelakeBmPlatformConfig.numaNodesPerSocket: "NPS4" is not one of NPS1, NPS2`, func(s *infrav1.OCIMachineSpec) {
			s.PlatformConfig = &infrav1.PlatformConfig{PlatformConfigType: "INTEL_ICELAKE_BM",
				IntelIcelakeBmPlatformConfig: &infrav1.IntelIcelakeBmPlatformConfig{NumaNodesPerSocket: "NPS4"}}
		}),
		bad(`spec.launchVolumeAttachments[0].volumeType: "nvme" is not one of iscsi, paravirtualized`, func(s *infrav1.OCIMachineSpec) {
			s.LaunchVolumeAttachments = []infrav1.LaunchVolumeAttachment{{VolumeType: "nvme"}}
		}),
		bad(`spec.launchVolumeAttachments[0].launchIscsiVolumeAttachment.encryptionInTransitType: "TLS" is not one of`, func(s *infrav1.OCIMachineSpec) {
			s.LaunchVolumeAttachments = []infrav1.LaunchVolumeAttachment{{VolumeType: "iscsi",
				LaunchIscsiVolumeAttachment: &infrav1.LaunchIscsiVolumeAttachment{EncryptionInTransitType: "TLS"}}}
		}),
		bad(`spec.extendedMetadata[bad]: not valid JSON`, func(s *infrav1.OCIMachineSpec) {
			s.ExtendedMetadata = map[string]apiextensionsv1.JSON{"bad": {Raw: []byte(`{"a":`)}}
		}),
	}
}

func TestLaunchDetailsMetadataLimit(t *testing.T) {
	// 23,991 bytes of bootstrap data are 31,988 in base64; with the key user_data (9 bytes) and the metadata entry
	// a=bb (3 bytes) the metadata is exactly at the limit.
	userData := strings.Repeat("x", 23991)
	atLimit := testSpec(func(s *infrav1.OCIMachineSpec) { s.Metadata = map[string]string{"a": "bb"} })
	if _, err := LaunchDetails(testLaunch(atLimit, userData)); err != nil {
		t.Fatalf("metadata of exactly %d bytes: %v", MaxMetadataBytes, err)
	}

	over := testSpec(func(s *infrav1.OCIMachineSpec) { s.Metadata = map[string]string{"a": "bbb"} })
	_, err := LaunchDetails(testLaunch(over, userData))
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) {
		t.Fatalf("error = %v, want a *TooLargeError", err)
	}
	if tooLarge.Size != MaxMetadataBytes+1 {
		t.Errorf("Size = %d, want %d", tooLarge.Size, MaxMetadataBytes+1)
	}
	for _, part := range []string{"spec.metadata", "bootstrap data", "32001", "32000"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not name %q", err, part)
		}
	}

	extended := testSpec(func(s *infrav1.OCIMachineSpec) {
		s.Metadata = map[string]string{"a": "bb"}
		s.ExtendedMetadata = map[string]apiextensionsv1.JSON{"e": {Raw: []byte(`1`)}}
	})
	if _, err := LaunchDetails(testLaunch(extended, userData)); !errors.As(err, &tooLarge) {
		t.Errorf("extended metadata over the limit: error = %v, want a *TooLargeError", err)
	}
}
