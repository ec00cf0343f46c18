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

package managerproc

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// TestKillAndRestart runs the manager as its own process against a real API server, kills it, and starts it
// again: the new process serves the admission webhooks as the first did.
func TestKillAndRestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	env, err := testenv.Start(testenv.Options{Webhooks: testenv.ProviderWebhooks()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = env.Stop() }()
	sim, err := ocisim.Start(ctx, ocisim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	dir := t.TempDir()
	creds, err := sim.WriteCredentials(dir)
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := env.WriteKubeconfig(kubeconfig); err != nil {
		t.Fatal(err)
	}
	w := env.WebhookInstallOptions
	p, err := Start(ctx, Options{Kubeconfig: kubeconfig, Args: []string{
		"--leader-elect=false", "--auth-config-dir=" + creds.AuthConfigDir,
		"--webhook-host=127.0.0.1", "--webhook-port=" + strconv.Itoa(w.LocalServingPort), "--webhook-cert-dir=" + w.LocalServingCertDir,
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = p.Stop() }()
	if err := p.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	k8s := newClient(t, env)
	create := func(name string) {
		t.Helper()
		c := &infrav1.OCICluster{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
			Spec: infrav1.OCIClusterSpec{CompartmentID: "ocid1.compartment.oc1..aaaaaaaaexample"}}
		if err := k8s.Create(ctx, c); err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		if c.Spec.OCIResourceIdentifier == "" || len(c.Spec.NetworkSpec.VCN.Subnets) != 4 {
			t.Errorf("%s was not defaulted by the manager's webhook: %+v", name, c.Spec)
		}
	}
	create("before-kill")

	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	if !p.Exited() {
		t.Fatal("the manager still runs after SIGKILL")
	}
	if err := p.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := p.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	create("after-restart")
}

func newClient(t *testing.T, env *testenv.Environment) client.Client {
	t.Helper()
	s := runtime.NewScheme()
	if err := infrav1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	c, err := client.New(env.Config, client.Options{Scheme: s})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
