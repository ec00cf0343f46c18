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

// Package managerproc runs the provider's manager as its own process, built from this module once per test
// binary, so that tests can kill it at a chosen moment and start it again, as a crash or a rollout does in a
// cluster.
package managerproc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

var (
	buildOnce sync.Once
	binary    string
	errBuild  error
)

// Binary builds the manager (the module's main package) into a temporary directory, once per test binary, and
// returns its path.
func Binary() (string, error) {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "capoci-manager-")
		if err != nil {
			errBuild = fmt.Errorf("creating a build directory: %w", err)
			return
		}
		binary = filepath.Join(dir, "manager")
		// Test processes side by side build one at a time: the later ones find the packages in the build cache.
		errBuild = testenv.WithLock("manager-build", func() error {
			cmd := exec.CommandContext(context.Background(), "go", "build", "-o", binary, ".") //nolint:gosec // a fixed build of this module
			cmd.Dir = testenv.RepoRoot()
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("building the manager: %w\n%s", err, out)
			}
			return nil
		})
	})
	return binary, errBuild
}

// Options say how to run the manager.
type Options struct {
	// Kubeconfig is the management cluster's kubeconfig.
	Kubeconfig string
	// Args are the manager's flags besides --health-addr and --diagnostics-address, which the harness sets to
	// loopback ports the kernel picks.
	Args []string
	// Env is added to the process's environment.
	Env []string
	// Held are addresses the caller holds with testenv.Hold for the manager to listen on (its webhook server):
	// they are released just before the process starts.
	Held []string
	// Log, when set, receives the manager's output instead of the in-memory log (Log then returns ""), for
	// runs too long to hold it.
	Log io.Writer
}

// Process is a running manager.
type Process struct {
	ctx        context.Context
	opts       Options
	HealthAddr string
	cmd        *exec.Cmd
	done       chan struct{}
	log        *syncBuffer
}

// Start starts the manager; it is killed when ctx ends.
func Start(ctx context.Context, opts Options) (*Process, error) {
	p := &Process{ctx: ctx, opts: opts, log: &syncBuffer{}}
	if err := p.start(); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Process) start() error {
	bin, err := Binary()
	if err != nil {
		return err
	}
	addrs, err := testenv.LoopbackAddrs(p.ctx, 2)
	if err != nil {
		return err
	}
	health, diag := addrs[0], addrs[1]
	p.HealthAddr = health
	args := append([]string{"--health-addr=" + health, "--diagnostics-address=" + diag}, p.opts.Args...)
	cmd := exec.CommandContext(p.ctx, bin, args...) //nolint:gosec // the manager this module built
	cmd.Env = append(append(os.Environ(), "KUBECONFIG="+p.opts.Kubeconfig), p.opts.Env...)
	var out io.Writer = p.log
	if p.opts.Log != nil {
		out = p.opts.Log
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = sysProcAttr()
	testenv.Release(p.opts.Held...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the manager: %w", err)
	}
	p.cmd, p.done = cmd, make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	return nil
}

// WaitReady waits until the manager answers /readyz with 200, or fails when it exits or ctx ends.
func (p *Process) WaitReady(ctx context.Context) error {
	url := "http://" + p.HealthAddr + "/readyz"
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return fmt.Errorf("building the readiness request: %w", err)
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.done:
			return fmt.Errorf("the manager exited before it was ready:\n%s", p.Log())
		case <-ctx.Done():
			return fmt.Errorf("the manager was not ready (%w):\n%s", ctx.Err(), p.Log())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Kill kills the manager at once (SIGKILL, as a crash or an evicted pod) and waits for it to be gone.
func (p *Process) Kill() error { return p.signal(syscall.SIGKILL) }

// Stop asks the manager to stop (SIGTERM, as a rollout does) and waits for it to exit.
func (p *Process) Stop() error { return p.signal(syscall.SIGTERM) }

func (p *Process) signal(sig syscall.Signal) error {
	if p.cmd == nil {
		return errors.New("the manager was not started")
	}
	select {
	case <-p.done:
		return nil
	default:
	}
	if err := p.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("signalling the manager: %w", err)
	}
	<-p.done
	return nil
}

// Restart starts the manager again with the same options, on new health and diagnostics ports.
func (p *Process) Restart() error {
	if err := p.Kill(); err != nil {
		return err
	}
	return p.start()
}

// Exited reports whether the manager has exited.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Log returns what the manager wrote to stdout and stderr, over every start.
func (p *Process) Log() string { return p.log.String() }

// syncBuffer is a buffer written by the process's output copiers and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
