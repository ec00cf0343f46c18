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
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:webhook:path=/mutate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedcluster,mutating=true,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedclusters,verbs=create;update,versions=v1beta3,name=default.ocimanagedcluster.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedcluster,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedclusters,verbs=create;update,versions=v1beta3,name=validation.ocimanagedcluster.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedclustertemplate,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedclustertemplates,verbs=create;update,versions=v1beta3,name=validation.ocimanagedclustertemplate.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// OCIManagedCluster defaults and validates OCIManagedCluster objects (the network of an OKE cluster).
type OCIManagedCluster struct {
	// Options let the manager replace owned OCIDs; nil applies the write-once rule to every request.
	Options *Options
}

var (
	_ admission.Defaulter[*infrav1.OCIManagedCluster] = &OCIManagedCluster{}
	_ admission.Validator[*infrav1.OCIManagedCluster] = &OCIManagedCluster{}
)

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCIManagedCluster) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup(mgr, &infrav1.OCIManagedCluster{}, w, w)
}

// Default sets the stable identifier once and the OKE network layout.
func (w *OCIManagedCluster) Default(_ context.Context, c *infrav1.OCIManagedCluster) error {
	defaultResourceIdentifier(&c.Spec.OCIResourceIdentifier)
	defaultOCIManagedClusterSpec(&c.Spec)
	return nil
}

// ValidateCreate validates a new OCIManagedCluster.
func (w *OCIManagedCluster) ValidateCreate(_ context.Context, c *infrav1.OCIManagedCluster) (admission.Warnings, error) {
	return nil, invalid(gkOf(c), c.Name, validateOCIManagedClusterSpec(field.NewPath("spec"), &c.Spec))
}

// ValidateUpdate validates an OCIManagedCluster and refuses the changes OCI cannot make in place.
func (w *OCIManagedCluster) ValidateUpdate(ctx context.Context, oldC, newC *infrav1.OCIManagedCluster) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	oldSpec := oldC.Spec.DeepCopy()
	defaultOCIManagedClusterSpec(oldSpec)
	errs := validateOCIManagedClusterSpec(spec, &newC.Spec)
	errs = append(errs, immutable(spec.Child("compartmentId"), oldSpec.CompartmentID, newC.Spec.CompartmentID)...)
	errs = append(errs, immutable(spec.Child("region"), oldSpec.Region, newC.Spec.Region)...)
	errs = append(errs, writeOnce(spec.Child("ociResourceIdentifier"), oldSpec.OCIResourceIdentifier, newC.Spec.OCIResourceIdentifier)...)
	errs = append(errs, validateEndpointUpdate(spec.Child("controlPlaneEndpoint"), oldSpec.ControlPlaneEndpoint, newC.Spec.ControlPlaneEndpoint)...)
	r := w.Options.replacerFor(ctx, oldC.Status.Resources)
	errs = append(errs, validateNetworkUpdate(spec.Child("networkSpec"), &oldSpec.NetworkSpec, &newC.Spec.NetworkSpec, r)...)
	err := invalid(gkOf(newC), newC.Name, errs)
	w.Options.record(newC, r, err)
	return nil, err
}

// ValidateDelete allows every deletion.
func (w *OCIManagedCluster) ValidateDelete(context.Context, *infrav1.OCIManagedCluster) (admission.Warnings, error) {
	return nil, nil
}

// defaultOCIManagedClusterSpec fills the VCN CIDR and the OKE subnet layout (endpoint, workers, service load
// balancers, pods). OKE runs the API server, so there is no load balancer to default.
func defaultOCIManagedClusterSpec(s *infrav1.OCIManagedClusterSpec) {
	defaultManagedNetwork(&s.NetworkSpec)
}

// validateOCIManagedClusterSpec validates an OCIManagedCluster spec at path.
func validateOCIManagedClusterSpec(path *field.Path, s *infrav1.OCIManagedClusterSpec) field.ErrorList {
	errs := validateOCID(path.Child("compartmentId"), s.CompartmentID)
	errs = append(errs, validateRegion(path.Child("region"), s.Region)...)
	errs = append(errs, validateResourceIdentifier(path.Child("ociResourceIdentifier"), s.OCIResourceIdentifier)...)
	errs = append(errs, validateIdentityRef(path.Child("identityRef"), s.IdentityRef)...)
	errs = append(errs, validateEndpoint(path.Child("controlPlaneEndpoint"), s.ControlPlaneEndpoint)...)
	errs = append(errs, validateAvailabilityDomains(path.Child("availabilityDomains"), s.AvailabilityDomains)...)
	errs = append(errs, validateClientOverrides(path.Child("hostUrl"), s.HostURL)...)
	errs = append(errs, validateTags(path, s.FreeformTags, s.DefinedTags)...)
	return append(errs, validateNetwork(path.Child("networkSpec"), &s.NetworkSpec)...)
}

// OCIManagedClusterTemplate validates OCIManagedClusterTemplate objects; nothing is defaulted in a template.
type OCIManagedClusterTemplate struct{}

var _ admission.Validator[*infrav1.OCIManagedClusterTemplate] = &OCIManagedClusterTemplate{}

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCIManagedClusterTemplate) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1.OCIManagedClusterTemplate](mgr, &infrav1.OCIManagedClusterTemplate{}, nil, w)
}

// ValidateCreate validates a new template; it must not carry a stable identifier.
func (w *OCIManagedClusterTemplate) ValidateCreate(_ context.Context, t *infrav1.OCIManagedClusterTemplate) (admission.Warnings, error) {
	s := &t.Spec.Template.Spec
	errs := validateOCIManagedClusterSpec(templateSpecPath, s)
	errs = append(errs, noResourceIdentifierInTemplate(templateSpecPath.Child("ociResourceIdentifier"), s.OCIResourceIdentifier)...)
	return nil, invalid(gkOf(t), t.Name, errs)
}

// ValidateUpdate refuses changes to the template's spec.
func (w *OCIManagedClusterTemplate) ValidateUpdate(ctx context.Context, oldT, newT *infrav1.OCIManagedClusterTemplate) (admission.Warnings, error) {
	return nil, validateTemplateUpdate(ctx, newT, &oldT.Spec.Template.Spec, &newT.Spec.Template.Spec, validateOCIManagedClusterSpec)
}

// ValidateDelete allows every deletion.
func (w *OCIManagedClusterTemplate) ValidateDelete(context.Context, *infrav1.OCIManagedClusterTemplate) (admission.Warnings, error) {
	return nil, nil
}
