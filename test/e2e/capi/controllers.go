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

package capi

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// loopback is the only address the components' webhooks are called on and their health endpoints bound to.
const loopback = "127.0.0.1"

// fieldOwner is the server-side apply field manager of what Install applies.
const fieldOwner = "capi-e2e"

// DefaultFeatureGates are the feature gates the components run with when Options.FeatureGates is nil: machine
// pools, and ClusterClass with its topology controller.
var DefaultFeatureGates = map[string]bool{"MachinePool": true, "ClusterTopology": true}

// Options configures the controller managers.
type Options struct {
	// Binaries is what Build returned.
	Binaries Binaries
	// Kubeconfig is the file the processes get as KUBECONFIG: it must reach the API server Install was given.
	Kubeconfig string
	// CertDir holds tls.crt and tls.key, a serving certificate valid for 127.0.0.1, shared by all components
	// (e.g. envtest's WebhookInstallOptions.LocalServingCertDir).
	CertDir string
	// CAData is the PEM CA that signed the serving certificate (e.g. WebhookInstallOptions.LocalServingCAData).
	CAData []byte
	// LogDir receives one <component>.log per process, holding its stdout and stderr.
	LogDir string
	// FeatureGates are passed to every component as --feature-gates; nil means DefaultFeatureGates.
	FeatureGates map[string]bool
	// ExtraArgs are appended to a component's command line, keyed by Component.Name.
	ExtraArgs map[string][]string
	// Components are the managers to run; nil means all of Components().
	Components []Component
	// CRDMigration runs the components' CRD migrators (storage version migration and managedFields cleanup
	// of existing objects). Off by default: a fresh API server holds nothing to migrate, and the cleanup
	// patches objects the test may be writing at the same time.
	CRDMigration bool
}

// Instance is one component as New laid it out.
type Instance struct {
	Component
	// WebhookPort is the port of the component's admission and conversion webhooks, which the API server
	// calls on 127.0.0.1. Cluster API has no flag for the webhook server's host: it listens on all
	// interfaces, on this kernel-chosen port.
	WebhookPort int
	// HealthAddr is host:port of the component's /readyz and /healthz endpoints.
	HealthAddr string
	// LogFile receives the process's stdout and stderr (appended to, if the component is started again).
	LogFile string
}

// Controllers runs Cluster API's controller managers as local processes.
type Controllers struct {
	opts      Options
	instances []Instance

	mu    sync.Mutex
	procs []*process
}

// New validates opts and picks, for every component, a webhook port and a health port on 127.0.0.1 (chosen
// by the kernel, then released for the process to bind).
func New(ctx context.Context, opts Options) (*Controllers, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if opts.Components == nil {
		opts.Components = Components()
	}
	if opts.FeatureGates == nil {
		opts.FeatureGates = maps.Clone(DefaultFeatureGates)
	}
	c := &Controllers{opts: opts}
	// Every port is picked at once, so that no two components get the same one, and held until the component
	// starts (Start), so that no outgoing connection is given it meanwhile.
	addrs, err := testenv.HoldLoopbackAddrs(ctx, 2*len(opts.Components))
	if err != nil {
		return nil, fmt.Errorf("picking the components' ports: %w", err)
	}
	for i, comp := range opts.Components {
		webhook, health := addrs[2*i], addrs[2*i+1]
		_, port, err := net.SplitHostPort(webhook)
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", webhook, err)
		}
		webhookPort, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("parsing the port of %s: %w", webhook, err)
		}
		c.instances = append(c.instances, Instance{
			Component:   comp,
			WebhookPort: webhookPort,
			HealthAddr:  health,
			LogFile:     filepath.Join(opts.LogDir, comp.Name+".log"),
		})
	}
	return c, nil
}

