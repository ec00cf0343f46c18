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

package okeauth

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Cluster API's Secret conventions (those of sigs.k8s.io/cluster-api/util/secret, which this package does not
// import: it would bring the kubeadm bootstrap API and its dependencies into the module).
const (
	// KubeconfigDataName is the key of the Secret data a kubeconfig or bootstrap data is stored under.
	KubeconfigDataName = "value"
	// KubeconfigPurpose ends the name of the Secret of the kubeconfig Cluster API uses: "<cluster>-kubeconfig".
	KubeconfigPurpose = "kubeconfig"
	// UserKubeconfigPurpose ends the name of the Secret of OKE's own kubeconfig, for people:
	// "<cluster>-user-kubeconfig".
	UserKubeconfigPurpose = "user-kubeconfig"
)

// selfManagedSuffix ends the name of the bootstrap Secret of self-managed nodes: "<cluster>-self-managed".
const selfManagedSuffix = "-self-managed"

// selfManagedScript is the bootstrap data of a self-managed node: it runs the OKE node image's installer with
// the API server's host and the base64 of its CA bundle.
const selfManagedScript = "#!/usr/bin/env bash\n" +
	"bash /etc/oke/oke-install.sh \\\n" +
	"  --apiserver-endpoint \"%s\" \\\n" +
	"  --kubelet-ca-cert \"%s\""

// KubeconfigSecretName is the name of the Secret of the kubeconfig Cluster API uses for a cluster.
func KubeconfigSecretName(cluster string) string {
	return cluster + "-" + KubeconfigPurpose
}

// UserKubeconfigSecretName is the name of the Secret of OKE's own kubeconfig of a cluster.
func UserKubeconfigSecretName(cluster string) string {
	return cluster + "-" + UserKubeconfigPurpose
}

// SelfManagedSecretName is the name of the bootstrap Secret of a cluster's self-managed nodes.
func SelfManagedSecretName(cluster string) string {
	return cluster + selfManagedSuffix
}

// KubeconfigSecret is `<cluster>-kubeconfig` in Cluster API's format (type cluster.x-k8s.io/secret, label
// cluster.x-k8s.io/cluster-name, data "value"), controlled by owner.
func KubeconfigSecret(cluster client.ObjectKey, data []byte, owner metav1.OwnerReference) *corev1.Secret {
	s := clusterSecret(cluster, KubeconfigSecretName(cluster.Name), data, owner)
	s.Type = clusterv1.ClusterSecretType
	return s
}

// UserKubeconfigSecret is `<cluster>-user-kubeconfig`: OKE's own kubeconfig with its exec plugin, for people, in
// the same format.
func UserKubeconfigSecret(cluster client.ObjectKey, okeKubeconfig []byte, owner metav1.OwnerReference) *corev1.Secret {
	s := clusterSecret(cluster, UserKubeconfigSecretName(cluster.Name), okeKubeconfig, owner)
	s.Type = clusterv1.ClusterSecretType
	return s
}

// SelfManagedSecret is `<cluster>-self-managed`, the bootstrap Secret the earlier provider writes for self-managed
// nodes joining an OKE cluster (same name, keys and content shape as the earlier provider's): a bash script, under
// "value", running /etc/oke/oke-install.sh with the host of e.Server (no scheme, no port) as the API server
// endpoint and the base64 of e.CAData as the kubelet's CA. The earlier provider used the cluster's private
// endpoint, which nodes in the VCN reach: pass an Endpoint whose Server is that endpoint. Like the earlier
// provider's, the Secret has no type (it is Opaque), so that Secrets it wrote stay as they are.
func SelfManagedSecret(cluster client.ObjectKey, e Endpoint, owner metav1.OwnerReference) (*corev1.Secret, error) {
	host, err := serverHost(e.Server)
	if err != nil {
		return nil, fmt.Errorf("writing the self-managed node bootstrap of %s: %w", cluster, err)
	}
	if len(e.CAData) == 0 {
		return nil, fmt.Errorf("writing the self-managed node bootstrap of %s: no CA data", cluster)
	}
	script := fmt.Sprintf(selfManagedScript, host, base64.StdEncoding.EncodeToString(e.CAData))
	return clusterSecret(cluster, SelfManagedSecretName(cluster.Name), []byte(script), owner), nil
}

// clusterSecret is a Secret of a cluster's, labelled with its name, controlled by owner, with data under "value".
func clusterSecret(cluster client.ObjectKey, name string, data []byte, owner metav1.OwnerReference) *corev1.Secret {
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{
			Name:            name,
			Namespace:       cluster.Namespace,
			Labels:          map[string]string{clusterv1.ClusterNameLabel: cluster.Name},
			OwnerReferences: []metav1.OwnerReference{owner},
		},
		Data: map[string][]byte{KubeconfigDataName: data},
	}
}

// serverHost returns the host of an API server's URL or host:port, without its port or IPv6 brackets.
func serverHost(server string) (string, error) {
	s := server
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("reading the API server %q: %w", server, err)
	}
	h := u.Hostname()
	if h == "" || strings.IndexFunc(h, notHostRune) >= 0 {
		return "", fmt.Errorf("the API server %q has no usable host", server)
	}
	return h, nil
}

// notHostRune reports whether r cannot appear in a DNS name or an IP address.
func notHostRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == ':':
		return false
	default:
		return true
	}
}
