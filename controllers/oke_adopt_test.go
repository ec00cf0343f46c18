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

package controllers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestOKEAdoptedAfterRebuild takes an OKE cluster over twice, as a management cluster rebuilt from a backup (or one
// `clusterctl move` filled) does: first from the objects as the earlier provider stores them (v1beta2, the OCIDs
// in spec, no status), then from objects whose spec holds no OCID at all (a GitOps repository's manifests), where
// every resource is found by its name and the cluster's ownership tags. Each time the cluster and its pool come
// back ready with no call that changes anything in OCI; then a delete leaves nothing.
func TestOKEAdoptedAfterRebuild(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := newTestOKE(ctx, t, "okeadopt", okeOpts{replicas: 2})
	k.waitAvailable(ctx, t)
	k.waitNodes(ctx, t, 2)

	for _, c := range []struct {
		name    string
		version string
		strip   bool
	}{
		{name: "stored by the earlier provider", version: "v1beta2"},
		{name: "no OCID in spec", version: infrav1.GroupVersion.Version, strip: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := NewWithT(t)
			saved := k.letGo(ctx, t, c.version)
			if c.strip {
				for _, u := range saved {
					stripOCIDs(u.Object["spec"])
				}
			}
			for _, u := range saved {
				_, hasID, _ := unstructured.NestedString(u.Object, "spec", "id")
				g.Expect(hasID).To(Equal(!c.strip && u.GetKind() != "OCIManagedCluster"), "%s spec.id", u.GetKind())
			}
			since := time.Now()
			k.rebuild(ctx, t, saved)
			cp := k.waitAvailable(ctx, t)
			g.Expect(cp.Spec.ID).To(HavePrefix("ocid1.cluster."))
			p := k.waitNodes(ctx, t, 2)
			g.Expect(conditions.IsTrue(p, clusterv1.ReadyCondition)).To(BeTrue(), "conditions: %v", p.Status.Conditions)
			g.Eventually(func(g Gomega) {
				mc := &infrav1.OCIManagedCluster{}
				g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.Managed), mc)).To(Succeed())
				g.Expect(conditions.IsTrue(mc, clusterv1.ReadyCondition)).To(BeTrue(), "conditions: %v", mc.Status.Conditions)
			}).WithTimeout(time.Minute).Should(Succeed())
			g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(k.Compartment, since)))).To(BeEmpty())
			g.Expect(env.Sim.Duplicates(k.Compartment)).To(BeEmpty())
		})
	}
	k.deleteAll(ctx, t)
}

// infra are the provider's objects of the cluster.
func (k *testOKE) infra() []client.Object {
	objs := []client.Object{k.Managed, k.ControlPlane}
	if k.Pool != nil {
		objs = append(objs, k.Pool)
	}
	if k.Virtual != nil {
		objs = append(objs, k.Virtual)
	}
	return objs
}

