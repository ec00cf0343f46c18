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

// Package stack runs the whole local stack of the demo and the end-to-end tests: a management API server
// (envtest), Cluster API's core, kubeadm bootstrap and kubeadm control-plane controllers (processes built from
// the cluster-api module), the OCI emulator with its instances booting into in-memory workload clusters, and
// the provider's manager as its own process. Every component logs to a file under Options.LogDir.
package stack

import (
	"context"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/go-logr/logr"
	"github.com/go-logr/logr/funcr"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	ctrllog "sigs.k8s.io/controller-runtime/pkg/log"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/capi"
	"github.com/oracle/cluster-api-provider-oci/test/e2e/workload"
	"github.com/oracle/cluster-api-provider-oci/test/managerproc"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// Options configure the stack.
type Options struct {
	// WorkDir receives the kubeconfigs, credentials and logs; default: a new temporary directory.
	WorkDir string
	// Latency is the emulator's latency profile: "fast" (OCI's operations finish at once) or "realistic"
	// (OCI's delays, scaled by TimeScale).
	Latency string
	// TimeScale multiplies the realistic delays; default 0.05.
	TimeScale float64
	// Faults are injected into the emulator's operations from the start.
	Faults map[string]ocisim.Fault
	// ManagerArgs are added to the manager's flags.
	ManagerArgs []string
	// Progress, when set, receives a line per component started, with the time it took.
	Progress io.Writer
	// OKETokenLifetime is how long the emulator's OKE clusters accept a token (0: the emulator's 5 minutes); the
	// manager replaces its tokens at a third of it.
	OKETokenLifetime time.Duration
}

// Stack is the running local stack.
type Stack struct {
	opts     Options
	WorkDir  string
	LogDir   string
	Env      *testenv.Environment
	Config   *rest.Config
	Sim      *ocisim.Sim
	Workload *workload.Server
	CAPI     *capi.Controllers
	Manager  *managerproc.Process
	// Kubeconfig is the management cluster's kubeconfig file.
	Kubeconfig string
	// Compartment is the compartment clusters are made in.
	Compartment string
	closers     []func() error
	cancel      context.CancelFunc
}

// Start brings the stack up; Stop takes it down. It fails, stopping what it started, if a component does not
// become ready.
func Start(ctx context.Context, opts Options) (_ *Stack, err error) {
	s := &Stack{opts: opts, WorkDir: opts.WorkDir}
	ctx, s.cancel = context.WithCancel(ctx)
	defer func() {
		if err != nil {
			_ = s.Stop()
		}
	}()
	if s.WorkDir == "" {
		if s.WorkDir, err = os.MkdirTemp("", "capoci-stack-"); err != nil {
			return nil, fmt.Errorf("creating the work directory: %w", err)
		}
	}
	s.LogDir = filepath.Join(s.WorkDir, "logs")
	if err := os.MkdirAll(s.LogDir, 0o750); err != nil {
		return nil, fmt.Errorf("creating the log directory: %w", err)
	}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"management API server (envtest) with the provider's CRDs and webhooks", s.startAPIServer},
		{"OCI emulator and in-memory workload clusters", s.startEmulator},
		{"Cluster API controllers (core, kubeadm bootstrap, kubeadm control plane)", s.startCAPI},
		{"provider manager (capoci)", s.startManager},
	}
	for _, step := range steps {
		began := time.Now()
		if err := step.run(ctx); err != nil {
			return nil, err
		}
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "  started %-75s %5.1fs\n", step.name, time.Since(began).Seconds())
		}
	}
	return s, nil
}

func (s *Stack) startAPIServer(ctx context.Context) error {
	env, err := testenv.Start(testenv.Options{Webhooks: testenv.ProviderWebhooks()})
	if err != nil {
		return err
	}
	s.Env, s.Config = env, env.Config
	s.closers = append(s.closers, env.Stop)
	// The manager, started last, listens on the webhook port: held until then (testenv.Hold says why).
	if err := testenv.Hold(ctx, env.WebhookAddr()); err != nil {
		return err
	}
	if err := env.ServeConversion(ctx); err != nil {
		return err
	}
	// envtest installs config/crd/bases; the contract labels come from config/crd's kustomization, as released.
	if err := capi.LabelCRDs(ctx, env.Config, filepath.Join(testenv.RepoRoot(), "config", "crd")); err != nil {
		return err
	}
	s.Kubeconfig = filepath.Join(s.WorkDir, "management.kubeconfig")
	return env.WriteKubeconfig(s.Kubeconfig)
}

