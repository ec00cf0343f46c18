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
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const (
	// stopGrace is how long a process gets to exit after SIGTERM before it is killed.
	stopGrace = 5 * time.Second
	// readyPoll is how often WaitReady asks every component's /readyz.
	readyPoll = 200 * time.Millisecond
	// tailLines is how much of a log an error quotes.
	tailLines = 20
)

// process is one running component.
type process struct {
	Instance
	cmd  *exec.Cmd
	done chan struct{}
	err  error // The result of cmd.Wait, set before done is closed.
}

func (p *process) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Start starts every component with KUBECONFIG set to Options.Kubeconfig, leader election off, the webhook
// server on its port with the certificate of Options.CertDir, health probes on 127.0.0.1, the diagnostics
// (metrics) server off and, unless Options.CRDMigration, the CRD migrator off. The processes get SIGTERM,
// then SIGKILL after a few seconds, when ctx ends; on Linux they also get SIGKILL when the process that
// started them dies. Call Stop to end them earlier; after Stop, Start may be called again.
func (c *Controllers) Start(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.procs != nil {
		return errors.New("capi controllers already started")
	}
	if err := os.MkdirAll(c.opts.LogDir, 0o750); err != nil {
		return fmt.Errorf("creating the log directory: %w", err)
	}
	for _, in := range c.instances {
		p, err := c.start(ctx, in)
		if err != nil {
			_ = stopAll(c.procs)
			c.procs = nil
			return err
		}
		c.procs = append(c.procs, p)
	}
	return nil
}

func (c *Controllers) start(ctx context.Context, in Instance) (*process, error) {
	log, err := os.OpenFile(in.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating the log of %s: %w", in.Name, err)
	}
	// The child has its own descriptor of the file once started.
	defer func() { _ = log.Close() }()
	cmd := exec.CommandContext(ctx, c.opts.Binaries.Path(in.Component), c.args(in)...) //nolint:gosec // a controller Build built
	cmd.Env = append(os.Environ(), "KUBECONFIG="+c.opts.Kubeconfig)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = sysProcAttr()
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = stopGrace
	in.release()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", in.Name, err)
	}
	p := &process{Instance: in, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// args is the command line of a component.
func (c *Controllers) args(in Instance) []string {
	args := []string{
		"--leader-elect=false",
		"--webhook-port=" + strconv.Itoa(in.WebhookPort),
		"--webhook-cert-dir=" + c.opts.CertDir,
		"--health-addr=" + in.HealthAddr,
		// "0" turns the diagnostics server (metrics, pprof; :8443 by default) off.
		"--diagnostics-address=0",
	}
	if !c.opts.CRDMigration {
		// With both phases skipped the migrator controller is not set up at all.
		args = append(args, "--skip-crd-migration-phases=StorageVersionMigration,CleanupManagedFields")
	}
	if gates := featureGates(c.opts.FeatureGates); gates != "" {
		args = append(args, "--feature-gates="+gates)
	}
	return append(args, c.opts.ExtraArgs[in.Name]...)
}

func featureGates(gates map[string]bool) string {
	parts := make([]string, 0, len(gates))
	for name, on := range gates {
		parts = append(parts, name+"="+strconv.FormatBool(on))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// WaitReady polls every component's /readyz until all answer 200. It fails at once, quoting the end of the
// log, if a process exits, and fails with the end of the logs of the components not ready when ctx ends.
func (c *Controllers) WaitReady(ctx context.Context) error {
	c.mu.Lock()
	pending := slices.Clone(c.procs)
	c.mu.Unlock()
	if len(pending) == 0 {
		return errors.New("capi controllers are not started")
	}
	hc := &http.Client{Timeout: time.Second, Transport: &http.Transport{Proxy: nil}}
	defer hc.CloseIdleConnections()
	ticker := time.NewTicker(readyPoll)
	defer ticker.Stop()
	for {
		var still []*process
		for _, p := range pending {
			if p.exited() {
				return fmt.Errorf("%s exited before it was ready (%s); end of %s:\n%s",
					p.Name, exitReason(p.err), p.LogFile, tail(p.LogFile))
			}
			if !ready(ctx, hc, p.HealthAddr) {
				still = append(still, p)
			}
		}
		if pending = still; len(pending) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return notReadyError(ctx.Err(), pending)
		case <-ticker.C:
		}
	}
}

func ready(ctx context.Context, hc *http.Client, addr string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/readyz", nil)
	if err != nil {
		return false
	}
	resp, err := hc.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func notReadyError(cause error, pending []*process) error {
	var b strings.Builder
	names := make([]string, 0, len(pending))
	for _, p := range pending {
		names = append(names, p.Name)
		fmt.Fprintf(&b, "\nend of %s:\n%s", p.LogFile, tail(p.LogFile))
	}
	return fmt.Errorf("waiting for %s to be ready: %w%s", strings.Join(names, ", "), cause, b.String())
}

// exitReason describes how a process ended.
func exitReason(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// tail returns the last lines of a log file, read from at most its last 64 KiB.
func tail(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("(%v)", err)
	}
	defer func() { _ = f.Close() }()
	const window = 64 << 10
	var offset int64
	if info, err := f.Stat(); err == nil && info.Size() > window {
		offset = info.Size() - window
	}
	b, err := io.ReadAll(io.NewSectionReader(f, offset, window))
	if err != nil {
		return fmt.Sprintf("(reading %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > tailLines {
		lines = lines[len(lines)-tailLines:]
	}
	return strings.Join(lines, "\n")
}

// Stop sends SIGTERM to every process still running, waits a few seconds for them to exit, then kills the
// rest. It returns an error naming the processes it had to kill. Calling it again does nothing.
func (c *Controllers) Stop() error {
	c.mu.Lock()
	procs := c.procs
	c.procs = nil
	c.mu.Unlock()
	for _, in := range c.instances {
		in.release()
	}
	return stopAll(procs)
}

// release frees the instance's ports that New held, for the component to listen on.
func (in Instance) release() {
	testenv.Release(net.JoinHostPort("127.0.0.1", strconv.Itoa(in.WebhookPort)), in.HealthAddr)
}

func stopAll(procs []*process) error {
	for _, p := range procs {
		if !p.exited() {
			_ = p.cmd.Process.Signal(syscall.SIGTERM)
		}
	}
	deadline := time.NewTimer(stopGrace)
	defer deadline.Stop()
	expired := false
	var killed []string
	for _, p := range procs {
		if !expired {
			select {
			case <-p.done:
				continue
			case <-deadline.C:
				expired = true
			}
		}
		if p.exited() {
			continue
		}
		_ = p.cmd.Process.Kill()
		<-p.done
		killed = append(killed, p.Name)
	}
	if len(killed) > 0 {
		return fmt.Errorf("killed %s: still running %s after SIGTERM", strings.Join(killed, ", "), stopGrace)
	}
	return nil
}