func (o Options) validate() error {
	var errs []error
	if o.Binaries.Dir == "" || o.Binaries.SourceDir == "" {
		errs = append(errs, errors.New("no Binaries: run Build first"))
	}
	if o.Kubeconfig == "" {
		errs = append(errs, errors.New("the kubeconfig path is empty"))
	}
	for _, f := range []string{"tls.crt", "tls.key"} {
		if _, err := os.Stat(filepath.Join(o.CertDir, f)); err != nil {
			errs = append(errs, fmt.Errorf("CertDir: %w", err))
		}
	}
	if len(o.CAData) == 0 {
		errs = append(errs, errors.New("CAData is empty"))
	}
	if o.LogDir == "" {
		errs = append(errs, errors.New("LogDir is empty"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("invalid capi.Options: %w", err)
	}
	return nil
}

// Instances returns the components with their ports and log files.
func (c *Controllers) Instances() []Instance {
	return slices.Clone(c.instances)
}

// LogFiles returns the log file of every component, keyed by Component.Name.
func (c *Controllers) LogFiles() map[string]string {
	out := make(map[string]string, len(c.instances))
	for _, in := range c.instances {
		out[in.Name] = in.LogFile
	}
	return out
}

// Install applies (server-side, forcing ownership) the components' CRDs, switched to webhook conversion at
// their component's loopback port, and their webhook configurations, renamed with the component's kustomize
// name prefix and pointed at the same port; then it waits until every CRD is Established.
func (c *Controllers) Install(ctx context.Context, cfg *rest.Config) error {
	cl, err := newClient(cfg)
	if err != nil {
		return err
	}
	var crds, hooks []*unstructured.Unstructured
	for _, in := range c.instances {
		cs, hs, err := manifests(c.opts.Binaries.SourceDir, in, c.opts.CAData)
		if err != nil {
			return fmt.Errorf("reading the manifests of %s: %w", in.Name, err)
		}
		crds, hooks = append(crds, cs...), append(hooks, hs...)
	}
	for _, u := range append(slices.Clone(crds), hooks...) {
		err := cl.Apply(ctx, client.ApplyConfigurationFromUnstructured(u), client.FieldOwner(fieldOwner), client.ForceOwnership)
		if err != nil {
			return fmt.Errorf("applying %s %s: %w", u.GetKind(), u.GetName(), err)
		}
	}
	return waitEstablished(ctx, cl, crds)
}

// waitEstablished polls the CRDs until each has the condition Established=True.
func waitEstablished(ctx context.Context, cl client.Client, crds []*unstructured.Unstructured) error {
	pending := map[string]bool{}
	for _, crd := range crds {
		pending[crd.GetName()] = true
	}
	err := wait.PollUntilContextCancel(ctx, 100*time.Millisecond, true, func(ctx context.Context) (bool, error) {
		for name := range pending {
			u := &unstructured.Unstructured{}
			u.SetAPIVersion("apiextensions.k8s.io/v1")
			u.SetKind("CustomResourceDefinition")
			if err := cl.Get(ctx, client.ObjectKey{Name: name}, u); err != nil {
				return false, fmt.Errorf("getting CRD %s: %w", name, err)
			}
			if hasCondition(u, "Established") {
				delete(pending, name)
			}
		}
		return len(pending) == 0, nil
	})
	if err != nil {
		return fmt.Errorf("waiting for %d CRDs to be Established (%v still pending): %w",
			len(crds), slices.Sorted(maps.Keys(pending)), err)
	}
	return nil
}

func hasCondition(u *unstructured.Unstructured, condition string) bool {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, ok := c.(map[string]any)
		if ok && m["type"] == condition && m["status"] == "True" {
			return true
		}
	}
	return false
}

// newClient returns a client for unstructured objects that is not throttled to client-go's default
// 5 requests per second (unless cfg has its own rate limiter).
func newClient(cfg *rest.Config) (client.Client, error) {
	cfg = rest.CopyConfig(cfg)
	if cfg.RateLimiter == nil && cfg.QPS == 0 {
		cfg.QPS, cfg.Burst = 100, 200
	}
	cl, err := client.New(cfg, client.Options{})
	if err != nil {
		return nil, fmt.Errorf("creating a client for %s: %w", cfg.Host, err)
	}
	return cl, nil
}
