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

package okecluster_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// wantCreate is the CreateClusterDetails of the default scope, changed by f.
func wantCreate(s *scope, f func(*ce.CreateClusterDetails)) ce.CreateClusterDetails {
	tags := s.OwnedTags()
	d := ce.CreateClusterDetails{Name: ptr.To("oke1"), CompartmentId: ptr.To(s.Compartment), VcnId: ptr.To(vcnID),
		KubernetesVersion: ptr.To("v1.32.1"), FreeformTags: tags, Type: ce.ClusterTypeEnhancedCluster,
		EndpointConfig: &ce.CreateClusterEndpointConfigDetails{SubnetId: ptr.To(cpeSubnet), NsgIds: []string{cpeNSG},
			IsPublicIpEnabled: ptr.To(true)},
		ClusterPodNetworkOptions: []ce.ClusterPodNetworkOptionDetails{ce.OciVcnIpNativeClusterPodNetworkOptionDetails{}},
		Options: &ce.ClusterCreateOptions{ServiceLbSubnetIds: []string{lbSubnet},
			PersistentVolumeConfig: &ce.PersistentVolumeConfigDetails{FreeformTags: tags},
			ServiceLbConfig:        &ce.ServiceLbConfigDetails{FreeformTags: tags}}}
	if f != nil {
		f(&d)
	}
	return d
}

func fullOIDC() *infrav1.OpenIDConnectTokenAuthenticationConfig {
	return &infrav1.OpenIDConnectTokenAuthenticationConfig{IsOpenIDConnectAuthEnabled: true,
		IssuerURL: "https://issuer.example.com", ClientID: "client", UsernameClaim: "email", UsernamePrefix: "oidc:",
		GroupsClaim: "groups", GroupsPrefix: "oidc:", CaCertificate: "Q0E=", SigningAlgorithms: []string{"RS256"},
		RequiredClaims: []infrav1.RequiredClaim{{Key: "aud", Value: "oke"}}}
}

func fullOKEOIDC() *ce.OpenIdConnectTokenAuthenticationConfig {
	return &ce.OpenIdConnectTokenAuthenticationConfig{IsOpenIdConnectAuthEnabled: ptr.To(true),
		IssuerUrl: ptr.To("https://issuer.example.com"), ClientId: ptr.To("client"), UsernameClaim: ptr.To("email"),
		UsernamePrefix: ptr.To("oidc:"), GroupsClaim: ptr.To("groups"), GroupsPrefix: ptr.To("oidc:"),
		CaCertificate: ptr.To("Q0E="), SigningAlgorithms: []string{"RS256"},
		RequiredClaims: []ce.KeyValue{{Key: ptr.To("aud"), Value: ptr.To("oke")}}}
}

