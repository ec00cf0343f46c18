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
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The default layout, as the earlier provider makes it: a VCN with its default route table and security list,
// the three gateways, a private and a public route table, four subnets and four NSGs, and the API server's NLB.
var defaultLayout = map[string]int{
	ocisim.KindVcn: 1, "routetable": 3, "securitylist": 1, "internetgateway": 1, "natgateway": 1, "servicegateway": 1,
	ocisim.KindSubnet: 4, "networksecuritygroup": 4, ocisim.KindNLB: 1,
}

func TestOCIClusterDefaultLayoutProvisionedAndDeleted(t *testing.T) {
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "default", nil)
	oc := tc.waitProvisioned(ctx, t)

	g.Expect(conditions.IsTrue(oc, clusterv1.ReadyCondition)).To(BeTrue(), "conditions: %v", oc.Status.Conditions)
	for _, c := range []string{infrav1.VCNReadyCondition, infrav1.SubnetsReadyCondition, infrav1.NetworkSecurityGroupsReadyCondition,
		infrav1.APIServerLoadBalancerReadyCondition, infrav1.FailureDomainsReadyCondition, infrav1.IdentityReadyCondition} {
		g.Expect(conditions.IsTrue(oc, c)).To(BeTrue(), "%s: %v", c, conditions.Get(oc, c))
	}
	g.Expect(tc.liveKinds()).To(Equal(defaultLayout))
	g.Expect(env.Sim.Duplicates(tc.Compartment)).To(BeEmpty())

	// The contract: the endpoint is the NLB's address on the Cluster's API server port; one failure domain per
	// availability domain, each for the control plane.
	g.Expect(oc.Spec.ControlPlaneEndpoint).To(Equal(clusterv1.APIEndpoint{Host: "127.0.0.1", Port: 6443}))
	g.Expect(oc.Status.FailureDomains).To(HaveLen(3))
	for _, fd := range oc.Status.FailureDomains {
		g.Expect(fd.ControlPlane).To(HaveValue(BeTrue()))
	}
	// Every OCID is recorded, and the provider owns each (status.resources).
	v := oc.Spec.NetworkSpec.VCN
	g.Expect(v.ID).NotTo(BeEmpty())
	for _, s := range v.Subnets {
		g.Expect(s.ID).NotTo(BeEmpty(), "subnet %s", s.Name)
	}
	for _, n := range v.NetworkSecurityGroup.List {
		g.Expect(n.ID).NotTo(BeEmpty(), "NSG %s", n.Name)
	}
	g.Expect(oc.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerID).NotTo(BeEmpty())
	// The earlier provider's conditions, for objects read as v1beta1 or v1beta2.
	g.Expect(oc.GetV1Beta1Conditions()).To(ContainElement(HaveField("Type", BeEquivalentTo("ClusterReady"))))

	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

func TestOCIClusterWaitsForItsOwner(t *testing.T) {
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "orphan", func(oc *infrav1.OCICluster) { oc.OwnerReferences = nil })
	g.Consistently(func(g Gomega) {
		oc := tc.get(ctx, g)
		g.Expect(oc.Finalizers).To(BeEmpty())
	}).WithTimeout(3 * time.Second).WithPolling(500 * time.Millisecond).Should(Succeed())
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}
