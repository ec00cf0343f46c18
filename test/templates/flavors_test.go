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

package templates_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "sigs.k8s.io/cluster-api/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// infraGroup is the provider's API group: its kinds are round-tripped through every version.
const infraGroup = "infrastructure.cluster.x-k8s.io"

// flavorVariables is testdata/flavor-variables.yaml: the documented variable set of every flavor.
type flavorVariables struct {
	Common  map[string]string            `json:"common"`
	Flavors map[string]map[string]string `json:"flavors"`
}

// variablesOf returns the variables a flavor is rendered with, in namespace.
func variablesOf(t *testing.T, flavor, namespace string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "flavor-variables.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var fv flavorVariables
	if err := yaml.UnmarshalStrict(raw, &fv); err != nil {
		t.Fatalf("testdata/flavor-variables.yaml: %v", err)
	}
	vars := map[string]string{"NAMESPACE": namespace, "OCI_SSH_KEY": sshPublicKey(t)}
	for k, v := range fv.Common {
		if _, set := vars[k]; !set {
			vars[k] = v
		}
	}
	for k, v := range fv.Flavors[flavor] {
		vars[k] = v
	}
	return vars
}

// templateFiles returns the flavors' templates: templates/cluster-template*.yaml and templates/clusterclass-*.yaml.
func templateFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"cluster-template*.yaml", "clusterclass-*.yaml"} {
		m, err := filepath.Glob(filepath.Join(testenv.RepoRoot(), "templates", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

// flavorOf returns the flavor name of a template file (default for cluster-template.yaml).
func flavorOf(file string) string {
	name := strings.TrimSuffix(filepath.Base(file), ".yaml")
	switch {
	case name == "cluster-template":
		return "default"
	case strings.HasPrefix(name, "cluster-template-"):
		return strings.TrimPrefix(name, "cluster-template-")
	default:
		return name
	}
}

// clusterctl runs the pinned clusterctl offline with vars in its environment and returns its standard output.
func clusterctl(t *testing.T, vars map[string]string, args ...string) []byte {
	t.Helper()
	bin := os.Getenv("CLUSTERCTL")
	if bin == "" {
		m, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(), "hack", "tools", "bin", "clusterctl-v*"))
		if len(m) == 0 {
			t.Fatal("clusterctl not found: run `make clusterctl` (or set CLUSTERCTL)")
		}
		bin = m[len(m)-1]
	}
	cmd := exec.CommandContext(t.Context(), bin, args...)
	home := t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CONFIG_HOME=" + home,
		"GOPROXY=off", "CLUSTERCTL_DISABLE_VERSIONCHECK=true"}
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("clusterctl %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// listedVariables are the variables `clusterctl generate cluster --list-variables` names.
var listedVariables = regexp.MustCompile(`(?m)^\s+-?\s*([A-Z][A-Z0-9_]+)`)

// documentedVariables returns the variables the book's template reference names (as `VARIABLE`).
func documentedVariables(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "docs", "book", "src", "reference", "templates.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range regexp.MustCompile("`([A-Z][A-Z0-9_]+)`").FindAllStringSubmatch(string(raw), -1) {
		out[m[1]] = true
	}
	return out
}

// TestEveryFlavor renders every flavor with the real clusterctl (offline) and its documented variable set, checks
// that the book documents each of its variables, creates its objects with strict field validation and the
// provider's webhooks against the API server, round-trips the provider's objects through v1beta1 and v1beta2 and
// back without a change, and checks what the flavor is for.
func TestEveryFlavor(t *testing.T) {
	files := templateFiles(t)
	documented := documentedVariables(t)
	var flavors []string
	for _, file := range files {
		flavors = append(flavors, flavorOf(file))
	}
	for flavor := range flavorChecks {
		if !slices.Contains(flavors, flavor) {
			t.Errorf("flavor %s is checked but has no template", flavor)
		}
	}
	for _, file := range files {
		flavor := flavorOf(file)
		t.Run(flavor, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			vars := variablesOf(t, flavor, namespace(t))
			args := []string{"generate", "cluster", cn, "--from", file, "--target-namespace", vars["NAMESPACE"],
				"--kubernetes-version", vars["KUBERNETES_VERSION"], "--control-plane-machine-count", vars["CONTROL_PLANE_MACHINE_COUNT"],
				"--worker-machine-count", vars["WORKER_MACHINE_COUNT"]}
			listed := clusterctl(t, vars, append(args, "--list-variables")...)
			var undocumented []string
			for _, m := range listedVariables.FindAllStringSubmatch(string(listed), -1) {
				if !documented[m[1]] {
					undocumented = append(undocumented, m[1])
				}
			}
			if len(undocumented) > 0 {
				t.Errorf("%s takes %v, which docs/book/src/reference/templates.md does not document", flavor, undocumented)
			}
			out := clusterctl(t, vars, args...)
			objs, err := utilyaml.ToUnstructured(out)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(objs).NotTo(BeEmpty())
			created := map[string]*unstructured.Unstructured{}
			for i := range objs {
				o := &objs[i]
				if o.GetNamespace() == "" {
					o.SetNamespace(vars["NAMESPACE"])
				}
				g.Expect(k8s.Create(t.Context(), o, client.FieldValidation("Strict"))).To(Succeed(), "%s %s %s", flavor, o.GetKind(), o.GetName())
				created[o.GetKind()+"/"+o.GetName()] = o
				if o.GroupVersionKind().Group == infraGroup {
					roundTrip(t, g, o)
				}
			}
			check, ok := flavorChecks[flavor]
			g.Expect(ok).To(BeTrue(), "flavor %s has no check in flavorChecks", flavor)
			check(g, vars, created)
		})
	}
}

