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

package conversiontest

import "strings"

// Specs of every kind in v1beta1 and v1beta2, with the fields only that version has: in v1beta1 the VCN's gateway
// and route table ids, network security groups with rule ids and OCIMachine's nsgName; in v1beta2 the skip flags,
// the load balancer type, client overrides, add-ons, the cluster type and node pool cycling. OCIMachinePool sets
// isPvEncryptionInTransitEnabled, which the v1beta1 schema defaults to true on every write through v1beta1.

const v1beta1Network = `
networkSpec:
  skipNetworkManagement: false
  apiServerLoadBalancer:
    name: api
  vcn:
    name: vcn
    cidr: 10.0.0.0/16
    internetGatewayId: ocid1.internetgateway.oc1..igw
    natGatewayId: ocid1.natgateway.oc1..nat
    serviceGatewayId: ocid1.servicegateway.oc1..sgw
    privateRouteTableId: ocid1.routetable.oc1..private
    publicRouteTableId: ocid1.routetable.oc1..public
    networkSecurityGroups:
    - name: control-plane
      role: control-plane
      id: ocid1.networksecuritygroup.oc1..cp
      egressRules:
      - id: egress-1
        egressRule:
          destination: 0.0.0.0/0
          destinationType: CIDR_BLOCK
          protocol: "6"
          isStateless: false
      ingressRules:
      - id: ingress-1
        ingressRule:
          source: 10.0.0.0/16
          sourceType: CIDR_BLOCK
          protocol: "6"
          tcpOptions:
            destinationPortRange:
              min: 6443
              max: 6443
    subnets:
    - name: control-plane
      role: control-plane
      cidr: 10.0.0.0/29
      type: private
`

const v1beta2Network = `
networkSpec:
  apiServerLoadBalancer:
    name: api
    loadBalancerType: nlb
  vcn:
    name: vcn
    cidr: 10.0.0.0/16
    internetGateway:
      id: ocid1.internetgateway.oc1..igw
      skip: true
    natGateway:
      skip: true
    serviceGateway:
      id: ocid1.servicegateway.oc1..sgw
    routeTable:
      privateRouteTableId: ocid1.routetable.oc1..private
      skip: true
    networkSecurityGroup:
      skip: false
      list:
      - name: control-plane
        role: control-plane
        egressRules:
        - egressRule:
            destination: 0.0.0.0/0
            destinationType: CIDR_BLOCK
            protocol: all
    subnets:
    - name: control-plane
      role: control-plane
      cidr: 10.0.0.0/29
`

const clusterSpec = `
compartmentId: ocid1.compartment.oc1..c
region: us-ashburn-1
ociResourceIdentifier: 5bd1e1b0-7f4e-4c3e-9a53-3c0f2e6c8a11
freeformTags:
  team: platform
controlPlaneEndpoint:
  host: api.example.com
  port: 6443
`

const machineSpec = `
compartmentId: ocid1.compartment.oc1..c
imageId: ocid1.image.oc1..img
shape: VM.Standard.E4.Flex
shapeConfig:
  ocpus: "2"
  memoryInGBs: "16"
metadata:
  user: core
extendedMetadata:
  nested:
    key: value
`

const controlPlaneSpec = `
version: v1.31.1
kmsKeyId: ocid1.key.oc1..k
clusterPodNetworkOptions:
- cniType: FLANNEL_OVERLAY
`

const managedPoolSpec = `
version: v1.31.1
nodeShape: VM.Standard.E4.Flex
initialNodeLabels:
- key: pool
  value: a
providerIDList:
- oci://ocid1.instance.oc1..a
`

// fixture is a kind's spec in one version.
type fixture struct {
	kind, version, spec string
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n") + "\n"
}

func template(spec string) string {
	return "template:\n  metadata:\n    labels:\n      from: template\n  spec:\n" + indent(spec, 4)
}

func v1beta1Template(spec string) string {
	return "template:\n  spec:\n" + indent(spec, 4)
}

