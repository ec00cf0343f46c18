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
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The clusterctl journey of a user, offline: a file:// repository (stack.BuildRepository: the provider's
// components and metadata.yaml from `make release-manifests`, the cluster templates beside them, Cluster API's
// providers rendered from its module); `clusterctl init` on fresh API servers, `generate cluster`, `move` and
// `upgrade plan`, all reading that repository and nothing else.
//
// What the test substitutes, and so what init proves: envtest runs no pods and no cert-manager. The API servers
// start with cert-manager's CRDs only, which is all clusterctl v1.14's check of an installed cert-manager needs
// (it creates a test Issuer and Certificate, then deletes them; it does not wait for a certificate to be issued);
// so init proves the objects it installs (CRDs, RBAC, the Deployments, webhook configurations, cert-manager
// Certificates, clusterctl's Provider inventory, the variables substituted), not that pods run. The controllers
// are then local processes (stack.Management.Start), with every webhook and CRD conversion pointed from its
// Service at the loopback port of its provider's process, with envtest's CA, in place of Service routing and
// cert-manager's CA injector.
var _ = Describe("clusterctl, offline, from a local file:// repository", Ordered, func() {
	const ns = movedNamespace
	var (
		repo        *stack.Repository
		compartment string
		a, b        *stack.Management
		onA, onB    *stack.Stack
		cl          *stack.Cluster
		held        holding
		liveBefore  []string
		statsBefore map[string]ocisim.OpStats
	)

	BeforeAll(func(ctx SpecContext) {
		// A's API server starts while the repository is rendered.
		waitA := alongside(func() { a = newManagement(ctx, "a") })
		phase("clusterctl: the file:// repository (make release-manifests, Cluster API's providers)", func() {
			var err error
			repo, err = stack.BuildRepository(ctx, filepath.Join(st.WorkDir, "clusterctl"))
			Expect(err).NotTo(HaveOccurred())
		})
		waitA()
		compartment = st.Sim.AddCompartment("capoci-clusterctl")
		DeferCleanup(func() {
			for _, m := range []*stack.Management{b, a} {
				if m != nil {
					Expect(m.Stop()).To(Succeed())
				}
			}
		})
	}, NodeTimeout(5*time.Minute))

	It("init installs Cluster API and the provider on a fresh API server, from the repository alone", func(ctx SpecContext) {
		var vars managerVariables
		phase("clusterctl init (A)", func() { vars = initialize(ctx, repo, a) })
		expectInstalled(ctx, a, repo, vars)
	}, NodeTimeout(3*time.Minute))

	It("generate cluster renders the release's flavors", func(ctx SpecContext) {
		onA = st.On(a, compartment)
		for flavor, kinds := range map[string][]string{
			"":        {"Cluster", "OCICluster", "KubeadmControlPlane", "OCIMachineTemplate", "KubeadmConfigTemplate", "MachineDeployment"},
			"managed": {"Cluster", "OCIManagedCluster", "OCIManagedControlPlane", "MachinePool", "OCIManagedMachinePool"},
		} {
			_, manifest, err := onA.Render(ctx, stack.ClusterOptions{Name: "rendered", Namespace: ns, Flavor: flavor,
				ControlPlanes: 1, Workers: 1, Repository: repo})
			Expect(err).NotTo(HaveOccurred(), "flavor %q", flavor)
			Expect(string(manifest)).NotTo(ContainSubstring("${"), "flavor %q", flavor)
			Expect(manifestKinds(manifest)).To(ContainElements(kinds), "flavor %q", flavor)
		}
	}, NodeTimeout(time.Minute))

	It("a cluster signing with an OCIClusterIdentity comes up on A", func(ctx SpecContext) {
		phase("start A's controllers", func() { Expect(a.Start(ctx)).To(Succeed()) })
		onA = st.On(a, compartment)
		// B, the target of the move, is made while the cluster comes up (mostly Cluster API's requeues).
		waitB := alongside(func() {
			began := time.Now()
			b = newManagement(ctx, "b")
			expectInstalled(ctx, b, repo, initialize(ctx, repo, b))
			Expect(b.Start(ctx)).To(Succeed())
			record("clusterctl init (B) and B's controllers, alongside", time.Since(began))
		})
		phase("create 1 control plane + 1 worker on A, from the repository's default flavor", func() {
			cl = createWithIdentity(ctx, onA, stack.ClusterOptions{Name: "moving", Namespace: ns, ControlPlanes: 1, Workers: 1,
				Repository: repo}, step)
			// Nothing of A's is left to do when the move begins: its calls are not counted as the move's.
			waitInfrastructureReady(ctx, onA, ns, step)
		})
		waitB()
	}, NodeTimeout(step+2*time.Minute))

	It("move takes the cluster and its identity to B: every object arrives, none is left on A", func(ctx SpecContext) {
		onB = st.On(b, compartment)
		held = holdingOf(ctx, onA)
		Expect(held.Objects).To(HaveKeyWithValue("OCIClusterIdentity", []string{identityName}))
		Expect(held.Objects["Secret"]).To(ContainElement(identityName))
		Expect(held.Instances).To(HaveLen(2))
		liveBefore, statsBefore = liveIn(compartment), st.Sim.Stats()
		phase("clusterctl move A -> B", func() {
			_, log, err := repo.Clusterctl(ctx, nil, "move", "--kubeconfig", a.Kubeconfig, "--to-kubeconfig", b.Kubeconfig, "--namespace", ns)
			Expect(err).NotTo(HaveOccurred())
			fmt.Fprint(GinkgoWriter, log)
		})
		Expect(holdingOf(ctx, onB)).To(Equal(held))
		Expect(holdingOf(ctx, onA).Objects).To(BeEmpty())
		// The source's controllers go with it: only B's may act on the cluster from here.
		Expect(a.Stop()).To(Succeed())
	}, NodeTimeout(4*time.Minute))

	It("B's controllers adopt it: ready and unpaused, with no new OCI resource and every call signed by the identity", func(ctx SpecContext) {
		phase("ready on B after the move", func() {
			waitReadyOn(ctx, onB, cl, step)
			waitInfrastructureReady(ctx, onB, ns, step)
		})
		c, err := onB.Client()
		Expect(err).NotTo(HaveOccurred())
		cluster := &clusterv1.Cluster{}
		Expect(c.Get(ctx, client.ObjectKey{Namespace: ns, Name: cl.Name}, cluster)).To(Succeed())
		Expect(ptr.Deref(cluster.Spec.Paused, false)).To(BeFalse())

		calls := statsSince(statsBefore, st.Sim.Stats())
		report("OCI calls from clusterctl move to the cluster ready on B, by operation", stack.CallsByOperation(calls))
		Expect(creates(calls)).To(BeEmpty(), "no resource may be created across the move")
		Expect(changes(calls)).To(BeEmpty(), "adoption only reads")
		Expect(status(calls, 401)).To(BeZero(), "every call signs with the identity: the managers' own key is unknown to OCI")
		Expect(liveIn(compartment)).To(Equal(liveBefore))
		Expect(holdingOf(ctx, onB)).To(Equal(held), "every OCID as A recorded it")
		Expect(st.Sim.Duplicates(compartment)).To(BeEmpty())
	}, NodeTimeout(step+time.Minute))

	It("upgrade plan reads metadata.yaml: the patch release is offered, the next contract's release is not", func(ctx SpecContext) {
		out, _, err := repo.Clusterctl(ctx, nil, "upgrade", "plan", "--kubeconfig", b.Kubeconfig)
		Expect(err).NotTo(HaveOccurred())
		fmt.Fprint(GinkgoWriter, out)
		Expect(out).To(ContainSubstring("Latest release available for the %s Cluster API contract version", clusterv1.GroupVersion.Version))
		Expect(out).NotTo(ContainSubstring(stack.NextContract))
		Expect(planRow(out, "infrastructure-oci")).To(Equal([]string{"infrastructure-oci", stack.ProviderNamespace,
			"InfrastructureProvider", repo.Version, repo.Patch}))
		Expect(strings.Join(planRow(out, "cluster-api"), " ")).To(HaveSuffix(repo.CAPIVersion + " Already up to date"))
		Expect(out).NotTo(ContainSubstring(repo.Next))
	}, NodeTimeout(time.Minute))

	It("is deleted from B, leaving nothing in the emulator", func(ctx SpecContext) {
		Expect(creates(statsSince(statsBefore, st.Sim.Stats()))).To(BeEmpty(), "no resource created since the move")
		phase("delete on B", func() {
			dctx, cancel := context.WithTimeout(ctx, step)
			defer cancel()
			Expect(onB.Delete(dctx, cl, GinkgoWriter, time.Now())).To(Succeed())
		})
		Expect(st.Sim.Leaks(compartment)).To(BeEmpty())
	}, NodeTimeout(step+time.Minute))
})
