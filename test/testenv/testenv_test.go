package testenv

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

func TestWithLockRunsOneHolderAtATime(t *testing.T) {
	g := NewWithT(t)
	t.Setenv("CAPOCI_CACHE_DIR", t.TempDir())
	var inside, most atomic.Int32
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			g.Expect(WithLock("work", func() error {
				n := inside.Add(1)
				if n > most.Load() {
					most.Store(n)
				}
				time.Sleep(20 * time.Millisecond) // without the lock, the holders would overlap here
				inside.Add(-1)
				return nil
			})).To(Succeed())
		})
	}
	wg.Wait()
	g.Expect(most.Load()).To(Equal(int32(1)))

	// fn's error comes back as it is, and the lock is free again afterwards.
	boom := errors.New("boom")
	g.Expect(WithLock("work", func() error { return boom })).To(MatchError(boom))
	g.Expect(WithLock("work", func() error { return nil })).To(Succeed())
}

func TestWithLockNamesTheDirectoryItCannotCreate(t *testing.T) {
	g := NewWithT(t)
	file := filepath.Join(t.TempDir(), "file")
	g.Expect(os.WriteFile(file, nil, 0o600)).To(Succeed())
	t.Setenv("CAPOCI_CACHE_DIR", file)
	ran := false
	err := WithLock("work", func() error { ran = true; return nil })
	g.Expect(err).To(MatchError(ContainSubstring("creating the lock directory")))
	g.Expect(ran).To(BeFalse())
}

func TestHeldPortsStayBoundUntilReleased(t *testing.T) {
	g := NewWithT(t)
	ctx := t.Context()
	addrs, err := HoldLoopbackAddrs(ctx, 2)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(addrs).To(HaveLen(2))
	g.Expect(addrs[0]).NotTo(Equal(addrs[1]))
	var lc net.ListenConfig
	for _, a := range addrs {
		_, err := lc.Listen(ctx, "tcp", a)
		g.Expect(err).To(MatchError(ContainSubstring("address already in use")), a)
	}
	// Holding again is harmless; releasing an address never held is ignored.
	g.Expect(Hold(ctx, addrs[0])).To(Succeed())
	Release("127.0.0.1:1")

	Release(addrs...)
	for _, a := range addrs {
		l, err := lc.Listen(ctx, "tcp", a)
		g.Expect(err).NotTo(HaveOccurred(), a)
		// Bound by someone else, the address cannot be held.
		g.Expect(Hold(ctx, a)).To(MatchError(ContainSubstring("holding " + a)))
		g.Expect(l.Close()).To(Succeed())
	}
	// A free address can be held, and released again.
	g.Expect(Hold(ctx, addrs[0])).To(Succeed())
	_, err = lc.Listen(ctx, "tcp", addrs[0])
	g.Expect(err).To(HaveOccurred())
	Release(addrs[0])
}
