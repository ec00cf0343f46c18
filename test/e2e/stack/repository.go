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
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	clusterctlv1 "sigs.k8s.io/cluster-api/cmd/clusterctl/api/v1alpha3"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/capi"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const (
	// NextContract is the contract the repository's next-minor release declares in its metadata.yaml: one that
	// this Cluster API does not implement, so `clusterctl upgrade plan` must not offer that release.
	NextContract = "v1beta3"
	// ImageRepository is the repository of the image override in the clusterctl configuration for the provider
	// (clusterctl's `images:` setting), which `clusterctl init` applies to the manager's Deployment.
	ImageRepository = "registry.invalid/capoci"
	// ImageTag is the tag of that image override.
	ImageTag = "e2e"
)

// Repository is a clusterctl provider repository on the local disk in clusterctl's layout,
// {root}/{provider label}/{version}/{components file, metadata.yaml, cluster templates}, with a clusterctl
// configuration that points every provider clusterctl needs at it through file:// URLs. clusterctl run through
// Clusterctl reads nothing else: no GitHub, no module proxy, no user configuration.
type Repository struct {
	// Dir is the repository's root.
	Dir string
	// Config is the clusterctl configuration file (--config).
	Config string
	// Home is the HOME and XDG_CONFIG_HOME clusterctl runs with.
	Home string
	// CAPIVersion is the release of Cluster API's core, kubeadm bootstrap and kubeadm control-plane providers:
	// the cluster-api module's version, rendered from that module as Cluster API's `make release-manifests` does.
	CAPIVersion string
	// Version is the provider's release that `clusterctl init --infrastructure oci` installs (the configuration's
	// URL names it): the newest release series of metadata.yaml, patch 0, from `make release-manifests`.
	Version string
	// Patch is a later patch of the same series, with the same files: `clusterctl upgrade plan` offers it.
	Patch string
	// Next is the next minor release, whose metadata.yaml maps its series to NextContract.
	Next string
}

// BuildRepository lays out a repository in dir: the provider's components and metadata.yaml rendered by
// `make release-manifests`, with templates/cluster-template*.yaml (and clusterclass-*.yaml, as a release
// carries them) beside them, under Version and Patch (Next holds only its own metadata.yaml); Cluster API's three providers rendered from the
// cluster-api module; and the clusterctl configuration. The four renderings run at once.
func BuildRepository(ctx context.Context, dir string) (*Repository, error) {
	r := &Repository{Dir: filepath.Join(dir, "repository"), Home: filepath.Join(dir, "home"), Config: filepath.Join(dir, "clusterctl.yaml")}
	if err := os.MkdirAll(r.Home, 0o750); err != nil {
		return nil, fmt.Errorf("creating clusterctl's home: %w", err)
	}
	kustomize, err := Kustomize(ctx)
	if err != nil {
		return nil, err
	}
	bins, err := capi.Build(ctx)
	if err != nil {
		return nil, err
	}
	r.CAPIVersion = bins.Version
	metadata, err := os.ReadFile(filepath.Join(bins.SourceDir, "metadata.yaml"))
	if err != nil {
		return nil, fmt.Errorf("reading Cluster API's metadata.yaml: %w", err)
	}
	steps := []func() error{func() error { return r.writeOCI(ctx, kustomize, filepath.Join(dir, "release")) }}
	for _, p := range capiProviders {
		steps = append(steps, func() error { return r.writeCAPI(ctx, kustomize, bins.SourceDir, p, metadata) })
	}
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { errs[i] = step() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := r.writeConfig(); err != nil {
		return nil, err
	}
	return r, nil
}

// writeOCI renders the provider's release with `make release-manifests` into out and writes Version, Patch
// and Next.
func (r *Repository) writeOCI(ctx context.Context, kustomize, out string) error {
	components, metadata, err := releaseManifests(ctx, kustomize, out)
	if err != nil {
		return err
	}
	next, err := r.versions(metadata)
	if err != nil {
		return err
	}
	for _, v := range []string{r.Version, r.Patch} {
		if err := r.writeRelease(v, components, metadata); err != nil {
			return err
		}
	}
	b, err := yaml.Marshal(next)
	if err != nil {
		return fmt.Errorf("encoding the next release's metadata: %w", err)
	}
	return writeFiles(filepath.Join(r.Dir, "infrastructure-oci", r.Next), map[string][]byte{"metadata.yaml": b})
}

// releaseManifests runs `make release-manifests` into out and returns the two files it renders.
func releaseManifests(ctx context.Context, kustomize, out string) (components, metadata []byte, err error) {
	cmd := exec.CommandContext(ctx, "make", "-s", "release-manifests", "OUT_DIR="+out, "KUSTOMIZE="+kustomize) //nolint:gosec // the Makefile's target
	cmd.Dir = testenv.RepoRoot()
	cmd.Env = withoutMake(os.Environ())
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("make release-manifests: %w\n%s", err, b)
	}
	if components, err = os.ReadFile(filepath.Join(out, "infrastructure-components.yaml")); err != nil {
		return nil, nil, fmt.Errorf("reading the rendered components: %w", err)
	}
	if metadata, err = os.ReadFile(filepath.Join(out, "metadata.yaml")); err != nil {
		return nil, nil, fmt.Errorf("reading the released metadata.yaml: %w", err)
	}
	return components, metadata, nil
}

