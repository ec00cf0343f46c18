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
	"testing"

	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// TestUnknownFieldsAreRefused injects an unknown field into each object of each OKE flavor in turn: strict field
// validation makes the API server refuse every one, Cluster API's kinds and the provider's alike, so a template
// with a misspelt or misplaced field fails the test that applies it.
func TestUnknownFieldsAreRefused(t *testing.T) {
	for _, f := range okeTemplates {
		t.Run(f.file, func(t *testing.T) {
			g := NewWithT(t)
			objs := objects(t, f.file, everyVariable(t, namespace(t)))
			g.Expect(objs).To(HaveLen(len(f.kinds)))
			for i := range objs {
				o := &objs[i]
				g.Expect(unstructured.SetNestedField(o.Object, "x", "spec", "notAField")).To(Succeed())
				_, err := dryRunCreate(t.Context(), o)
				g.Expect(err).To(HaveOccurred(), "%s %s was accepted with an unknown field", o.GetKind(), o.GetName())
				g.Expect(apierrors.IsBadRequest(err)).To(BeTrue(), "%s: %v", o.GetKind(), err)
				g.Expect(err).To(MatchError(ContainSubstring(`unknown field "spec.notAField"`)), o.GetKind())
			}
		})
	}
}

// TestInvalidVariablesAreRefusedByTheWebhooks renders the managed flavor with one variable the provider's validating
// webhooks reject: the object that takes it is refused, naming the field, and every other object is accepted.
func TestInvalidVariablesAreRefusedByTheWebhooks(t *testing.T) {
	cases := []struct {
		variable, value, kind, field string
	}{
		{"OCI_COMPARTMENT_ID", "compartment-1", "OCIManagedCluster", "spec.compartmentId"},
		{"OCI_MANAGED_NODE_IMAGE_ID", "image-1", "OCIManagedMachinePool", "spec.nodeSourceViaImage.imageId"},
		{"OCI_MANAGED_NODE_MACHINE_TYPE_OCPUS", "many", "OCIManagedMachinePool", "spec.nodeShapeConfig.ocpus"},
	}
	for _, c := range cases {
		t.Run(c.variable, func(t *testing.T) {
			g := NewWithT(t)
			vars := allVariables(t, namespace(t))
			vars[c.variable] = c.value
			objs := objects(t, flavors[0].file, vars)
			for i := range objs {
				o := &objs[i]
				_, err := dryRunCreate(t.Context(), o)
				if o.GetKind() != c.kind {
					g.Expect(err).NotTo(HaveOccurred(), "%s %s", o.GetKind(), o.GetName())
					continue
				}
				g.Expect(apierrors.IsInvalid(err)).To(BeTrue(), "%s: %v", o.GetKind(), err)
				g.Expect(err).To(MatchError(ContainSubstring(c.field)))
			}
		})
	}
}
