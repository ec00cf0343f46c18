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
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// What the provider's release (config/default) puts on every object it installs, and clusterctl's own label.
const (
	providerLabel   = "cluster.x-k8s.io/provider"
	providerName    = "infrastructure-oci"
	clusterctlLabel = "clusterctl.cluster.x-k8s.io"
	namePrefix      = "capoci-"
	caInjection     = "cert-manager.io/inject-ca-from"
	servingCert     = "cluster-api-provider-oci-system/capoci-serving-cert"
	// HubVersion is this provider's storage version.
	HubVersion = "v1beta3"
)

// Upgrade replaces the provider's CRDs and admission webhook configurations with this provider's, as `clusterctl
// upgrade apply` installs a release's components over the installed provider's: each object of the release
// (config/crd/bases with config/crd's contract labels, config/webhook/manifests.yaml, renamed with the release's
// prefix, every one with the provider's and clusterctl's labels) is merge-patched over the installed one of the
// same name, or created. A cluster's Services and cert-manager route the webhooks to the manager's pod and inject
// the CA: here every webhook and CRD conversion calls the manager's loopback port with envtest's CA. It returns
// once the API server serves the hub version of every CRD. clusterctl's CRD migration has nothing to do here:
// the new CRDs keep serving v1beta2, the version the earlier provider stored, so objects stay stored as v1beta2
// until written (see MigrateStorage).
func (m *Management) Upgrade(ctx context.Context) error {
	c, err := client.New(m.Config, client.Options{})
	if err != nil {
		return fmt.Errorf("creating a client: %w", err)
	}
	objs, err := m.releaseObjects()
	if err != nil {
		return err
	}
	kinds := 0
	for _, u := range objs {
		if err := createOrPatch(ctx, c, u); err != nil {
			return err
		}
		if u.GetKind() == "CustomResourceDefinition" {
			kinds++
		}
	}
	return m.waitServed(ctx, kinds)
}

