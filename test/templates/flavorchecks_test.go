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

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// The cluster name TestEveryFlavor gives clusterctl.
const (
	cn  = "flavors"
	cp  = cn + "-control-plane"
	md0 = cn + "-md-0"
)

// objects of a created flavor, by "<kind>/<name>".
type created = map[string]*unstructured.Unstructured

// flavorCheck checks what a flavor is for, on its objects as the API server stored them (defaulted by admission).
type flavorCheck func(g Gomega, vars map[string]string, objs created)

// at returns the value at a path of an object, failing when the object is missing.
func at(g Gomega, objs created, key string, path ...string) any {
	o, ok := objs[key]
	g.ExpectWithOffset(1, ok).To(BeTrue(), "no %s in the flavor", key)
	v, _, err := unstructured.NestedFieldNoCopy(o.Object, path...)
	g.ExpectWithOffset(1, err).NotTo(HaveOccurred())
	return v
}

// nsgPorts returns the destination ports ("<protocol>/<min>") of the ingress rules of a role's NSG.
func nsgPorts(g Gomega, objs created, role string) []string {
	list, _ := at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcn", "networkSecurityGroup", "list").([]any)
	var out []string
	for _, n := range list {
		nsg := n.(map[string]any)
		if nsg["role"] != role {
			continue
		}
		rules, _ := nsg["ingressRules"].([]any)
		for _, r := range rules {
			rule := r.(map[string]any)["ingressRule"].(map[string]any)
			for _, opt := range []string{"tcpOptions", "udpOptions"} {
				if port, ok, _ := unstructured.NestedInt64(rule, opt, "destinationPortRange", "min"); ok {
					out = append(out, rule["protocol"].(string)+"/"+itoa(port))
				}
			}
		}
	}
	return out
}

func itoa(i int64) string { return fmt.Sprint(i) }

// defaultCluster checks what every self-managed flavor shares: the compartment, the control plane's and the
// workers' sizes, and string fields that stay strings (the OCPUs).
func defaultCluster(g Gomega, vars map[string]string, objs created) {
	g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "compartmentId")).To(Equal(vars["OCI_COMPARTMENT_ID"]))
	g.Expect(at(g, objs, "KubeadmControlPlane/"+cp, "spec", "replicas")).To(BeEquivalentTo(3))
	ocpus := "1"
	if v, ok := vars["OCI_SHAPE_OCPUS"]; ok {
		ocpus = v
	}
	g.Expect(at(g, objs, "OCIMachineTemplate/"+cp, "spec", "template", "spec", "shapeConfig", "ocpus")).To(Equal(ocpus))
}

// withDefaultWorkers is defaultCluster and the default MachineDeployment.
func withDefaultWorkers(more flavorCheck) flavorCheck {
	return func(g Gomega, vars map[string]string, objs created) {
		defaultCluster(g, vars, objs)
		g.Expect(at(g, objs, "MachineDeployment/"+md0, "spec", "replicas")).To(BeEquivalentTo(2))
		if more != nil {
			more(g, vars, objs)
		}
	}
}

