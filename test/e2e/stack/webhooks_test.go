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

package stack

import (
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// object builds an object of kind labelled as clusterctl labels a provider's, from its JSON-shaped body.
func object(kind, provider string, body map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: body}
	u.SetKind(kind)
	u.SetName(strings.ToLower(kind))
	u.SetLabels(map[string]string{ProviderLabel: provider})
	return u
}

func service(name, path string) map[string]any {
	svc := map[string]any{"name": name, "namespace": "ns"}
	if path != "" {
		svc["path"] = path
	}
	return map[string]any{"service": svc, "caBundle": "Cg=="}
}

// TestPointLocally checks the rewrite of the client configurations init installs: a CRD's conversion and every
// admission webhook go to the loopback port of the object's provider, keeping the Service's path, with the CA.
func TestPointLocally(t *testing.T) {
	ca := []byte("-----BEGIN CERTIFICATE-----\n")
	wantCA := base64.StdEncoding.EncodeToString(ca)
	ports := map[string]int{"infrastructure-oci": 9443, "cluster-api": 9444}

	crd := object("CustomResourceDefinition", "infrastructure-oci", map[string]any{"spec": map[string]any{
		"conversion": map[string]any{"strategy": "Webhook", "webhook": map[string]any{"clientConfig": service("capoci-webhook-service", "/convert")}}}})
	changed, err := pointLocally(crd, ports, ca)
	if err != nil || !changed {
		t.Fatalf("CRD: changed %v, error %v", changed, err)
	}
	cc, _, _ := unstructured.NestedMap(crd.Object, "spec", "conversion", "webhook", "clientConfig")
	if want := map[string]any{"url": "https://127.0.0.1:9443/convert", "caBundle": wantCA}; !reflect.DeepEqual(cc, want) {
		t.Errorf("CRD conversion client config %v, want %v", cc, want)
	}

	hooks := object("ValidatingWebhookConfiguration", "cluster-api", map[string]any{"webhooks": []any{
		map[string]any{"name": "a", "clientConfig": service("capi-webhook-service", "/validate-a")},
		map[string]any{"name": "b", "clientConfig": service("capi-webhook-service", "")},
	}})
	if changed, err := pointLocally(hooks, ports, ca); err != nil || !changed {
		t.Fatalf("webhooks: changed %v, error %v", changed, err)
	}
	list, _, _ := unstructured.NestedSlice(hooks.Object, "webhooks")
	for i, url := range []string{"https://127.0.0.1:9444/validate-a", "https://127.0.0.1:9444"} {
		hook, _ := list[i].(map[string]any)
		cc, _ := hook["clientConfig"].(map[string]any)
		if want := map[string]any{"url": url, "caBundle": wantCA}; !reflect.DeepEqual(cc, want) {
			t.Errorf("webhook %d client config %v, want %v", i, cc, want)
		}
	}

	// A CRD of one version, without conversion, is left as it is.
	plain := object("CustomResourceDefinition", "infrastructure-oci", map[string]any{"spec": map[string]any{}})
	if changed, err := pointLocally(plain, ports, ca); err != nil || changed {
		t.Errorf("CRD without conversion: changed %v, error %v", changed, err)
	}

	// A webhook of a provider no local process serves is an error, not a webhook left pointing at a Service.
	other := object("MutatingWebhookConfiguration", "bootstrap-kubeadm", map[string]any{"webhooks": []any{
		map[string]any{"name": "c", "clientConfig": service("capi-kubeadm-bootstrap-webhook-service", "/mutate-c")},
	}})
	if _, err := pointLocally(other, ports, ca); err == nil || !strings.Contains(err.Error(), `provider "bootstrap-kubeadm"`) {
		t.Errorf("webhook of an unserved provider: error %v, want one naming the provider", err)
	}
}
