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

package docs

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/hack/crdref"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// The compatibility page's tables are checked against the files that pin each version, so that a version bump
// that leaves the page behind fails here.

// firstSeries is this provider's first release series; those before it are the earlier provider's.
const firstSeries = 26

func compatibilityPage(t *testing.T) string {
	t.Helper()
	return read(t, filepath.Join(bookDir(), "reference", "compatibility.md"))
}

// repoFile is a file of the repository, read as text.
func repoFile(t *testing.T, parts ...string) string {
	t.Helper()
	return read(t, filepath.Join(append([]string{testenv.RepoRoot()}, parts...)...))
}

// pinned returns the first submatch of pattern in text, failing the test when there is none.
func pinned(t *testing.T, what, text, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("%s: no match for %s (did the file change? update this test and the compatibility page)", what, pattern)
	}
	return m[1]
}

// tableRows returns the body rows of the first table under the heading of the page, each a list of its cells
// (trimmed, without backticks).
func tableRows(page, heading string) [][]string {
	_, section, ok := strings.Cut(page, "\n"+heading+"\n")
	if !ok {
		return nil
	}
	lines := strings.Split(section, "\n")
	for i := 0; i+1 < len(lines) && !strings.HasPrefix(lines[i], "#"); i++ {
		if !strings.HasPrefix(lines[i], "|") || !strings.HasPrefix(lines[i+1], "|---") {
			continue
		}
		var rows [][]string
		for _, line := range lines[i+2:] {
			if !strings.HasPrefix(line, "|") {
				break
			}
			var cells []string
			for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
				cells = append(cells, strings.TrimSpace(strings.ReplaceAll(c, "`", "")))
			}
			rows = append(rows, cells)
		}
		return rows
	}
	return nil
}

// row returns the cells of the row whose first cell is label.
func row(g Gomega, rows [][]string, label string) []string {
	for _, r := range rows {
		if r[0] == label {
			return r
		}
	}
	g.Expect(rows).To(ContainElement(HaveField("[0]", label)), "no row %q", label)
	return nil
}

func TestCompatibilityReleaseSeries(t *testing.T) {
	g := NewWithT(t)
	var meta struct {
		ReleaseSeries []struct {
			Major, Minor int
			Contract     string
		} `json:"releaseSeries"`
	}
	g.Expect(yaml.Unmarshal([]byte(repoFile(t, "metadata.yaml")), &meta)).To(Succeed())
	contracts := map[int]string{}
	last := 0
	for _, s := range meta.ReleaseSeries {
		g.Expect(s.Major).To(BeZero(), "a major release: the page's numbering must change")
		contracts[s.Minor], last = s.Contract, max(last, s.Minor)
	}
	// Consecutive series of one contract and one provider make one row, newest first.
	var want [][]string
	for hi := last; hi >= 1; {
		lo := hi
		for lo > 1 && contracts[lo-1] == contracts[hi] && (lo-1 >= firstSeries) == (hi >= firstSeries) {
			lo--
		}
		g.Expect(contracts[lo]).NotTo(BeEmpty(), "metadata.yaml has no series 0.%d", lo)
		span := fmt.Sprintf("0.%d", hi)
		if lo != hi {
			span = fmt.Sprintf("0.%d to 0.%d", lo, hi)
		}
		want = append(want, []string{span, contracts[hi]})
		hi = lo - 1
	}
	var got [][]string
	for _, r := range tableRows(compatibilityPage(t), "## Release series") {
		got = append(got, r[:2])
	}
	g.Expect(got).To(Equal(want), "the release series table is metadata.yaml's")
}

