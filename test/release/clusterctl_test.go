package release

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const releaseVersion = "v0.26.0"

// localRepository lays out a clusterctl file:// repository with the rendered components and metadata.yaml,
// and returns the path of a clusterctl configuration that points the oci provider at it.
func localRepository(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "infrastructure-oci", releaseVersion)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	metadata, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "metadata.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"infrastructure-components.yaml": renderComponents(t),
		"metadata.yaml":                  metadata,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	config := fmt.Sprintf(`providers:
- name: oci
  type: InfrastructureProvider
  url: file://%s/infrastructure-components.yaml
`, dir)
	path := filepath.Join(root, "clusterctl.yaml")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestClusterctlGenerateProvider runs the real clusterctl (built through hack/tools/clusterctl), offline, against
// a local file:// repository.
func TestClusterctlGenerateProvider(t *testing.T) {
	g := NewWithT(t)
	config := localRepository(t)
	cmd := exec.Command(tool(t, "CLUSTERCTL", "clusterctl"), "generate", "provider",
		"--infrastructure", "oci:"+releaseVersion, "--config", config)
	cmd.Env = append(os.Environ(), "GOPROXY=off", "CLUSTERCTL_DISABLE_VERSIONCHECK=true", "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	for k, v := range variables(t) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	g.Expect(cmd.Run()).To(Succeed(), stderr.String())

	objs := objects(t, stdout.Bytes())
	kinds := map[string]int{}
	for _, o := range objs {
		kinds[o.GetKind()]++
		if o.GetNamespace() != "" {
			g.Expect(o.GetNamespace()).To(Equal(providerNamespace))
		}
	}
	g.Expect(kinds).To(HaveKeyWithValue("Namespace", 1))
	g.Expect(kinds).To(HaveKeyWithValue("Deployment", 1))
	g.Expect(kinds["CustomResourceDefinition"]).To(Equal(14))
	g.Expect(stdout.String()).NotTo(ContainSubstring("${"))

	// clusterctl lists the variables it substituted; the credentials are among them.
	list := exec.Command(tool(t, "CLUSTERCTL", "clusterctl"), "generate", "provider",
		"--infrastructure", "oci:"+releaseVersion, "--config", config, "--describe")
	list.Env = append(os.Environ(), "GOPROXY=off", "CLUSTERCTL_DISABLE_VERSIONCHECK=true", "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	out, err := list.CombinedOutput()
	g.Expect(err).NotTo(HaveOccurred(), string(out))
	g.Expect(string(out)).To(ContainSubstring("OCI_TENANCY_ID_B64"))
	g.Expect(string(out)).To(ContainSubstring(releaseVersion))
}