// fixtures returns a spec of every kind in v1beta1 and in v1beta2.
func fixtures() []fixture {
	v1beta1Cluster := clusterSpec + v1beta1Network
	v1beta2Cluster := clusterSpec + v1beta2Network + "clientOverrides:\n  computeClientUrl: https://compute.example.com\n"
	v1beta1Managed := clusterSpec + v1beta1Network
	v1beta2Managed := clusterSpec + v1beta2Network + "hostUrl:\n  computeClientUrl: https://compute.example.com\n"
	v1beta1Machine := machineSpec + "nsgName: control-plane\n"
	v1beta2ControlPlane := controlPlaneSpec + "clusterType: ENHANCED_CLUSTER\naddons:\n- name: CertManager\n"
	v1beta2ManagedPool := managedPoolSpec + "nodePoolCyclingDetails:\n  isNodeCyclingEnabled: true\n  maximumSurge: \"1\"\n"
	identity := "type: UserPrincipal\nprincipalSecret:\n  name: oci-credentials\n  namespace: default\nallowedNamespaces:\n  list:\n  - default\n"
	pool := "ocid: ocid1.instancepool.oc1..p\nproviderIDList:\n- oci://ocid1.instance.oc1..a\ninstanceConfiguration:\n  shape: VM.Standard.E4.Flex\n  isPvEncryptionInTransitEnabled: true\n"
	poolMachine := "ocid: ocid1.instance.oc1..a\nproviderID: oci://ocid1.instance.oc1..a\ninstanceName: pool-a\nmachineType: SELF_MANAGED\n"
	virtualPool := "id: ocid1.virtualnodepool.oc1..v\nnsgNames:\n- workers\nproviderIDList:\n- oci://ocid1.virtualnode.oc1..a\n"
	return []fixture{
		{"OCICluster", "v1beta1", v1beta1Cluster},
		{"OCICluster", "v1beta2", v1beta2Cluster},
		{"OCIClusterTemplate", "v1beta1", v1beta1Template(v1beta1Cluster)},
		{"OCIClusterTemplate", "v1beta2", v1beta1Template(v1beta2Cluster)},
		{"OCIMachine", "v1beta1", v1beta1Machine},
		{"OCIMachine", "v1beta2", machineSpec},
		{"OCIMachineTemplate", "v1beta1", v1beta1Template(v1beta1Machine)},
		{"OCIMachineTemplate", "v1beta2", v1beta1Template(machineSpec)},
		{"OCIClusterIdentity", "v1beta1", identity},
		{"OCIClusterIdentity", "v1beta2", identity},
		{"OCIManagedCluster", "v1beta1", v1beta1Managed},
		{"OCIManagedCluster", "v1beta2", v1beta2Managed},
		{"OCIManagedClusterTemplate", "v1beta1", v1beta1Template(v1beta1Managed)},
		{"OCIManagedClusterTemplate", "v1beta2", v1beta1Template(v1beta2Managed)},
		{"OCIManagedControlPlane", "v1beta1", controlPlaneSpec},
		{"OCIManagedControlPlane", "v1beta2", v1beta2ControlPlane},
		{"OCIManagedControlPlaneTemplate", "v1beta1", v1beta1Template(controlPlaneSpec)},
		{"OCIManagedControlPlaneTemplate", "v1beta2", v1beta1Template(v1beta2ControlPlane)},
		{"OCIMachinePool", "v1beta1", pool},
		{"OCIMachinePool", "v1beta2", pool},
		{"OCIMachinePoolMachine", "v1beta1", poolMachine},
		{"OCIMachinePoolMachine", "v1beta2", poolMachine},
		{"OCIManagedMachinePool", "v1beta1", managedPoolSpec},
		{"OCIManagedMachinePool", "v1beta2", v1beta2ManagedPool},
		{"OCIManagedMachinePoolTemplate", "v1beta1", v1beta1Template(managedPoolSpec)},
		{"OCIManagedMachinePoolTemplate", "v1beta2", v1beta1Template(v1beta2ManagedPool)},
		{"OCIVirtualMachinePool", "v1beta1", virtualPool},
		{"OCIVirtualMachinePool", "v1beta2", virtualPool},
	}
}
