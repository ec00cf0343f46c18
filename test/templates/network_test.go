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

package templates_test

import (
	"fmt"
	"testing"

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
)

// iadServices is the Oracle Services Network of us-ashburn-1, the destination the earlier provider's
// self-managed-nodes flavor wrote into its rules to the Oracle services whatever the cluster's region.
const iadServices = "all-iad-services-in-oracle-services-network"

// The CIDRs of the OKE flannel layout.
const (
	endpointCIDR = "10.0.0.8/29"
	serviceLB    = "10.0.0.32/27"
	workerCIDR   = "10.0.64.0/20"
	anywhere     = "0.0.0.0/0"
)

// earlierFlannelSubnets are the subnets of the earlier provider's self-managed-nodes flavor.
var earlierFlannelSubnets = []infrav1.Subnet{
	{Name: "control-plane-endpoint", Role: "control-plane-endpoint", CIDR: endpointCIDR, Type: "public"},
	{Name: "service-lb", Role: "service-lb", CIDR: serviceLB, Type: "public"},
	{Name: "worker", Role: "worker", CIDR: workerCIDR, Type: "private"},
}

// rule is a stateful NSG rule in short: its description, protocol ("6" TCP, "1" ICMP path discovery, "all") and
// peer (a CIDR, or iadServices), and for TCP its destination ports (none: every port).
type rule struct {
	desc, proto, peer string
	ports             []int
}

// earlierFlannelNSGs are the network security groups of the earlier provider's self-managed-nodes flavor, in its
// order, by role: ingress then egress rules.
func earlierFlannelNSGs() []infrav1.NSG {
	const tcp, icmp, all = "6", "1", "all"
	const workerToAPI = "Kubernetes worker to Kubernetes API endpoint communication."
	const apiToWorker = "Allow Kubernetes API endpoint to communicate with worker nodes."
	const podToPod = "Allow pods on one worker node to communicate with pods on other worker nodes."
	const lbToNodePorts = "Load Balancer to Worker nodes node ports."
	const pathDiscovery = "Path Discovery."
	return []infrav1.NSG{
		nsgOf("control-plane-endpoint", []rule{
			{workerToAPI, tcp, workerCIDR, []int{6443}},
			{workerToAPI, tcp, workerCIDR, []int{12250}},
			{pathDiscovery, icmp, workerCIDR, nil},
			{"External access to Kubernetes API endpoint.", tcp, anywhere, []int{6443}},
		}, []rule{
			{"Allow Kubernetes API endpoint to communicate with OKE.", tcp, iadServices, nil},
			{pathDiscovery, icmp, iadServices, nil},
			{apiToWorker, tcp, workerCIDR, []int{10250}},
			{pathDiscovery, icmp, workerCIDR, nil},
		}),
		nsgOf("worker", []rule{
			{podToPod, all, workerCIDR, nil},
			{apiToWorker, tcp, endpointCIDR, nil},
			{pathDiscovery, icmp, anywhere, nil},
			{lbToNodePorts, tcp, serviceLB, []int{30000, 32767}},
		}, []rule{
			{podToPod, all, workerCIDR, nil},
			{"Allow worker nodes to communicate with OKE.", tcp, iadServices, nil},
			{pathDiscovery, icmp, anywhere, nil},
			{workerToAPI, tcp, endpointCIDR, []int{6443}},
			{workerToAPI, tcp, endpointCIDR, []int{12250}},
		}),
		nsgOf("service-lb", []rule{
			{"Accept http traffic on port 80", tcp, anywhere, []int{80}},
			{"Accept https traffic on port 443", tcp, anywhere, []int{443}},
		}, []rule{
			{lbToNodePorts, tcp, workerCIDR, []int{30000, 32767}},
		}),
	}
}

// nsgOf makes the NSG of a role, named after it, with the rules in and out.
func nsgOf(role string, in, out []rule) infrav1.NSG {
	n := infrav1.NSG{Name: role, Role: role}
	for _, r := range in {
		peerType, icmp, tcp := r.details()
		n.IngressRules = append(n.IngressRules, infrav1.IngressSecurityRuleForNSG{IngressRule: &infrav1.IngressSecurityRule{
			Description: r.desc, Protocol: r.proto, Source: r.peer, SourceType: peerType, IsStateless: ptr.To(false),
			ICMPOptions: icmp, TCPOptions: tcp}})
	}
	for _, r := range out {
		peerType, icmp, tcp := r.details()
		n.EgressRules = append(n.EgressRules, infrav1.EgressSecurityRuleForNSG{EgressRule: &infrav1.EgressSecurityRule{
			Description: r.desc, Protocol: r.proto, Destination: r.peer, DestinationType: peerType, IsStateless: ptr.To(false),
			ICMPOptions: icmp, TCPOptions: tcp}})
	}
	return n
}

