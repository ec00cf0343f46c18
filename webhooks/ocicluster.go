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

// +kubebuilder:webhook:path=/mutate-infrastructure-cluster-x-k8s-io-v1beta3-ocicluster,mutating=true,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ociclusters,verbs=create;update,versions=v1beta3,name=default.ocicluster.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocicluster,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ociclusters,verbs=create;update,versions=v1beta3,name=validation.ocicluster.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// OCICluster defaults and validates OCICluster objects.
type OCICluster struct {
	// Options let the manager replace owned OCIDs; nil applies the write-once rule to every request.
	Options *Options
}

var (
	_ admission.Defaulter[*infrav1.OCICluster] = &OCICluster{}
	_ admission.Validator[*infrav1.OCICluster] = &OCICluster{}
)

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCICluster) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup(mgr, &infrav1.OCICluster{}, w, w)
}

// Default sets the stable identifier once and the defaults of the spec.
func (w *OCICluster) Default(_ context.Context, c *infrav1.OCICluster) error {
	defaultResourceIdentifier(&c.Spec.OCIResourceIdentifier)
	defaultOCIClusterSpec(&c.Spec)
	return nil
}

// ValidateCreate validates a new OCICluster.
func (w *OCICluster) ValidateCreate(_ context.Context, c *infrav1.OCICluster) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	return ociClusterWarnings(spec, &c.Spec), invalid(gkOf(c), c.Name, validateOCIClusterSpec(spec, &c.Spec))
}

// ValidateUpdate validates an OCICluster and refuses the changes OCI cannot make in place.
func (w *OCICluster) ValidateUpdate(ctx context.Context, oldC, newC *infrav1.OCICluster) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	oldSpec := oldC.Spec.DeepCopy()
	defaultOCIClusterSpec(oldSpec)
	errs := validateOCIClusterSpec(spec, &newC.Spec)
	errs = append(errs, immutable(spec.Child("compartmentId"), oldSpec.CompartmentID, newC.Spec.CompartmentID)...)
	errs = append(errs, immutable(spec.Child("region"), oldSpec.Region, newC.Spec.Region)...)
	errs = append(errs, writeOnce(spec.Child("ociResourceIdentifier"), oldSpec.OCIResourceIdentifier, newC.Spec.OCIResourceIdentifier)...)
	errs = append(errs, validateEndpointUpdate(spec.Child("controlPlaneEndpoint"), oldSpec.ControlPlaneEndpoint, newC.Spec.ControlPlaneEndpoint)...)
	r := w.Options.replacerFor(ctx, oldC.Status.Resources)
	errs = append(errs, validateNetworkUpdate(spec.Child("networkSpec"), &oldSpec.NetworkSpec, &newC.Spec.NetworkSpec, r)...)
	err := invalid(gkOf(newC), newC.Name, errs)
	w.Options.record(newC, r, err)
	return ociClusterWarnings(spec, &newC.Spec), err
}

// ValidateDelete allows every deletion.
func (w *OCICluster) ValidateDelete(context.Context, *infrav1.OCICluster) (admission.Warnings, error) {
	return nil, nil
}

// defaultOCIClusterSpec fills the default subnets and network security groups, as the earlier provider does. The
// load balancer type, its health check and the API server port are left unset: the controller takes the port from
// the Cluster's spec.clusterNetwork.apiServerPort, which a webhook cannot know. It is deterministic, so the
// validator can apply it to the old object too.
func defaultOCIClusterSpec(s *infrav1.OCIClusterSpec) {
	defaultSelfManagedNetwork(&s.NetworkSpec)
}

// ociClusterWarnings are the admission warnings of an OCICluster spec at path.
func ociClusterWarnings(path *field.Path, s *infrav1.OCIClusterSpec) admission.Warnings {
	return loadBalancerWarnings(path.Child("networkSpec", "apiServerLoadBalancer"), s.NetworkSpec.APIServerLoadBalancer)
}

// validateOCIClusterSpec validates an OCICluster spec at path (spec, or spec.template.spec in a template).
func validateOCIClusterSpec(path *field.Path, s *infrav1.OCIClusterSpec) field.ErrorList {
	errs := validateOCID(path.Child("compartmentId"), s.CompartmentID)
	errs = append(errs, validateRegion(path.Child("region"), s.Region)...)
	errs = append(errs, validateResourceIdentifier(path.Child("ociResourceIdentifier"), s.OCIResourceIdentifier)...)
	errs = append(errs, validateIdentityRef(path.Child("identityRef"), s.IdentityRef)...)
	errs = append(errs, validateEndpoint(path.Child("controlPlaneEndpoint"), s.ControlPlaneEndpoint)...)
	errs = append(errs, validateAvailabilityDomains(path.Child("availabilityDomains"), s.AvailabilityDomains)...)
	errs = append(errs, validateClientOverrides(path.Child("clientOverrides"), s.ClientOverrides)...)
	errs = append(errs, validateTags(path, s.FreeformTags, s.DefinedTags)...)
	return append(errs, validateNetwork(path.Child("networkSpec"), &s.NetworkSpec)...)
}
