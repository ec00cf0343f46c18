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
	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	nlbaas "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The default layout, as the earlier provider makes it: a VCN with its default route table and security list,
// the three gateways, a private and a public route table, four subnets and four NSGs, and the API server's NLB.
var defaultLayout = map[string]int{
	ocisim.KindVcn: 1, "routetable": 3, "securitylist": 1, "internetgateway": 1, "natgateway": 1, "servicegateway": 1,
	ocisim.KindSubnet: 4, "networksecuritygroup": 4, ocisim.KindNLB: 1,
}

func TestOCIClusterDefaultLayout(t *testing.T) {
	t.Parallel()
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
	// Every OCID is recorded.
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

	// In place: a whole drift check (it lists the NSGs) makes no change.
	since := time.Now()
	g.Eventually(func() []string { return operations(env.Sim.CallsIn(tc.Compartment, since)) }).
		WithTimeout(3 * driftInterval).WithPolling(time.Second).Should(ContainElement("ListNetworkSecurityGroupSecurityRules"))
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(tc.Compartment, since)))).To(BeEmpty())

	// A rule removed from an NSG behind our back is put back at the next drift check.
	nsg := nsgNamed(oc, "control-plane")
	rules := nsgRules(ctx, t, nsg)
	removeNSGRule(ctx, t, nsg, rules[0])
	g.Eventually(func() int { return len(nsgRules(ctx, t, nsg)) }).WithTimeout(3 * driftInterval).WithPolling(time.Second).
		Should(Equal(len(rules)))

	// A rule's description edited behind our back is written back, in place: one update, nothing removed or added.
	rules = nsgRules(ctx, t, nsg)
	g.Expect(rules[0].Description).To(HaveValue(Not(BeEmpty())))
	want := *rules[0].Description
	since = time.Now()
	describeNSGRule(ctx, t, nsg, rules[0], "edited")
	g.Eventually(func() *string { return nsgRules(ctx, t, nsg)[0].Description }).WithTimeout(3 * driftInterval).
		WithPolling(time.Second).Should(HaveValue(Equal(want)))
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(tc.Compartment, since)))).To(Equal([]string{
		"UpdateNetworkSecurityGroupSecurityRules", "UpdateNetworkSecurityGroupSecurityRules"}))

	// What the cloud controller manager makes for a Service of type LoadBalancer goes with the cluster.
	ccmLoadBalancerAndNSG(ctx, t, tc, oc)
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

func TestOCIClusterFlexibleLoadBalancer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "flexible", func(oc *infrav1.OCICluster) {
		oc.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: "lb"}
	})
	tc.Cluster.Spec.ClusterNetwork.APIServerPort = 7443
	g.Expect(env.Client.Update(ctx, tc.Cluster)).To(Succeed())
	oc := tc.waitProvisioned(ctx, t)
	kinds := tc.liveKinds()
	g.Expect(kinds).To(HaveKeyWithValue(ocisim.KindLoadBalancer, 1))
	g.Expect(kinds).NotTo(HaveKey(ocisim.KindNLB))
	g.Expect(oc.Spec.ControlPlaneEndpoint.Port).To(BeEquivalentTo(7443))

	// The private route table deleted behind our back (its subnets first moved to the VCN's default one, as OCI
	// requires): recreated at the next drift check, its new OCID recorded, and the subnets moved back to it.
	old := oc.Spec.NetworkSpec.VCN.RouteTable.PrivateRouteTableID
	deleteRouteTable(ctx, t, oc, old)
	g.Eventually(func(g Gomega) {
		oc = tc.get(ctx, g)
		now := oc.Spec.NetworkSpec.VCN.RouteTable.PrivateRouteTableID
		g.Expect(now).NotTo(BeEmpty())
		g.Expect(now).NotTo(Equal(old))
		for i := range oc.Spec.NetworkSpec.VCN.Subnets {
			if s := &oc.Spec.NetworkSpec.VCN.Subnets[i]; s.Type == "private" {
				g.Expect(subnetRouteTable(ctx, t, s.ID)).To(Equal(now), "subnet %s", s.Name)
			}
		}
	}).WithTimeout(4 * driftInterval).WithPolling(time.Second).Should(Succeed())
	g.Expect(env.Sim.Duplicates(tc.Compartment)).To(BeEmpty())
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

