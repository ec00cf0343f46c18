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
	"slices"
	"testing"

	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// The OKE flavors whose nodes are not an OKE node pool.
const (
	virtualNodeFile      = "cluster-template-managed-virtual-node.yaml"
	selfManagedNodesFile = "cluster-template-managed-self-managed-nodes.yaml"
)

// virtualNodeKinds are the kinds of the virtual-node flavor's objects.
var virtualNodeKinds = []string{"Cluster", "OCIManagedCluster", "OCIManagedControlPlane", "MachinePool", "OCIVirtualMachinePool"}

// virtualNodeVariables are the variables of the virtual-node flavor: all required.
var virtualNodeVariables = map[string]*string{
	"CLUSTER_NAME": nil, "NAMESPACE": nil, "KUBERNETES_VERSION": nil, "NODE_MACHINE_COUNT": nil, "OCI_COMPARTMENT_ID": nil,
}

// selfManagedNodesKinds are the kinds of the self-managed-nodes flavor's objects.
var selfManagedNodesKinds = []string{"Cluster", "OCIManagedCluster", "OCIManagedControlPlane", "OCIMachineTemplate", "MachineDeployment"}

// selfManagedNodesVariables are the variables of the self-managed-nodes flavor: the node image has no default here.
var selfManagedNodesVariables = map[string]*string{
	"CLUSTER_NAME": nil, "NAMESPACE": nil, "KUBERNETES_VERSION": nil, "WORKER_MACHINE_COUNT": nil,
	"OCI_COMPARTMENT_ID": nil, "OCI_SSH_KEY": nil, "OCI_MANAGED_NODE_IMAGE_ID": nil,
	"OCI_NODE_MACHINE_TYPE":          ptr.To("VM.Standard.E4.Flex"),
	"OCI_NODE_MACHINE_TYPE_OCPUS":    ptr.To("1"),
	"OCI_NODE_PV_TRANSIT_ENCRYPTION": ptr.To("true"),
}

// TestVirtualNodeFlavorIsAcceptedByTheAPIServer renders the virtual-node flavor (every variable is required),
// creates its objects in dry-run mode with strict field validation, and checks what admission made of them: an
// enhanced cluster with VCN-native pods on the OKE default network, and a virtual node pool whose pods admission
// put on that network's pod subnet and NSG with the default pod shape.
func TestVirtualNodeFlavorIsAcceptedByTheAPIServer(t *testing.T) {
	g := NewWithT(t)
	vars := requiredOf(t, everyVariable(t, namespace(t)), virtualNodeVariables)
	byKind := createAll(t, g, virtualNodeFile, vars, virtualNodeKinds)
	checkReferences(g, byKind, "MachinePool", "OCIVirtualMachinePool", 3)

	var cluster infrav1.OCIManagedCluster
	var controlPlane infrav1.OCIManagedControlPlane
	var machinePool clusterv1.MachinePool
	var pool infrav1exp.OCIVirtualMachinePool
	fromUnstructured(g, byKind["OCIManagedCluster"], &cluster)
	fromUnstructured(g, byKind["OCIManagedControlPlane"], &controlPlane)
	fromUnstructured(g, byKind["MachinePool"], &machinePool)
	fromUnstructured(g, byKind["OCIVirtualMachinePool"], &pool)

	g.Expect(cluster.Spec.CompartmentID).To(Equal(compartmentID))
	checkNetwork(g, flavor{endpointType: "public", roles: okeRoles}, &cluster)
	g.Expect(controlPlane.Spec.Version).To(Equal(k8sVersion))
	g.Expect(controlPlane.Spec.ClusterType).To(Equal("ENHANCED_CLUSTER"))
	g.Expect(controlPlane.Spec.ClusterPodNetworkOptions).To(Equal([]infrav1.ClusterPodNetworkOptions{{CNIType: cniVCNNative}}))

	// The pool is sized once and then left to whatever manages it, as the earlier provider's was; there is no
	// bootstrap data (OKE makes the virtual nodes).
	g.Expect(machinePool.Annotations).To(HaveKeyWithValue("cluster.x-k8s.io/replicas-managed-by", ""))
	g.Expect(machinePool.Spec.Template.Spec.Version).To(Equal(k8sVersion))
	g.Expect(machinePool.Spec.Template.Spec.Bootstrap.DataSecretName).To(Equal(ptr.To("")))
	g.Expect(pool.Spec).To(Equal(infrav1exp.OCIVirtualMachinePoolSpec{PodConfiguration: &infrav1exp.PodConfig{
		SubnetName: "pod", NSGNames: []string{"pod"}, Shape: "Pod.Standard.E4.Flex"}}))
	// The names admission gave the pods are the cluster's (checkNetwork found a pod subnet and NSG).
	g.Expect(subnetNamed(&cluster, pool.Spec.PodConfiguration.SubnetName)).To(BeTrue())
	g.Expect(nsgNamed(&cluster, pool.Spec.PodConfiguration.NSGNames[0])).To(BeTrue())
}

