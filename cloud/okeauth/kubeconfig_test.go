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
	"encoding/base64"
	"fmt"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
)

// okeKubeconfig is a kubeconfig shaped as OKE's CreateKubeconfig returns it, with an exec plugin user.
func okeKubeconfig(server string, ca []byte, currentContext bool) []byte {
	current := ""
	if currentContext {
		current = "current-context: context-c1\n"
	}
	return fmt.Appendf(nil, `apiVersion: v1
kind: Config
clusters:
- name: cluster-c1
  cluster:
    server: %s
    certificate-authority-data: %s
contexts:
- name: context-c1
  context:
    cluster: cluster-c1
    user: user-c1
%susers:
- name: user-c1
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: oci
      args: ["ce", "cluster", "generate-token", "--cluster-id", "%s"]
`, server, base64.StdEncoding.EncodeToString(ca), current, testCluster)
}

// TestParseOKEKubeconfig checks that the server, CA and cluster entry of the current context are read.
func TestParseOKEKubeconfig(t *testing.T) {
	ca := newCAPEM(t, "oke")
	for _, current := range []bool{true, false} {
		e, err := okeauth.ParseOKEKubeconfig(okeKubeconfig("https://10.0.0.5:6443", ca, current))
		if err != nil {
			t.Fatalf("current context %v: %v", current, err)
		}
		if e.Server != "https://10.0.0.5:6443" || !bytes.Equal(e.CAData, ca) || e.ClusterName != "cluster-c1" {
			t.Errorf("current context %v: endpoint %+v", current, e)
		}
	}
}

// TestParseOKEKubeconfigErrors checks that kubeconfigs without a usable cluster are refused.
func TestParseOKEKubeconfigErrors(t *testing.T) {
	for name, data := range map[string]string{
		"garbage":     "{{{ not yaml",
		"empty":       "",
		"no context":  "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: https://a\n",
		"bad current": "apiVersion: v1\nkind: Config\ncurrent-context: x\ncontexts:\n- name: y\n  context:\n    cluster: a\n",
		"no cluster":  "apiVersion: v1\nkind: Config\ncurrent-context: x\ncontexts:\n- name: x\n  context:\n    cluster: a\n",
		"no server": "apiVersion: v1\nkind: Config\ncurrent-context: x\nclusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: true\n" +
			"contexts:\n- name: x\n  context:\n    cluster: a\n",
	} {
		if e, err := okeauth.ParseOKEKubeconfig([]byte(data)); err == nil {
			t.Errorf("%s: parsed as %+v", name, e)
		}
	}
}

// TestCAPIKubeconfig checks that the kubeconfig loads into a REST config with the bearer token, the server and the
// CA and no exec plugin, under the earlier provider's user name and Cluster API's context shape.
func TestCAPIKubeconfig(t *testing.T) {
	e := okeauth.Endpoint{Server: "https://10.0.0.5:6443", CAData: newCAPEM(t, "oke"), ClusterName: "cluster-c1"}
	data, err := okeauth.CAPIKubeconfig("c1", e, "the-token")
	if err != nil {
		t.Fatal(err)
	}
	rc, err := clientcmd.RESTConfigFromKubeConfig(data)
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != e.Server || rc.BearerToken != "the-token" || !bytes.Equal(rc.CAData, e.CAData) {
		t.Errorf("REST config host %q, token %q, CA %q", rc.Host, rc.BearerToken, rc.CAData)
	}
	if rc.ExecProvider != nil || rc.AuthProvider != nil || rc.BearerTokenFile != "" {
		t.Errorf("REST config has other credentials: %+v %+v %q", rc.ExecProvider, rc.AuthProvider, rc.BearerTokenFile)
	}
	cfg, err := clientcmd.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	wantCtx := clientcmdapi.Context{Cluster: "c1", AuthInfo: "c1-capi-admin"}
	if cfg.CurrentContext != "c1-capi-admin@c1" || len(cfg.Contexts) != 1 || cfg.Contexts[cfg.CurrentContext] == nil ||
		cfg.Contexts[cfg.CurrentContext].Cluster != wantCtx.Cluster || cfg.Contexts[cfg.CurrentContext].AuthInfo != wantCtx.AuthInfo {
		t.Errorf("contexts %v, current %q; want one, c1-capi-admin@c1 = %+v", cfg.Contexts, cfg.CurrentContext, wantCtx)
	}
	if len(cfg.Clusters) != 1 || len(cfg.AuthInfos) != 1 {
		t.Errorf("clusters %v, users %v; want one of each", cfg.Clusters, cfg.AuthInfos)
	}
	if okeauth.CAPIUserName("c1") != "c1-capi-admin" || okeauth.CAPIContextName("c1") != "c1-capi-admin@c1" {
		t.Errorf("names %q %q", okeauth.CAPIUserName("c1"), okeauth.CAPIContextName("c1"))
	}
}

