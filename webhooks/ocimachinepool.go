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

	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimachinepool,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimachinepools,verbs=create;update,versions=v1beta3,name=validation.ocimachinepool.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimachinepoolmachine,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimachinepoolmachines,verbs=create;update,versions=v1beta3,name=validation.ocimachinepoolmachine.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// Kinds of machine pool an OCIMachinePoolMachine belongs to.
const (
	MachineTypeSelfManaged = "SELF_MANAGED_TYPE"
	MachineTypeManaged     = "MANAGED_TYPE"
	MachineTypeVirtual     = "VIRTUAL_TYPE"
)

// OCIMachinePool validates OCIMachinePool objects (an OCI instance pool).
type OCIMachinePool struct {
	// Options let the manager replace an owned OCID; nil applies the write-once rule to every request.
	Options *Options
}

var _ admission.Validator[*infrav1exp.OCIMachinePool] = &OCIMachinePool{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIMachinePool) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1exp.OCIMachinePool](mgr, &infrav1exp.OCIMachinePool{}, nil, w)
}

// ValidateCreate validates a new pool.
func (w *OCIMachinePool) ValidateCreate(_ context.Context, p *infrav1exp.OCIMachinePool) (admission.Warnings, error) {
	return nil, invalid(gkOf(p), p.Name, validateMachinePoolSpec(field.NewPath("spec"), &p.Spec))
}

// ValidateUpdate validates a pool; its instance pool OCID is write-once. The instance configuration may change:
// the controller replaces it and rolls the pool.
func (w *OCIMachinePool) ValidateUpdate(ctx context.Context, oldP, newP *infrav1exp.OCIMachinePool) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	errs := validateMachinePoolSpec(spec, &newP.Spec)
	r := w.Options.replacerFor(ctx, oldP.Status.Resources)
	errs = append(errs, r.writeOnce(spec.Child("ocid"), oldP.Spec.OCID, newP.Spec.OCID)...)
	errs = append(errs, writeOnce(spec.Child("providerID"), ptr.Deref(oldP.Spec.ProviderID, ""), ptr.Deref(newP.Spec.ProviderID, ""))...)
	err := invalid(gkOf(newP), newP.Name, errs)
	w.Options.record(newP, r, err)
	return nil, err
}

// ValidateDelete allows every deletion.
func (w *OCIMachinePool) ValidateDelete(context.Context, *infrav1exp.OCIMachinePool) (admission.Warnings, error) {
	return nil, nil
}

func validateMachinePoolSpec(path *field.Path, s *infrav1exp.OCIMachinePoolSpec) field.ErrorList {
	errs := validateOCID(path.Child("ocid"), s.OCID)
	errs = append(errs, validateProviderIDList(path.Child("providerIDList"), s.ProviderIDList)...)
	for i, p := range s.PlacementDetails {
		if p.AvailabilityDomain < 1 || p.AvailabilityDomain > 3 {
			errs = append(errs, field.Invalid(path.Child("placementDetails").Index(i).Child("availabilityDomain"),
				p.AvailabilityDomain, "must be the number of an availability domain: 1, 2 or 3"))
		}
	}
	errs = append(errs, validatePoolStrategy(path.Child("strategy"), s.Strategy)...)
	for i, lb := range s.LoadBalancers {
		errs = append(errs, validateOCID(path.Child("loadBalancers").Index(i).Child("loadBalancerId"), lb.LoadBalancerID)...)
	}
	c := s.InstanceConfiguration
	if c == nil {
		return errs
	}
	ic := path.Child("instanceConfiguration")
	errs = append(errs, validateOCID(ic.Child("instanceConfigurationId"), c.InstanceConfigurationID)...)
	errs = append(errs, validateOCID(ic.Child("capacityReservationId"), c.CapacityReservationID)...)
	errs = append(errs, validateOCID(ic.Child("dedicatedVmHostId"), c.DedicatedVMHostID)...)
	errs = append(errs, validateShapeConfig(ic.Child("shapeConfig"), c.ShapeConfig)...)
	errs = append(errs, validateNetworkDetails(ic.Child("instanceVnicConfiguration"), c.InstanceVnicConfiguration)...)
	errs = append(errs, validateInstanceOptions(ic, c.AgentConfig, c.AvailabilityConfig, c.PlatformConfig)...)
	if src := c.InstanceSourceViaImageConfig; src != nil {
		sp := ic.Child("instanceSourceViaImageConfig")
		errs = append(errs, validateOCID(sp.Child("imageId"), src.ImageID)...)
		errs = append(errs, validateOCID(sp.Child("kmsKeyId"), src.KMSKeyID)...)
		errs = append(errs, validateRange64(sp.Child("bootVolumeSizeInGBs"), src.BootVolumeSizeInGBs, minBootVolumeGBs, maxVolumeGBs)...)
		errs = append(errs, validateRange64(sp.Child("bootVolumeVpusPerGB"), src.BootVolumeVpusPerGB, 10, 120)...)
	}
	return errs
}

