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

package okeauth_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// emulatedCluster is an ACTIVE OKE cluster in the emulator, with the client that made it.
type emulatedCluster struct {
	sim     *ocisim.Sim
	ce      ce.ContainerEngineClient
	id      string
	caPEM   []byte
	server  string
	ctx     context.Context
	tenancy string
	vcn     string
	subnet  string
}

// newEmulatedCluster starts the emulator, whose kubeconfigs carry a CA generated here, and creates a VCN, a subnet
// and an OKE cluster through the SDK.
func newEmulatedCluster(t *testing.T) *emulatedCluster {
	t.Helper()
	c := &emulatedCluster{caPEM: newCAPEM(t, "oke"), server: "https://127.0.0.1:7443", ctx: context.Background()}
	c.sim = ocisim.StartT(t, ocisim.Options{KubeconfigServer: c.server, KubeconfigCAData: c.caPEM})
	c.tenancy = c.sim.Tenancy()
	region := c.sim.Regions()[0]
	vn, err := core.NewVirtualNetworkClientWithConfigurationProvider(c.sim.ConfigurationProvider())
	if err != nil {
		t.Fatal(err)
	}
	if c.ce, err = ce.NewContainerEngineClientWithConfigurationProvider(c.sim.ConfigurationProvider()); err != nil {
		t.Fatal(err)
	}
	if err := c.sim.Configure(&vn.BaseClient, ocisim.ServiceCore, region); err != nil {
		t.Fatal(err)
	}
	if err := c.sim.Configure(&c.ce.BaseClient, ocisim.ServiceContainerEngine, region); err != nil {
		t.Fatal(err)
	}
	vcn, err := vn.CreateVcn(c.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: &c.tenancy, CidrBlocks: []string{"10.0.0.0/16"}, DisplayName: common.String("vcn")}})
	if err != nil {
		t.Fatal(err)
	}
	sn, err := vn.CreateSubnet(c.ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
		CompartmentId: &c.tenancy, VcnId: vcn.Id, CidrBlock: common.String("10.0.1.0/24"), DisplayName: common.String("cp")}})
	if err != nil {
		t.Fatal(err)
	}
	c.subnet = *sn.Id
	c.vcn = *vcn.Id
	c.id = c.createCluster(t, "c1")
	return c
}

// createCluster creates an OKE cluster in the VCN and returns its OCID.
func (c *emulatedCluster) createCluster(t *testing.T, name string) string {
	t.Helper()
	resp, err := c.ce.CreateCluster(c.ctx, ce.CreateClusterRequest{CreateClusterDetails: ce.CreateClusterDetails{
		Name: &name, CompartmentId: &c.tenancy, VcnId: &c.vcn, KubernetesVersion: common.String("v1.32.1"),
		EndpointConfig: &ce.CreateClusterEndpointConfigDetails{SubnetId: &c.subnet}}})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := c.ce.GetWorkRequest(c.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId})
	if err != nil || len(wr.Resources) != 1 {
		t.Fatalf("cluster work request: %+v, %v", wr.Resources, err)
	}
	return *wr.Resources[0].Identifier
}

