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

package conversiontest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	"github.com/oracle/cluster-api-provider-oci/webhooks/conversion"
)

var versions = []string{"v1beta1", "v1beta2", "v1beta3"}

// TestConversionServedOverTLS runs the conversion tests against one API server that converts through the manager's
// webhook server.
func TestConversionServedOverTLS(t *testing.T) {
	ce := startConversionEnv(t)
	t.Run("every kind created in a spoke reads back unchanged through every version", ce.testSpokeRoundTrips)
	t.Run("an object stored by the earlier provider is read, updated and migrated to v1beta3", ce.testLegacyStorageMigration)
	t.Run("a v1beta3 object with hub-only fields survives an update through v1beta1", ce.testHubOnlyFieldsSurviveV1Beta1)
}

// testSpokeRoundTrips creates each fixture in its version, then, through every version, reads it (the spec must be
// what the converters make of it, nothing pruned or defaulted away) and writes it back unchanged; read again in the
// version it was created in, the spec must be what was created.
func (ce *conversionEnv) testSpokeRoundTrips(t *testing.T) {
	ctx := context.Background()
	for _, f := range fixtures() {
		t.Run(f.kind+"/"+f.version, func(t *testing.T) {
			g := NewWithT(t)
			name := fmt.Sprintf("%s-%s", strings.ToLower(f.kind), f.version)
			obj := object(g, f.version, f.kind, name, f.spec)
			want := typedSpec(g, ce.scheme, obj)
			g.Expect(ce.client.Create(ctx, obj)).To(Succeed())
			g.Expect(cmp.Diff(want, ce.get(g, obj, f.version).Object["spec"])).To(BeEmpty(), "read back in %s", f.version)
			for _, v := range versions {
				through := ce.get(g, obj, v)
				g.Expect(cmp.Diff(ce.convertedSpec(g, obj, v), through.Object["spec"])).To(BeEmpty(), "read in %s", v)
				g.Expect(ce.client.Update(ctx, through)).To(Succeed(), "written back in %s", v)
				g.Expect(cmp.Diff(want, ce.get(g, obj, f.version).Object["spec"])).To(BeEmpty(), "after a write through %s", v)
			}
		})
	}
}

// convertedSpec is the spec of obj converted to version by the kind's converter, as the API server should serve it.
func (ce *conversionEnv) convertedSpec(g Gomega, obj *unstructured.Unstructured, version string) any {
	src, err := ce.scheme.New(obj.GroupVersionKind())
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(runtime.DefaultUnstructuredConverter.FromUnstructured(obj.Object, src)).To(Succeed())
	src.GetObjectKind().SetGroupVersionKind(obj.GroupVersionKind())
	if obj.GroupVersionKind().Version == version {
		return typedSpec(g, ce.scheme, obj)
	}
	dstGVK := schema.GroupVersionKind{Group: group, Version: version, Kind: obj.GetKind()}
	dst, err := ce.scheme.New(dstGVK)
	g.Expect(err).NotTo(HaveOccurred())
	dst.GetObjectKind().SetGroupVersionKind(dstGVK)
	for _, c := range conversion.Converters() {
		gvk, err := apiutil.GVKForObject(c.Hub, ce.scheme)
		g.Expect(err).NotTo(HaveOccurred())
		if gvk.Kind != obj.GetKind() {
			continue
		}
		converter, err := c.New(ce.scheme)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(converter.ConvertObject(context.Background(), src, dst)).To(Succeed())
	}
	content, err := runtime.DefaultUnstructuredConverter.ToUnstructured(dst)
	g.Expect(err).NotTo(HaveOccurred())
	return content["spec"]
}
