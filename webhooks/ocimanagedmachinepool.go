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
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// +kubebuilder:webhook:path=/mutate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedmachinepool,mutating=true,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedmachinepools,verbs=create;update,versions=v1beta3,name=default.ocimanagedmachinepool.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedmachinepool,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedmachinepools,verbs=create;update,versions=v1beta3,name=validation.ocimanagedmachinepool.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1
// +kubebuilder:webhook:path=/validate-infrastructure-cluster-x-k8s-io-v1beta3-ocimanagedmachinepooltemplate,mutating=false,failurePolicy=fail,matchPolicy=Equivalent,groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedmachinepooltemplates,verbs=create;update,versions=v1beta3,name=validation.ocimanagedmachinepooltemplate.infrastructure.cluster.x-k8s.io,sideEffects=None,admissionReviewVersions=v1

// maxPodsPerOKENode is OKE's limit on pods per node with VCN-native pod networking.
const maxPodsPerOKENode = 110

var (
	// evictionGracePattern is an ISO 8601 duration of minutes and seconds, as OKE takes it (PT0M to PT60M).
	evictionGracePattern = regexp.MustCompile(`^PT([0-9]+M)?([0-9]+S)?$`)
	// countOrPercentPattern is a number of nodes or a percentage.
	countOrPercentPattern = regexp.MustCompile(`^[0-9]+%?$`)
)

// OCIManagedMachinePool defaults and validates OCIManagedMachinePool objects (an OKE node pool).
type OCIManagedMachinePool struct {
	// Options let the manager replace an owned OCID; nil applies the write-once rule to every request.
	Options *Options
}

var (
	_ admission.Defaulter[*infrav1exp.OCIManagedMachinePool] = &OCIManagedMachinePool{}
	_ admission.Validator[*infrav1exp.OCIManagedMachinePool] = &OCIManagedMachinePool{}
)

// SetupWebhookWithManager registers the webhooks with the manager.
func (w *OCIManagedMachinePool) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup(mgr, &infrav1exp.OCIManagedMachinePool{}, w, w)
}

// Default gives a node pool without a pod network VCN-native pod networking on the cluster's default pod subnet
// and NSG, as the earlier provider does (OKE itself would make it flannel).
func (w *OCIManagedMachinePool) Default(_ context.Context, p *infrav1exp.OCIManagedMachinePool) error {
	defaultManagedPoolSpec(&p.Spec)
	return nil
}

func defaultManagedPoolSpec(s *infrav1exp.OCIManagedMachinePoolSpec) {
	if s.NodePoolNodeConfig == nil {
		s.NodePoolNodeConfig = &infrav1exp.NodePoolNodeConfig{}
	}
	if s.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails == nil {
		s.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = &infrav1exp.NodePoolPodNetworkOptionDetails{
			CNIType: CNIVCNNative,
			VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{
				SubnetNames: []string{RolePod}, NSGNames: []string{RolePod},
			},
		}
	}
}

// ValidateCreate validates a new node pool.
func (w *OCIManagedMachinePool) ValidateCreate(_ context.Context, p *infrav1exp.OCIManagedMachinePool) (admission.Warnings, error) {
	path := field.NewPath("spec")
	return sshKeyWarnings(path.Child("sshPublicKey"), p.Spec.SSHPublicKey),
		invalid(gkOf(p), p.Name, validateManagedPoolSpec(path, &p.Spec))
}

