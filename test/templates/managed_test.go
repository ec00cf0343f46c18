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

// Package templates_test renders the cluster templates of templates/ as clusterctl does and applies every object to
// a real API server (envtest) on which the provider's and Cluster API's CRDs are installed and the provider's
// admission and conversion webhooks are served by its manager, in dry-run mode with strict field validation.
package templates_test

import (
	"maps"
	"slices"
	"testing"

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/cluster-api/cmd/clusterctl/client/yamlprocessor"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// The OKE pod networks (CNI types).
const (
	cniVCNNative = "OCI_VCN_IP_NATIVE"
	cniFlannel   = "FLANNEL_OVERLAY"
)

// okeRoles are the roles of the OKE default subnets and network security groups.
var okeRoles = []string{"control-plane-endpoint", "service-lb", "worker", "pod"}

// flavor is an OKE template and what its objects show once the API server has defaulted them.
type flavor struct {
	file string
	// cni is the pod network of the control plane and of the node pool.
	cni string
	// endpointType is the type of the control-plane endpoint subnet: private keeps the OKE API endpoint private.
	endpointType string
	// roles are the roles of the VCN's subnets and of its network security groups.
	roles []string
}

// flavors are the node-pool flavors: an OKE cluster and one OKE node pool.
var flavors = []flavor{
	{file: "cluster-template-managed.yaml", cni: cniVCNNative, endpointType: "public", roles: okeRoles},
	// Flannel carries pod traffic between the workers: the VCN needs no pod subnet.
	{file: "cluster-template-managed-flannel.yaml", cni: cniFlannel, endpointType: "public", roles: okeRoles[:3]},
	{file: "cluster-template-managed-private.yaml", cni: cniVCNNative, endpointType: "private", roles: okeRoles},
}

// okeTemplate is an OKE flavor: its file, the variables clusterctl finds in it with their defaults (nil: none, the
// variable is required), which are those of the earlier provider's flavor of the same name, and the kinds of its
// objects (one object of each).
type okeTemplate struct {
	file      string
	variables map[string]*string
	kinds     []string
}

// nodePoolKinds are the kinds of the node-pool flavors' objects.
var nodePoolKinds = []string{"Cluster", "OCIManagedCluster", "OCIManagedControlPlane", "MachinePool", "OCIManagedMachinePool"}

// nodePoolVariables are the variables of the node-pool flavors.
var nodePoolVariables = map[string]*string{
	"CLUSTER_NAME": nil, "NAMESPACE": nil, "KUBERNETES_VERSION": nil, "NODE_MACHINE_COUNT": nil,
	"OCI_COMPARTMENT_ID": nil, "OCI_SSH_KEY": nil,
	"OCI_MANAGED_NODE_SHAPE":              ptr.To("VM.Standard.E4.Flex"),
	"OCI_MANAGED_NODE_IMAGE_ID":           ptr.To(`""`),
	"OCI_MANAGED_NODE_BOOT_VOLUME_SIZE":   ptr.To("50"),
	"OCI_MANAGED_NODE_MACHINE_TYPE_OCPUS": ptr.To("1"),
}

// okeTemplates are every OKE flavor.
var okeTemplates = []okeTemplate{
	{"cluster-template-managed.yaml", nodePoolVariables, nodePoolKinds},
	{"cluster-template-managed-flannel.yaml", nodePoolVariables, nodePoolKinds},
	{"cluster-template-managed-private.yaml", nodePoolVariables, nodePoolKinds},
	{virtualNodeFile, virtualNodeVariables, virtualNodeKinds},
	{selfManagedNodesFile, selfManagedNodesVariables, selfManagedNodesKinds},
}

// TestFlavorsTakeTheEarlierProvidersVariables checks the variables clusterctl finds in each OKE flavor, and their
// defaults, against the earlier provider's flavor of the same name, that the flavor renders with its required
// variables only, and that clusterctl refuses to render it while one of them is unset.
func TestFlavorsTakeTheEarlierProvidersVariables(t *testing.T) {
	for _, f := range okeTemplates {
		t.Run(f.file, func(t *testing.T) {
			g := NewWithT(t)
			raw := readTemplate(t, f.file)
			got, err := yamlprocessor.NewSimpleProcessor().GetVariableMap(raw)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(got).To(Equal(f.variables))
			required := requiredOf(t, everyVariable(t, "default"), f.variables)
			g.Expect(required).NotTo(BeEmpty())
			objects(t, f.file, required) // renders, every variable resolved
			for name := range required {
				vars := maps.Clone(required)
				delete(vars, name)
				_, err := render(raw, vars)
				g.Expect(err).To(MatchError(ContainSubstring(name)), "rendering without %s", name)
			}
		})
	}
}

// TestFlavorsAreAcceptedByTheAPIServer renders each OKE flavor with every variable set, creates every object in
// dry-run mode with strict field validation, and checks what the API server and the webhooks made of them: the
// references between the objects, the OKE network and the pod network of the control plane and node pool.
func TestFlavorsAreAcceptedByTheAPIServer(t *testing.T) {
	for _, f := range flavors {
		t.Run(f.file, func(t *testing.T) {
			g := NewWithT(t)
			vars := allVariables(t, namespace(t))
			byKind := createAll(t, g, f.file, vars, nodePoolKinds)

			checkReferences(g, byKind, "MachinePool", "OCIManagedMachinePool", 3)
			var cluster infrav1.OCIManagedCluster
			var controlPlane infrav1.OCIManagedControlPlane
			var pool infrav1exp.OCIManagedMachinePool
			fromUnstructured(g, byKind["OCIManagedCluster"], &cluster)
			fromUnstructured(g, byKind["OCIManagedControlPlane"], &controlPlane)
			fromUnstructured(g, byKind["OCIManagedMachinePool"], &pool)
			g.Expect(cluster.Spec.CompartmentID).To(Equal(compartmentID))
			g.Expect(cluster.Spec.OCIResourceIdentifier).NotTo(BeEmpty(), "the defaulting webhook did not run")
			checkNetwork(g, f, &cluster)
			checkPodNetwork(g, f, &cluster, &controlPlane, &pool)

			g.Expect(controlPlane.Spec.Version).To(Equal(k8sVersion))
			g.Expect(pool.Spec.Version).To(Equal(k8sVersion))
			g.Expect(pool.Spec.SSHPublicKey).To(Equal(vars["OCI_SSH_KEY"]))
			g.Expect(pool.Spec.NodeShape).To(Equal("VM.Standard.E5.Flex"))
			g.Expect(pool.Spec.NodeShapeConfig).To(Equal(&infrav1exp.NodeShapeConfig{OCPUs: "2"}))
			g.Expect(pool.Spec.NodeSourceViaImage).To(Equal(&infrav1exp.NodeSourceViaImage{
				ImageID: nodeImageID, BootVolumeSizeInGBs: ptr.To[int64](100)}))
		})
	}
}

// TestOptionalVariablesTakeTheirDefaults renders each OKE flavor with the required variables only: the API server
// accepts it, and the node pool has the earlier provider's default shape, OCPUs and boot volume size, and no image
// (OKE picks one).
func TestOptionalVariablesTakeTheirDefaults(t *testing.T) {
	for _, f := range flavors {
		t.Run(f.file, func(t *testing.T) {
			g := NewWithT(t)
			byKind := createAll(t, g, f.file, requiredVariables(t, namespace(t)), nodePoolKinds)
			var pool infrav1exp.OCIManagedMachinePool
			fromUnstructured(g, byKind["OCIManagedMachinePool"], &pool)
			g.Expect(pool.Spec.NodeShape).To(Equal("VM.Standard.E4.Flex"))
			g.Expect(pool.Spec.NodeShapeConfig).To(Equal(&infrav1exp.NodeShapeConfig{OCPUs: "1"}))
			g.Expect(pool.Spec.NodeSourceViaImage).To(Equal(&infrav1exp.NodeSourceViaImage{BootVolumeSizeInGBs: ptr.To[int64](50)}))
		})
	}
}

// createAll renders a flavor, creates each of its objects in dry-run mode, expects each to be accepted without a
// warning, and returns what the API server returned, by kind: the flavor has one object of each of kinds.
func createAll(t *testing.T, g Gomega, file string, vars map[string]string, kinds []string) map[string]*unstructured.Unstructured {
	t.Helper()
	objs := objects(t, file, vars)
	byKind := map[string]*unstructured.Unstructured{}
	for i := range objs {
		o := &objs[i]
		g.Expect(o.GetNamespace()).To(Equal(vars["NAMESPACE"]), "%s %s", o.GetKind(), o.GetName())
		warns, err := dryRunCreate(t.Context(), o)
		g.Expect(err).NotTo(HaveOccurred(), "%s %s", o.GetKind(), o.GetName())
		g.Expect(warns).To(BeEmpty(), "%s %s", o.GetKind(), o.GetName())
		g.Expect(byKind).NotTo(HaveKey(o.GetKind()))
		byKind[o.GetKind()] = o
	}
	g.Expect(slices.Collect(maps.Keys(byKind))).To(ConsistOf(kinds))
	return byKind
}

// checkReferences checks that the Cluster names its OCIManagedCluster and OCIManagedControlPlane, and that the
// workers (a MachinePool or MachineDeployment) belong to the Cluster, name their infrastructure (infra) and have
// the replicas asked for.
func checkReferences(g Gomega, byKind map[string]*unstructured.Unstructured, workers, infra string, replicas int64) {
	cluster := byKind["Cluster"]
	refersTo := func(o *unstructured.Unstructured, kind string, path ...string) {
		ref, found, err := unstructured.NestedStringMap(o.Object, path...)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(found).To(BeTrue(), "%s has no %v", o.GetKind(), path)
		target := byKind[kind]
		g.Expect(ref).To(Equal(map[string]string{
			"apiGroup": target.GroupVersionKind().Group, "kind": kind, "name": target.GetName()}))
	}
	refersTo(cluster, "OCIManagedCluster", "spec", "infrastructureRef")
	refersTo(cluster, "OCIManagedControlPlane", "spec", "controlPlaneRef")
	w := byKind[workers]
	g.Expect(w).NotTo(BeNil(), "no %s", workers)
	refersTo(w, infra, "spec", "template", "spec", "infrastructureRef")
	for _, path := range [][]string{{"spec", "clusterName"}, {"spec", "template", "spec", "clusterName"}} {
		name, _, err := unstructured.NestedString(w.Object, path...)
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(name).To(Equal(cluster.GetName()), "%s %v", workers, path)
	}
	got, _, err := unstructured.NestedInt64(w.Object, "spec", "replicas")
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(got).To(Equal(replicas), "%s replicas", workers)
}

// checkNetwork checks the defaulted VCN: the flavor's subnet roles, each with its default CIDR and type (the
// control-plane endpoint's the flavor's), and a network security group for each role.
func checkNetwork(g Gomega, f flavor, c *infrav1.OCIManagedCluster) {
	vcn := c.Spec.NetworkSpec.VCN
	g.Expect(vcn.CIDR).To(Equal("10.0.0.0/16"))
	want := map[string]infrav1.Subnet{
		"control-plane-endpoint": {CIDR: "10.0.0.8/29", Type: f.endpointType},
		"service-lb":             {CIDR: "10.0.0.32/27", Type: "public"},
		"worker":                 {CIDR: "10.0.64.0/20", Type: "private"},
		"pod":                    {CIDR: "10.0.128.0/18", Type: "private"},
	}
	roles := make([]string, 0, len(vcn.Subnets))
	for i := range vcn.Subnets {
		s := &vcn.Subnets[i]
		roles = append(roles, s.Role)
		w := want[s.Role]
		w.Name, w.Role = s.Role, s.Role
		g.Expect(*s).To(Equal(w), "subnet %s", s.Role)
	}
	g.Expect(roles).To(ConsistOf(f.roles))
	g.Expect(vcn.NetworkSecurityGroup).NotTo(BeNil())
	roles = roles[:0]
	for _, n := range vcn.NetworkSecurityGroup.List {
		roles = append(roles, n.Role)
		g.Expect(n.Name).To(Equal(n.Role))
		g.Expect(n.IngressRules).NotTo(BeEmpty(), "NSG %s", n.Role)
		g.Expect(n.EgressRules).NotTo(BeEmpty(), "NSG %s", n.Role)
	}
	g.Expect(roles).To(ConsistOf(f.roles))
}

// checkPodNetwork checks that the control plane and the node pool use the flavor's CNI and, for VCN-native pod
// networking, that the pool's pods get the cluster's pod subnet and network security group.
func checkPodNetwork(g Gomega, f flavor, c *infrav1.OCIManagedCluster, cp *infrav1.OCIManagedControlPlane,
	pool *infrav1exp.OCIManagedMachinePool) {
	g.Expect(cp.Spec.ClusterPodNetworkOptions).To(Equal([]infrav1.ClusterPodNetworkOptions{{CNIType: f.cni}}))
	g.Expect(pool.Spec.NodePoolNodeConfig).NotTo(BeNil())
	details := pool.Spec.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails
	g.Expect(details).NotTo(BeNil())
	g.Expect(details.CNIType).To(Equal(f.cni))
	if f.cni == cniFlannel {
		g.Expect(details.VCNIPNativePodNetworkOptions).To(BeNil())
		return
	}
	opts := details.VCNIPNativePodNetworkOptions
	g.Expect(opts).NotTo(BeNil())
	g.Expect(opts.SubnetNames).To(Equal([]string{"pod"}))
	g.Expect(opts.NSGNames).To(Equal([]string{"pod"}))
	g.Expect(subnetNamed(c, "pod")).To(BeTrue(), "the pool's pod subnet is not a subnet of the cluster")
	g.Expect(nsgNamed(c, "pod")).To(BeTrue(), "the pool's pod NSG is not an NSG of the cluster")
}

// fromUnstructured converts an object the API server returned into its typed form.
func fromUnstructured(g Gomega, u *unstructured.Unstructured, into any) {
	g.Expect(u).NotTo(BeNil())
	g.Expect(runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, into)).To(Succeed())
}
