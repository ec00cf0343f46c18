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
	"crypto/tls"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// okeAPI stands for the API servers of the emulator's OKE clusters: over TLS, it answers /version to a bearer
// token the emulator verifies for a live cluster, and 401 to anything else, as an OKE API server does.
var okeAPI *httptest.Server

// startOKEAPI starts okeAPI and returns its URL and CA for the emulator's kubeconfigs.
func startOKEAPI() (string, []byte) {
	okeAPI = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || env == nil {
			http.Error(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}`, http.StatusUnauthorized)
			return
		}
		if _, err := env.Sim.VerifyClusterToken(token); err != nil {
			http.Error(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"major":"1","minor":"33","gitVersion":"v1.33.1"}`))
	}))
	okeAPI.TLS = &tls.Config{MinVersion: tls.VersionTLS12}
	okeAPI.StartTLS()
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: okeAPI.Certificate().Raw})
	return okeAPI.URL, ca
}

// testOKE is an OKE cluster as Cluster API's objects declare it: a Cluster, its OCIManagedCluster and
// OCIManagedControlPlane, and one MachinePool with its OCIManagedMachinePool.
type testOKE struct {
	Cluster      *clusterv1.Cluster
	Managed      *infrav1.OCIManagedCluster
	ControlPlane *infrav1.OCIManagedControlPlane
	MachinePool  *clusterv1.MachinePool
	Pool         *infrav1exp.OCIManagedMachinePool
	// Virtual is the MachinePool's OCIVirtualMachinePool, when it has one instead of Pool.
	Virtual     *infrav1exp.OCIVirtualMachinePool
	Compartment string
}

// okeOpts changes what newTestOKE makes.
type okeOpts struct {
	cni      string // OCI_VCN_IP_NATIVE (default) or FLANNEL_OVERLAY
	replicas int32
	version  string
	// clusterType is the control plane's spec.clusterType; empty leaves OKE's default (BASIC).
	clusterType string
	// pool is the kind of the MachinePool's infrastructure: OCIManagedMachinePool (default), OCIVirtualMachinePool,
	// or "none" for no MachinePool at all.
	pool string
}

// newTestOKE creates the objects of an OKE cluster in a namespace and an emulator compartment of their own, owned
// and labelled as Cluster API's controllers would make them.
func newTestOKE(ctx context.Context, t testing.TB, name string, o okeOpts) *testOKE {
	t.Helper()
	g := NewWithT(t)
	if o.cni == "" {
		o.cni = "OCI_VCN_IP_NATIVE"
	}
	if o.version == "" {
		o.version = "v1.32.1"
	}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: name + "-"}}
	g.Expect(env.Client.Create(ctx, ns)).To(Succeed())
	k := &testOKE{Compartment: env.Sim.AddCompartment(ns.Name)}
	labels := map[string]string{clusterv1.ClusterNameLabel: name}
	k.Cluster = &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: name},
		Spec: clusterv1.ClusterSpec{
			ClusterNetwork: clusterv1.ClusterNetwork{Pods: clusterv1.NetworkRanges{CIDRBlocks: []string{"10.244.0.0/16"}},
				Services: clusterv1.NetworkRanges{CIDRBlocks: []string{"10.96.0.0/16"}}},
			InfrastructureRef: clusterv1.ContractVersionedObjectReference{APIGroup: infrav1.GroupVersion.Group, Kind: "OCIManagedCluster", Name: name},
			ControlPlaneRef:   clusterv1.ContractVersionedObjectReference{APIGroup: infrav1.GroupVersion.Group, Kind: "OCIManagedControlPlane", Name: name + "-cp"},
		}}
	g.Expect(env.Client.Create(ctx, k.Cluster)).To(Succeed())
	k.Managed = &infrav1.OCIManagedCluster{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: name, Labels: labels, OwnerReferences: ownedBy(k.Cluster)},
		Spec: infrav1.OCIManagedClusterSpec{CompartmentID: k.Compartment, Region: region, HostURL: emulatorOverrides(t)}}
	g.Expect(env.Client.Create(ctx, k.Managed)).To(Succeed())
	k.ControlPlane = &infrav1.OCIManagedControlPlane{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: name + "-cp", Labels: labels, OwnerReferences: ownedBy(k.Cluster)},
		Spec: infrav1.OCIManagedControlPlaneSpec{Version: o.version, ClusterType: o.clusterType,
			ClusterPodNetworkOptions: []infrav1.ClusterPodNetworkOptions{{CNIType: o.cni}}}}
	g.Expect(env.Client.Create(ctx, k.ControlPlane)).To(Succeed())
	if o.pool == "none" {
		return k
	}
	kind := "OCIManagedMachinePool"
	if o.pool == "virtual" {
		kind = "OCIVirtualMachinePool"
	}
	k.MachinePool = &clusterv1.MachinePool{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: name + "-pool", Labels: labels},
		Spec: clusterv1.MachinePoolSpec{ClusterName: name, Replicas: ptr.To(max(o.replicas, 1)),
			Template: clusterv1.MachineTemplateSpec{Spec: clusterv1.MachineSpec{ClusterName: name, Version: o.version,
				Bootstrap:         clusterv1.Bootstrap{DataSecretName: ptr.To("")},
				InfrastructureRef: clusterv1.ContractVersionedObjectReference{APIGroup: infrav1exp.GroupVersion.Group, Kind: kind, Name: name + "-pool"}}}}}
	g.Expect(env.Client.Create(ctx, k.MachinePool)).To(Succeed())
	meta := metav1.ObjectMeta{Namespace: ns.Name, Name: name + "-pool", Labels: labels,
		OwnerReferences: []metav1.OwnerReference{{APIVersion: clusterv1.GroupVersion.String(), Kind: "MachinePool", Name: k.MachinePool.Name, UID: k.MachinePool.UID}}}
	if o.pool == "virtual" {
		// An empty spec, as the virtual-node flavor has it: admission puts the pods in the pod subnet, and the
		// pool spreads over the cluster's availability domains in its worker subnet.
		k.Virtual = &infrav1exp.OCIVirtualMachinePool{ObjectMeta: meta}
		g.Expect(env.Client.Create(ctx, k.Virtual)).To(Succeed())
		return k
	}
	k.Pool = &infrav1exp.OCIManagedMachinePool{ObjectMeta: meta, Spec: poolSpec(o)}
	g.Expect(env.Client.Create(ctx, k.Pool)).To(Succeed())
	return k
}

