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
	"testing"
	"time"

	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// testPool is a MachinePool and its OCIMachinePool, with Cluster API's MachinePool and Machine controllers played
// by the test (see playCAPI).
type testPool struct {
	tc          *testCluster
	MachinePool *clusterv1.MachinePool
	Pool        *infrav1exp.OCIMachinePool
}

// machineFinalizer stands for Cluster API's Machine finalizer: the played Machine controller deletes a deleted
// Machine's OCIMachinePoolMachine before it lets the Machine go.
const machineFinalizer = "test.cluster.x-k8s.io/machine"

// newMachinePool creates a bootstrap Secret, a MachinePool "workers" of replicas and its OCIMachinePool (VM.Standard.E4.Flex
// of 1 OCPU, the emulator's first image; mutate edits it), and plays Cluster API for them until the test ends.
func (tc *testCluster) newMachinePool(ctx context.Context, t testing.TB, replicas int32, mutate func(*infrav1exp.OCIMachinePool)) *testPool {
	t.Helper()
	g := NewWithT(t)
	ns, name := tc.Cluster.Namespace, "workers"
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name + "-bootstrap"},
		Data: map[string][]byte{"value": []byte("#cloud-config\nruncmd: [kubeadm join]\n")}}
	g.Expect(env.Client.Create(ctx, secret)).To(Succeed())
	labels := map[string]string{clusterv1.ClusterNameLabel: tc.Cluster.Name}
	mp := &clusterv1.MachinePool{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec: clusterv1.MachinePoolSpec{ClusterName: tc.Cluster.Name, Replicas: ptr.To(replicas),
			Template: clusterv1.MachineTemplateSpec{Spec: clusterv1.MachineSpec{ClusterName: tc.Cluster.Name,
				Bootstrap: clusterv1.Bootstrap{DataSecretName: ptr.To(secret.Name)},
				InfrastructureRef: clusterv1.ContractVersionedObjectReference{APIGroup: infrav1exp.GroupVersion.Group,
					Kind: "OCIMachinePool", Name: name}}}}}
	g.Expect(env.Client.Create(ctx, mp)).To(Succeed())
	p := &infrav1exp.OCIMachinePool{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels,
		OwnerReferences: []metav1.OwnerReference{{APIVersion: clusterv1.GroupVersion.String(), Kind: "MachinePool", Name: mp.Name, UID: mp.UID}}},
		Spec: infrav1exp.OCIMachinePoolSpec{InstanceConfiguration: &infrav1exp.InstanceConfiguration{Shape: "VM.Standard.E4.Flex",
			ShapeConfig:                  &infrav1.ShapeConfig{OCPUs: "1"},
			InstanceSourceViaImageConfig: &infrav1exp.InstanceSourceViaImageConfig{ImageID: env.Sim.Images(region)[0].ID}}}}
	if mutate != nil {
		mutate(p)
	}
	g.Expect(env.Client.Create(ctx, p)).To(Succeed())
	tp := &testPool{tc: tc, MachinePool: mp, Pool: p}
	playCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for playCtx.Err() == nil {
			tp.playCAPI(playCtx)
			select {
			case <-playCtx.Done():
			case <-time.After(150 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return tp
}

// playCAPI does once what Cluster API's controllers do for a MachinePool with machines: a Machine (controlled by
// the MachinePool, named and labelled as Cluster API makes them) for each OCIMachinePoolMachine, which then
// controls it; the Machine's NodeReady condition True once its OCIMachinePoolMachine is provisioned and its
// instance RUNNING (the Node joined); and a deleted Machine's OCIMachinePoolMachine deleted before the Machine goes.
func (tp *testPool) playCAPI(ctx context.Context) {
	infra, machines, err := tp.objects(ctx)
	if err != nil {
		return
	}
	running := map[string]bool{}
	instances := env.Sim.Instances()
	for i := range instances {
		in := &instances[i]
		running[in.ID] = in.Live && in.LifecycleState == "RUNNING"
	}
	for i := range infra {
		o := &infra[i]
		if _, ok := machines[o.Name]; ok || !o.DeletionTimestamp.IsZero() {
			continue
		}
		tp.createMachine(ctx, o)
	}
	for _, m := range machines {
		o := findInfra(infra, m.Name)
		switch {
		case !m.DeletionTimestamp.IsZero() && o != nil && o.DeletionTimestamp.IsZero():
			_ = env.Client.Delete(ctx, o)
		case !m.DeletionTimestamp.IsZero() && o == nil:
			if controllerutil.RemoveFinalizer(m, machineFinalizer) {
				_ = env.Client.Update(ctx, m)
			}
		case o != nil && m.DeletionTimestamp.IsZero() && ptr.Deref(o.Status.Initialization.Provisioned, false) &&
			running[o.Spec.OCID] && !conditions.IsTrue(m, clusterv1.MachineNodeReadyCondition):
			conditions.Set(m, metav1.Condition{Type: clusterv1.MachineNodeReadyCondition, Status: metav1.ConditionTrue, Reason: "NodeReady"})
			m.Status.NodeRef = clusterv1.MachineNodeReference{Name: o.Name}
			_ = env.Client.Status().Update(ctx, m)
		}
	}
}

// objects lists the pool's OCIMachinePoolMachines and its Machines (by name).
func (tp *testPool) objects(ctx context.Context) ([]infrav1exp.OCIMachinePoolMachine, map[string]*clusterv1.Machine, error) {
	sel := client.MatchingLabels{clusterv1.ClusterNameLabel: tp.tc.Cluster.Name, clusterv1.MachinePoolNameLabel: tp.MachinePool.Name}
	infra := &infrav1exp.OCIMachinePoolMachineList{}
	if err := env.Client.List(ctx, infra, client.InNamespace(tp.Pool.Namespace), sel); err != nil {
		return nil, nil, err
	}
	list := &clusterv1.MachineList{}
	if err := env.Client.List(ctx, list, client.InNamespace(tp.Pool.Namespace), sel); err != nil {
		return nil, nil, err
	}
	machines := map[string]*clusterv1.Machine{}
	for i := range list.Items {
		machines[list.Items[i].Name] = &list.Items[i]
	}
	return infra.Items, machines, nil
}

// createMachine makes the Machine of an OCIMachinePoolMachine and sets it as its controller.
func (tp *testPool) createMachine(ctx context.Context, o *infrav1exp.OCIMachinePoolMachine) {
	m := &clusterv1.Machine{ObjectMeta: metav1.ObjectMeta{Namespace: o.Namespace, Name: o.Name,
		Labels: map[string]string{clusterv1.ClusterNameLabel: tp.tc.Cluster.Name, clusterv1.MachinePoolNameLabel: tp.MachinePool.Name},
		OwnerReferences: []metav1.OwnerReference{{APIVersion: clusterv1.GroupVersion.String(), Kind: "MachinePool",
			Name: tp.MachinePool.Name, UID: tp.MachinePool.UID, Controller: ptr.To(true)}},
		Finalizers: []string{machineFinalizer}},
		Spec: clusterv1.MachineSpec{ClusterName: tp.tc.Cluster.Name, Bootstrap: clusterv1.Bootstrap{DataSecretName: ptr.To("")},
			ProviderID:        ptr.Deref(o.Spec.ProviderID, ""),
			InfrastructureRef: clusterv1.ContractVersionedObjectReference{APIGroup: infrav1exp.GroupVersion.Group, Kind: "OCIMachinePoolMachine", Name: o.Name}}}
	if err := env.Client.Create(ctx, m); err != nil {
		return
	}
	before := o.DeepCopy()
	o.OwnerReferences = append(o.OwnerReferences, metav1.OwnerReference{APIVersion: clusterv1.GroupVersion.String(), Kind: "Machine",
		Name: m.Name, UID: m.UID, Controller: ptr.To(true)})
	_ = env.Client.Patch(ctx, o, client.MergeFrom(before))
}

// findInfra returns the OCIMachinePoolMachine of a name, nil when there is none.
func findInfra(infra []infrav1exp.OCIMachinePoolMachine, name string) *infrav1exp.OCIMachinePoolMachine {
	i := slices.IndexFunc(infra, func(o infrav1exp.OCIMachinePoolMachine) bool { return o.Name == name })
	if i < 0 {
		return nil
	}
	return &infra[i]
}

// get reads the OCIMachinePool again.
func (tp *testPool) get(ctx context.Context, g Gomega) *infrav1exp.OCIMachinePool {
	p := &infrav1exp.OCIMachinePool{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tp.Pool), p)).To(Succeed())
	return p
}

