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

package okecluster

import (
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Spec is the desired state of an OKE cluster.
type Spec struct {
	svc.Desired
	cp  infrav1.OCIManagedControlPlaneSpec
	net Network
}

var _ async.Spec[containerengine.Cluster] = (*Spec)(nil)

// Update is the one change that brings a cluster back to its desired state; exactly one field is set, and the
// adapter makes the call it names. The cluster's own update goes first, the endpoint's at a later reconcile.
type Update struct {
	// Cluster is an UpdateCluster: name, Kubernetes version, image policy, cluster type, options and tags.
	Cluster *containerengine.UpdateClusterDetails
	// Endpoint is an UpdateClusterEndpointConfig: the endpoint's NSGs and public IP.
	Endpoint *containerengine.UpdateClusterEndpointConfigDetails
}

// NewSpec builds the cluster's desired state from the control plane: its name, version, type, pod networking,
// KMS key, image policy, options and tags, in the network the controller resolved.
func NewSpec(s Scope) *Spec {
	cp := s.ControlPlane().DeepCopy()
	return &Spec{Desired: svc.NewDesired(s, Key, cp.ID, s.OKEClusterName()), cp: *cp, net: s.ClusterNetwork()}
}

// CreateDetails is the CreateCluster request body.
func (s *Spec) CreateDetails() (any, error) {
	d := containerengine.CreateClusterDetails{Name: ptr.To(s.Name()), CompartmentId: &s.Compartment,
		VcnId: svc.StringOrNil(s.net.VCNID), KubernetesVersion: svc.StringOrNil(s.cp.Version),
		KmsKeyId: svc.StringOrNil(s.cp.KMSKeyID), FreeformTags: s.Tags, DefinedTags: s.Defined,
		Type: clusterType(s.cp.ClusterType), Options: s.createOptions(),
		ClusterPodNetworkOptions: podNetworks(s.cp.ClusterPodNetworkOptions),
		EndpointConfig: &containerengine.CreateClusterEndpointConfigDetails{SubnetId: svc.StringOrNil(s.net.EndpointSubnetID),
			NsgIds: nonNil(s.net.EndpointNSGIDs), IsPublicIpEnabled: ptr.To(s.net.EndpointPublic)}}
	if p := s.cp.ImagePolicyConfig; p != nil {
		d.ImagePolicyConfig = &containerengine.CreateImagePolicyConfigDetails{IsPolicyEnabled: p.IsPolicyEnabled,
			KeyDetails: keyDetails(p.KeyDetails)}
	}
	return d, nil
}

// createOptions are the cluster's options: the service load balancer subnets, the pods and services CIDRs when
// given, the OpenID Connect, add-on and admission settings, and the tags of the volumes and load balancers OKE
// creates for the cluster.
func (s *Spec) createOptions() *containerengine.ClusterCreateOptions {
	o := &containerengine.ClusterCreateOptions{ServiceLbSubnetIds: nonNil(s.net.ServiceLBSubnetIDs),
		PersistentVolumeConfig: &containerengine.PersistentVolumeConfigDetails{FreeformTags: s.Tags, DefinedTags: s.Defined},
		ServiceLbConfig:        &containerengine.ServiceLbConfigDetails{FreeformTags: s.Tags, DefinedTags: s.Defined}}
	if s.net.PodsCIDR != "" || s.net.ServicesCIDR != "" {
		o.KubernetesNetworkConfig = &containerengine.KubernetesNetworkConfig{PodsCidr: svc.StringOrNil(s.net.PodsCIDR),
			ServicesCidr: svc.StringOrNil(s.net.ServicesCIDR)}
	}
	c := s.cp.ClusterOptions
	if c == nil {
		return o
	}
	if d := c.OpenIDConnectDiscovery; d != nil {
		o.OpenIdConnectDiscovery = &containerengine.OpenIdConnectDiscovery{IsOpenIdConnectDiscoveryEnabled: d.IsOpenIDConnectDiscoveryEnabled}
	}
	o.OpenIdConnectTokenAuthenticationConfig = oidcConfig(c.OpenIDConnectTokenAuthenticationConfig)
	if a := c.AddOnOptions; a != nil {
		o.AddOns = &containerengine.AddOnOptions{IsKubernetesDashboardEnabled: a.IsKubernetesDashboardEnabled,
			IsTillerEnabled: a.IsTillerEnabled}
	}
	if a := c.AdmissionControllerOptions; a != nil {
		o.AdmissionControllerOptions = &containerengine.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: a.IsPodSecurityPolicyEnabled}
	}
	return o
}

// UpdateDetails returns the change existing needs, as an Update: the cluster's own update when its name, tags,
// version (only to a newer one), image policy, type (only BASIC to ENHANCED) or options differ, else the
// endpoint's when its NSGs or public IP do; nil when neither does. What OKE cannot change in place (see
// Unchangeable) is never asked for.
func (s *Spec) UpdateDetails(existing *containerengine.Cluster) (any, error) {
	if u := s.clusterUpdate(existing); u != nil {
		return Update{Cluster: u}, nil
	}
	if u := s.endpointUpdate(existing); u != nil {
		return Update{Endpoint: u}, nil
	}
	return nil, nil
}

