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
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// Field is one property of a CRD version's schema, named by its path from the object's root.
type Field struct {
	// Path names the property from the root: property names joined by dots, with "[]" after a list for its items
	// and "{}" after a map for its values, for example spec.networkSpec.vcn.subnets[].cidr.
	Path string
	// Schema is the property's schema.
	Schema apiextensionsv1.JSONSchemaProps
	// Required is true when the object holding the property lists it as required.
	Required bool
}

// Fields returns every property under root, depth first, each property before those it holds and siblings in
// the order of their names. The items of a list and the values of a map are not properties of their own (their
// list or map field describes them); the properties of object items and values are.
func Fields(root apiextensionsv1.JSONSchemaProps) []Field {
	var out []Field
	collect(&out, "", root)
	return out
}

func collect(out *[]Field, path string, s apiextensionsv1.JSONSchemaProps) {
	required := map[string]bool{}
	for _, r := range s.Required {
		required[r] = true
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		p := s.Properties[name]
		child := name
		if path != "" {
			child = path + "." + name
		}
		*out = append(*out, Field{Path: child, Schema: p, Required: required[name]})
		collect(out, child, p)
	}
	if s.Items != nil && s.Items.Schema != nil {
		collect(out, path+"[]", *s.Items.Schema)
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
		collect(out, path+"{}", *s.AdditionalProperties.Schema)
	}
}

// TypeOf is a schema's type as the reference shows it: string, integer (int32), boolean, object, []string,
// map[string]string, int or string, any.
func TypeOf(s apiextensionsv1.JSONSchemaProps) string {
	switch {
	case s.XIntOrString:
		return "int or string"
	case s.Type == "array":
		if s.Items != nil && s.Items.Schema != nil {
			return "[]" + TypeOf(*s.Items.Schema)
		}
		return "[]any"
	case s.Type == "object" && len(s.Properties) == 0 && s.AdditionalProperties != nil:
		if s.AdditionalProperties.Schema != nil {
			return "map[string]" + TypeOf(*s.AdditionalProperties.Schema)
		}
		return "map[string]any"
	case s.Type == "":
		return "any"
	case s.Format != "":
		return s.Type + " (" + s.Format + ")"
	}
	return s.Type
}

// Constraints lists what the API server checks of a field besides its type, and its default, each as a short
// phrase: required, default, enum, bounds, lengths, pattern, list and map semantics, and the rules of
// x-kubernetes-validations (a transition rule self == oldSelf reads "immutable"). The constraints of a list's
// scalar items and of a map's scalar values follow, prefixed "items:" and "values:".
func Constraints(f Field) []string {
	var out []string
	if f.Required {
		out = append(out, "required")
	}
	out = append(out, own(f.Schema)...)
	if it := f.Schema.Items; it != nil && it.Schema != nil && len(it.Schema.Properties) == 0 {
		for _, c := range own(*it.Schema) {
			out = append(out, "items: "+c)
		}
	}
	if ap := f.Schema.AdditionalProperties; ap != nil && ap.Schema != nil && len(ap.Schema.Properties) == 0 {
		for _, c := range own(*ap.Schema) {
			out = append(out, "values: "+c)
		}
	}
	return out
}

// own lists the constraints a schema states itself.
func own(s apiextensionsv1.JSONSchemaProps) []string {
	var out []string
	if s.Default != nil {
		out = append(out, "default: "+Code(compactJSON(s.Default.Raw)))
	}
	if len(s.Enum) > 0 {
		vals := make([]string, 0, len(s.Enum))
		for _, e := range s.Enum {
			vals = append(vals, Code(compactJSON(e.Raw)))
		}
		out = append(out, "one of: "+strings.Join(vals, ", "))
	}
	out = append(out, numberConstraints(s)...)
	out = append(out, sizeConstraints(s)...)
	if s.Pattern != "" {
		out = append(out, "pattern: "+Code(s.Pattern))
	}
	if s.Nullable {
		out = append(out, "nullable")
	}
	if s.XPreserveUnknownFields != nil && *s.XPreserveUnknownFields {
		out = append(out, "unknown fields kept")
	}
	if s.XEmbeddedResource {
		out = append(out, "embedded resource")
	}
	out = append(out, listAndMapConstraints(s)...)
	return append(out, ruleConstraints(s.XValidations)...)
}

func numberConstraints(s apiextensionsv1.JSONSchemaProps) []string {
	var out []string
	bound := func(name string, v *float64, exclusive bool) {
		if v == nil {
			return
		}
		c := fmt.Sprintf("%s: %v", name, *v)
		if exclusive {
			c += " (exclusive)"
		}
		out = append(out, c)
	}
	bound("minimum", s.Minimum, s.ExclusiveMinimum)
	bound("maximum", s.Maximum, s.ExclusiveMaximum)
	if s.MultipleOf != nil {
		out = append(out, fmt.Sprintf("multiple of: %v", *s.MultipleOf))
	}
	return out
}

func sizeConstraints(s apiextensionsv1.JSONSchemaProps) []string {
	var out []string
	for _, b := range []struct {
		name string
		v    *int64
	}{
		{"min length", s.MinLength}, {"max length", s.MaxLength},
		{"min items", s.MinItems}, {"max items", s.MaxItems},
		{"min properties", s.MinProperties}, {"max properties", s.MaxProperties},
	} {
		if b.v != nil {
			out = append(out, fmt.Sprintf("%s: %d", b.name, *b.v))
		}
	}
	if s.UniqueItems {
		out = append(out, "unique items")
	}
	return out
}

func listAndMapConstraints(s apiextensionsv1.JSONSchemaProps) []string {
	var out []string
	if lt := s.XListType; lt != nil {
		c := "list type: " + *lt
		if *lt == "map" && len(s.XListMapKeys) > 0 {
			keys := make([]string, 0, len(s.XListMapKeys))
			for _, k := range s.XListMapKeys {
				keys = append(keys, Code(k))
			}
			c += ", keyed by " + strings.Join(keys, ", ")
		}
		out = append(out, c)
	}
	if mt := s.XMapType; mt != nil {
		out = append(out, "map type: "+*mt)
	}
	return out
}

// immutableRule is the CEL transition rule that forbids any change of a field once set.
const immutableRule = "self == oldSelf"

func ruleConstraints(rules apiextensionsv1.ValidationRules) []string {
	out := make([]string, 0, len(rules))
	for _, r := range rules {
		msg := EscapeText(r.Message)
		if msg == "" && r.MessageExpression != "" {
			msg = "message from " + Code(r.MessageExpression)
		}
		c := "rule: " + Code(r.Rule)
		if strings.TrimSpace(r.Rule) == immutableRule {
			c = "immutable"
		}
		if msg != "" {
			c += " (" + msg + ")"
		}
		out = append(out, c)
	}
	return out
}

// compactJSON is raw JSON without insignificant white space (raw itself when it does not parse).
func compactJSON(raw []byte) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}
