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
	"slices"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// capacityShape is a shape only TestOCIMachineOutOfCapacityAndTooLarge limits.
const capacityShape = "VM.Standard.E5.Flex"

// launches are the LaunchInstance calls of a compartment since a time, by HTTP status.
func launches(compartment string, since time.Time) []int {
	var out []int
	calls := env.Sim.CallsIn(compartment, since)
	for i := range calls {
		if calls[i].Operation == "LaunchInstance" {
			out = append(out, calls[i].Status)
		}
	}
	return out
}

// A machine whose availability domain is out of host capacity where OCI places it falls back to the other fault
// domains; one with no room anywhere, and one whose bootstrap data is over OCI's limit, say so in a condition and
// do not loop on 5xx and 400s.
func TestOCIMachineOutOfCapacityAndTooLarge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "capacity", nil)
	oc := tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	ad := oc.Status.FailureDomains[0].Attributes["AvailabilityDomain"]
	env.Sim.SetCapacity(capacityShape+"@"+ad+"@FAULT-DOMAIN-1", 0)
	shape := func(om *infrav1.OCIMachine) { om.Spec.Shape = capacityShape }

	since := time.Now()
	tm := tc.newMachine(ctx, t, "fallback", machineOpts{failureDomain: "1", mutate: shape})
	om := tm.waitProvisioned(ctx, t)
	g.Expect(*instance(ctx, t, om.Spec.InstanceID).FaultDomain).To(Equal("FAULT-DOMAIN-2"))
	// OCI's own placement (strict in this suite) and FAULT-DOMAIN-1 had no room; FAULT-DOMAIN-2 had.
	g.Expect(launches(tc.Compartment, since)).To(Equal([]int{500, 500, 200}))

	env.Sim.SetCapacity(capacityShape+"@"+ad, 0)
	full := tc.newMachine(ctx, t, "full", machineOpts{failureDomain: "1", mutate: shape,
		bootstrap: "#cloud-config\n"})
	g.Eventually(func(g Gomega) {
		c := conditions.Get(full.get(ctx, g), infrav1.InstanceReadyCondition)
		g.Expect(c).NotTo(BeNil())
		g.Expect(c.Reason).To(Equal(infrav1.OutOfHostCapacityReason))
		g.Expect(c.Message).To(ContainSubstring("Out of host capacity"))
	}).WithTimeout(time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())

	since = time.Now()
	big := tc.newMachine(ctx, t, "big", machineOpts{bootstrap: strings.Repeat("x", 40000)})
	g.Eventually(func(g Gomega) {
		g.Expect(conditions.GetReason(big.get(ctx, g), infrav1.InstanceReadyCondition)).To(Equal(infrav1.BootstrapDataTooLargeReason))
	}).WithTimeout(time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	// No launch of "big" (it would be answered 200, or 400 for its size); "full" may still be trying its fault
	// domains, each try answered 500 for capacity.
	g.Consistently(func() []int {
		return slices.DeleteFunc(launches(tc.Compartment, since), func(status int) bool { return status == 500 })
	}).WithTimeout(3 * time.Second).Should(BeEmpty())

	for _, m := range []*testMachine{tm, full, big} {
		m.deleteAndWait(ctx, t)
	}
	env.Sim.SetCapacity(capacityShape+"@"+ad, -1)
	env.Sim.SetCapacity(capacityShape+"@"+ad+"@FAULT-DOMAIN-1", -1)
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// A machine deleted and made again under the same name within OCI's retry-token memory gets a new instance: its
// new launch nonce makes a new retry token, so OCI does not answer with the old one or with InvalidatedRetryToken.
func TestOCIMachineRecreatedUnderTheSameName(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "recreate", nil)
	tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	first := tc.newMachine(ctx, t, "again", machineOpts{failureDomain: "1"})
	before := first.waitProvisioned(ctx, t)
	first.deleteAndWait(ctx, t)
	g.Expect(env.Client.Delete(ctx, first.Machine)).To(Succeed())
	g.Expect(env.Client.Delete(ctx, secretOf(first))).To(Succeed())
	g.Eventually(func() error {
		return env.Client.Get(ctx, client.ObjectKeyFromObject(first.Machine), &clusterv1.Machine{})
	}).WithTimeout(time.Minute).ShouldNot(Succeed())

	since := time.Now()
	second := tc.newMachine(ctx, t, "again", machineOpts{failureDomain: "1"})
	after := second.waitProvisioned(ctx, t)
	g.Expect(after.Spec.InstanceID).NotTo(Equal(before.Spec.InstanceID))
	g.Expect(after.Annotations[infrav1.LaunchNonceAnnotation]).NotTo(Equal(before.Annotations[infrav1.LaunchNonceAnnotation]))
	g.Expect(launches(tc.Compartment, since)).To(Equal([]int{200}))
	g.Expect(string(instance(ctx, t, before.Spec.InstanceID).LifecycleState)).To(Equal("TERMINATED"))
	second.deleteAndWait(ctx, t)
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// An instance terminated outside Cluster API turns the machine's Ready False with InstanceTerminated at the next
// drift check, and is not launched again; a Machine annotated as with the earlier provider is deleted.
func TestOCIMachineInstanceTerminatedOutsideClusterAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "terminated", nil)
	tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	tm := tc.newMachine(ctx, t, "victim", machineOpts{failureDomain: "2"})
	om := tm.waitProvisioned(ctx, t)
	g.Eventually(func(g Gomega) {
		g.Expect(conditions.IsTrue(tm.get(ctx, g), clusterv1.ReadyCondition)).To(BeTrue())
	}).WithTimeout(time.Minute).Should(Succeed())
	since := time.Now()
	terminate(ctx, t, om.Spec.InstanceID)
	g.Eventually(func(g Gomega) {
		om := tm.get(ctx, g)
		g.Expect(conditions.GetReason(om, infrav1.InstanceReadyCondition)).To(Equal(infrav1.InstanceTerminatedReason))
		g.Expect(conditions.IsFalse(om, clusterv1.ReadyCondition)).To(BeTrue())
		g.Expect(om.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), "provisioned is never reset")
	}).WithTimeout(4 * driftInterval).WithPolling(500 * time.Millisecond).Should(Succeed())
	g.Expect(launches(tc.Compartment, since)).To(BeEmpty())

	// With the earlier provider's annotation on the Machine, the Machine is deleted. (Its finalizer stands for
	// Cluster API's Machine controller, which keeps it until the OCIMachine is gone.)
	m := &clusterv1.Machine{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tm.Machine), m)).To(Succeed())
	m.Annotations = map[string]string{infrav1.DeleteMachineOnInstanceTerminationAnnotation: ""}
	m.Finalizers = []string{clusterv1.MachineFinalizer}
	g.Expect(env.Client.Update(ctx, m)).To(Succeed())
	g.Eventually(func(g Gomega) {
		m := &clusterv1.Machine{}
		g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tm.Machine), m)).To(Succeed())
		g.Expect(m.DeletionTimestamp.IsZero()).To(BeFalse())
	}).WithTimeout(4 * driftInterval).WithPolling(500 * time.Millisecond).Should(Succeed())
	tm.deleteAndWait(ctx, t)
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tm.Machine), m)).To(Succeed())
	m.Finalizers = nil
	g.Expect(env.Client.Update(ctx, m)).To(Succeed())
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// terminate terminates an instance behind Cluster API's back.
func terminate(ctx context.Context, t testing.TB, id string) {
	t.Helper()
	c, err := env.Sim.ComputeClient(region)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.TerminateInstance(ctx, core.TerminateInstanceRequest{InstanceId: &id}); err != nil {
		t.Fatal(err)
	}
}

