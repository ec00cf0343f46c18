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

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/spf13/pflag"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

func TestMain(m *testing.M) {
	ctrl.SetLogger(zap.New(zap.WriteTo(io.Discard)))
	m.Run()
}

const group = "infrastructure.cluster.x-k8s.io"

// conversionEnv is an API server whose CRDs convert through the manager's webhook server, over TLS with the
// serving certificate envtest generated, and a client of it.
type conversionEnv struct {
	env    *testenv.Environment
	client client.Client
	scheme *runtime.Scheme
}

// startConversionEnv starts an API server, runs the manager (all registrations, the CRD migrator included) against
// it, and points every CRD's conversion webhook at the manager's webhook server.
func startConversionEnv(t *testing.T) *conversionEnv {
	t.Helper()
	g := NewWithT(t)
	e, err := testenv.Start(testenv.Options{Webhooks: envtest.WebhookInstallOptions{LocalServingHost: "127.0.0.1"}})
	g.Expect(err).NotTo(HaveOccurred())
	t.Cleanup(func() { g.Expect(e.Stop()).To(Succeed()) })

	o := managerOptions(g, e)
	mgr, err := manager.New(e.Config, o)
	g.Expect(err).NotTo(HaveOccurred())
	ctx, cancel := context.WithCancel(context.Background())
	g.Expect(manager.Setup(ctx, mgr, manager.Deps{Options: o})).To(Succeed())
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	t.Cleanup(func() {
		cancel()
		g.Eventually(done, 20*time.Second).Should(Receive(BeNil()))
	})

	c := mgr.GetClient()
	ce := &conversionEnv{env: e, client: c, scheme: mgr.GetScheme()}
	url := fmt.Sprintf("https://127.0.0.1:%d/convert", o.WebhookPort)
	crds := &apiextensionsv1.CustomResourceDefinitionList{}
	g.Expect(mgr.GetAPIReader().List(ctx, crds)).To(Succeed())
	patched := 0
	for i := range crds.Items {
		crd := &crds.Items[i]
		if crd.Spec.Group != group {
			continue
		}
		ce.useWebhook(g, crd, url, e.WebhookInstallOptions.LocalServingCAData)
		patched++
	}
	g.Expect(patched).To(Equal(14))
	return ce
}

// managerOptions are the manager's defaults with its webhook server on envtest's address and serving certificate,
// and its probes and metrics on free ports.
func managerOptions(g Gomega, e *testenv.Environment) *manager.Options {
	o := manager.NewOptions()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	o.AddFlags(fs)
	g.Expect(fs.Parse([]string{
		"--health-addr=" + freeAddr(g),
		"--diagnostics-address=" + freeAddr(g),
		"--webhook-host=127.0.0.1",
		"--webhook-port=" + strconv.Itoa(e.WebhookInstallOptions.LocalServingPort),
		"--webhook-cert-dir=" + e.WebhookInstallOptions.LocalServingCertDir,
	})).To(Succeed())
	g.Expect(o.Validate()).To(Succeed())
	return o
}

// freeAddr returns a loopback address with a port the kernel picked.
func freeAddr(g Gomega) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	g.Expect(err).NotTo(HaveOccurred())
	defer l.Close()
	return l.Addr().String()
}

// useWebhook switches a CRD to webhook conversion at url, trusting caBundle, as cert-manager's CA injector does for
// the released manifests.
func (ce *conversionEnv) useWebhook(g Gomega, crd *apiextensionsv1.CustomResourceDefinition, url string, caBundle []byte) {
	patch := client.MergeFrom(crd.DeepCopy())
	crd.Spec.Conversion = &apiextensionsv1.CustomResourceConversion{
		Strategy: apiextensionsv1.WebhookConverter,
		Webhook: &apiextensionsv1.WebhookConversion{
			ClientConfig:             &apiextensionsv1.WebhookClientConfig{URL: &url, CABundle: caBundle},
			ConversionReviewVersions: []string{"v1"},
		},
	}
	g.Expect(ce.client.Patch(context.Background(), crd, patch)).To(Succeed())
}

// object builds an unstructured object of kind in version from a YAML spec.
func object(g Gomega, version, kind, name, specYAML string) *unstructured.Unstructured {
	spec := map[string]any{}
	g.Expect(yaml.Unmarshal([]byte(specYAML), &spec)).To(Succeed())
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": group + "/" + version,
		"kind":       kind,
		"metadata":   map[string]any{"name": name, "namespace": "default"},
		"spec":       spec,
	}}
}

// get reads obj's namesake in version.
func (ce *conversionEnv) get(g Gomega, obj *unstructured.Unstructured, version string) *unstructured.Unstructured {
	got := &unstructured.Unstructured{}
	got.SetAPIVersion(group + "/" + version)
	got.SetKind(obj.GetKind())
	g.Expect(ce.client.Get(context.Background(), client.ObjectKeyFromObject(obj), got)).To(Succeed(),
		"reading %s %s in %s", obj.GetKind(), obj.GetName(), version)
	return got
}

// typedSpec is obj's spec as its Go type writes it: a value the type cannot tell from unset (false, 0, "" under
// omitempty) is dropped, as the API server drops it once the object is stored through any typed version.
func typedSpec(g Gomega, scheme *runtime.Scheme, obj *unstructured.Unstructured) any {
	return typedObject(g, scheme, obj)["spec"]
}

// typedObject is obj as its Go type writes it (see typedSpec).
func typedObject(g Gomega, scheme *runtime.Scheme, obj *unstructured.Unstructured) map[string]any {
	typed, err := scheme.New(obj.GroupVersionKind())
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(runtime.DefaultUnstructuredConverter.FromUnstructured(obj.Object, typed)).To(Succeed())
	content, err := runtime.DefaultUnstructuredConverter.ToUnstructured(typed)
	g.Expect(err).NotTo(HaveOccurred())
	return content
}

// field returns the value at a dotted path of obj (list items by index), or nil.
func field(obj *unstructured.Unstructured, path string) any {
	var cur any = obj.Object
	for _, p := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			cur = v[p]
		case []any:
			var i int
			if _, err := fmt.Sscanf(p, "%d", &i); err != nil || i >= len(v) {
				return nil
			}
			cur = v[i]
		default:
			return nil
		}
	}
	return cur
}