// poolSpec is a node pool of the emulator's flexible shape and Oracle Linux image over the first AD's worker
// subnet, with VCN-native pods in the pod subnet when the CNI says so.
func poolSpec(o okeOpts) infrav1exp.OCIManagedMachinePoolSpec {
	s := infrav1exp.OCIManagedMachinePoolSpec{Version: o.version, NodeShape: "VM.Standard.E4.Flex",
		NodeShapeConfig:    &infrav1exp.NodeShapeConfig{OCPUs: "1", MemoryInGBs: "16"},
		NodeSourceViaImage: &infrav1exp.NodeSourceViaImage{ImageID: env.Sim.Images(region)[0].ID},
		NodePoolNodeConfig: &infrav1exp.NodePoolNodeConfig{PlacementConfigs: []infrav1exp.PlacementConfig{
			{AvailabilityDomain: env.Sim.ADNames(region)[0], SubnetName: "worker"}}},
		NodePoolCyclingDetails: &infrav1exp.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: "1", MaximumUnavailable: "0"},
	}
	if o.cni == "FLANNEL_OVERLAY" {
		s.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: o.cni}
	} else {
		s.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: o.cni,
			VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{SubnetNames: []string{"pod"}}}
	}
	return s
}

// controlPlane reads the OCIManagedControlPlane again.
func (k *testOKE) controlPlane(ctx context.Context, g Gomega) *infrav1.OCIManagedControlPlane {
	cp := &infrav1.OCIManagedControlPlane{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.ControlPlane), cp)).To(Succeed())
	return cp
}

// pool reads the OCIManagedMachinePool again.
func (k *testOKE) pool(ctx context.Context, g Gomega) *infrav1exp.OCIManagedMachinePool {
	p := &infrav1exp.OCIManagedMachinePool{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.Pool), p)).To(Succeed())
	return p
}

// virtual reads the OCIVirtualMachinePool again.
func (k *testOKE) virtual(ctx context.Context, g Gomega) *infrav1exp.OCIVirtualMachinePool {
	p := &infrav1exp.OCIVirtualMachinePool{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.Virtual), p)).To(Succeed())
	return p
}

