package release

import (
	"bufio"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(testenv.RepoRoot(), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	return lines
}

// ignored reports whether .dockerignore keeps path (relative to the repository) out of the build context.
func ignored(patterns []string, path string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(strings.TrimPrefix(p, "**/"), filepath.Base(path)); ok && strings.HasPrefix(p, "**/") {
			return true
		}
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

func dockerignore(t *testing.T) []string {
	t.Helper()
	var patterns []string
	for _, l := range readLines(t, ".dockerignore") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			patterns = append(patterns, l)
		}
	}
	return patterns
}

// TestDockerBuildContextHasTheManagersSources checks that .dockerignore leaves every Go file the manager is built
// from in the image's build context.
func TestDockerBuildContextHasTheManagersSources(t *testing.T) {
	g := NewWithT(t)
	cmd := exec.Command("go", "list", "-deps", "-f", `{{if not .Standard}}{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{end}}`, ".")
	cmd.Dir = testenv.RepoRoot()
	out, err := cmd.Output()
	g.Expect(err).NotTo(HaveOccurred())
	patterns := dockerignore(t)
	root, err := filepath.Abs(testenv.RepoRoot())
	g.Expect(err).NotTo(HaveOccurred())
	files := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], root) {
			continue // a dependency from the module cache
		}
		rel, _ := filepath.Rel(root, fields[0])
		for _, f := range fields[1:] {
			files++
			g.Expect(ignored(patterns, filepath.Join(rel, f))).To(BeFalse(), "%s is excluded by .dockerignore", filepath.Join(rel, f))
		}
	}
	g.Expect(files).To(BeNumerically(">", 3))
	g.Expect(ignored(patterns, "test/ocisim/sim.go")).To(BeTrue())
	g.Expect(ignored(patterns, "internal/manager/options_test.go")).To(BeTrue())
}

// TestDockerfileBuildsAStaticNonRootImage checks the Dockerfile's build command yields a static binary for each
// platform the release images are built for (docker buildx cannot run here: the test runs the Dockerfile's own
// build command, its flags read from the Dockerfile, for linux/amd64 and linux/arm64), and the runtime stage is
// distroless and non-root.
func TestDockerfileBuildsAStaticNonRootImage(t *testing.T) {
	g := NewWithT(t)
	text := strings.Join(readLines(t, "Dockerfile"), "\n")
	g.Expect(text).To(ContainSubstring("ARG TARGETARCH"))
	g.Expect(text).To(ContainSubstring("GOARCH=${TARGETARCH}"))
	g.Expect(text).To(ContainSubstring("CGO_ENABLED=0"))
	g.Expect(text).To(MatchRegexp(`(?m)^ARG BASE_IMAGE=gcr.io/distroless/static:nonroot$`))
	g.Expect(text).To(MatchRegexp(`(?m)^USER 65532:65532$`))
	g.Expect(text).To(MatchRegexp(`(?m)^COPY --from=builder /out/manager /manager$`))
	goVersion := regexp.MustCompile(`(?m)^ARG GO_VERSION=(\S+)$`).FindStringSubmatch(text)
	g.Expect(goVersion).To(HaveLen(2))
	// The image builds with the Go line the project uses (go.mod's go directive).
	g.Expect("go" + goVersion[1]).To(HavePrefix(goLine(t)))
	ldflags := regexp.MustCompile(`-ldflags "([^"]+)"`).FindStringSubmatch(text)
	g.Expect(ldflags).To(HaveLen(2), "the Dockerfile's go build has no -ldflags")
	flags := strings.NewReplacer("${VERSION}", "v9.9.9-releasetest", "${GIT_COMMIT}", "0123abc").Replace(ldflags[1])

	for arch, machine := range map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64} {
		t.Run(arch, func(t *testing.T) {
			g := NewWithT(t)
			bin := filepath.Join(t.TempDir(), "manager")
			build := exec.Command("go", "build", "-trimpath", "-ldflags", flags, "-o", bin, ".")
			build.Dir = testenv.RepoRoot()
			build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
			out, err := build.CombinedOutput()
			g.Expect(err).NotTo(HaveOccurred(), string(out))
			f, err := elf.Open(bin)
			g.Expect(err).NotTo(HaveOccurred())
			defer f.Close()
			g.Expect(f.Machine).To(Equal(machine))
			for _, p := range f.Progs {
				g.Expect(p.Type).NotTo(Equal(elf.PT_INTERP), "the manager must be statically linked")
				g.Expect(p.Type).NotTo(Equal(elf.PT_DYNAMIC), "the manager must need no shared library")
			}
			raw, err := os.ReadFile(bin)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(string(raw)).To(ContainSubstring("v9.9.9-releasetest"), "the version the Dockerfile stamps")
		})
	}
}

// goLine returns the major.minor Go version of go.mod's go directive, for example "go1.26".
func goLine(t *testing.T) string {
	t.Helper()
	for _, l := range readLines(t, "go.mod") {
		if v, ok := strings.CutPrefix(l, "go "); ok {
			parts := strings.SplitN(v, ".", 3)
			return "go" + parts[0] + "." + parts[1]
		}
	}
	t.Fatal("go.mod has no go directive")
	return ""
}