// token makes a token for a cluster ID, signed by a provider for the client's endpoint host, dated now.
func (c *emulatedCluster) token(t *testing.T, p common.ConfigurationProvider, clusterID string) string {
	t.Helper()
	token, err := okeauth.Token(common.DefaultRequestSigner(p), c.ce.Host, clusterID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// TestTokensAgainstTheEmulator checks that the emulator, verifying tokens as an OKE API server does, accepts tokens
// signed by its own user and by a key registered at test time for the cluster they name, and no others.
func TestTokensAgainstTheEmulator(t *testing.T) {
	c := newEmulatedCluster(t)
	key := newSigningKey(t, c.tenancy)
	c.sim.RegisterKey(key.keyID, &key.key.PublicKey)
	for name, p := range map[string]common.ConfigurationProvider{"emulator's user": c.sim.ConfigurationProvider(),
		"generated key": key.provider} {
		if got, err := c.sim.VerifyClusterToken(c.token(t, p, c.id)); err != nil || got != c.id {
			t.Errorf("%s: token verified as %q, %v; want %s", name, got, err, c.id)
		}
	}
	other := c.createCluster(t, "c2")
	if got, err := c.sim.VerifyClusterToken(c.token(t, c.sim.ConfigurationProvider(), other)); err != nil || got != other {
		t.Errorf("a token for %s verified as %q, %v", other, got, err)
	}
	edited := retarget(t, c.token(t, c.sim.ConfigurationProvider(), c.id), c.id, other)
	if got, err := c.sim.VerifyClusterToken(edited); err == nil {
		t.Errorf("a token signed for %s and edited to name %s verified for %q", c.id, other, got)
	}
	missing := "ocid1.cluster.oc1.iad.aaaaaaaamissing"
	if got, err := c.sim.VerifyClusterToken(c.token(t, c.sim.ConfigurationProvider(), missing)); err == nil {
		t.Errorf("a token for the unknown cluster %s verified for %q", missing, got)
	}
	unregistered := newSigningKey(t, c.tenancy)
	if got, err := c.sim.VerifyClusterToken(c.token(t, unregistered.provider, c.id)); err == nil {
		t.Errorf("a token signed with an unregistered key verified for %q", got)
	}
	stale, err := okeauth.Token(common.DefaultRequestSigner(key.provider), c.ce.Host, c.id, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.sim.VerifyClusterToken(stale); err == nil {
		t.Errorf("a token signed an hour ago verified for %q", got)
	}
}

// retarget edits the cluster a token names, keeping its signature.
func retarget(t *testing.T, token, from, to string) string {
	t.Helper()
	raw, err := base64.URLEncoding.DecodeString(token)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(raw), "/cluster_request/"+from, "/cluster_request/"+to, 1)
	if edited == string(raw) {
		t.Fatalf("token URL %s does not name %s", raw, from)
	}
	return base64.URLEncoding.EncodeToString([]byte(edited))
}

// TestKubeconfigsFromTheEmulator checks the path from OKE's kubeconfig to the Secrets: the endpoint read from
// CreateKubeconfig, a CAPI kubeconfig whose token the emulator accepts and which needs no refresh yet, and the
// user Secret keeping OKE's exec plugin.
func TestKubeconfigsFromTheEmulator(t *testing.T) {
	c := newEmulatedCluster(t)
	resp, err := c.ce.CreateKubeconfig(c.ctx, ce.CreateKubeconfigRequest{ClusterId: &c.id})
	if err != nil {
		t.Fatal(err)
	}
	okeKC, err := io.ReadAll(resp.Content)
	if err != nil {
		t.Fatal(err)
	}
	e, err := okeauth.ParseOKEKubeconfig(okeKC)
	if err != nil {
		t.Fatal(err)
	}
	if e.Server != c.server || !bytes.Equal(e.CAData, c.caPEM) || e.ClusterName == "" {
		t.Fatalf("endpoint %+v; want server %s and the emulator's CA", e, c.server)
	}
	now := time.Now()
	token, err := okeauth.Token(common.DefaultRequestSigner(c.sim.ConfigurationProvider()), c.ce.Host, c.id, now)
	if err != nil {
		t.Fatal(err)
	}
	capiKC, err := okeauth.CAPIKubeconfig("c1", e, token)
	if err != nil {
		t.Fatal(err)
	}
	if okeauth.NeedsRefresh(capiKC, e, now, time.Minute) || !okeauth.NeedsRefresh(capiKC, e, now.Add(time.Minute), time.Minute) {
		t.Error("a fresh kubeconfig needs refreshing, or one a refresh interval old does not")
	}
	got, err := okeauth.ParseOKEKubeconfig(capiKC)
	if err != nil || got.Server != e.Server || !bytes.Equal(got.CAData, e.CAData) {
		t.Fatalf("CAPI kubeconfig endpoint %+v, %v", got, err)
	}
	if id, err := c.sim.VerifyClusterToken(token); err != nil || id != c.id {
		t.Errorf("the CAPI kubeconfig's token verified as %q, %v", id, err)
	}
	user := okeauth.UserKubeconfigSecret(testKey, okeKC, testOwner)
	if !bytes.Contains(user.Data["value"], []byte("generate-token")) {
		t.Errorf("the user kubeconfig lost OKE's exec plugin: %s", user.Data["value"])
	}
}
