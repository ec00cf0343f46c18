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

// Package capi runs Cluster API's own controller managers (core, kubeadm bootstrap, kubeadm control plane)
// as local processes against a local API server such as envtest, with their CRDs, conversion webhooks and
// admission webhooks installed the way `clusterctl init` installs them in a cluster, except that every
// webhook points at a loopback URL instead of a Service.
//
// The usual sequence is Build, New, Install, Start, WaitReady and, at the end, Stop.
package capi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// ModulePath is the module that holds Cluster API's controllers and their manifests.
const ModulePath = "sigs.k8s.io/cluster-api"

// Component is one of Cluster API's controller managers.
type Component struct {
	// Name names the executable, the log file and the component in errors.
	Name string
	// Package is the main package to build.
	Package string
	// ConfigDir is the component's kustomize tree, relative to the root of the cluster-api module.
	ConfigDir string
}

var (
	// Core is Cluster API's core controller manager (Cluster, Machine, MachineDeployment, ...).
	Core = Component{Name: "core", Package: ModulePath + "/core", ConfigDir: "core/config"}
	// KubeadmBootstrap is the kubeadm bootstrap provider (KubeadmConfig).
	KubeadmBootstrap = Component{
		Name: "kubeadm-bootstrap", Package: ModulePath + "/bootstrap/kubeadm", ConfigDir: "bootstrap/kubeadm/config",
	}
	// KubeadmControlPlane is the kubeadm control plane provider (KubeadmControlPlane).
	KubeadmControlPlane = Component{
		Name: "kubeadm-control-plane", Package: ModulePath + "/controlplane/kubeadm", ConfigDir: "controlplane/kubeadm/config",
	}
)

// Components returns the three controller managers in the order they are installed and started.
func Components() []Component {
	return []Component{Core, KubeadmBootstrap, KubeadmControlPlane}
}

// Binaries says where Build put the executables and which Cluster API source they were built from.
type Binaries struct {
	// Version is the cluster-api module version, e.g. v1.14.2 ("local" when it is replaced by a directory).
	Version string
	// Dir holds one executable per component, named after Component.Name.
	Dir string
	// SourceDir is the cluster-api module's source; Install reads the components' manifests from it.
	SourceDir string
}

// Path returns the executable of a component.
func (b Binaries) Path(c Component) string {
	return filepath.Join(b.Dir, c.Name)
}

// Build builds the three controller managers with `go build`, run in the e2e module so that the versions
// pinned by its go.mod are used, into <testenv.CacheDir()>/capi/<version>/. It does nothing when all three
// executables are already there (unless cluster-api is replaced by a local directory: then it always builds).
// Each executable is written under a temporary name and renamed, so that no caller sees a partial file, and
// callers in other processes wait for the one building (testenv.WithLock).
func Build(ctx context.Context) (Binaries, error) {
	modDir, err := moduleDir(ctx)
	if err != nil {
		return Binaries{}, err
	}
	mod, err := listModule(ctx, modDir)
	if err != nil {
		return Binaries{}, err
	}
	version := buildInfoVersion()
	if version == "" {
		version = mod.version()
	}
	b := Binaries{Version: version, Dir: filepath.Join(testenv.CacheDir(), "capi", version), SourceDir: mod.Dir}
	if version != localVersion && b.complete() {
		return b, nil
	}
	// Processes started side by side (the test command runs the suite as two) build one after the other: the
	// second then finds the executables complete, or the packages in the build cache.
	err = testenv.WithLock("capi-build", func() error {
		if version != localVersion && b.complete() {
			return nil
		}
		return b.build(ctx, modDir)
	})
	if err != nil {
		return Binaries{}, err
	}
	return b, nil
}

func (b Binaries) build(ctx context.Context, modDir string) error {
	if err := os.MkdirAll(b.Dir, 0o750); err != nil {
		return fmt.Errorf("creating %s: %w", b.Dir, err)
	}
	tmp, err := os.MkdirTemp(b.Dir, ".build-")
	if err != nil {
		return fmt.Errorf("creating a build directory: %w", err)
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	// One after the other: the later builds reuse the packages the first one put in the build cache.
	for _, c := range Components() {
		out := filepath.Join(tmp, c.Name)
		if err := goCommand(ctx, modDir, nil, "build", "-o", out, c.Package); err != nil {
			return fmt.Errorf("building %s: %w", c.Name, err)
		}
		if err := os.Rename(out, b.Path(c)); err != nil {
			return fmt.Errorf("installing %s: %w", c.Name, err)
		}
	}
	return nil
}

// localVersion is the version Build reports when cluster-api is replaced by a directory.
const localVersion = "local"

func (b Binaries) complete() bool {
	for _, c := range Components() {
		info, err := os.Stat(b.Path(c))
		if err != nil || !info.Mode().IsRegular() || info.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// buildInfoVersion is the cluster-api version linked into the running binary, if it links any of it.
func buildInfoVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path != ModulePath {
			continue
		}
		if d.Replace != nil {
			if d.Replace.Version == "" {
				return localVersion
			}
			return d.Replace.Version
		}
		return d.Version
	}
	return ""
}

// module is the part of `go list -m -json` that Build uses.
type module struct {
	Path    string
	Version string
	Dir     string
	Replace *module
}

func (m module) version() string {
	if m.Replace != nil {
		if m.Replace.Version == "" {
			return localVersion
		}
		return m.Replace.Version
	}
	return m.Version
}

func listModule(ctx context.Context, modDir string) (module, error) {
	var out bytes.Buffer
	if err := goCommand(ctx, modDir, &out, "list", "-m", "-json", ModulePath); err != nil {
		return module{}, fmt.Errorf("finding the %s module: %w", ModulePath, err)
	}
	var m module
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		return module{}, fmt.Errorf("decoding `go list -m -json %s`: %w", ModulePath, err)
	}
	if m.Dir == "" {
		return module{}, fmt.Errorf("module %s %s is not in the module cache (run `go mod download` in %s)",
			ModulePath, m.Version, modDir)
	}
	return m, nil
}

// moduleDir finds the e2e module: the parent of this source file's directory or, when the binary was built
// with -trimpath, the module `go env GOMOD` reports for the working directory.
func moduleDir(ctx context.Context) (string, error) {
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Dir(filepath.Dir(file))
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
	}
	var out bytes.Buffer
	if err := goCommand(ctx, "", &out, "env", "GOMOD"); err != nil {
		return "", fmt.Errorf("finding the e2e module: %w", err)
	}
	gomod := strings.TrimSpace(out.String())
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("finding the e2e module: the working directory is not in a Go module")
	}
	return filepath.Dir(gomod), nil
}

// goCommand runs the go command in dir, with stdout to out (discarded when nil); its stderr is in the error.
func goCommand(ctx context.Context, dir string, out *bytes.Buffer, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...) //nolint:gosec // the go command, with arguments this package composes
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if out != nil {
		cmd.Stdout = out
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return nil
}
