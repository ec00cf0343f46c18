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
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// A MachinePool of 3 becomes three instances of one instance pool, each an OCIMachinePoolMachine and a Machine,
// placed over the cluster's availability domains in the worker subnet.
func TestMachinePoolOfThree(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "mp3", nil)
	oc := tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	tp := tc.newMachinePool(ctx, t, 3, nil)
	p, ids := tp.waitReady(ctx, t, 3)

	g.Expect(p.Status.Initialization.Provisioned).To(HaveValue(BeTrue()))
	g.Expect(p.Status.Ready).To(BeTrue())
	g.Expect(p.Status.InfrastructureMachineKind).To(Equal("OCIMachinePoolMachine"))
	g.Expect(conditions.IsTrue(p, infrav1exp.InstancesUpToDateCondition)).To(BeTrue())
	want := make([]string, 0, len(ids))
	for _, id := range ids {
		want = append(want, "oci://"+id)
	}
	g.Expect(p.Spec.ProviderIDList).To(Equal(want))
	pool := instancePool(ctx, t, p.Spec.OCID)
	g.Expect(pool.DisplayName).To(HaveValue(Equal("workers")))
	g.Expect(pool.InstanceConfigurationId).To(HaveValue(Equal(p.Spec.InstanceConfiguration.InstanceConfigurationID)))
	ads := map[string]bool{}
	for _, fd := range oc.Status.FailureDomains {
		ads[fd.Attributes["AvailabilityDomain"]] = true
	}
	g.Expect(pool.PlacementConfigurations).To(HaveLen(len(ads)))
	worker := subnetOfRole(oc, "worker")
	for _, pc := range pool.PlacementConfigurations {
		g.Expect(pc.PrimarySubnetId).To(HaveValue(Equal(worker)))
		g.Expect(pc.FaultDomains).NotTo(BeEmpty())
	}
	for _, id := range ids {
		in := instance(ctx, t, id)
		g.Expect(in.FreeformTags).To(HaveKeyWithValue("CreatedBy", "OCIClusterAPIProvider"))
		m := tp.machineOf(ctx, g, id)
		g.Expect(m.Labels).To(HaveKeyWithValue(clusterv1.MachinePoolNameLabel, "workers"))
	}
	tp.deleteAndWait(ctx, t)
	g.Expect(tc.liveKinds()).To(Equal(defaultLayout))
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// A pool scales 3 → 5 → 2, the two Machines marked with cluster.x-k8s.io/delete-machine going first, each
// instance detached with the pool's size going down with it; a Machine deleted while replicas stay (a health
// check's remediation) has its instance replaced; and nothing is left after delete.
func TestMachinePoolScalesAndReplaces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "mpscale", nil)
	tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	tp := tc.newMachinePool(ctx, t, 3, nil)
	_, three := tp.waitReady(ctx, t, 3)
	tp.scale(ctx, t, 5)
	_, five := tp.waitReady(ctx, t, 5)
	g.Expect(five).To(ContainElements(three))

	marked := []string{five[1], five[3]}
	for _, id := range marked {
		m := tp.machineOf(ctx, g, id)
		before := m.DeepCopy()
		m.Annotations = map[string]string{clusterv1.DeleteMachineAnnotation: ""}
		g.Expect(env.Client.Patch(ctx, m, client.MergeFrom(before))).To(Succeed())
	}
	since := time.Now()
	tp.scale(ctx, t, 2)
	_, two := tp.waitReady(ctx, t, 2)
	for _, id := range marked {
		g.Expect(two).NotTo(ContainElement(id))
		g.Eventually(func() core.InstanceLifecycleStateEnum { return instance(ctx, t, id).LifecycleState }).
			WithTimeout(time.Minute).Should(Equal(core.InstanceLifecycleStateTerminated))
	}
	ops := operations(env.Sim.CallsIn(tc.Compartment, since))
	g.Expect(countOf(ops, "DetachInstancePoolInstance")).To(Equal(3), "calls: %v", ops)
	g.Expect(ops).NotTo(ContainElement("UpdateInstancePool"), "the pool was shrunk by its size: OCI chose the instances")

	since = time.Now()
	victim := two[0]
	g.Expect(env.Client.Delete(ctx, tp.machineOf(ctx, g, victim))).To(Succeed())
	g.Eventually(func(g Gomega) {
		_, ids := tp.ready(ctx, g, 2)
		g.Expect(ids).NotTo(ContainElement(victim))
		g.Expect(ids).To(ContainElement(two[1]))
	}).WithTimeout(3 * time.Minute).WithPolling(time.Second).Should(Succeed())
	ops = operations(env.Sim.CallsIn(tc.Compartment, since))
	g.Expect(countOf(ops, "DetachInstancePoolInstance")).To(Equal(1), "calls: %v", ops)
	g.Expect(ops).NotTo(ContainElement("UpdateInstancePool"), "OCI replaces a detached instance without a resize")

	tp.deleteAndWait(ctx, t)
	g.Expect(tc.liveKinds()).To(Equal(defaultLayout))
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// A template change replaces every instance with one of the new configuration, and at every observed step the
// running instances are at least replicas - maxUnavailable and all instances at most replicas + maxSurge: with the
// default strategy (surge 1), and replacing in place (surge 0, unavailable 1). A new bootstrap token alone
// replaces nothing.
func TestMachinePoolRollingUpdate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name               string
		strategy           *infrav1exp.MachinePoolStrategy
		surge, unavailable int
	}{
		{name: "default strategy", surge: 1},
		{name: "in place", unavailable: 1, strategy: &infrav1exp.MachinePoolStrategy{Type: infrav1exp.RollingUpdateStrategy,
			RollingUpdate: &infrav1exp.MachinePoolRollingUpdate{MaxSurge: ptr.To(intstr.FromInt32(0)), MaxUnavailable: ptr.To(intstr.FromString("34%"))}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			testRollingUpdate(t, c.strategy, c.surge, c.unavailable)
		})
	}
}