// TestCAPIKubeconfigErrors checks that a kubeconfig is not written without a cluster name, a server or a token.
func TestCAPIKubeconfigErrors(t *testing.T) {
	e := okeauth.Endpoint{Server: "https://10.0.0.5:6443"}
	for name, c := range map[string]struct {
		cluster, token string
		e              okeauth.Endpoint
	}{"no cluster": {"", "t", e}, "no server": {"c1", "t", okeauth.Endpoint{}}, "no token": {"c1", "", e}} {
		if data, err := okeauth.CAPIKubeconfig(c.cluster, c.e, c.token); err == nil {
			t.Errorf("%s: wrote %s", name, data)
		}
	}
}

// TestNeedsRefresh checks when a CAPI kubeconfig is rewritten: an old or future token, another server or CA, or
// data that is not a token kubeconfig.
func TestNeedsRefresh(t *testing.T) {
	signer := common.DefaultRequestSigner(newSigningKey(t, "ocid1.tenancy.oc1..test").provider)
	signedAt := testNow.Truncate(time.Second)
	token, err := okeauth.Token(signer, testHost, testCluster, signedAt)
	if err != nil {
		t.Fatal(err)
	}
	ca := newCAPEM(t, "oke")
	e := okeauth.Endpoint{Server: "https://10.0.0.5:6443", CAData: ca}
	capi := func(e okeauth.Endpoint, token string) []byte {
		data, err := okeauth.CAPIKubeconfig("c1", e, token)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	fresh := capi(e, token)
	const after = 2 * time.Minute
	cases := []struct {
		name string
		data []byte
		now  time.Time
		want bool
	}{
		{"fresh", fresh, signedAt.Add(time.Minute), false},
		{"just signed", fresh, signedAt, false},
		{"old", fresh, signedAt.Add(3 * time.Minute), true},
		{"at the limit", fresh, signedAt.Add(after), true},
		{"dated in the future", fresh, signedAt.Add(-after), true},
		{"server changed", capi(okeauth.Endpoint{Server: "https://10.0.0.6:6443", CAData: ca}, token), signedAt, true},
		{"CA changed", capi(okeauth.Endpoint{Server: e.Server, CAData: newCAPEM(t, "other")}, token), signedAt, true},
		{"no CA", capi(okeauth.Endpoint{Server: e.Server}, token), signedAt, true},
		{"not a token", capi(e, "opaque"), signedAt, true},
		{"exec plugin user", okeKubeconfig(e.Server, ca, true), signedAt, true},
		{"token and exec plugin", withExec(t, fresh), signedAt, true},
		{"garbage", []byte("{{{ not yaml"), signedAt, true},
		{"empty", nil, signedAt, true},
		{"earlier provider's names", earlierKubeconfig(t, e, token), signedAt.Add(time.Minute), false},
	}
	for _, c := range cases {
		if got := okeauth.NeedsRefresh(c.data, e, c.now, after); got != c.want {
			t.Errorf("%s: NeedsRefresh = %v, want %v", c.name, got, c.want)
		}
	}
}

// withExec adds an exec plugin to every user of a kubeconfig.
func withExec(t *testing.T, data []byte) []byte {
	t.Helper()
	cfg, err := clientcmd.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range cfg.AuthInfos {
		u.Exec = &clientcmdapi.ExecConfig{APIVersion: "client.authentication.k8s.io/v1beta1", Command: "oci"}
	}
	out, err := clientcmd.Write(*cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// earlierKubeconfig is a token kubeconfig named as the earlier provider named it: OKE's cluster and context
// names, and the user "<OKE cluster name>-capi-admin".
func earlierKubeconfig(t *testing.T, e okeauth.Endpoint, token string) []byte {
	t.Helper()
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["cluster-c1"] = &clientcmdapi.Cluster{Server: e.Server, CertificateAuthorityData: e.CAData}
	cfg.AuthInfos["oke-c1-capi-admin"] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts["context-c1"] = &clientcmdapi.Context{Cluster: "cluster-c1", AuthInfo: "oke-c1-capi-admin"}
	cfg.CurrentContext = "context-c1"
	data, err := clientcmd.Write(*cfg)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
