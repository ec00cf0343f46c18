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
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"strconv"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
	clusterctlv1 "sigs.k8s.io/cluster-api/cmd/clusterctl/api/v1alpha3"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// ProviderLabel is the label that names the provider of each object clusterctl installs.
const ProviderLabel = "cluster.x-k8s.io/provider"

// webhookKinds are the kinds whose objects call webhooks: the CRDs (conversion) and the admission webhook
// configurations.
var webhookKinds = []schema.GroupVersionKind{
	{Group: "apiextensions.k8s.io", Version: "v1", Kind: "CustomResourceDefinitionList"},
	{Group: "admissionregistration.k8s.io", Version: "v1", Kind: "MutatingWebhookConfigurationList"},
	{Group: "admissionregistration.k8s.io", Version: "v1", Kind: "ValidatingWebhookConfigurationList"},
}

// serveLocally points every webhook of the objects clusterctl installed (labelled clusterctl.cluster.x-k8s.io)
// from its Service at https://127.0.0.1:<port> of the object's provider plus the Service's path, trusting ca. It
// fails on a webhook of a provider that ports does not name.
func serveLocally(ctx context.Context, cfg *rest.Config, ports map[string]int, ca []byte) error {
	c, err := client.New(cfg, client.Options{})
	if err != nil {
		return fmt.Errorf("creating a client: %w", err)
	}
	for _, gvk := range webhookKinds {
		list := &unstructured.UnstructuredList{}
		list.SetGroupVersionKind(gvk)
		if err := c.List(ctx, list, client.HasLabels{clusterctlv1.ClusterctlLabel}); err != nil {
			return fmt.Errorf("listing %s: %w", gvk.Kind, err)
		}
		for i := range list.Items {
			u := &list.Items[i]
			changed, err := pointLocally(u, ports, ca)
			if err != nil {
				return err
			}
			if !changed {
				continue
			}
			if err := c.Update(ctx, u); err != nil {
				return fmt.Errorf("pointing the webhooks of %s %s at loopback: %w", u.GetKind(), u.GetName(), err)
			}
		}
	}
	return nil
}

// pointLocally rewrites the Service client configurations of a CRD or a webhook configuration, and reports
// whether there was any.
func pointLocally(u *unstructured.Unstructured, ports map[string]int, ca []byte) (bool, error) {
	provider := u.GetLabels()[ProviderLabel]
	local := func(cc map[string]any) (bool, error) {
		svc, ok := cc["service"].(map[string]any)
		if !ok {
			return false, nil
		}
		port, ok := ports[provider]
		if !ok {
			return false, fmt.Errorf("%s %s calls Service %v of provider %q, which no local process serves", u.GetKind(), u.GetName(), svc["name"], provider)
		}
		path, _ := svc["path"].(string)
		cc["url"] = "https://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) + path
		cc["caBundle"] = base64.StdEncoding.EncodeToString(ca)
		delete(cc, "service")
		return true, nil
	}
	if u.GetKind() == "CustomResourceDefinition" {
		cc, found, err := unstructured.NestedMap(u.Object, "spec", "conversion", "webhook", "clientConfig")
		if err != nil || !found {
			return false, err
		}
		changed, err := local(cc)
		if err != nil || !changed {
			return false, err
		}
		return true, unstructured.SetNestedMap(u.Object, cc, "spec", "conversion", "webhook", "clientConfig")
	}
	hooks, _, err := unstructured.NestedSlice(u.Object, "webhooks")
	if err != nil {
		return false, fmt.Errorf("reading the webhooks of %s %s: %w", u.GetKind(), u.GetName(), err)
	}
	changed := false
	for _, h := range hooks {
		hook, _ := h.(map[string]any)
		cc, _ := hook["clientConfig"].(map[string]any)
		if cc == nil {
			continue
		}
		c, err := local(cc)
		if err != nil {
			return false, err
		}
		changed = changed || c
	}
	if !changed {
		return false, nil
	}
	return true, unstructured.SetNestedSlice(u.Object, hooks, "webhooks")
}