// flavorChecks is what TestEveryFlavor checks of each flavor: every flavor must have one.
var flavorChecks = map[string]flavorCheck{
	"default": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "OCIMachineTemplate/"+md0, "spec", "template", "spec", "shape")).To(Equal("VM.Standard.E5.Flex"))
	}),
	"alternative-region": withDefaultWorkers(func(g Gomega, vars map[string]string, objs created) {
		g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "region")).To(Equal(vars["OCI_WORKLOAD_REGION"]))
	}),
	"oraclelinux": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "KubeadmControlPlane/"+cp, "spec", "kubeadmConfigSpec", "preKubeadmCommands")).To(ContainElement("swapoff -a"))
		g.Expect(at(g, objs, "KubeadmConfigTemplate/"+md0, "spec", "template", "spec", "preKubeadmCommands")).To(ContainElement("swapoff -a"))
	}),
	"arm-free-tier": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		for _, tpl := range []string{cp, md0} {
			g.Expect(at(g, objs, "OCIMachineTemplate/"+tpl, "spec", "template", "spec", "shape")).To(Equal("VM.Standard.A1.Flex"))
			g.Expect(at(g, objs, "OCIMachineTemplate/"+tpl, "spec", "template", "spec", "networkDetails", "assignPublicIp")).To(BeTrue())
		}
		subnets, _ := at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcn", "subnets").([]any)
		g.Expect(subnets).To(HaveLen(4))
		for _, s := range subnets {
			g.Expect(s).To(HaveKeyWithValue("type", "public"))
		}
		g.Expect(at(g, objs, "KubeadmConfigTemplate/"+md0, "spec", "template", "spec", "joinConfiguration", "nodeRegistration",
			"ignorePreflightErrors")).To(ConsistOf("Mem", "NumCPU"))
	}),
	"failure-domain-spread": func(g Gomega, vars map[string]string, objs created) {
		defaultCluster(g, vars, objs)
		g.Expect(objs).NotTo(HaveKey("MachineDeployment/" + md0))
		for _, fd := range []string{"1", "2", "3"} {
			key := "MachineDeployment/" + cn + "-fd-" + fd + "-md-0"
			g.Expect(at(g, objs, key, "spec", "template", "spec", "failureDomain")).To(Equal(fd))
			g.Expect(at(g, objs, key, "spec", "template", "spec", "infrastructureRef", "name")).To(Equal(cn + "-md"))
			g.Expect(at(g, objs, key, "spec", "template", "spec", "bootstrap", "configRef", "name")).To(Equal(cn + "-md"))
		}
	},
	"healthcheck": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "MachineHealthCheck/"+cn+"-control-plane-unhealthy-5m", "spec", "selector", "matchLabels")).
			To(HaveKey("controlplane.remediation"))
		g.Expect(at(g, objs, "KubeadmControlPlane/"+cp, "spec", "machineTemplate", "metadata", "labels")).To(HaveKey("controlplane.remediation"))
		g.Expect(at(g, objs, "MachineHealthCheck/"+cn+"-md-unhealthy-5m", "spec", "checks", "unhealthyNodeConditions")).To(HaveLen(2))
		g.Expect(at(g, objs, "MachineDeployment/"+md0, "spec", "template", "metadata", "labels")).To(HaveKey("machine.remediation"))
	}),
	"nlb-healthcheck": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		hc := at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "apiServerLoadBalancer", "nlbSpec", "backendSetDetails", "healthChecker")
		g.Expect(hc).To(And(HaveKeyWithValue("protocol", "HTTPS"), HaveKeyWithValue("port", BeEquivalentTo(6443)),
			HaveKeyWithValue("retries", BeEquivalentTo(3)), HaveKeyWithValue("intervalInMillis", BeEquivalentTo(10000))))
	}),
	"nlb-reserved-ip-config": withDefaultWorkers(func(g Gomega, vars map[string]string, objs created) {
		g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "apiServerLoadBalancer", "nlbSpec", "reservedIpIds")).
			To(ConsistOf(vars["OCI_PUBLIC_IP_OCID"]))
	}),
	"with-nsg": withDefaultWorkers(func(g Gomega, vars map[string]string, objs created) {
		vcn, _ := at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcn").(map[string]any)
		g.Expect(vcn).To(And(HaveKeyWithValue("id", vars["EXTERNAL_VCN_ID"]), HaveKeyWithValue("skip", true)))
		g.Expect(fmt.Sprint(vcn["subnets"])).To(And(ContainSubstring(vars["EXTERNAL_VCN_CP_SUBNET"]), ContainSubstring(vars["EXTERNAL_VCN_WORKER_SUBNET"])))
		g.Expect(nsgPorts(g, objs, "control-plane")).To(ContainElement("6/6443"))
	}),
	"local-vcn-peering": withDefaultWorkers(func(g Gomega, vars map[string]string, objs created) {
		checkPeering(g, vars, objs)
		g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcnPeering", "drg", "id")).To(Equal(vars["DRG_ID"]))
	}),
	"remote-vcn-peering": withDefaultWorkers(func(g Gomega, vars map[string]string, objs created) {
		checkPeering(g, vars, objs)
		g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcnPeering", "drg", "manage")).To(BeTrue())
		g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcnPeering", "remotePeeringConnections")).To(ConsistOf(
			And(HaveKeyWithValue("peerDRGId", vars["PEER_DRG_ID"]), HaveKeyWithValue("peerRegionName", vars["PEER_REGION_NAME"]))))
	}),
	"with-paravirt-bv": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "OCIMachineTemplate/"+md0, "spec", "template", "spec", "launchVolumeAttachments")).To(ConsistOf(
			HaveKeyWithValue("volumeType", "paravirtualized")))
		g.Expect(at(g, objs, "OCIMachineTemplate/"+cp, "spec", "template", "spec", "launchVolumeAttachments")).To(BeNil())
	}),
	"with-bv-autotuned": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "OCIMachineTemplate/"+cp, "spec", "template", "spec", "blockvolumeSpec", "sizeInGBs")).To(BeEquivalentTo(200))
		g.Expect(at(g, objs, "OCIMachineTemplate/"+md0, "spec", "template", "spec", "blockvolumeSpec", "autotunePolicies")).To(HaveLen(1))
	}),
	"with-ipv6": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcn", "isIpv6Enabled")).To(BeTrue())
		g.Expect(at(g, objs, "OCIMachineTemplate/"+md0, "spec", "template", "spec", "networkDetails", "assignIpv6Ip")).To(BeTrue())
	}),
	"antrea": withDefaultWorkers(func(g Gomega, _ map[string]string, objs created) {
		for _, role := range []string{"control-plane", "worker"} {
			g.Expect(nsgPorts(g, objs, role)).To(ContainElements("17/6081", "6/10349"), role)
			g.Expect(nsgPorts(g, objs, role)).NotTo(ContainElement("17/4789"), role)
		}
	}),
	"windows-calico": func(g Gomega, vars map[string]string, objs created) {
		defaultCluster(g, vars, objs)
		g.Expect(at(g, objs, "OCIMachineTemplate/"+cp, "spec", "template", "spec", "imageId")).To(Equal(vars["OCI_CONTROL_PLANE_IMAGE_ID"]))
		g.Expect(at(g, objs, "OCIMachineTemplate/"+cn+"-md-win", "spec", "template", "spec", "imageId")).To(Equal(vars["OCI_NODE_IMAGE_ID"]))
		g.Expect(at(g, objs, "KubeadmConfigTemplate/"+cn+"-md-win", "spec", "template", "spec", "joinConfiguration", "nodeRegistration",
			"criSocket")).To(HavePrefix("npipe:"))
		g.Expect(nsgPorts(g, objs, "worker")).To(ContainElement("17/4789"))
	},
	"oci-addons": withDefaultWorkers(func(g Gomega, vars map[string]string, objs created) {
		for _, crs := range []string{"-ccm-resource-set", "-csi-resource-set"} {
			res, _ := at(g, objs, "ClusterResourceSet/"+cn+crs, "spec", "resources").([]any)
			g.Expect(res).To(HaveLen(1))
			name := res[0].(map[string]any)["name"].(string)
			data, _ := at(g, objs, "ConfigMap/"+name, "data").(map[string]any)
			g.Expect(data).To(HaveLen(1))
			for _, manifest := range data {
				g.Expect(manifest).To(ContainSubstring("compartment: " + vars["OCI_COMPARTMENT_ID"]))
				g.Expect(manifest).To(ContainSubstring("image: ghcr.io/oracle/cloud-provider-oci:"))
			}
		}
	}),
	"machinepool": func(g Gomega, vars map[string]string, objs created) {
		defaultCluster(g, vars, objs)
		g.Expect(at(g, objs, "MachinePool/"+cn+"-mp-0", "spec", "replicas")).To(BeEquivalentTo(2))
		g.Expect(at(g, objs, "OCIMachinePool/"+cn+"-mp-0", "spec", "instanceConfiguration", "shapeConfig", "ocpus")).To(Equal("1"))
	},
	"managed":                    managedCheck("OCIManagedMachinePool"),
	"managed-private":            managedCheck("OCIManagedMachinePool"),
	"managed-flannel":            managedCheck("OCIManagedMachinePool"),
	"managed-virtual-node":       managedCheck("OCIVirtualMachinePool"),
	"managed-self-managed-nodes": managedCheck(""),
	"cluster-class": func(g Gomega, vars map[string]string, objs created) {
		g.Expect(at(g, objs, "Cluster/"+cn, "spec", "topology", "classRef", "name")).To(Equal("cluster-class-example"))
		g.Expect(fmt.Sprint(at(g, objs, "Cluster/"+cn, "spec", "topology", "variables"))).To(ContainSubstring(vars["OCI_IMAGE_ID"]))
	},
	"clusterclass-example": func(g Gomega, _ map[string]string, objs created) {
		g.Expect(at(g, objs, "ClusterClass/cluster-class-example", "spec", "patches")).To(HaveLen(2))
		for _, key := range []string{"OCIClusterTemplate/ocicluster", "KubeadmControlPlaneTemplate/control-plane",
			"OCIMachineTemplate/control-plane", "OCIMachineTemplate/worker-machine-template", "KubeadmConfigTemplate/worker-bootstrap-template"} {
			g.Expect(objs).To(HaveKey(key))
		}
	},
}