// details returns the type of the rule's peer and its ICMP or TCP options.
func (r rule) details() (string, *infrav1.ICMPOptions, *infrav1.TCPOptions) {
	peerType := "CIDR_BLOCK"
	if r.peer == iadServices {
		peerType = "SERVICE_CIDR_BLOCK"
	}
	var icmp *infrav1.ICMPOptions
	if r.proto == "1" {
		icmp = &infrav1.ICMPOptions{Type: ptr.To(3), Code: ptr.To(4)}
	}
	var tcp *infrav1.TCPOptions
	if len(r.ports) > 0 {
		lo, hi := r.ports[0], r.ports[len(r.ports)-1]
		tcp = &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(lo), Max: ptr.To(hi)}}
	}
	return peerType, icmp, tcp
}

// ociNSG is an NSG with its rules as the provider sends them to OCI.
type ociNSG struct {
	Name, Role string
	Ingress    []secrules.Rule
	Egress     []secrules.Rule
}

// inOCI translates NSGs' rules as the provider does for a cluster in us-ashburn-1, whose Oracle Services Network is
// iadServices.
func inOCI(g Gomega, nsgs []infrav1.NSG) []ociNSG {
	t := secrules.Translator{ServiceLabel: iadServices}
	out := make([]ociNSG, 0, len(nsgs))
	for _, n := range nsgs {
		o := ociNSG{Name: n.Name, Role: n.Role}
		for i, r := range n.IngressRules {
			g.Expect(r.IngressRule).NotTo(BeNil())
			rule, err := t.Ingress(fmt.Sprintf("%s.ingressRules[%d]", n.Name, i), r.IngressRule)
			g.Expect(err).NotTo(HaveOccurred())
			o.Ingress = append(o.Ingress, rule)
		}
		for i, r := range n.EgressRules {
			g.Expect(r.EgressRule).NotTo(BeNil())
			rule, err := t.Egress(fmt.Sprintf("%s.egressRules[%d]", n.Name, i), r.EgressRule)
			g.Expect(err).NotTo(HaveOccurred())
			o.Egress = append(o.Egress, rule)
		}
		out = append(out, o)
	}
	return out
}

// TestSelfManagedNodesNetworkIsTheEarlierProviders checks the network of the self-managed-nodes flavor, as the API
// server admits it, against the earlier provider's flavor of the same name: the same VCN and subnets, and NSGs whose
// rules are, as sent to OCI in us-ashburn-1, the same, while the template names no region's Oracle Services
// Network. It also shows why the flavor writes its network out: without it, admission fills in the OKE default
// layout of VCN-native pods, which is not this one.
func TestSelfManagedNodesNetworkIsTheEarlierProviders(t *testing.T) {
	g := NewWithT(t)
	var rendered *unstructured.Unstructured
	for _, o := range objects(t, selfManagedNodesFile, everyVariable(t, namespace(t))) {
		if o.GetKind() == "OCIManagedCluster" {
			rendered = o.DeepCopy()
		}
	}
	g.Expect(rendered).NotTo(BeNil())
	earlier := inOCI(g, earlierFlannelNSGs())

	explicit := rendered.DeepCopy()
	_, err := dryRunCreate(t.Context(), explicit)
	g.Expect(err).NotTo(HaveOccurred())
	var c infrav1.OCIManagedCluster
	fromUnstructured(g, explicit, &c)
	vcn := c.Spec.NetworkSpec.VCN
	g.Expect(vcn.CIDR).To(Equal("10.0.0.0/16"))
	g.Expect(vcn.Subnets).To(Equal(earlierFlannelSubnets))
	g.Expect(vcn.NetworkSecurityGroup).NotTo(BeNil())
	services := 0
	for _, n := range vcn.NetworkSecurityGroup.List {
		for _, r := range n.EgressRules {
			if r.EgressRule.DestinationType == "SERVICE_CIDR_BLOCK" {
				services++
				g.Expect(r.EgressRule.Destination).To(BeEmpty(), "NSG %s names a region's services", n.Name)
			}
		}
	}
	g.Expect(services).To(Equal(3))
	g.Expect(inOCI(g, vcn.NetworkSecurityGroup.List)).To(Equal(earlier))

	defaulted := rendered.DeepCopy()
	unstructured.RemoveNestedField(defaulted.Object, "spec", "networkSpec")
	_, err = dryRunCreate(t.Context(), defaulted)
	g.Expect(err).NotTo(HaveOccurred())
	var d infrav1.OCIManagedCluster
	fromUnstructured(g, defaulted, &d)
	g.Expect(d.Spec.NetworkSpec.VCN.Subnets).NotTo(Equal(earlierFlannelSubnets))
	g.Expect(subnetNamed(&d, "pod")).To(BeTrue(), "the OKE default layout has a pod subnet")
	g.Expect(d.Spec.NetworkSpec.VCN.NetworkSecurityGroup).NotTo(BeNil())
	g.Expect(inOCI(g, d.Spec.NetworkSpec.VCN.NetworkSecurityGroup.List)).NotTo(Equal(earlier))
}
