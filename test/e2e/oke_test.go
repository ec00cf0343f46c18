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

package e2e_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
)

var _ = Describe("An OKE cluster from the managed flavor", Ordered, func() {
	var cl *stack.Cluster
	pool := "oke-mp-0"

	It("comes up: the OKE cluster available, its node pool's node ready in the workload cluster", func(ctx SpecContext) {
		st.Sim.ResetStats()
		phase("create the managed flavor (OKE + a node pool of 1)", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "oke", Flavor: "managed", Workers: 1}, step)
		})
		Expect(workloadNodes(ctx, cl)).To(HaveLen(1))
		report("OCI calls to create the managed flavor, by operation", stack.CallsByOperation(st.Sim.Stats()))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("keeps Cluster API connected while its tokens expire and are replaced", func(ctx SpecContext) {
		// Four token lifetimes, longer than Cluster API's grace period for a lost connection (50s): a token
		// that was not replaced would turn RemoteConnectionProbe False.
		phase("4 OKE token lifetimes", func() {
			Consistently(func(g Gomega) {
				c := &clusterv1.Cluster{}
				g.Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, c)).To(Succeed())
				g.Expect(meta.IsStatusConditionTrue(c.Status.Conditions, clusterv1.ClusterRemoteConnectionProbeCondition)).To(BeTrue(),
					"conditions: %v", c.Status.Conditions)
			}).WithTimeout(4 * okeTokenLifetime).WithPolling(2 * time.Second).Should(Succeed())
		})
		Expect(workloadNodes(ctx, cl)).To(HaveLen(1), "a client on the refreshed kubeconfig reaches the cluster")
	}, NodeTimeout(4*okeTokenLifetime+time.Minute))

	It("scales its node pool 1 -> 3 -> 1 through the MachinePool", func(ctx SpecContext) {
		phase("node pool 1 -> 3", func() { scalePool(ctx, cl, pool, 3) })
		Eventually(func() []corev1.Node { return workloadNodes(ctx, cl) }).WithTimeout(step).Should(HaveLen(3))
		phase("node pool 3 -> 1", func() { scalePool(ctx, cl, pool, 1) })
		Eventually(func() []corev1.Node { return workloadNodes(ctx, cl) }).WithTimeout(step).Should(HaveLen(1))
	}, NodeTimeout(2*step+time.Minute))

	It("upgrades the control plane, then the node pool by node cycling within the surge limits", func(ctx SpecContext) {
		phase("OKE control plane v1.32.1 -> v1.33.1", func() {
			cp := &infrav1.OCIManagedControlPlane{}
			Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, cp)).To(Succeed())
			before := cp.DeepCopy()
			cp.Spec.Version = "v1.33.1"
			Expect(k8s.Patch(ctx, cp, client.MergeFrom(before))).To(Succeed())
			Eventually(func(g Gomega) {
				g.Expect(k8s.Get(ctx, client.ObjectKeyFromObject(cp), cp)).To(Succeed())
				g.Expect(cp.Status.Version).To(Equal("v1.33.1"))
			}).WithTimeout(step).Should(Succeed())
		})
		phase("node pool v1.32.1 -> v1.33.1, nodes cycled", func() {
			p := &infrav1exp.OCIManagedMachinePool{}
			Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: pool}, p)).To(Succeed())
			before := p.DeepCopy()
			p.Spec.NodePoolCyclingDetails = &infrav1exp.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: "1", MaximumUnavailable: "0"}
			Expect(k8s.Patch(ctx, p, client.MergeFrom(before))).To(Succeed())
			mp := &clusterv1.MachinePool{}
			Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: pool}, mp)).To(Succeed())
			mpBefore := mp.DeepCopy()
			mp.Spec.Template.Spec.Version = "v1.33.1"
			Expect(k8s.Patch(ctx, mp, client.MergeFrom(mpBefore))).To(Succeed())
			Eventually(func(g Gomega) {
				nodes := workloadNodes(ctx, cl)
				g.Expect(nodes).To(HaveLen(1))
				g.Expect(nodes[0].Status.NodeInfo.KubeletVersion).To(Equal("v1.33.1"))
			}).WithTimeout(step).Should(Succeed())
			waitReady(ctx, cl, step)
			Expect(k8s.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
			stats, ok := st.Sim.NodePoolCycle(p.Spec.ID)
			Expect(ok).To(BeTrue())
			Expect(stats.Replaced).To(Equal(1))
			Expect(stats.MaxNodes).To(BeNumerically("<=", 2), "max surge 1")
			Expect(stats.MinActive).To(BeNumerically(">=", 1), "max unavailable 0")
		})
	}, NodeTimeout(2*step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the OKE cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
		report("OCI calls over the managed flavor's lifecycle, by operation", stack.CallsByOperation(st.Sim.Stats()))
	}, NodeTimeout(step+time.Minute))
})

