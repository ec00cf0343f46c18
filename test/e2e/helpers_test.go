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
	"sort"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	controlplanev1 "sigs.k8s.io/cluster-api/api/controlplane/kubeadm/v1beta2"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// createCluster renders and applies the default template, and waits until the cluster is ready.
func createCluster(ctx context.Context, o stack.ClusterOptions, timeout time.Duration) *stack.Cluster {
	cl, manifest, err := st.Render(ctx, o)
	Expect(err).NotTo(HaveOccurred())
	Expect(st.Apply(ctx, manifest)).To(Succeed())
	waitReady(ctx, cl, timeout)
	return cl
}

// waitReady waits until the cluster's control plane and workers have all their replicas and every Machine runs.
func waitReady(ctx context.Context, cl *stack.Cluster, timeout time.Duration) {
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := st.Follow(wctx, cl, GinkgoWriter, time.Now(), stack.Ready(cl))
	Expect(err).NotTo(HaveOccurred())
}

// scale sets the replicas of the cluster's KubeadmControlPlane (controlPlane) or MachineDeployment.
func scale(ctx context.Context, cl *stack.Cluster, controlPlane bool, replicas int) {
	var obj client.Object = &clusterv1.MachineDeployment{}
	key := client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name + "-md-0"}
	if controlPlane {
		obj, key.Name = &controlplanev1.KubeadmControlPlane{}, cl.Name+"-control-plane"
	}
	Expect(k8s.Get(ctx, key, obj)).To(Succeed())
	patch := client.MergeFrom(obj.DeepCopyObject().(client.Object))
	r := int32(replicas)
	switch o := obj.(type) {
	case *clusterv1.MachineDeployment:
		o.Spec.Replicas = &r
		cl.Workers = replicas
	case *controlplanev1.KubeadmControlPlane:
		o.Spec.Replicas = &r
		cl.ControlPlanes = replicas
	}
	Expect(k8s.Patch(ctx, obj, patch)).To(Succeed())
}

// rollTo copies an OCIMachineTemplate under a new name with a change, and points the KubeadmControlPlane or the
// MachineDeployment at it, which replaces every machine.
func rollTo(ctx context.Context, cl *stack.Cluster, controlPlane bool, from, to string, change func(*infrav1.OCIMachineSpec)) {
	old := &infrav1.OCIMachineTemplate{}
	Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: from}, old)).To(Succeed())
	next := &infrav1.OCIMachineTemplate{ObjectMeta: metav1.ObjectMeta{Namespace: cl.Namespace, Name: to, Labels: old.Labels},
		Spec: *old.Spec.DeepCopy()}
	change(&next.Spec.Template.Spec)
	Expect(k8s.Create(ctx, next)).To(Succeed())
	if controlPlane {
		kcp := &controlplanev1.KubeadmControlPlane{}
		Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name + "-control-plane"}, kcp)).To(Succeed())
		patch := client.MergeFrom(kcp.DeepCopy())
		kcp.Spec.MachineTemplate.Spec.InfrastructureRef.Name = to
		Expect(k8s.Patch(ctx, kcp, patch)).To(Succeed())
		return
	}
	md := &clusterv1.MachineDeployment{}
	Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name + "-md-0"}, md)).To(Succeed())
	patch := client.MergeFrom(md.DeepCopy())
	md.Spec.Template.Spec.InfrastructureRef.Name = to
	Expect(k8s.Patch(ctx, md, patch)).To(Succeed())
}

// machines lists the cluster's Machines, control planes or workers.
func machines(ctx context.Context, g Gomega, cl *stack.Cluster, controlPlane bool) []clusterv1.Machine {
	list := &clusterv1.MachineList{}
	g.Expect(k8s.List(ctx, list, client.InNamespace(cl.Namespace), client.MatchingLabels{clusterv1.ClusterNameLabel: cl.Name})).To(Succeed())
	var out []clusterv1.Machine
	for i := range list.Items {
		if _, cp := list.Items[i].Labels[clusterv1.MachineControlPlaneLabel]; cp == controlPlane {
			out = append(out, list.Items[i])
		}
	}
	return out
}

