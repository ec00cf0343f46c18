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
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestOKEVirtualNodePool runs a virtual node pool of an ENHANCED cluster from an empty OCIVirtualMachinePool spec,
// as the virtual-node flavor has it: it spreads over the cluster's availability domains in the worker subnet, with
// its pods in the pod subnet; it is scaled 1 -> 3 -> 1 through the MachinePool, taken over again after a rebuild
// with no mutating call, and deleted with nothing left.
func TestOKEVirtualNodePool(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	k := newTestOKE(ctx, t, "okevirtual", okeOpts{clusterType: "ENHANCED_CLUSTER", pool: "virtual", replicas: 1})
	k.waitAvailable(ctx, t)
	p := k.waitVirtualNodes(ctx, t, 1)
	g.Expect(p.Spec.ID).To(HavePrefix("ocid1.virtualnodepool."))
	g.Expect(p.Status.NodepoolLifecycleState).To(Equal("ACTIVE"))

	mc := &infrav1.OCIManagedCluster{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.Managed), mc)).To(Succeed())
	vnp := virtualNodePool(ctx, t, p.Spec.ID)
	g.Expect(*vnp.DisplayName).To(Equal(k.Virtual.Name))
	g.Expect(vnp.PlacementConfigurations).To(HaveLen(len(env.Sim.ADNames(region))), "one placement per availability domain")
	for _, pc := range vnp.PlacementConfigurations {
		g.Expect(*pc.SubnetId).To(Equal(roleID(mc.Spec.NetworkSpec.VCN.Subnets, "worker")))
	}
	g.Expect(*vnp.PodConfiguration.SubnetId).To(Equal(roleID(mc.Spec.NetworkSpec.VCN.Subnets, "pod")))
	g.Expect(*vnp.PodConfiguration.Shape).To(Equal("Pod.Standard.E4.Flex"))
	g.Expect(vnp.FreeformTags).To(HaveKeyWithValue("ClusterResourceIdentifier", mc.Spec.OCIResourceIdentifier))

	k.scale(ctx, t, 3)
	p = k.waitVirtualNodes(ctx, t, 3)
	g.Expect(virtualNodes(p.Spec.ID)).To(HaveLen(3))
	k.scale(ctx, t, 1)
	p = k.waitVirtualNodes(ctx, t, 1)
	g.Expect(virtualNodes(p.Spec.ID)).To(HaveLen(1))

	saved := k.letGo(ctx, t, infrav1.GroupVersion.Version)
	for _, u := range saved {
		stripOCIDs(u.Object["spec"])
		_, hasID, _ := unstructured.NestedString(u.Object, "spec", "id")
		g.Expect(hasID).To(BeFalse())
	}
	since := time.Now()
	k.rebuild(ctx, t, saved)
	k.waitAvailable(ctx, t)
	g.Expect(k.waitVirtualNodes(ctx, t, 1).Spec.ID).To(Equal(p.Spec.ID))
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(k.Compartment, since)))).To(BeEmpty())

	k.deleteAll(ctx, t)
}

// virtualNodePool reads a virtual node pool through the SDK.
func virtualNodePool(ctx context.Context, t testing.TB, id string) containerengine.VirtualNodePool {
	t.Helper()
	ce, err := env.Sim.ContainerEngineClient(region)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ce.GetVirtualNodePool(ctx, containerengine.GetVirtualNodePoolRequest{VirtualNodePoolId: &id})
	if err != nil {
		t.Fatal(err)
	}
	return r.VirtualNodePool
}

// virtualNodes are the emulator's live virtual nodes of a pool.
func virtualNodes(id string) []ocisim.NodeView {
	return slices.DeleteFunc(poolNodes(id), func(n ocisim.NodeView) bool { return !n.Virtual })
}

// TestOKEVirtualNodePoolOnABasicCluster: OKE refuses a virtual node pool on a BASIC cluster; the pool reports OCI's
// reason in its condition, makes nothing, and is deleted with its cluster, leaving nothing.
func TestOKEVirtualNodePoolOnABasicCluster(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	k := newTestOKE(ctx, t, "okevbasic", okeOpts{clusterType: "BASIC_CLUSTER", pool: "virtual"})
	k.waitAvailable(ctx, t)
	g.Eventually(func(g Gomega) {
		p := k.virtual(ctx, g)
		c := conditions.Get(p, infrav1exp.VirtualNodePoolReadyCondition)
		g.Expect(c).NotTo(BeNil())
		g.Expect(c.Status).To(Equal(metav1.ConditionFalse))
		g.Expect(c.Message).To(ContainSubstring("ENHANCED"))
		g.Expect(p.Status.Initialization.Provisioned).To(BeNil())
	}).WithTimeout(time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	g.Expect(liveKindsIn(k.Compartment)).NotTo(HaveKey(ocisim.KindVirtualNodePool))
	k.deleteAll(ctx, t)
}