// pruned returns v without its empty objects: the hub's optional structs come back from an older version as
// empty objects ({}), which mean what an absent field means.
func pruned(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		if l, ok := v.([]any); ok {
			out := make([]any, len(l))
			for i := range l {
				out[i] = pruned(l[i])
			}
			return out
		}
		return v
	}
	out := map[string]any{}
	for k, c := range m {
		if p := pruned(c); !isEmptyObject(p) {
			out[k] = p
		}
	}
	return out
}

func isEmptyObject(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}

// roundTrip reads a provider object as v1beta2 and then as v1beta1, writes each back unchanged, and expects the
// stored v1beta3 object's spec to be the one created, but for the fields v1beta1's schema defaults (a v1beta1 write
// fills them in, as it did with the earlier provider).
func roundTrip(t *testing.T, g Gomega, o *unstructured.Unstructured) {
	t.Helper()
	want := canonicalSpec(t, o)
	for _, version := range []string{"v1beta2", "v1beta1"} {
		old := &unstructured.Unstructured{}
		old.SetGroupVersionKind(schema.GroupVersionKind{Group: infraGroup, Version: version, Kind: o.GetKind()})
		g.Expect(k8s.Get(t.Context(), client.ObjectKeyFromObject(o), old)).To(Succeed(), "%s %s as %s", o.GetKind(), o.GetName(), version)
		g.Expect(k8s.Update(t.Context(), old)).To(Succeed(), "%s %s written back as %s", o.GetKind(), o.GetName(), version)
		hub := &unstructured.Unstructured{}
		hub.SetGroupVersionKind(o.GroupVersionKind())
		g.Expect(k8s.Get(t.Context(), client.ObjectKeyFromObject(o), hub)).To(Succeed())
		got := canonicalSpec(t, hub)
		if version == "v1beta1" {
			got = withoutAddedDefaults(got, want, "spec", v1beta1Defaults(t, o.GetKind()))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %s changed on its way through %s (-created +read back):\n%s", o.GetKind(), o.GetName(), version, diff)
		}
	}
}
