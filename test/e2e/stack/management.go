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

package stack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/capi"
	"github.com/oracle/cluster-api-provider-oci/test/managerproc"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const (
	// CertManagerVersion is the cert-manager whose CRDs a Management's API server starts with.
	CertManagerVersion = "v1.21.2"
	certManagerModule  = "github.com/cert-manager/cert-manager"
	// ProviderNamespace is the namespace of the provider's components.
	ProviderNamespace = "cluster-api-provider-oci-system"
	// ManagerDeployment is the provider's Deployment; its container is named manager.
	ManagerDeployment = "capoci-controller-manager"
	// AuthConfigSecret holds the manager's own credentials, mounted at /etc/oci in its pod.
	AuthConfigSecret = "capoci-auth-config" //nolint:gosec // a Secret's name, not a credential
)

// Management is a management cluster made as a user makes one: a fresh API server (envtest) with only
// cert-manager's CRDs, on which `clusterctl init` installs Cluster API's and the provider's components from a
// Repository (Init). envtest runs no Deployments and no cert-manager: Start runs the controllers the components
// describe as local processes, and does what a cluster would do for them (see Start).
type Management struct {
	// Name names the management cluster's kubeconfig and log directory.
	Name string
	Env  *testenv.Environment
	// Config reaches the API server as its admin.
	Config *rest.Config
	// Kubeconfig is the API server's kubeconfig file.
	Kubeconfig string
	// LogDir holds the logs of clusterctl and of the controllers.
	LogDir  string
	CAPI    *capi.Controllers
	Manager *managerproc.Process

	stack   *Stack
	ctx     context.Context
	cancel  context.CancelFunc
	closers []func() error
}

// NewManagement starts the API server of a management cluster named name. Its controllers live until Stop
// (not only as long as ctx).
func (s *Stack) NewManagement(ctx context.Context, name string) (_ *Management, err error) {
	m := &Management{Name: name, stack: s, LogDir: filepath.Join(s.LogDir, name),
		Kubeconfig: filepath.Join(s.WorkDir, name+".kubeconfig")}
	m.ctx, m.cancel = context.WithCancel(context.WithoutCancel(ctx))
	defer func() {
		if err != nil {
			_ = m.Stop()
		}
	}()
	if err := os.MkdirAll(m.LogDir, 0o750); err != nil {
		return nil, fmt.Errorf("creating the log directory: %w", err)
	}
	crds, err := certManagerCRDs(ctx)
	if err != nil {
		return nil, err
	}
	// No webhook to install: envtest only prepares a serving certificate and a loopback port for the manager.
	env, err := testenv.Start(testenv.Options{CRDDirs: []string{crds}, Webhooks: envtest.WebhookInstallOptions{LocalServingHost: "127.0.0.1"}})
	if err != nil {
		return nil, err
	}
	m.Env, m.Config = env, env.Config
	m.closers = append(m.closers, env.Stop)
	// Held until the manager starts on it (testenv.Hold says why).
	if err := testenv.Hold(ctx, env.WebhookAddr()); err != nil {
		return nil, err
	}
	return m, env.WriteKubeconfig(m.Kubeconfig)
}

// Init runs `clusterctl init --infrastructure oci` from repo against the API server, with env (the provider's
// variables) in clusterctl's environment, and returns clusterctl's log, which it also writes to
// LogDir/clusterctl-init.log.
func (m *Management) Init(ctx context.Context, repo *Repository, env []string) (string, error) {
	_, log, err := repo.Clusterctl(ctx, env, "init", "--infrastructure", "oci", "--kubeconfig", m.Kubeconfig)
	if werr := os.WriteFile(filepath.Join(m.LogDir, "clusterctl-init.log"), []byte(log), 0o600); werr != nil && err == nil {
		err = fmt.Errorf("writing clusterctl's log: %w", werr)
	}
	return log, err
}

// capiLabels are the provider labels clusterctl gives the objects of Cluster API's components, by component.
var capiLabels = map[string]string{capi.Core.Name: "cluster-api", capi.KubeadmBootstrap.Name: "bootstrap-kubeadm",
	capi.KubeadmControlPlane.Name: "control-plane-kubeadm"}

