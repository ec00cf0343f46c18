package manager

import (
	"strings"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/spf13/pflag"

	"github.com/oracle/cluster-api-provider-oci/internal/feature"
)

func parse(t *testing.T, args ...string) (*Options, error) {
	t.Helper()
	o := NewOptions()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	fs.SetOutput(&strings.Builder{})
	o.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	err := o.Validate()
	return o, err
}

func TestOptionsDefaultsAreValid(t *testing.T) {
	g := NewWithT(t)
	o, err := parse(t)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(o.AuthConfigDir).To(Equal("/etc/oci"))
	g.Expect(o.WebhookPort).To(Equal(9443))
	g.Expect(o.HealthAddr).To(Equal(":9440"))
	g.Expect(o.Diagnostics.DiagnosticsAddress).To(Equal(":8443"))
	g.Expect(o.Diagnostics.InsecureDiagnostics).To(BeFalse())
	g.Expect(o.Concurrency.OCIMachine).To(Equal(10))
	g.Expect(o.OCI).To(Equal(OCIOptions{RateLimit: 10, RateBurst: 20, DriftInterval: 10 * time.Minute, OKETokenRefresh: 2 * time.Minute}))
	g.Expect(o.Logs.Format).To(Equal("text"))
}

func TestOptionsGood(t *testing.T) {
	g := NewWithT(t)
	o, err := parse(t,
		"--leader-elect", "--namespace=team-a", "--watch-filter=blue", "--sync-period=5m",
		"--kube-api-qps=50", "--kube-api-burst=100", "--webhook-port=10443", "--health-addr=127.0.0.1:0",
		"--diagnostics-address=0", "--ocimachine-concurrency=3", "--skip-crd-migration-phases=CleanupManagedFields",
		"--logging-format=json", "--v=4", "--auth-config-dir=/var/run/oci", "--tls-min-version=VersionTLS13",
	)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(o.LeaderElect).To(BeTrue())
	g.Expect(o.WatchNamespace).To(Equal("team-a"))
	g.Expect(o.KubeAPIQPS).To(BeEquivalentTo(50))
	g.Expect(o.Concurrency.OCIMachine).To(Equal(3))
	g.Expect(o.Logs.Format).To(Equal("json"))
	g.Expect(int(o.Logs.Verbosity)).To(Equal(4))
}

func TestOptionsFeatureGates(t *testing.T) {
	g := NewWithT(t)
	// On by default, as the earlier provider ships them.
	g.Expect(feature.Gates.Enabled(feature.MachinePool)).To(BeTrue())
	g.Expect(feature.Gates.Enabled(feature.OKE)).To(BeTrue())
	_, err := parse(t, "--feature-gates=MachinePool=false,OKE=false")
	g.Expect(err).NotTo(HaveOccurred())
	t.Cleanup(func() { _ = feature.MutableGates.SetFromMap(map[string]bool{"MachinePool": true, "OKE": true}) })
	g.Expect(feature.Gates.Enabled(feature.MachinePool)).To(BeFalse())
	g.Expect(feature.Gates.Enabled(feature.OKE)).To(BeFalse())

	_, err = parse(t, "--feature-gates=Karpenter=true")
	g.Expect(err).To(MatchError(`invalid argument "Karpenter=true" for "--feature-gates" flag: unrecognized feature gate: Karpenter`))
}

func TestOptionsBad(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--webhook-port=0"}, `invalid value "0" for --webhook-port: must be a port between 1 and 65535`},
		{[]string{"--webhook-port=70000"}, `invalid value "70000" for --webhook-port: must be a port between 1 and 65535`},
		{[]string{"--health-addr=localhost"}, `invalid value "localhost" for --health-addr: must be host:port, :port, or 0 to disable`},
		{[]string{"--diagnostics-address=:http"}, `invalid value ":http" for --diagnostics-address: port must be a number between 0 and 65535`},
		{[]string{"--sync-period=0s"}, `invalid value "0s" for --sync-period: must be positive`},
		{[]string{"--kube-api-qps=0"}, `invalid value "0" for --kube-api-qps: must be positive`},
		{[]string{"--kube-api-burst=0"}, `invalid value "0" for --kube-api-burst: must be at least 1`},
		{[]string{"--auth-config-dir="}, `invalid value "" for --auth-config-dir: must name the directory of the OCI credentials`},
		{[]string{"--ocicluster-concurrency=0"}, `invalid value "0" for --ocicluster-concurrency: must be at least 1`},
		{[]string{"--ocivirtualmachinepool-concurrency=-1"}, `invalid value "-1" for --ocivirtualmachinepool-concurrency: must be at least 1`},
		{[]string{"--oci-rate-limit=-1"}, `invalid value "-1" for --oci-rate-limit: must be 0 (off) or positive`},
		{[]string{"--oci-rate-burst=0"}, `invalid value "0" for --oci-rate-burst: must be at least 1`},
		{[]string{"--oci-drift-interval=10s"}, `invalid value "10s" for --oci-drift-interval: must be at least 1m`},
		{[]string{"--oke-token-refresh=0s"}, `invalid value "0s" for --oke-token-refresh: must be at least 1s`},
		{
			[]string{"--skip-crd-migration-phases=Everything"},
			`invalid value "Everything" for --skip-crd-migration-phases: must be StorageVersionMigration or CleanupManagedFields`,
		},
		{
			[]string{"--leader-elect-renew-deadline=20s"},
			`invalid value "15s" for --leader-elect-lease-duration: must be longer than --leader-elect-renew-deadline (20s)`,
		},
		{
			[]string{"--leader-elect-retry-period=10s"},
			`invalid value "10s" for --leader-elect-renew-deadline: must be longer than --leader-elect-retry-period (10s)`,
		},
		{[]string{"--leader-elect-retry-period=0s"}, `invalid value "0s" for --leader-elect-retry-period: must be positive`},
		{
			[]string{"--tls-min-version=VersionSSL3"},
			`invalid TLS options (--tls-min-version, --tls-cipher-suites, --tls-curve-preferences): unknown tls version "VersionSSL3"`,
		},
		{[]string{"--webhook-port=abc"}, `invalid argument "abc" for "--webhook-port" flag: strconv.ParseInt: parsing "abc": invalid syntax`},
		{[]string{"--no-such-flag"}, `unknown flag: --no-such-flag`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			g := NewWithT(t)
			_, err := parse(t, tt.args...)
			g.Expect(err).To(MatchError(tt.want))
		})
	}
}

func TestOptionsReportEveryError(t *testing.T) {
	g := NewWithT(t)
	_, err := parse(t, "--webhook-port=0", "--kube-api-burst=0")
	g.Expect(err).To(MatchError(ContainSubstring("--webhook-port")))
	g.Expect(err).To(MatchError(ContainSubstring("--kube-api-burst")))
}