// clusterUpdate is the UpdateCluster body of what differs, nil when nothing does.
func (s *Spec) clusterUpdate(c *containerengine.Cluster) *containerengine.UpdateClusterDetails {
	var d containerengine.UpdateClusterDetails
	changed := false
	if ptr.Deref(c.Name, "") != s.Name() {
		d.Name, changed = ptr.To(s.Name()), true
	}
	if svc.TagsDiffer(c.FreeformTags, c.DefinedTags, s.Tags, s.Defined) {
		d.FreeformTags, d.DefinedTags = s.MergedTags(c.FreeformTags, c.DefinedTags)
		changed = true
	}
	if newer(s.cp.Version, ptr.Deref(c.KubernetesVersion, "")) {
		d.KubernetesVersion, changed = ptr.To(s.cp.Version), true
	}
	if s.cp.ClusterType == string(containerengine.ClusterTypeEnhancedCluster) && c.Type != containerengine.ClusterTypeEnhancedCluster {
		d.Type, changed = containerengine.ClusterTypeEnhancedCluster, true
	}
	if p := s.imagePolicyUpdate(c.ImagePolicyConfig); p != nil {
		d.ImagePolicyConfig, changed = p, true
	}
	if o := s.optionsUpdate(c.Options); o != nil {
		d.Options, changed = o, true
	}
	if !changed {
		return nil
	}
	return &d
}

// imagePolicyUpdate is the image policy to send when the spec gives one that differs from have's.
func (s *Spec) imagePolicyUpdate(have *containerengine.ImagePolicyConfig) *containerengine.UpdateImagePolicyConfigDetails {
	p := s.cp.ImagePolicyConfig
	if p == nil {
		return nil
	}
	on := ptr.Deref(p.IsPolicyEnabled, false)
	want := make([]string, 0, len(p.KeyDetails))
	for _, k := range p.KeyDetails {
		want = append(want, k.KeyDetails)
	}
	var haveOn bool
	var haveKeys []string
	if have != nil {
		haveOn = ptr.Deref(have.IsPolicyEnabled, false)
		for _, k := range have.KeyDetails {
			haveKeys = append(haveKeys, ptr.Deref(k.KmsKeyId, ""))
		}
	}
	if on == haveOn && sameSet(want, haveKeys) {
		return nil
	}
	// An empty key list, not an absent one, so that keys removed from the spec are removed from the cluster.
	return &containerengine.UpdateImagePolicyConfigDetails{IsPolicyEnabled: ptr.To(on),
		KeyDetails: nonNil(keyDetails(p.KeyDetails))}
}

// optionsUpdate is the options to send when the admission or OpenID Connect settings the spec gives differ from
// have's; a setting the spec leaves out is left as it is.
func (s *Spec) optionsUpdate(have *containerengine.ClusterCreateOptions) *containerengine.UpdateClusterOptionsDetails {
	c := s.cp.ClusterOptions
	if c == nil {
		return nil
	}
	var h containerengine.ClusterCreateOptions
	if have != nil {
		h = *have
	}
	var o containerengine.UpdateClusterOptionsDetails
	changed := false
	if a := c.AdmissionControllerOptions; a != nil && a.IsPodSecurityPolicyEnabled != nil {
		var hv *bool
		if h.AdmissionControllerOptions != nil {
			hv = h.AdmissionControllerOptions.IsPodSecurityPolicyEnabled
		}
		if *a.IsPodSecurityPolicyEnabled != ptr.Deref(hv, false) {
			o.AdmissionControllerOptions = &containerengine.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: ptr.To(*a.IsPodSecurityPolicyEnabled)}
			changed = true
		}
	}
	if d := c.OpenIDConnectDiscovery; d != nil && d.IsOpenIDConnectDiscoveryEnabled != nil {
		var hv *bool
		if h.OpenIdConnectDiscovery != nil {
			hv = h.OpenIdConnectDiscovery.IsOpenIdConnectDiscoveryEnabled
		}
		if *d.IsOpenIDConnectDiscoveryEnabled != ptr.Deref(hv, false) {
			o.OpenIdConnectDiscovery = &containerengine.OpenIdConnectDiscovery{IsOpenIdConnectDiscoveryEnabled: ptr.To(*d.IsOpenIDConnectDiscoveryEnabled)}
			changed = true
		}
	}
	if t := c.OpenIDConnectTokenAuthenticationConfig; t != nil && !oidcMatches(t, h.OpenIdConnectTokenAuthenticationConfig) {
		o.OpenIdConnectTokenAuthenticationConfig, changed = oidcConfig(t), true
	}
	if !changed {
		return nil
	}
	return &o
}

// endpointUpdate is the UpdateClusterEndpointConfig body when the endpoint's NSGs or public IP differ, nil when
// they do not, or when the endpoint is not in the desired subnet (then its NSGs would be of another network).
func (s *Spec) endpointUpdate(c *containerengine.Cluster) *containerengine.UpdateClusterEndpointConfigDetails {
	ec := c.EndpointConfig
	if ec == nil || ptr.Deref(ec.SubnetId, "") != s.net.EndpointSubnetID {
		return nil
	}
	if ptr.Deref(ec.IsPublicIpEnabled, false) == s.net.EndpointPublic && sameSet(ec.NsgIds, s.net.EndpointNSGIDs) {
		return nil
	}
	return &containerengine.UpdateClusterEndpointConfigDetails{NsgIds: nonNil(s.net.EndpointNSGIDs),
		IsPublicIpEnabled: ptr.To(s.net.EndpointPublic)}
}