// checkPeering checks what both peering flavors share: the VCN and subnets in 10.1.0.0/16, admission's NSG rules
// following them, and the instances' shape from OCI_SHAPE*.
func checkPeering(g Gomega, vars map[string]string, objs created) {
	g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcn", "cidr")).To(Equal("10.1.0.0/16"))
	g.Expect(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcnPeering", "peerRouteRules")).To(ConsistOf(
		HaveKeyWithValue("vcnCIDRRange", "10.0.0.0/16")))
	nsgs := fmt.Sprint(at(g, objs, "OCICluster/"+cn, "spec", "networkSpec", "vcn", "networkSecurityGroup", "list"))
	g.Expect(nsgs).To(ContainSubstring("10.1.64.0/20"))
	g.Expect(nsgs).NotTo(ContainSubstring("10.0.64.0/20"))
	g.Expect(at(g, objs, "OCIMachineTemplate/"+md0, "spec", "template", "spec", "shapeConfig")).To(And(
		HaveKeyWithValue("ocpus", vars["OCI_SHAPE_OCPUS"]), HaveKeyWithValue("memoryInGBs", vars["OCI_SHAPE_MEMORY_IN_GBS"])))
}

// managedCheck checks an OKE flavor: the compartment, the control plane's version, and its workers' kind.
func managedCheck(poolKind string) flavorCheck {
	return func(g Gomega, vars map[string]string, objs created) {
		g.Expect(at(g, objs, "OCIManagedCluster/"+cn, "spec", "compartmentId")).To(Equal(vars["OCI_COMPARTMENT_ID"]))
		g.Expect(at(g, objs, "OCIManagedControlPlane/"+cn, "spec", "version")).To(Equal(vars["KUBERNETES_VERSION"]))
		if poolKind == "" {
			g.Expect(at(g, objs, "MachineDeployment/"+md0, "spec", "template", "spec", "bootstrap", "dataSecretName")).To(Equal(cn + "-self-managed"))
			return
		}
		g.Expect(objs).To(HaveKey(poolKind + "/" + cn + "-mp-0"))
	}
}