// allRunningFrom waits until the control planes or workers are exactly replicas Machines, all Running, all
// made from the template named, and returns their names.
func allRunningFrom(ctx context.Context, cl *stack.Cluster, controlPlane bool, template string, replicas int, timeout time.Duration) []string {
	var names []string
	Eventually(func(g Gomega) {
		ms := machines(ctx, g, cl, controlPlane)
		names = nil
		for i := range ms {
			m := &ms[i]
			g.Expect(m.Status.Phase).To(Equal(string(clusterv1.MachinePhaseRunning)), "machine %s", m.Name)
			om := &infrav1.OCIMachine{}
			g.Expect(k8s.Get(ctx, client.ObjectKey{Namespace: m.Namespace, Name: m.Spec.InfrastructureRef.Name}, om)).To(Succeed())
			g.Expect(om.Annotations[clusterv1.TemplateClonedFromNameAnnotation]).To(Equal(template), "machine %s", m.Name)
			names = append(names, m.Name)
		}
		g.Expect(ms).To(HaveLen(replicas))
	}).WithContext(ctx).WithTimeout(timeout).WithPolling(time.Second).Should(Succeed())
	sort.Strings(names)
	return names
}

// liveInstances returns the display names of the emulator's live instances of the cluster.
func liveInstances() []string {
	var out []string
	for _, r := range st.Sim.Live(ocisim.KindInstance) {
		if r.CompartmentID == st.Compartment {
			out = append(out, r.DisplayName)
		}
	}
	sort.Strings(out)
	return out
}

// apiServerBackends returns the names of the backends of the cluster's API server NLB backend set.
func apiServerBackends(ctx context.Context, g Gomega, cl *stack.Cluster) []string {
	return backendsOf(ctx, g, cl.Name+"-apiserver")
}

// backendsOf returns the names of the backends of the API server backend set of the NLB named name (the
// OCICluster's name, then "-apiserver").
func backendsOf(ctx context.Context, g Gomega, name string) []string {
	c, err := st.Sim.NetworkLoadBalancerClient(st.Sim.Regions()[0])
	g.Expect(err).NotTo(HaveOccurred())
	lbs, err := c.ListNetworkLoadBalancers(ctx, nlb.ListNetworkLoadBalancersRequest{CompartmentId: common.String(st.Compartment),
		DisplayName: common.String(name), LifecycleState: nlb.ListNetworkLoadBalancersLifecycleStateActive})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(lbs.Items).To(HaveLen(1), "active NLBs named %s", name)
	lb, err := c.GetNetworkLoadBalancer(ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: lbs.Items[0].Id})
	g.Expect(err).NotTo(HaveOccurred())
	bs, ok := lb.BackendSets["apiserver-lb-backendset"]
	g.Expect(ok).To(BeTrue(), "the NLB has no apiserver-lb-backendset")
	var out []string
	for _, b := range bs.Backends {
		out = append(out, *b.Name)
	}
	sort.Strings(out)
	return out
}

// expectBackends waits until the API server's backends are exactly the control-plane machines named.
func expectBackends(ctx context.Context, cl *stack.Cluster, names []string, timeout time.Duration) {
	Eventually(func(g Gomega) {
		g.Expect(apiServerBackends(ctx, g, cl)).To(Equal(names))
	}).WithContext(ctx).WithTimeout(timeout).WithPolling(time.Second).Should(Succeed())
}

// terminate terminates a machine's instance behind Cluster API's back, as an OCI outage or a person would.
func terminate(ctx context.Context, machineName string) string {
	var id string
	for _, r := range st.Sim.Live(ocisim.KindInstance) {
		if r.DisplayName == machineName {
			id = r.ID
		}
	}
	Expect(id).NotTo(BeEmpty(), "no live instance named %s", machineName)
	c, err := st.Sim.ComputeClient(st.Sim.Regions()[0])
	Expect(err).NotTo(HaveOccurred())
	_, err = c.TerminateInstance(ctx, core.TerminateInstanceRequest{InstanceId: &id})
	Expect(err).NotTo(HaveOccurred())
	return id
}

// expectCleanAfterDelete deletes the cluster and checks that the emulator holds nothing of it.
func expectCleanAfterDelete(ctx context.Context, cl *stack.Cluster, timeout time.Duration) {
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	Expect(st.Delete(dctx, cl, GinkgoWriter, time.Now())).To(Succeed())
	Expect(st.Sim.Leaks(st.Compartment)).To(BeEmpty())
}

// expectNoDuplicates checks that no resource of the compartment was made twice.
func expectNoDuplicates() {
	Expect(st.Sim.Duplicates(st.Compartment)).To(BeEmpty(), "resources made twice")
}
