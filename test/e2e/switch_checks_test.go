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
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/earlier"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/inplace"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// expectCRDs checks every provider CRD's storage version and status.storedVersions.
func expectCRDs(ctx context.Context, g Gomega, m *inplace.Management, storage string, stored []string) {
	crds, err := m.CRDs(ctx)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(crds).To(HaveLen(14))
	for name, crd := range crds {
		var storageVersions []string
		for _, v := range crd.Spec.Versions {
			if v.Storage {
				storageVersions = append(storageVersions, v.Name)
			}
		}
		g.Expect(storageVersions).To(Equal([]string{storage}), name)
		g.Expect(crd.Status.StoredVersions).To(ConsistOf(stored), name)
	}
}

// expectEarlierObjects checks the provider's objects as the earlier provider left them, read as v1beta2: the
// OCICluster's OCIDs, status and finalizer, and each OCIMachine's instance, provider ID, address, status and
// finalizer.
func expectEarlierObjects(ctx context.Context, m *inplace.Management, cl *stack.Cluster, seeded *earlier.Cluster) {
	s, err := earlier.Scheme()
	Expect(err).NotTo(HaveOccurred())
	c, err := client.New(m.Config, client.Options{Scheme: s})
	Expect(err).NotTo(HaveOccurred())
	oc := &infrav1beta2.OCICluster{}
	Expect(c.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, oc)).To(Succeed())
	Expect(oc.Finalizers).To(Equal([]string{earlier.ClusterFinalizer}))
	Expect(oc.Status.Ready).To(BeTrue())
	Expect(oc.Spec.NetworkSpec).To(Equal(seeded.Spec.NetworkSpec))
	Expect(oc.Status.FailureDomains).To(HaveLen(3))
	machines := &infrav1beta2.OCIMachineList{}
	Expect(c.List(ctx, machines, client.InNamespace(cl.Namespace))).To(Succeed())
	Expect(machines.Items).To(HaveLen(4))
	live := map[string]string{}
	for _, r := range st.Sim.Live(ocisim.KindInstance) {
		live[r.ID] = r.DisplayName
	}
	for i := range machines.Items {
		om := &machines.Items[i]
		Expect(om.Finalizers).To(Equal([]string{earlier.MachineFinalizer}), om.Name)
		Expect(om.Status.Ready).To(BeTrue(), om.Name)
		Expect(om.Status.Addresses).To(HaveLen(1), om.Name)
		Expect(om.Spec.ProviderID).To(HaveValue(Equal(earlier.ProviderIDPrefix+om.Spec.InstanceID)), om.Name)
		Expect(live).To(HaveKeyWithValue(om.Spec.InstanceID, om.Name), "the instance is named after its OCIMachine")
		Expect(om.Status.Conditions).To(HaveLen(2), om.Name)
		expectOwnershipTags(ctx, om.Spec.InstanceID, seeded.Identifier)
	}
}

// expectOwnershipTags checks that an instance carries the cluster's ownership tags.
func expectOwnershipTags(ctx context.Context, id, identifier string) {
	c, err := st.Sim.ComputeClient(st.Sim.Regions()[0])
	Expect(err).NotTo(HaveOccurred())
	r, err := c.GetInstance(ctx, core.GetInstanceRequest{InstanceId: &id})
	Expect(err).NotTo(HaveOccurred())
	for k, v := range earlier.Tags(identifier) {
		Expect(r.FreeformTags).To(HaveKeyWithValue(k, v), "instance %s", id)
	}
}

// waitAdopted waits until our manager has reconciled the OCICluster and every OCIMachine of the cluster: each is
// provisioned, Ready in the v1beta2 contract's shape, and holds our record of its OCI resources (status.resources,
// which only our manager writes).
func waitAdopted(ctx context.Context, view *stack.Stack, cl *stack.Cluster, timeout time.Duration) {
	c, err := view.Client()
	Expect(err).NotTo(HaveOccurred())
	Eventually(func(g Gomega) {
		oc := &infrav1.OCICluster{}
		g.Expect(c.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, oc)).To(Succeed())
		g.Expect(oc.Status.Initialization.Provisioned).To(HaveValue(BeTrue()))
		g.Expect(meta.IsStatusConditionTrue(oc.Status.Conditions, clusterv1.ReadyCondition)).To(BeTrue(), "OCICluster Ready")
		g.Expect(oc.Status.Resources).NotTo(BeEmpty())
		machines := &infrav1.OCIMachineList{}
		g.Expect(c.List(ctx, machines, client.InNamespace(cl.Namespace))).To(Succeed())
		g.Expect(machines.Items).To(HaveLen(cl.ControlPlanes + cl.Workers))
		for i := range machines.Items {
			om := &machines.Items[i]
			g.Expect(om.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), om.Name)
			g.Expect(meta.IsStatusConditionTrue(om.Status.Conditions, clusterv1.ReadyCondition)).To(BeTrue(), om.Name)
			g.Expect(om.Status.Resources).NotTo(BeEmpty(), om.Name)
		}
	}).WithContext(ctx).WithTimeout(timeout).WithPolling(time.Second).Should(Succeed())
}