// versions names the releases from metadata.yaml's newest series and returns the next release's metadata: the
// same series plus the next minor under NextContract.
func (r *Repository) versions(metadata []byte) (*clusterctlv1.Metadata, error) {
	md := &clusterctlv1.Metadata{}
	if err := yaml.UnmarshalStrict(metadata, md); err != nil {
		return nil, fmt.Errorf("decoding metadata.yaml: %w", err)
	}
	var newest *clusterctlv1.ReleaseSeries
	for i := range md.ReleaseSeries {
		s := &md.ReleaseSeries[i]
		if newest == nil || s.Major > newest.Major || (s.Major == newest.Major && s.Minor > newest.Minor) {
			newest = s
		}
	}
	if newest == nil {
		return nil, errors.New("metadata.yaml lists no release series")
	}
	r.Version = fmt.Sprintf("v%d.%d.0", newest.Major, newest.Minor)
	r.Patch = fmt.Sprintf("v%d.%d.1", newest.Major, newest.Minor)
	r.Next = fmt.Sprintf("v%d.%d.0", newest.Major, newest.Minor+1)
	md.ReleaseSeries = append(md.ReleaseSeries, clusterctlv1.ReleaseSeries{Major: newest.Major, Minor: newest.Minor + 1, Contract: NextContract})
	return md, nil
}

// writeRelease writes one release of the provider: components, metadata.yaml and every cluster template.
func (r *Repository) writeRelease(version string, components, metadata []byte) error {
	files := map[string][]byte{"infrastructure-components.yaml": components, "metadata.yaml": metadata}
	templates, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(), "templates", "cluster-template*.yaml"))
	if len(templates) == 0 {
		return errors.New("no templates/cluster-template*.yaml")
	}
	classes, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(), "templates", "clusterclass-*.yaml"))
	templates = append(templates, classes...)
	for _, t := range templates {
		b, err := os.ReadFile(t)
		if err != nil {
			return fmt.Errorf("reading %s: %w", t, err)
		}
		files[filepath.Base(t)] = b
	}
	return writeFiles(filepath.Join(r.Dir, "infrastructure-oci", version), files)
}

// capiProvider is one of Cluster API's providers in the repository: the label clusterctl files it under, its
// components file, and the kustomization that Cluster API's `make release-manifests` renders it from.
type capiProvider struct{ label, file, config string }

var capiProviders = []capiProvider{
	{"cluster-api", "core-components.yaml", "core/config/default"},
	{"bootstrap-kubeadm", "bootstrap-components.yaml", "bootstrap/kubeadm/config/default"},
	{"control-plane-kubeadm", "control-plane-components.yaml", "controlplane/kubeadm/config/default"},
}

// writeCAPI renders one of Cluster API's providers from the cluster-api module's source, with its metadata.yaml.
func (r *Repository) writeCAPI(ctx context.Context, kustomize, source string, p capiProvider, metadata []byte) error {
	cmd := exec.CommandContext(ctx, kustomize, "build", filepath.Join(source, p.config)) //nolint:gosec // the pinned kustomize
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	components, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("kustomize build %s: %w: %s", p.config, err, stderr.String())
	}
	return writeFiles(filepath.Join(r.Dir, p.label, r.CAPIVersion), map[string][]byte{p.file: components, "metadata.yaml": metadata})
}

// writeConfig writes the clusterctl configuration: every provider `clusterctl init --infrastructure oci` installs,
// at its file:// URL; cert-manager as provisioned outside clusterctl (its URL a file:// path that does not exist,
// so that clusterctl fails rather than download it should its check fail); the provider's image override.
func (r *Repository) writeConfig() error {
	url := func(label, version, file string) string {
		return "file://" + filepath.Join(r.Dir, label, version, file)
	}
	var b strings.Builder
	b.WriteString("providers:\n")
	for _, p := range []struct{ name, kind, url string }{
		{"cluster-api", "CoreProvider", url("cluster-api", r.CAPIVersion, "core-components.yaml")},
		{"kubeadm", "BootstrapProvider", url("bootstrap-kubeadm", r.CAPIVersion, "bootstrap-components.yaml")},
		{"kubeadm", "ControlPlaneProvider", url("control-plane-kubeadm", r.CAPIVersion, "control-plane-components.yaml")},
		{"oci", "InfrastructureProvider", url("infrastructure-oci", r.Version, "infrastructure-components.yaml")},
	} {
		fmt.Fprintf(&b, "- name: %s\n  type: %s\n  url: %s\n", p.name, p.kind, p.url)
	}
	fmt.Fprintf(&b, "cert-manager:\n  externallyProvisioned: \"true\"\n  url: %s\n  version: %s\n",
		url("cert-manager", CertManagerVersion, "cert-manager.yaml"), CertManagerVersion)
	fmt.Fprintf(&b, "images:\n  infrastructure-oci:\n    repository: %s\n    tag: %s\n", ImageRepository, ImageTag)
	if err := os.WriteFile(r.Config, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("writing clusterctl's configuration: %w", err)
	}
	return nil
}

// Clusterctl runs the pinned clusterctl with the repository's configuration, offline (GOPROXY=off, the
// version check off, HOME and XDG_CONFIG_HOME in the repository's own directory), with env added to its
// environment. It returns what clusterctl printed: its results on stdout, its log on stderr.
func (r *Repository) Clusterctl(ctx context.Context, env []string, args ...string) (stdout, stderr string, err error) {
	bin, err := Clusterctl(ctx)
	if err != nil {
		return "", "", err
	}
	cmd := exec.CommandContext(ctx, bin, append(args, "--config", r.Config)...) //nolint:gosec // the pinned clusterctl
	cmd.Env = append(append(os.Environ(), "GOPROXY=off", "CLUSTERCTL_DISABLE_VERSIONCHECK=true",
		"HOME="+r.Home, "XDG_CONFIG_HOME="+r.Home), env...)
	var out, log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &log
	if err := cmd.Run(); err != nil {
		return out.String(), log.String(), fmt.Errorf("clusterctl %s: %w\n%s", strings.Join(args, " "), err, log.String())
	}
	return out.String(), log.String(), nil
}

// writeFiles writes files into dir, creating it.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return nil
}
