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
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// TestManifests checks, without an API server, what Install would apply: prefixed webhook configuration
// names, every webhook and every conversion at the component's loopback port, and kustomize's labels.
func TestManifests(t *testing.T) {
	modDir, err := moduleDir(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	mod, err := listModule(t.Context(), modDir)
	if err != nil {
		t.Fatal(err)
	}
	ca := []byte("-----BEGIN CERTIFICATE-----\n")
	wantCA := base64.StdEncoding.EncodeToString(ca)
	names := map[string]bool{}
	for i, comp := range Components() {
		in := Instance{Component: comp, WebhookPort: 40000 + i}
		crds, hooks, err := manifests(mod.Dir, in, ca)
		if err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("https://127.0.0.1:%d/", in.WebhookPort)
		if len(crds) == 0 || len(hooks) != 2 {
			t.Fatalf("%s: %d CRDs and %d webhook configurations, want some and 2", comp.Name, len(crds), len(hooks))
		}
		for _, crd := range crds {
			checkCRD(t, crd, base+"convert", wantCA)
		}
		for _, cfg := range hooks {
			if names[cfg.GetName()] {
				t.Errorf("%s: webhook configuration name %s is used twice", comp.Name, cfg.GetName())
			}
			names[cfg.GetName()] = true
			checkWebhooks(t, cfg, base, wantCA)
		}
	}
	for _, want := range []string{
		"capi-mutating-webhook-configuration",
		"capi-kubeadm-bootstrap-validating-webhook-configuration",
		"capi-kubeadm-control-plane-mutating-webhook-configuration",
	} {
		if !names[want] {
			t.Errorf("no webhook configuration %s among %v", want, names)
		}
	}
}

func checkCRD(t *testing.T, crd *unstructured.Unstructured, url, ca string) {
	t.Helper()
	if crd.GetLabels()["cluster.x-k8s.io/provider"] == "" {
		t.Errorf("CRD %s has no provider label: %v", crd.GetName(), crd.GetLabels())
	}
	if strings.HasPrefix(crd.GetName(), "kubeadm") && crd.GetLabels()["cluster.x-k8s.io/v1beta2"] != "v1beta2" {
		t.Errorf("CRD %s has no contract label: %v", crd.GetName(), crd.GetLabels())
	}
	cc, _, _ := unstructured.NestedStringMap(crd.Object, "spec", "conversion", "webhook", "clientConfig")
	if cc["url"] != url || cc["caBundle"] != ca {
		t.Errorf("CRD %s converts with %v, want url %s", crd.GetName(), cc, url)
	}
}

func checkWebhooks(t *testing.T, cfg *unstructured.Unstructured, base, ca string) {
	t.Helper()
	hooks, _, _ := unstructured.NestedSlice(cfg.Object, "webhooks")
	for _, h := range hooks {
		cc, _, _ := unstructured.NestedMap(h.(map[string]any), "clientConfig")
		url, _ := cc["url"].(string)
		if !strings.HasPrefix(url, base) || cc["caBundle"] != ca || cc["service"] != nil {
			t.Errorf("%s: webhook %v has clientConfig %v, want a URL under %s", cfg.GetName(), h.(map[string]any)["name"], cc, base)
		}
	}
}
