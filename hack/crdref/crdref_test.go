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

package crdref

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/utils/ptr"
)

type props = map[string]apiextensionsv1.JSONSchemaProps

func raw(s string) *apiextensionsv1.JSON { return &apiextensionsv1.JSON{Raw: []byte(s)} }

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"v1beta1", "v1beta2", -1},
		{"v1beta3", "v1beta2", 1},
		{"v1", "v1beta9", 1},
		{"v1alpha3", "v1beta1", -1},
		{"v2alpha1", "v1", 1},
		{"v1beta2", "v1beta2", 0},
		{"v1beta10", "v1beta9", 1},
		{"other", "v1alpha1", -1},
		{"a", "b", -1},
	} {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestServedPutsStorageFirstThenNewest(t *testing.T) {
	crd := apiextensionsv1.CustomResourceDefinition{Spec: apiextensionsv1.CustomResourceDefinitionSpec{
		Versions: []apiextensionsv1.CustomResourceDefinitionVersion{
			{Name: "v1beta1", Served: true}, {Name: "v1alpha1", Served: false}, {Name: "v1", Served: true},
			{Name: "v1beta2", Served: true, Storage: true}, {Name: "v1beta3", Served: true},
		},
	}}
	var got []string
	for _, v := range Served(crd) {
		got = append(got, v.Name)
	}
	if diff := cmp.Diff([]string{"v1beta2", "v1", "v1beta3", "v1beta1"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestFieldsWalksPropertiesItemsAndMapValues(t *testing.T) {
	root := apiextensionsv1.JSONSchemaProps{Type: "object", Properties: props{
		"spec": {Type: "object", Required: []string{"name"}, Properties: props{
			"name": {Type: "string"},
			"subnets": {Type: "array", Items: &apiextensionsv1.JSONSchemaPropsOrArray{Schema: &apiextensionsv1.JSONSchemaProps{
				Type: "object", Properties: props{"cidr": {Type: "string"}},
			}}},
			"domains": {Type: "object", AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Schema: &apiextensionsv1.JSONSchemaProps{
				Type: "object", Properties: props{"zone": {Type: "string"}},
			}}},
		}},
		"apiVersion": {Type: "string"},
	}}
	var got []string
	for _, f := range Fields(root) {
		p := f.Path
		if f.Required {
			p += " (required)"
		}
		got = append(got, p)
	}
	want := []string{"apiVersion", "spec", "spec.domains", "spec.domains{}.zone", "spec.name (required)",
		"spec.subnets", "spec.subnets[].cidr"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

func TestTypeOf(t *testing.T) {
	str := &apiextensionsv1.JSONSchemaProps{Type: "string"}
	for _, tc := range []struct {
		name string
		s    apiextensionsv1.JSONSchemaProps
		want string
	}{
		{"scalar", apiextensionsv1.JSONSchemaProps{Type: "boolean"}, "boolean"},
		{"format", apiextensionsv1.JSONSchemaProps{Type: "integer", Format: "int32"}, "integer (int32)"},
		{"list", apiextensionsv1.JSONSchemaProps{Type: "array", Items: &apiextensionsv1.JSONSchemaPropsOrArray{Schema: str}}, "[]string"},
		{"list of nothing said", apiextensionsv1.JSONSchemaProps{Type: "array"}, "[]any"},
		{"map", apiextensionsv1.JSONSchemaProps{Type: "object", AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Schema: str}}, "map[string]string"},
		{"map of maps", apiextensionsv1.JSONSchemaProps{Type: "object", AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{
			Schema: &apiextensionsv1.JSONSchemaProps{Type: "object", AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Schema: str}}}}, "map[string]map[string]string"},
		{"map of anything", apiextensionsv1.JSONSchemaProps{Type: "object", AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Allows: true}}, "map[string]any"},
		{"object", apiextensionsv1.JSONSchemaProps{Type: "object", Properties: props{"a": *str}}, "object"},
		{"int or string", apiextensionsv1.JSONSchemaProps{XIntOrString: true, AnyOf: []apiextensionsv1.JSONSchemaProps{{Type: "integer"}, {Type: "string"}}}, "int or string"},
		{"untyped", apiextensionsv1.JSONSchemaProps{XPreserveUnknownFields: ptr.To(true)}, "any"},
	} {
		if got := TypeOf(tc.s); got != tc.want {
			t.Errorf("%s: TypeOf = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestConstraints(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Field
		want []string
	}{
		{"none", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "string"}}, nil},
		{"required with default and enum", Field{Required: true, Schema: apiextensionsv1.JSONSchemaProps{
			Type: "string", Default: raw(`"nlb"`), Enum: []apiextensionsv1.JSON{*raw(`"lb"`), *raw(`"nlb"`)}}},
			[]string{"required", "default: `\"nlb\"`", "one of: `\"lb\"`, `\"nlb\"`"}},
		{"object default compacted", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "object", Default: raw("{\n  \"a\": \"x  y\"\n}")}},
			[]string{"default: `{\"a\":\"x  y\"}`"}},
		{"bounds", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "integer", Minimum: ptr.To(1.0), Maximum: ptr.To(512.0),
			ExclusiveMaximum: true, MultipleOf: ptr.To(2.0)}},
			[]string{"minimum: 1", "maximum: 512 (exclusive)", "multiple of: 2"}},
		{"string sizes and pattern", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "string", MinLength: ptr.To[int64](1),
			MaxLength: ptr.To[int64](255), Pattern: "^a|b$"}},
			[]string{"min length: 1", "max length: 255", "pattern: `^a|b$`"}},
		{"list map", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "array", MaxItems: ptr.To[int64](32), UniqueItems: true,
			XListType: ptr.To("map"), XListMapKeys: []string{"type"}}},
			[]string{"max items: 32", "unique items", "list type: map, keyed by `type`"}},
		{"object", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "object", MinProperties: ptr.To[int64](1),
			XMapType: ptr.To("atomic"), XPreserveUnknownFields: ptr.To(true), XEmbeddedResource: true, Nullable: true}},
			[]string{"min properties: 1", "nullable", "unknown fields kept", "embedded resource", "map type: atomic"}},
		{"rules", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "string", XValidations: apiextensionsv1.ValidationRules{
			{Rule: "self == oldSelf", Message: "compartmentId is immutable"},
			{Rule: " self == oldSelf "},
			{Rule: "self.size() < 10", MessageExpression: "'too long'"},
			{Rule: "self != 'x'", Message: "must not be <x>"},
		}}}, []string{"immutable (compartmentId is immutable)", "immutable", "rule: `self.size() < 10` (message from `'too long'`)",
			"rule: `self != 'x'` (must not be &lt;x&gt;)"}},
		{"scalar items and values", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "array",
			Items:                &apiextensionsv1.JSONSchemaPropsOrArray{Schema: &apiextensionsv1.JSONSchemaProps{Type: "string", MaxLength: ptr.To[int64](63)}},
			AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Schema: &apiextensionsv1.JSONSchemaProps{Type: "string", Enum: []apiextensionsv1.JSON{*raw(`"a"`)}}}}},
			[]string{"items: max length: 63", "values: one of: `\"a\"`"}},
		{"object items are described by their own fields", Field{Schema: apiextensionsv1.JSONSchemaProps{Type: "array",
			Items: &apiextensionsv1.JSONSchemaPropsOrArray{Schema: &apiextensionsv1.JSONSchemaProps{Type: "object", Required: []string{"a"},
				Properties: props{"a": {Type: "string"}}, MinProperties: ptr.To[int64](1)}}}}, nil},
	} {
		if diff := cmp.Diff(tc.want, Constraints(tc.f)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestCheckedInReferenceIsCurrent(t *testing.T) {
	crds, err := Load(filepath.Join("..", "..", "config", "crd", "bases"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "docs", "book", "src", "reference", "api")
	for rel, want := range Pages(crds) {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil || string(got) != want {
			t.Errorf("%s is not what the CRDs give (%v): run make generate", rel, err)
		}
	}
}

func TestLoadRefusesWhatIsNotACRD(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("apiVersion: v1\nkind: ConfigMap\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "ConfigMap") {
		t.Errorf("Load = %v, want an error naming the kind", err)
	}
}
