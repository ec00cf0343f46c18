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

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	sigsyaml "sigs.k8s.io/yaml"
)

// Schemas are the OpenAPI schemas of kinds, by "<apiVersion> <kind>".
type Schemas map[string]*apiextensionsv1.JSONSchemaProps

// stringSchema is the schema of a string.
var stringSchema = apiextensionsv1.JSONSchemaProps{Type: "string"}

// stringMap is the schema of a map of strings (labels, annotations, a ConfigMap's data).
var stringMap = apiextensionsv1.JSONSchemaProps{
	Type:                 "object",
	AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Schema: &stringSchema},
}

// metadataSchema is the part of ObjectMeta a template sets: CRDs do not describe it.
var metadataSchema = apiextensionsv1.JSONSchemaProps{Type: "object", Properties: map[string]apiextensionsv1.JSONSchemaProps{
	"name": stringSchema, "namespace": stringSchema, "labels": stringMap, "annotations": stringMap,
}}

// LoadSchemas reads the schema of every served version of every CRD in dirs, and adds ConfigMap's and Secret's.
func LoadSchemas(dirs []string) (Schemas, error) {
	s := Schemas{
		"v1 ConfigMap": {Type: "object", Properties: map[string]apiextensionsv1.JSONSchemaProps{"data": stringMap}},
		"v1 Secret":    {Type: "object", Properties: map[string]apiextensionsv1.JSONSchemaProps{"stringData": stringMap}},
	}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if err := s.add(f); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// add adds the schemas of the CRD in file.
func (s Schemas) add(file string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	crd := &apiextensionsv1.CustomResourceDefinition{}
	if err := sigsyaml.Unmarshal(raw, crd); err != nil {
		return fmt.Errorf("reading the CRD %s: %w", file, err)
	}
	for i := range crd.Spec.Versions {
		v := &crd.Spec.Versions[i]
		if v.Schema != nil && v.Schema.OpenAPIV3Schema != nil {
			s[crd.Spec.Group+"/"+v.Name+" "+crd.Spec.Names.Kind] = v.Schema.OpenAPIV3Schema
		}
	}
	return nil
}

// Quote double-quotes, in a stream of YAML documents, every scalar that holds a clusterctl variable ("${") in a
// field whose schema type is string, and returns the stream re-encoded.
func Quote(stream []byte, schemas Schemas) ([]byte, error) {
	dec := yaml.NewDecoder(bytes.NewReader(stream))
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fmt.Errorf("parsing kustomize's output: %w", err)
		}
		if len(doc.Content) == 0 {
			continue
		}
		obj := doc.Content[0]
		schema := schemas[field(obj, "apiVersion")+" "+field(obj, "kind")]
		quoteObject(obj, schema)
		if err := enc.Encode(&doc); err != nil {
			return nil, err
		}
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// field returns the value of a top-level scalar field of a mapping node.
func field(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// quoteObject quotes an object's variables: its metadata by ObjectMeta, the rest by its kind's schema.
func quoteObject(obj *yaml.Node, schema *apiextensionsv1.JSONSchemaProps) {
	for i := 0; i+1 < len(obj.Content); i += 2 {
		key, val := obj.Content[i].Value, obj.Content[i+1]
		if key == "metadata" {
			quoteNode(val, &metadataSchema)
			continue
		}
		quoteNode(val, child(schema, key))
	}
}

// quoteNode walks a node along its schema.
func quoteNode(n *yaml.Node, schema *apiextensionsv1.JSONSchemaProps) {
	if schema == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			quoteNode(n.Content[i+1], child(schema, n.Content[i].Value))
		}
	case yaml.SequenceNode:
		if schema.Items != nil {
			for _, c := range n.Content {
				quoteNode(c, schema.Items.Schema)
			}
		}
	case yaml.ScalarNode:
		if schema.Type == "string" && needsQuotes(n) {
			n.Style = yaml.DoubleQuotedStyle
		}
	case yaml.DocumentNode, yaml.AliasNode:
		// kustomize's output has neither nested documents nor aliases.
	}
}

// needsQuotes tells whether a scalar holds a variable and is neither a block nor quoted by its own default: a
// default written with quotes (${POD_CIDR:="192.168.0.0/16"}) brings its quotes along, and quoting it again would
// put them in the value.
func needsQuotes(n *yaml.Node) bool {
	return strings.Contains(n.Value, "${") && !strings.Contains(n.Value, `"`) &&
		n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0
}

// child returns the schema of a mapping's key: its property, else the schema of additional properties.
func child(schema *apiextensionsv1.JSONSchemaProps, key string) *apiextensionsv1.JSONSchemaProps {
	if schema == nil {
		return nil
	}
	if p, ok := schema.Properties[key]; ok {
		return &p
	}
	if a := schema.AdditionalProperties; a != nil && a.Schema != nil {
		return a.Schema
	}
	return nil
}
