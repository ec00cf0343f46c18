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

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ociclustertemplate,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ociclustertemplates,verbs=create;update,versions=v1beta3,name=validation.ociclustertemplate.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// OCIClusterTemplate validates OCIClusterTemplate objects. Nothing is defaulted in a template, as with the earlier
// provider: Cluster API's ClusterClass topology compares templates, and defaults belong to the objects made from
// them.
type OCIClusterTemplate struct{}

var _ admission.Validator[*infrav1.OCIClusterTemplate] = &OCIClusterTemplate{}

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCIClusterTemplate) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1.OCIClusterTemplate](mgr, &infrav1.OCIClusterTemplate{}, nil, w)
}

// ValidateCreate validates a new template; it must not carry a stable identifier.
func (w *OCIClusterTemplate) ValidateCreate(_ context.Context, t *infrav1.OCIClusterTemplate) (admission.Warnings, error) {
	s := &t.Spec.Template.Spec
	errs := validateOCIClusterSpec(templateSpecPath, s)
	errs = append(errs, noResourceIdentifierInTemplate(templateSpecPath.Child("ociResourceIdentifier"), s.OCIResourceIdentifier)...)
	return ociClusterWarnings(templateSpecPath, s), invalid(gkOf(t), t.Name, errs)
}

// ValidateUpdate refuses changes to the template's spec.
func (w *OCIClusterTemplate) ValidateUpdate(ctx context.Context, oldT, newT *infrav1.OCIClusterTemplate) (admission.Warnings, error) {
	return ociClusterWarnings(templateSpecPath, &newT.Spec.Template.Spec), validateTemplateUpdate(ctx, newT, &oldT.Spec.Template.Spec, &newT.Spec.Template.Spec, validateOCIClusterSpec)
}

// ValidateDelete allows every deletion.
func (w *OCIClusterTemplate) ValidateDelete(context.Context, *infrav1.OCIClusterTemplate) (admission.Warnings, error) {
	return nil, nil
}