// letGo does to the cluster what a management cluster that is lost (or `clusterctl move`'s source) does: the
// Cluster is paused, and the Cluster, its MachinePool and the provider's objects go without their finalizers
// running. It returns the provider's objects as read in version, for rebuild.
func (k *testOKE) letGo(ctx context.Context, t *testing.T, version string) []*unstructured.Unstructured {
	t.Helper()
	g := NewWithT(t)
	setVersion(ctx, t, k.Cluster, func() { k.Cluster.Spec.Paused = ptr.To(true) })
	var saved []*unstructured.Unstructured
	for _, obj := range k.infra() {
		gvk, err := env.Client.GroupVersionKindFor(obj)
		g.Expect(err).NotTo(HaveOccurred())
		u := &unstructured.Unstructured{}
		u.SetAPIVersion(gvk.Group + "/" + version)
		u.SetKind(gvk.Kind)
		g.Eventually(func(g Gomega) {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(obj), u)).To(Succeed())
			conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
			if version != "v1beta2" {
				g.Expect(conds).To(ContainElement(And(HaveKeyWithValue("type", clusterv1.PausedCondition), HaveKeyWithValue("status", "True"))))
			}
		}).WithTimeout(time.Minute).Should(Succeed())
		saved = append(saved, u.DeepCopy())
		g.Eventually(func(g Gomega) {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(obj), u)).To(Succeed())
			u.SetFinalizers(nil)
			g.Expect(env.Client.Update(ctx, u)).To(Succeed())
		}).WithTimeout(time.Minute).Should(Succeed())
		g.Expect(env.Client.Delete(ctx, u)).To(Succeed())
	}
	for _, obj := range []client.Object{k.MachinePool, k.Cluster} {
		if obj != nil && !isNil(obj) {
			g.Expect(client.IgnoreNotFound(env.Client.Delete(ctx, obj))).To(Succeed())
		}
	}
	for _, obj := range append(k.infra(), k.Cluster) {
		g.Eventually(func() bool {
			err := env.Client.Get(ctx, client.ObjectKeyFromObject(obj), obj.DeepCopyObject().(client.Object))
			return err != nil && client.IgnoreNotFound(err) == nil
		}).WithTimeout(time.Minute).Should(BeTrue(), "%s is still there", obj.GetName())
	}
	return saved
}

// rebuild creates the Cluster, its MachinePool and the saved objects again, with new UIDs and no status.
func (k *testOKE) rebuild(ctx context.Context, t *testing.T, saved []*unstructured.Unstructured) {
	t.Helper()
	g := NewWithT(t)
	k.Cluster = &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Name: k.Cluster.Name, Namespace: k.Cluster.Namespace},
		Spec: k.Cluster.Spec}
	k.Cluster.Spec.Paused = nil
	g.Expect(env.Client.Create(ctx, k.Cluster)).To(Succeed())
	if k.MachinePool != nil {
		k.MachinePool = &clusterv1.MachinePool{ObjectMeta: metav1.ObjectMeta{Name: k.MachinePool.Name, Namespace: k.MachinePool.Namespace,
			Labels: k.MachinePool.Labels, Annotations: k.MachinePool.Annotations}, Spec: k.MachinePool.Spec}
		g.Expect(env.Client.Create(ctx, k.MachinePool)).To(Succeed())
	}
	for _, u := range saved {
		owner := ownedBy(k.Cluster)
		if strings.HasSuffix(u.GetKind(), "MachinePool") {
			owner = []metav1.OwnerReference{{APIVersion: clusterv1.GroupVersion.String(), Kind: "MachinePool", Name: k.MachinePool.Name, UID: k.MachinePool.UID}}
		}
		obj := &unstructured.Unstructured{Object: map[string]any{"apiVersion": u.GetAPIVersion(), "kind": u.GetKind(),
			"metadata": map[string]any{"name": u.GetName(), "namespace": u.GetNamespace(), "labels": toAny(u.GetLabels())},
			"spec":     u.Object["spec"]}}
		obj.SetOwnerReferences(owner)
		g.Expect(env.Client.Create(ctx, obj)).To(Succeed(), "creating %s %s", u.GetKind(), u.GetName())
	}
}

// stripOCIDs removes from a spec every OCI resource ID (a string starting "ocid1.") but the compartment's and the
// image's, which a manifest written by hand names too.
func stripOCIDs(v any) {
	switch x := v.(type) {
	case map[string]any:
		for key, val := range x {
			if s, ok := val.(string); ok && strings.HasPrefix(s, "ocid1.") && key != "compartmentId" && key != "imageId" {
				delete(x, key)
				continue
			}
			stripOCIDs(val)
		}
	case []any:
		for _, val := range x {
			stripOCIDs(val)
		}
	}
}

// toAny turns labels into the map an unstructured object holds.
func toAny(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// isNil reports whether obj is a typed nil.
func isNil(obj client.Object) bool {
	switch o := obj.(type) {
	case *clusterv1.MachinePool:
		return o == nil
	default:
		return false
	}
}