func TestOCIClusterWaitsForItsOwner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "orphan", func(oc *infrav1.OCICluster) { oc.OwnerReferences = nil })
	g.Consistently(func(g Gomega) {
		g.Expect(tc.get(ctx, g).Finalizers).To(BeEmpty())
	}).WithTimeout(3 * time.Second).WithPolling(500 * time.Millisecond).Should(Succeed())
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())

	// Cluster API sets the owner reference later: that change alone must bring the OCICluster back.
	oc := tc.get(ctx, g)
	patch := client.MergeFrom(oc.DeepCopy())
	oc.OwnerReferences = ownedBy(tc.Cluster)
	g.Expect(env.Client.Patch(ctx, oc, patch)).To(Succeed())
	g.Eventually(func(g Gomega) {
		g.Expect(tc.get(ctx, g).Finalizers).NotTo(BeEmpty())
	}).WithTimeout(time.Minute).Should(Succeed())
	tc.deleteAndWait(ctx, t)
}

// nsgNamed returns the OCID of the cluster's NSG of a name.
func nsgNamed(oc *infrav1.OCICluster, name string) string {
	for i := range oc.Spec.NetworkSpec.VCN.NetworkSecurityGroup.List {
		if n := &oc.Spec.NetworkSpec.VCN.NetworkSecurityGroup.List[i]; n.Name == name {
			return n.ID
		}
	}
	return ""
}

// virtualNetwork is a client of the emulator's virtual network service, for a test to look or act behind the
// controllers' back.
func virtualNetwork(t testing.TB) core.VirtualNetworkClient {
	t.Helper()
	vn, err := env.Sim.VirtualNetworkClient(region)
	if err != nil {
		t.Fatal(err)
	}
	return vn
}

func nsgRules(ctx context.Context, t *testing.T, nsg string) []core.SecurityRule {
	t.Helper()
	vn := virtualNetwork(t)
	var out []core.SecurityRule
	var page *string
	for {
		r, err := vn.ListNetworkSecurityGroupSecurityRules(ctx, core.ListNetworkSecurityGroupSecurityRulesRequest{
			NetworkSecurityGroupId: &nsg, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Items...)
		if page = r.OpcNextPage; page == nil {
			return out
		}
	}
}

func removeNSGRule(ctx context.Context, t *testing.T, nsg string, rule core.SecurityRule) {
	t.Helper()
	vn := virtualNetwork(t)
	if _, err := vn.RemoveNetworkSecurityGroupSecurityRules(ctx, core.RemoveNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: &nsg, RemoveNetworkSecurityGroupSecurityRulesDetails: core.RemoveNetworkSecurityGroupSecurityRulesDetails{
			SecurityRuleIds: []string{*rule.Id}}}); err != nil {
		t.Fatal(err)
	}
}

// describeNSGRule rewrites rule in place with another description, as someone editing it in the console would.
func describeNSGRule(ctx context.Context, t *testing.T, nsg string, rule core.SecurityRule, description string) {
	t.Helper()
	vn := virtualNetwork(t)
	if _, err := vn.UpdateNetworkSecurityGroupSecurityRules(ctx, core.UpdateNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: &nsg, UpdateNetworkSecurityGroupSecurityRulesDetails: core.UpdateNetworkSecurityGroupSecurityRulesDetails{
			SecurityRules: []core.UpdateSecurityRuleDetails{{Id: rule.Id, Direction: core.UpdateSecurityRuleDetailsDirectionEnum(rule.Direction),
				Protocol: rule.Protocol, Source: rule.Source, SourceType: core.UpdateSecurityRuleDetailsSourceTypeEnum(rule.SourceType),
				Destination: rule.Destination, DestinationType: core.UpdateSecurityRuleDetailsDestinationTypeEnum(rule.DestinationType),
				IsStateless: rule.IsStateless, IcmpOptions: rule.IcmpOptions, TcpOptions: rule.TcpOptions, UdpOptions: rule.UdpOptions,
				Description: &description}}}}); err != nil {
		t.Fatal(err)
	}
}

