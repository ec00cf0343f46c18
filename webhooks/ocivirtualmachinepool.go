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

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// +kubebuilder:webhook:path=/mutate-infrastructure-cluster-x-k8s-io-v1beta3-ocivirtualmachinepool,mutating=true,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocivirtualmachinepools,verbs=create;update,versions=v1beta3,name=default.ocivirtualmachinepool.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocivirtualmachinepool,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocivirtualmachinepools,verbs=create;update,versions=v1beta3,name=validation.ocivirtualmachinepool.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// DefaultVirtualPodShape is the shape of the pods of a virtual node pool when none is given.
const DefaultVirtualPodShape = "Pod.Standard.E4.Flex"

// OCIVirtualMachinePool defaults and validates OCIVirtualMachinePool objects (an OKE virtual node pool).
type OCIVirtualMachinePool struct {
	// Options let the manager replace an owned OCID; nil applies the write-once rule to every request.
	Options *Options
}

var (
	_ admission.Defaulter[*infrav1exp.OCIVirtualMachinePool] = &OCIVirtualMachinePool{}
	_ admission.Validator[*infrav1exp.OCIVirtualMachinePool] = &OCIVirtualMachinePool{}
)

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCIVirtualMachinePool) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup(mgr, &infrav1exp.OCIVirtualMachinePool{}, w, w)
}

// Default puts the pods of a virtual node pool on the cluster's default pod subnet and NSG with the
// Pod.Standard.E4.Flex shape, each where not given, as the earlier provider does. A pool created with an empty
// (or null) spec gets all three.
func (w *OCIVirtualMachinePool) Default(_ context.Context, p *infrav1exp.OCIVirtualMachinePool) error {
	if p.Spec.PodConfiguration == nil {
		p.Spec.PodConfiguration = &infrav1exp.PodConfig{}
	}
	c := p.Spec.PodConfiguration
	if c.NSGNames == nil {
		c.NSGNames = []string{RolePod}
	}
	if c.SubnetName == "" {
		c.SubnetName = RolePod
	}
	if c.Shape == "" {
		c.Shape = DefaultVirtualPodShape
	}
	return nil
}

// ValidateCreate validates a new virtual node pool.
func (w *OCIVirtualMachinePool) ValidateCreate(_ context.Context, p *infrav1exp.OCIVirtualMachinePool) (admission.Warnings, error) {
	return nil, invalid(gkOf(p), p.Name, validateVirtualPoolSpec(field.NewPath("spec"), &p.Spec))
}

// ValidateUpdate validates a virtual node pool; its OCID is write-once.
func (w *OCIVirtualMachinePool) ValidateUpdate(ctx context.Context, oldP, newP *infrav1exp.OCIVirtualMachinePool) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	errs := validateVirtualPoolSpec(spec, &newP.Spec)
	r := w.Options.replacerFor(ctx, oldP.Status.Resources)
	errs = append(errs, r.writeOnce(spec.Child("id"), oldP.Spec.ID, newP.Spec.ID)...)
	errs = append(errs, writeOnce(spec.Child("providerID"), ptr.Deref(oldP.Spec.ProviderID, ""), ptr.Deref(newP.Spec.ProviderID, ""))...)
	err := invalid(gkOf(newP), newP.Name, errs)
	w.Options.record(newP, r, err)
	return nil, err
}

// ValidateDelete allows every deletion.
func (w *OCIVirtualMachinePool) ValidateDelete(context.Context, *infrav1exp.OCIVirtualMachinePool) (admission.Warnings, error) {
	return nil, nil
}

func validateVirtualPoolSpec(path *field.Path, s *infrav1exp.OCIVirtualMachinePoolSpec) field.ErrorList {
	errs := validateOCID(path.Child("id"), s.ID)
	errs = append(errs, validateProviderIDList(path.Child("providerIDList"), s.ProviderIDList)...)
	errs = append(errs, validateUnique(path.Child("nsgNames"), s.NSGNames)...)
	for i, p := range s.PlacementConfigs {
		errs = append(errs, validateFaultDomains(path.Child("placementConfigs").Index(i).Child("faultDomains"), p.FaultDomains)...)
	}
	if c := s.PodConfiguration; c != nil {
		errs = append(errs, validateUnique(path.Child("podConfiguration", "nsgNames"), c.NSGNames)...)
	}
	for i, t := range s.Taints {
		tp := path.Child("taints").Index(i)
		if t.Key == "" {
			errs = append(errs, field.Required(tp.Child("key"), "a taint needs a key"))
		}
		errs = append(errs, validateEnum(tp.Child("effect"), t.Effect, "NoSchedule", "PreferNoSchedule", "NoExecute")...)
	}
	for i, l := range s.InitialVirtualNodeLabels {
		if l.Key == "" {
			errs = append(errs, field.Required(path.Child("initialVirtualNodeLabels").Index(i).Child("key"), "a label needs a key"))
		}
	}
	return errs
}