func TestCompatibilityComponents(t *testing.T) {
	g := NewWithT(t)
	gomod, makefile := repoFile(t, "go.mod"), repoFile(t, "Makefile")
	module := func(path string) string {
		return pinned(t, "go.mod", gomod, `(?m)^\s+`+regexp.QuoteMeta(path)+` (v\S+)`)
	}
	capi := module("sigs.k8s.io/cluster-api")
	g.Expect(pinned(t, "Makefile", makefile, `(?m)^CLUSTERCTL_VER := (\S+)`)).To(Equal(capi), "clusterctl and the libraries are one Cluster API")
	goVersion := pinned(t, "go.mod", gomod, `(?m)^go (\d+\.\d+)`)
	imageGo := pinned(t, "Dockerfile", repoFile(t, "Dockerfile"), `(?m)^ARG GO_VERSION=(\S+)`)
	want := map[string][]string{
		"Cluster API":          {capi},
		"controller-runtime":   {module("sigs.k8s.io/controller-runtime")},
		"Kubernetes libraries": {module("k8s.io/api"), module("k8s.io/client-go"), module("k8s.io/apiextensions-apiserver")},
		"OCI Go SDK":           {module("github.com/oracle/oci-go-sdk/v65")},
		"Go":                   {goVersion, pinned(t, "go.mod", gomod, `(?m)^go (\S+)`), imageGo},
		"cert-manager": {clusterctlCertManager(t, capi),
			pinned(t, "test/release", repoFile(t, "test", "release", "release_test.go"), `certManagerVersion = "(v[^"]+)"`)},
	}
	rows := tableRows(compatibilityPage(t), "## Components of this release")
	g.Expect(rows).To(HaveLen(len(want)), "one row per component")
	for label, versions := range want {
		r := strings.Join(row(g, rows, label), " | ")
		for _, v := range versions {
			g.Expect(r).To(ContainSubstring(v), "the %s row", label)
		}
	}
}

// capiModuleFile reads a file of the Cluster API module go.mod names.
func capiModuleFile(t *testing.T, parts ...string) string {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "go", "list", "-m", "-f", "{{.Dir}}", "sigs.k8s.io/cluster-api").Output()
	if err != nil {
		t.Fatalf("finding the Cluster API module: %v", err)
	}
	return read(t, filepath.Join(append([]string{strings.TrimSpace(string(out))}, parts...)...))
}

// clusterctlCertManager is the cert-manager version clusterctl installs by default.
func clusterctlCertManager(t *testing.T, capi string) string {
	t.Helper()
	src := capiModuleFile(t, "cmd", "clusterctl", "client", "config", "cert_manager_client.go")
	return pinned(t, "Cluster API "+capi, src, `CertManagerDefaultVersion = "(v[^"]+)"`)
}

func TestCompatibilityKubernetesVersions(t *testing.T) {
	g := NewWithT(t)
	gomod, makefile := repoFile(t, "go.mod"), repoFile(t, "Makefile")
	capi := pinned(t, "go.mod", gomod, `(?m)^\s+sigs\.k8s\.io/cluster-api (v\S+)`)
	envtest := pinned(t, "Makefile", makefile, `(?m)^ENVTEST_K8S_VERSION \?= (\S+)`)
	etcd := pinned(t, "Makefile", makefile, `(?m)^ENVTEST_ETCD_VERSION \?= (\S+)`)
	libraries := pinned(t, "go.mod", gomod, `(?m)^\s+k8s\.io/api v0\.(\d+)\.`)
	g.Expect(envtest).To(HavePrefix("1."+libraries+"."), "envtest runs the Kubernetes of the libraries")
	mgmt, workload := capiKubernetesRanges(t, capi)
	g.Expect(minorOf(envtest)).To(BeNumerically(">=", minorOf(mgmt[0])), "envtest's Kubernetes is one Cluster API supports")
	g.Expect(minorOf(envtest)).To(BeNumerically("<=", minorOf(mgmt[1])), "envtest's Kubernetes is one Cluster API supports")

	stack := repoFile(t, "test", "e2e", "stack", "cluster.go")
	oke := pinned(t, "test/e2e/stack", stack, `DefaultOKEVersion = "(v[^"]+)"`)
	okeUpgrade := pinned(t, "test/e2e/oke_test.go", repoFile(t, "test", "e2e", "oke_test.go"), `cp\.Spec\.Version = "(v[^"]+)"`)
	emulated := regexp.MustCompile(`v\d+\.\d+\.\d+`).FindAllString(
		pinned(t, "test/ocisim", repoFile(t, "test", "ocisim", "oke_cluster.go"), `kubernetesVersions = \[\]string\{([^}]*)\}`), -1)
	g.Expect(emulated).To(ContainElements(oke, okeUpgrade), "the e2e suite's OKE versions are the emulator's")
	want := map[string][]string{
		"Management cluster": {mgmt[0] + " to " + mgmt[1], "Cluster API " + capi, envtest, etcd},
		"Self-managed workload cluster": {workload[0] + " to " + workload[1], "Cluster API " + capi,
			pinned(t, "test/e2e/stack", stack, `DefaultKubernetesVersion = "(v[^"]+)"`)},
		"OKE workload cluster": append([]string{oke, okeUpgrade}, emulated...),
	}
	rows := tableRows(compatibilityPage(t), "## Kubernetes versions")
	g.Expect(rows).To(HaveLen(len(want)), "one row per kind of cluster")
	for label, versions := range want {
		r := strings.Join(row(g, rows, label), " | ")
		for _, v := range versions {
			g.Expect(r).To(ContainSubstring(v), "the %s row", label)
		}
	}
}