// createOrPatch is clusterctl's createObj: create the object, or merge-patch it over the existing one.
func createOrPatch(ctx context.Context, c client.Client, u *unstructured.Unstructured) error {
	current := &unstructured.Unstructured{}
	current.SetGroupVersionKind(u.GroupVersionKind())
	err := c.Get(ctx, client.ObjectKeyFromObject(u), current)
	switch {
	case apierrors.IsNotFound(err):
		if err := c.Create(ctx, u); err != nil {
			return fmt.Errorf("creating %s %s: %w", u.GetKind(), u.GetName(), err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("reading %s %s: %w", u.GetKind(), u.GetName(), err)
	}
	u.SetResourceVersion(current.GetResourceVersion())
	if err := exclusiveClientConfig(u); err != nil {
		return err
	}
	if err := c.Patch(ctx, u, client.Merge); err != nil {
		return fmt.Errorf("patching %s %s: %w", u.GetKind(), u.GetName(), err)
	}
	return nil
}

// exclusiveClientConfig makes a CRD's merge patch replace the installed conversion's service with its URL, or
// the other way round. Here this provider's manager is called by URL, standing for the Service a cluster routes
// to its pod; in a cluster both releases name a Service, and the patch replaces one with the other.
func exclusiveClientConfig(u *unstructured.Unstructured) error {
	if u.GetKind() != "CustomResourceDefinition" {
		return nil
	}
	cc, found, err := unstructured.NestedMap(u.Object, "spec", "conversion", "webhook", "clientConfig")
	if err != nil {
		return fmt.Errorf("CRD %s: %w", u.GetName(), err)
	}
	if !found {
		return nil
	}
	other := "url"
	if _, ok := cc["url"]; ok {
		other = "service"
	}
	if err := unstructured.SetNestedField(u.Object, nil, "spec", "conversion", "webhook", "clientConfig", other); err != nil {
		return fmt.Errorf("CRD %s: %w", u.GetName(), err)
	}
	return nil
}

// releaseObjects are the release's CRDs and webhook configurations as they reach the API server.
func (m *Management) releaseObjects() ([]*unstructured.Unstructured, error) {
	root := testenv.RepoRoot()
	contract, err := contractLabels(filepath.Join(root, "config", "crd", "kustomization.yaml"))
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(root, "config", "crd", "bases", "*.yaml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no CRDs in config/crd/bases: %w", err)
	}
	files = append(files, filepath.Join(root, "config", "webhook", "manifests.yaml"))
	var out []*unstructured.Unstructured
	for _, f := range files {
		objs, err := readObjects(f)
		if err != nil {
			return nil, err
		}
		for _, u := range objs {
			if err := m.localise(u, contract); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			out = append(out, u)
		}
	}
	return out, nil
}

// localise labels an object as the release does and points its webhooks at the manager's loopback port.
func (m *Management) localise(u *unstructured.Unstructured, contract map[string]string) error {
	labels := map[string]string{providerLabel: providerName, clusterctlLabel: ""}
	ca := base64.StdEncoding.EncodeToString(m.Env.WebhookInstallOptions.LocalServingCAData)
	switch u.GetKind() {
	case "CustomResourceDefinition":
		for k, v := range contract {
			labels[k] = v
		}
		u.SetAnnotations(mergeMaps(u.GetAnnotations(), map[string]string{caInjection: servingCert}))
		conversion := map[string]any{"strategy": "Webhook", "webhook": map[string]any{
			"clientConfig":             map[string]any{"url": m.WebhookURL("/convert"), "caBundle": ca},
			"conversionReviewVersions": []any{"v1"}}}
		if err := unstructured.SetNestedField(u.Object, conversion, "spec", "conversion"); err != nil {
			return fmt.Errorf("setting the conversion of %s: %w", u.GetName(), err)
		}
	case "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration":
		u.SetName(namePrefix + u.GetName())
		hooks, _, _ := unstructured.NestedSlice(u.Object, "webhooks")
		for _, h := range hooks {
			hook, ok := h.(map[string]any)
			if !ok {
				return fmt.Errorf("%s has a webhook that is not an object", u.GetName())
			}
			path, _, _ := unstructured.NestedString(hook, "clientConfig", "service", "path")
			hook["clientConfig"] = map[string]any{"url": m.WebhookURL(path), "caBundle": ca}
		}
		if err := unstructured.SetNestedSlice(u.Object, hooks, "webhooks"); err != nil {
			return fmt.Errorf("pointing %s at the manager: %w", u.GetName(), err)
		}
	default:
		return fmt.Errorf("unexpected %s %s", u.GetKind(), u.GetName())
	}
	u.SetLabels(mergeMaps(u.GetLabels(), labels))
	return nil
}

func mergeMaps(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// contractLabels are the labels config/crd's kustomization gives every CRD.
func contractLabels(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	var k struct {
		Labels []struct {
			Pairs map[string]string `json:"pairs"`
		} `json:"labels"`
	}
	if err := yaml.Unmarshal(data, &k); err != nil {
		return nil, fmt.Errorf("decoding %s: %w", path, err)
	}
	out := map[string]string{}
	for _, l := range k.Labels {
		for key, v := range l.Pairs {
			out[key] = v
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s gives the CRDs no labels", path)
	}
	return out, nil
}

func readObjects(path string) ([]*unstructured.Unstructured, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var out []*unstructured.Unstructured
	for {
		u := &unstructured.Unstructured{}
		if err := dec.Decode(&u.Object); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("decoding %s: %w", path, err)
		}
		if len(u.Object) > 0 {
			out = append(out, u)
		}
	}
}

// waitServed waits until the API server serves the hub version of the release's CRDs.
func (m *Management) waitServed(ctx context.Context, kinds int) error {
	dc, err := discovery.NewDiscoveryClientForConfig(m.Config)
	if err != nil {
		return fmt.Errorf("creating a discovery client: %w", err)
	}
	for {
		served := 0
		if list, err := dc.ServerResourcesForGroupVersion(testenv.Group + "/" + HubVersion); err == nil {
			for i := range list.APIResources {
				if !strings.Contains(list.APIResources[i].Name, "/") {
					served++
				}
			}
		}
		if served == kinds {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s/%s to serve %d kinds (it serves %d): %w", testenv.Group, HubVersion, kinds, served, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
