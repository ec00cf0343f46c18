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
	"os"
	"path/filepath"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/earlier"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/inplace"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// The in-place switch from the earlier provider. Its module is not served by the module proxy, so the test makes
// what it leaves behind (package earlier): a management cluster of its own whose API server holds the earlier
// provider's CRDs (v1beta2 storage, its labels and conversion); a 1 + 3 cluster whose network the earlier
// provider's conventions made in the emulator, whose OCICluster and OCIMachineTemplates are written as it stores
// them, and whose machines a stand-in for its machine controller launches and reports while Cluster API's
// controllers bring the cluster up. Then the switch as a user makes it: `clusterctl upgrade apply` (our CRDs and
// webhooks over its own, package inplace) and our manager; our manager adopts everything with no call that
// changes OCI while the Cluster stays Available; the storage version migration rewrites every object as v1beta3;
// then a scale and a delete.
var _ = Describe("The in-place switch from the earlier provider", Ordered, func() {
	const name, namespace = "earlier", "default"
	var (
		m          *inplace.Management
		view       *stack.Stack
		cl         *stack.Cluster
		seeded     *earlier.Cluster
		sampler    *availability
		switched   time.Time
		creds      ocisim.CredentialFiles
		managerLog *os.File
		// held is what the compartment held before the switch.
		held []string
	)

	BeforeAll(func(ctx SpecContext) {
		dir := filepath.Join(st.WorkDir, "earlier")
		crds := filepath.Join(dir, "crds")
		Expect(earlier.WriteCRDs(filepath.Join(testenv.RepoRoot(), "config", "crd", "bases"), crds)).To(Succeed())
		phase("switch: management cluster with the earlier provider's CRDs, and Cluster API's controllers", func() {
			var err error
			m, err = inplace.Start(ctx, dir, []string{crds})
			Expect(err).NotTo(HaveOccurred())
		})
		DeferCleanup(func() { Expect(m.Stop()).To(Succeed()) })
		view = &stack.Stack{WorkDir: dir, LogDir: m.LogDir, Env: m.Env, Config: m.Config, Sim: st.Sim, Workload: st.Workload,
			CAPI: m.CAPI, Kubeconfig: m.Kubeconfig, Compartment: st.Sim.AddCompartment("capoci-earlier")}
		var err error
		creds, err = st.Sim.WriteCredentials(filepath.Join(dir, "oci"))
		Expect(err).NotTo(HaveOccurred())
		managerLog, err = os.Create(filepath.Join(m.LogDir, "capoci-manager.log"))
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(managerLog.Close)
	}, NodeTimeout(5*time.Minute))

	It("holds the earlier provider's 1 + 3 cluster, stored as it stores it", func(ctx SpecContext) {
		phase("switch: the earlier provider's cluster (its network, Cluster API and its machine controller bring up 1 + 3)", func() {
			cl, seeded = bringUpEarlier(ctx, m, view, stack.ClusterOptions{Name: name, Namespace: namespace, ControlPlanes: 1, Workers: 3})
		})
		expectAPIServerBackends(ctx, view, cl)
		stored, err := m.Stored(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(stored).To(HaveLen(7), "the OCICluster, 2 OCIMachineTemplates and 4 OCIMachines")
		Expect(stored).To(HaveEach(Equal(testenv.Group+"/"+earlier.StorageVersion)), "stored as the earlier provider stores them")
		expectCRDs(ctx, Default, m, earlier.StorageVersion, []string{earlier.StorageVersion})
		expectEarlierObjects(ctx, m, cl, seeded)
	}, NodeTimeout(step+time.Minute))

	It("switches as `clusterctl upgrade apply` does: ours adopts everything with no call that changes OCI", func(ctx SpecContext) {
		held = inventory(view.Compartment)
		sampler = sampleAvailability(ctx, view, cl)
		st.Sim.ResetStats()
		switched = time.Now()
		phase("switch: our CRDs and webhooks over the earlier provider's, then our manager", func() {
			Expect(m.Upgrade(ctx)).To(Succeed())
			Expect(m.StartManager(ctx, creds.AuthConfigDir, managerLog)).To(Succeed())
		})
		phase("switch: our manager adopts the cluster and its machines", func() { waitAdopted(ctx, view, cl, step) })
		report("OCI calls from the switch to our manager's first steady state, by operation", stack.CallsByOperation(st.Sim.Stats()))
		expectNoChange(view, switched)
		Expect(inventory(view.Compartment)).To(Equal(held))
		Expect(st.Sim.Duplicates(view.Compartment)).To(BeEmpty())
		expectFinalizers(ctx, view, cl)
	}, NodeTimeout(2*step))

	It("migrates storage: our manager rewrites every object as v1beta3 and leaves storedVersions [v1beta3], the Cluster Available throughout", func(ctx SpecContext) {
		phase("switch: our manager's storage version migration", func() { waitStoredAs(ctx, m, inplace.HubVersion) })
		waitAdopted(ctx, view, cl, step)
		expectAvailable(sampler.stop(), "from the switch to the migrated storage")
		expectNoChange(view, switched)
		expectFinalizers(ctx, view, cl)
	}, NodeTimeout(step+time.Minute))

	It("goes back to the earlier provider as the book says, with no call that changes OCI, the Cluster Available throughout", func(ctx SpecContext) {
		sampler = sampleAvailability(ctx, view, cl)
		phase("way back: our contract label removed; v1beta2 the storage version, v1beta3 not served; our manager migrating", func() {
			Expect(m.RemoveCRDLabel(ctx, contractV1Beta2Label)).To(Succeed())
			Expect(m.SetStorageVersion(ctx, earlier.StorageVersion, inplace.HubVersion)).To(Succeed())
			waitStoredAs(ctx, m, earlier.StorageVersion)
		})
		fields, err := m.ManagedFieldVersions(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(fields).To(HaveLen(7))
		Expect(fields).To(HaveEach(Not(ContainElement(testenv.Group+"/"+inplace.HubVersion))),
			"managed fields of v1beta3 break Cluster API's server-side apply once the CRDs drop it")
		phase("way back: our provider deleted, the earlier provider's CRDs installed", func() {
			Expect(m.Delete(ctx)).To(Succeed())
			crds, err := earlier.CRDs(filepath.Join(testenv.RepoRoot(), "config", "crd", "bases"))
			Expect(err).NotTo(HaveOccurred())
			Expect(m.Install(ctx, crds)).To(Succeed())
			expectEarlierCRDs(ctx, m, crds)
		})
		expectEarlierObjects(ctx, m, cl, seeded)
		waitReadyOnView(ctx, view, cl, step)
		expectAvailable(sampler.stop(), "on the way back")
		expectNoChange(view, switched)
	}, NodeTimeout(2*step))

	It("switches forward again: adopted with no call that changes OCI, stored as v1beta3, the Cluster Available throughout", func(ctx SpecContext) {
		sampler = sampleAvailability(ctx, view, cl)
		phase("switch again: our CRDs, webhooks and manager; adoption and storage migration", func() {
			Expect(m.Upgrade(ctx)).To(Succeed())
			Expect(m.StartManager(ctx, creds.AuthConfigDir, managerLog)).To(Succeed())
			waitAdopted(ctx, view, cl, step)
			waitStoredAs(ctx, m, inplace.HubVersion)
		})
		expectAvailable(sampler.stop(), "from the second switch to the migrated storage")
		expectNoChange(view, switched)
		Expect(inventory(view.Compartment)).To(Equal(held))
		expectFinalizers(ctx, view, cl)
		report("OCI calls from the first switch to here, by operation", stack.CallsByOperation(st.Sim.Stats()))
	}, NodeTimeout(2*step))

	It("scales its workers 3 -> 4 under our manager: a new instance and Node, the API server's load balancer untouched", func(ctx SpecContext) {
		lb := apiServerLoadBalancer(ctx, view, cl)
		before := instancesIn(view.Compartment)
		phase("switch: MachineDeployment 3 -> 4 under our manager", func() {
			scaleWorkers(ctx, view, cl, 4)
			waitReadyOnView(ctx, view, cl, step)
		})
		added := newInstances(before, instancesIn(view.Compartment))
		Expect(added).To(HaveLen(1))
		expectOwnershipTags(ctx, added[0], seeded.Identifier)
		Expect(apiServerLoadBalancer(ctx, view, cl)).To(Equal(lb), "the API server's load balancer is untouched")
	}, NodeTimeout(step+time.Minute))

	It("is deleted by our manager, leaving nothing of the earlier provider's in the emulator", func(ctx SpecContext) {
		phase("switch: delete under our manager", func() {
			dctx, cancel := context.WithTimeout(ctx, step)
			defer cancel()
			Expect(view.Delete(dctx, cl, GinkgoWriter, time.Now())).To(Succeed())
		})
		Expect(st.Sim.Leaks(view.Compartment)).To(BeEmpty())
		c, err := view.Client()
		Expect(err).NotTo(HaveOccurred())
		Expect(providerObjectsIn(ctx, c, namespace)).To(BeEmpty())
	}, NodeTimeout(step+time.Minute))
})
