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

package docs

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/hack/crdref"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// TestEveryCRDFieldHasADescription walks every property of every version of every CRD in config/crd/bases and
// names, as "<CRD> <version> <field path>", each one without a description: the API reference, kubectl explain
// and editors show these descriptions, and they come from the doc comments of the Go types in api/ and exp/api/.
//
// One exception, and only one: the object's own metadata at the root of each version (crdref.IsRootMetadata).
// controller-gen replaces its schema, the embedded metav1.ObjectMeta, by a bare {type: object}, dropping any doc
// comment, and the API server validates metadata by its own schema; no comment in this repository can describe
// it. Every other property, embedded upstream types included (Cluster API's ObjectMeta of templates, conditions,
// label selectors, references), must have a description.
func TestEveryCRDFieldHasADescription(t *testing.T) {
	g := NewWithT(t)
	crds, err := crdref.Load(filepath.Join(testenv.RepoRoot(), "config", "crd", "bases"))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(crds).NotTo(BeEmpty())
	var missing []string
	walked, exempt, versions := 0, 0, 0
	for i := range crds {
		crd := &crds[i]
		for _, v := range crd.Spec.Versions {
			g.Expect(v.Schema).NotTo(BeNil(), "%s %s has no schema", crd.Spec.Names.Kind, v.Name)
			versions++
			for _, f := range crdref.Fields(*v.Schema.OpenAPIV3Schema) {
				walked++
				switch {
				case strings.TrimSpace(f.Schema.Description) != "":
				case crdref.IsRootMetadata(f):
					exempt++
				default:
					missing = append(missing, fmt.Sprintf("%s %s %s", crd.Spec.Names.Kind, v.Name, f.Path))
				}
			}
		}
	}
	t.Logf("%d fields in %d CRD versions, %d exempt (the root metadata)", walked, versions, exempt)
	g.Expect(exempt).To(BeNumerically("<=", versions), "the exception is the root metadata, once per version")
	g.Expect(missing).To(BeEmpty(), "CRD fields without a description: add a doc comment to the Go field, then make generate")
}