// testRollingUpdate rolls a pool of 3 with strategy, checking the bounds it gives (surge, unavailable).
func testRollingUpdate(t *testing.T, strategy *infrav1exp.MachinePoolStrategy, surge, unavailable int) {
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "mproll", nil)
	tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	tp := tc.newMachinePool(ctx, t, 3, func(p *infrav1exp.OCIMachinePool) { p.Spec.Strategy = strategy })
	p, old := tp.waitReady(ctx, t, 3)
	oldConfig := p.Spec.InstanceConfiguration.InstanceConfigurationID

	// A new bootstrap token: a new configuration, the same instances.
	tp.rotateBootstrap(ctx, t)
	g.Eventually(func(g Gomega) {
		p := tp.get(ctx, g)
		g.Expect(p.Spec.InstanceConfiguration.InstanceConfigurationID).NotTo(Equal(oldConfig))
		g.Expect(instancePool(ctx, t, p.Spec.OCID).InstanceConfigurationId).To(HaveValue(Equal(p.Spec.InstanceConfiguration.InstanceConfigurationID)))
	}).WithTimeout(time.Minute).Should(Succeed())
	_, same := tp.waitReady(ctx, t, 3)
	g.Expect(same).To(Equal(old))

	stop := tp.sampleBounds(3-unavailable, 3+surge)
	g.Eventually(func() error {
		p := tp.get(ctx, g)
		p.Spec.InstanceConfiguration.ShapeConfig.OCPUs = "2"
		return env.Client.Update(ctx, p)
	}).Should(Succeed())
	g.Eventually(func(g Gomega) {
		p := tp.get(ctx, g)
		g.Expect(conditions.GetReason(p, infrav1exp.InstancesUpToDateCondition)).To(Equal(infrav1exp.RollingUpdateInProgressReason))
	}).WithTimeout(time.Minute).Should(Succeed())
	var rolled []string
	g.Eventually(func(g Gomega) {
		var p *infrav1exp.OCIMachinePool
		p, rolled = tp.ready(ctx, g, 3)
		g.Expect(conditions.IsTrue(p, infrav1exp.InstancesUpToDateCondition)).To(BeTrue())
		for _, id := range old {
			g.Expect(rolled).NotTo(ContainElement(id))
		}
	}).WithTimeout(4 * time.Minute).WithPolling(time.Second).Should(Succeed())
	samples, violations := stop()
	g.Expect(samples).To(BeNumerically(">", 10))
	g.Expect(violations).To(BeEmpty())
	for _, id := range rolled {
		g.Expect(instance(ctx, t, id).ShapeConfig.Ocpus).To(HaveValue(BeNumerically("==", 2)))
	}
	tp.deleteAndWait(ctx, t)
	g.Expect(tc.liveKinds()).To(Equal(defaultLayout))
	g.Expect(configurationsIn(tc)).To(BeZero(), "instance configurations left")
	tc.deleteAndWait(ctx, t)
}

