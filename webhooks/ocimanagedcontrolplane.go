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
	"net/url"

	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apimachinery/pkg/util/version"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// +kubebuilder:webhook:path=/mutate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedcontrolplane,mutating=true,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedcontrolplanes,verbs=create;update,versions=v1beta3,name=default.ocimanagedcontrolplane.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedcontrolplane,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedcontrolplanes,verbs=create;update,versions=v1beta3,name=validation.ocimanagedcontrolplane.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedcontrolplanetemplate,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedcontrolplanetemplates,verbs=create;update,versions=v1beta3,name=validation.ocimanagedcontrolplanetemplate.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// OKE cluster types and CNI types.
const (
	BasicCluster    = "BASIC_CLUSTER"
	EnhancedCluster = "ENHANCED_CLUSTER"
	CNIVCNNative    = "OCI_VCN_IP_NATIVE"
	CNIFlannel      = "FLANNEL_OVERLAY"
)

// OCIManagedControlPlane defaults and validates OCIManagedControlPlane objects (an OKE cluster). Only the pod
// network is defaulted; OKE chooses its own defaults for the rest.
type OCIManagedControlPlane struct {
	// Options let the manager replace an owned OCID; nil applies the write-once rule to every request.
	Options *Options
}

var (
	_ admission.Defaulter[*infrav1.OCIManagedControlPlane] = &OCIManagedControlPlane{}
	_ admission.Validator[*infrav1.OCIManagedControlPlane] = &OCIManagedControlPlane{}
)

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCIManagedControlPlane) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup(mgr, &infrav1.OCIManagedControlPlane{}, w, w)
}

// Default gives a control plane without pod network options VCN-native pod networking, as the earlier provider
// does: without it OKE itself would make a flannel cluster.
func (w *OCIManagedControlPlane) Default(_ context.Context, c *infrav1.OCIManagedControlPlane) error {
	defaultControlPlaneSpec(&c.Spec)
	return nil
}

func defaultControlPlaneSpec(s *infrav1.OCIManagedControlPlaneSpec) {
	if len(s.ClusterPodNetworkOptions) == 0 {
		s.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: CNIVCNNative}}
	}
}

// ValidateCreate validates a new control plane.
func (w *OCIManagedControlPlane) ValidateCreate(_ context.Context, c *infrav1.OCIManagedControlPlane) (admission.Warnings, error) {
	return nil, invalid(gkOf(c), c.Name, validateControlPlaneSpec(field.NewPath("spec"), &c.Spec))
}

// ValidateUpdate refuses what OKE cannot change: the KMS key, the pod network, a downgrade of the cluster type or
// of the Kubernetes version; the cluster ID and endpoint are write-once.
func (w *OCIManagedControlPlane) ValidateUpdate(ctx context.Context, oldC, newC *infrav1.OCIManagedControlPlane) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	o, n := oldC.Spec.DeepCopy(), &newC.Spec
	defaultControlPlaneSpec(o) // an object stored before the default existed gets it on its next update
	errs := validateControlPlaneSpec(spec, n)
	r := w.Options.replacerFor(ctx, oldC.Status.Resources)
	errs = append(errs, r.writeOnce(spec.Child("id"), o.ID, n.ID)...)
	errs = append(errs, immutable(spec.Child("kmsKeyId"), o.KMSKeyID, n.KMSKeyID)...)
	errs = append(errs, validateEndpointUpdate(spec.Child("controlPlaneEndpoint"), o.ControlPlaneEndpoint, n.ControlPlaneEndpoint)...)
	errs = append(errs, immutableDeep(spec.Child("clusterPodNetworkOptions"), o.ClusterPodNetworkOptions, n.ClusterPodNetworkOptions)...)
	if o.ClusterType == EnhancedCluster && n.ClusterType != EnhancedCluster {
		errs = append(errs, field.Invalid(spec.Child("clusterType"), n.ClusterType, "an enhanced cluster cannot be downgraded"))
	}
	errs = append(errs, noDowngrade(spec.Child("version"), o.Version, n.Version)...)
	err := invalid(gkOf(newC), newC.Name, errs)
	w.Options.record(newC, r, err)
	return nil, err
}

// ValidateDelete allows every deletion.
func (w *OCIManagedControlPlane) ValidateDelete(context.Context, *infrav1.OCIManagedControlPlane) (admission.Warnings, error) {
	return nil, nil
}