// ccmLoadBalancerAndNSG makes, as the cloud controller manager would for a Service, an NSG in the cluster's VCN and
// a network load balancer in its service-lb subnet, neither with the cluster's tags.
func ccmLoadBalancerAndNSG(ctx context.Context, t *testing.T, tc *testCluster, oc *infrav1.OCICluster) {
	t.Helper()
	vn := virtualNetwork(t)
	nsg, err := vn.CreateNetworkSecurityGroup(ctx, core.CreateNetworkSecurityGroupRequest{CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{
		CompartmentId: &tc.Compartment, VcnId: &oc.Spec.NetworkSpec.VCN.ID, DisplayName: common.String("ccm-service-nsg")}})
	if err != nil {
		t.Fatal(err)
	}
	var subnet string
	for i := range oc.Spec.NetworkSpec.VCN.Subnets {
		if s := &oc.Spec.NetworkSpec.VCN.Subnets[i]; s.Role == "service-lb" {
			subnet = s.ID
		}
	}
	nc, err := env.Sim.NetworkLoadBalancerClient(region)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := nc.CreateNetworkLoadBalancer(ctx, nlbaas.CreateNetworkLoadBalancerRequest{CreateNetworkLoadBalancerDetails: nlbaas.CreateNetworkLoadBalancerDetails{
		CompartmentId: &tc.Compartment, DisplayName: common.String("ccm-service"), SubnetId: &subnet,
		NetworkSecurityGroupIds: []string{*nsg.Id}}}); err != nil {
		t.Fatal(err)
	}
}

// operations are the operations of logged calls.
func operations(entries []ocisim.RequestLogEntry) []string {
	out := make([]string, 0, len(entries))
	for i := range entries {
		out = append(out, entries[i].Operation)
	}
	return out
}

// deleteRouteTable moves the subnets off a route table to the VCN's default one and deletes it.
func deleteRouteTable(ctx context.Context, t *testing.T, oc *infrav1.OCICluster, id string) {
	t.Helper()
	vn := virtualNetwork(t)
	v, err := vn.GetVcn(ctx, core.GetVcnRequest{VcnId: &oc.Spec.NetworkSpec.VCN.ID})
	if err != nil {
		t.Fatal(err)
	}
	for i := range oc.Spec.NetworkSpec.VCN.Subnets {
		s := &oc.Spec.NetworkSpec.VCN.Subnets[i]
		if subnetRouteTable(ctx, t, s.ID) == id {
			if _, err := vn.UpdateSubnet(ctx, core.UpdateSubnetRequest{SubnetId: &s.ID,
				UpdateSubnetDetails: core.UpdateSubnetDetails{RouteTableId: v.DefaultRouteTableId}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := vn.DeleteRouteTable(ctx, core.DeleteRouteTableRequest{RtId: &id}); err != nil {
		t.Fatal(err)
	}
}

func subnetRouteTable(ctx context.Context, t *testing.T, id string) string {
	t.Helper()
	vn := virtualNetwork(t)
	s, err := vn.GetSubnet(ctx, core.GetSubnetRequest{SubnetId: &id})
	if err != nil {
		t.Fatal(err)
	}
	return *s.RouteTableId
}

func TestOCIClusterManagedElsewhereIsLeftAlone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "external", func(oc *infrav1.OCICluster) {
		oc.Annotations = map[string]string{clusterv1.ManagedByAnnotation: "another-controller"}
		oc.Spec.ControlPlaneEndpoint = clusterv1.APIEndpoint{Host: "api.example.com", Port: 6443}
	})
	g.Consistently(func(g Gomega) {
		oc := tc.get(ctx, g)
		g.Expect(oc.Finalizers).To(BeEmpty())
		g.Expect(oc.Status.Conditions).To(BeEmpty())
	}).WithTimeout(3 * time.Second).WithPolling(500 * time.Millisecond).Should(Succeed())
	g.Expect(env.Sim.CallsIn(tc.Compartment, tc.Created)).To(BeEmpty())
}
