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

	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimachine,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimachines,verbs=create;update,versions=v1beta3,name=validation.ocimachine.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimachinetemplate,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimachinetemplates,verbs=create;update,versions=v1beta3,name=validation.ocimachinetemplate.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// OCIMachine validates OCIMachine objects. Nothing is defaulted: the shape, image and subnet are the user's choice.
type OCIMachine struct{}

var _ admission.Validator[*infrav1.OCIMachine] = &OCIMachine{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIMachine) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1.OCIMachine](mgr, &infrav1.OCIMachine{}, nil, w)
}

// ValidateCreate validates a new OCIMachine, which needs a shape.
func (w *OCIMachine) ValidateCreate(_ context.Context, m *infrav1.OCIMachine) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	errs := requireShape(spec.Child("shape"), m.Spec.Shape)
	return nil, invalid(gkOf(m), m.Name, append(errs, validateOCIMachineSpec(spec, &m.Spec)...))
}

// requireShape refuses a new machine or template without a shape, as the earlier provider does. Updates of stored
// objects without one still pass, so that their finalizers can be removed.
func requireShape(path *field.Path, shape string) field.ErrorList {
	if shape == "" {
		return field.ErrorList{field.Required(path, "the compute shape of the instance, such as VM.Standard.E4.Flex")}
	}
	return nil
}

// ValidateUpdate refuses every change except filling the instance and provider IDs once and changing tags: an
// instance cannot be changed in place, Cluster API replaces the machine instead.
func (w *OCIMachine) ValidateUpdate(_ context.Context, oldM, newM *infrav1.OCIMachine) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	errs := validateOCIMachineSpec(spec, &newM.Spec)
	errs = append(errs, immutableStruct(spec, &oldM.Spec, &newM.Spec, "instanceId", "providerID", "freeformTags", "definedTags")...)
	errs = append(errs, writeOnce(spec.Child("instanceId"), oldM.Spec.InstanceID, newM.Spec.InstanceID)...)
	errs = append(errs, writeOnce(spec.Child("providerID"), ptr.Deref(oldM.Spec.ProviderID, ""), ptr.Deref(newM.Spec.ProviderID, ""))...)
	return nil, invalid(gkOf(newM), newM.Name, errs)
}

// ValidateDelete allows every deletion.
func (w *OCIMachine) ValidateDelete(context.Context, *infrav1.OCIMachine) (admission.Warnings, error) {
	return nil, nil
}

// validateOCIMachineSpec validates an OCIMachine spec at path (spec, or spec.template.spec in a template).
func validateOCIMachineSpec(path *field.Path, s *infrav1.OCIMachineSpec) field.ErrorList {
	var errs field.ErrorList
	for _, id := range [][2]string{
		{"compartmentId", s.CompartmentID}, {"imageId", s.ImageID}, {"instanceId", s.InstanceID},
		{"capacityReservationId", s.CapacityReservationID}, {"computeClusterId", s.ComputeClusterID},
		{"dedicatedVmHostId", s.DedicatedVMHostID},
	} {
		errs = append(errs, validateOCID(path.Child(id[0]), id[1])...)
	}
	errs = append(errs, validateProviderID(path.Child("providerID"), s.ProviderID)...)
	errs = append(errs, validateWholeNumber(path.Child("bootVolumeSizeInGBs"), s.BootVolumeSizeInGBs, minBootVolumeGBs, maxVolumeGBs)...)
	errs = append(errs, validateShapeConfig(path.Child("shapeConfig"), s.ShapeConfig)...)
	errs = append(errs, validateNetworkDetails(path.Child("networkDetails"), s.NetworkDetails)...)
	errs = append(errs, validateInstanceOptions(path, s.AgentConfig, s.AvailabilityConfig, s.PlatformConfig)...)
	errs = append(errs, validateTags(path, s.FreeformTags, s.DefinedTags)...)
	if c := s.InstanceSourceViaImageConfig; c != nil {
		errs = append(errs, validateOCID(path.Child("instanceSourceViaImageConfig", "kmsKeyId"), c.KMSKeyID)...)
	}
	errs = append(errs, validateBlockVolume(path.Child("blockvolumeSpec"), s.BlockvolumeSpec)...)
	errs = append(errs, validateLaunchVolumes(path.Child("launchVolumeAttachments"), s.LaunchVolumeAttachments)...)
	return append(errs, validateVnicAttachments(path.Child("vnicAttachments"), s.VnicAttachments)...)
}

