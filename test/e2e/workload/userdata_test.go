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

package workload

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	bootstrapv1 "sigs.k8s.io/cluster-api/api/bootstrap/kubeadm/v1beta2"
	"sigs.k8s.io/cluster-api/bootstrap/kubeadm/pkg/cloudinit"
	"sigs.k8s.io/cluster-api/util/secret"
)

// kubeletArgsV1beta4 is how KubeadmConfig writes kubeletExtraArgs for kubeadm's v1beta4 API.
const kubeletArgsV1beta4 = `
  kubeletExtraArgs:
  - name: cloud-provider
    value: external
  - name: provider-id
    value: oci://{{ ds["id"] }}`

func clusterConfiguration(endpoint string) string {
	return fmt.Sprintf(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
clusterName: demo
controlPlaneEndpoint: %s
kubernetesVersion: v1.34.1
`, endpoint)
}

func initConfiguration() string {
	return "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:" + kubeletArgsV1beta4 + "\n"
}

func joinConfiguration(endpoint, token string, hashes []string, controlPlane bool) string {
	cp := ""
	if controlPlane {
		cp = "controlPlane:\n  localAPIEndpoint: {}\n"
	}
	return fmt.Sprintf(`apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
%sdiscovery:
  bootstrapToken:
    apiServerEndpoint: %s
    token: %s
    caCertHashes: [%s]
nodeRegistration:%s
`, cp, endpoint, token, strings.Join(hashes, ","), kubeletArgsV1beta4)
}

// userData renders what KubeadmConfig's cloud-init writer makes, base64-encoded as OCI metadata carries it.
func userData(t *testing.T, b []byte, err error) string {
	t.Helper()
	if err != nil {
		t.Fatalf("rendering cloud-init: %v", err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func newCerts(t *testing.T) secret.Certificates {
	t.Helper()
	c := secret.NewCertificatesForInitialControlPlane(&bootstrapv1.ClusterConfiguration{})
	if err := c.Generate(); err != nil {
		t.Fatal(err)
	}
	return c
}

func initUserData(t *testing.T, certs secret.Certificates, endpoint string) string {
	t.Helper()
	b, err := cloudinit.NewInitControlPlane(&cloudinit.ControlPlaneInput{Certificates: certs,
		ClusterConfiguration: clusterConfiguration(endpoint), InitConfiguration: initConfiguration()})
	return userData(t, b, err)
}

// TestPlanFromKubeadmConfigUserData reads the plans of the three kinds of user data KubeadmConfig writes.
func TestPlanFromKubeadmConfigUserData(t *testing.T) {
	certs := newCerts(t)
	md := Metadata{InstanceID: "ocid1.instance.oc1.iad.x", LocalHostname: "cp-0"}
	cc, err := ParseUserData(initUserData(t, certs, "127.0.0.1:6443"), md)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PlanFrom(cc, md.LocalHostname)
	if err != nil {
		t.Fatal(err)
	}
	if p.Role != RoleInit || p.Endpoint != "127.0.0.1:6443" || p.ProviderID != "oci://ocid1.instance.oc1.iad.x" ||
		p.NodeName != "cp-0" || p.KubernetesVersion != "v1.34.1" || !strings.Contains(p.ClusterConfiguration, "clusterName: demo") {
		t.Errorf("init plan: %+v", p)
	}
	if cc.Files[caCertPath] == "" || cc.Files[etcdCAKeyPath] == "" {
		t.Errorf("the CAs of the init user data were not read: %v", keys(cc.Files))
	}
	b, err := cloudinit.NewNode(&cloudinit.NodeInput{BaseUserData: cloudinit.BaseUserData{
		KubeadmCommand: "kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml"},
		JoinConfiguration: joinConfiguration("127.0.0.1:6443", "abcdef.0123456789abcdef", []string{"sha256:aa"}, false)})
	cc, err = ParseUserData(userData(t, b, err), md)
	if err != nil {
		t.Fatal(err)
	}
	if p, err = PlanFrom(cc, "worker-0"); err != nil {
		t.Fatal(err)
	}
	if p.Role != RoleJoinWorker || p.Token != "abcdef.0123456789abcdef" || len(p.CACertHashes) != 1 || p.NodeName != "worker-0" {
		t.Errorf("worker plan: %+v", p)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func gzipB64(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// TestUserDataThatCannotBoot lists user data a first boot refuses, each with the reason it names.
func TestUserDataThatCannotBoot(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	md := Metadata{InstanceID: "ocid1.instance.oc1.iad.x", LocalHostname: "m"}
	for name, tc := range map[string]struct{ userData, want string }{
		"not base64":            {"%%%", "not base64"},
		"not cloud-config":      {b64("#!/bin/sh\necho hi\n"), "not a #cloud-config"},
		"unknown jinja":         {b64("## template: jinja\n#cloud-config\nruncmd: ['{{ ds.meta_data.nope }}']\n"), "ds.meta_data.nope"},
		"no kubeadm":            {b64("#cloud-config\nruncmd: ['echo hi']\n"), "neither kubeadm init nor kubeadm join"},
		"config not written":    {b64("#cloud-config\nruncmd: ['kubeadm join --config /run/kubeadm/x.yaml']\n"), "which write_files does not write"},
		"no --config":           {b64("#cloud-config\nruncmd: ['kubeadm init']\n"), "has no --config"},
		"bad encoding":          {b64("#cloud-config\nwrite_files:\n- path: /a\n  encoding: rot13\n  content: x\n"), `unknown encoding "rot13"`},
		"init without endpoint": {b64("#cloud-config\nwrite_files:\n- path: /k.yaml\n  content: |\n    kind: ClusterConfiguration\n    ---\n    kind: InitConfiguration\nruncmd: ['kubeadm init --config=/k.yaml']\n"), "no controlPlaneEndpoint"},
		"join without token":    {b64("#cloud-config\nwrite_files:\n- path: /k.yaml\n  content: |\n    kind: JoinConfiguration\n    discovery: {}\nruncmd: ['kubeadm join --config /k.yaml']\n"), "no bootstrap-token discovery"},
	} {
		t.Run(name, func(t *testing.T) {
			cc, err := ParseUserData(tc.userData, md)
			if err == nil {
				_, err = PlanFrom(cc, "m")
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want an error naming %q, got %v", tc.want, err)
			}
		})
	}
}

// TestFileEncodings decodes write_files contents in the encodings cloud-init knows.
func TestFileEncodings(t *testing.T) {
	for enc, content := range map[string]string{"": "plain", "b64": base64.StdEncoding.EncodeToString([]byte("plain")),
		"base64": base64.StdEncoding.EncodeToString([]byte("plain")), "gzip+base64": gzipB64(t, "plain"), "gz+b64": gzipB64(t, "plain")} {
		got, err := decodeContent(content, enc)
		if err != nil || got != "plain" {
			t.Errorf("encoding %q: got %q, %v", enc, got, err)
		}
	}
}

// TestKubeletArgsInBothForms reads kubeletExtraArgs as kubeadm's v1beta3 map and v1beta4 list.
func TestKubeletArgsInBothForms(t *testing.T) {
	for _, raw := range []string{`{"provider-id":"oci://x"}`, `[{"name":"provider-id","value":"oci://x"}]`} {
		args, err := kubeletArgs([]byte(raw))
		if err != nil || args["provider-id"] != "oci://x" {
			t.Errorf("%s: got %v, %v", raw, args, err)
		}
	}
	if _, err := kubeletArgs([]byte(`"x"`)); err == nil {
		t.Error("a string is neither form, want an error")
	}
}
