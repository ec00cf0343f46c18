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

package earlier

import (
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
)

// The default network the earlier provider's defaulting webhook writes into a new OCICluster, which its controller
// then makes: the VCN's CIDR (api/v1beta2/constants.go: VcnDefaultCidr), four subnets in this order
// (api/v1beta2/ocicluster_webhook.go: SubnetSpec; CIDRs and names from api/v1beta2/constants.go; roles and types
// from api/v1beta2/types.go) and four network security groups with their rules, in this order
// (api/v1beta2/ocicluster_webhook.go: NSGSpec and the Get*DefaultIngressRules/Get*DefaultEgressRules functions).

const (
	vcnCIDR          = "10.0.0.0/16"
	endpointCIDR     = "10.0.0.8/29"
	controlPlaneCIDR = "10.0.0.0/29"
	serviceLBCIDR    = "10.0.0.32/27"
	workerCIDR       = "10.0.64.0/20"
	anywhere         = "0.0.0.0/0"

	roleEndpoint     = "control-plane-endpoint"
	roleControlPlane = "control-plane"
	roleWorker       = "worker"
	roleServiceLB    = "service-lb"
	typePublic       = "public"
	typePrivate      = "private"

	// cidrBlock is the source and destination type of every default rule.
	cidrBlock = "CIDR_BLOCK"
	protoTCP  = "6"
	protoICMP = "1"
	protoIPIP = "4"
	protoAll  = "all"
)

// subnet is a default subnet: its role (also its name), CIDR and type.
type subnet struct{ role, cidr, kind string }

var defaultSubnets = []subnet{
	{roleEndpoint, endpointCIDR, typePublic},
	{roleControlPlane, controlPlaneCIDR, typePrivate},
	{roleServiceLB, serviceLBCIDR, typePublic},
	{roleWorker, workerCIDR, typePrivate},
}

// rule is a default security rule: its description, protocol, TCP destination port range (0: none), whether it
// is the ICMP type 3 code 4 of path MTU discovery, and its peer (an ingress rule's source, an egress rule's
// destination), a CIDR block.
type rule struct {
	desc, proto string
	min, max    int
	pathMTU     bool
	peer        string
}

// nsg is a default network security group: its role (also its name) and rules.
type nsg struct {
	role            string
	ingress, egress []rule
}

func tcp(desc string, port int, peer string) rule {
	return rule{desc: desc, proto: protoTCP, min: port, max: port, peer: peer}
}

func pathDiscovery() rule {
	return rule{desc: "Path discovery", proto: protoICMP, pathMTU: true, peer: vcnCIDR}
}

var defaultNSGs = []nsg{
	{role: roleEndpoint,
		ingress: []rule{tcp("External access to Kubernetes API endpoint", 6443, anywhere), pathDiscovery()},
		egress:  []rule{tcp("Kubernetes API traffic to Control Plane", 6443, controlPlaneCIDR)}},
	{role: roleControlPlane,
		ingress: []rule{
			tcp("Kubernetes API endpoint to Control Plane(apiserver port) communication", 6443, endpointCIDR),
			tcp("Control plane node to Control Plane(apiserver port) communication", 6443, controlPlaneCIDR),
			tcp("Worker Node to Control Plane(apiserver port) communication", 6443, workerCIDR),
			tcp("etcd client communication", 2379, controlPlaneCIDR),
			tcp("etcd peer", 2380, controlPlaneCIDR),
			tcp("Calico networking (BGP)", 179, controlPlaneCIDR),
			tcp("Calico networking (BGP)", 179, workerCIDR),
			{desc: "Calico networking with IP-in-IP enabled", proto: protoIPIP, peer: controlPlaneCIDR},
			{desc: "Calico networking with IP-in-IP enabled", proto: protoIPIP, peer: workerCIDR},
			pathDiscovery(),
			tcp("Inbound SSH traffic to Control Plane", 22, anywhere),
			tcp("Control Plane to Control Plane Kubelet Communication", 10250, controlPlaneCIDR),
		},
		egress: []rule{{desc: "Control Plane access to Internet", proto: protoAll, peer: anywhere}}},
	{role: roleWorker,
		ingress: []rule{
			tcp("Inbound SSH traffic to worker node", 22, anywhere),
			pathDiscovery(),
			tcp("Control Plane to worker node Kubelet Communication", 10250, controlPlaneCIDR),
			tcp("Worker node to worker node Kubelet Communication", 10250, workerCIDR),
			tcp("Calico networking (BGP)", 179, controlPlaneCIDR),
			tcp("Calico networking (BGP)", 179, workerCIDR),
			{desc: "Calico networking with IP-in-IP enabled", proto: protoIPIP, peer: controlPlaneCIDR},
			{desc: "Calico networking with IP-in-IP enabled", proto: protoIPIP, peer: workerCIDR},
			{desc: "Worker node to default NodePort ingress communication", proto: protoTCP, min: 30000, max: 32767, peer: workerCIDR},
		},
		egress: []rule{{desc: "Worker node access to Internet", proto: protoAll, peer: anywhere}}},
	{role: roleServiceLB,
		ingress: []rule{
			pathDiscovery(),
			tcp("Accept http traffic on port 80", 80, anywhere),
			tcp("Accept https traffic on port 443", 443, anywhere),
		},
		egress: []rule{{desc: "Service LoadBalancer to default NodePort egress communication", proto: protoTCP,
			min: 30000, max: 32767, peer: workerCIDR}}},
}

