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
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ociclusteridentity,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ociclusteridentities,verbs=create;update,versions=v1beta3,name=validation.ociclusteridentity.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// Principal types of an OCIClusterIdentity. Workload is the earlier provider's spelling of the workload principal
// (OKE workload identity); both spellings are accepted and stored as written.
const (
	UserPrincipal     = "UserPrincipal"
	InstancePrincipal = "InstancePrincipal"
	WorkloadPrincipal = "WorkloadPrincipal"
	Workload          = "Workload"
)

// principalTypes are the accepted principal types, for error messages.
var principalTypes = []string{UserPrincipal, InstancePrincipal, Workload, WorkloadPrincipal}

// OCIClusterIdentity validates OCIClusterIdentity objects: the principal type, its secret and allowedNamespaces.
type OCIClusterIdentity struct{}

var _ admission.Validator[*infrav1.OCIClusterIdentity] = &OCIClusterIdentity{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIClusterIdentity) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1.OCIClusterIdentity](mgr, &infrav1.OCIClusterIdentity{}, nil, w)
}

// ValidateCreate validates a new identity.
func (w *OCIClusterIdentity) ValidateCreate(_ context.Context, i *infrav1.OCIClusterIdentity) (admission.Warnings, error) {
	warnings, errs := validateIdentitySpec(field.NewPath("spec"), &i.Spec)
	return warnings, invalid(gkOf(i), i.Name, errs)
}

// ValidateUpdate validates an identity; every field may change (credentials are rotated in place).
func (w *OCIClusterIdentity) ValidateUpdate(_ context.Context, _, newI *infrav1.OCIClusterIdentity) (admission.Warnings, error) {
	warnings, errs := validateIdentitySpec(field.NewPath("spec"), &newI.Spec)
	return warnings, invalid(gkOf(newI), newI.Name, errs)
}

// ValidateDelete allows every deletion.
func (w *OCIClusterIdentity) ValidateDelete(context.Context, *infrav1.OCIClusterIdentity) (admission.Warnings, error) {
	return nil, nil
}

func validateIdentitySpec(path *field.Path, s *infrav1.OCIClusterIdentitySpec) (admission.Warnings, field.ErrorList) {
	var warnings admission.Warnings
	var errs field.ErrorList
	secret := path.Child("principalSecret")
	switch s.Type {
	case "":
		errs = append(errs, field.Required(path.Child("type"), "one of "+strings.Join(principalTypes, ", ")))
	case UserPrincipal:
		if s.PrincipalSecret.Name == "" {
			errs = append(errs, field.Required(secret.Child("name"), "a UserPrincipal needs the Secret holding its key"))
		}
	case InstancePrincipal, WorkloadPrincipal, Workload:
		if s.PrincipalSecret.Name != "" {
			warnings = append(warnings, secret.String()+" is ignored for type "+s.Type)
		}
	default:
		errs = append(errs, field.NotSupported(path.Child("type"), s.Type, principalTypes))
	}
	if s.PrincipalSecret.Name != "" {
		errs = append(errs, validateObjectName(secret.Child("name"), s.PrincipalSecret.Name)...)
	}
	if s.PrincipalSecret.Namespace != "" {
		errs = append(errs, validateNamespaceName(secret.Child("namespace"), s.PrincipalSecret.Namespace)...)
	}
	return warnings, append(errs, validateAllowedNamespaces(path.Child("allowedNamespaces"), s.AllowedNamespaces)...)
}

// validateAllowedNamespaces checks the namespace names of the list and that the label selector parses.
func validateAllowedNamespaces(path *field.Path, a *infrav1.AllowedNamespaces) field.ErrorList {
	if a == nil {
		return nil
	}
	var errs field.ErrorList
	for i, ns := range a.List {
		errs = append(errs, validateNamespaceName(path.Child("list").Index(i), ns)...)
	}
	errs = append(errs, validateUnique(path.Child("list"), a.List)...)
	if a.Selector != nil {
		if _, err := metav1.LabelSelectorAsSelector(a.Selector); err != nil {
			errs = append(errs, field.Invalid(path.Child("selector"), a.Selector.String(), err.Error()))
		}
	}
	return errs
}
