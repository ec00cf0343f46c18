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
	"testing"
	"time"

	. "github.com/onsi/gomega"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestOKEClusterLifecycle runs an OKE cluster with one node pool through the controllers, the real SDK and the
// emulator: the network without an API-server load balancer, the OKE cluster and its Secrets (a client built
// from the kubeconfig Secret reaches the cluster across several token lifetimes), scale 1 -> 3 -> 1, a control
// plane upgrade then a node pool upgrade by node cycling within the surge limits, and a delete that leaves nothing.
func TestOKEClusterLifecycle(t *testing.T) {
	t.Parallel() // its own namespace and compartment; the tests that inject faults run before the parallel ones
	ctx := context.Background()
	g := NewWithT(t)
	k := newTestOKE(ctx, t, "oke", okeOpts{replicas: 1})
	cp := k.waitAvailable(ctx, t)
	g.Expect(cp.Spec.ID).To(HavePrefix("ocid1.cluster."))
	g.Expect(cp.Spec.ControlPlaneEndpoint.Host).NotTo(BeEmpty())
	g.Expect(cp.Status.Version).To(Equal("v1.32.1"))
	g.Expect(cp.Status.ExternalManagedControlPlane).To(HaveValue(BeTrue()))
	g.Expect(conditions.IsTrue(cp, clusterv1.AvailableCondition)).To(BeTrue())
	g.Expect(conditions.IsTrue(cp, infrav1.SpecAppliedCondition)).To(BeTrue(), "conditions: %v", cp.Status.Conditions)
	live := map[string]int{}
	for _, r := range env.Sim.Leaks(k.Compartment) {
		live[r.Kind]++
	}
	g.Expect(live).NotTo(HaveKey(ocisim.KindNLB), "OKE brings its own endpoint")
	g.Expect(live).To(HaveKeyWithValue(ocisim.KindCluster, 1))

	// The kubeconfig Secret is usable by a client, and stays usable while tokens expire and are replaced.
	g.Consistently(func(g Gomega) {
		_, err := k.kubeconfigClient(ctx, g).Discovery().ServerVersion()
		g.Expect(err).NotTo(HaveOccurred())
	}).WithTimeout(3 * okeTokenLifetime).WithPolling(time.Second).Should(Succeed())

	k.waitNodes(ctx, t, 1)
	k.scale(ctx, t, 3)
	p := k.waitNodes(ctx, t, 3)
	k.scale(ctx, t, 1)
	k.waitNodes(ctx, t, 1)

	// The control plane first, then the pool, as Cluster API orders an upgrade.
	setVersion(ctx, t, k.ControlPlane, func() { k.ControlPlane.Spec.Version = "v1.33.1" })
	g.Eventually(func(g Gomega) {
		g.Expect(k.controlPlane(ctx, g).Status.Version).To(Equal("v1.33.1"))
	}).WithTimeout(2 * time.Minute).Should(Succeed())
	mp := &clusterv1.MachinePool{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.MachinePool), mp)).To(Succeed())
	setVersion(ctx, t, mp, func() { mp.Spec.Template.Spec.Version = "v1.33.1" })
	before := p.Spec.ProviderIDList
	g.Eventually(func(g Gomega) {
		nodes := poolNodes(k.pool(ctx, g).Spec.ID)
		g.Expect(nodes).To(HaveLen(1))
		g.Expect(nodes[0].KubernetesVersion).To(Equal("v1.33.1"))
	}).WithTimeout(2 * time.Minute).Should(Succeed())
	p = k.waitNodes(ctx, t, 1)
	g.Expect(p.Spec.ProviderIDList).NotTo(ContainElements(before), "the node was cycled")
	stats, ok := env.Sim.NodePoolCycle(p.Spec.ID)
	g.Expect(ok).To(BeTrue())
	g.Expect(stats.MaxNodes).To(BeNumerically("<=", 2), "max surge 1")
	g.Expect(stats.MinActive).To(BeNumerically(">=", 1), "max unavailable 0")

	k.deleteAll(ctx, t)
}

// setVersion patches obj after edit.
func setVersion(ctx context.Context, t testing.TB, obj client.Object, edit func()) {
	t.Helper()
	before := obj.DeepCopyObject().(client.Object)
	edit()
	NewWithT(t).Expect(env.Client.Patch(ctx, obj, client.MergeFrom(before))).To(Succeed())
}

// poolNodes lists the emulator's live nodes of a node pool.
func poolNodes(id string) []ocisim.NodeView {
	var out []ocisim.NodeView
	nodes := env.Sim.NodePoolNodes()
	for i := range nodes {
		if n := nodes[i]; n.NodePoolID == id && n.Live && n.State != "DELETING" && n.State != "DELETED" {
			out = append(out, n)
		}
	}
	return out
}

// TestOKEConvergesThroughFaults makes and deletes a flannel OKE cluster while 10% of calls fail with 5xx and more
// are throttled: nothing is duplicated or leaked.
func TestOKEConvergesThroughFaults(t *testing.T) {
	ctx := context.Background()
	g := NewWithT(t)
	for op, f := range ocisim.Flaky5xx(0.1) {
		env.Sim.SetFault(op, f)
	}
	for _, op := range []string{"CreateCluster", "GetCluster", "ListClusters", "CreateNodePool", "GetNodePool", "ListNodePools", "GetWorkRequest"} {
		env.Sim.SetFault(op, ocisim.Throttling(0.1)["*"])
	}
	defer env.Sim.ClearFaults()
	k := newTestOKE(ctx, t, "okefaults", okeOpts{cni: "FLANNEL_OVERLAY", replicas: 2})
	k.waitAvailable(ctx, t)
	k.waitNodes(ctx, t, 2)
	g.Expect(env.Sim.Duplicates(k.Compartment)).To(BeEmpty())
	k.deleteAll(ctx, t)
}

// TestOKENodePoolDeletedAfterItsControlPlane deletes the control plane (and so the OKE cluster) before the node
// pool, out of Cluster API's order: the pool still goes, from the OCID it recorded, and nothing is left.
func TestOKENodePoolDeletedAfterItsControlPlane(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := newTestOKE(ctx, t, "okeorder", okeOpts{replicas: 1})
	k.waitAvailable(ctx, t)
	k.waitNodes(ctx, t, 1)
	deleteAndWait(ctx, t, k.ControlPlane, func() any { return k.controlPlane(ctx, NewWithT(t)).Status.Conditions })
	deleteAndWait(ctx, t, k.Pool, func() any { return k.pool(ctx, NewWithT(t)).Status.Conditions })
	deleteAndWait(ctx, t, k.Managed, func() any { return "" })
	NewWithT(t).Expect(env.Sim.Leaks(k.Compartment)).To(BeEmpty())
}
