// Package testenv starts a real Kubernetes API server (envtest) for the provider's tests and local demo.
// It finds kube-apiserver, etcd and kubectl by itself: KUBEBUILDER_ASSETS when set, else the cache that
// `make envtest` fills outside the clone. Without them it fails at once and says to run `make envtest`.
package testenv

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// KubernetesVersion is the version of the envtest API server; the Makefile's ENVTEST_K8S_VERSION matches it.
const KubernetesVersion = "1.36.3"

// Binaries are the envtest assets every environment needs.
var Binaries = []string{"kube-apiserver", "etcd", "kubectl"}

// ErrNoAssets is returned when no envtest binaries are found.
var ErrNoAssets = errors.New("envtest binaries (kube-apiserver, etcd, kubectl) not found: run `make envtest`")

// CacheDir returns the cache directory `make envtest` uses: CAPOCI_CACHE_DIR, else
// $XDG_CACHE_HOME/cluster-api-provider-oci, else ~/.cache/cluster-api-provider-oci.
func CacheDir() string {
	if d := os.Getenv("CAPOCI_CACHE_DIR"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "cluster-api-provider-oci")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "cluster-api-provider-oci")
	}
	return filepath.Join(home, ".cache", "cluster-api-provider-oci")
}

// AssetsDir returns the directory of the envtest binaries.
func AssetsDir() (string, error) {
	if d := os.Getenv("KUBEBUILDER_ASSETS"); d != "" {
		if err := hasBinaries(d); err != nil {
			return "", fmt.Errorf("KUBEBUILDER_ASSETS=%s: %w", d, err)
		}
		return d, nil
	}
	d := filepath.Join(CacheDir(), "envtest", fmt.Sprintf("k8s-%s-%s-%s", KubernetesVersion, runtime.GOOS, runtime.GOARCH))
	if err := hasBinaries(d); err != nil {
		return "", fmt.Errorf("looked in %s: %w", d, err)
	}
	return d, nil
}

func hasBinaries(dir string) error {
	for _, b := range Binaries {
		info, err := os.Stat(filepath.Join(dir, b))
		if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
			return ErrNoAssets
		}
	}
	return nil
}

// RepoRoot returns the repository's root directory, found from this source file.
func RepoRoot() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "."
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Options select what the environment installs.
type Options struct {
	// CRDDirs are directories of CRD manifests to install; default: config/crd/bases when it exists.
	CRDDirs []string
	// Webhooks configures the webhook server the API server calls (serving certificates are generated).
	Webhooks envtest.WebhookInstallOptions
	// ExtraAPIServerArgs are set on kube-apiserver, for example {"service-cluster-ip-range": "10.0.0.0/24"}.
	ExtraAPIServerArgs map[string]string
}

// Environment is a running API server.
type Environment struct {
	*envtest.Environment
	Config *rest.Config
}

// Start starts etcd and kube-apiserver on kernel-chosen loopback ports and installs the CRDs.
func Start(opts Options) (*Environment, error) {
	assets, err := AssetsDir()
	if err != nil {
		return nil, err
	}
	crdDirs := opts.CRDDirs
	if crdDirs == nil {
		if d := filepath.Join(RepoRoot(), "config", "crd", "bases"); dirExists(d) {
			crdDirs = []string{d}
		}
	}
	env := &envtest.Environment{
		BinaryAssetsDirectory: assets,
		CRDDirectoryPaths:     crdDirs,
		ErrorIfCRDPathMissing: true,
		WebhookInstallOptions: opts.Webhooks,
	}
	args := env.ControlPlane.GetAPIServer().Configure()
	args.Set("bind-address", "127.0.0.1")
	args.Set("advertise-address", "127.0.0.1")
	for k, v := range opts.ExtraAPIServerArgs {
		args.Set(k, v)
	}
	cfg, err := env.Start()
	if err != nil {
		// envtest leaves etcd and kube-apiserver running when a later step fails (installing the CRDs, say).
		_ = env.Stop()
		return nil, fmt.Errorf("starting envtest with assets from %s: %w", assets, err)
	}
	return &Environment{Environment: env, Config: cfg}, nil
}

// Stop stops the API server and etcd.
func (e *Environment) Stop() error {
	if err := e.Environment.Stop(); err != nil {
		return fmt.Errorf("stopping envtest: %w", err)
	}
	return nil
}

func dirExists(d string) bool {
	info, err := os.Stat(d)
	return err == nil && info.IsDir()
}
