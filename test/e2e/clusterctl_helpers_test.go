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

package e2e_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	bootstrapv1 "sigs.k8s.io/cluster-api/api/bootstrap/kubeadm/v1beta2"
	controlplanev1 "sigs.k8s.io/cluster-api/api/controlplane/kubeadm/v1beta2"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	clusterctlv1 "sigs.k8s.io/cluster-api/cmd/clusterctl/api/v1alpha3"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const (
	// movedNamespace is the namespace of the moved cluster.
	movedNamespace = "moved"
	// identityName names the moved cluster's OCIClusterIdentity and the Secret of its principal.
	identityName = "capoci-clusterctl"
)

// managerVariables are the managers' own credentials, which clusterctl init substitutes into the provider's
// components.
type managerVariables struct{ TenancyID, UserID, Fingerprint, Region string }

// newManagement starts the API server of a management cluster.
func newManagement(ctx context.Context, name string) *stack.Management {
	m, err := st.NewManagement(ctx, name)
	Expect(err).NotTo(HaveOccurred())
	return m
}

// initialize runs `clusterctl init --infrastructure oci` from repo on m. The provider's variables are
// credentials the emulator does not know (a new key): a call signed with a manager's own credentials is refused
// with 401, so the clusters must sign with their identity.
func initialize(ctx context.Context, repo *stack.Repository, m *stack.Management) managerVariables {
	creds, err := testenv.WriteCredentials(filepath.Join(st.WorkDir, m.Name+"-variables"), st.Sim.Tenancy(),
		"ocid1.user.oc1..capocimanager"+m.Name, st.Sim.Regions()[0])
	Expect(err).NotTo(HaveOccurred())
	key, err := os.ReadFile(filepath.Join(creds.Dir, "key"))
	Expect(err).NotTo(HaveOccurred())
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	log, err := m.Init(ctx, repo, []string{"OCI_TENANCY_ID_B64=" + b64(creds.TenancyID), "OCI_USER_ID_B64=" + b64(creds.UserID),
		"OCI_CREDENTIALS_FINGERPRINT_B64=" + b64(creds.Fingerprint), "OCI_CREDENTIALS_KEY_B64=" + b64(string(key)),
		"OCI_REGION_B64=" + b64(creds.Region)})
	Expect(err).NotTo(HaveOccurred())
	// cert-manager's API (its CRDs) took clusterctl's test Issuer and Certificate: nothing was downloaded.
	Expect(log).To(ContainSubstring("Skipping installing cert-manager as it is already installed"))
	return managerVariables{TenancyID: creds.TenancyID, UserID: creds.UserID, Fingerprint: creds.Fingerprint, Region: creds.Region}
}

// alongside runs step in a goroutine and returns a function that waits for it; a failed assertion in step fails
// the spec, and the spec does not end before step does.
func alongside(step func()) (wait func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer GinkgoRecover()
		defer wg.Done()
		step()
	}()
	DeferCleanup(wg.Wait)
	return wg.Wait
}

// manifestKinds lists the kinds of a multi-document manifest.
func manifestKinds(manifest []byte) []string {
	var kinds []string
	for _, u := range manifestObjects(manifest) {
		kinds = append(kinds, u.GetKind())
	}
	return kinds
}

func manifestObjects(manifest []byte) []*unstructured.Unstructured {
	var out []*unstructured.Unstructured
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(manifest), 4096)
	for {
		u := &unstructured.Unstructured{}
		err := dec.Decode(&u.Object)
		if errors.Is(err, io.EOF) {
			return out
		}
		Expect(err).NotTo(HaveOccurred())
		if len(u.Object) > 0 {
			out = append(out, u)
		}
	}
}