func (s *Stack) startEmulator(ctx context.Context) error {
	o := ocisim.Options{StrictPlacement: true, Faults: s.opts.Faults}
	switch s.opts.Latency {
	case "", "fast":
	case "realistic":
		o.Delays, o.TimeScale = ocisim.RealisticDelays(), s.opts.TimeScale
		if o.TimeScale == 0 {
			o.TimeScale = 0.05
		}
	default:
		return fmt.Errorf("latency profile %q: want fast or realistic", s.opts.Latency)
	}
	sim, err := ocisim.Start(ctx, o)
	if err != nil {
		return fmt.Errorf("starting the OCI emulator: %w", err)
	}
	s.Sim = sim
	s.closers = append(s.closers, func() error { sim.Close(); return nil })
	s.Compartment = sim.AddCompartment("capoci-local")
	log, logFile, err := s.fileLogger("workload.log")
	if err != nil {
		return err
	}
	closeLog := logFile.Close
	s.closers = append(s.closers, closeLog)
	// Cluster API's in-memory server and client-go log through these; their lines belong in the file too.
	ctrllog.SetLogger(log)
	klog.SetLogger(log)
	stdlog.SetOutput(logFile)
	if s.Workload, err = workload.New(ctx, sim, log); err != nil {
		return err
	}
	// OKE clusters serve their API at the workload side's front, which checks their tokens.
	front, err := s.Workload.ServeOKE(ctx)
	if err != nil {
		return err
	}
	sim.SetKubeconfigServer(front.URL)
	sim.SetKubeconfigCAData(front.CAData)
	if s.opts.OKETokenLifetime > 0 {
		sim.SetClusterTokenLifetime(s.opts.OKETokenLifetime)
	}
	go func() {
		if err := s.Workload.Run(ctx, 200*time.Millisecond); err != nil {
			log.Error(err, "The workload side stopped")
		}
	}()
	return nil
}

func (s *Stack) startCAPI(ctx context.Context) error {
	bins, err := capi.Build(ctx)
	if err != nil {
		return err
	}
	w := s.Env.WebhookInstallOptions
	c, err := capi.New(ctx, capi.Options{Binaries: bins, Kubeconfig: s.Kubeconfig, LogDir: s.LogDir,
		CertDir: w.LocalServingCertDir, CAData: w.LocalServingCAData})
	if err != nil {
		return err
	}
	s.CAPI = c
	s.closers = append(s.closers, c.Stop)
	if err := c.Install(ctx, s.Config); err != nil {
		return err
	}
	if err := c.Start(ctx); err != nil {
		return err
	}
	return c.WaitReady(ctx)
}

func (s *Stack) startManager(ctx context.Context) error {
	creds, err := s.Sim.WriteCredentials(filepath.Join(s.WorkDir, "oci"))
	if err != nil {
		return fmt.Errorf("writing the emulator's credentials: %w", err)
	}
	f, err := os.Create(filepath.Join(s.LogDir, "capoci-manager.log"))
	if err != nil {
		return fmt.Errorf("creating the manager's log: %w", err)
	}
	s.closers = append(s.closers, f.Close)
	p, err := s.startManagerProcess(ctx, s.Kubeconfig, &s.Env.WebhookInstallOptions, creds.AuthConfigDir, f)
	if err != nil {
		return err
	}
	s.Manager = p
	s.closers = append(s.closers, p.Stop)
	return p.WaitReady(ctx)
}

// startManagerProcess starts the provider's manager against kubeconfig with leader election off, its webhooks
// served on w's loopback port and certificate, signing with the credentials of authDir; args come before the
// stack's own manager flags.
func (s *Stack) startManagerProcess(ctx context.Context, kubeconfig string, w *envtest.WebhookInstallOptions, authDir string,
	log io.Writer, args ...string) (*managerproc.Process, error) {
	args = append([]string{"--leader-elect=false", "--auth-config-dir=" + authDir, "--webhook-host=127.0.0.1",
		"--webhook-port=" + strconv.Itoa(w.LocalServingPort), "--webhook-cert-dir=" + w.LocalServingCertDir}, args...)
	args = append(args, s.opts.ManagerArgs...)
	if s.opts.OKETokenLifetime > 0 {
		args = append(args, "--oke-token-refresh="+(s.opts.OKETokenLifetime/3).String())
	}
	webhook := net.JoinHostPort(w.LocalServingHost, strconv.Itoa(w.LocalServingPort))
	return managerproc.Start(ctx, managerproc.Options{Kubeconfig: kubeconfig, Args: args, Log: log, Held: []string{webhook}})
}

// Logs lists the components' log files.
func (s *Stack) Logs() map[string]string {
	out := map[string]string{"workload": filepath.Join(s.LogDir, "workload.log"),
		"capoci-manager": filepath.Join(s.LogDir, "capoci-manager.log")}
	if s.CAPI != nil {
		for k, v := range s.CAPI.LogFiles() {
			out[k] = v
		}
	}
	return out
}

// Stop stops every component, the last started first.
func (s *Stack) Stop() error {
	s.cancel()
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	return errors.Join(errs...)
}

// fileLogger is a logr.Logger writing to a file in the log directory.
func (s *Stack) fileLogger(name string) (logr.Logger, *os.File, error) {
	f, err := os.Create(filepath.Join(s.LogDir, name))
	if err != nil {
		return logr.Discard(), nil, fmt.Errorf("creating %s: %w", name, err)
	}
	var w io.Writer = f
	return funcr.New(func(prefix, args string) {
		_, _ = fmt.Fprintln(w, time.Now().Format(time.RFC3339Nano), prefix, args)
	}, funcr.Options{Verbosity: 1}), f, nil
}
