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
	"fmt"
	"slices"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// Index renders the reference's index page: how to read the pages, and a table of the kinds with a link to each
// served version's page.
func Index(crds []apiextensionsv1.CustomResourceDefinition) string {
	var b strings.Builder
	b.WriteString(Banner)
	b.WriteString(indexIntro)
	versions := allVersions(crds)
	b.WriteString("\n## Kinds\n\n| Kind | Summary |")
	for _, v := range versions {
		fmt.Fprintf(&b, " %s |", v)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(versions)) + "\n")
	for i := range crds {
		crd := crds[i]
		fmt.Fprintf(&b, "| %s | %s |", crd.Spec.Names.Kind, Cell(summary(crd)))
		for _, v := range versions {
			cell := ""
			for _, sv := range Served(crd) {
				if sv.Name == v {
					cell = fmt.Sprintf("[%s](./%s)", v, PagePath(crd, v))
					if sv.Storage {
						cell += " (storage)"
					}
				}
			}
			fmt.Fprintf(&b, " %s |", cell)
		}
		b.WriteString("\n")
	}
	return b.String()
}

const indexIntro = `
# API reference

One page per kind and served API version, generated from the CRDs in ` + "`config/crd/bases`" + ` (which are
generated from the Go types in ` + "`api/`" + ` and ` + "`exp/api/`" + `), so it says what the API server is told.
` + "`v1beta3`" + ` is the storage version and the one the controllers use; ` + "`v1beta1`" + ` and ` + "`v1beta2`" + `
are served as the earlier provider wrote them and converted to and from ` + "`v1beta3`" + ` (see
[API versions, conversion and upgrading](../../topics/api-versions.md)).

## Reading the tables

- **Field** is the path from the object's root. ` + "`[]`" + ` follows a list for its items
  (` + "`spec.networkSpec.vcn.subnets[].cidr`" + ` is the ` + "`cidr`" + ` of every subnet) and ` + "`{}`" + ` follows a
  map for its values.
- **Type**: ` + "`string`" + `, ` + "`integer`" + `, ` + "`boolean`" + `, ` + "`object`" + `, ` + "`[]T`" + ` (a list),
  ` + "`map[string]T`" + ` (an object with free keys), ` + "`int or string`" + ` (a count or a percentage), ` + "`any`" + `;
  a format, when the schema names one, in parentheses.
- **Default and validation** is what the API server applies and checks from the schema: ` + "`required`" + `,
  the default, ` + "`one of`" + ` (an enum), bounds, lengths, patterns, list semantics for server-side apply
  (` + "`list type: map, keyed by name`" + ` merges list entries by their ` + "`name`" + `), and the messages of CEL
  rules. ` + "`items:`" + ` and ` + "`values:`" + ` apply to each item of a list or value of a map.

The admission webhooks default and validate much more (OCIDs, CIDRs, fields that cannot change, rules across
fields), in every version alike: see [Defaults and validation](../validation.md).
`

// allVersions are the served versions of all crds, newest first.
func allVersions(crds []apiextensionsv1.CustomResourceDefinition) []string {
	var out []string
	for i := range crds {
		for _, v := range Served(crds[i]) {
			if !slices.Contains(out, v.Name) {
				out = append(out, v.Name)
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return CompareVersions(b, a) })
	return out
}

// summary is the first sentence of the storage version's description of the kind.
func summary(crd apiextensionsv1.CustomResourceDefinition) string {
	served := Served(crd)
	if len(served) == 0 || served[0].Schema == nil || served[0].Schema.OpenAPIV3Schema == nil {
		return ""
	}
	d := strings.Join(strings.Fields(served[0].Schema.OpenAPIV3Schema.Description), " ")
	if i := strings.Index(d, ". "); i >= 0 {
		d = d[:i+1]
	}
	return Inline(d)
}