// createWithIdentity renders the cluster, makes its namespace, an OCIClusterIdentity with its principal's
// Secret (the emulator's user), applies the cluster with spec.identityRef naming the identity, and waits until
// it is ready. The Secret carries clusterctl's move label: clusterctl moves the identity by its CRD's
// move-hierarchy label, but a Secret the identity does not own only when the Secret says so.
func createWithIdentity(ctx context.Context, on *stack.Stack, o stack.ClusterOptions, timeout time.Duration) *stack.Cluster {
	c, err := on.Client()
	Expect(err).NotTo(HaveOccurred())
	Expect(c.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: o.Namespace}})).To(Succeed())
	Expect(c.Create(ctx, &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: o.Namespace, Name: identityName, Labels: map[string]string{clusterctlv1.ClusterctlMoveLabel: ""}},
		StringData: map[string]string{"tenancy": st.Sim.Tenancy(), "user": st.Sim.User(), "fingerprint": st.Sim.Fingerprint(),
			"key": st.Sim.PrivateKeyPEM(), "region": st.Sim.Regions()[0]},
	})).To(Succeed())
	Expect(c.Create(ctx, &infrav1.OCIClusterIdentity{ObjectMeta: metav1.ObjectMeta{Namespace: o.Namespace, Name: identityName},
		Spec: infrav1.OCIClusterIdentitySpec{Type: "UserPrincipal", PrincipalSecret: corev1.SecretReference{Name: identityName, Namespace: o.Namespace}},
	})).To(Succeed())
	cl, manifest, err := on.Render(ctx, o)
	Expect(err).NotTo(HaveOccurred())
	var docs [][]byte
	for _, u := range manifestObjects(manifest) {
		if u.GetKind() == "OCICluster" {
			ref := map[string]any{"apiVersion": infrav1.GroupVersion.String(), "kind": "OCIClusterIdentity", "name": identityName, "namespace": o.Namespace}
			Expect(unstructured.SetNestedMap(u.Object, ref, "spec", "identityRef")).To(Succeed())
		}
		doc, err := yaml.Marshal(u.Object)
		Expect(err).NotTo(HaveOccurred())
		docs = append(docs, doc)
	}
	Expect(on.Apply(ctx, bytes.Join(docs, []byte("---\n")))).To(Succeed())
	waitReadyOn(ctx, on, cl, timeout)
	return cl
}

// waitReadyOn is waitReady on a management cluster of the stack's view.
func waitReadyOn(ctx context.Context, on *stack.Stack, cl *stack.Cluster, timeout time.Duration) {
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	_, err := on.Follow(wctx, cl, GinkgoWriter, time.Now(), stack.Ready(cl))
	Expect(err).NotTo(HaveOccurred())
}

// waitInfrastructureReady waits until the namespace's OCICluster and OCIMachines are provisioned and Ready.
func waitInfrastructureReady(ctx context.Context, on *stack.Stack, ns string, timeout time.Duration) {
	c, err := on.Client()
	Expect(err).NotTo(HaveOccurred())
	Eventually(func(g Gomega) {
		clusters := &infrav1.OCIClusterList{}
		g.Expect(c.List(ctx, clusters, client.InNamespace(ns))).To(Succeed())
		g.Expect(clusters.Items).To(HaveLen(1))
		g.Expect(clusters.Items[0].Status.Initialization.Provisioned).To(HaveValue(BeTrue()))
		g.Expect(meta.IsStatusConditionTrue(clusters.Items[0].Status.Conditions, clusterv1.ReadyCondition)).To(BeTrue())
		machines := &infrav1.OCIMachineList{}
		g.Expect(c.List(ctx, machines, client.InNamespace(ns))).To(Succeed())
		g.Expect(machines.Items).NotTo(BeEmpty())
		for i := range machines.Items {
			m := &machines.Items[i]
			g.Expect(m.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), m.Name)
			g.Expect(meta.IsStatusConditionTrue(m.Status.Conditions, clusterv1.ReadyCondition)).To(BeTrue(), m.Name)
		}
	}).WithContext(ctx).WithTimeout(timeout).WithPolling(time.Second).Should(Succeed())
}

// holding is what a management cluster holds of the moved namespace: the names of the objects clusterctl move takes, by
// kind; every OCID in the OCICluster's spec and its stable identifier; and each OCIMachine's instance.
type holding struct {
	Objects            map[string][]string
	NetworkIDs         []string
	ResourceIdentifier string
	Instances          map[string]string
}

