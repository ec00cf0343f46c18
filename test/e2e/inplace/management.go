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

// Package inplace switches a management cluster from the earlier OCI provider to this one in place, and back, as
// a user does: a management cluster whose API server starts with the earlier provider's CRDs and runs Cluster
// API's controllers (Start); this provider's CRDs and webhook configurations replacing the earlier provider's, as
// `clusterctl upgrade apply` replaces a provider's components (Upgrade), and its manager (StartManager), whose
// CRD migrator rewrites every object in the storage version, checked in etcd itself (Stored). The way back
// (back.go): the storage version set back to v1beta2 (SetStorageVersion), the provider deleted as `clusterctl
// delete` does (Delete), the earlier provider's CRDs installed as `clusterctl init` does (Install).
package inplace

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/capi"
	"github.com/oracle/cluster-api-provider-oci/test/managerproc"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// Management is a management cluster of its own: an API server (envtest) and Cluster API's controllers as local
// processes, then this provider's manager.
type Management struct {
	Env    *testenv.Environment
	Config *rest.Config
	// Kubeconfig is the API server's kubeconfig file.
	Kubeconfig string
	// LogDir holds the controllers' logs.
	LogDir  string
	CAPI    *capi.Controllers
	Manager *managerproc.Process

	ctx     context.Context
	cancel  context.CancelFunc
	closers []func() error
}

// Start starts the API server with the CRDs of crdDirs, and Cluster API's controllers against it; they write
// their logs and the kubeconfig into dir. Everything lives until Stop, not only as long as ctx.
func Start(ctx context.Context, dir string, crdDirs []string) (_ *Management, err error) {
	m := &Management{LogDir: filepath.Join(dir, "logs"), Kubeconfig: filepath.Join(dir, "management.kubeconfig")}
	m.ctx, m.cancel = context.WithCancel(context.WithoutCancel(ctx))
	defer func() {
		if err != nil {
			err = errors.Join(err, m.Stop())
		}
	}()
	if err := os.MkdirAll(m.LogDir, 0o750); err != nil {
		return nil, fmt.Errorf("creating the log directory: %w", err)
	}
	// No webhook to install yet: envtest only prepares a serving certificate and a loopback port, which Cluster
	// API's controllers and later the provider's manager serve with.
	env, err := testenv.Start(testenv.Options{CRDDirs: crdDirs, Webhooks: envtest.WebhookInstallOptions{LocalServingHost: "127.0.0.1"}})
	if err != nil {
		return nil, err
	}
	m.Env, m.Config = env, env.Config
	m.closers = append(m.closers, env.Stop)
	// Held until the provider's manager starts on it (testenv.Hold says why).
	if err := testenv.Hold(ctx, env.WebhookAddr()); err != nil {
		return nil, err
	}
	if err := env.WriteKubeconfig(m.Kubeconfig); err != nil {
		return nil, err
	}
	bins, err := capi.Build(ctx)
	if err != nil {
		return nil, err
	}
	w := &env.WebhookInstallOptions
	c, err := capi.New(ctx, capi.Options{Binaries: bins, Kubeconfig: m.Kubeconfig, LogDir: m.LogDir,
		CertDir: w.LocalServingCertDir, CAData: w.LocalServingCAData})
	if err != nil {
		return nil, err
	}
	if err := c.Install(ctx, m.Config); err != nil {
		return nil, err
	}
	if err := c.Start(m.ctx); err != nil {
		return nil, err
	}
	m.CAPI = c
	m.closers = append(m.closers, c.Stop)
	return m, c.WaitReady(ctx)
}

// WebhookURL is the address of the provider's webhook server, on loopback, with path.
func (m *Management) WebhookURL(path string) string {
	w := m.Env.WebhookInstallOptions
	return "https://127.0.0.1:" + strconv.Itoa(w.LocalServingPort) + path
}

// StartManager starts this provider's manager against the API server, signing with the credentials of authDir,
// serving its webhooks on the prepared loopback port and certificate, logging to log; it returns once the
// manager is ready.
func (m *Management) StartManager(ctx context.Context, authDir string, log io.Writer) error {
	w := m.Env.WebhookInstallOptions
	p, err := managerproc.Start(m.ctx, managerproc.Options{Kubeconfig: m.Kubeconfig, Log: log, Held: []string{m.Env.WebhookAddr()}, Args: []string{
		"--leader-elect=false", "--auth-config-dir=" + authDir, "--webhook-host=127.0.0.1",
		"--webhook-port=" + strconv.Itoa(w.LocalServingPort), "--webhook-cert-dir=" + w.LocalServingCertDir}})
	if err != nil {
		return err
	}
	m.Manager = p
	m.closers = append(m.closers, p.Stop)
	return p.WaitReady(ctx)
}

// Stop stops everything, the last started first.
func (m *Management) Stop() error {
	m.cancel()
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	return errors.Join(errs...)
}