// waitReady waits until the pool has n instances, each with a ready Node and up to date, one OCIMachinePoolMachine
// and one Machine each, and Ready; it returns the pool and its instances' OCIDs.
func (tp *testPool) waitReady(ctx context.Context, t testing.TB, n int32) (*infrav1exp.OCIMachinePool, []string) {
	t.Helper()
	var p *infrav1exp.OCIMachinePool
	var ids []string
	NewWithT(t).Eventually(func(g Gomega) { p, ids = tp.ready(ctx, g, n) }).
		WithTimeout(3 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	return p, ids
}

// ready checks, once, what waitReady waits for, through g: inside a caller's Eventually, whose timeout then bounds
// the whole wait.
func (tp *testPool) ready(ctx context.Context, g Gomega, n int32) (*infrav1exp.OCIMachinePool, []string) {
	p := tp.get(ctx, g)
	g.Expect(p.Status.Replicas).To(Equal(n), "conditions: %v", p.Status.Conditions)
	g.Expect(p.Status.ReadyReplicas).To(Equal(n), "conditions: %v", p.Status.Conditions)
	g.Expect(p.Spec.ProviderIDList).To(HaveLen(int(n)))
	g.Expect(conditions.IsTrue(p, clusterv1.ReadyCondition)).To(BeTrue(), "conditions: %v", p.Status.Conditions)
	infra, machines, err := tp.objects(ctx)
	g.Expect(err).NotTo(HaveOccurred())
	var ids []string
	for i := range infra {
		o := &infra[i]
		g.Expect(o.DeletionTimestamp.IsZero()).To(BeTrue(), "%s is being deleted", o.Name)
		g.Expect(machines).To(HaveKey(o.Name))
		ids = append(ids, o.Spec.OCID)
	}
	g.Expect(ids).To(HaveLen(int(n)))
	g.Expect(machines).To(HaveLen(int(n)))
	slices.Sort(ids)
	return p, ids
}

// scale sets the MachinePool's replicas.
func (tp *testPool) scale(ctx context.Context, t testing.TB, n int32) {
	t.Helper()
	NewWithT(t).Eventually(func() error {
		mp := &clusterv1.MachinePool{}
		if err := env.Client.Get(ctx, client.ObjectKeyFromObject(tp.MachinePool), mp); err != nil {
			return err
		}
		mp.Spec.Replicas = ptr.To(n)
		return env.Client.Update(ctx, mp)
	}).Should(Succeed())
}

// machineOf returns the Machine of an instance.
func (tp *testPool) machineOf(ctx context.Context, g Gomega, id string) *clusterv1.Machine {
	infra, machines, err := tp.objects(ctx)
	g.Expect(err).NotTo(HaveOccurred())
	for i := range infra {
		if o := &infra[i]; o.Spec.OCID == id {
			g.Expect(machines).To(HaveKey(o.Name))
			return machines[o.Name]
		}
	}
	g.Expect(id).To(BeEmpty(), "instance %s has no OCIMachinePoolMachine", id)
	return nil
}

// deleteAndWait deletes the OCIMachinePool and waits until it and its OCIMachinePoolMachines are gone.
func (tp *testPool) deleteAndWait(ctx context.Context, t testing.TB) {
	t.Helper()
	deleteAndWait(ctx, t, tp.Pool, func() any { return tp.get(ctx, NewWithT(t)).Status.Conditions })
	NewWithT(t).Eventually(func(g Gomega) {
		infra, _, err := tp.objects(ctx)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(infra).To(BeEmpty())
	}).WithTimeout(time.Minute).Should(Succeed())
}

// liveInstances are the pool's compartment's instances that OCI is not terminating: all of them, and those RUNNING.
func (tp *testPool) liveInstances() (all, running []string) {
	instances := env.Sim.Instances()
	for i := range instances {
		in := &instances[i]
		if in.CompartmentID != tp.tc.Compartment || !in.Live || in.LifecycleState == "TERMINATING" || in.LifecycleState == "TERMINATED" {
			continue
		}
		all = append(all, in.ID)
		if in.LifecycleState == "RUNNING" {
			running = append(running, in.ID)
		}
	}
	return all, running
}
