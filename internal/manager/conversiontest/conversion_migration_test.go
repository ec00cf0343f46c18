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
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	. "github.com/onsi/gomega"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"
)

// The status the earlier provider writes on an OCICluster: the v1beta1 contract's ready flag, Cluster API v1beta1
// conditions and failure domains as a map.
const legacyClusterStatus = `
ready: true
conditions:
- type: Ready
  status: "True"
  lastTransitionTime: "2026-01-02T03:04:05Z"
- type: ClusterReady
  status: "False"
  severity: Warning
  reason: LoadBalancerProvisioning
  message: waiting for the load balancer
  lastTransitionTime: "2026-01-02T03:04:05Z"
failureDomains:
  "2":
    attributes:
      AvailabilityDomain: ad-2
  "1":
    controlPlane: true
    attributes:
      AvailabilityDomain: ad-1
      FaultDomain: FAULT-DOMAIN-1
`

// testLegacyStorageMigration stores an OCICluster as the earlier provider does (v1beta2 storage version, old
// status), switches the storage version to v1beta3, reads and updates it, and checks that the CRD migrator rewrites
// it and leaves only v1beta3 in storedVersions, with nothing lost.
func (ce *conversionEnv) testLegacyStorageMigration(t *testing.T) {
	g := NewWithT(t)
	ctx := context.Background()
	const crdName = "ociclusters." + group
	ce.setStorageVersion(g, crdName, "v1beta2")

	legacy := object(g, "v1beta2", "OCICluster", "legacy", clusterSpec+v1beta2Network)
	g.Expect(ce.client.Create(ctx, legacy)).To(Succeed())
	status := map[string]any{}
	g.Expect(yaml.Unmarshal([]byte(legacyClusterStatus), &status)).To(Succeed())
	legacy.Object["status"] = status
	g.Expect(ce.client.Status().Update(ctx, legacy)).To(Succeed())
	stored := ce.get(g, legacy, "v1beta2")
	g.Expect(stored.Object["status"]).To(HaveKeyWithValue("ready", true))

	ce.setStorageVersion(g, crdName, "v1beta3")

	// Read through the hub: the v1beta2 contract's status, the old one kept under deprecated.v1beta1.
	hub := ce.get(g, legacy, "v1beta3")
	g.Expect(field(hub, "status.initialization.provisioned")).To(BeTrue())
	g.Expect(field(hub, "status.failureDomains.0.name")).To(Equal("1"))
	g.Expect(field(hub, "status.failureDomains.0.controlPlane")).To(BeTrue())
	g.Expect(field(hub, "status.failureDomains.1.name")).To(Equal("2"))
	g.Expect(field(hub, "status.deprecated.v1beta1.conditions.1.reason")).To(Equal("LoadBalancerProvisioning"))
	g.Expect(field(hub, "spec.networkSpec.vcn.internetGateway.skip")).To(BeTrue())

	// Update through the hub, as the controllers will.
	g.Expect(retry.RetryOnConflict(retry.DefaultRetry, func() error {
		latest := ce.get(g, legacy, "v1beta3")
		g.Expect(unstructured.SetNestedField(latest.Object, "migrated", "spec", "freeformTags", "step")).To(Succeed())
		return ce.client.Update(ctx, latest)
	})).To(Succeed())

	g.Eventually(func(g Gomega) []string {
		crd := &apiextensionsv1.CustomResourceDefinition{}
		g.Expect(ce.client.Get(ctx, client.ObjectKey{Name: crdName}, crd)).To(Succeed())
		return crd.Status.StoredVersions
	}, 30*time.Second, 200*time.Millisecond).Should(Equal([]string{"v1beta3"}))

	// Nothing lost: the earlier provider's view is what it stored (as its Go types write it: an explicit false
	// under omitempty, such as networkSecurityGroup.skip, is not kept by any typed version), plus the update.
	after := ce.get(g, legacy, "v1beta2")
	g.Expect(cmp.Diff(stored.Object["status"], after.Object["status"])).To(BeEmpty())
	wantSpec, ok := typedSpec(g, ce.scheme, stored).(map[string]any)
	g.Expect(ok).To(BeTrue())
	g.Expect(unstructured.SetNestedField(wantSpec, "migrated", "freeformTags", "step")).To(Succeed())
	g.Expect(cmp.Diff(wantSpec, after.Object["spec"])).To(BeEmpty())
}

// setStorageVersion makes version the storage version of the CRD and waits until the API server uses it.
func (ce *conversionEnv) setStorageVersion(g Gomega, crdName, version string) {
	ctx := context.Background()
	g.Expect(retry.RetryOnConflict(retry.DefaultRetry, func() error {
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := ce.client.Get(ctx, client.ObjectKey{Name: crdName}, crd); err != nil {
			return err
		}
		for i := range crd.Spec.Versions {
			crd.Spec.Versions[i].Storage = crd.Spec.Versions[i].Name == version
		}
		return ce.client.Update(ctx, crd)
	})).To(Succeed())
	g.Eventually(func(g Gomega) []string {
		crd := &apiextensionsv1.CustomResourceDefinition{}
		g.Expect(ce.client.Get(ctx, client.ObjectKey{Name: crdName}, crd)).To(Succeed())
		return crd.Status.StoredVersions
	}, 30*time.Second, 200*time.Millisecond).Should(ContainElement(version))
	// The API server switches its storage codec asynchronously after the CRD changes.
	time.Sleep(2 * time.Second)
}