func TestCreateDetails(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(*scope)
		want  func(*ce.CreateClusterDetails)
	}{
		{name: "VCN-native ENHANCED cluster with a public endpoint behind its NSG"},
		{name: "flannel BASIC cluster",
			setup: func(s *scope) {
				s.CP.ClusterType = "BASIC_CLUSTER"
				s.CP.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: "FLANNEL_OVERLAY"}}
			},
			want: func(d *ce.CreateClusterDetails) {
				d.Type = ce.ClusterTypeBasicCluster
				d.ClusterPodNetworkOptions = []ce.ClusterPodNetworkOptionDetails{ce.FlannelOverlayClusterPodNetworkOptionDetails{}}
			}},
		{name: "private endpoint without NSGs or service load balancer subnets: empty lists, not absent ones",
			setup: func(s *scope) {
				s.Net.EndpointPublic, s.Net.EndpointNSGIDs, s.Net.ServiceLBSubnetIDs = false, nil, nil
			},
			want: func(d *ce.CreateClusterDetails) {
				d.EndpointConfig.IsPublicIpEnabled, d.EndpointConfig.NsgIds = ptr.To(false), []string{}
				d.Options.ServiceLbSubnetIds = []string{}
			}},
		{name: "pods and services CIDRs",
			setup: func(s *scope) { s.Net.PodsCIDR, s.Net.ServicesCIDR = "10.244.0.0/16", "10.96.0.0/16" },
			want: func(d *ce.CreateClusterDetails) {
				d.Options.KubernetesNetworkConfig = &ce.KubernetesNetworkConfig{PodsCidr: ptr.To("10.244.0.0/16"),
					ServicesCidr: ptr.To("10.96.0.0/16")}
			}},
		{name: "only the pods CIDR",
			setup: func(s *scope) { s.Net.PodsCIDR = "10.244.0.0/16" },
			want: func(d *ce.CreateClusterDetails) {
				d.Options.KubernetesNetworkConfig = &ce.KubernetesNetworkConfig{PodsCidr: ptr.To("10.244.0.0/16")}
			}},
		{name: "image policy with its keys, and a KMS key for the secrets",
			setup: func(s *scope) {
				s.CP.KMSKeyID = "ocid1.key.oc1..secrets"
				s.CP.ImagePolicyConfig = &infrav1.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true),
					KeyDetails: []infrav1.KeyDetails{{KeyDetails: "ocid1.key.oc1..a"}, {KeyDetails: "ocid1.key.oc1..b"}}}
			},
			want: func(d *ce.CreateClusterDetails) {
				d.KmsKeyId = ptr.To("ocid1.key.oc1..secrets")
				d.ImagePolicyConfig = &ce.CreateImagePolicyConfigDetails{IsPolicyEnabled: ptr.To(true),
					KeyDetails: []ce.KeyDetails{{KmsKeyId: ptr.To("ocid1.key.oc1..a")}, {KmsKeyId: ptr.To("ocid1.key.oc1..b")}}}
			}},
		{name: "image policy disabled without keys: no key list",
			setup: func(s *scope) { s.CP.ImagePolicyConfig = &infrav1.ImagePolicyConfig{IsPolicyEnabled: ptr.To(false)} },
			want: func(d *ce.CreateClusterDetails) {
				d.ImagePolicyConfig = &ce.CreateImagePolicyConfigDetails{IsPolicyEnabled: ptr.To(false)}
			}},
		{name: "OpenID Connect token authentication and discovery, add-ons and admission controllers",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: fullOIDC(),
					OpenIDConnectDiscovery:     &infrav1.OpenIDConnectDiscovery{IsOpenIDConnectDiscoveryEnabled: ptr.To(true)},
					AddOnOptions:               &infrav1.AddOnOptions{IsKubernetesDashboardEnabled: ptr.To(false), IsTillerEnabled: ptr.To(true)},
					AdmissionControllerOptions: &infrav1.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: ptr.To(true)}}
			},
			want: func(d *ce.CreateClusterDetails) {
				d.Options.OpenIdConnectTokenAuthenticationConfig = fullOKEOIDC()
				d.Options.OpenIdConnectDiscovery = &ce.OpenIdConnectDiscovery{IsOpenIdConnectDiscoveryEnabled: ptr.To(true)}
				d.Options.AddOns = &ce.AddOnOptions{IsKubernetesDashboardEnabled: ptr.To(false), IsTillerEnabled: ptr.To(true)}
				d.Options.AdmissionControllerOptions = &ce.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: ptr.To(true)}
			}},
		{name: "OpenID Connect token authentication with only what is given",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: &infrav1.OpenIDConnectTokenAuthenticationConfig{
					IsOpenIDConnectAuthEnabled: true, IssuerURL: "https://issuer.example.com", ClientID: "client"}}
			},
			want: func(d *ce.CreateClusterDetails) {
				d.Options.OpenIdConnectTokenAuthenticationConfig = &ce.OpenIdConnectTokenAuthenticationConfig{
					IsOpenIdConnectAuthEnabled: ptr.To(true), IssuerUrl: ptr.To("https://issuer.example.com"), ClientId: ptr.To("client")}
			}},
		{name: "the user's tags: on the cluster and on the volumes and load balancers OKE makes for it",
			setup: func(s *scope) {
				s.Freeform = map[string]string{"team": "a"}
				s.Defined = map[string]map[string]any{"ns": {"k": "v"}}
			},
			want: func(d *ce.CreateClusterDetails) {
				tags := map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
				defined := map[string]map[string]any{"ns": {"k": "v"}}
				d.FreeformTags, d.DefinedTags = tags, defined
				d.Options.PersistentVolumeConfig = &ce.PersistentVolumeConfigDetails{FreeformTags: tags, DefinedTags: defined}
				d.Options.ServiceLbConfig = &ce.ServiceLbConfigDetails{FreeformTags: tags, DefinedTags: defined}
			}},
		{name: "no version, type or pod network given: left to OKE",
			setup: func(s *scope) { s.CP.Version, s.CP.ClusterType, s.CP.ClusterPodNetworkOptions = "", "", nil },
			want: func(d *ce.CreateClusterDetails) {
				d.KubernetesVersion, d.Type, d.ClusterPodNetworkOptions = nil, "", []ce.ClusterPodNetworkOptionDetails{}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.setup != nil {
				tc.setup(s)
			}
			got, err := okecluster.NewSpec(s).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(wantCreate(s, tc.want), got); d != "" {
				t.Errorf("CreateClusterDetails (-want +got):\n%s", d)
			}
		})
	}
}

type updateCase struct {
	name  string
	setup func(*scope)
	have  func(*ce.Cluster)
	want  any
}