// expectFinalizers checks that our manager kept the earlier provider's finalizers, one each, the same names.
func expectFinalizers(ctx context.Context, view *stack.Stack, cl *stack.Cluster) {
	c, err := view.Client()
	Expect(err).NotTo(HaveOccurred())
	oc := &infrav1.OCICluster{}
	Expect(c.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, oc)).To(Succeed())
	Expect(oc.Finalizers).To(Equal([]string{infrav1.ClusterFinalizer}))
	Expect(infrav1.ClusterFinalizer).To(Equal(earlier.ClusterFinalizer))
	machines := &infrav1.OCIMachineList{}
	Expect(c.List(ctx, machines, client.InNamespace(cl.Namespace))).To(Succeed())
	for i := range machines.Items {
		Expect(machines.Items[i].Finalizers).To(Equal([]string{infrav1.MachineFinalizer}), machines.Items[i].Name)
	}
	Expect(infrav1.MachineFinalizer).To(Equal(earlier.MachineFinalizer))
}

// contractV1Beta2Label is the contract label this provider's CRDs add: Cluster API's v1beta2 contract, v1beta3.
const contractV1Beta2Label = "cluster.x-k8s.io/v1beta2"

// waitStoredAs waits until our manager's CRD migrator is done with every provider CRD's generation, each CRD has
// version as its storage version and alone in its status.storedVersions; and checks in etcd that every object is
// stored in it.
func waitStoredAs(ctx context.Context, m *inplace.Management, version string) {
	Eventually(func(g Gomega) {
		expectCRDs(ctx, g, m, version, []string{version})
		crds, err := m.CRDs(ctx)
		g.Expect(err).NotTo(HaveOccurred())
		for name, crd := range crds {
			g.Expect(crd.Annotations).To(HaveKeyWithValue(clusterv1.CRDMigrationObservedGenerationAnnotation,
				strconv.FormatInt(crd.Generation, 10)), name)
		}
	}).WithContext(ctx).WithTimeout(step).WithPolling(time.Second).Should(Succeed())
	stored, err := m.Stored(ctx)
	Expect(err).NotTo(HaveOccurred())
	report("Objects in etcd, stored as "+version, storedReport(stored))
	Expect(stored).To(HaveLen(7), "the OCICluster, 2 OCIMachineTemplates and 4 OCIMachines")
	Expect(stored).To(HaveEach(Equal(testenv.Group + "/" + version)))
}

// expectEarlierCRDs checks that the installed CRDs are the earlier provider's: its versions, conversion and
// labels, and not our contract label (ours that the earlier provider's release does not name stay, as a merge
// patch leaves them: clusterctl's move-hierarchy label on OCIClusterIdentity, which only clusterctl move reads).
func expectEarlierCRDs(ctx context.Context, m *inplace.Management, want []*apiextensionsv1.CustomResourceDefinition) {
	crds, err := m.CRDs(ctx)
	Expect(err).NotTo(HaveOccurred())
	Expect(crds).To(HaveLen(len(want)))
	for _, w := range want {
		crd := crds[w.Name]
		Expect(crd).NotTo(BeNil(), w.Name)
		for k, v := range w.Labels {
			Expect(crd.Labels).To(HaveKeyWithValue(k, v), w.Name)
		}
		Expect(crd.Labels).NotTo(HaveKey(contractV1Beta2Label), w.Name)
		// The API server defaults the Service's port; the CA bundle, the earlier provider's cert-manager injects.
		cc := crd.Spec.Conversion.Webhook.ClientConfig
		Expect(cc.URL).To(BeNil(), w.Name)
		Expect(cc.Service).NotTo(BeNil(), w.Name)
		Expect([]string{cc.Service.Namespace, cc.Service.Name, *cc.Service.Path}).To(Equal([]string{earlier.Namespace,
			earlier.WebhookService, *w.Spec.Conversion.Webhook.ClientConfig.Service.Path}), w.Name)
		var versions []string
		for _, v := range crd.Spec.Versions {
			versions = append(versions, v.Name)
		}
		Expect(versions).To(Equal([]string{"v1beta1", earlier.StorageVersion}), w.Name)
	}
}

// expectAvailable checks that the Cluster was Available in every sample.
func expectAvailable(samples availabilitySamples, when string) {
	report("Cluster availability "+when, samples.String())
	Expect(samples.unavailable).To(BeEmpty(), "the Cluster must stay Available %s", when)
	Expect(samples.count).To(BeNumerically(">", 0))
}

// expectNoChange checks that no call changed OCI since the switch: the emulator's counter of requests other than
// GET and HEAD (reset at the switch), and the request log of the cluster's compartment.
func expectNoChange(view *stack.Stack, since time.Time) {
	changed := operations(ocisim.Mutating(st.Sim.CallsIn(view.Compartment, since)))
	Expect(changed).To(BeEmpty(), "calls that change OCI")
	Expect(st.Sim.MutatingCalls()).To(BeZero(), "calls that change OCI, anywhere")
}