// Start runs, after Init, the controllers the installed components describe: Cluster API's three managers and
// the provider's manager, as local processes against the API server. It substitutes what a cluster does for the
// pods: every webhook and CRD conversion init installed is pointed from its Service at the loopback port of the
// process of the same provider, with the CA of envtest's serving certificate (in a cluster, the Service routes
// to the pod and cert-manager's CA injector writes the CA of the certificate it issued); and the provider's
// manager gets what its pod would: the credentials of the Secret mounted at /etc/oci and the manager
// container's --feature-gates and --v.
func (m *Management) Start(ctx context.Context) error {
	bins, err := capi.Build(ctx)
	if err != nil {
		return err
	}
	w := &m.Env.WebhookInstallOptions
	c, err := capi.New(ctx, capi.Options{Binaries: bins, Kubeconfig: m.Kubeconfig, LogDir: m.LogDir,
		CertDir: w.LocalServingCertDir, CAData: w.LocalServingCAData})
	if err != nil {
		return err
	}
	ports := map[string]int{"infrastructure-oci": w.LocalServingPort}
	for _, in := range c.Instances() {
		ports[capiLabels[in.Name]] = in.WebhookPort
	}
	if err := serveLocally(ctx, m.Config, ports, w.LocalServingCAData); err != nil {
		return err
	}
	authDir, args, err := m.managerSettings(ctx)
	if err != nil {
		return err
	}
	if err := c.Start(m.ctx); err != nil {
		return err
	}
	m.CAPI = c
	m.closers = append(m.closers, c.Stop)
	if err := c.WaitReady(ctx); err != nil {
		return err
	}
	log, err := os.Create(filepath.Join(m.LogDir, "capoci-manager.log"))
	if err != nil {
		return fmt.Errorf("creating the manager's log: %w", err)
	}
	m.closers = append(m.closers, log.Close)
	if m.Manager, err = m.stack.startManagerProcess(m.ctx, m.Kubeconfig, w, authDir, log, args...); err != nil {
		return err
	}
	m.closers = append(m.closers, m.Manager.Stop)
	return m.Manager.WaitReady(ctx)
}

// managerSettings writes the Secret init installed for the manager's credentials into a directory, one file
// per key as the pod's volume holds them, and returns it with the manager container's flags that mean the same
// outside a pod (--feature-gates, --v, as clusterctl substituted them). The container's other flags (leader
// election, diagnostics, the credentials' path, the service account's user name) are the local process's own.
func (m *Management) managerSettings(ctx context.Context) (string, []string, error) {
	c, err := client.New(m.Config, client.Options{Scheme: Scheme()})
	if err != nil {
		return "", nil, fmt.Errorf("creating a client: %w", err)
	}
	sec := &corev1.Secret{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: ProviderNamespace, Name: AuthConfigSecret}, sec); err != nil {
		return "", nil, fmt.Errorf("reading the manager's credentials: %w", err)
	}
	dir := filepath.Join(m.stack.WorkDir, m.Name+"-auth-config")
	files := map[string][]byte{}
	for k, v := range sec.Data {
		files[k] = v
	}
	if err := writeFiles(dir, files); err != nil {
		return "", nil, err
	}
	d := &appsv1.Deployment{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: ProviderNamespace, Name: ManagerDeployment}, d); err != nil {
		return "", nil, fmt.Errorf("reading the manager's Deployment: %w", err)
	}
	var args []string
	for i := range d.Spec.Template.Spec.Containers {
		ctr := &d.Spec.Template.Spec.Containers[i]
		if ctr.Name != "manager" {
			continue
		}
		for _, a := range ctr.Args {
			if strings.HasPrefix(a, "--feature-gates=") || strings.HasPrefix(a, "--v=") {
				args = append(args, a)
			}
		}
	}
	return dir, args, nil
}

// StopControllers stops the controllers (the manager first), leaving the API server up.
func (m *Management) StopControllers() error {
	var errs []error
	if m.Manager != nil {
		errs = append(errs, m.Manager.Stop())
	}
	if m.CAPI != nil {
		errs = append(errs, m.CAPI.Stop())
	}
	return errors.Join(errs...)
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

// On returns a view of the stack whose management cluster is m and whose clusters are made in compartment:
// Render, Apply, Status, Follow, WorkloadKubeconfig and Delete then work on m. The view shares the stack's
// emulator and workload clusters, and starts and stops nothing.
func (s *Stack) On(m *Management, compartment string) *Stack {
	return &Stack{opts: s.opts, WorkDir: s.WorkDir, LogDir: m.LogDir, Env: m.Env, Config: m.Config, Sim: s.Sim,
		Workload: s.Workload, CAPI: m.CAPI, Manager: m.Manager, Kubeconfig: m.Kubeconfig, Compartment: compartment,
		cancel: func() {}}
}

// certManagerCRDs returns the directory of cert-manager's CRDs in its Go module, which the go command downloads
// through the module proxy when it is not in the module cache yet.
func certManagerCRDs(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", certManagerModule+"@"+CertManagerVersion)
	cmd.Dir = os.TempDir() // outside any module: nothing's go.mod is touched
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", certManagerModule, CertManagerVersion, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return "", fmt.Errorf("decoding go mod download's answer: %w", err)
	}
	return filepath.Join(mod.Dir, "deploy", "crds"), nil
}
