package testenv

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strconv"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// Group is the provider's API group.
const Group = "infrastructure.cluster.x-k8s.io"

// ProviderWebhooks returns install options that register the provider's admission webhooks
// (config/webhook/manifests.yaml) with the API server, calling a webhook server on loopback.
func ProviderWebhooks() envtest.WebhookInstallOptions {
	return envtest.WebhookInstallOptions{
		Paths:            []string{filepath.Join(RepoRoot(), "config", "webhook", "manifests.yaml")},
		LocalServingHost: "127.0.0.1",
	}
}

// ServeConversion switches every multi-version CRD of the provider's group to webhook conversion at the local
// webhook server (path /convert), trusting envtest's serving CA, as cert-manager's CA injector does for the
// released manifests.
func (e *Environment) ServeConversion(ctx context.Context) error {
	scheme := runtime.NewScheme()
	if err := apiextensionsv1.AddToScheme(scheme); err != nil {
		return fmt.Errorf("building a scheme for CRDs: %w", err)
	}
	c, err := client.New(e.Config, client.Options{Scheme: scheme})
	if err != nil {
		return fmt.Errorf("creating a client: %w", err)
	}
	crds := &apiextensionsv1.CustomResourceDefinitionList{}
	if err := c.List(ctx, crds); err != nil {
		return fmt.Errorf("listing CRDs: %w", err)
	}
	w := e.WebhookInstallOptions
	url := "https://" + e.WebhookAddr() + "/convert"
	for i := range crds.Items {
		crd := &crds.Items[i]
		if crd.Spec.Group != Group || len(crd.Spec.Versions) < 2 {
			continue
		}
		patch := client.MergeFrom(crd.DeepCopy())
		crd.Spec.Conversion = &apiextensionsv1.CustomResourceConversion{
			Strategy: apiextensionsv1.WebhookConverter,
			Webhook: &apiextensionsv1.WebhookConversion{
				ClientConfig:             &apiextensionsv1.WebhookClientConfig{URL: &url, CABundle: w.LocalServingCAData},
				ConversionReviewVersions: []string{"v1"},
			},
		}
		if err := c.Patch(ctx, crd, patch); err != nil {
			return fmt.Errorf("switching %s to webhook conversion: %w", crd.Name, err)
		}
	}
	return nil
}

// WebhookAddr is host:port where the API server calls the webhook server (envtest's LocalServingHost and
// LocalServingPort).
func (e *Environment) WebhookAddr() string {
	w := e.WebhookInstallOptions
	return net.JoinHostPort(w.LocalServingHost, strconv.Itoa(w.LocalServingPort))
}

// WriteKubeconfig writes a kubeconfig for the API server, with the admin's client certificate, to path.
func (e *Environment) WriteKubeconfig(path string) error {
	cfg := e.Config
	kc := clientcmdapi.NewConfig()
	kc.Clusters["local"] = &clientcmdapi.Cluster{Server: cfg.Host, CertificateAuthorityData: cfg.CAData}
	kc.AuthInfos["admin"] = &clientcmdapi.AuthInfo{ClientCertificateData: cfg.CertData, ClientKeyData: cfg.KeyData}
	kc.Contexts["local"] = &clientcmdapi.Context{Cluster: "local", AuthInfo: "admin"}
	kc.CurrentContext = "local"
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		return fmt.Errorf("writing the kubeconfig: %w", err)
	}
	return nil
}

// LoopbackAddr returns 127.0.0.1 with a port the kernel just chose, for a server a test starts.
func LoopbackAddr(ctx context.Context) (string, error) {
	addrs, err := LoopbackAddrs(ctx, 1)
	if err != nil {
		return "", err
	}
	return addrs[0], nil
}

// LoopbackAddrs returns n addresses of 127.0.0.1 with distinct ports the kernel chose: every port is held
// until all are chosen, so that the kernel cannot hand the same one out twice.
func LoopbackAddrs(ctx context.Context, n int) ([]string, error) {
	var lc net.ListenConfig
	listeners := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range listeners {
			_ = l.Close()
		}
	}()
	addrs := make([]string, 0, n)
	for range n {
		l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("picking a loopback port: %w", err)
		}
		listeners = append(listeners, l)
		addrs = append(addrs, l.Addr().String())
	}
	return addrs, nil
}