// sampleBounds samples the pool's instances every 50 ms until the returned stop is called, which returns how many
// samples were taken and those with fewer than minRunning RUNNING instances or more than maxAll in all.
func (tp *testPool) sampleBounds(minRunning, maxAll int) func() (int, []string) {
	var mu sync.Mutex
	var violations []string
	done := make(chan struct{})
	sampled := make(chan int)
	go func() {
		n := 0
		defer func() { sampled <- n }()
		for {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			all, running := tp.liveInstances()
			n++
			if len(running) < minRunning || len(all) > maxAll {
				mu.Lock()
				violations = append(violations, fmt.Sprintf("%d running, %d in all", len(running), len(all)))
				mu.Unlock()
			}
		}
	}()
	return func() (int, []string) {
		close(done)
		n := <-sampled
		mu.Lock()
		defer mu.Unlock()
		return n, violations
	}
}

// A pool sized outside Cluster API (cluster.x-k8s.io/replicas-managed-by) is never resized by the controller,
// which reports the size OCI has.
func TestMachinePoolScaledExternally(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "mpext", nil)
	tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	tp := tc.newMachinePool(ctx, t, 2, nil)
	p, _ := tp.waitReady(ctx, t, 2)
	g.Eventually(func() error {
		mp := &clusterv1.MachinePool{}
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(tp.MachinePool), mp); err != nil {
			return err
		}
		mp.Annotations = map[string]string{clusterv1.ReplicasManagedByAnnotation: "oci-autoscaler"}
		mp.Spec.Replicas = ptr.To[int32](4)
		return env.Client.Update(ctx, mp)
	}).Should(Succeed())
	// The external scaler grows the pool in OCI.
	cm, err := env.Sim.ComputeManagementClient(region)
	g.Expect(err).NotTo(HaveOccurred())
	_, err = cm.UpdateInstancePool(ctx, core.UpdateInstancePoolRequest{InstancePoolId: &p.Spec.OCID,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: ptr.To(3)}})
	g.Expect(err).NotTo(HaveOccurred())
	since := time.Now()
	tp.waitReady(ctx, t, 3)
	// Two drift checks later the pool still has the size the scaler gave it.
	g.Eventually(func(g Gomega) {
		g.Expect(countOf(operations(env.Sim.CallsIn(tc.Compartment, since)), "GetInstancePool")).To(BeNumerically(">=", 3))
	}).WithTimeout(time.Minute).Should(Succeed())
	tp.waitReady(ctx, t, 3)
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(tc.Compartment, since)))).NotTo(ContainElement("UpdateInstancePool"))
	g.Expect(instancePool(ctx, t, p.Spec.OCID).Size).To(HaveValue(Equal(3)))
	tp.deleteAndWait(ctx, t)
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// countOf counts an operation among ops.
func countOf(ops []string, op string) int {
	n := 0
	for _, o := range ops {
		if o == op {
			n++
		}
	}
	return n
}

// rotateBootstrap writes new bootstrap data, as the bootstrap provider does with a new token.
func (tp *testPool) rotateBootstrap(ctx context.Context, t testing.TB) {
	t.Helper()
	secret := &corev1.Secret{}
	key := client.ObjectKey{Namespace: tp.Pool.Namespace, Name: tp.Pool.Name + "-bootstrap"}
	NewWithT(t).Expect(env.Client.Get(ctx, key, secret)).To(Succeed())
	secret.Data["value"] = []byte("#cloud-config\nruncmd: [kubeadm join --token new]\n")
	NewWithT(t).Expect(env.Client.Update(ctx, secret)).To(Succeed())
	// The Secret is not watched (nor is it in Cluster API): the MachinePool's change is what brings the pool back.
	NewWithT(t).Eventually(func() error {
		mp := &clusterv1.MachinePool{}
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(tp.MachinePool), mp); err != nil {
			return err
		}
		if mp.Annotations == nil {
			mp.Annotations = map[string]string{}
		}
		mp.Annotations["test/rotated"] = time.Now().String()
		return env.Client.Update(ctx, mp)
	}).Should(Succeed())
}