// ValidateUpdate validates a node pool; its OCID is write-once, the pod network cannot change and the Kubernetes
// version cannot go down. The rest OKE updates in place (node cycling rolls the nodes).
func (w *OCIManagedMachinePool) ValidateUpdate(ctx context.Context, oldP, newP *infrav1exp.OCIManagedMachinePool) (admission.Warnings, error) {
	spec := field.NewPath("spec")
	o, n := oldP.Spec.DeepCopy(), &newP.Spec
	defaultManagedPoolSpec(o) // an object stored before the default existed gets it on its next update
	errs := validateManagedPoolSpec(spec, n)
	r := w.Options.replacerFor(ctx, oldP.Status.Resources)
	errs = append(errs, r.writeOnce(spec.Child("id"), o.ID, n.ID)...)
	errs = append(errs, writeOnce(spec.Child("providerID"), ptr.Deref(o.ProviderID, ""), ptr.Deref(n.ProviderID, ""))...)
	errs = append(errs, noDowngrade(spec.Child("version"), o.Version, n.Version)...)
	if o.NodePoolNodeConfig != nil && n.NodePoolNodeConfig != nil {
		errs = append(errs, immutableDeep(spec.Child("nodePoolNodeConfig", "nodePoolPodNetworkOptionDetails", "cniType"),
			cniType(o.NodePoolNodeConfig), cniType(n.NodePoolNodeConfig))...)
	}
	err := invalid(gkOf(newP), newP.Name, errs)
	w.Options.record(newP, r, err)
	return sshKeyWarnings(spec.Child("sshPublicKey"), n.SSHPublicKey), err
}

// ValidateDelete allows every deletion.
func (w *OCIManagedMachinePool) ValidateDelete(context.Context, *infrav1exp.OCIManagedMachinePool) (admission.Warnings, error) {
	return nil, nil
}

func cniType(c *infrav1exp.NodePoolNodeConfig) string {
	if c.NodePoolPodNetworkOptionDetails == nil {
		return ""
	}
	return c.NodePoolPodNetworkOptionDetails.CNIType
}

// validateManagedPoolSpec validates an OCIManagedMachinePool spec at path.
func validateManagedPoolSpec(path *field.Path, s *infrav1exp.OCIManagedMachinePoolSpec) field.ErrorList {
	errs := validateOCID(path.Child("id"), s.ID)
	errs = append(errs, validateKubernetesVersion(path.Child("version"), s.Version)...)
	errs = append(errs, validateProviderIDList(path.Child("providerIDList"), s.ProviderIDList)...)
	if c := s.NodeShapeConfig; c != nil {
		errs = append(errs, validateCount(path.Child("nodeShapeConfig", "ocpus"), c.OCPUs, 512)...)
		errs = append(errs, validateCount(path.Child("nodeShapeConfig", "memoryInGBs"), c.MemoryInGBs, 8192)...)
	}
	if src := s.NodeSourceViaImage; src != nil {
		errs = append(errs, validateOCID(path.Child("nodeSourceViaImage", "imageId"), src.ImageID)...)
		errs = append(errs, validateRange64(path.Child("nodeSourceViaImage", "bootVolumeSizeInGBs"), src.BootVolumeSizeInGBs, minBootVolumeGBs, maxVolumeGBs)...)
	}
	if e := s.NodeEvictionNodePoolSettings; e != nil && e.EvictionGraceDuration != "" && !evictionGracePattern.MatchString(e.EvictionGraceDuration) {
		errs = append(errs, field.Invalid(path.Child("nodeEvictionNodePoolSettings", "evictionGraceDuration"),
			e.EvictionGraceDuration, "must be an ISO 8601 duration such as PT30M"))
	}
	if c := s.NodePoolCyclingDetails; c != nil {
		cp := path.Child("nodePoolCyclingDetails")
		for _, f := range [][2]string{{"maximumSurge", c.MaximumSurge}, {"maximumUnavailable", c.MaximumUnavailable}} {
			if f[1] != "" && !countOrPercentPattern.MatchString(f[1]) {
				errs = append(errs, field.Invalid(cp.Child(f[0]), f[1], "must be a number of nodes or a percentage such as 25%"))
			}
		}
	}
	return append(errs, validateNodeConfig(path.Child("nodePoolNodeConfig"), s.NodePoolNodeConfig)...)
}

