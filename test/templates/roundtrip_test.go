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

package templates_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// canonicalSpec returns the spec of a provider object as its Go type writes it: decoded into the hub type and
// encoded again, so that a field an older version leaves out and the hub's zero value of a non-pointer field
// ("skip: false", an empty struct) compare equal, while a pointer's false and its absence still differ.
func canonicalSpec(t *testing.T, u *unstructured.Unstructured) any {
	t.Helper()
	scheme, err := manager.NewScheme()
	if err != nil {
		t.Fatal(err)
	}
	obj, err := scheme.New(u.GroupVersionKind())
	if err != nil {
		t.Fatalf("%s: %v", u.GroupVersionKind(), err)
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, obj); err != nil {
		t.Fatalf("decoding %s %s: %v", u.GetKind(), u.GetName(), err)
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return pruned(m["spec"])
}

// v1beta1Defaults returns the paths ("spec.a.b", "[]" for a list's items) whose v1beta1 schema of kind declares a
// default: a write in v1beta1 fills them in, as it did with the earlier provider, which served the same schema.
func v1beta1Defaults(t *testing.T, kind string) map[string]bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(), "config", "crd", "bases", "*.yaml"))
	out := map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(raw, crd); err != nil {
			t.Fatal(err)
		}
		if crd.Spec.Names.Kind != kind {
			continue
		}
		for _, v := range crd.Spec.Versions {
			if v.Name == "v1beta1" && v.Schema != nil && v.Schema.OpenAPIV3Schema != nil {
				collectDefaults(v.Schema.OpenAPIV3Schema, "", out)
			}
		}
	}
	return out
}

func collectDefaults(s *apiextensionsv1.JSONSchemaProps, path string, out map[string]bool) {
	if s.Default != nil {
		out[path] = true
	}
	for name := range s.Properties {
		p := s.Properties[name]
		collectDefaults(&p, strings.TrimPrefix(path+"."+name, "."), out)
	}
	if s.Items != nil && s.Items.Schema != nil {
		collectDefaults(s.Items.Schema, path+"[]", out)
	}
}

// withoutAddedDefaults removes from got the fields at a defaulted path that want does not have.
func withoutAddedDefaults(got, want any, path string, defaulted map[string]bool) any {
	switch g := got.(type) {
	case map[string]any:
		w, _ := want.(map[string]any)
		out := map[string]any{}
		for k, v := range g {
			p := strings.TrimPrefix(path+"."+k, ".")
			if _, had := w[k]; !had && defaulted[p] {
				continue
			}
			out[k] = withoutAddedDefaults(v, w[k], p, defaulted)
		}
		return out
	case []any:
		w, _ := want.([]any)
		out := make([]any, len(g))
		for i := range g {
			var wi any
			if i < len(w) {
				wi = w[i]
			}
			out[i] = withoutAddedDefaults(g[i], wi, path+"[]", defaulted)
		}
		return out
	default:
		return got
	}
}
