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

package v1beta3

// The volumes and VNICs attached to an OCIMachine's instance.

// BlockVolumeSpec describes a block volume to create and attach to an instance.
type BlockVolumeSpec struct {
	// AutotunePolicies are the autotune policies of the volume.
	// +optional
	AutotunePolicies []AutotunePolicy `json:"autotunePolicies,omitempty"`

	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// SizeInGBs is the size of the volume in GBs.
	// +optional
	SizeInGBs *int `json:"sizeInGBs,omitempty"`

	// VolumeType is the type of volume.
	// +optional
	VolumeType string `json:"volumeType,omitempty"`

	// VpusPerGB is the performance of the volume in VPUs per GB.
	// +optional
	VpusPerGB *int `json:"vpusPerGB,omitempty"`
}

// AutotunePolicy is an autotune policy of a block volume.
type AutotunePolicy struct {
	// AutotuneType is the type of autotune policy: DETACHED_VOLUME or PERFORMANCE_BASED.
	// +required
	AutotuneType string `json:"autotuneType"`

	// MaxVpusPerGB is the maximum performance, in VPUs per GB, autotune may raise the volume to.
	// +optional
	MaxVpusPerGB *int `json:"maxVpusPerGB,omitempty"`
}

// InstanceSourceViaImageConfig configures the boot volume created from an image.
type InstanceSourceViaImageConfig struct {
	// BootVolumeVpusPerGB is the performance of the boot volume in VPUs per GB.
	// +optional
	BootVolumeVpusPerGB *int64 `json:"bootVolumeVpusPerGB,omitempty"`

	// KMSKeyID is the OCID of the Vault key used for encryption.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`
}

// LaunchVolumeAttachment is a volume created and attached when an instance is launched.
type LaunchVolumeAttachment struct {
	// LaunchIscsiVolumeAttachment describes an iSCSI attachment.
	// +optional
	LaunchIscsiVolumeAttachment *LaunchIscsiVolumeAttachment `json:"launchIscsiVolumeAttachment,omitempty"`

	// LaunchParavirtualizedVolumeAttachment describes a paravirtualized attachment.
	// +optional
	LaunchParavirtualizedVolumeAttachment *LaunchParavirtualizedVolumeAttachment `json:"launchParavirtualizedVolumeAttachment,omitempty"`

	// VolumeType selects the attachment kind: iscsi or paravirtualized.
	// +optional
	VolumeType string `json:"volumeType,omitempty"`
}

// LaunchIscsiVolumeAttachment describes an iSCSI volume attachment made at launch.
type LaunchIscsiVolumeAttachment struct {
	// Device is the device path of the attachment.
	// +optional
	Device string `json:"device,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// EncryptionInTransitType is the in-transit encryption type of the iSCSI attachment.
	// +optional
	EncryptionInTransitType string `json:"encryptionInTransitType,omitempty"`

	// IsAgentAutoIscsiLoginEnabled lets the agent log in to the iSCSI target automatically.
	// +optional
	IsAgentAutoIscsiLoginEnabled *bool `json:"isAgentAutoIscsiLoginEnabled,omitempty"`

	// IsReadOnly attaches the volume read-only.
	// +optional
	IsReadOnly *bool `json:"isReadOnly,omitempty"`

	// IsShareable attaches the volume in shareable mode.
	// +optional
	IsShareable *bool `json:"isShareable,omitempty"`

	// LaunchCreateVolumeFromAttributes describes the volume to create.
	// +optional
	LaunchCreateVolumeFromAttributes *LaunchCreateVolumeFromAttributes `json:"launchCreateVolumeFromAttributes,omitempty"`

	// UseChap uses CHAP authentication for the iSCSI attachment.
	// +optional
	UseChap *bool `json:"useChap,omitempty"`

	// VolumeID is the OCID of an existing volume to attach.
	// +optional
	VolumeID string `json:"volumeId,omitempty"`
}

// LaunchCreateVolumeFromAttributes describes a volume created at launch.
type LaunchCreateVolumeFromAttributes struct {
	// CompartmentID is the OCID of the compartment the resources are created in.
	// +optional
	CompartmentID string `json:"compartmentId,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// KMSKeyID is the OCID of the Vault key used for encryption.
	// +optional
	KMSKeyID string `json:"kmsKeyId,omitempty"`

	// SizeInGBs is the size of the volume in GBs.
	// +optional
	SizeInGBs *int64 `json:"sizeInGBs,omitempty"`

	// VpusPerGB is the performance of the volume in VPUs per GB.
	// +optional
	VpusPerGB *int64 `json:"vpusPerGB,omitempty"`
}

// LaunchParavirtualizedVolumeAttachment describes a paravirtualized volume attachment made at launch.
type LaunchParavirtualizedVolumeAttachment struct {
	// Device is the device path of the attachment.
	// +optional
	Device string `json:"device,omitempty"`

	// DisplayName is the user-friendly name of the resource.
	// +optional
	DisplayName string `json:"displayName,omitempty"`

	// IsPvEncryptionInTransitEnabled enables in-transit encryption of paravirtualized volume attachments.
	// +optional
	IsPvEncryptionInTransitEnabled *bool `json:"isPvEncryptionInTransitEnabled,omitempty"`

	// IsReadOnly attaches the volume read-only.
	// +optional
	IsReadOnly *bool `json:"isReadOnly,omitempty"`

	// IsShareable attaches the volume in shareable mode.
	// +optional
	IsShareable *bool `json:"isShareable,omitempty"`

	// LaunchCreateVolumeFromAttributes describes the volume to create.
	// +optional
	LaunchCreateVolumeFromAttributes *LaunchCreateVolumeFromAttributes `json:"launchCreateVolumeFromAttributes,omitempty"`

	// VolumeID is the OCID of an existing volume to attach.
	// +optional
	VolumeID string `json:"volumeId,omitempty"`
}

// VnicAttachment is a secondary VNIC attached to an instance.
type VnicAttachment struct {
	// AssignPublicIP assigns a public IP address to the VNIC.
	// +optional
	AssignPublicIP *bool `json:"assignPublicIp,omitempty"`

	// DisplayName is the display name of the VNIC; it identifies the attachment.
	// +required
	DisplayName string `json:"displayName"`

	// NicIndex is the index of the physical NIC the VNIC uses.
	// +optional
	NicIndex *int `json:"nicIndex,omitempty"`

	// SubnetName is the name of the subnet, as declared in the cluster network spec.
	// +optional
	SubnetName string `json:"subnetName,omitempty"`

	// VnicAttachmentID is the OCID of the VNIC attachment; the controller records it once attached.
	// +optional
	VnicAttachmentID string `json:"vnicAttachmentId,omitempty"`
}