// instancePool reads an instance pool from the emulator.
func instancePool(ctx context.Context, t testing.TB, id string) core.InstancePool {
	t.Helper()
	c, err := env.Sim.ComputeManagementClient(region)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.GetInstancePool(ctx, core.GetInstancePoolRequest{InstancePoolId: &id})
	if err != nil {
		t.Fatal(err)
	}
	return r.InstancePool
}

// subnetOfRole is the OCID of the OCICluster's first subnet of a role.
func subnetOfRole(oc *infrav1.OCICluster, role string) string {
	i := slices.IndexFunc(oc.Spec.NetworkSpec.VCN.Subnets, func(s infrav1.Subnet) bool { return s.Role == role })
	if i < 0 {
		return ""
	}
	return oc.Spec.NetworkSpec.VCN.Subnets[i].ID
}

// configurationsIn counts the live instance configurations of the cluster's compartment.
func configurationsIn(tc *testCluster) int {
	return tc.liveKinds()["instanceconfiguration"]
}

// With one call in ten failing (500, or 429 for the pool's own operations), a pool of 3 whose rolling update
// surges by 100% (all new instances at once, then all old ones go) comes up, rolls and goes, with nothing
// duplicated and nothing left.
func TestMachinePoolConvergesThroughFaults(t *testing.T) {
	ctx := context.Background()
	g := NewWithT(t)
	// The cluster's network is met with faults by TestOCIClusterAndMachinesConvergeThroughFaults: here they begin
	// with the pool.
	tc := newTestCluster(ctx, t, "mpfaults", nil)
	tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	start := time.Now()
	for op, f := range ocisim.Flaky5xx(0.1) {
		env.Sim.SetFault(op, f)
	}
	for _, op := range []string{"CreateInstancePool", "GetInstancePool", "UpdateInstancePool", "ListInstancePoolInstances",
		"DetachInstancePoolInstance", "CreateInstanceConfiguration", "ListInstanceConfigurations", "DeleteInstanceConfiguration",
		"TerminateInstancePool", "GetInstance"} {
		env.Sim.SetFault(op, ocisim.Throttling(0.1)["*"])
	}
	defer env.Sim.ClearFaults()
	tp := tc.newMachinePool(ctx, t, 3, func(p *infrav1exp.OCIMachinePool) {
		all, zero := intstr.FromString("100%"), intstr.FromInt32(0)
		p.Spec.Strategy = &infrav1exp.MachinePoolStrategy{Type: infrav1exp.RollingUpdateStrategy,
			RollingUpdate: &infrav1exp.MachinePoolRollingUpdate{MaxSurge: &all, MaxUnavailable: &zero}}
	})
	// A 429 costs the reconcile 30 s (async's delay without a hint), and one call in ten of the pool's is one.
	var old []string
	g.Eventually(func(g Gomega) { _, old = tp.ready(ctx, g, 3) }).WithTimeout(8 * time.Minute).WithPolling(time.Second).Should(Succeed())
	g.Eventually(func() error {
		p := tp.get(ctx, g)
		p.Spec.InstanceConfiguration.ShapeConfig.OCPUs = "2"
		return env.Client.Update(ctx, p)
	}).Should(Succeed())
	g.Eventually(func(g Gomega) {
		p, ids := tp.ready(ctx, g, 3)
		g.Expect(conditions.IsTrue(p, infrav1exp.InstancesUpToDateCondition)).To(BeTrue())
		for _, id := range old {
			g.Expect(ids).NotTo(ContainElement(id))
		}
	}).WithTimeout(8 * time.Minute).WithPolling(time.Second).Should(Succeed())
	g.Expect(env.Sim.Duplicates(tc.Compartment)).To(BeEmpty())
	failed := map[string]int{}
	calls := env.Sim.RequestLog()
	for i := range calls {
		if calls[i].Status >= 429 && !calls[i].Time.Before(start) {
			failed[calls[i].Operation]++
		}
	}
	g.Expect(failed).NotTo(BeEmpty(), "no fault was injected")
	t.Logf("failed calls by operation: %v", failed)
	tp.deleteAndWait(ctx, t)
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}
