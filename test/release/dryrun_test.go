package release

import (
	"os"
	"sync"
	"testing"

	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/cluster-api/cmd/clusterctl/client/yamlprocessor"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

var (
	envOnce   sync.Once
	env       *testenv.Environment
	envClient client.Client
	errEnv    error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if env != nil {
		_ = env.Stop()
	}
	os.Exit(code)
}

// apiServer starts, once for the package, an API server with cert-manager's CRDs and the provider's namespace.
func apiServer(t *testing.T) client.Client {
	t.Helper()
	envOnce.Do(func() {
		env, errEnv = testenv.Start(testenv.Options{CRDDirs: []string{certManagerCRDs(t)}})
		if errEnv != nil {
			return
		}
		scheme := runtime.NewScheme()
		if errEnv = clientgoscheme.AddToScheme(scheme); errEnv != nil {
			return
		}
		if envClient, errEnv = client.New(env.Config, client.Options{Scheme: scheme}); errEnv != nil {
			return
		}
		errEnv = envClient.Create(t.Context(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: providerNamespace}})
	})
	if errEnv != nil {
		t.Fatal(errEnv)
	}
	return envClient
}

// TestComponentsAreAcceptedByTheAPIServer substitutes the variables as clusterctl does, creates the provider's
// namespace, and applies every object server-side in dry-run mode against a real API server on which
// cert-manager's CRDs are installed.
func TestComponentsAreAcceptedByTheAPIServer(t *testing.T) {
	g := NewWithT(t)
	raw := renderComponents(t)
	vars := variables(t)
	processed, err := yamlprocessor.NewSimpleProcessor().Process(raw, func(name string) (string, error) {
		return vars[name], nil
	})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(string(processed)).NotTo(ContainSubstring("${"))

	c := apiServer(t)

	objs := objects(t, processed)
	for i := range objs {
		o := &objs[i]
		err := c.Patch(t.Context(), o, client.Apply, client.DryRunAll, client.FieldOwner("release-test"), client.ForceOwnership) //nolint:staticcheck // Unstructured apply.
		g.Expect(err).NotTo(HaveOccurred(), "%s %s", o.GetKind(), o.GetName())
	}

	// A dry run stores nothing.
	secrets := &corev1.SecretList{}
	g.Expect(c.List(t.Context(), secrets, client.InNamespace(providerNamespace))).To(Succeed())
	g.Expect(secrets.Items).To(BeEmpty())
}

// TestDryRunRejectsABrokenObject shows the dry run catches what the API server refuses.
func TestDryRunRejectsABrokenObject(t *testing.T) {
	g := NewWithT(t)
	vars := variables(t)
	vars["OCI_REGION_B64"] = "not base64!"
	processed, err := yamlprocessor.NewSimpleProcessor().Process(renderComponents(t), func(name string) (string, error) {
		return vars[name], nil
	})
	g.Expect(err).NotTo(HaveOccurred())
	c := apiServer(t)
	for _, o := range objects(t, processed) {
		if o.GetKind() != "Secret" {
			continue
		}
		err := c.Patch(t.Context(), &o, client.Apply, client.DryRunAll, client.FieldOwner("release-test")) //nolint:staticcheck // Unstructured apply.
		g.Expect(err).To(MatchError(ContainSubstring("illegal base64")))
		return
	}
	t.Fatal("no Secret in the components")
}
