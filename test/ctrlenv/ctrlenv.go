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

// Package ctrlenv runs the provider's controllers the way the integration tests need them: a real API server
// (envtest) with the provider's and Cluster API's CRDs, the provider's webhooks and conversion, the OCI emulator,
// and the manager (every controller and webhook) signing with the emulator's credentials as a user of its own,
// so that the write-once exception for the manager is exercised as in a release.
package ctrlenv

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/pflag"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/credentials"
	"github.com/oracle/cluster-api-provider-oci/internal/manager"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// ManagerUser is the Kubernetes user the manager under test signs its requests as (--manager-username).
const ManagerUser = "capoci-controller-manager"

// Options configure the environment.
type Options struct {
	// Sim configures the emulator.
	Sim ocisim.Options
	// ManagerArgs are extra flags of the manager (for example --oci-rate-limit=50).
	ManagerArgs []string
	// DriftInterval, when set, replaces the drift interval (the flag takes no less than a minute; tests of drift
	// repair need less).
	DriftInterval time.Duration
}

// Env is a running environment.
type Env struct {
	API *testenv.Environment
	Sim *ocisim.Sim
	// Client is an admin client with the manager's scheme.
	Client client.Client
	// Metrics is the registry of the manager's OCI call metrics.
	Metrics *prometheus.Registry
	cancel  context.CancelFunc
	dir     string
	// The running manager: its options, user, stop function and end.
	opts        Options
	authDir     string
	user        *envtest.AuthenticatedUser
	stopManager context.CancelFunc
	managerDone chan struct{}
}

// CAPICRDDir is the directory of Cluster API's core CRDs in the module cache.
func CAPICRDDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "sigs.k8s.io/cluster-api").Output()
	if err != nil {
		return "", fmt.Errorf("finding the sigs.k8s.io/cluster-api module: %w", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "core", "config", "crd", "bases"), nil
}

// Start starts the API server, the emulator and the manager; Stop stops them.
func Start(ctx context.Context, o Options) (_ *Env, reterr error) {
	capi, err := CAPICRDDir(ctx)
	if err != nil {
		return nil, err
	}
	api, err := testenv.Start(testenv.Options{
		CRDDirs:  []string{filepath.Join(testenv.RepoRoot(), "config", "crd", "bases"), capi},
		Webhooks: testenv.ProviderWebhooks(),
	})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	e := &Env{API: api, cancel: cancel, Metrics: prometheus.NewRegistry()}
	defer func() {
		if reterr != nil {
			e.Stop()
		}
	}()
	if err := api.ServeConversion(ctx); err != nil {
		return nil, err
	}
	if e.Sim, err = ocisim.Start(ctx, o.Sim); err != nil {
		return nil, fmt.Errorf("starting the OCI emulator: %w", err)
	}
	if e.dir, err = os.MkdirTemp("", "capoci-ctrlenv-"); err != nil {
		return nil, fmt.Errorf("creating a work directory: %w", err)
	}
	files, err := e.Sim.WriteCredentials(e.dir)
	if err != nil {
		return nil, err
	}
	e.opts, e.authDir = o, files.AuthConfigDir
	if e.user, err = e.API.AddUser(envtest.User{Name: ManagerUser, Groups: []string{"system:masters"}}, nil); err != nil {
		return nil, fmt.Errorf("adding the manager's user: %w", err)
	}
	if err := e.startManager(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

// RestartManager stops the manager and starts a new one, with nothing of the first in memory (caches, clients,
// rate limits, requeues): what a restart of the manager's process leaves.
func (e *Env) RestartManager(ctx context.Context) error {
	e.stopManager()
	<-e.managerDone
	e.Metrics = prometheus.NewRegistry()
	return e.startManager(ctx)
}

// RestartManagerWithDriftInterval restarts the manager with another drift interval (a benchmark measures what a
// cluster costs at the default interval, and while idle at a short one).
func (e *Env) RestartManagerWithDriftInterval(ctx context.Context, d time.Duration) error {
	e.opts.DriftInterval = d
	return e.RestartManager(ctx)
}

func (e *Env) startManager(parent context.Context) error {
	ctx, stop := context.WithCancel(parent)
	e.stopManager, e.managerDone = stop, make(chan struct{})
	user, authDir, opts := e.user, e.authDir, e.opts
	health, err := testenv.LoopbackAddr(ctx)
	if err != nil {
		return err
	}
	w := e.API.WebhookInstallOptions
	o := manager.NewOptions()
	fs := pflag.NewFlagSet("manager", pflag.ContinueOnError)
	o.AddFlags(fs)
	args := append([]string{"--health-addr=" + health, "--diagnostics-address=0", "--leader-elect=false",
		"--webhook-host=127.0.0.1", "--webhook-port=" + strconv.Itoa(w.LocalServingPort),
		"--webhook-cert-dir=" + w.LocalServingCertDir, "--auth-config-dir=" + authDir,
		"--manager-username=" + ManagerUser, "--feature-gates=MachinePool=true,OKE=true"}, opts.ManagerArgs...)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("parsing the manager's flags: %w", err)
	}
	if err := o.Validate(); err != nil {
		return err
	}
	o.SkipControllerNameValidation = true // RestartManager starts the controllers again in this process
	// Clients of other regions (remote peering) reach the emulator's endpoints of those regions.
	o.OCI.RegionEndpoint = func(service, region string) string { return e.Sim.Endpoint(simService(service), region) }
	creds, err := credentials.LoadDir(o.AuthConfigDir)
	if err != nil {
		return err
	}
	mgr, err := manager.New(user.Config(), o)
	if err != nil {
		return err
	}
	cloud, err := manager.NewCloud(o, creds, mgr.GetAPIReader(), e.Metrics)
	if err != nil {
		return err
	}
	if opts.DriftInterval > 0 {
		cloud.DriftInterval = opts.DriftInterval
	}
	if err := manager.Setup(ctx, mgr, manager.Deps{Options: o, Credentials: creds, Cloud: cloud}); err != nil {
		return err
	}
	if e.Client == nil {
		if e.Client, err = client.New(e.API.Config, client.Options{Scheme: mgr.GetScheme()}); err != nil {
			return fmt.Errorf("creating a client: %w", err)
		}
	}
	go func() {
		defer close(e.managerDone)
		if err := mgr.Start(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "the manager stopped:", err)
		}
	}()
	return waitHealthy(ctx, health)
}

// Stop stops the manager, the emulator and the API server.
func (e *Env) Stop() {
	e.cancel()
	if e.Sim != nil {
		e.Sim.Close()
	}
	if e.dir != "" {
		_ = os.RemoveAll(e.dir)
	}
	_ = e.API.Stop()
}

// waitHealthy waits until the manager answers on /readyz (its webhook server is then serving).
func waitHealthy(ctx context.Context, addr string) error {
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

// simService is the emulator's name of a client factory's service: the four core clients share one endpoint.
func simService(service string) string {
	switch service {
	case clients.ServiceCompute, clients.ServiceComputeManagement, clients.ServiceVirtualNetwork, clients.ServiceBlockstorage:
		return ocisim.ServiceCore
	}
	return service
}