// validatePoolStrategy checks a rolling update's bounds: each a non-negative number or a percentage from 0% to
// 100%, and not both zero (the update could then never replace an instance).
func validatePoolStrategy(path *field.Path, s *infrav1exp.MachinePoolStrategy) field.ErrorList {
	if s == nil || s.RollingUpdate == nil {
		return nil
	}
	ru, rp := s.RollingUpdate, path.Child("rollingUpdate")
	var errs field.ErrorList
	zero := 0
	for _, b := range []struct {
		name  string
		value *intstr.IntOrString
	}{{"maxSurge", ru.MaxSurge}, {"maxUnavailable", ru.MaxUnavailable}} {
		if b.value == nil {
			continue
		}
		n, err := intstr.GetScaledValueFromIntOrPercent(b.value, 100, true)
		switch {
		case err != nil || n < 0 || (b.value.Type == intstr.String && n > 100):
			errs = append(errs, field.Invalid(rp.Child(b.name), b.value.String(), "must be a number of instances (0 or more) or a percentage from 0% to 100%"))
		case n == 0:
			zero++
		}
	}
	// Unset, maxSurge is 1 and maxUnavailable 0: both are zero only when both are given as zero.
	if zero == 2 {
		errs = append(errs, field.Invalid(rp.Child("maxUnavailable"), ru.MaxUnavailable.String(), "maxSurge and maxUnavailable cannot both be 0"))
	}
	return errs
}

// OCIMachinePoolMachine validates OCIMachinePoolMachine objects, which the pool controllers write.
type OCIMachinePoolMachine struct{}

var _ admission.Validator[*infrav1exp.OCIMachinePoolMachine] = &OCIMachinePoolMachine{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIMachinePoolMachine) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1exp.OCIMachinePoolMachine](mgr, &infrav1exp.OCIMachinePoolMachine{}, nil, w)
}

// ValidateCreate validates a new pool machine.
func (w *OCIMachinePoolMachine) ValidateCreate(_ context.Context, m *infrav1exp.OCIMachinePoolMachine) (admission.Warnings, error) {
	return nil, invalid(gkOf(m), m.Name, validatePoolMachineSpec(field.NewPath("spec"), &m.Spec))
}

// ValidateUpdate refuses every change except filling the instance OCID and provider ID once: a pool machine
// stands for one instance.
func (w *OCIMachinePoolMachine) ValidateUpdate(_ context.Context, oldM, newM *infrav1exp.OCIMachinePoolMachine) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	errs := validatePoolMachineSpec(spec, &newM.Spec)
	errs = append(errs, immutableStruct(spec, &oldM.Spec, &newM.Spec, "ocid", "providerID")...)
	errs = append(errs, writeOnce(spec.Child("ocid"), oldM.Spec.OCID, newM.Spec.OCID)...)
	errs = append(errs, writeOnce(spec.Child("providerID"), ptr.Deref(oldM.Spec.ProviderID, ""), ptr.Deref(newM.Spec.ProviderID, ""))...)
	return nil, invalid(gkOf(newM), newM.Name, errs)
}

// ValidateDelete allows every deletion.
func (w *OCIMachinePoolMachine) ValidateDelete(context.Context, *infrav1exp.OCIMachinePoolMachine) (admission.Warnings, error) {
	return nil, nil
}

func validatePoolMachineSpec(path *field.Path, s *infrav1exp.OCIMachinePoolMachineSpec) field.ErrorList {
	errs := validateOCID(path.Child("ocid"), s.OCID)
	errs = append(errs, validateProviderID(path.Child("providerID"), s.ProviderID)...)
	errs = append(errs, validateDisplayName(path.Child("instanceName"), s.InstanceName)...)
	return append(errs, validateEnum(path.Child("machineType"), s.MachineType,
		MachineTypeSelfManaged, MachineTypeManaged, MachineTypeVirtual)...)
}
