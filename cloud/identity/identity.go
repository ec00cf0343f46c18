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

// Package identity resolves whose credentials a cluster's OCI calls sign with: the manager's own, or the
// OCIClusterIdentity its identityRef names (a user principal's Secret, the instance principal, or OKE workload
// identity), once the identity allows the cluster's namespace.
package identity

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/common/auth"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Keys of a user principal's Secret, as the earlier provider reads them.
const (
	SecretTenancy     = "tenancy"
	SecretUser        = "user"
	SecretFingerprint = "fingerprint"
	SecretKey         = "key"
	SecretPassphrase  = "passphrase"
	SecretRegion      = "region"
)

// ReasonNamespaceNotAllowed is the condition reason of a cluster whose identity does not allow its namespace, as
// the earlier provider names it.
const ReasonNamespaceNotAllowed = "NamespaceNotAllowedByIdentity"

// ErrNotAllowed is wrapped by the error of a cluster whose namespace the identity does not allow.
var ErrNotAllowed = errors.New("the identity does not allow this namespace")

// Resolver turns identityRefs into identities. It is safe for concurrent use.
type Resolver struct {
	// Client reads OCIClusterIdentities, Secrets and Namespaces.
	Client client.Reader
	// Default is the manager's own identity, used without an identityRef.
	Default clients.Identity
	// NewInstancePrincipal and NewWorkload build the providers of those principals; nil uses the SDK's (which
	// read the instance-metadata service, and the pod's service account token and KUBERNETES_SERVICE_HOST).
	NewInstancePrincipal func() (common.ConfigurationProvider, error)
	NewWorkload          func() (common.ConfigurationProvider, error)

	mu    sync.Mutex
	cache map[string]clients.Identity
}

// Resolve returns the identity a cluster in namespace signs with: the manager's own without ref, else the
// OCIClusterIdentity's. An identity that does not allow the namespace is an error wrapping ErrNotAllowed, and no
// provider is built for it.
func (r *Resolver) Resolve(ctx context.Context, namespace string, ref *corev1.ObjectReference) (clients.Identity, error) {
	if ref == nil {
		if r.Default.Provider == nil {
			return clients.Identity{}, errors.New("the manager has no credentials of its own: set spec.identityRef")
		}
		return r.Default, nil
	}
	key := client.ObjectKey{Namespace: ref.Namespace, Name: ref.Name}
	if key.Namespace == "" {
		key.Namespace = namespace
	}
	id := &infrav1.OCIClusterIdentity{}
	if err := r.Client.Get(ctx, key, id); err != nil {
		return clients.Identity{}, fmt.Errorf("reading OCIClusterIdentity %s: %w", key, err)
	}
	allowed, err := NamespaceAllowed(ctx, r.Client, id, namespace)
	if err != nil {
		return clients.Identity{}, err
	}
	if !allowed {
		return clients.Identity{}, fmt.Errorf("%w: OCIClusterIdentity %s does not list namespace %q in spec.allowedNamespaces "+
			"(absent allows only its own namespace, {} allows all)", ErrNotAllowed, key, namespace)
	}
	return r.build(ctx, id)
}

// NamespaceAllowed reports whether the identity allows clusters of namespace: its own namespace always; others
// when spec.allowedNamespaces is {} (all), lists it, or selects it by label (an empty selector selects none).
func NamespaceAllowed(ctx context.Context, c client.Reader, id *infrav1.OCIClusterIdentity, namespace string) (bool, error) {
	a := id.Spec.AllowedNamespaces
	switch {
	case namespace == id.Namespace:
		return true, nil
	case a == nil:
		return false, nil
	case len(a.List) == 0 && a.Selector == nil:
		return true, nil
	case slices.Contains(a.List, namespace):
		return true, nil
	case a.Selector == nil:
		return false, nil
	}
	sel, err := metav1.LabelSelectorAsSelector(a.Selector)
	if err != nil {
		return false, fmt.Errorf("OCIClusterIdentity %s: spec.allowedNamespaces.selector: %w", id.Name, err)
	}
	if sel.Empty() {
		return false, nil
	}
	ns := &corev1.Namespace{}
	if err := c.Get(ctx, client.ObjectKey{Name: namespace}, ns); err != nil {
		return false, fmt.Errorf("reading namespace %s: %w", namespace, err)
	}
	return sel.Matches(labels.Set(ns.Labels)), nil
}