// scalePool sizes an OKE cluster's MachinePool through its spec.replicas, after taking it back from the external
// sizer the flavor names (cluster.x-k8s.io/replicas-managed-by: the cluster autoscaler), and waits until it is
// ready at that size.
func scalePool(ctx context.Context, cl *stack.Cluster, name string, replicas int) {
	mp := &clusterv1.MachinePool{}
	Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: name}, mp)).To(Succeed())
	before := mp.DeepCopy()
	delete(mp.Annotations, clusterv1.ReplicasManagedByAnnotation)
	mp.Spec.Replicas = ptr.To(int32(replicas))
	Expect(k8s.Patch(ctx, mp, client.MergeFrom(before))).To(Succeed())
	cl.Workers = replicas
	waitReady(ctx, cl, step)
}

// workloadNodes lists the workload cluster's Nodes with the kubeconfig Cluster API keeps for it.
func workloadNodes(ctx context.Context, cl *stack.Cluster) []corev1.Node {
	path, err := st.WorkloadKubeconfig(ctx, cl)
	Expect(err).NotTo(HaveOccurred())
	cfg, err := clientcmd.BuildConfigFromFlags("", path)
	Expect(err).NotTo(HaveOccurred())
	c, err := client.New(cfg, client.Options{Scheme: stack.Scheme()})
	Expect(err).NotTo(HaveOccurred())
	nodes := &corev1.NodeList{}
	Expect(c.List(ctx, nodes)).To(Succeed())
	return nodes.Items
}

var _ = Describe("An OKE cluster from the managed-virtual-node flavor", Ordered, func() {
	var cl *stack.Cluster
	pool := "okevirtual-mp-0"

	It("comes up: an ENHANCED cluster, its virtual node ready in the workload cluster", func(ctx SpecContext) {
		st.Sim.ResetStats()
		phase("create the managed-virtual-node flavor (ENHANCED OKE + a virtual node pool of 1)", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "okevirtual", Flavor: "managed-virtual-node", Workers: 1}, step)
		})
		nodes := workloadNodes(ctx, cl)
		Expect(nodes).To(HaveLen(1))
		p := &infrav1exp.OCIVirtualMachinePool{}
		Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: pool}, p)).To(Succeed())
		Expect(p.Spec.ProviderIDList).To(ConsistOf(nodes[0].Spec.ProviderID), "the Node is the pool's virtual node")
		Expect(p.Spec.ProviderIDList[0]).To(HavePrefix("oci://ocid1.virtualnode."))
		report("OCI calls to create the managed-virtual-node flavor, by operation", stack.CallsByOperation(st.Sim.Stats()))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("scales its virtual node pool 1 -> 3 -> 1 through the MachinePool", func(ctx SpecContext) {
		phase("virtual node pool 1 -> 3", func() { scalePool(ctx, cl, pool, 3) })
		Eventually(func() []corev1.Node { return workloadNodes(ctx, cl) }).WithTimeout(step).Should(HaveLen(3))
		phase("virtual node pool 3 -> 1", func() { scalePool(ctx, cl, pool, 1) })
		Eventually(func() []corev1.Node { return workloadNodes(ctx, cl) }).WithTimeout(step).Should(HaveLen(1))
	}, NodeTimeout(2*step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the OKE cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
		report("OCI calls over the managed-virtual-node flavor's lifecycle, by operation", stack.CallsByOperation(st.Sim.Stats()))
	}, NodeTimeout(step+time.Minute))
})

var _ = Describe("An OKE cluster from the managed-self-managed-nodes flavor", Ordered, func() {
	var cl *stack.Cluster

	It("comes up: its self-managed node, an OCIMachine, joins the OKE cluster with the <cluster>-self-managed Secret", func(ctx SpecContext) {
		st.Sim.ResetStats()
		phase("create the managed-self-managed-nodes flavor (ENHANCED OKE + a MachineDeployment of 1)", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "okeself", Flavor: "managed-self-managed-nodes", Workers: 1}, step)
		})
		nodes := workloadNodes(ctx, cl)
		Expect(nodes).To(HaveLen(1))
		machines := &infrav1.OCIMachineList{}
		Expect(k8s.List(ctx, machines, client.InNamespace(cl.Namespace))).To(Succeed())
		Expect(machines.Items).To(HaveLen(1))
		Expect(machines.Items[0].Spec.ProviderID).To(HaveValue(Equal(nodes[0].Spec.ProviderID)), "the Node is the OCIMachine's instance")
		report("OCI calls to create the managed-self-managed-nodes flavor, by operation", stack.CallsByOperation(st.Sim.Stats()))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the OKE cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
	}, NodeTimeout(step+time.Minute))
})
