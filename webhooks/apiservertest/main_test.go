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

// Package apiservertest runs the admission webhooks against a real API server: envtest installs the generated
// webhook configurations (config/webhook/manifests.yaml) and the API server calls the manager's webhook server over
// TLS, exactly as it calls the released provider.
package apiservertest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spf13/pflag"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const group = "infrastructure.cluster.x-k8s.io"

// k8s is a client of the API server, with the manager's scheme (every version of every kind).
var k8s client.Client

// restConfig is how to reach the API server, for clients of other kinds (one that records warnings).
var restConfig *rest.Config

// testEnv is the API server, for adding users.
var testEnv *testenv.Environment

// managerUser is the username the manager under test takes as its own (--manager-username).
const managerUser = "capoci-test-manager"

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	env, err := testenv.Start(testenv.Options{Webhooks: envtest.WebhookInstallOptions{
		Paths:            []string{filepath.Join(testenv.RepoRoot(), "config", "webhook", "manifests.yaml")},
		LocalServingHost: "127.0.0.1",
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = env.Stop() }()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := startManager(ctx, env); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// startManager runs the provider's manager (every registration: admission and conversion webhooks, the CRD
// migrator) against env, points the CRDs' conversion at it, and waits until its webhook server answers.
func startManager(ctx context.Context, env *testenv.Environment) error {
	wio := env.WebhookInstallOptions
	dir, err := os.MkdirTemp("", "capoci-admission-")
	if err != nil {
		return fmt.Errorf("creating a credentials directory: %w", err)
	}
	context.AfterFunc(ctx, func() { _ = os.RemoveAll(dir) })
	creds, err := testenv.WriteCredentials(dir, "ocid1.tenancy.oc1..aaaatest", "ocid1.user.oc1..aaaatest", "us-ashburn-1")
	if err != nil {
		return fmt.Errorf("writing credentials: %w", err)
	}
	o := manager.NewOptions()
	fs := pflag.NewFlagSet("manager", pflag.ContinueOnError)
	o.AddFlags(fs)
	if err := fs.Parse([]string{
		"--health-addr=" + freeAddr(), "--diagnostics-address=" + freeAddr(), "--leader-elect=false",
		"--webhook-host=127.0.0.1", "--webhook-port=" + strconv.Itoa(wio.LocalServingPort),
		"--webhook-cert-dir=" + wio.LocalServingCertDir, "--manager-username=" + managerUser,
	}); err != nil {
		return fmt.Errorf("parsing manager flags: %w", err)
	}
	o.AuthConfigDir = creds.Dir
	mgr, err := manager.New(env.Config, o)
	if err != nil {
		return fmt.Errorf("creating the manager: %w", err)
	}
	if err := manager.Setup(ctx, mgr, manager.Deps{Options: o}); err != nil {
		return fmt.Errorf("setting up the manager: %w", err)
	}
	go func() { _ = mgr.Start(ctx) }()
	restConfig, testEnv = env.Config, env
	k8s, err = client.New(env.Config, client.Options{Scheme: mgr.GetScheme()})
	if err != nil {
		return fmt.Errorf("creating a client: %w", err)
	}
	if err := waitForWebhookServer(wio.LocalServingHost, wio.LocalServingPort, wio.LocalServingCAData); err != nil {
		return err
	}
	return convertThroughWebhook(ctx, fmt.Sprintf("https://127.0.0.1:%d/convert", wio.LocalServingPort), wio.LocalServingCAData)
}

// convertThroughWebhook switches our CRDs to webhook conversion, as cert-manager's CA injection does in a release,
// so that objects sent in v1beta1 or v1beta2 reach the admission webhooks converted to v1beta3.
func convertThroughWebhook(ctx context.Context, url string, caBundle []byte) error {
	crds := &apiextensionsv1.CustomResourceDefinitionList{}
	if err := k8s.List(ctx, crds); err != nil {
		return fmt.Errorf("listing CRDs: %w", err)
	}
	for i := range crds.Items {
		crd := &crds.Items[i]
		if crd.Spec.Group != group {
			continue
		}
		patch := client.MergeFrom(crd.DeepCopy())
		crd.Spec.Conversion = &apiextensionsv1.CustomResourceConversion{
			Strategy: apiextensionsv1.WebhookConverter,
			Webhook: &apiextensionsv1.WebhookConversion{
				ClientConfig:             &apiextensionsv1.WebhookClientConfig{URL: &url, CABundle: caBundle},
				ConversionReviewVersions: []string{"v1"},
			},
		}
		if err := k8s.Patch(ctx, crd, patch); err != nil {
			return fmt.Errorf("switching %s to webhook conversion: %w", crd.Name, err)
		}
	}
	return nil
}

// waitForWebhookServer waits until the webhook server completes a TLS handshake with the certificate envtest made.
func waitForWebhookServer(host string, port int, caData []byte) error {
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caData)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		conn, err := tls.DialWithDialer(&net.Dialer{Timeout: time.Second}, "tcp", addr,
			&tls.Config{RootCAs: pool, ServerName: host, MinVersion: tls.VersionTLS12})
		if err == nil {
			_ = conn.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the webhook server at %s did not start", addr)
}

// freeAddr returns a loopback address with a port the kernel just chose.
func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "127.0.0.1:0"
	}
	defer func() { _ = l.Close() }()
	return l.Addr().String()
}
