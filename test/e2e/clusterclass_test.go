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
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// quietWatch is how long the cluster-class spec watches a ready cluster for a fight between Cluster API's topology
// controller and the provider, which both write the OCICluster: longer than a few of the topology controller's
// reconciles, which any write of the OCICluster triggers.
const quietWatch = 20 * time.Second

// The cluster-class flavor: templates/clusterclass-example.yaml applied as a user would, then a Cluster of the
// class, which Cluster API's topology controller turns into the OCICluster, the KubeadmControlPlane and the
// workers' MachineDeployment, with the class's variables patched into the provider's templates.
var _ = Describe("A cluster from the cluster-class flavor", Ordered, func() {
	var cl *stack.Cluster

	It("comes up from the ClusterClass, the class's variables in the provider's objects", func(ctx SpecContext) {
		phase("create the cluster-class flavor (ClusterClass, 1 control plane + 1 worker)", func() {
			class, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "templates", "clusterclass-example.yaml"))
			Expect(err).NotTo(HaveOccurred())
			Expect(st.ApplyIn(ctx, class, "default")).To(Succeed())
			cl = createCluster(ctx, stack.ClusterOptions{Name: "topo", Flavor: "cluster-class", ControlPlanes: 1, Workers: 1}, step)
		})
		oc := topologyOCICluster(ctx, cl)
		Expect(oc.Spec.CompartmentID).To(Equal(st.Compartment), "the compartmentId variable")
		Expect(net.JoinHostPort(oc.Spec.ControlPlaneEndpoint.Host, strconv.Itoa(int(oc.Spec.ControlPlaneEndpoint.Port)))).
			To(Equal(cl.Endpoint), "the API_SERVER_PORT variable")
		for _, s := range oc.Spec.NetworkSpec.VCN.Subnets {
			Expect(s.ID).NotTo(BeEmpty(), "subnet %s", s.Name)
		}
		image := st.Sim.Images(st.Sim.Regions()[0])[0].ID
		for _, controlPlane := range []bool{true, false} {
			ms := machines(ctx, Default, cl, controlPlane)
			Expect(ms).To(HaveLen(1))
			om := &infrav1.OCIMachine{}
			Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: ms[0].Spec.InfrastructureRef.Name}, om)).To(Succeed())
			Expect(om.Spec.ImageID).To(Equal(image), "the imageId variable")
			Expect(om.Spec.Shape).To(Equal("VM.Standard.E4.Flex"), "the shape variable's default")
			Expect(om.Spec.ShapeConfig.OCPUs).To(Equal("1"), "the ocpus variable's default")
			Expect(om.Spec.Metadata).To(HaveKeyWithValue("ssh_authorized_keys", Not(BeEmpty())), "the ssh_authorized_keys variable")
			Expect(om.Spec.InstanceID).NotTo(BeEmpty())
		}
		// The API server's load balancer is named after the OCICluster, whose name the topology controller made.
		Eventually(func(g Gomega) []string { return backendsOf(ctx, g, oc.Name+"-apiserver") }).WithTimeout(step).
			WithPolling(time.Second).Should(Equal([]string{machines(ctx, Default, cl, true)[0].Name}))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("stays put: the topology controller and the provider do not fight over the OCICluster", func(ctx SpecContext) {
		before := topologyOCICluster(ctx, cl)
		since := time.Now()
		Consistently(func(g Gomega) {
			oc := topologyOCICluster(ctx, cl)
			g.Expect(oc.Generation).To(Equal(before.Generation), "the OCICluster's spec was written again")
			g.Expect(oc.Spec.NetworkSpec).To(Equal(before.Spec.NetworkSpec), "the recorded OCIDs changed")
		}).WithTimeout(quietWatch).WithPolling(2 * time.Second).Should(Succeed())
		Expect(ocisim.Mutating(st.Sim.CallsIn(st.Compartment, since))).To(BeEmpty(), "OCI calls that change something")
	}, NodeTimeout(quietWatch+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the cluster-class cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
	}, NodeTimeout(step+time.Minute))
})

// topologyOCICluster returns the OCICluster the topology controller made for the cluster (its name is generated).
func topologyOCICluster(ctx SpecContext, cl *stack.Cluster) *infrav1.OCICluster {
	c := &clusterv1.Cluster{}
	Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, c)).To(Succeed())
	Expect(c.Spec.InfrastructureRef.Name).NotTo(BeEmpty())
	oc := &infrav1.OCICluster{}
	Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: c.Spec.InfrastructureRef.Name}, oc)).To(Succeed())
	return oc
}
