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

package inplace

import (
	"context"
	"fmt"
	"slices"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// The way back to the earlier provider (docs/book/src/topics/switching.md), step by step.

// SetStorageVersion makes storage the storage version of every provider CRD and stops serving the versions of
// unserved (kubectl patch of spec.versions[*].storage and served); the manager's CRD migrator then rewrites every
// object in the storage version and drops the managed fields of versions no longer served.
func (m *Management) SetStorageVersion(ctx context.Context, storage string, unserved ...string) error {
	return m.patchCRDs(ctx, func(crd *apiextensionsv1.CustomResourceDefinition) error {
		found := false
		for i := range crd.Spec.Versions {
			v := &crd.Spec.Versions[i]
			v.Storage = v.Name == storage
			v.Served = !slices.Contains(unserved, v.Name)
			found = found || v.Storage
		}
		if !found {
			return fmt.Errorf("CRD %s has no version %s", crd.Name, storage)
		}
		return nil
	})
}

// RemoveCRDLabel removes a label from every provider CRD (kubectl label crd ... key-).
func (m *Management) RemoveCRDLabel(ctx context.Context, key string) error {
	return m.patchCRDs(ctx, func(crd *apiextensionsv1.CustomResourceDefinition) error {
		delete(crd.Labels, key)
		return nil
	})
}

// patchCRDs changes every provider CRD with change and merge-patches it.
func (m *Management) patchCRDs(ctx context.Context, change func(*apiextensionsv1.CustomResourceDefinition) error) error {
	crds, err := m.CRDs(ctx)
	if err != nil {
		return err
	}
	c, err := m.crdClient()
	if err != nil {
		return err
	}
	for _, crd := range crds {
		patch := client.MergeFrom(crd.DeepCopy())
		if err := change(crd); err != nil {
			return err
		}
		if err := c.Patch(ctx, crd, patch); err != nil {
			return fmt.Errorf("patching CRD %s: %w", crd.Name, err)
		}
	}
	return nil
}

// Delete removes this provider as `clusterctl delete --infrastructure oci` does by default: its manager and
// webhook configurations go, its CRDs and so every object stay.
func (m *Management) Delete(ctx context.Context) error {
	if m.Manager != nil {
		if err := m.Manager.Stop(); err != nil {
			return fmt.Errorf("stopping the manager: %w", err)
		}
		m.Manager = nil
	}
	s := runtime.NewScheme()
	if err := admissionregistrationv1.AddToScheme(s); err != nil {
		return fmt.Errorf("building a scheme: %w", err)
	}
	c, err := client.New(m.Config, client.Options{Scheme: s})
	if err != nil {
		return fmt.Errorf("creating a client: %w", err)
	}
	for _, obj := range []client.Object{&admissionregistrationv1.MutatingWebhookConfiguration{},
		&admissionregistrationv1.ValidatingWebhookConfiguration{}} {
		if err := c.DeleteAllOf(ctx, obj, client.MatchingLabels{providerLabel: providerName}); err != nil && !apierrors.IsNotFound(err) {
			return fmt.Errorf("deleting the provider's %T: %w", obj, err)
		}
	}
	return nil
}

// Install installs CRDs as `clusterctl init` installs a release's: each merge-patched over the installed one of
// the same name, or created; labels the installed CRD has and the release's does not stay.
func (m *Management) Install(ctx context.Context, crds []*apiextensionsv1.CustomResourceDefinition) error {
	c, err := client.New(m.Config, client.Options{})
	if err != nil {
		return fmt.Errorf("creating a client: %w", err)
	}
	for _, crd := range crds {
		u, err := toUnstructured(crd)
		if err != nil {
			return err
		}
		if err := createOrPatch(ctx, c, u); err != nil {
			return err
		}
	}
	return nil
}

// toUnstructured is a CRD as a release's YAML holds it: no status, no server-set metadata.
func toUnstructured(crd *apiextensionsv1.CustomResourceDefinition) (*unstructured.Unstructured, error) {
	obj, err := runtime.DefaultUnstructuredConverter.ToUnstructured(crd)
	if err != nil {
		return nil, fmt.Errorf("converting CRD %s: %w", crd.Name, err)
	}
	u := &unstructured.Unstructured{Object: obj}
	u.SetAPIVersion(apiextensionsv1.SchemeGroupVersion.String())
	u.SetKind("CustomResourceDefinition")
	delete(u.Object, "status")
	unstructured.RemoveNestedField(u.Object, "metadata", "creationTimestamp")
	return u, nil
}
