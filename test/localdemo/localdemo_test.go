package localdemo

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
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

	cancel()
	g.Eventually(done, 30*time.Second).Should(Receive(BeNil()))
}