func validateBlockVolume(path *field.Path, b *infrav1.BlockVolumeSpec) field.ErrorList {
	if b == nil {
		return nil
	}
	errs := validateOCID(path.Child("compartmentId"), b.CompartmentID)
	errs = append(errs, validateDisplayName(path.Child("displayName"), b.DisplayName)...)
	errs = append(errs, validateRange(path.Child("sizeInGBs"), b.SizeInGBs, minBootVolumeGBs, maxVolumeGBs)...)
	errs = append(errs, validateRange(path.Child("vpusPerGB"), b.VpusPerGB, 0, 120)...)
	// An empty volumeType is allowed: the volume is then attached paravirtualized.
	errs = append(errs, validateEnum(path.Child("volumeType"), b.VolumeType, "iscsi", "paravirtualized")...)
	for i, p := range b.AutotunePolicies {
		errs = append(errs, validateEnum(path.Child("autotunePolicies").Index(i).Child("autotuneType"), p.AutotuneType,
			"DETACHED_VOLUME", "PERFORMANCE_BASED")...)
	}
	return errs
}

// validateLaunchVolumes checks that each attachment's volumeType matches the one attachment detail it carries.
func validateLaunchVolumes(path *field.Path, list []infrav1.LaunchVolumeAttachment) field.ErrorList {
	var errs field.ErrorList
	for i, a := range list {
		p := path.Index(i)
		errs = append(errs, validateEnum(p.Child("volumeType"), a.VolumeType, "iscsi", "paravirtualized")...)
		if a.LaunchIscsiVolumeAttachment != nil && a.LaunchParavirtualizedVolumeAttachment != nil {
			errs = append(errs, field.Forbidden(p.Child("launchParavirtualizedVolumeAttachment"),
				"launchIscsiVolumeAttachment and launchParavirtualizedVolumeAttachment are mutually exclusive"))
		}
		if a.VolumeType == "iscsi" && a.LaunchIscsiVolumeAttachment == nil {
			errs = append(errs, field.Required(p.Child("launchIscsiVolumeAttachment"), "required for volumeType iscsi"))
		}
		if a.VolumeType == "paravirtualized" && a.LaunchParavirtualizedVolumeAttachment == nil {
			errs = append(errs, field.Required(p.Child("launchParavirtualizedVolumeAttachment"), "required for volumeType paravirtualized"))
		}
	}
	return errs
}

// validateVnicAttachments checks that secondary VNICs have unique display names and valid NIC indexes.
func validateVnicAttachments(path *field.Path, list []infrav1.VnicAttachment) field.ErrorList {
	var errs field.ErrorList
	names := make([]string, 0, len(list))
	for i, v := range list {
		p := path.Index(i)
		if v.DisplayName == "" {
			errs = append(errs, field.Required(p.Child("displayName"), "a display name is required"))
		}
		errs = append(errs, validateDisplayName(p.Child("displayName"), v.DisplayName)...)
		errs = append(errs, validateRange(p.Child("nicIndex"), v.NicIndex, 0, 1)...)
		errs = append(errs, validateOCID(p.Child("vnicAttachmentId"), v.VnicAttachmentID)...)
		names = append(names, v.DisplayName)
	}
	return append(errs, validateUnique(path, names)...)
}

// OCIMachineTemplate validates OCIMachineTemplate objects; their spec is immutable.
type OCIMachineTemplate struct{}

var _ admission.Validator[*infrav1.OCIMachineTemplate] = &OCIMachineTemplate{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIMachineTemplate) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1.OCIMachineTemplate](mgr, &infrav1.OCIMachineTemplate{}, nil, w)
}

// ValidateCreate validates a new template, which needs a shape.
func (w *OCIMachineTemplate) ValidateCreate(_ context.Context, t *infrav1.OCIMachineTemplate) (admission.Warnings, error) {
	errs := requireShape(templateSpecPath.Child("shape"), t.Spec.Template.Spec.Shape)
	return nil, invalid(gkOf(t), t.Name, append(errs, validateOCIMachineSpec(templateSpecPath, &t.Spec.Template.Spec)...))
}

// ValidateUpdate refuses changes to the template's spec.
func (w *OCIMachineTemplate) ValidateUpdate(ctx context.Context, oldT, newT *infrav1.OCIMachineTemplate) (admission.Warnings, error) {
	return nil, validateTemplateUpdate(ctx, newT, &oldT.Spec.Template.Spec, &newT.Spec.Template.Spec, validateOCIMachineSpec)
}

// ValidateDelete allows every deletion.
func (w *OCIMachineTemplate) ValidateDelete(context.Context, *infrav1.OCIMachineTemplate) (admission.Warnings, error) {
	return nil, nil
}
