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

package capi

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// conversionPath is where controller-runtime serves CRD conversion reviews.
const conversionPath = "/convert"

// kustomization is the part of a kustomization.yaml that Install honours: the name prefix and labels of
// config/default, and the resources and labels of config/crd.
type kustomization struct {
	NamePrefix string   `json:"namePrefix"`
	Resources  []string `json:"resources"`
	Labels     []struct {
		Pairs map[string]string `json:"pairs"`
	} `json:"labels"`
}

func (k kustomization) labels() map[string]string {
	out := map[string]string{}
	for _, l := range k.Labels {
		maps.Copy(out, l.Pairs)
	}
	return out
}

func readKustomization(dir string) (kustomization, error) {
	path := filepath.Join(dir, "kustomization.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		return kustomization{}, fmt.Errorf("reading %s: %w", path, err)
	}
	var k kustomization
	if err := yaml.Unmarshal(b, &k); err != nil {
		return kustomization{}, fmt.Errorf("decoding %s: %w", path, err)
	}
	return k, nil
}

// manifests returns a component's CRDs and its webhook configurations as kustomize would render them
// (name prefix, labels), with every webhook, CRD conversion included, served at the component's loopback port.
func manifests(src string, in Instance, caPEM []byte) (crds, hooks []*unstructured.Unstructured, err error) {
	root := filepath.Join(src, in.ConfigDir)
	def, err := readKustomization(filepath.Join(root, "default"))
	if err != nil {
		return nil, nil, err
	}
	crdK, err := readKustomization(filepath.Join(root, "crd"))
	if err != nil {
		return nil, nil, err
	}
	base := "https://" + net.JoinHostPort(loopback, strconv.Itoa(in.WebhookPort))
	for _, r := range crdK.Resources {
		objs, err := readObjects(filepath.Join(root, "crd", r))
		if err != nil {
			return nil, nil, err
		}
		for _, u := range objs {
			addLabels(u, def.labels(), crdK.labels())
			if err := useConversionWebhook(u, base+conversionPath, caPEM); err != nil {
				return nil, nil, err
			}
			crds = append(crds, u)
		}
	}
	hooks, err = readObjects(filepath.Join(root, "webhook", "manifests.yaml"))
	if err != nil {
		return nil, nil, err
	}
	for _, u := range hooks {
		u.SetName(def.NamePrefix + u.GetName())
		addLabels(u, def.labels())
		if err := pointWebhooksAt(u, base, caPEM); err != nil {
			return nil, nil, err
		}
	}
	return crds, hooks, nil
}

func addLabels(u *unstructured.Unstructured, sets ...map[string]string) {
	labels := u.GetLabels()
	if labels == nil {
		labels = map[string]string{}
	}
	for _, s := range sets {
		maps.Copy(labels, s)
	}
	u.SetLabels(labels)
}

// useConversionWebhook switches a CRD that serves more than one version to webhook conversion at url.
func useConversionWebhook(crd *unstructured.Unstructured, url string, caPEM []byte) error {
	if crd.GetKind() != "CustomResourceDefinition" {
		return fmt.Errorf("%s %s is listed among the CRDs", crd.GetKind(), crd.GetName())
	}
	versions, _, err := unstructured.NestedSlice(crd.Object, "spec", "versions")
	if err != nil {
		return fmt.Errorf("reading the versions of CRD %s: %w", crd.GetName(), err)
	}
	if len(versions) < 2 {
		return nil
	}
	conversion := map[string]any{
		"strategy": "Webhook",
		"webhook": map[string]any{
			"conversionReviewVersions": []any{"v1"},
			"clientConfig":             clientConfig(url, caPEM),
		},
	}
	if err := unstructured.SetNestedField(crd.Object, conversion, "spec", "conversion"); err != nil {
		return fmt.Errorf("setting the conversion of CRD %s: %w", crd.GetName(), err)
	}
	return nil
}

// pointWebhooksAt replaces the Service of every webhook of a Mutating/ValidatingWebhookConfiguration by
// base + the Service's path.
func pointWebhooksAt(cfg *unstructured.Unstructured, base string, caPEM []byte) error {
	hooks, _, err := unstructured.NestedSlice(cfg.Object, "webhooks")
	if err != nil {
		return fmt.Errorf("reading the webhooks of %s %s: %w", cfg.GetKind(), cfg.GetName(), err)
	}
	for i, h := range hooks {
		hook, ok := h.(map[string]any)
		if !ok {
			return fmt.Errorf("webhook %d of %s %s is not an object", i, cfg.GetKind(), cfg.GetName())
		}
		path, found, err := unstructured.NestedString(hook, "clientConfig", "service", "path")
		if err != nil || !found {
			return fmt.Errorf("webhook %v of %s %s has no clientConfig.service.path", hook["name"], cfg.GetKind(), cfg.GetName())
		}
		hook["clientConfig"] = clientConfig(base+path, caPEM)
	}
	if err := unstructured.SetNestedSlice(cfg.Object, hooks, "webhooks"); err != nil {
		return fmt.Errorf("setting the webhooks of %s %s: %w", cfg.GetKind(), cfg.GetName(), err)
	}
	return nil
}

func clientConfig(url string, caPEM []byte) map[string]any {
	return map[string]any{"url": url, "caBundle": base64.StdEncoding.EncodeToString(caPEM)}
}

// readObjects decodes every non-empty document of a YAML file.
func readObjects(path string) ([]*unstructured.Unstructured, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer func() { _ = f.Close() }()
	r := utilyaml.NewYAMLReader(bufio.NewReader(f))
	var objs []*unstructured.Unstructured
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return objs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		js, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return nil, fmt.Errorf("decoding %s: %w", path, err)
		}
		if js = bytes.TrimSpace(js); len(js) == 0 || string(js) == "null" {
			continue
		}
		u := &unstructured.Unstructured{}
		if err := u.UnmarshalJSON(js); err != nil {
			return nil, fmt.Errorf("decoding an object of %s: %w", path, err)
		}
		objs = append(objs, u)
	}
}
