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
	"slices"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// clusterType is OKE's cluster type of the spec's, "" (OKE's default) for none or an unknown one.
func clusterType(t string) containerengine.ClusterTypeEnum {
	switch containerengine.ClusterTypeEnum(t) {
	case containerengine.ClusterTypeBasicCluster:
		return containerengine.ClusterTypeBasicCluster
	case containerengine.ClusterTypeEnhancedCluster:
		return containerengine.ClusterTypeEnhancedCluster
	default:
		return ""
	}
}

// podNetworks are OKE's pod network options of the spec's, in their order; an unknown CNI type is left out.
func podNetworks(opts []infrav1.ClusterPodNetworkOptions) []containerengine.ClusterPodNetworkOptionDetails {
	out := make([]containerengine.ClusterPodNetworkOptionDetails, 0, len(opts))
	for _, o := range opts {
		switch containerengine.ClusterPodNetworkOptionDetailsCniTypeEnum(o.CNIType) {
		case containerengine.ClusterPodNetworkOptionDetailsCniTypeFlannelOverlay:
			out = append(out, containerengine.FlannelOverlayClusterPodNetworkOptionDetails{})
		case containerengine.ClusterPodNetworkOptionDetailsCniTypeOciVcnIpNative:
			out = append(out, containerengine.OciVcnIpNativeClusterPodNetworkOptionDetails{})
		default:
		}
	}
	return out
}

// cniTypes are the CNI types of pod network options, OKE's or the spec's converted by podNetworks.
func cniTypes(opts []containerengine.ClusterPodNetworkOptionDetails) []string {
	out := make([]string, 0, len(opts))
	for _, o := range opts {
		switch o.(type) {
		case containerengine.FlannelOverlayClusterPodNetworkOptionDetails, *containerengine.FlannelOverlayClusterPodNetworkOptionDetails:
			out = append(out, string(containerengine.ClusterPodNetworkOptionDetailsCniTypeFlannelOverlay))
		case containerengine.OciVcnIpNativeClusterPodNetworkOptionDetails, *containerengine.OciVcnIpNativeClusterPodNetworkOptionDetails:
			out = append(out, string(containerengine.ClusterPodNetworkOptionDetailsCniTypeOciVcnIpNative))
		}
	}
	return out
}

// keyDetails are the image policy's keys, nil when there are none.
func keyDetails(keys []infrav1.KeyDetails) []containerengine.KeyDetails {
	if len(keys) == 0 {
		return nil
	}
	out := make([]containerengine.KeyDetails, 0, len(keys))
	for _, k := range keys {
		out = append(out, containerengine.KeyDetails{KmsKeyId: ptr.To(k.KeyDetails)})
	}
	return out
}

// oidcConfig is OKE's OpenID Connect token authentication configuration of the spec's (nil for none): the fields
// the spec leaves empty are left out.
func oidcConfig(c *infrav1.OpenIDConnectTokenAuthenticationConfig) *containerengine.OpenIdConnectTokenAuthenticationConfig {
	if c == nil {
		return nil
	}
	o := &containerengine.OpenIdConnectTokenAuthenticationConfig{IsOpenIdConnectAuthEnabled: ptr.To(c.IsOpenIDConnectAuthEnabled),
		IssuerUrl: svc.StringOrNil(c.IssuerURL), ClientId: svc.StringOrNil(c.ClientID),
		UsernameClaim: svc.StringOrNil(c.UsernameClaim), UsernamePrefix: svc.StringOrNil(c.UsernamePrefix),
		GroupsClaim: svc.StringOrNil(c.GroupsClaim), GroupsPrefix: svc.StringOrNil(c.GroupsPrefix),
		CaCertificate: svc.StringOrNil(c.CaCertificate)}
	if len(c.RequiredClaims) > 0 {
		o.RequiredClaims = make([]containerengine.KeyValue, 0, len(c.RequiredClaims))
		for _, rc := range c.RequiredClaims {
			o.RequiredClaims = append(o.RequiredClaims, containerengine.KeyValue{Key: ptr.To(rc.Key), Value: ptr.To(rc.Value)})
		}
	}
	if len(c.SigningAlgorithms) > 0 {
		o.SigningAlgorithms = slices.Clone(c.SigningAlgorithms)
	}
	return o
}

// oidcMatches reports whether have is the spec's OpenID Connect configuration want: enabled alike, and every
// field want sets equal (OKE fills in defaults of the fields it leaves out, which are not differences).
func oidcMatches(want *infrav1.OpenIDConnectTokenAuthenticationConfig, have *containerengine.OpenIdConnectTokenAuthenticationConfig) bool {
	if have == nil || want.IsOpenIDConnectAuthEnabled != ptr.Deref(have.IsOpenIdConnectAuthEnabled, false) {
		return false
	}
	for _, f := range []struct {
		want string
		have *string
	}{{want.IssuerURL, have.IssuerUrl}, {want.ClientID, have.ClientId}, {want.UsernameClaim, have.UsernameClaim},
		{want.UsernamePrefix, have.UsernamePrefix}, {want.GroupsClaim, have.GroupsClaim},
		{want.GroupsPrefix, have.GroupsPrefix}, {want.CaCertificate, have.CaCertificate}} {
		if f.want != "" && f.want != ptr.Deref(f.have, "") {
			return false
		}
	}
	if len(want.SigningAlgorithms) > 0 && !sameSet(want.SigningAlgorithms, have.SigningAlgorithms) {
		return false
	}
	if len(want.RequiredClaims) == 0 {
		return true
	}
	wantClaims := make([]string, 0, len(want.RequiredClaims))
	for _, rc := range want.RequiredClaims {
		wantClaims = append(wantClaims, rc.Key+"="+rc.Value)
	}
	haveClaims := make([]string, 0, len(have.RequiredClaims))
	for _, rc := range have.RequiredClaims {
		haveClaims = append(haveClaims, ptr.Deref(rc.Key, "")+"="+ptr.Deref(rc.Value, ""))
	}
	return sameSet(wantClaims, haveClaims)
}

// nonNil is s, or an empty slice for nil: a list sent empty rather than left out.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
