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

// Package crdref reads the provider's CRDs and writes the book's API reference from them: one Markdown page per
// kind and served version, every field by its path with its type, description, default and validation. It also
// gives the tests the walk over every field of a CRD version (Fields).
package crdref

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/yaml"
)

// Load reads every CRD (*.yaml) of dir, sorted by kind.
func Load(dir string) ([]apiextensionsv1.CustomResourceDefinition, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	crds := make([]apiextensionsv1.CustomResourceDefinition, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var crd apiextensionsv1.CustomResourceDefinition
		if err := yaml.UnmarshalStrict(b, &crd); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if crd.Kind != "CustomResourceDefinition" {
			return nil, fmt.Errorf("%s: kind %q is not CustomResourceDefinition", f, crd.Kind)
		}
		crds = append(crds, crd)
	}
	slices.SortFunc(crds, func(a, b apiextensionsv1.CustomResourceDefinition) int {
		return strings.Compare(a.Spec.Names.Kind, b.Spec.Names.Kind)
	})
	return crds, nil
}

// Served returns the served versions of crd: the storage version first, then the others from the newest to the
// oldest by Kubernetes' version priority (v1 > v1beta2 > v1beta1 > v1alpha1).
func Served(crd apiextensionsv1.CustomResourceDefinition) []apiextensionsv1.CustomResourceDefinitionVersion {
	var out []apiextensionsv1.CustomResourceDefinitionVersion
	for _, v := range crd.Spec.Versions {
		if v.Served {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b apiextensionsv1.CustomResourceDefinitionVersion) int {
		if a.Storage != b.Storage {
			if a.Storage {
				return -1
			}
			return 1
		}
		return CompareVersions(b.Name, a.Name)
	})
	return out
}

// versionPattern splits a Kubernetes API version such as v1beta2 into its major, stage and minor.
var versionPattern = regexp.MustCompile(`^v(\d+)(?:(alpha|beta)(\d+))?$`)

// CompareVersions orders two API version names by Kubernetes' version priority: -1 when a comes before b (is
// older), 0 when they are equal, 1 when a is newer. Names that are not Kubernetes versions are older than those
// that are, and are ordered as strings among themselves.
func CompareVersions(a, b string) int {
	ka, oka := versionKey(a)
	kb, okb := versionKey(b)
	switch {
	case oka && okb:
		return slices.Compare(ka, kb)
	case oka:
		return 1
	case okb:
		return -1
	}
	return strings.Compare(a, b)
}

// versionKey is a version's rank: major, stage (alpha 0, beta 1, GA 2) and minor.
func versionKey(v string) ([]int, bool) {
	m := versionPattern.FindStringSubmatch(v)
	if m == nil {
		return nil, false
	}
	major, _ := strconv.Atoi(m[1])
	stage, minor := 2, 0
	if m[2] != "" {
		stage = map[string]int{"alpha": 0, "beta": 1}[m[2]]
		minor, _ = strconv.Atoi(m[3])
	}
	return []int{major, stage, minor}, true
}
