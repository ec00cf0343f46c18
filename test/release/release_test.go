// Package release checks the release artifacts: the components YAML that clusterctl installs, metadata.yaml
// and the Dockerfile.
package release

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/version"
	clusterctlv1 "sigs.k8s.io/cluster-api/cmd/clusterctl/api/v1alpha3"
	utilyaml "sigs.k8s.io/cluster-api/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const (
	providerNamespace = "cluster-api-provider-oci-system"
	providerLabel     = "cluster.x-k8s.io/provider"
	certManagerModule = "github.com/cert-manager/cert-manager"
	// certManagerVersion is the cert-manager whose CRDs the dry run installs (from its Go module).
	certManagerVersion = "v1.21.2"
)

// tool returns the path of a pinned tool the Makefile passes in the environment, or finds it in hack/tools/bin.
func tool(t *testing.T, env, prefix string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		return p
	}
	matches, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(), "hack", "tools", "bin", prefix+"-v*"))
	if len(matches) == 0 {
		t.Fatalf("%s not found: run `make %s` (or set %s)", prefix, prefix, env)
	}
	return matches[len(matches)-1]
}

// renderComponents renders config/default as `make release-manifests` does.
func renderComponents(t *testing.T) []byte {
	t.Helper()
	cmd := exec.Command(tool(t, "KUSTOMIZE", "kustomize"), "build", filepath.Join(testenv.RepoRoot(), "config", "default"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kustomize build config/default: %v: %s", err, stderr.String())
	}
	return out
}

// variables are the values a user exports before `clusterctl init`, already base64-encoded where required.
func variables(t *testing.T) map[string]string {
	t.Helper()
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	creds, err := testenv.WriteCredentials(t.TempDir(), "ocid1.tenancy.oc1..aaaarelease", "ocid1.user.oc1..aaaarelease", "us-phoenix-1")
	if err != nil {
		t.Fatal(err)
	}
	key, err := os.ReadFile(filepath.Join(creds.Dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"OCI_TENANCY_ID_B64":              b64(creds.TenancyID),
		"OCI_USER_ID_B64":                 b64(creds.UserID),
		"OCI_CREDENTIALS_FINGERPRINT_B64": b64(creds.Fingerprint),
		"OCI_CREDENTIALS_KEY_B64":         b64(string(key)),
		"OCI_REGION_B64":                  b64(creds.Region),
	}
}

func objects(t *testing.T, yaml []byte) []unstructured.Unstructured {
	t.Helper()
	objs, err := utilyaml.ToUnstructured(yaml)
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// certManagerCRDs returns the directory of cert-manager's CRDs in its Go module, downloading the module
// through the Go module proxy when it is not in the module cache yet.
func certManagerCRDs(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", certManagerModule+"@"+certManagerVersion).Output()
	if err != nil {
		t.Fatalf("go mod download %s@%s: %v", certManagerModule, certManagerVersion, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(mod.Dir, "deploy", "crds")
}

func TestComponentsFollowTheClusterctlContract(t *testing.T) {
	g := NewWithT(t)
	objs := objects(t, renderComponents(t))
	g.Expect(objs).NotTo(BeEmpty())

	var namespaces, deployments []unstructured.Unstructured
	for _, o := range objs {
		g.Expect(o.GetLabels()).To(HaveKeyWithValue(providerLabel, "infrastructure-oci"), "%s %s", o.GetKind(), o.GetName())
		switch o.GetKind() {
		case "Namespace":
			namespaces = append(namespaces, o)
		case "Deployment":
			deployments = append(deployments, o)
		}
		if o.GetNamespace() != "" {
			g.Expect(o.GetNamespace()).To(Equal(providerNamespace), "%s %s", o.GetKind(), o.GetName())
		}
		if o.GetKind() != "Namespace" && o.GetKind() != "CustomResourceDefinition" {
			g.Expect(o.GetName()).To(HavePrefix("capoci-"), "%s %s", o.GetKind(), o.GetName())
		}
	}
	g.Expect(namespaces).To(HaveLen(1))
	g.Expect(namespaces[0].GetName()).To(Equal(providerNamespace))
	g.Expect(deployments).To(HaveLen(1))
	checkManagerDeployment(g, deployments[0])
}

func checkManagerDeployment(g Gomega, d unstructured.Unstructured) {
	g.Expect(d.GetName()).To(Equal("capoci-controller-manager"))
	pod, _, _ := unstructured.NestedMap(d.Object, "spec", "template", "spec")
	containers, _, _ := unstructured.NestedSlice(pod, "containers")
	g.Expect(containers).To(HaveLen(1))
	c, ok := containers[0].(map[string]any)
	g.Expect(ok).To(BeTrue())
	g.Expect(c["name"]).To(Equal("manager"))
	g.Expect(c["args"]).To(ContainElement("--leader-elect"))

	sc, _, _ := unstructured.NestedMap(c, "securityContext")
	g.Expect(sc).To(HaveKeyWithValue("runAsNonRoot", true))
	g.Expect(sc).To(HaveKeyWithValue("readOnlyRootFilesystem", true))
	g.Expect(sc).To(HaveKeyWithValue("allowPrivilegeEscalation", false))
	drop, _, _ := unstructured.NestedStringSlice(sc, "capabilities", "drop")
	g.Expect(drop).To(Equal([]string{"ALL"}))

	for _, kind := range []string{"requests", "limits"} {
		r, _, _ := unstructured.NestedStringMap(c, "resources", kind)
		g.Expect(r).To(HaveKey("cpu"), kind)
		g.Expect(r).To(HaveKey("memory"), kind)
	}
	volumes, _, _ := unstructured.NestedSlice(pod, "volumes")
	var secrets []string
	for _, v := range volumes {
		if name, ok, _ := unstructured.NestedString(v.(map[string]any), "secret", "secretName"); ok {
			secrets = append(secrets, name)
		}
	}
	g.Expect(secrets).To(ConsistOf("capoci-auth-config", "capoci-webhook-service-cert"))
}

func TestComponentsVariables(t *testing.T) {
	g := NewWithT(t)
	raw := string(renderComponents(t))
	for _, v := range []string{
		"OCI_TENANCY_ID_B64", "OCI_USER_ID_B64", "OCI_CREDENTIALS_FINGERPRINT_B64", "OCI_CREDENTIALS_KEY_B64",
		"OCI_CREDENTIALS_PASSPHRASE_B64", "OCI_REGION_B64", "USE_INSTANCE_PRINCIPAL_B64", "EXP_MACHINE_POOL", "EXP_OKE",
	} {
		g.Expect(raw).To(ContainSubstring("${"+v), v)
	}
}

func TestMetadataDeclaresTheContracts(t *testing.T) {
	g := NewWithT(t)
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "metadata.yaml"))
	g.Expect(err).NotTo(HaveOccurred())
	md := &clusterctlv1.Metadata{}
	g.Expect(yaml.UnmarshalStrict(b, md)).To(Succeed())
	g.Expect(md.APIVersion).To(Equal(clusterctlv1.GroupVersion.String()))
	g.Expect(md.Kind).To(Equal("Metadata"))
	g.Expect(md.ReleaseSeries).To(HaveLen(26))
	for minor := int32(1); minor <= 25; minor++ {
		rs := md.GetReleaseSeriesForVersion(semver(0, minor))
		g.Expect(rs).NotTo(BeNil(), fmt.Sprintf("0.%d", minor))
		g.Expect(rs.Contract).To(Equal("v1beta1"), fmt.Sprintf("0.%d", minor))
	}
	rs := md.GetReleaseSeriesForVersion(semver(0, 26))
	g.Expect(rs).NotTo(BeNil())
	g.Expect(rs.Contract).To(Equal("v1beta2"))
}

func semver(major, minor int32) *version.Version {
	return version.MustParseSemantic(fmt.Sprintf("v%d.%d.0", major, minor))
}
