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
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
	"github.com/oracle/cluster-api-provider-oci/test/ctrlenv"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// k8s is an admin client of the API server; it sends the templates' objects as unstructured ones.
var k8s client.Client

// warnings records the warnings the API server returns (an admission webhook's, for example).
var warnings = &warningRecorder{}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run starts an API server with the provider's and Cluster API's CRDs (core and kubeadm), and the provider's manager serving its
// admission and conversion webhooks (no controller runs: nothing in OCI is called), then runs the tests.
func run(m *testing.M) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	capi, err := ctrlenv.CAPICRDDir(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	capiModule := filepath.Join(capi, "..", "..", "..", "..")
	env, err := testenv.Start(testenv.Options{
		CRDDirs: []string{filepath.Join(testenv.RepoRoot(), "config", "crd", "bases"), capi,
			filepath.Join(capiModule, "controlplane", "kubeadm", "config", "crd", "bases"),
			filepath.Join(capiModule, "bootstrap", "kubeadm", "config", "crd", "bases")},
		Webhooks: testenv.ProviderWebhooks(),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() {
		cancel() // the manager stops before its API server
		_ = env.Stop()
	}()
	if err := serveWebhooks(ctx, env); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cfg := rest.CopyConfig(env.Config)
	cfg.WarningHandlerWithContext = warnings
	if k8s, err = client.New(cfg, client.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, "creating a client:", err)
		return 1
	}
	return m.Run()
}

// serveWebhooks runs the provider's manager with its webhook registrations only (no cloud layer, so no
// controller), points the provider's CRDs' conversion at it and waits until it is ready.
func serveWebhooks(ctx context.Context, env *testenv.Environment) error {
	health, err := testenv.LoopbackAddr(ctx)
	if err != nil {
		return err
	}
	w := env.WebhookInstallOptions
	o := manager.NewOptions()
	fs := pflag.NewFlagSet("manager", pflag.ContinueOnError)
	o.AddFlags(fs)
	if err := fs.Parse([]string{"--health-addr=" + health, "--diagnostics-address=0", "--leader-elect=false",
		"--webhook-host=127.0.0.1", "--webhook-port=" + strconv.Itoa(w.LocalServingPort),
		"--webhook-cert-dir=" + w.LocalServingCertDir}); err != nil {
		return fmt.Errorf("parsing the manager's flags: %w", err)
	}
	mgr, err := manager.New(env.Config, o)
	if err != nil {
		return err
	}
	if err := manager.Setup(ctx, mgr, manager.Deps{Options: o}); err != nil {
		return err
	}
	go func() {
		if err := mgr.Start(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "the manager stopped:", err)
		}
	}()
	if err := env.ServeConversion(ctx); err != nil {
		return err
	}
	return waitReady(ctx, health)
}

// waitReady waits until the manager answers on /readyz: its webhook server is then serving.
func waitReady(ctx context.Context, addr string) error {
	c := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/readyz", nil)
		if err != nil {
			return err
		}
		if resp, err := c.Do(req); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the manager did not become ready at %s", addr)
}
