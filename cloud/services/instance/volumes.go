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
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The volume types of spec.launchVolumeAttachments[].volumeType.
const (
	volumeTypeISCSI           = "iscsi"
	volumeTypeParavirtualized = "paravirtualized"
)

// launchVolumeAttachments are the volumes created or attached at launch. An attachment without a volumeType is
// left out, as the v1beta2 provider left it out; the attachment kind volumeType selects may be absent, its
// settings are then all unset.
func launchVolumeAttachments(list []infrav1.LaunchVolumeAttachment) ([]core.LaunchAttachVolumeDetails, error) {
	var out []core.LaunchAttachVolumeDetails
	for i, a := range list {
		path := fmt.Sprintf("spec.launchVolumeAttachments[%d]", i)
		switch a.VolumeType {
		case "":
			continue
		case volumeTypeISCSI:
			d, err := iscsiAttachment(path+".launchIscsiVolumeAttachment",
				ptr.Deref(a.LaunchIscsiVolumeAttachment, infrav1.LaunchIscsiVolumeAttachment{}))
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		case volumeTypeParavirtualized:
			out = append(out, paravirtualizedAttachment(
				ptr.Deref(a.LaunchParavirtualizedVolumeAttachment, infrav1.LaunchParavirtualizedVolumeAttachment{})))
		default:
			return nil, fmt.Errorf("%s.volumeType: %q is not one of %s, %s", path, a.VolumeType, volumeTypeISCSI,
				volumeTypeParavirtualized)
		}
	}
	return out, nil
}

// iscsiAttachment is an iSCSI attachment of the volume volumeId names or, without one, of a volume created from
// launchCreateVolumeFromAttributes.
func iscsiAttachment(path string, a infrav1.LaunchIscsiVolumeAttachment) (core.LaunchAttachIScsiVolumeDetails, error) {
	encryption, err := enumValue(path+".encryptionInTransitType", a.EncryptionInTransitType,
		core.GetMappingEncryptionInTransitTypeEnum, core.GetEncryptionInTransitTypeEnumStringValues)
	if err != nil {
		return core.LaunchAttachIScsiVolumeDetails{}, err
	}
	d := core.LaunchAttachIScsiVolumeDetails{
		Device:                       optional(a.Device),
		DisplayName:                  optional(a.DisplayName),
		IsReadOnly:                   a.IsReadOnly,
		IsShareable:                  a.IsShareable,
		UseChap:                      a.UseChap,
		IsAgentAutoIscsiLoginEnabled: a.IsAgentAutoIscsiLoginEnabled,
		EncryptionInTransitType:      encryption,
	}
	if a.VolumeID != "" {
		d.VolumeId = &a.VolumeID
	} else {
		d.LaunchCreateVolumeDetails = createVolume(a.LaunchCreateVolumeFromAttributes)
	}
	return d, nil
}

// paravirtualizedAttachment is a paravirtualized attachment of the volume volumeId names or, without one, of a
// volume created from launchCreateVolumeFromAttributes.
func paravirtualizedAttachment(a infrav1.LaunchParavirtualizedVolumeAttachment) core.LaunchAttachParavirtualizedVolumeDetails {
	d := core.LaunchAttachParavirtualizedVolumeDetails{
		Device:                         optional(a.Device),
		DisplayName:                    optional(a.DisplayName),
		IsReadOnly:                     a.IsReadOnly,
		IsShareable:                    a.IsShareable,
		IsPvEncryptionInTransitEnabled: a.IsPvEncryptionInTransitEnabled,
	}
	if a.VolumeID != "" {
		d.VolumeId = &a.VolumeID
	} else {
		d.LaunchCreateVolumeDetails = createVolume(a.LaunchCreateVolumeFromAttributes)
	}
	return d
}

// createVolume is the volume to create for an attachment; absent attributes are sent unset, as the v1beta2 provider
// sent them.
func createVolume(a *infrav1.LaunchCreateVolumeFromAttributes) core.LaunchCreateVolumeFromAttributes {
	c := ptr.Deref(a, infrav1.LaunchCreateVolumeFromAttributes{})
	return core.LaunchCreateVolumeFromAttributes{
		SizeInGBs:     c.SizeInGBs,
		CompartmentId: optional(c.CompartmentID),
		DisplayName:   optional(c.DisplayName),
		KmsKeyId:      optional(c.KMSKeyID),
		VpusPerGB:     c.VpusPerGB,
	}
}