func TestUpdateDetails(t *testing.T) {
	for _, tc := range append(clusterUpdateCases(), endpointUpdateCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.setup != nil {
				tc.setup(s)
			}
			have := active(s, ourCluster)
			if tc.have != nil {
				tc.have(&have)
			}
			got, err := okecluster.NewSpec(s).UpdateDetails(&have)
			svctest.CheckUpdate(t, "Update", tc.want, got, err)
		})
	}
}

func clusterUpdate(d ce.UpdateClusterDetails) okecluster.Update {
	return okecluster.Update{Cluster: &d}
}

func clusterUpdateCases() []updateCase {
	return []updateCase{
		{name: "in place: no update"},
		{name: "in place, with others' tags and the OpenID Connect defaults OKE fills in: no update",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: &infrav1.OpenIDConnectTokenAuthenticationConfig{
					IsOpenIDConnectAuthEnabled: true, IssuerURL: "https://issuer.example.com", ClientID: "client",
					RequiredClaims: []infrav1.RequiredClaim{{Key: "aud", Value: "oke"}}}}
			},
			have: func(c *ce.Cluster) {
				c.FreeformTags["x"] = "y"
				c.Options = &ce.ClusterCreateOptions{OpenIdConnectTokenAuthenticationConfig: fullOKEOIDC()}
			}},
		{name: "renamed behind our back: named back",
			have: func(c *ce.Cluster) { c.Name = ptr.To("renamed") },
			want: clusterUpdate(ce.UpdateClusterDetails{Name: ptr.To("oke1")})},
		{name: "a tag removed: put back, others kept",
			setup: func(s *scope) { s.Defined = map[string]map[string]any{"ns": {"k": "v"}} },
			have: func(c *ce.Cluster) {
				c.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}
				c.DefinedTags = map[string]map[string]any{"ns": {"other": "w"}}
			},
			want: clusterUpdate(ce.UpdateClusterDetails{
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"},
				DefinedTags:  map[string]map[string]any{"ns": {"k": "v", "other": "w"}}})},
		{name: "a newer version asked: upgraded",
			have: func(c *ce.Cluster) { c.KubernetesVersion = ptr.To("v1.31.1") },
			want: clusterUpdate(ce.UpdateClusterDetails{KubernetesVersion: ptr.To("v1.32.1")})},
		{name: "an older version asked: no update (Unchangeable reports it)",
			have: func(c *ce.Cluster) { c.KubernetesVersion = ptr.To("v1.33.1") }},
		{name: "no version given: no update",
			setup: func(s *scope) { s.CP.Version = "" },
			have:  func(c *ce.Cluster) { c.KubernetesVersion = ptr.To("v1.33.1") }},
		{name: "a BASIC cluster, ENHANCED asked: upgraded",
			have: func(c *ce.Cluster) { c.Type = ce.ClusterTypeBasicCluster },
			want: clusterUpdate(ce.UpdateClusterDetails{Type: ce.ClusterTypeEnhancedCluster})},
		{name: "an ENHANCED cluster, BASIC asked: no update (Unchangeable reports it)",
			setup: func(s *scope) { s.CP.ClusterType = "BASIC_CLUSTER" }},
		{name: "image policy enabled with a key",
			setup: func(s *scope) {
				s.CP.ImagePolicyConfig = &infrav1.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true),
					KeyDetails: []infrav1.KeyDetails{{KeyDetails: "ocid1.key.oc1..a"}}}
			},
			want: clusterUpdate(ce.UpdateClusterDetails{ImagePolicyConfig: &ce.UpdateImagePolicyConfigDetails{
				IsPolicyEnabled: ptr.To(true), KeyDetails: []ce.KeyDetails{{KmsKeyId: ptr.To("ocid1.key.oc1..a")}}}})},
		{name: "image policy disabled and its keys removed: an empty key list",
			setup: func(s *scope) { s.CP.ImagePolicyConfig = &infrav1.ImagePolicyConfig{} },
			have: func(c *ce.Cluster) {
				c.ImagePolicyConfig = &ce.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true),
					KeyDetails: []ce.KeyDetails{{KmsKeyId: ptr.To("ocid1.key.oc1..a")}}}
			},
			want: clusterUpdate(ce.UpdateClusterDetails{ImagePolicyConfig: &ce.UpdateImagePolicyConfigDetails{
				IsPolicyEnabled: ptr.To(false), KeyDetails: []ce.KeyDetails{}}})},
		{name: "image policy as asked, keys in another order: no update",
			setup: func(s *scope) {
				s.CP.ImagePolicyConfig = &infrav1.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true),
					KeyDetails: []infrav1.KeyDetails{{KeyDetails: "ocid1.key.oc1..a"}, {KeyDetails: "ocid1.key.oc1..b"}}}
			},
			have: func(c *ce.Cluster) {
				c.ImagePolicyConfig = &ce.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true),
					KeyDetails: []ce.KeyDetails{{KmsKeyId: ptr.To("ocid1.key.oc1..b")}, {KmsKeyId: ptr.To("ocid1.key.oc1..a")}}}
			}},
		{name: "no image policy given: the cluster's is left alone",
			have: func(c *ce.Cluster) { c.ImagePolicyConfig = &ce.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true)} }},
		{name: "OpenID Connect token authentication configured",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: fullOIDC()}
			},
			have: func(c *ce.Cluster) {
				c.Options = &ce.ClusterCreateOptions{OpenIdConnectTokenAuthenticationConfig: &ce.OpenIdConnectTokenAuthenticationConfig{
					IsOpenIdConnectAuthEnabled: ptr.To(true), IssuerUrl: ptr.To("https://old.example.com")}}
			},
			want: clusterUpdate(ce.UpdateClusterDetails{Options: &ce.UpdateClusterOptionsDetails{
				OpenIdConnectTokenAuthenticationConfig: fullOKEOIDC()}})},
		{name: "OpenID Connect discovery enabled",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectDiscovery: &infrav1.OpenIDConnectDiscovery{
					IsOpenIDConnectDiscoveryEnabled: ptr.To(true)}}
			},
			have: func(c *ce.Cluster) {
				c.Options = &ce.ClusterCreateOptions{OpenIdConnectDiscovery: &ce.OpenIdConnectDiscovery{IsOpenIdConnectDiscoveryEnabled: ptr.To(false)}}
			},
			want: clusterUpdate(ce.UpdateClusterDetails{Options: &ce.UpdateClusterOptionsDetails{
				OpenIdConnectDiscovery: &ce.OpenIdConnectDiscovery{IsOpenIdConnectDiscoveryEnabled: ptr.To(true)}}})},
		{name: "pod security policy admission enabled",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{AdmissionControllerOptions: &infrav1.AdmissionControllerOptions{
					IsPodSecurityPolicyEnabled: ptr.To(true)}}
			},
			want: clusterUpdate(ce.UpdateClusterDetails{Options: &ce.UpdateClusterOptionsDetails{
				AdmissionControllerOptions: &ce.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: ptr.To(true)}}})},
		{name: "add-ons changed: not updatable, no update",
			setup: func(s *scope) {
				s.CP.ClusterOptions = &infrav1.ClusterOptions{AddOnOptions: &infrav1.AddOnOptions{IsTillerEnabled: ptr.To(true)}}
			}},
	}
}

