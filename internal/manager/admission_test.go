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

package manager

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// TestAdmissionServesEveryGeneratedWebhook registers the admission webhooks and checks that the webhook server
// handles every path of the generated configurations (config/webhook/manifests.yaml) and no other admission path:
// a marker and its webhook type cannot drift apart.
func TestAdmissionServesEveryGeneratedWebhook(t *testing.T) {
	g := NewWithT(t)
	scheme, err := NewScheme()
	g.Expect(err).NotTo(HaveOccurred())
	// The manager is never started, so the API server address is never dialled.
	mgr, err := ctrl.NewManager(&rest.Config{Host: "https://127.0.0.1:1"}, ctrl.Options{
		Scheme: scheme, Metrics: metricsserver.Options{BindAddress: "0"},
	})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(setupAdmission(context.Background(), mgr, Deps{})).To(Succeed())

	paths := generatedWebhookPaths(g)
	g.Expect(paths).To(HaveLen(19), "a validating path for each of the 14 kinds, a mutating one for the 5 kinds with defaults "+
		"(OCICluster, OCIManagedCluster, OCIManagedControlPlane, OCIManagedMachinePool, OCIVirtualMachinePool)")
	mux := mgr.GetWebhookServer().WebhookMux()
	for _, p := range paths {
		_, pattern := mux.Handler(&http.Request{URL: &url.URL{Path: p}})
		g.Expect(pattern).To(Equal(p), "no handler for %s", p)
	}
	_, pattern := mux.Handler(&http.Request{URL: &url.URL{Path: "/validate-infrastructure-cluster-x-k8s-io-v1beta3-nothing"}})
	g.Expect(pattern).To(BeEmpty())
}

// generatedWebhookPaths reads the service paths of the generated webhook configurations.
func generatedWebhookPaths(g Gomega) []string {
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "config", "webhook", "manifests.yaml"))
	g.Expect(err).NotTo(HaveOccurred())
	var paths []string
	for _, doc := range strings.Split(string(data), "\n---\n") {
		var cfg struct {
			Kind     string                                      `json:"kind"`
			Webhooks []admissionregistrationv1.ValidatingWebhook `json:"webhooks"`
		}
		g.Expect(yaml.Unmarshal([]byte(doc), &cfg)).To(Succeed())
		for i := range cfg.Webhooks {
			w := &cfg.Webhooks[i]
			g.Expect(w.ClientConfig.Service).NotTo(BeNil())
			g.Expect(*w.MatchPolicy).To(Equal(admissionregistrationv1.Equivalent), w.Name)
			g.Expect(*w.FailurePolicy).To(Equal(admissionregistrationv1.Fail), w.Name)
			g.Expect(*w.SideEffects).To(Equal(admissionregistrationv1.SideEffectClassNone), w.Name)
			paths = append(paths, *w.ClientConfig.Service.Path)
		}
	}
	return paths
}