// inventory lists the live resources of a compartment: kind, display name, OCID and state.
func inventory(compartment string) []string {
	var out []string
	for _, r := range st.Sim.Leaks(compartment) {
		out = append(out, fmt.Sprintf("%s %q %s %s", r.Kind, r.DisplayName, r.ID, r.LifecycleState))
	}
	sort.Strings(out)
	return out
}

// storedReport lists the objects by the version etcd holds them at.
func storedReport(stored map[string]string) string {
	keys := make([]string, 0, len(stored))
	for k := range stored {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-60s %s\n", k, stored[k])
	}
	return b.String()
}

// operations names the operations of logged calls.
func operations(entries []ocisim.RequestLogEntry) []string {
	out := make([]string, 0, len(entries))
	for i := range entries {
		out = append(out, entries[i].Operation)
	}
	return out
}

// apiServerLoadBalancer reads the cluster's API server network load balancer.
func apiServerLoadBalancer(ctx context.Context, view *stack.Stack, cl *stack.Cluster) nlb.NetworkLoadBalancer {
	c, err := st.Sim.NetworkLoadBalancerClient(st.Sim.Regions()[0])
	Expect(err).NotTo(HaveOccurred())
	lbs, err := c.ListNetworkLoadBalancers(ctx, nlb.ListNetworkLoadBalancersRequest{CompartmentId: &view.Compartment,
		DisplayName: ptrTo(cl.Name + earlier.APIServerSuffix)})
	Expect(err).NotTo(HaveOccurred())
	Expect(lbs.Items).To(HaveLen(1))
	r, err := c.GetNetworkLoadBalancer(ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: lbs.Items[0].Id})
	Expect(err).NotTo(HaveOccurred())
	return r.NetworkLoadBalancer
}

func ptrTo[T any](v T) *T { return &v }

// expectAPIServerBackends checks that the API server's backends are exactly the cluster's control-plane Machines,
// named after them.
func expectAPIServerBackends(ctx context.Context, view *stack.Stack, cl *stack.Cluster) {
	c, err := view.Client()
	Expect(err).NotTo(HaveOccurred())
	list := &clusterv1.MachineList{}
	Expect(c.List(ctx, list, client.InNamespace(cl.Namespace), client.HasLabels{clusterv1.MachineControlPlaneLabel})).To(Succeed())
	var want []string
	for i := range list.Items {
		want = append(want, list.Items[i].Name)
	}
	var have []string
	for _, b := range apiServerLoadBalancer(ctx, view, cl).BackendSets[earlier.BackendSetName].Backends {
		have = append(have, *b.Name)
	}
	Expect(have).To(ConsistOf(want))
	Expect(have).To(HaveLen(cl.ControlPlanes))
}

// scaleWorkers sets the replicas of the cluster's MachineDeployment.
func scaleWorkers(ctx context.Context, view *stack.Stack, cl *stack.Cluster, replicas int32) {
	c, err := view.Client()
	Expect(err).NotTo(HaveOccurred())
	md := &clusterv1.MachineDeployment{}
	Expect(c.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name + "-md-0"}, md)).To(Succeed())
	patch := client.MergeFrom(md.DeepCopy())
	md.Spec.Replicas = &replicas
	Expect(c.Patch(ctx, md, patch)).To(Succeed())
	cl.Workers = int(replicas)
}

// waitReadyOnView waits until the cluster on the view's management cluster is ready.
func waitReadyOnView(ctx context.Context, view *stack.Stack, cl *stack.Cluster, timeout time.Duration) {
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := view.Follow(wctx, cl, GinkgoWriter, time.Now(), stack.Ready(cl))
	Expect(err).NotTo(HaveOccurred())
}

// instancesIn returns the OCIDs of the live instances of a compartment.
func instancesIn(compartment string) map[string]bool {
	out := map[string]bool{}
	for _, r := range st.Sim.Live(ocisim.KindInstance) {
		if r.CompartmentID == compartment {
			out[r.ID] = true
		}
	}
	return out
}

// newInstances returns the OCIDs in after that are not in before.
func newInstances(before, after map[string]bool) []string {
	var out []string
	for id := range after {
		if !before[id] {
			out = append(out, id)
		}
	}
	return out
}

// providerObjectsIn names the OCIClusters and OCIMachines left in a namespace (Cluster API deletes them with the
// Cluster; templates go with the Cluster only through the garbage collector, which envtest does not run).
func providerObjectsIn(ctx context.Context, c client.Client, namespace string) []string {
	var out []string
	for _, kind := range []string{"OCIClusterList", "OCIMachineList"} {
		list := &unstructured.UnstructuredList{}
		list.SetAPIVersion(testenv.Group + "/" + inplace.HubVersion)
		list.SetKind(kind)
		Expect(c.List(ctx, list, client.InNamespace(namespace))).To(Succeed())
		for _, u := range list.Items {
			out = append(out, u.GetKind()+" "+u.GetName())
		}
	}
	return out
}