// validateNodeConfig checks the placement and pod network of the node pool's nodes.
func validateNodeConfig(path *field.Path, c *infrav1exp.NodePoolNodeConfig) field.ErrorList {
	if c == nil {
		return nil
	}
	errs := validateOCID(path.Child("kmsKeyId"), c.KMSKeyID)
	errs = append(errs, validateUnique(path.Child("nsgNames"), c.NSGNames)...)
	for i, p := range c.PlacementConfigs {
		pp := path.Child("placementConfigs").Index(i)
		errs = append(errs, validateOCID(pp.Child("capacityReservationId"), p.CapacityReservationID)...)
		errs = append(errs, validateFaultDomains(pp.Child("faultDomains"), p.FaultDomains)...)
	}
	d := c.NodePoolPodNetworkOptionDetails
	if d == nil {
		return errs
	}
	dp := path.Child("nodePoolPodNetworkOptionDetails")
	errs = append(errs, validateEnum(dp.Child("cniType"), d.CNIType, CNIVCNNative, CNIFlannel)...)
	if o := d.VCNIPNativePodNetworkOptions; o != nil {
		op := dp.Child("vcnIpNativePodNetworkOptions")
		if d.CNIType == CNIFlannel && !isZero(o) {
			errs = append(errs, field.Forbidden(op, "applies only to cniType OCI_VCN_IP_NATIVE"))
		}
		errs = append(errs, validateRange(op.Child("maxPodsPerNode"), o.MaxPodsPerNode, 1, maxPodsPerOKENode)...)
		errs = append(errs, validateUnique(op.Child("nsgNames"), o.NSGNames)...)
		errs = append(errs, validateUnique(op.Child("subnetNames"), o.SubnetNames)...)
	}
	return errs
}

// validateFaultDomains checks fault domain names.
func validateFaultDomains(path *field.Path, fds []string) field.ErrorList {
	var errs field.ErrorList
	for i, fd := range fds {
		if !faultDomainPattern.MatchString(fd) {
			errs = append(errs, field.Invalid(path.Index(i), fd, "must be a fault domain name FAULT-DOMAIN-1, -2 or -3"))
		}
	}
	return append(errs, validateUnique(path, fds)...)
}

// OCIManagedMachinePoolTemplate validates OCIManagedMachinePoolTemplate objects; their spec is immutable.
type OCIManagedMachinePoolTemplate struct{}

var _ admission.Validator[*infrav1exp.OCIManagedMachinePoolTemplate] = &OCIManagedMachinePoolTemplate{}

// SetupWebhookWithManager registers the webhook with the manager.
func (w *OCIManagedMachinePoolTemplate) SetupWebhookWithManager(mgr ctrl.Manager) error {
	return setup[*infrav1exp.OCIManagedMachinePoolTemplate](mgr, &infrav1exp.OCIManagedMachinePoolTemplate{}, nil, w)
}

// ValidateCreate validates a new template.
func (w *OCIManagedMachinePoolTemplate) ValidateCreate(_ context.Context, t *infrav1exp.OCIManagedMachinePoolTemplate) (admission.Warnings, error) {
	return nil, invalid(gkOf(t), t.Name, validateManagedPoolSpec(templateSpecPath, &t.Spec.Template.Spec))
}

// ValidateUpdate refuses changes to the template's spec.
func (w *OCIManagedMachinePoolTemplate) ValidateUpdate(ctx context.Context, oldT, newT *infrav1exp.OCIManagedMachinePoolTemplate) (admission.Warnings, error) {
	return nil, validateTemplateUpdate(ctx, newT, &oldT.Spec.Template.Spec, &newT.Spec.Template.Spec, validateManagedPoolSpec)
}

// ValidateDelete allows every deletion.
func (w *OCIManagedMachinePoolTemplate) ValidateDelete(context.Context, *infrav1exp.OCIManagedMachinePoolTemplate) (admission.Warnings, error) {
	return nil, nil
}