// movedKinds are the kinds of the moved cluster's objects.
var movedKinds = []schema.GroupVersionKind{
	clusterv1.GroupVersion.WithKind("Cluster"), clusterv1.GroupVersion.WithKind("MachineDeployment"),
	clusterv1.GroupVersion.WithKind("MachineSet"), clusterv1.GroupVersion.WithKind("Machine"),
	controlplanev1.GroupVersion.WithKind("KubeadmControlPlane"), bootstrapv1.GroupVersion.WithKind("KubeadmConfig"),
	bootstrapv1.GroupVersion.WithKind("KubeadmConfigTemplate"), infrav1.GroupVersion.WithKind("OCICluster"),
	infrav1.GroupVersion.WithKind("OCIMachine"), infrav1.GroupVersion.WithKind("OCIMachineTemplate"),
	infrav1.GroupVersion.WithKind("OCIClusterIdentity"), corev1.SchemeGroupVersion.WithKind("Secret"),
}

func holdingOf(ctx context.Context, on *stack.Stack) holding {
	c, err := on.Client()
	Expect(err).NotTo(HaveOccurred())
	h := holding{Objects: map[string][]string{}, Instances: map[string]string{}}
	for _, gvk := range movedKinds {
		list := &unstructured.UnstructuredList{}
		list.SetGroupVersionKind(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
		Expect(c.List(ctx, list, client.InNamespace(movedNamespace))).To(Succeed())
		for _, u := range list.Items {
			h.Objects[gvk.Kind] = append(h.Objects[gvk.Kind], u.GetName())
			switch gvk.Kind {
			case "OCICluster":
				h.NetworkIDs = ocids(u.Object["spec"], nil)
				h.ResourceIdentifier, _, _ = unstructured.NestedString(u.Object, "spec", "ociResourceIdentifier")
			case "OCIMachine":
				h.Instances[u.GetName()], _, _ = unstructured.NestedString(u.Object, "spec", "instanceId")
			}
		}
		sort.Strings(h.Objects[gvk.Kind])
	}
	sort.Strings(h.NetworkIDs)
	return h
}

// ocids collects every OCID in a decoded JSON value.
func ocids(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "ocid1.") {
			out = append(out, v)
		}
	case map[string]any:
		for _, x := range v {
			out = ocids(x, out)
		}
	case []any:
		for _, x := range v {
			out = ocids(x, out)
		}
	}
	return out
}

// liveIn lists the IDs of the emulator's live resources in a compartment.
func liveIn(compartment string) []string {
	var ids []string
	for _, r := range st.Sim.Leaks(compartment) {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}

// statsSince returns the calls made between two readings of the emulator's counters, by operation.
func statsSince(before, after map[string]ocisim.OpStats) map[string]ocisim.OpStats {
	out := map[string]ocisim.OpStats{}
	for op, a := range after {
		b := before[op]
		d := ocisim.OpStats{Total: a.Total - b.Total, ByStatus: map[int]int{}}
		for code, n := range a.ByStatus {
			if n > b.ByStatus[code] {
				d.ByStatus[code] = n - b.ByStatus[code]
			}
		}
		if d.Total > 0 {
			out[op] = d
		}
	}
	return out
}

// creates are the calls, by operation, that make a resource.
func creates(calls map[string]ocisim.OpStats) map[string]int {
	out := map[string]int{}
	for op, s := range calls {
		if strings.HasPrefix(op, "Create") || strings.HasPrefix(op, "Launch") {
			out[op] = s.Total
		}
	}
	return out
}

// changes are the calls, by operation, other than reads (Get*, List*).
func changes(calls map[string]ocisim.OpStats) map[string]int {
	out := map[string]int{}
	for op, s := range calls {
		if !strings.HasPrefix(op, "Get") && !strings.HasPrefix(op, "List") {
			out[op] = s.Total
		}
	}
	return out
}

// status counts the calls answered with an HTTP status.
func status(calls map[string]ocisim.OpStats, code int) int {
	n := 0
	for _, s := range calls {
		n += s.ByStatus[code]
	}
	return n
}

// planRow returns the fields of the row of a provider in `clusterctl upgrade plan`'s table.
func planRow(out, name string) []string {
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == name {
			return f
		}
	}
	return nil
}