// Two control-plane machines joining the API server's network load balancer at once: the second finds it busy
// (409 Invalid State Transition), waits, and joins; neither fails. The backend changes' delay it sets only slows
// the other tests' control planes down, so it runs beside them.
func TestOCIMachineControlPlanesJoinAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	env.Sim.SetDelay("networkloadbalancer/CreateBackend", 10*time.Second)
	defer env.Sim.SetDelay("networkloadbalancer/CreateBackend", -1)
	tc := newTestCluster(ctx, t, "join", nil)
	oc := tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	a := tc.newMachine(ctx, t, "cp-a", machineOpts{controlPlane: true, failureDomain: "1"})
	g.Eventually(func(g Gomega) {
		c := conditions.Get(a.get(ctx, g), infrav1.LoadBalancerBackendReadyCondition)
		g.Expect(c).NotTo(BeNil())
		g.Expect(c.Reason).To(Equal(infrav1.ProvisioningReason))
	}).WithTimeout(time.Minute).WithPolling(100 * time.Millisecond).Should(Succeed())
	b := tc.newMachine(ctx, t, "cp-b", machineOpts{controlPlane: true, failureDomain: "2"})
	g.Eventually(func(g Gomega) {
		g.Expect(conditions.GetReason(b.get(ctx, g), infrav1.LoadBalancerBackendReadyCondition)).To(Equal(infrav1.LoadBalancerBusyReason))
	}).WithTimeout(time.Minute).WithPolling(100 * time.Millisecond).Should(Succeed())
	for _, tm := range []*testMachine{a, b} {
		g.Eventually(func(g Gomega) {
			g.Expect(conditions.IsTrue(tm.get(ctx, g), clusterv1.ReadyCondition)).To(BeTrue())
		}).WithTimeout(2 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	}
	lb := oc.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerID
	g.Expect(nlbBackends(ctx, lb)).To(ConsistOf("cp-a", "cp-b"))
	env.Sim.SetDelay("networkloadbalancer/CreateBackend", -1)
	for _, tm := range []*testMachine{a, b} {
		tm.deleteAndWait(ctx, t)
	}
	g.Expect(nlbBackends(ctx, lb)).To(BeEmpty())
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// secretOf is a test machine's bootstrap data Secret.
func secretOf(tm *testMachine) client.Object {
	s := &corev1.Secret{}
	s.Namespace, s.Name = tm.Machine.Namespace, ptr.Deref(tm.Machine.Spec.Bootstrap.DataSecretName, "")
	return s
}