// capiKubernetesRanges reads the Kubernetes minors (v1.NN) Cluster API capi supports for a management and a
// workload cluster, lowest and highest, from the core provider's matrix in its book (versions.md): a cell "✓" is
// both, "✓ (only workload)" a workload cluster only, "✓ >= v1.14.1" only from that release on.
func capiKubernetesRanges(t *testing.T, capi string) (mgmt, workload [2]string) {
	t.Helper()
	doc := capiModuleFile(t, "docs", "book", "src", "reference", "versions.md")
	_, matrix, _ := strings.Cut(doc, "### Core provider")
	series := capi[:strings.LastIndex(capi, ".")]
	col := -1
	var mgmtMinors, workloadMinors []string
	for _, line := range strings.Split(matrix, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case col < 0 && len(cells) > 1 && cells[0] == "":
			for i, c := range cells {
				if c == series || strings.HasPrefix(c, series+",") {
					col = i
				}
			}
		case col >= 0 && strings.HasPrefix(cells[0], "Kubernetes v") && col < len(cells):
			k, cell := strings.TrimPrefix(cells[0], "Kubernetes "), cells[col]
			if !strings.HasPrefix(cell, "✓") {
				continue
			}
			if m := regexp.MustCompile(`>= (v[\d.]+)`).FindStringSubmatch(cell); len(m) == 2 && compareDotted(capi, m[1]) < 0 {
				continue
			}
			workloadMinors = append(workloadMinors, k)
			if !strings.Contains(cell, "only workload") {
				mgmtMinors = append(mgmtMinors, k)
			}
		}
	}
	if len(mgmtMinors) == 0 || len(workloadMinors) == 0 {
		t.Fatalf("no Kubernetes versions for Cluster API %s in its versions.md: update this test", series)
	}
	return [2]string{mgmtMinors[0], mgmtMinors[len(mgmtMinors)-1]}, [2]string{workloadMinors[0], workloadMinors[len(workloadMinors)-1]}
}

// compareDotted compares two versions such as v1.14.2 number by number.
func compareDotted(a, b string) int {
	pa, pb := strings.Split(strings.TrimPrefix(a, "v"), "."), strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}

// minorOf is the minor of a Kubernetes version: 36 of 1.36.3 or v1.36.
func minorOf(v string) int {
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if len(parts) < 2 {
		return -1
	}
	n, _ := strconv.Atoi(parts[1])
	return n
}

func TestCompatibilityAPIVersions(t *testing.T) {
	g := NewWithT(t)
	var kustomization struct {
		Labels []struct {
			Pairs map[string]string `json:"pairs"`
		} `json:"labels"`
	}
	g.Expect(yaml.Unmarshal([]byte(repoFile(t, "config", "crd", "kustomization.yaml")), &kustomization)).To(Succeed())
	contract := map[string]string{}
	for _, l := range kustomization.Labels {
		for k, v := range l.Pairs {
			if c, ok := strings.CutPrefix(k, "cluster.x-k8s.io/"); ok {
				for _, version := range strings.Split(v, "_") {
					contract[version] = c
				}
			}
		}
	}
	crds, err := crdref.Load(filepath.Join(testenv.RepoRoot(), "config", "crd", "bases"))
	g.Expect(err).NotTo(HaveOccurred())
	yes := map[bool]string{true: "yes", false: "no"}
	rows := tableRows(compatibilityPage(t), "## API versions")
	seen := map[string]bool{}
	for i := range crds {
		for _, v := range crds[i].Spec.Versions {
			seen[v.Name] = true
			r := row(g, rows, v.Name)
			g.Expect(r).To(HaveExactElements(v.Name, yes[v.Served], yes[v.Storage], contract[v.Name], yes[v.Deprecated]),
				"%s %s: served, storage, contract and deprecation as the CRD and its labels say", crds[i].Spec.Names.Kind, v.Name)
		}
	}
	g.Expect(rows).To(HaveLen(len(seen)), "one row per API version")
	g.Expect(compatibilityPage(t)).To(ContainSubstring(fmt.Sprintf("all %d kinds", len(crds))))
}
