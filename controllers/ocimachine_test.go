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
	"encoding/base64"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	nlbaas "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

func nlbGet(id string) nlbaas.GetNetworkLoadBalancerRequest {
	return nlbaas.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id}
}

// TestOCIMachineLifecycle: one control-plane machine and two workers get running instances with provider IDs,
// addresses and failure domains; the control plane joins the API server's network load balancer; deleting them
// leaves nothing.
func TestOCIMachineLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "machines", nil)
	oc := tc.waitProvisioned(ctx, t)
	cp := tc.newMachine(ctx, t, "cp-0", machineOpts{controlPlane: true, failureDomain: "1"})
	w1 := tc.newMachine(ctx, t, "worker-0", machineOpts{failureDomain: "2"})
	w2 := tc.newMachine(ctx, t, "worker-1", machineOpts{mutate: func(om *infrav1.OCIMachine) {
		om.Spec.BlockvolumeSpec = &infrav1.BlockVolumeSpec{DisplayName: "data", SizeInGBs: ptr.To(100), VolumeType: "paravirtualized"}
	}})
	// They wait for the cluster's infrastructure with no OCI call.
	waitingForInfra := func(g Gomega) {
		g.Expect(conditions.GetReason(cp.get(ctx, g), infrav1.InstanceReadyCondition)).To(Equal(infrav1.WaitingForClusterInfrastructureReason))
	}
	g.Eventually(waitingForInfra).WithTimeout(time.Minute).Should(Succeed())
	g.Consistently(waitingForInfra).WithTimeout(2 * time.Second).Should(Succeed())
	g.Expect(tc.liveKinds()).NotTo(HaveKey(ocisim.KindInstance))
	tc.infrastructureProvisioned(ctx, t)

	ids := map[string]string{}
	for _, tm := range []*testMachine{cp, w1, w2} {
		om := tm.waitProvisioned(ctx, t)
		g.Expect(om.Spec.InstanceID).NotTo(BeEmpty())
		g.Expect(om.Spec.ProviderID).To(HaveValue(Equal("oci://" + om.Spec.InstanceID)))
		g.Expect(om.Status.Addresses).To(ContainElement(HaveField("Type", clusterv1.MachineInternalIP)))
		g.Expect(om.Status.FailureDomain).NotTo(BeEmpty())
		g.Expect(om.Annotations).To(HaveKey(infrav1.LaunchNonceAnnotation))
		g.Eventually(func(g Gomega) {
			g.Expect(conditions.IsTrue(tm.get(ctx, g), clusterv1.ReadyCondition)).To(BeTrue())
		}).WithTimeout(time.Minute).Should(Succeed())
		in := instance(ctx, t, om.Spec.InstanceID)
		g.Expect(string(in.LifecycleState)).To(Equal("RUNNING"))
		g.Expect(*in.DisplayName).To(Equal(om.Name))
		g.Expect(in.FreeformTags).To(HaveKeyWithValue("ClusterResourceIdentifier", oc.Spec.OCIResourceIdentifier))
		ud, err := base64.StdEncoding.DecodeString(in.Metadata["user_data"])
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(string(ud)).To(ContainSubstring("kubeadm join"))
		ids[om.Name] = om.Spec.InstanceID
	}
	// Placement: the Machine's failure domain is its availability domain.
	g.Expect(*instance(ctx, t, ids["cp-0"]).AvailabilityDomain).To(Equal(oc.Status.FailureDomains[0].Attributes["AvailabilityDomain"]))
	// The control plane, only, is a backend of the API server's load balancer.
	lb := oc.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerID
	g.Eventually(func() ([]string, error) { return nlbBackends(ctx, lb) }).WithTimeout(time.Minute).Should(ConsistOf("cp-0"))
	g.Expect(env.Sim.Duplicates(tc.Compartment)).To(BeEmpty())
	g.Expect(tc.liveKinds()).To(HaveKeyWithValue(ocisim.KindInstance, 3))
	// worker-1's block volume, named as the earlier provider named it, is attached to its instance.
	g.Eventually(func(g Gomega) {
		g.Expect(conditions.IsTrue(w2.get(ctx, g), infrav1.BlockVolumeReadyCondition)).To(BeTrue())
	}).WithTimeout(time.Minute).Should(Succeed())
	g.Expect(tc.liveKinds()).To(And(HaveKeyWithValue(ocisim.KindVolume, 1), HaveKeyWithValue(ocisim.KindVolumeAttach, 1)))
	g.Expect(liveNamed(tc, ocisim.KindVolume)).To(ConsistOf("worker-1-data"))

	for _, tm := range []*testMachine{cp, w1, w2} {
		tm.deleteAndWait(ctx, t)
	}
	g.Expect(nlbBackends(ctx, lb)).To(BeEmpty())
	g.Expect(tc.liveKinds()).NotTo(HaveKey(ocisim.KindInstance))
	g.Expect(tc.liveKinds()).NotTo(HaveKey(ocisim.KindVolume))
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}
