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
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
)

var (
	testKey   = client.ObjectKey{Namespace: "ns", Name: "c1"}
	testOwner = metav1.OwnerReference{APIVersion: "infrastructure.cluster.x-k8s.io/v1beta3", Kind: "OCIManagedControlPlane",
		Name: "c1", UID: "uid-1", Controller: ptr.To(true), BlockOwnerDeletion: ptr.To(true)}
)

// checkClusterSecret checks a Secret's name, namespace, cluster label, sole controller reference, type and data.
func checkClusterSecret(t *testing.T, s *corev1.Secret, name string, typ corev1.SecretType, value []byte) {
	t.Helper()
	if s.Name != name || s.Namespace != "ns" {
		t.Errorf("secret %s/%s; want ns/%s", s.Namespace, s.Name, name)
	}
	if !reflect.DeepEqual(s.Labels, map[string]string{"cluster.x-k8s.io/cluster-name": "c1"}) {
		t.Errorf("%s labels %v", name, s.Labels)
	}
	if len(s.OwnerReferences) != 1 || !reflect.DeepEqual(s.OwnerReferences[0], testOwner) {
		t.Errorf("%s owner references %+v", name, s.OwnerReferences)
	}
	if s.Type != typ {
		t.Errorf("%s type %q; want %q", name, s.Type, typ)
	}
	if len(s.Data) != 1 || !bytes.Equal(s.Data["value"], value) {
		t.Errorf("%s data %q; want only value=%q", name, s.Data, value)
	}
}

// TestKubeconfigSecrets checks the Cluster API and user kubeconfig Secrets against Cluster API's conventions.
func TestKubeconfigSecrets(t *testing.T) {
	checkClusterSecret(t, okeauth.KubeconfigSecret(testKey, []byte("capi"), testOwner), "c1-kubeconfig",
		"cluster.x-k8s.io/secret", []byte("capi"))
	checkClusterSecret(t, okeauth.UserKubeconfigSecret(testKey, []byte("oke"), testOwner), "c1-user-kubeconfig",
		"cluster.x-k8s.io/secret", []byte("oke"))
	if okeauth.KubeconfigSecretName("c1") != "c1-kubeconfig" || okeauth.UserKubeconfigSecretName("c1") != "c1-user-kubeconfig" {
		t.Errorf("names %q %q", okeauth.KubeconfigSecretName("c1"), okeauth.UserKubeconfigSecretName("c1"))
	}
}

// TestSelfManagedSecret checks the bootstrap script of self-managed nodes: the API server's host without scheme
// or port, and the base64 of the CA.
func TestSelfManagedSecret(t *testing.T) {
	ca := newCAPEM(t, "oke")
	b64 := base64.StdEncoding.EncodeToString(ca)
	for server, host := range map[string]string{
		"https://10.0.0.5:6443":        "10.0.0.5",
		"10.0.0.5:6443":                "10.0.0.5",
		"https://[fd00::5]:6443":       "fd00::5",
		"https://api.oke.example.com/": "api.oke.example.com",
	} {
		s, err := okeauth.SelfManagedSecret(testKey, okeauth.Endpoint{Server: server, CAData: ca}, testOwner)
		if err != nil {
			t.Fatalf("%s: %v", server, err)
		}
		want := "#!/usr/bin/env bash\n" + "bash /etc/oke/oke-install.sh \\\n  --apiserver-endpoint \"" + host +
			"\" \\\n  --kubelet-ca-cert \"" + b64 + "\""
		checkClusterSecret(t, s, "c1-self-managed", "", []byte(want))
	}
	if okeauth.SelfManagedSecretName("c1") != "c1-self-managed" {
		t.Errorf("name %q", okeauth.SelfManagedSecretName("c1"))
	}
}

// TestSelfManagedSecretErrors checks that no bootstrap is written without a host or a CA.
func TestSelfManagedSecretErrors(t *testing.T) {
	ca := newCAPEM(t, "oke")
	for name, e := range map[string]okeauth.Endpoint{
		"no server":     {CAData: ca},
		"no host":       {Server: "https://:6443", CAData: ca},
		"bad URL":       {Server: "https://10.0.0.5:port", CAData: ca},
		"quote in host": {Server: "https://a\"b", CAData: ca},
		"no CA":         {Server: "https://10.0.0.5:6443"},
		"shell in host": {Server: "https://$(reboot):6443", CAData: ca},
	} {
		if s, err := okeauth.SelfManagedSecret(testKey, e, testOwner); err == nil {
			t.Errorf("%s: wrote %q", name, s.Data["value"])
		}
	}
}
