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
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
)

// okeCluster returns the emulator's OKE cluster of an OCIManagedControlPlane.
func okeCluster(ctx SpecContext, cl *stack.Cluster) containerengine.Cluster {
	cp := &infrav1.OCIManagedControlPlane{}
	Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, cp)).To(Succeed())
	Expect(cp.Spec.ID).NotTo(BeEmpty())
	ce, err := st.Sim.ContainerEngineClient(st.Sim.Regions()[0])
	Expect(err).NotTo(HaveOccurred())
	resp, err := ce.GetCluster(ctx, containerengine.GetClusterRequest{ClusterId: &cp.Spec.ID})
	Expect(err).NotTo(HaveOccurred())
	return resp.Cluster
}

// The managed-flannel and managed-private flavors come up with their node pool's node ready in the workload
// cluster, as OKE makes them: a flannel overlay cluster and node pool, and a cluster whose API endpoint has no public
// IP address; then they are deleted, leaving nothing.
var _ = Describe("An OKE cluster from the managed-flannel flavor", Ordered, func() {
	var cl *stack.Cluster

	It("comes up: a FLANNEL_OVERLAY cluster and node pool, the node ready in the workload cluster", func(ctx SpecContext) {
		phase("create the managed-flannel flavor (OKE + a flannel node pool of 1)", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "okeflannel", Flavor: "managed-flannel", Workers: 1}, step)
		})
		Expect(workloadNodes(ctx, cl)).To(HaveLen(1))
		oke := okeCluster(ctx, cl)
		Expect(oke.ClusterPodNetworkOptions).To(HaveLen(1))
		Expect(oke.ClusterPodNetworkOptions[0]).To(BeAssignableToTypeOf(containerengine.FlannelOverlayClusterPodNetworkOptionDetails{}))
		pool := &infrav1exp.OCIManagedMachinePool{}
		Expect(k8s.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name + "-mp-0"}, pool)).To(Succeed())
		Expect(pool.Spec.ProviderIDList).To(HaveLen(1))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the OKE cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
	}, NodeTimeout(step+time.Minute))
})

var _ = Describe("An OKE cluster from the managed-private flavor", Ordered, func() {
	var cl *stack.Cluster

	It("comes up: an API endpoint without a public IP address, the node ready in the workload cluster", func(ctx SpecContext) {
		phase("create the managed-private flavor (OKE with a private endpoint + a node pool of 1)", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "okeprivate", Flavor: "managed-private", Workers: 1}, step)
		})
		Expect(workloadNodes(ctx, cl)).To(HaveLen(1))
		oke := okeCluster(ctx, cl)
		Expect(oke.EndpointConfig).NotTo(BeNil())
		Expect(oke.EndpointConfig.IsPublicIpEnabled).To(HaveValue(BeFalse()))
		expectNoDuplicates()
	}, NodeTimeout(step+time.Minute))

	It("is deleted, leaving nothing in the emulator", func(ctx SpecContext) {
		phase("delete the OKE cluster", func() { expectCleanAfterDelete(ctx, cl, step) })
	}, NodeTimeout(step+time.Minute))
})