// expectInstalled checks what `clusterctl init` installed for the provider, as a cluster would hold it before any
// pod runs: the CRDs, the manager's Deployment and its credentials, the webhook configurations and the
// cert-manager Certificate, and clusterctl's inventory of the four providers.
func expectInstalled(ctx context.Context, m *stack.Management, repo *stack.Repository, vars managerVariables) {
	c, err := client.New(m.Config, client.Options{Scheme: stack.Scheme()})
	Expect(err).NotTo(HaveOccurred())
	oci := client.MatchingLabels{stack.ProviderLabel: "infrastructure-oci"}

	crds := &apiextensionsv1.CustomResourceDefinitionList{}
	Expect(c.List(ctx, crds, oci)).To(Succeed())
	Expect(crds.Items).To(HaveLen(14))
	for i := range crds.Items {
		crd := &crds.Items[i]
		Expect(crd.Labels).To(HaveKey(clusterctlv1.ClusterctlLabel), crd.Name)
		Expect(crd.Labels).To(HaveKeyWithValue(clusterv1.GroupVersion.String(), infrav1.GroupVersion.Version), crd.Name)
		if len(crd.Spec.Versions) > 1 {
			Expect(crd.Spec.Conversion.Webhook.ClientConfig.Service.Name).To(Equal("capoci-webhook-service"), crd.Name)
		}
		if crd.Spec.Names.Kind == "OCIClusterIdentity" {
			Expect(crd.Labels).To(HaveKey(clusterctlv1.ClusterctlMoveHierarchyLabel))
		}
	}

	d := &appsv1.Deployment{}
	Expect(c.Get(ctx, client.ObjectKey{Namespace: stack.ProviderNamespace, Name: stack.ManagerDeployment}, d)).To(Succeed())
	Expect(d.Spec.Template.Spec.Containers).To(HaveLen(1))
	manager := d.Spec.Template.Spec.Containers[0]
	Expect(manager.Name).To(Equal("manager"))
	Expect(manager.Image).To(Equal(stack.ImageRepository + "/cluster-api-oci-controller:" + stack.ImageTag))
	Expect(manager.Args).To(ContainElement("--feature-gates=MachinePool=true,OKE=true"))
	Expect(strings.Join(manager.Args, " ")).NotTo(ContainSubstring("${"))

	sec := &corev1.Secret{}
	Expect(c.Get(ctx, client.ObjectKey{Namespace: stack.ProviderNamespace, Name: stack.AuthConfigSecret}, sec)).To(Succeed())
	Expect(sec.Data).To(And(HaveKeyWithValue("tenancy", []byte(vars.TenancyID)), HaveKeyWithValue("user", []byte(vars.UserID)),
		HaveKeyWithValue("fingerprint", []byte(vars.Fingerprint)), HaveKeyWithValue("region", []byte(vars.Region)),
		HaveKeyWithValue("useInstancePrincipal", []byte("false"))))

	for _, hooks := range []client.ObjectList{&admissionregistrationv1.MutatingWebhookConfigurationList{},
		&admissionregistrationv1.ValidatingWebhookConfigurationList{}} {
		Expect(c.List(ctx, hooks, oci)).To(Succeed())
		Expect(meta.LenList(hooks)).To(Equal(1))
	}
	certs := &unstructured.UnstructuredList{}
	certs.SetGroupVersionKind(schema.GroupVersionKind{Group: "cert-manager.io", Version: "v1", Kind: "CertificateList"})
	Expect(c.List(ctx, certs, client.InNamespace(stack.ProviderNamespace))).To(Succeed())
	Expect(certs.Items).To(HaveLen(1))

	providers := &clusterctlv1.ProviderList{}
	Expect(c.List(ctx, providers)).To(Succeed())
	inventory := map[string]string{}
	for i := range providers.Items {
		p := &providers.Items[i]
		inventory[p.Type+" "+p.ProviderName+" in "+p.Namespace] = p.Version
	}
	Expect(inventory).To(Equal(map[string]string{
		"CoreProvider cluster-api in capi-system":                           repo.CAPIVersion,
		"BootstrapProvider kubeadm in capi-kubeadm-bootstrap-system":        repo.CAPIVersion,
		"ControlPlaneProvider kubeadm in capi-kubeadm-control-plane-system": repo.CAPIVersion,
		"InfrastructureProvider oci in " + stack.ProviderNamespace:          repo.Version,
	}))
}