// build returns the identity's signing provider, built once per version of the identity and its Secret.
func (r *Resolver) build(ctx context.Context, id *infrav1.OCIClusterIdentity) (clients.Identity, error) {
	name := id.Namespace + "/" + id.Name
	var secret *corev1.Secret
	version := id.ResourceVersion
	if id.Spec.Type == "UserPrincipal" {
		secret = &corev1.Secret{}
		key := client.ObjectKey{Namespace: id.Spec.PrincipalSecret.Namespace, Name: id.Spec.PrincipalSecret.Name}
		if key.Namespace == "" {
			key.Namespace = id.Namespace
		}
		if err := r.Client.Get(ctx, key, secret); err != nil {
			return clients.Identity{}, fmt.Errorf("reading the Secret %s of OCIClusterIdentity %s: %w", key, name, err)
		}
		version += "/" + secret.ResourceVersion
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.cache[name]; ok && c.Version == version {
		return c, nil
	}
	p, err := r.provider(id, secret)
	if err != nil {
		return clients.Identity{}, fmt.Errorf("OCIClusterIdentity %s: %w", name, err)
	}
	if r.cache == nil {
		r.cache = map[string]clients.Identity{}
	}
	c := clients.Identity{Name: name, Version: version, Provider: p}
	r.cache[name] = c
	return c, nil
}

func (r *Resolver) provider(id *infrav1.OCIClusterIdentity, secret *corev1.Secret) (common.ConfigurationProvider, error) {
	switch id.Spec.Type {
	case "UserPrincipal":
		return userPrincipal(secret)
	case "InstancePrincipal":
		if r.NewInstancePrincipal != nil {
			return r.NewInstancePrincipal()
		}
		return auth.InstancePrincipalConfigurationProvider()
	case "Workload", "WorkloadPrincipal":
		if r.NewWorkload != nil {
			return r.NewWorkload()
		}
		return auth.OkeWorkloadIdentityConfigurationProvider()
	}
	return nil, fmt.Errorf("spec.type %q is not a principal type", id.Spec.Type)
}

// userPrincipal reads a user principal's API key from its Secret.
func userPrincipal(s *corev1.Secret) (common.ConfigurationProvider, error) {
	for _, k := range []string{SecretTenancy, SecretUser, SecretFingerprint, SecretKey, SecretRegion} {
		if len(s.Data[k]) == 0 {
			return nil, fmt.Errorf("the Secret %s/%s has no %q", s.Namespace, s.Name, k)
		}
	}
	var passphrase *string
	if p := string(s.Data[SecretPassphrase]); p != "" {
		passphrase = &p
	}
	d := func(k string) string { return string(s.Data[k]) }
	p := common.NewRawConfigurationProvider(d(SecretTenancy), d(SecretUser), d(SecretRegion), d(SecretFingerprint), d(SecretKey), passphrase)
	if _, err := p.PrivateRSAKey(); err != nil {
		return nil, fmt.Errorf("the Secret %s/%s: %q is not a PEM private key (or its passphrase is wrong): %w", s.Namespace, s.Name, SecretKey, err)
	}
	return p, nil
}

// The manager reads identities, their Secrets, and namespaces for spec.allowedNamespaces.selector.
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ociclusteridentities,verbs=get;list;watch
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch
// +kubebuilder:rbac:groups="",resources=namespaces,verbs=get;list;watch
