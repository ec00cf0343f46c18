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
	"encoding/base64"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
)

// The bootstrap Secret the OKE control plane writes boots a self-managed node of the cluster at its private
// endpoint; anything else is kubeadm's (or a broken installer call).
func TestOKEJoin(t *testing.T) {
	ca, _, err := newCA("ocid1.cluster.oc1.iad.test")
	if err != nil {
		t.Fatal(err)
	}
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Raw})
	secret, err := okeauth.SelfManagedSecret(types.NamespacedName{Namespace: "ns", Name: "oke"},
		okeauth.Endpoint{Server: "https://10.0.0.10:6443", CAData: caPEM}, metav1.OwnerReference{})
	if err != nil {
		t.Fatal(err)
	}
	enc := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	host, err := okeJoin(base64.StdEncoding.EncodeToString(secret.Data[okeauth.KubeconfigDataName]))
	if err != nil || host != "10.0.0.10" {
		t.Errorf("the control plane's bootstrap: host %q, %v", host, err)
	}
	if _, err := okeJoin(enc("#cloud-config\nruncmd: [kubeadm join]\n")); !errors.Is(err, errNotOKENode) {
		t.Errorf("kubeadm's cloud-init: %v", err)
	}
	if _, err := okeJoin("not base64 !"); !errors.Is(err, errNotOKENode) {
		t.Errorf("no base64: %v", err)
	}
	for name, script := range map[string]string{
		"no CA":     "bash /etc/oke/oke-install.sh --apiserver-endpoint \"10.0.0.10\"",
		"CA no PEM": "bash /etc/oke/oke-install.sh --apiserver-endpoint \"10.0.0.10\" --kubelet-ca-cert \"" + enc("nope") + "\"",
		"CA no b64": "bash /etc/oke/oke-install.sh --apiserver-endpoint \"10.0.0.10\" --kubelet-ca-cert \"!!\"",
	} {
		if _, err := okeJoin(enc(script)); err == nil || errors.Is(err, errNotOKENode) ||
			(!strings.Contains(err.Error(), "kubelet") && !strings.Contains(err.Error(), "apiserver")) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