// spec is the network security group as the earlier provider's OCICluster keeps it once made: its OCID, and its
// rules with isStateless set.
func (n nsg) spec(id string) infrav1beta2.NSG {
	out := infrav1beta2.NSG{ID: id, Name: n.role, Role: n.role}
	for _, r := range n.ingress {
		out.IngressRules = append(out.IngressRules, infrav1beta2.IngressSecurityRuleForNSG{IngressRule: &infrav1beta2.IngressSecurityRule{
			Description: r.desc, Protocol: r.proto, Source: r.peer, SourceType: cidrBlock, IsStateless: ptr.To(false),
			TCPOptions: r.tcpSpec(), ICMPOptions: r.icmpSpec()}})
	}
	for _, r := range n.egress {
		out.EgressRules = append(out.EgressRules, infrav1beta2.EgressSecurityRuleForNSG{EgressRule: &infrav1beta2.EgressSecurityRule{
			Description: r.desc, Protocol: r.proto, Destination: r.peer, DestinationType: cidrBlock, IsStateless: ptr.To(false),
			TCPOptions: r.tcpSpec(), ICMPOptions: r.icmpSpec()}})
	}
	return out
}

func (r rule) tcpSpec() *infrav1beta2.TCPOptions {
	if r.min == 0 {
		return nil
	}
	return &infrav1beta2.TCPOptions{DestinationPortRange: &infrav1beta2.PortRange{Min: ptr.To(r.min), Max: ptr.To(r.max)}}
}

func (r rule) icmpSpec() *infrav1beta2.ICMPOptions {
	if !r.pathMTU {
		return nil
	}
	return &infrav1beta2.ICMPOptions{Type: ptr.To(3), Code: ptr.To(4)}
}

// sdk is the network security group's rules as the earlier provider adds them.
func (n nsg) sdk() []core.AddSecurityRuleDetails {
	out := make([]core.AddSecurityRuleDetails, 0, len(n.ingress)+len(n.egress))
	for _, r := range n.ingress {
		out = append(out, core.AddSecurityRuleDetails{Direction: core.AddSecurityRuleDetailsDirectionIngress, Protocol: ptr.To(r.proto),
			Description: ptr.To(r.desc), IsStateless: ptr.To(false), Source: ptr.To(r.peer), SourceType: cidrBlock,
			TcpOptions: r.tcpSDK(), IcmpOptions: r.icmpSDK()})
	}
	for _, r := range n.egress {
		out = append(out, core.AddSecurityRuleDetails{Direction: core.AddSecurityRuleDetailsDirectionEgress, Protocol: ptr.To(r.proto),
			Description: ptr.To(r.desc), IsStateless: ptr.To(false), Destination: ptr.To(r.peer), DestinationType: cidrBlock,
			TcpOptions: r.tcpSDK(), IcmpOptions: r.icmpSDK()})
	}
	return out
}

func (r rule) tcpSDK() *core.TcpOptions {
	if r.min == 0 {
		return nil
	}
	return &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: ptr.To(r.min), Max: ptr.To(r.max)}}
}

func (r rule) icmpSDK() *core.IcmpOptions {
	if !r.pathMTU {
		return nil
	}
	return &core.IcmpOptions{Type: ptr.To(3), Code: ptr.To(4)}
}
