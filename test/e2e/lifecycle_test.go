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
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
)

// step is the time any one step of the lifecycle may take on the fast emulator; Cluster API's own requeues
// make most of it.
const step = 5 * time.Minute

var _ = Describe("A cluster from the default template", Ordered, func() {
	var cl *stack.Cluster

	It("comes up: control plane available, the worker running", func(ctx SpecContext) {
		st.Sim.ResetStats()
		phase("create 1 control plane + 1 worker", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "life", ControlPlanes: 1, Workers: 1}, step)
		})
		expectBackends(ctx, cl, allRunningFrom(ctx, cl, true, "life-control-plane", 1, step), step)
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("grows its control plane to 3, each new instance joining the API server's load balancer", func(ctx SpecContext) {
		phase("KubeadmControlPlane 1 -> 3", func() {
			scale(ctx, cl, true, 3)
			waitReady(ctx, cl, 2*step)
		})
		expectBackends(ctx, cl, allRunningFrom(ctx, cl, true, "life-control-plane", 3, step), step)
	}, NodeTimeout(2*step+time.Minute))

	It("scales its workers 1 -> 3 -> 1", func(ctx SpecContext) {
		phase("MachineDeployment 1 -> 3", func() {
			scale(ctx, cl, false, 3)
			waitReady(ctx, cl, step)
		})
		phase("MachineDeployment 3 -> 1", func() {
			scale(ctx, cl, false, 1)
			waitReady(ctx, cl, step)
			Eventually(liveInstances).WithTimeout(step).Should(HaveLen(4))
		})
	}, NodeTimeout(2*step+time.Minute))

	It("rolls its workers to a new OCIMachineTemplate: new instances, the old ones terminated", func(ctx SpecContext) {
		before := allRunningFrom(ctx, cl, false, "life-md-0", 1, step)
		phase("roll the MachineDeployment", func() {
			rollTo(ctx, cl, false, "life-md-0", "life-md-1", func(s *infrav1.OCIMachineSpec) { s.ShapeConfig.OCPUs = "2" })
			after := allRunningFrom(ctx, cl, false, "life-md-1", 1, step)
			Expect(after).NotTo(ContainElements(before))
			Eventually(liveInstances).WithTimeout(step).ShouldNot(ContainElements(before))
		})
	}, NodeTimeout(step+time.Minute))

	It("rolls its control plane to a new OCIMachineTemplate, the load balancer following", func(ctx SpecContext) {
		before := allRunningFrom(ctx, cl, true, "life-control-plane", 3, step)
		phase("roll the KubeadmControlPlane", func() {
			rollTo(ctx, cl, true, "life-control-plane", "life-control-plane-1", func(s *infrav1.OCIMachineSpec) { s.ShapeConfig.OCPUs = "2" })
			after := allRunningFrom(ctx, cl, true, "life-control-plane-1", 3, 3*step)
			Expect(after).NotTo(ContainElements(before))
			waitReady(ctx, cl, step)
			expectBackends(ctx, cl, after, step)
			Eventually(liveInstances).WithTimeout(step).ShouldNot(ContainElements(before))
		})
	}, NodeTimeout(3*step+2*time.Minute))

	It("replaces a worker whose instance was terminated behind its back, through a MachineHealthCheck", func(ctx SpecContext) {
		mhc := &clusterv1.MachineHealthCheck{ObjectMeta: metav1.ObjectMeta{Namespace: cl.Namespace, Name: "life-workers"},
			Spec: clusterv1.MachineHealthCheckSpec{ClusterName: cl.Name,
				Selector: metav1.LabelSelector{MatchLabels: map[string]string{clusterv1.MachineDeploymentNameLabel: "life-md-0"}},
				Checks: clusterv1.MachineHealthCheckChecks{NodeStartupTimeoutSeconds: ptr.To[int32](120),
					UnhealthyNodeConditions: []clusterv1.UnhealthyNodeCondition{
						{Type: corev1.NodeReady, Status: corev1.ConditionUnknown, TimeoutSeconds: ptr.To[int32](20)},
						{Type: corev1.NodeReady, Status: corev1.ConditionFalse, TimeoutSeconds: ptr.To[int32](20)}}},
				Remediation: clusterv1.MachineHealthCheckRemediation{TriggerIf: clusterv1.MachineHealthCheckRemediationTriggerIf{
					UnhealthyLessThanOrEqualTo: ptr.To(intstr.FromString("100%"))}}}}
		Expect(k8s.Create(ctx, mhc)).To(Succeed())
		before := allRunningFrom(ctx, cl, false, "life-md-1", 1, step)
		phase("MachineHealthCheck replaces a terminated worker", func() {
			terminate(ctx, before[0])
			Eventually(func(g Gomega) {
				ms := machines(ctx, g, cl, false)
				g.Expect(ms).To(HaveLen(1))
				g.Expect(ms[0].Name).NotTo(Equal(before[0]))
				g.Expect(ms[0].Status.Phase).To(Equal(string(clusterv1.MachinePhaseRunning)))
			}).WithContext(ctx).WithTimeout(step).WithPolling(time.Second).Should(Succeed())
			waitReady(ctx, cl, step)
		})
		expectNoDuplicates()
	}, NodeTimeout(2*step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete", func() { expectCleanAfterDelete(ctx, cl, step) })
		report("OCI calls over the whole lifecycle, by operation", stack.CallsByOperation(st.Sim.Stats()))
	}, NodeTimeout(step+time.Minute))
})
