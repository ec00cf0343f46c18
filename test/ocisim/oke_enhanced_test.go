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

package ocisim

import (
	"net/http"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// createCluster creates a cluster of a type (BASIC when "") with options and returns its id, or the error.
func (f *okeFixture) createCluster(name string, typ ce.ClusterTypeEnum, opts *ce.ClusterCreateOptions) (string, error) {
	resp, err := f.ce.CreateCluster(f.ctx, ce.CreateClusterRequest{CreateClusterDetails: ce.CreateClusterDetails{
		Name: common.String(name), CompartmentId: common.String(f.sim.Tenancy()), VcnId: f.vcn.Id,
		KubernetesVersion: common.String("v1.32.1"), Type: typ, Options: opts}})
	if err != nil {
		return "", err
	}
	return *must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId})).Resources[0].Identifier, nil
}

func oidcAuth() *ce.OpenIdConnectTokenAuthenticationConfig {
	return &ce.OpenIdConnectTokenAuthenticationConfig{IsOpenIdConnectAuthEnabled: common.Bool(true),
		IssuerUrl: common.String("https://issuer.example.com"), ClientId: common.String("capoci")}
}

func oidcDiscovery() *ce.OpenIdConnectDiscovery {
	return &ce.OpenIdConnectDiscovery{IsOpenIdConnectDiscoveryEnabled: common.Bool(true)}
}

// TestOKEEnhancedOnlyOptions checks that OpenID Connect authentication and discovery need an enhanced cluster,
// on creation and on update, and that an enhanced cluster cannot become basic.
func TestOKEEnhancedOnlyOptions(t *testing.T) {
	f := newOKEFixture(t, Options{})
	for _, typ := range []ce.ClusterTypeEnum{"", ce.ClusterTypeBasicCluster} {
		_, err := f.createCluster("basic-oidc", typ, &ce.ClusterCreateOptions{OpenIdConnectTokenAuthenticationConfig: oidcAuth()})
		wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "OpenID Connect token authentication")
		wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "ENHANCED_CLUSTER")
		_, err = f.createCluster("basic-discovery", typ, &ce.ClusterCreateOptions{OpenIdConnectDiscovery: oidcDiscovery()})
		wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "OpenID Connect discovery")
	}
	must(f.createCluster("enhanced-oidc", ce.ClusterTypeEnhancedCluster,
		&ce.ClusterCreateOptions{OpenIdConnectTokenAuthenticationConfig: oidcAuth(), OpenIdConnectDiscovery: oidcDiscovery()}))
	basic := must(f.createCluster("basic", "", nil))
	update := func(d ce.UpdateClusterDetails) error {
		_, err := f.ce.UpdateCluster(f.ctx, ce.UpdateClusterRequest{ClusterId: &basic, UpdateClusterDetails: d})
		return err
	}
	err := update(ce.UpdateClusterDetails{Options: &ce.UpdateClusterOptionsDetails{OpenIdConnectTokenAuthenticationConfig: oidcAuth()}})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "OpenID Connect token authentication")
	err = update(ce.UpdateClusterDetails{Options: &ce.UpdateClusterOptionsDetails{OpenIdConnectDiscovery: oidcDiscovery()}})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "OpenID Connect discovery")
	if err := update(ce.UpdateClusterDetails{Type: ce.ClusterTypeEnhancedCluster,
		Options: &ce.UpdateClusterOptionsDetails{OpenIdConnectDiscovery: oidcDiscovery()}}); err != nil {
		t.Fatalf("upgrading to an enhanced cluster with OpenID Connect discovery: %v", err)
	}
	c := must(f.ce.GetCluster(f.ctx, ce.GetClusterRequest{ClusterId: &basic}))
	if c.Type != ce.ClusterTypeEnhancedCluster || !*c.Options.OpenIdConnectDiscovery.IsOpenIdConnectDiscoveryEnabled {
		t.Fatalf("cluster after the upgrade: %s with %+v", c.Type, c.Options)
	}
	err = update(ce.UpdateClusterDetails{Type: ce.ClusterTypeBasicCluster})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "cannot be downgraded")
	if c = must(f.ce.GetCluster(f.ctx, ce.GetClusterRequest{ClusterId: &basic})); c.Type != ce.ClusterTypeEnhancedCluster {
		t.Fatalf("cluster after a refused downgrade: %s", c.Type)
	}
}

// TestOKEEnhancedOnlyResources checks that virtual node pools and add-ons are refused on a basic cluster.
func TestOKEEnhancedOnlyResources(t *testing.T) {
	f := newOKEFixture(t, Options{})
	basic := must(f.createCluster("basic", ce.ClusterTypeBasicCluster, nil))
	_, err := f.ce.CreateVirtualNodePool(f.ctx, ce.CreateVirtualNodePoolRequest{CreateVirtualNodePoolDetails: ce.CreateVirtualNodePoolDetails{
		CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &basic, DisplayName: common.String("vnp"), Size: common.Int(1),
		PlacementConfigurations: []ce.PlacementConfiguration{{AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), SubnetId: f.subnet.Id}},
		PodConfiguration:        &ce.PodConfiguration{SubnetId: f.subnet.Id, Shape: common.String("Pod.Standard.E4.Flex")}}})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "Virtual node pools require an ENHANCED_CLUSTER")
	_, err = f.ce.InstallAddon(f.ctx, ce.InstallAddonRequest{ClusterId: &basic, InstallAddonDetails: ce.InstallAddonDetails{
		AddonName: common.String("CertManager")}})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "Cluster add-ons require an ENHANCED_CLUSTER")
	if l := must(f.ce.ListAddons(f.ctx, ce.ListAddonsRequest{ClusterId: &basic})); len(l.Items) != 0 {
		t.Fatalf("add-ons on a basic cluster: %+v", l.Items)
	}
}
