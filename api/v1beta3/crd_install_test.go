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

package v1beta3_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

var kinds = []string{
	"OCICluster", "OCIClusterTemplate", "OCIMachine", "OCIMachineTemplate", "OCIClusterIdentity",
	"OCIManagedCluster", "OCIManagedClusterTemplate", "OCIManagedControlPlane", "OCIManagedControlPlaneTemplate",
	"OCIMachinePool", "OCIMachinePoolMachine", "OCIManagedMachinePool", "OCIManagedMachinePoolTemplate",
	"OCIVirtualMachinePool",
}

// minimalSpec returns the smallest spec every version accepts: templates need spec.template.spec, the identity
// needs its type.
func minimalSpec(kind string) map[string]any {
	switch {
	case kind == "OCIClusterIdentity":
		return map[string]any{"type": "UserPrincipal"}
	case strings.HasSuffix(kind, "Template"):
		return map[string]any{"template": map[string]any{"spec": map[string]any{}}}
	default:
		return map[string]any{}
	}
}

func TestSchemeRegistersEveryKind(t *testing.T) {
	g := NewWithT(t)
	scheme := runtime.NewScheme()
	g.Expect(infrav1.AddToScheme(scheme)).To(Succeed())
	g.Expect(infrav1exp.AddToScheme(scheme)).To(Succeed())
	// api and exp/api share the group and version.
	for _, k := range kinds {
		gvk := infrav1.GroupVersion.WithKind(k)
		g.Expect(scheme.Recognizes(gvk)).To(BeTrue(), "%s is not registered", gvk)
		g.Expect(scheme.Recognizes(infrav1.GroupVersion.WithKind(k + "List"))).To(BeTrue())
	}
}

// TestCRDsInstallAndServeEveryVersion installs the generated CRDs into a real API server and creates a
// minimal object of every kind in every served version.
func TestCRDsInstallAndServeEveryVersion(t *testing.T) {
	if _, err := testenv.AssetsDir(); err != nil {
		t.Skipf("no envtest binaries: %v", err)
	}
	g := NewWithT(t)
	env, err := testenv.Start(testenv.Options{})
	g.Expect(err).NotTo(HaveOccurred())
	defer func() { g.Expect(env.Stop()).To(Succeed()) }()
	c, err := client.New(env.Config, client.Options{})
	g.Expect(err).NotTo(HaveOccurred())

	ctx := context.Background()
	for _, kind := range kinds {
		for _, version := range []string{"v1beta1", "v1beta2", "v1beta3"} {
			u := &unstructured.Unstructured{Object: map[string]any{
				"apiVersion": "infrastructure.cluster.x-k8s.io/" + version,
				"kind":       kind,
				"metadata":   map[string]any{"name": fmt.Sprintf("%s-%s", strings.ToLower(kind), version), "namespace": "default"},
				"spec":       minimalSpec(kind),
			}}
			g.Expect(c.Create(ctx, u)).To(Succeed(), "%s %s", kind, version)
			got := &unstructured.Unstructured{}
			got.SetAPIVersion(u.GetAPIVersion())
			got.SetKind(kind)
			g.Expect(c.Get(ctx, client.ObjectKeyFromObject(u), got)).To(Succeed())
		}
	}
}
