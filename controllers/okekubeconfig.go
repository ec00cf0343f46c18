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

package controllers

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
)

// reconcileSecrets writes the Secrets of an ACTIVE OKE cluster: OKE's own kubeconfig for people
// (<cluster>-user-kubeconfig), the bootstrap Secret of self-managed nodes (<cluster>-self-managed), and Cluster
// API's <cluster>-kubeconfig with a token signed by the cluster's identity, replaced before it gets old. OKE is
// asked for its kubeconfig only when the user Secret is missing; a token is signed locally, with no call. It
// returns when the token next needs replacing.
func (r *OCIManagedControlPlaneReconciler) reconcileSecrets(ctx context.Context, cluster *clusterv1.Cluster,
	cp *infrav1.OCIManagedControlPlane, observed *containerengine.Cluster, a cloudAccess) (time.Duration, error) {
	key := client.ObjectKeyFromObject(cluster)
	owner := metav1.OwnerReference{APIVersion: infrav1.GroupVersion.String(), Kind: "OCIManagedControlPlane",
		Name: cp.Name, UID: cp.UID, Controller: ptr.To(true), BlockOwnerDeletion: ptr.To(true)}
	e, err := r.okeEndpoint(ctx, key, cp.Spec.ID, a.clients, owner)
	if err != nil {
		return 0, err
	}
	if private := privateEndpoint(observed); private != "" {
		// Self-managed nodes join through the cluster's private endpoint, as with the earlier provider.
		if err := r.ensureSelfManagedSecret(ctx, key, okeauth.Endpoint{Server: private, CAData: e.CAData}, owner); err != nil {
			return 0, err
		}
	}
	return r.refreshKubeconfig(ctx, key, cp.Spec.ID, e, a.clients, owner)
}

// okeEndpoint reads the OKE cluster's server and CA from the user kubeconfig Secret, asking OKE for its kubeconfig
// (and writing the Secret) when the Secret is missing.
func (r *OCIManagedControlPlaneReconciler) okeEndpoint(ctx context.Context, key client.ObjectKey, clusterID string,
	c *clients.Clients, owner metav1.OwnerReference) (okeauth.Endpoint, error) {
	want := okeauth.UserKubeconfigSecret(key, nil, owner)
	existing := &corev1.Secret{}
	err := r.Client.Get(ctx, client.ObjectKeyFromObject(want), existing)
	if err == nil {
		e, perr := okeauth.ParseOKEKubeconfig(existing.Data[okeauth.KubeconfigDataName])
		if perr == nil {
			return e, nil
		}
	} else if !apierrors.IsNotFound(err) {
		return okeauth.Endpoint{}, fmt.Errorf("reading Secret %s: %w", want.Name, err)
	}
	resp, err := c.ContainerEngine.CreateKubeconfig(clients.WithOperation(ctx, "CreateKubeconfig"),
		containerengine.CreateKubeconfigRequest{ClusterId: &clusterID})
	if err != nil {
		return okeauth.Endpoint{}, async.Classify("reading the OKE cluster's kubeconfig", err)
	}
	defer func() { _ = resp.Content.Close() }()
	data, err := io.ReadAll(resp.Content)
	if err != nil {
		return okeauth.Endpoint{}, fmt.Errorf("reading the OKE cluster's kubeconfig: %w", err)
	}
	e, err := okeauth.ParseOKEKubeconfig(data)
	if err != nil {
		return okeauth.Endpoint{}, err
	}
	if err := r.write(ctx, okeauth.UserKubeconfigSecret(key, data, owner), existing); err != nil {
		return okeauth.Endpoint{}, err
	}
	return e, nil
}

// privateEndpoint is the OKE cluster's private endpoint, "" when the cluster was not read in this reconcile.
func privateEndpoint(c *containerengine.Cluster) string {
	if c == nil || c.Endpoints == nil {
		return ""
	}
	return ptr.Deref(c.Endpoints.PrivateEndpoint, "")
}

// ensureSelfManagedSecret writes <cluster>-self-managed once.
func (r *OCIManagedControlPlaneReconciler) ensureSelfManagedSecret(ctx context.Context, key client.ObjectKey, e okeauth.Endpoint, owner metav1.OwnerReference) error {
	want, err := okeauth.SelfManagedSecret(key, e, owner)
	if err != nil {
		return err
	}
	existing := &corev1.Secret{}
	err = r.Client.Get(ctx, client.ObjectKeyFromObject(want), existing)
	switch {
	case err == nil:
		return nil
	case !apierrors.IsNotFound(err):
		return fmt.Errorf("reading Secret %s: %w", want.Name, err)
	}
	return r.write(ctx, want, existing)
}

// refreshKubeconfig writes Cluster API's kubeconfig when it is missing, its token is old, or OKE's server or CA
// changed. It returns how long until the token needs replacing.
func (r *OCIManagedControlPlaneReconciler) refreshKubeconfig(ctx context.Context, key client.ObjectKey, clusterID string,
	e okeauth.Endpoint, c *clients.Clients, owner metav1.OwnerReference) (time.Duration, error) {
	existing := &corev1.Secret{}
	name := okeauth.KubeconfigSecretName(key.Name)
	err := r.Client.Get(ctx, client.ObjectKey{Namespace: key.Namespace, Name: name}, existing)
	if err != nil && !apierrors.IsNotFound(err) {
		return 0, fmt.Errorf("reading Secret %s: %w", name, err)
	}
	now := time.Now()
	data := existing.Data[okeauth.KubeconfigDataName]
	if err == nil && !okeauth.NeedsRefresh(data, e, now, r.tokenRefresh()) {
		signed, derr := tokenDateOf(data)
		if derr == nil {
			return max(signed.Add(r.tokenRefresh()).Sub(now), time.Second), nil
		}
	}
	token, err := okeauth.Token(c.ContainerEngine.Signer, hostOf(c.ContainerEngine.Host), clusterID, now)
	if err != nil {
		return 0, fmt.Errorf("signing a token for the OKE cluster: %w", err)
	}
	kubeconfig, err := okeauth.CAPIKubeconfig(key.Name, e, token)
	if err != nil {
		return 0, err
	}
	if err := r.write(ctx, okeauth.KubeconfigSecret(key, kubeconfig, owner), existing); err != nil {
		return 0, err
	}
	return r.tokenRefresh(), nil
}

// tokenDateOf reads when the token of a Cluster API kubeconfig was signed.
func tokenDateOf(data []byte) (time.Time, error) {
	token, err := okeauth.KubeconfigToken(data)
	if err != nil {
		return time.Time{}, err
	}
	return okeauth.TokenDate(token)
}

// hostOf strips the scheme of an endpoint URL.
func hostOf(endpoint string) string {
	if i := strings.Index(endpoint, "://"); i >= 0 {
		endpoint = endpoint[i+3:]
	}
	return strings.TrimSuffix(endpoint, "/")
}

// write creates want, or updates existing (read before, empty when missing) to want's data.
func (r *OCIManagedControlPlaneReconciler) write(ctx context.Context, want, existing *corev1.Secret) error {
	if existing.Name == "" {
		if err := r.Client.Create(ctx, want); err != nil {
			return fmt.Errorf("creating Secret %s: %w", want.Name, err)
		}
		return nil
	}
	existing.Data = want.Data
	existing.Type = want.Type
	if err := r.Client.Update(ctx, existing); err != nil {
		return fmt.Errorf("updating Secret %s: %w", want.Name, err)
	}
	return nil
}
