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
	"os"
	"path/filepath"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// machineSchemas is a schema with a string, an integer, a boolean, a list of strings and an untyped map.
func machineSchemas() Schemas {
	str := apiextensionsv1.JSONSchemaProps{Type: "string"}
	return Schemas{"example.com/v1 Machine": {Type: "object", Properties: map[string]apiextensionsv1.JSONSchemaProps{
		"spec": {Type: "object", Properties: map[string]apiextensionsv1.JSONSchemaProps{
			"ocpus":    str,
			"replicas": {Type: "integer"},
			"enabled":  {Type: "boolean"},
			"cidrs":    {Type: "array", Items: &apiextensionsv1.JSONSchemaPropsOrArray{Schema: &str}},
			"metadata": {Type: "object", AdditionalProperties: &apiextensionsv1.JSONSchemaPropsOrBool{Schema: &str}},
			"script":   str,
		}},
	}}}
}

func TestQuote(t *testing.T) {
	in := `apiVersion: example.com/v1
kind: Machine
metadata:
  name: ${CLUSTER_NAME}
  labels:
    flag: ${FLAG}
spec:
  ocpus: ${OCPUS=1}
  replicas: ${COUNT}
  enabled: ${ENABLED=true}
  cidrs:
  - ${POD_CIDR:="192.168.0.0/16"}
  - ${OTHER_CIDR}
  metadata:
    key: ${SSH_KEY}
  script: |
    echo ${NOT_QUOTED}
---
apiVersion: example.com/v1
kind: Unknown
spec:
  value: ${UNKNOWN}
`
	want := `apiVersion: example.com/v1
kind: Machine
metadata:
  name: "${CLUSTER_NAME}"
  labels:
    flag: "${FLAG}"
spec:
  ocpus: "${OCPUS=1}"
  replicas: ${COUNT}
  enabled: ${ENABLED=true}
  cidrs:
    - ${POD_CIDR:="192.168.0.0/16"}
    - "${OTHER_CIDR}"
  metadata:
    key: "${SSH_KEY}"
  script: |
    echo ${NOT_QUOTED}
---
apiVersion: example.com/v1
kind: Unknown
spec:
  value: ${UNKNOWN}
`
	got, err := Quote([]byte(in), machineSchemas())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("Quote:\n%s\nwant:\n%s", got, want)
	}
	if _, err := Quote([]byte("a: [b"), machineSchemas()); err == nil {
		t.Error("Quote accepted YAML that does not parse")
	}
}

func TestOutputHeaderFlavors(t *testing.T) {
	for flavor, want := range map[string]string{
		"default": "cluster-template.yaml", "managed": "cluster-template-managed.yaml",
		"clusterclass-example": "clusterclass-example.yaml",
	} {
		if got := Output(flavor); got != want {
			t.Errorf("Output(%q) = %q, want %q", flavor, got, want)
		}
	}
	if got := Header([]byte("# one\n# two\napiVersion: v1\n# not this\n")); got != "# one\n# two\n" {
		t.Errorf("Header = %q", got)
	}
	dir := t.TempDir()
	for _, d := range []string{"bases", "components", "default", "managed"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o750); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Flavors(dir)
	if err != nil || len(got) != 2 || got[0] != "default" || got[1] != "managed" {
		t.Errorf("Flavors = %v, %v; want [default managed]", got, err)
	}
}

func TestLoadSchemasReadsEveryVersion(t *testing.T) {
	dir := t.TempDir()
	crd := `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: machines.example.com
spec:
  group: example.com
  names: {kind: Machine, plural: machines}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, properties: {spec: {type: object}}}
  - name: v2
    served: true
    storage: false
    schema:
      openAPIV3Schema: {type: object}
`
	if err := os.WriteFile(filepath.Join(dir, "crd.yaml"), []byte(crd), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSchemas([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"example.com/v1 Machine", "example.com/v2 Machine", "v1 ConfigMap", "v1 Secret"} {
		if s[k] == nil {
			t.Errorf("no schema for %s", k)
		}
	}
}