// TestSelfManagedNodesFlavorIsAcceptedByTheAPIServer renders the self-managed-nodes flavor with every variable set
// and with the required ones only, creates its objects in dry-run mode with strict field validation, and checks
// them: an enhanced flannel cluster, workers of a MachineDeployment that boot from the Secret the OKE control plane
// writes, on instances of the OCIMachineTemplate, and the flavor's network with the workers' subnet and NSG.
func TestSelfManagedNodesFlavorIsAcceptedByTheAPIServer(t *testing.T) {
	cases := []struct {
		name string
		vars func(t *testing.T) map[string]string
		// the OCIMachineTemplate's shape, OCPUs and in-transit encryption
		shape, ocpus string
		inTransit    bool
	}{
		{"every variable", func(t *testing.T) map[string]string { return everyVariable(t, namespace(t)) },
			workerShape, workerOCPUs, false},
		{"defaults", func(t *testing.T) map[string]string {
			return requiredOf(t, everyVariable(t, namespace(t)), selfManagedNodesVariables)
		}, "VM.Standard.E4.Flex", "1", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := NewWithT(t)
			vars := c.vars(t)
			byKind := createAll(t, g, selfManagedNodesFile, vars, selfManagedNodesKinds)
			checkReferences(g, byKind, "MachineDeployment", "OCIMachineTemplate", 2)
			checkSelfManagedWorkers(g, byKind, vars)

			var machines infrav1.OCIMachineTemplate
			fromUnstructured(g, byKind["OCIMachineTemplate"], &machines)
			m := machines.Spec.Template.Spec
			g.Expect(m.ImageID).To(Equal(nodeImageID))
			g.Expect(m.CompartmentID).To(Equal(compartmentID))
			g.Expect(m.Shape).To(Equal(c.shape))
			g.Expect(m.ShapeConfig).To(Equal(&infrav1.ShapeConfig{OCPUs: c.ocpus}))
			g.Expect(m.Metadata).To(Equal(map[string]string{"ssh_authorized_keys": vars["OCI_SSH_KEY"]}))
			g.Expect(m.IsPvEncryptionInTransitEnabled).To(Equal(ptr.To(c.inTransit)))

			var cluster infrav1.OCIManagedCluster
			var controlPlane infrav1.OCIManagedControlPlane
			fromUnstructured(g, byKind["OCIManagedCluster"], &cluster)
			fromUnstructured(g, byKind["OCIManagedControlPlane"], &controlPlane)
			g.Expect(cluster.Spec.CompartmentID).To(Equal(compartmentID))
			g.Expect(controlPlane.Spec.Version).To(Equal(k8sVersion))
			g.Expect(controlPlane.Spec.ClusterType).To(Equal("ENHANCED_CLUSTER"))
			g.Expect(controlPlane.Spec.ClusterPodNetworkOptions).To(Equal([]infrav1.ClusterPodNetworkOptions{{CNIType: cniFlannel}}))
			g.Expect(subnetNamed(&cluster, "worker")).To(BeTrue(), "no worker subnet")
			g.Expect(nsgNamed(&cluster, "worker")).To(BeTrue(), "no worker NSG")
		})
	}
}

// checkSelfManagedWorkers checks the MachineDeployment of the self-managed-nodes flavor: its machines take their
// bootstrap data from the Secret <cluster>-self-managed, have the cluster's version, and are selected by it.
func checkSelfManagedWorkers(g Gomega, byKind map[string]*unstructured.Unstructured, vars map[string]string) {
	var md clusterv1.MachineDeployment
	fromUnstructured(g, byKind["MachineDeployment"], &md)
	spec := md.Spec.Template.Spec
	g.Expect(spec.Bootstrap.DataSecretName).To(Equal(ptr.To(vars["CLUSTER_NAME"] + "-self-managed")))
	g.Expect(spec.Bootstrap.ConfigRef.IsDefined()).To(BeFalse(), "a bootstrap provider's config is named")
	g.Expect(spec.Version).To(Equal(k8sVersion))
	// Cluster API's own admission (not served here) refuses a selector that does not select the machines.
	selector, err := metav1.LabelSelectorAsSelector(&md.Spec.Selector)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(selector.Empty()).To(BeFalse())
	g.Expect(selector.Matches(labels.Set(md.Spec.Template.Labels))).To(BeTrue(), "the selector does not select the machines")
}

// subnetNamed reports whether the cluster's VCN has a subnet of that name.
func subnetNamed(c *infrav1.OCIManagedCluster, name string) bool {
	return slices.ContainsFunc(c.Spec.NetworkSpec.VCN.Subnets, func(s infrav1.Subnet) bool { return s.Name == name })
}

// nsgNamed reports whether the cluster's VCN has a network security group of that name.
func nsgNamed(c *infrav1.OCIManagedCluster, name string) bool {
	g := c.Spec.NetworkSpec.VCN.NetworkSecurityGroup
	return g != nil && slices.ContainsFunc(g.List, func(n infrav1.NSG) bool { return n.Name == name })
}
