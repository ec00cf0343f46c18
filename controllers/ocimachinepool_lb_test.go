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
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// A pool attached to a network load balancer's backend set (spec.loadBalancers) has one backend per instance
// there, kept by OCI as it scales; taken out of spec.loadBalancers, it is detached and its backends leave.
func TestMachinePoolLoadBalancerAttachment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "mplb", nil)
	oc := tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)

	c, err := env.Sim.NetworkLoadBalancerClient(region)
	g.Expect(err).NotTo(HaveOccurred())
	created, err := c.CreateNetworkLoadBalancer(ctx, networkloadbalancer.CreateNetworkLoadBalancerRequest{
		CreateNetworkLoadBalancerDetails: networkloadbalancer.CreateNetworkLoadBalancerDetails{
			CompartmentId: ptr.To(tc.Compartment), DisplayName: ptr.To("ingress"), SubnetId: ptr.To(subnetOfRole(oc, "worker")),
			IsPrivate: ptr.To(true),
			BackendSets: map[string]networkloadbalancer.BackendSetDetails{"ingress": {Policy: networkloadbalancer.NetworkLoadBalancingPolicyFiveTuple,
				HealthChecker: &networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsTcp, Port: ptr.To(30080)}}},
		}})
	g.Expect(err).NotTo(HaveOccurred())
	nlbID := ptr.Deref(created.Id, "")
	backends := func() ([]string, error) {
		r, err := c.GetNetworkLoadBalancer(ctx, nlbGet(nlbID))
		if err != nil {
			return nil, err
		}
		var out []string
		for _, b := range r.BackendSets["ingress"].Backends {
			out = append(out, ptr.Deref(b.TargetId, ""))
		}
		return out, nil
	}

	tp := tc.newMachinePool(ctx, t, 3, func(p *infrav1exp.OCIMachinePool) {
		p.Spec.LoadBalancers = []infrav1exp.InstancePoolLoadBalancer{{LoadBalancerID: nlbID, BackendSetName: "ingress", Port: 30080}}
	})
	_, ids := tp.waitReady(ctx, t, 3)
	g.Eventually(backends).WithTimeout(time.Minute).Should(ConsistOf(ids))
	tp.scale(ctx, t, 2)
	_, ids = tp.waitReady(ctx, t, 2)
	g.Eventually(backends).WithTimeout(time.Minute).Should(ConsistOf(ids))

	g.Eventually(func() error {
		p := tp.get(ctx, g)
		p.Spec.LoadBalancers = nil
		return env.Client.Update(ctx, p)
	}).Should(Succeed())
	g.Eventually(backends).WithTimeout(time.Minute).Should(BeEmpty())
	g.Expect(instancePool(ctx, t, tp.get(ctx, g).Spec.OCID).LoadBalancers).To(BeEmpty())

	tp.deleteAndWait(ctx, t)
	_, err = c.DeleteNetworkLoadBalancer(ctx, networkloadbalancer.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: &nlbID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Eventually(func() int { return tc.liveKinds()["networkloadbalancer"] }).WithTimeout(time.Minute).Should(Equal(1))
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}
