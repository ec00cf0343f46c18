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
	"encoding/json"
	"fmt"
	"strings"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// CRDs are the provider's installed CRDs, by name.
func (m *Management) CRDs(ctx context.Context) (map[string]*apiextensionsv1.CustomResourceDefinition, error) {
	c, err := m.crdClient()
	if err != nil {
		return nil, err
	}
	list := &apiextensionsv1.CustomResourceDefinitionList{}
	if err := c.List(ctx, list); err != nil {
		return nil, fmt.Errorf("listing CRDs: %w", err)
	}
	out := map[string]*apiextensionsv1.CustomResourceDefinition{}
	for i := range list.Items {
		if list.Items[i].Spec.Group == testenv.Group {
			out[list.Items[i].Name] = &list.Items[i]
		}
	}
	return out, nil
}

func (m *Management) crdClient() (client.Client, error) {
	s := runtime.NewScheme()
	if err := apiextensionsv1.AddToScheme(s); err != nil {
		return nil, fmt.Errorf("building a scheme: %w", err)
	}
	c, err := client.New(m.Config, client.Options{Scheme: s})
	if err != nil {
		return nil, fmt.Errorf("creating a client: %w", err)
	}
	return c, nil
}

// Stored reads etcd itself: the apiVersion each of the provider's objects is stored at, keyed by
// <resource>/<namespace>/<name>.
func (m *Management) Stored(ctx context.Context) (map[string]string, error) {
	etcd, err := clientv3.New(clientv3.Config{Endpoints: []string{m.Env.ControlPlane.Etcd.URL.String()}, DialTimeout: 10 * time.Second,
		Context: ctx})
	if err != nil {
		return nil, fmt.Errorf("connecting to etcd: %w", err)
	}
	defer func() { _ = etcd.Close() }()
	prefix := "/registry/" + testenv.Group + "/"
	r, err := etcd.Get(ctx, prefix, clientv3.WithPrefix())
	if err != nil {
		return nil, fmt.Errorf("reading %s from etcd: %w", prefix, err)
	}
	out := map[string]string{}
	for _, kv := range r.Kvs {
		var obj struct {
			APIVersion string `json:"apiVersion"`
		}
		if err := json.Unmarshal(kv.Value, &obj); err != nil {
			return nil, fmt.Errorf("decoding %s: %w", kv.Key, err)
		}
		out[strings.TrimPrefix(string(kv.Key), prefix)] = obj.APIVersion
	}
	return out, nil
}

// ManagedFieldVersions returns, for every provider object, the apiVersions of its managed fields, keyed by
// <kind>/<namespace>/<name>.
func (m *Management) ManagedFieldVersions(ctx context.Context) (map[string][]string, error) {
	crds, err := m.CRDs(ctx)
	if err != nil {
		return nil, err
	}
	c, err := client.New(m.Config, client.Options{})
	if err != nil {
		return nil, fmt.Errorf("creating a client: %w", err)
	}
	out := map[string][]string{}
	for _, crd := range crds {
		list := &metav1.PartialObjectMetadataList{}
		list.SetGroupVersionKind(schema.GroupVersionKind{Group: crd.Spec.Group, Version: storageVersion(crd), Kind: crd.Spec.Names.ListKind})
		if err := c.List(ctx, list); err != nil {
			return nil, fmt.Errorf("listing %s: %w", crd.Spec.Names.Plural, err)
		}
		for i := range list.Items {
			o := &list.Items[i]
			key := crd.Spec.Names.Kind + "/" + o.Namespace + "/" + o.Name
			out[key] = []string{}
			for j := range o.ManagedFields {
				out[key] = append(out[key], o.ManagedFields[j].APIVersion)
			}
		}
	}
	return out, nil
}

func storageVersion(crd *apiextensionsv1.CustomResourceDefinition) string {
	for _, v := range crd.Spec.Versions {
		if v.Storage {
			return v.Name
		}
	}
	return ""
}
