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
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// After `clusterctl move`, the objects come to the new management cluster with new UIDs and no status; the
// controller finds every resource again by the OCIDs in spec and makes none, even while OCI's reads lag.
func TestOCIClusterAfterMoveMakesNothing(t *testing.T) {
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "move", nil)
	oc := tc.waitProvisioned(ctx, t)
	moved := &infrav1.OCICluster{Spec: *oc.Spec.DeepCopy()}
	moved.Name, moved.Namespace = oc.Name, oc.Namespace
	tc.pauseAndLetGo(ctx, t)

	for op, f := range ocisim.EventuallyConsistent(30 * time.Second) {
		env.Sim.SetFault(op, f)
	}
	defer env.Sim.ClearFaults()
	since := time.Now()
	tc.recreate(ctx, t, moved)
	tc.waitProvisioned(ctx, t)
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(tc.Compartment, since)))).To(BeEmpty())
	g.Expect(env.Sim.Duplicates(tc.Compartment)).To(BeEmpty())
	env.Sim.ClearFaults()
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// An OCICluster as the earlier provider stored it (read as v1beta2: its OCIDs in spec, its status shape, none of
// our status.resources) is adopted with no call that changes anything, and deleted with nothing left.
func TestOCIClusterStoredByTheEarlierProviderIsAdopted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "earlier", nil)
	tc.waitProvisioned(ctx, t)
	stored := &unstructured.Unstructured{}
	stored.SetAPIVersion(infrav1.GroupVersion.Group + "/v1beta2")
	stored.SetKind("OCICluster")
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tc.OCICluster), stored)).To(Succeed())
	tc.pauseAndLetGo(ctx, t)

	since := time.Now()
	adopted := &unstructured.Unstructured{Object: map[string]any{"apiVersion": stored.GetAPIVersion(), "kind": "OCICluster",
		"metadata": map[string]any{"name": stored.GetName(), "namespace": stored.GetNamespace()}, "spec": stored.Object["spec"]}}
	tc.recreate(ctx, t, adopted)
	oc := tc.waitProvisioned(ctx, t)
	g.Expect(conditions.IsTrue(oc, clusterv1.ReadyCondition)).To(BeTrue())
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(tc.Compartment, since)))).To(BeEmpty())
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// pauseAndLetGo does what `clusterctl move` does to the source objects: it pauses the Cluster (the controller then
// leaves the OCICluster alone, and says so), removes the finalizer and deletes both objects.
func (tc *testCluster) pauseAndLetGo(ctx context.Context, t *testing.T) {
	t.Helper()
	g := NewWithT(t)
	tc.Cluster.Spec.Paused = ptr.To(true)
	g.Expect(env.Client.Update(ctx, tc.Cluster)).To(Succeed())
	g.Eventually(func(g Gomega) {
		g.Expect(conditions.IsTrue(tc.get(ctx, g), clusterv1.PausedCondition)).To(BeTrue())
	}).WithTimeout(time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	oc := tc.get(ctx, g)
	controllerutil.RemoveFinalizer(oc, infrav1.ClusterFinalizer)
	g.Expect(env.Client.Update(ctx, oc)).To(Succeed())
	g.Expect(env.Client.Delete(ctx, oc)).To(Succeed())
	g.Expect(env.Client.Delete(ctx, tc.Cluster)).To(Succeed())
	g.Eventually(func() bool {
		return client.IgnoreNotFound(env.Client.Get(ctx, client.ObjectKeyFromObject(oc), &infrav1.OCICluster{})) == nil &&
			env.Client.Get(ctx, client.ObjectKeyFromObject(oc), &infrav1.OCICluster{}) != nil
	}).WithTimeout(time.Minute).Should(BeTrue())
}

// recreate makes the Cluster again and obj (an OCICluster of any version) owned by it, with no status.
func (tc *testCluster) recreate(ctx context.Context, t *testing.T, obj client.Object) {
	t.Helper()
	g := NewWithT(t)
	tc.Cluster = &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Name: tc.Cluster.Name, Namespace: tc.Cluster.Namespace},
		Spec: tc.Cluster.Spec}
	tc.Cluster.Spec.Paused = nil
	g.Expect(env.Client.Create(ctx, tc.Cluster)).To(Succeed())
	obj.SetOwnerReferences(ownedBy(tc.Cluster))
	g.Expect(env.Client.Create(ctx, obj)).To(Succeed())
}

// With one call in ten failing (500, or 429 for the busiest operations), a cluster and its three machines (one
// control plane) still come up and go, with nothing duplicated and nothing left.
func TestOCIClusterAndMachinesConvergeThroughFaults(t *testing.T) {
	ctx := context.Background()
	g := NewWithT(t)
	for op, f := range ocisim.Flaky5xx(0.1) {
		env.Sim.SetFault(op, f)
	}
	for _, op := range []string{"CreateSubnet", "ListNetworkSecurityGroupSecurityRules", "AddNetworkSecurityGroupSecurityRules",
		"CreateRouteTable", "GetNetworkLoadBalancer", "DeleteSubnet", "ListSubnets", "ListVnicAttachments", "TerminateInstance"} {
		env.Sim.SetFault(op, ocisim.Throttling(0.1)["*"])
	}
	// The machines' few calls fail more often, so that each kind of failure is met.
	for _, op := range []string{"LaunchInstance", "GetInstance", "CreateBackend"} {
		env.Sim.SetFault(op, ocisim.Throttling(0.3)["*"])
	}
	defer env.Sim.ClearFaults()
	tc := newTestCluster(ctx, t, "faults", nil)
	oc := tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	machines := []*testMachine{
		tc.newMachine(ctx, t, "cp-0", machineOpts{controlPlane: true, failureDomain: "1"}),
		tc.newMachine(ctx, t, "worker-0", machineOpts{failureDomain: "2"}),
		tc.newMachine(ctx, t, "worker-1", machineOpts{}),
	}
	for _, tm := range machines {
		tm.waitProvisioned(ctx, t)
	}
	g.Expect(tc.liveKinds()).To(Equal(withInstances(defaultLayout, 3)))
	g.Expect(env.Sim.Duplicates(tc.Compartment)).To(BeEmpty())
	g.Eventually(func() ([]string, error) {
		return nlbBackends(ctx, oc.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerID)
	}).
		WithTimeout(2 * time.Minute).Should(ConsistOf("cp-0"))
	// An injected failure is answered before the call's compartment is known: the test runs alone, so every
	// failed call since it began is its own.
	failed := map[string]int{}
	calls := env.Sim.RequestLog()
	for i := range calls {
		if calls[i].Status >= 429 && !calls[i].Time.Before(tc.Created) {
			failed[calls[i].Operation]++
		}
	}
	g.Expect(failed).NotTo(BeEmpty(), "no fault was injected")
	t.Logf("failed calls by operation: %v", failed)
	for _, tm := range machines {
		tm.deleteAndWait(ctx, t)
	}
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}
