package manager

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	authenticationv1 "k8s.io/api/authentication/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

var env *testenv.Environment

func TestMain(m *testing.M) {
	ctrl.SetLogger(zap.New(zap.WriteTo(io.Discard)))
	var err error
	env, err = testenv.Start(testenv.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if err := env.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}

// freeAddr returns a loopback address with a port the kernel picked.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func testOptions(t *testing.T) *Options {
	t.Helper()
	o, err := parse(t,
		"--health-addr="+freeAddr(t),
		"--diagnostics-address="+freeAddr(t),
		"--webhook-host=127.0.0.1",
		"--webhook-port="+strconv.Itoa(env.WebhookInstallOptions.LocalServingPort),
		"--webhook-cert-dir="+env.WebhookInstallOptions.LocalServingCertDir,
		"--leader-elect",
		"--leader-elect-namespace=default",
		"--graceful-shutdown-timeout=5s",
	)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := testenv.WriteCredentials(t.TempDir(), "ocid1.tenancy.oc1..aaaatest", "ocid1.user.oc1..aaaatest", "us-ashburn-1")
	if err != nil {
		t.Fatal(err)
	}
	o.AuthConfigDir = creds.Dir
	return o
}

func TestManagerServesProbesAndAuthenticatedMetrics(t *testing.T) {
	g := NewWithT(t)
	o := testOptions(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, env.Config, o) }()

	plain := &http.Client{Timeout: 5 * time.Second}
	for _, path := range []string{"/healthz", "/readyz"} {
		g.Eventually(func(g Gomega) int {
			select {
			case err := <-done:
				StopTrying(fmt.Sprintf("the manager stopped: %v", err)).Now()
			default:
			}
			code, err := status(plain, "http://"+o.HealthAddr+path, "")
			g.Expect(err).NotTo(HaveOccurred())
			return code
		}, 30*time.Second, 100*time.Millisecond).Should(Equal(http.StatusOK), path)
	}

	// Metrics are served over TLS behind controller-runtime's authentication and authorization filter.
	insecure := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // The test server's certificate is self-signed.
	}}
	metricsURL := "https://" + o.Diagnostics.DiagnosticsAddress + "/metrics"
	g.Eventually(func() (int, error) { return status(insecure, metricsURL, "") }, 30*time.Second, 100*time.Millisecond).
		Should(Equal(http.StatusUnauthorized))

	cs := kubernetes.NewForConfigOrDie(env.Config)
	allowed := serviceAccountToken(ctx, t, cs, "metrics-reader", true)
	denied := serviceAccountToken(ctx, t, cs, "nobody", false)
	g.Expect(status(insecure, metricsURL, denied)).To(Equal(http.StatusForbidden))
	g.Expect(status(insecure, metricsURL, allowed)).To(Equal(http.StatusOK))
	body := get(g, insecure, metricsURL, allowed)
	g.Expect(body).To(ContainSubstring("controller_runtime_"))

	// The leader-election Lease keeps the existing provider's name, so an in-place upgrade keeps one leader.
	g.Eventually(func() error {
		_, err := cs.CoordinationV1().Leases("default").Get(ctx, LeaderElectionID, metav1.GetOptions{})
		return err
	}, 30*time.Second, 100*time.Millisecond).Should(Succeed())

	// Graceful shutdown: Run returns without an error once the context ends, and releases the Lease.
	cancel()
	g.Eventually(done, 20*time.Second).Should(Receive(BeNil()))
	lease, err := cs.CoordinationV1().Leases("default").Get(t.Context(), LeaderElectionID, metav1.GetOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(holder(lease)).To(BeEmpty())
}

func TestRunFailsOnBadCredentials(t *testing.T) {
	g := NewWithT(t)
	o := testOptions(t)
	g.Expect(os.Remove(o.AuthConfigDir + "/region")).To(Succeed())
	err := Run(t.Context(), env.Config, o)
	g.Expect(err).To(MatchError(fmt.Sprintf(`OCI credentials: %s/region (field "region"): is required but the file is missing or empty`, o.AuthConfigDir)))
}

func TestRunFailsOnBadOptions(t *testing.T) {
	g := NewWithT(t)
	o := testOptions(t)
	o.WebhookPort = 0
	g.Expect(Run(t.Context(), env.Config, o)).To(MatchError(`invalid value "0" for --webhook-port: must be a port between 1 and 65535`))
}

func holder(l *coordinationv1.Lease) string {
	if l.Spec.HolderIdentity == nil {
		return ""
	}
	return *l.Spec.HolderIdentity
}

// serviceAccountToken creates a ServiceAccount, allowed to read /metrics or not, and returns a token for it.
func serviceAccountToken(ctx context.Context, t *testing.T, cs kubernetes.Interface, name string, allow bool) string {
	t.Helper()
	g := NewWithT(t)
	_, err := cs.CoreV1().ServiceAccounts("default").Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	if allow {
		_, err = cs.RbacV1().ClusterRoles().Create(ctx, &rbacv1.ClusterRole{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Rules:      []rbacv1.PolicyRule{{NonResourceURLs: []string{"/metrics"}, Verbs: []string{"get"}}},
		}, metav1.CreateOptions{})
		g.Expect(err).NotTo(HaveOccurred())
		_, err = cs.RbacV1().ClusterRoleBindings().Create(ctx, &rbacv1.ClusterRoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: name},
			RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: name},
			Subjects:   []rbacv1.Subject{{Kind: rbacv1.ServiceAccountKind, Name: name, Namespace: "default"}},
		}, metav1.CreateOptions{})
		g.Expect(err).NotTo(HaveOccurred())
	}
	tr, err := cs.CoreV1().ServiceAccounts("default").CreateToken(ctx, name, &authenticationv1.TokenRequest{}, metav1.CreateOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	return tr.Status.Token
}

func status(c *http.Client, url, token string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

func get(g Gomega, c *http.Client, url, token string) string {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	g.Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	g.Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	g.Expect(err).NotTo(HaveOccurred())
	return string(b)
}
