package localdemo

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/clientcmd"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
)

func TestDemoRunsTheManagerAgainstALocalAPIServer(t *testing.T) {
	g := NewWithT(t)
	ctrl.SetLogger(zap.New(zap.WriteTo(io.Discard)))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := &strings.Builder{}
	ready := make(chan Info, 1)
	done := make(chan error, 1)
	dir := t.TempDir()
	go func() { done <- Run(ctx, Options{WorkDir: dir, Out: out, Ready: func(i Info) { ready <- i }}) }()

	var info Info
	g.Eventually(ready, 60*time.Second).Should(Receive(&info))
	g.Expect(out.String()).To(ContainSubstring("kubeconfig:       " + dir + "/kubeconfig"))

	// The kubeconfig it wrote reaches the API server, where the provider's CRDs are installed.
	cfg, err := clientcmd.BuildConfigFromFlags("", info.Kubeconfig)
	g.Expect(err).NotTo(HaveOccurred())
	scheme := runtime.NewScheme()
	g.Expect(apiextensionsv1.AddToScheme(scheme)).To(Succeed())
	c, err := client.New(cfg, client.Options{Scheme: scheme})
	g.Expect(err).NotTo(HaveOccurred())
	crd := &apiextensionsv1.CustomResourceDefinition{}
	g.Expect(c.Get(ctx, client.ObjectKey{Name: "ociclusters.infrastructure.cluster.x-k8s.io"}, crd)).To(Succeed())

	// The demo behaves like an installed provider: a v1beta1 object is defaulted by the admission webhook and
	// converted by the conversion webhook, and a bad one is refused with its field path.
	dyn, err := client.New(cfg, client.Options{})
	g.Expect(err).NotTo(HaveOccurred())
	cluster := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "OCICluster",
		"metadata": map[string]any{"name": "demo", "namespace": "default"},
		"spec":     map[string]any{"compartmentId": "ocid1.compartment.oc1..aaaaaaaademo"},
	}}
	g.Expect(dyn.Create(ctx, cluster)).To(Succeed())
	hub := &unstructured.Unstructured{}
	hub.SetAPIVersion("infrastructure.cluster.x-k8s.io/v1beta3")
	hub.SetKind("OCICluster")
	g.Expect(dyn.Get(ctx, client.ObjectKey{Namespace: "default", Name: "demo"}, hub)).To(Succeed())
	id, _, _ := unstructured.NestedString(hub.Object, "spec", "ociResourceIdentifier")
	g.Expect(id).NotTo(BeEmpty())
	compartment, _, _ := unstructured.NestedString(hub.Object, "spec", "compartmentId")
	g.Expect(compartment).To(Equal("ocid1.compartment.oc1..aaaaaaaademo"))

	bad := cluster.DeepCopy()
	bad.SetName("bad")
	bad.SetResourceVersion("")
	g.Expect(unstructured.SetNestedField(bad.Object, "prod", "spec", "compartmentId")).To(Succeed())
	g.Expect(dyn.Create(ctx, bad)).To(MatchError(ContainSubstring("spec.compartmentId")))

	cancel()
	g.Eventually(done, 30*time.Second).Should(Receive(BeNil()))
}
