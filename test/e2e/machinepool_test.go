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
	"slices"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
)

var _ = Describe("A cluster from the machinepool flavor", Ordered, func() {
	var cl *stack.Cluster
	var pool string

	It("comes up: a control plane and a MachinePool of 2 whose instances are Nodes of the workload cluster", func(ctx SpecContext) {
		st.Sim.ResetStats()
		phase("create the machinepool flavor (1 control plane + a MachinePool of 2)", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "mp", Flavor: "machinepool", ControlPlanes: 1, Workers: 2}, step)
		})
		pool = cl.Name + "-mp-0"
		expectPoolNodes(ctx, cl, pool, 2)
		report("OCI calls to create the machinepool flavor, by operation", stack.CallsByOperation(st.Sim.Stats()))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("scales the MachinePool 2 -> 3 -> 1", func(ctx SpecContext) {
		phase("machine pool 2 -> 3", func() { scalePool(ctx, cl, pool, 3) })
		expectPoolNodes(ctx, cl, pool, 3)
		phase("machine pool 3 -> 1", func() { scalePool(ctx, cl, pool, 1) })
		expectPoolNodes(ctx, cl, pool, 1)
	}, NodeTimeout(2*step+time.Minute))

	It("replaces its instance when the template changes", func(ctx SpecContext) {
		p := &infrav1exp.OCIMachinePool{}
		Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: pool}, p)).To(Succeed())
		old := slices.Clone(p.Spec.ProviderIDList)
		phase("OCIMachinePool 1 OCPU -> 2 OCPUs, rolled", func() {
			before := p.DeepCopy()
			p.Spec.InstanceConfiguration.ShapeConfig.OCPUs = "2"
			Expect(k8s.Patch(ctx, p, client.MergeFrom(before))).To(Succeed())
			Eventually(func(g Gomega) {
				g.Expect(k8s.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
				g.Expect(conditions.IsTrue(p, infrav1exp.InstancesUpToDateCondition)).To(BeTrue(), "conditions: %v", p.Status.Conditions)
				g.Expect(p.Spec.ProviderIDList).To(HaveLen(1))
				g.Expect(p.Spec.ProviderIDList).NotTo(ContainElements(old))
			}).WithTimeout(step).Should(Succeed())
			waitReady(ctx, cl, step)
		})
		expectPoolNodes(ctx, cl, pool, 1)
	}, NodeTimeout(step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
		report("OCI calls over the machinepool flavor's lifecycle, by operation", stack.CallsByOperation(st.Sim.Stats()))
	}, NodeTimeout(step+time.Minute))
})

// expectPoolNodes checks that the workload cluster has the control plane's Node and n Nodes whose provider IDs are
// the OCIMachinePool's instances.
func expectPoolNodes(ctx context.Context, cl *stack.Cluster, pool string, n int) {
	Eventually(func(g Gomega) {
		p := &infrav1exp.OCIMachinePool{}
		g.Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: pool}, p)).To(Succeed())
		g.Expect(p.Spec.ProviderIDList).To(HaveLen(n))
		var ids []string
		nodes := workloadNodes(ctx, cl)
		for i := range nodes {
			if id := nodes[i].Spec.ProviderID; slices.Contains(p.Spec.ProviderIDList, id) {
				ids = append(ids, id)
			}
		}
		g.Expect(ids).To(ConsistOf(p.Spec.ProviderIDList))
	}).WithTimeout(step).Should(Succeed())
}