// waitVirtualNodes waits until the virtual pool reports n ready virtual nodes, and returns it.
func (k *testOKE) waitVirtualNodes(ctx context.Context, t testing.TB, n int32) *infrav1exp.OCIVirtualMachinePool {
	t.Helper()
	var p *infrav1exp.OCIVirtualMachinePool
	NewWithT(t).Eventually(func(g Gomega) {
		p = k.virtual(ctx, g)
		g.Expect(p.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), "conditions: %v", p.Status.Conditions)
		g.Expect(p.Spec.ProviderIDList).To(HaveLen(int(n)))
		g.Expect(p.Status.Replicas).To(Equal(n))
		g.Expect(p.Status.ReadyReplicas).To(Equal(n), "conditions: %v", p.Status.Conditions)
		g.Expect(conditions.IsTrue(p, clusterv1.ReadyCondition)).To(BeTrue(), "conditions: %v", p.Status.Conditions)
	}).WithTimeout(3 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	return p
}

// waitAvailable waits until the control plane is Available and initialized.
func (k *testOKE) waitAvailable(ctx context.Context, t testing.TB) *infrav1.OCIManagedControlPlane {
	t.Helper()
	var cp *infrav1.OCIManagedControlPlane
	NewWithT(t).Eventually(func(g Gomega) {
		cp = k.controlPlane(ctx, g)
		g.Expect(cp.Status.Initialization.ControlPlaneInitialized).To(HaveValue(BeTrue()), "conditions: %v", cp.Status.Conditions)
	}).WithTimeout(3 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	return cp
}

// waitNodes waits until the pool reports n ready nodes, all of them of version (when set), and returns it.
func (k *testOKE) waitNodes(ctx context.Context, t testing.TB, n int32) *infrav1exp.OCIManagedMachinePool {
	t.Helper()
	var p *infrav1exp.OCIManagedMachinePool
	NewWithT(t).Eventually(func(g Gomega) {
		p = k.pool(ctx, g)
		g.Expect(p.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), "conditions: %v", p.Status.Conditions)
		g.Expect(p.Spec.ProviderIDList).To(HaveLen(int(n)))
		g.Expect(p.Status.Replicas).To(Equal(n))
		g.Expect(p.Status.ReadyReplicas).To(Equal(n), "conditions: %v", p.Status.Conditions)
	}).WithTimeout(3 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	return p
}

// scale sets the MachinePool's replicas.
func (k *testOKE) scale(ctx context.Context, t testing.TB, n int32) {
	t.Helper()
	g := NewWithT(t)
	mp := &clusterv1.MachinePool{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.MachinePool), mp)).To(Succeed())
	before := mp.DeepCopy()
	mp.Spec.Replicas = ptr.To(n)
	g.Expect(env.Client.Patch(ctx, mp, client.MergeFrom(before))).To(Succeed())
}

// kubeconfigClient builds a Kubernetes client from the <cluster>-kubeconfig Secret.
func (k *testOKE) kubeconfigClient(ctx context.Context, g Gomega) *kubernetes.Clientset {
	s := &corev1.Secret{}
	g.Expect(env.Client.Get(ctx, client.ObjectKey{Namespace: k.Cluster.Namespace, Name: okeauth.KubeconfigSecretName(k.Cluster.Name)}, s)).To(Succeed())
	cfg, err := clientcmd.RESTConfigFromKubeConfig(s.Data[okeauth.KubeconfigDataName])
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(cfg.ExecProvider).To(BeNil(), "Cluster API's kubeconfig needs no exec plugin")
	cs, err := kubernetes.NewForConfig(cfg)
	g.Expect(err).NotTo(HaveOccurred())
	return cs
}

// deleteAll deletes the pool, the control plane and the managed cluster in Cluster API's order and waits for each.
func (k *testOKE) deleteAll(ctx context.Context, t testing.TB) {
	t.Helper()
	if k.Pool != nil {
		deleteAndWait(ctx, t, k.Pool, func() any { return k.pool(ctx, NewWithT(t)).Status.Conditions })
	}
	if k.Virtual != nil {
		deleteAndWait(ctx, t, k.Virtual, func() any { return k.virtual(ctx, NewWithT(t)).Status.Conditions })
	}
	deleteAndWait(ctx, t, k.ControlPlane, func() any { return k.controlPlane(ctx, NewWithT(t)).Status.Conditions })
	deleteAndWait(ctx, t, k.Managed, func() any { return "" })
	NewWithT(t).Expect(env.Sim.Leaks(k.Compartment)).To(BeEmpty())
}