func endpointUpdateCases() []updateCase {
	return []updateCase{
		{name: "the endpoint's NSGs differ: the endpoint's update",
			have: func(c *ce.Cluster) { c.EndpointConfig.NsgIds = []string{"ocid1.nsg.oc1..other"} },
			want: okecluster.Update{Endpoint: &ce.UpdateClusterEndpointConfigDetails{NsgIds: []string{cpeNSG},
				IsPublicIpEnabled: ptr.To(true)}}},
		{name: "the endpoint's NSGs in another order: no update",
			setup: func(s *scope) { s.Net.EndpointNSGIDs = []string{"ocid1.nsg.oc1..a", "ocid1.nsg.oc1..b"} },
			have:  func(c *ce.Cluster) { c.EndpointConfig.NsgIds = []string{"ocid1.nsg.oc1..b", "ocid1.nsg.oc1..a"} }},
		{name: "the endpoint subnet made private, its NSGs removed: no public IP, an empty NSG list",
			setup: func(s *scope) { s.Net.EndpointPublic, s.Net.EndpointNSGIDs = false, nil },
			want: okecluster.Update{Endpoint: &ce.UpdateClusterEndpointConfigDetails{NsgIds: []string{},
				IsPublicIpEnabled: ptr.To(false)}}},
		{name: "both the version and the endpoint differ: the cluster's update first",
			have: func(c *ce.Cluster) {
				c.KubernetesVersion = ptr.To("v1.31.1")
				c.EndpointConfig.NsgIds = nil
			},
			want: clusterUpdate(ce.UpdateClusterDetails{KubernetesVersion: ptr.To("v1.32.1")})},
		{name: "the endpoint in another subnet: no endpoint update (Unchangeable reports it)",
			have: func(c *ce.Cluster) {
				c.EndpointConfig = &ce.ClusterEndpointConfig{SubnetId: ptr.To("ocid1.subnet.oc1..other"), IsPublicIpEnabled: ptr.To(false)}
			}},
		{name: "no endpoint configuration (a legacy cluster): no endpoint update",
			have: func(c *ce.Cluster) { c.EndpointConfig = nil }},
	}
}
