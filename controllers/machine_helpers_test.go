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
	"maps"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// testMachine is a Machine (as Cluster API's controllers would make it) and its OCIMachine.
type testMachine struct {
	Machine    *clusterv1.Machine
	OCIMachine *infrav1.OCIMachine
}

// machineOpts are a test machine's options.
type machineOpts struct {
	controlPlane  bool
	failureDomain string
	bootstrap     string
	// dataSecret names an existing bootstrap data Secret; empty makes one with bootstrap.
	dataSecret string
	mutate     func(*infrav1.OCIMachine)
}

// infrastructureProvisioned marks the Cluster's infrastructure provisioned, as Cluster API's Cluster controller
// does once the OCICluster is.
func (tc *testCluster) infrastructureProvisioned(ctx context.Context, t testing.TB) {
	t.Helper()
	g := NewWithT(t)
	c := &clusterv1.Cluster{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tc.Cluster), c)).To(Succeed())
	c.Status.Initialization.InfrastructureProvisioned = ptr.To(true)
	g.Expect(env.Client.Status().Update(ctx, c)).To(Succeed())
}

// newMachine makes a bootstrap data Secret, a Machine and its OCIMachine in the cluster.
func (tc *testCluster) newMachine(ctx context.Context, t testing.TB, name string, o machineOpts) *testMachine {
	t.Helper()
	return newMachineOf(ctx, t, tc.Cluster, name, o)
}

// newMachineOf creates a Machine of cluster and its OCIMachine, with bootstrap data in a Secret of its own unless
// o names one.
func newMachineOf(ctx context.Context, t testing.TB, cluster *clusterv1.Cluster, name string, o machineOpts) *testMachine {
	t.Helper()
	g := NewWithT(t)
	ns := cluster.Namespace
	if o.bootstrap == "" {
		o.bootstrap = "#cloud-config\nruncmd: [kubeadm join]\n"
	}
	if o.dataSecret == "" {
		o.dataSecret = name + "-bootstrap"
		secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: o.dataSecret},
			Data: map[string][]byte{"value": []byte(o.bootstrap)}}
		g.Expect(env.Client.Create(ctx, secret)).To(Succeed())
	}
	labels := map[string]string{clusterv1.ClusterNameLabel: cluster.Name}
	if o.controlPlane {
		labels[clusterv1.MachineControlPlaneLabel] = ""
	}
	m := &clusterv1.Machine{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec: clusterv1.MachineSpec{ClusterName: cluster.Name, FailureDomain: o.failureDomain,
			Bootstrap:         clusterv1.Bootstrap{DataSecretName: ptr.To(o.dataSecret)},
			InfrastructureRef: clusterv1.ContractVersionedObjectReference{APIGroup: infrav1.GroupVersion.Group, Kind: "OCIMachine", Name: name}}}
	g.Expect(env.Client.Create(ctx, m)).To(Succeed())
	om := &infrav1.OCIMachine{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels,
		OwnerReferences: []metav1.OwnerReference{{APIVersion: clusterv1.GroupVersion.String(), Kind: "Machine", Name: m.Name, UID: m.UID}}},
		Spec: infrav1.OCIMachineSpec{Shape: "VM.Standard.E4.Flex", ShapeConfig: &infrav1.ShapeConfig{OCPUs: "1"},
			ImageID: env.Sim.Images(region)[0].ID}}
	if o.mutate != nil {
		o.mutate(om)
	}
	g.Expect(env.Client.Create(ctx, om)).To(Succeed())
	return &testMachine{Machine: m, OCIMachine: om}
}

// get reads the OCIMachine again.
func (tm *testMachine) get(ctx context.Context, g Gomega) *infrav1.OCIMachine {
	om := &infrav1.OCIMachine{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tm.OCIMachine), om)).To(Succeed())
	return om
}

// waitProvisioned waits until the OCIMachine is provisioned and returns it.
func (tm *testMachine) waitProvisioned(ctx context.Context, t testing.TB) *infrav1.OCIMachine {
	t.Helper()
	var om *infrav1.OCIMachine
	NewWithT(t).Eventually(func(g Gomega) {
		om = tm.get(ctx, g)
		g.Expect(om.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), "conditions: %v", om.Status.Conditions)
	}).WithTimeout(3 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	return om
}

// deleteAndWait deletes the Machine's OCIMachine and waits until it is gone.
func (tm *testMachine) deleteAndWait(ctx context.Context, t testing.TB) {
	t.Helper()
	deleteAndWait(ctx, t, tm.OCIMachine, func() any { return tm.get(ctx, NewWithT(t)).Status.Conditions })
}

// instance reads an instance from the emulator.
func instance(ctx context.Context, t testing.TB, id string) core.Instance {
	t.Helper()
	c, err := env.Sim.ComputeClient(region)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.GetInstance(ctx, core.GetInstanceRequest{InstanceId: &id})
	if err != nil {
		t.Fatal(err)
	}
	return r.Instance
}

// nlbBackends lists the names of the backends of the API server's network load balancer.
func nlbBackends(ctx context.Context, id string) ([]string, error) {
	c, err := env.Sim.NetworkLoadBalancerClient(region)
	if err != nil {
		return nil, err
	}
	r, err := c.GetNetworkLoadBalancer(ctx, nlbGet(id))
	if err != nil {
		// The call goes through the emulator, whose injected faults also answer the test's own reads.
		return nil, err
	}
	var out []string
	for _, b := range r.BackendSets["apiserver-lb-backendset"].Backends {
		out = append(out, ptr.Deref(b.Name, ""))
	}
	return out, nil
}

// objectKey is the OCIMachine's key.
func objectKey(tm *testMachine) client.ObjectKey { return client.ObjectKeyFromObject(tm.OCIMachine) }

// withInstances is a layout of live resources with n instances, their primary VNICs and VNIC attachments.
func withInstances(layout map[string]int, n int) map[string]int {
	out := map[string]int{}
	maps.Copy(out, layout)
	out["instance"], out["vnic"], out["vnicattachment"] = n, n, n
	return out
}

// liveNamed lists the display names of the cluster compartment's live resources of a kind.
func liveNamed(tc *testCluster, kind string) []string {
	var out []string
	for _, r := range env.Sim.Leaks(tc.Compartment) {
		if r.Kind == kind {
			out = append(out, r.DisplayName)
		}
	}
	return out
}
