package testenv

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

func TestMakefilePinsTheSameKubernetesVersion(t *testing.T) {
	g := NewWithT(t)
	b, err := os.ReadFile(filepath.Join(RepoRoot(), "Makefile"))
	g.Expect(err).NotTo(HaveOccurred())
	m := regexp.MustCompile(`(?m)^ENVTEST_K8S_VERSION \?= (\S+)$`).FindSubmatch(b)
	g.Expect(m).To(HaveLen(2))
	g.Expect(string(m[1])).To(Equal(KubernetesVersion))
}

func TestAssetsDirFailsFastWithoutBinaries(t *testing.T) {
	g := NewWithT(t)
	empty := t.TempDir()
	t.Setenv("KUBEBUILDER_ASSETS", empty)
	_, err := AssetsDir()
	g.Expect(err).To(MatchError(ErrNoAssets))
	g.Expect(err.Error()).To(Equal("KUBEBUILDER_ASSETS=" + empty + ": envtest binaries (kube-apiserver, etcd, kubectl) not found: run `make envtest`"))

	t.Setenv("KUBEBUILDER_ASSETS", "")
	t.Setenv("CAPOCI_CACHE_DIR", empty)
	_, err = AssetsDir()
	g.Expect(err).To(MatchError(ErrNoAssets))
	g.Expect(err.Error()).To(ContainSubstring("looked in " + filepath.Join(empty, "envtest")))

	// Start fails at once too, before anything is started.
	_, err = Start(Options{})
	g.Expect(err).To(MatchError(ErrNoAssets))
}

func TestAssetsDirFindsTheCache(t *testing.T) {
	g := NewWithT(t)
	cache := t.TempDir()
	t.Setenv("KUBEBUILDER_ASSETS", "")
	t.Setenv("CAPOCI_CACHE_DIR", cache)
	dir, err := AssetsDir()
	g.Expect(err).To(HaveOccurred())
	g.Expect(dir).To(BeEmpty())

	want := filepath.Join(cache, "envtest", "k8s-"+KubernetesVersion+"-"+runtime.GOOS+"-"+runtime.GOARCH)
	g.Expect(os.MkdirAll(want, 0o755)).To(Succeed())
	for _, b := range Binaries {
		g.Expect(os.WriteFile(filepath.Join(want, b), []byte("#!/bin/sh\n"), 0o755)).To(Succeed())
	}
	dir, err = AssetsDir()
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(dir).To(Equal(want))

	// A binary that is not executable does not count.
	g.Expect(os.Chmod(filepath.Join(want, "etcd"), 0o644)).To(Succeed())
	_, err = AssetsDir()
	g.Expect(err).To(MatchError(ErrNoAssets))
}

func TestCacheDirPrecedence(t *testing.T) {
	g := NewWithT(t)
	t.Setenv("CAPOCI_CACHE_DIR", "/x/capoci")
	g.Expect(CacheDir()).To(Equal("/x/capoci"))
	t.Setenv("CAPOCI_CACHE_DIR", "")
	t.Setenv("XDG_CACHE_HOME", "/x/xdg")
	g.Expect(CacheDir()).To(Equal("/x/xdg/cluster-api-provider-oci"))
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "/x/home")
	g.Expect(CacheDir()).To(Equal("/x/home/.cache/cluster-api-provider-oci"))
}

// TestLoopbackAddrsAreDistinct picks several ports at once: no two are the same, all on loopback.
func TestLoopbackAddrsAreDistinct(t *testing.T) {
	addrs, err := LoopbackAddrs(t.Context(), 8)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range addrs {
		if seen[a] || !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("address %s repeated or off loopback in %v", a, addrs)
		}
		seen[a] = true
	}
}