// validateControlPlaneSpec validates an OCIManagedControlPlane spec at path.
func validateControlPlaneSpec(path *field.Path, s *infrav1.OCIManagedControlPlaneSpec) field.ErrorList {
	errs := validateOCID(path.Child("id"), s.ID)
	errs = append(errs, validateOCID(path.Child("kmsKeyId"), s.KMSKeyID)...)
	errs = append(errs, validateEnum(path.Child("clusterType"), s.ClusterType, BasicCluster, EnhancedCluster)...)
	errs = append(errs, validateKubernetesVersion(path.Child("version"), s.Version)...)
	errs = append(errs, validateEndpoint(path.Child("controlPlaneEndpoint"), s.ControlPlaneEndpoint)...)
	for i, o := range s.ClusterPodNetworkOptions {
		errs = append(errs, validateEnum(path.Child("clusterPodNetworkOptions").Index(i).Child("cniType"), o.CNIType, CNIVCNNative, CNIFlannel)...)
	}
	names := make([]string, 0, len(s.Addons))
	for i, a := range s.Addons {
		errs = append(errs, validateResourceName(path.Child("addons").Index(i).Child("name"), a.Name)...)
		names = append(names, a.Name)
	}
	errs = append(errs, validateUnique(path.Child("addons"), names)...)
	if len(s.Addons) > 0 && s.ClusterType == BasicCluster {
		errs = append(errs, field.Forbidden(path.Child("addons"), "add-ons need clusterType ENHANCED_CLUSTER"))
	}
	if p := s.ImagePolicyConfig; p != nil {
		for i, k := range p.KeyDetails {
			errs = append(errs, validateOCID(path.Child("imagePolicyConfig", "keyDetails").Index(i).Child("keyDetails"), k.KeyDetails)...)
		}
		if ptr.Deref(p.IsPolicyEnabled, false) && len(p.KeyDetails) == 0 {
			errs = append(errs, field.Required(path.Child("imagePolicyConfig", "keyDetails"), "an enabled image policy needs at least one key"))
		}
	}
	if s.ClusterOptions != nil {
		errs = append(errs, validateOIDC(path.Child("clusterOptions", "openIdConnectTokenAuthenticationConfig"),
			s.ClusterOptions.OpenIDConnectTokenAuthenticationConfig)...)
	}
	return errs
}

// validateOIDC requires an https issuer URL and a client ID when OpenID Connect authentication is enabled.
func validateOIDC(path *field.Path, c *infrav1.OpenIDConnectTokenAuthenticationConfig) field.ErrorList {
	if c == nil || !c.IsOpenIDConnectAuthEnabled {
		return nil
	}
	var errs field.ErrorList
	if u, err := url.Parse(c.IssuerURL); c.IssuerURL == "" || err != nil || u.Scheme != "https" || u.Host == "" {
		errs = append(errs, field.Invalid(path.Child("issuerUrl"), c.IssuerURL, "must be an https URL when OpenID Connect authentication is enabled"))
	}
	if c.ClientID == "" {
		errs = append(errs, field.Required(path.Child("clientId"), "required when OpenID Connect authentication is enabled"))
	}
	for i, r := range c.RequiredClaims {
		if r.Key == "" {
			errs = append(errs, field.Required(path.Child("requiredClaims").Index(i).Child("key"), "a claim name is required"))
		}
	}
	return errs
}

// noDowngrade refuses a lower Kubernetes version than the old one; unparsable versions are reported elsewhere.
func noDowngrade(path *field.Path, oldV, newV string) field.ErrorList {
	o, oerr := version.ParseSemantic(oldV)
	n, nerr := version.ParseSemantic(newV)
	if oerr != nil || nerr != nil || !n.LessThan(o) {
		return nil
	}
	return field.ErrorList{field.Invalid(path, newV, "cannot be downgraded from "+oldV)}
}

// OCIManagedControlPlaneTemplate validates OCIManagedControlPlaneTemplate objects; their spec is immutable.
type OCIManagedControlPlaneTemplate struct{}

var _ admission.Validator[*infrav1.OCIManagedControlPlaneTemplate] = &OCIManagedControlPlaneTemplate{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIManagedControlPlaneTemplate) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1.OCIManagedControlPlaneTemplate](mgr, &infrav1.OCIManagedControlPlaneTemplate{}, nil, w)
}

// ValidateCreate validates a new template.
func (w *OCIManagedControlPlaneTemplate) ValidateCreate(_ context.Context, t *infrav1.OCIManagedControlPlaneTemplate) (admission.Warnings, error) {
	return nil, invalid(gkOf(t), t.Name, validateControlPlaneSpec(templateSpecPath, &t.Spec.Template.Spec))
}

// ValidateUpdate refuses changes to the template's spec.
func (w *OCIManagedControlPlaneTemplate) ValidateUpdate(ctx context.Context, oldT, newT *infrav1.OCIManagedControlPlaneTemplate) (admission.Warnings, error) {
	return nil, validateTemplateUpdate(ctx, newT, &oldT.Spec.Template.Spec, &newT.Spec.Template.Spec, validateControlPlaneSpec)
}

// ValidateDelete allows every deletion.
func (w *OCIManagedControlPlaneTemplate) ValidateDelete(context.Context, *infrav1.OCIManagedControlPlaneTemplate) (admission.Warnings, error) {
	return nil, nil
}
