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

package webhooks

import (
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The default NSG rules. Their descriptions, protocols, ports and order are those stored in users' objects by the
// earlier provider; the CIDRs are those of the cluster's own subnets (the earlier provider's constants when the
// layout is the default one).

const (
	anywhere         = "0.0.0.0/0"
	cidrBlock        = "CIDR_BLOCK"
	serviceCIDRBlock = "SERVICE_CIDR_BLOCK"
	protoTCP         = "6"
	protoICMP        = "1"
	protoIPIP        = "4"
	protoAll         = "all"
)

// selfManagedNSGs returns the default NSGs of an OCICluster: API endpoint, control plane, workers, service LBs.
func selfManagedNSGs(c ruleCIDRs) []infrav1.NSG {
	const api, etcdClient, etcdPeer, bgp, kubelet, ssh = 6443, 2379, 2380, 179, 10250, 22
	calico := []infrav1.IngressSecurityRuleForNSG{
		tcpIn("Calico networking (BGP)", c.controlPlane, bgp, bgp),
		tcpIn("Calico networking (BGP)", c.worker, bgp, bgp),
		protoIn("Calico networking with IP-in-IP enabled", protoIPIP, c.controlPlane),
		protoIn("Calico networking with IP-in-IP enabled", protoIPIP, c.worker),
	}
	return []infrav1.NSG{
		nsg(RoleControlPlaneEndpoint,
			[]infrav1.IngressSecurityRuleForNSG{
				tcpIn("External access to Kubernetes API endpoint", anywhere, api, api),
				icmpIn("Path discovery", c.vcn),
			},
			tcpOut("Kubernetes API traffic to Control Plane", c.controlPlane, api, api)),
		nsg(RoleControlPlane,
			concat([]infrav1.IngressSecurityRuleForNSG{
				tcpIn("Kubernetes API endpoint to Control Plane(apiserver port) communication", c.endpoint, api, api),
				tcpIn("Control plane node to Control Plane(apiserver port) communication", c.controlPlane, api, api),
				tcpIn("Worker Node to Control Plane(apiserver port) communication", c.worker, api, api),
				tcpIn("etcd client communication", c.controlPlane, etcdClient, etcdClient),
				tcpIn("etcd peer", c.controlPlane, etcdPeer, etcdPeer),
			}, calico, []infrav1.IngressSecurityRuleForNSG{
				icmpIn("Path discovery", c.vcn),
				tcpIn("Inbound SSH traffic to Control Plane", anywhere, ssh, ssh),
				tcpIn("Control Plane to Control Plane Kubelet Communication", c.controlPlane, kubelet, kubelet),
			}),
			protoOut("Control Plane access to Internet", protoAll, anywhere, cidrBlock)),
		nsg(RoleWorker,
			concat([]infrav1.IngressSecurityRuleForNSG{
				tcpIn("Inbound SSH traffic to worker node", anywhere, ssh, ssh),
				icmpIn("Path discovery", c.vcn),
				tcpIn("Control Plane to worker node Kubelet Communication", c.controlPlane, kubelet, kubelet),
				tcpIn("Worker node to worker node Kubelet Communication", c.worker, kubelet, kubelet),
			}, calico, []infrav1.IngressSecurityRuleForNSG{
				tcpIn("Worker node to default NodePort ingress communication", c.worker, 30000, 32767),
			}),
			protoOut("Worker node access to Internet", protoAll, anywhere, cidrBlock)),
		nsg(RoleServiceLB, serviceLBIngress("Path discovery", c.vcn),
			tcpOut("Service LoadBalancer to default NodePort egress communication", c.worker, 30000, 32767)),
	}
}

// managedNSGs returns the default NSGs of an OCIManagedCluster (OKE): API endpoint, workers, service LBs, pods.
// Egress to the Oracle Services Network (SERVICE_CIDR_BLOCK) has no destination here: the controller fills the
// region's service CIDR label, as the earlier provider's does.
func managedNSGs(c ruleCIDRs) []infrav1.NSG {
	const api, okeProxy, kubelet = 6443, 12250, 10250
	const podsToAPI = "Pod to Kubernetes API endpoint communication (when using VCN-native pod networking)."
	const workerToAPI = "Kubernetes worker to Kubernetes API endpoint communication."
	const apiToWorker = "Allow Kubernetes API endpoint to communicate with worker nodes."
	const lbToNodePorts = "Load Balancer to Worker nodes node ports."
	return []infrav1.NSG{
		nsg(RoleControlPlaneEndpoint,
			[]infrav1.IngressSecurityRuleForNSG{
				tcpIn(workerToAPI, c.worker, api, api),
				tcpIn(workerToAPI, c.worker, okeProxy, okeProxy),
				icmpIn("Path Discovery.", c.worker),
				tcpIn(podsToAPI, c.pod, api, api),
				tcpIn(podsToAPI, c.pod, okeProxy, okeProxy),
				tcpIn("External access to Kubernetes API endpoint.", anywhere, api, api),
			},
			protoOut("Allow Kubernetes API endpoint to communicate with OKE.", protoTCP, "", serviceCIDRBlock),
			icmpOut("", serviceCIDRBlock),
			tcpOut(apiToWorker, c.worker, kubelet, kubelet),
			icmpOut(c.worker, cidrBlock),
			protoOut("Allow Kubernetes API endpoint to communicate with pods (when using VCN-native pod networking).",
				protoAll, c.pod, cidrBlock)),
		nsg(RoleWorker,
			[]infrav1.IngressSecurityRuleForNSG{
				tcpIn(apiToWorker, c.endpoint, kubelet, kubelet),
				icmpIn("Path Discovery.", anywhere),
				tcpIn(lbToNodePorts, c.serviceLB, 30000, 32767),
			},
			protoOut("Allow worker nodes to communicate with OKE.", protoTCP, "", serviceCIDRBlock),
			protoOut("Allow worker nodes to access pods.", protoAll, c.pod, cidrBlock),
			icmpOut(anywhere, cidrBlock),
			tcpOut(workerToAPI, c.endpoint, api, api),
			tcpOut(workerToAPI, c.endpoint, okeProxy, okeProxy)),
		nsg(RoleServiceLB, serviceLBIngress("", ""), tcpOut(lbToNodePorts, c.worker, 30000, 32767)),
		nsg(RolePod,
			[]infrav1.IngressSecurityRuleForNSG{
				protoIn("Allow worker nodes to access pods.", protoAll, c.worker),
				protoIn("Allow Kubernetes API endpoint to communicate with pods.", protoAll, c.endpoint),
				protoIn("Allow pods to communicate with other pods.", protoAll, c.pod),
			},
			protoOut("Allow worker nodes to communicate with OCI Services.", protoTCP, "", serviceCIDRBlock),
			icmpOut("", serviceCIDRBlock),
			protoOut("Allow pods to communicate with other pods.", protoAll, c.pod, cidrBlock),
			tcpOut(podsToAPI, c.endpoint, api, api),
			tcpOut(podsToAPI, c.endpoint, okeProxy, okeProxy)),
	}
}

// serviceLBIngress accepts HTTP and HTTPS from anywhere, after a path-discovery rule when pathDiscovery is set.
func serviceLBIngress(pathDiscovery, vcn string) []infrav1.IngressSecurityRuleForNSG {
	var rules []infrav1.IngressSecurityRuleForNSG
	if pathDiscovery != "" {
		rules = append(rules, icmpIn(pathDiscovery, vcn))
	}
	return append(rules,
		tcpIn("Accept http traffic on port 80", anywhere, 80, 80),
		tcpIn("Accept https traffic on port 443", anywhere, 443, 443))
}

func nsg(role string, in []infrav1.IngressSecurityRuleForNSG, out ...infrav1.EgressSecurityRuleForNSG) infrav1.NSG {
	return infrav1.NSG{Name: role, Role: role, IngressRules: in, EgressRules: out}
}

func concat(lists ...[]infrav1.IngressSecurityRuleForNSG) []infrav1.IngressSecurityRuleForNSG {
	var out []infrav1.IngressSecurityRuleForNSG
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func portRange(minPort, maxPort int) *infrav1.TCPOptions {
	return &infrav1.TCPOptions{DestinationPortRange: &infrav1.PortRange{Min: ptr.To(minPort), Max: ptr.To(maxPort)}}
}

// pathDiscovery is ICMP type 3 (destination unreachable), code 4 (fragmentation needed).
func pathDiscovery() *infrav1.ICMPOptions {
	return &infrav1.ICMPOptions{Type: ptr.To(3), Code: ptr.To(4)}
}

func protoIn(desc, proto, src string) infrav1.IngressSecurityRuleForNSG {
	return infrav1.IngressSecurityRuleForNSG{IngressRule: &infrav1.IngressSecurityRule{
		Description: desc, Protocol: proto, Source: src, SourceType: cidrBlock}}
}

func tcpIn(desc, src string, minPort, maxPort int) infrav1.IngressSecurityRuleForNSG {
	r := protoIn(desc, protoTCP, src)
	r.IngressRule.TCPOptions = portRange(minPort, maxPort)
	return r
}

func icmpIn(desc, src string) infrav1.IngressSecurityRuleForNSG {
	r := protoIn(desc, protoICMP, src)
	r.IngressRule.ICMPOptions = pathDiscovery()
	return r
}

func protoOut(desc, proto, dst, dstType string) infrav1.EgressSecurityRuleForNSG {
	return infrav1.EgressSecurityRuleForNSG{EgressRule: &infrav1.EgressSecurityRule{
		Description: desc, Protocol: proto, Destination: dst, DestinationType: dstType}}
}

func tcpOut(desc, dst string, minPort, maxPort int) infrav1.EgressSecurityRuleForNSG {
	r := protoOut(desc, protoTCP, dst, cidrBlock)
	r.EgressRule.TCPOptions = portRange(minPort, maxPort)
	return r
}

// icmpOut is OKE's egress path-discovery rule.
func icmpOut(dst, dstType string) infrav1.EgressSecurityRuleForNSG {
	r := protoOut("Path Discovery.", protoICMP, dst, dstType)
	r.EgressRule.ICMPOptions = pathDiscovery()
	return r
}
