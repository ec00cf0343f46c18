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
	"strings"
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

const legacyConditions = `
conditions:
- type: Ready
  status: "True"
  lastTransitionTime: "2026-01-02T03:04:05Z"
- type: InstanceReady
  status: "False"
  severity: Warning
  reason: Provisioning
  message: waiting for OCI
  lastTransitionTime: "2026-01-02T03:04:05Z"
`

// legacy is an object as the earlier provider stores it: v1beta2, with the v1beta1 contract's status (ready flags,
// Cluster API v1beta1 conditions, failure fields, failure domains as a map), and what the hub must show of it.
type legacy struct {
	kind, spec, status string
	// hub maps dotted paths of the v1beta3 object to the values they must hold.
	hub map[string]any
}

func legacyObjects() []legacy {
	return []legacy{{
		kind: "OCICluster",
		spec: clusterSpec + v1beta2Network,
		status: "ready: true\n" + legacyConditions + `
failureDomains:
  "2":
    attributes:
      AvailabilityDomain: ad-2
  "1":
    controlPlane: true
    attributes:
      AvailabilityDomain: ad-1
`,
		hub: map[string]any{
			"status.initialization.provisioned":             true,
			"status.failureDomains.0.name":                  "1",
			"status.failureDomains.0.controlPlane":          true,
			"status.failureDomains.1.name":                  "2",
			"status.deprecated.v1beta1.conditions.1.reason": "Provisioning",
			"spec.networkSpec.vcn.internetGateway.skip":     true,
		},
	}, {
		kind: "OCIMachine",
		spec: machineSpec,
		status: "ready: true\nfailureReason: CreateError\nfailureMessage: out of capacity\n" +
			"addresses:\n- type: InternalIP\n  address: 10.0.0.5\nlaunchInstanceWorkRequestId: ocid1.workrequest.oc1..w\n" +
			legacyConditions,
		hub: map[string]any{
			"status.initialization.provisioned":           true,
			"status.deprecated.v1beta1.failureReason":     "CreateError",
			"status.deprecated.v1beta1.failureMessage":    "out of capacity",
			"status.deprecated.v1beta1.conditions.0.type": "Ready",
			"status.addresses.0.address":                  "10.0.0.5",
			"status.launchInstanceWorkRequestId":          "ocid1.workrequest.oc1..w",
			"spec.extendedMetadata.nested.key":            "value",
		},
	}, {
		kind:   "OCIManagedControlPlane",
		spec:   controlPlaneSpec,
		status: "ready: true\ninitialized: true\nversion: v1.31.1\naddonStatus:\n  CertManager:\n    lifecycleState: ACTIVE\n" + legacyConditions,
		hub: map[string]any{
			"status.initialization.controlPlaneInitialized": true,
			"status.deprecated.v1beta1.ready":               true,
			"status.version":                                "v1.31.1",
			"status.addonStatus.CertManager.lifecycleState": "ACTIVE",
		},
	}, {
		kind:   "OCIManagedMachinePool",
		spec:   managedPoolSpec,
		status: "ready: true\nreplicas: 3\nnodepoolLifecycleState: ACTIVE\nfailureReason: UpdateError\nfailureMessages:\n- a node failed\n" + legacyConditions,
		hub: map[string]any{
			"status.initialization.provisioned":           true,
			"status.replicas":                             int64(3),
			"status.nodepoolLifecycleState":               "ACTIVE",
			"status.deprecated.v1beta1.failureMessages.0": "a node failed",
		},
	}}
}

// testLegacyStorageMigration stores objects as the earlier provider does (v1beta2 storage version, old status),
// switches the storage version to v1beta3, reads and updates them, and checks that the CRD migrator rewrites them
// and leaves only v1beta3 in storedVersions, with nothing lost.
func (ce *conversionEnv) testLegacyStorageMigration(t *testing.T) {
	for _, l := range legacyObjects() {
		t.Run(l.kind, func(t *testing.T) { ce.migrateLegacy(NewWithT(t), l) })
	}
}

func (ce *conversionEnv) migrateLegacy(g Gomega, l legacy) {
	ctx := context.Background()
	crdName := strings.ToLower(l.kind) + "s." + group
	ce.setStorageVersion(g, crdName, "v1beta2")

	obj := object(g, "v1beta2", l.kind, "legacy", l.spec)
	g.Expect(ce.client.Create(ctx, obj)).To(Succeed())
	status := map[string]any{}
	g.Expect(yaml.Unmarshal([]byte(l.status), &status)).To(Succeed())
	obj.Object["status"] = status
	g.Expect(ce.client.Status().Update(ctx, obj)).To(Succeed())
	stored := ce.get(g, obj, "v1beta2")
	g.Expect(stored.Object["status"]).To(HaveKeyWithValue("ready", true))

	ce.setStorageVersion(g, crdName, "v1beta3")

	// Read through the hub: the v1beta2 contract's status, the old one kept under deprecated.v1beta1.
	hub := ce.get(g, obj, "v1beta3")
	for path, want := range l.hub {
		g.Expect(field(hub, path)).To(Equal(want), path)
	}

	// Update through the hub, as the controllers will.
	g.Expect(retry.RetryOnConflict(retry.DefaultRetry, func() error {
		latest := ce.get(g, obj, "v1beta3")
		g.Expect(unstructured.SetNestedField(latest.Object, "migrated", "metadata", "labels", "step")).To(Succeed())
		return ce.client.Update(ctx, latest)
	})).To(Succeed())

	g.Eventually(func(g Gomega) []string {
		crd := &apiextensionsv1.CustomResourceDefinition{}
		g.Expect(ce.client.Get(ctx, client.ObjectKey{Name: crdName}, crd)).To(Succeed())
		return crd.Status.StoredVersions
	}, 30*time.Second, 200*time.Millisecond).Should(Equal([]string{"v1beta3"}))

	// Nothing lost: the earlier provider's view is what it stored (as its Go types write it: an explicit false
	// under omitempty, such as networkSecurityGroup.skip, is not kept by any typed version), plus the update.
	after := ce.get(g, obj, "v1beta2")
	g.Expect(after.GetLabels()).To(HaveKeyWithValue("step", "migrated"))
	g.Expect(cmp.Diff(stored.Object["status"], after.Object["status"])).To(BeEmpty())
	g.Expect(cmp.Diff(typedSpec(g, ce.scheme, stored), after.Object["spec"])).To(BeEmpty())
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
