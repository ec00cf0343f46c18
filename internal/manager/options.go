// Package manager builds and runs the provider's controller manager from its command-line options.
package manager

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/spf13/pflag"
	logsv1 "k8s.io/component-base/logs/api/v1"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/controllers/crdmigrator"
	"sigs.k8s.io/cluster-api/util/flags"

	"github.com/oracle/cluster-api-provider-oci/internal/feature"
	"github.com/oracle/cluster-api-provider-oci/webhooks"
)

// LeaderElectionID is the Lease name; it is the existing provider's, so an in-place upgrade keeps one leader.
const LeaderElectionID = "controller-leader-elect-capoci"

// Concurrency is the number of objects each controller reconciles at once.
type Concurrency struct {
	OCICluster             int
	OCIMachine             int
	OCIMachinePool         int
	OCIManagedCluster      int
	OCIManagedControlPlane int
	OCIManagedMachinePool  int
	OCIVirtualMachinePool  int
}

// Options are the manager's settings, bound to command-line flags by AddFlags.
type Options struct {
	LeaderElect              bool
	LeaderElectNamespace     string
	LeaderElectLeaseDuration time.Duration
	LeaderElectRenewDeadline time.Duration
	LeaderElectRetryPeriod   time.Duration
	WatchNamespace           string
	WatchFilterValue         string
	ProfilerAddress          string
	SyncPeriod               time.Duration
	KubeAPIQPS               float32
	KubeAPIBurst             int
	WebhookHost              string
	WebhookPort              int
	WebhookCertDir           string
	WebhookCertName          string
	WebhookKeyName           string
	HealthAddr               string
	GracefulShutdownTimeout  time.Duration
	AuthConfigDir            string
	ManagerUser              string
	SkipCRDMigrationPhases   []string
	Concurrency              Concurrency
	OCI                      OCIOptions
	Diagnostics              flags.ManagerOptions
	Logs                     *logsv1.LoggingConfiguration
	// SkipControllerNameValidation lets a second manager run in one process after the first stopped (a test
	// that restarts the manager); not a flag.
	SkipControllerNameValidation bool
}

// NewOptions returns the options with their defaults.
func NewOptions() *Options {
	return &Options{Logs: logsv1.NewLoggingConfiguration()}
}

// AddFlags binds the options, the logging flags and --feature-gates to fs.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	logsv1.AddFlags(o.Logs, fs)
	fs.BoolVar(&o.LeaderElect, "leader-elect", false,
		"Enable leader election (a Lease named "+LeaderElectionID+"), so that only one replica reconciles at a time.")
	fs.StringVar(&o.LeaderElectNamespace, "leader-elect-namespace", "",
		"Namespace of the leader-election Lease; empty uses the namespace the manager runs in.")
	fs.DurationVar(&o.LeaderElectLeaseDuration, "leader-elect-lease-duration", 15*time.Second,
		"How long non-leaders wait before they try to take over leadership.")
	fs.DurationVar(&o.LeaderElectRenewDeadline, "leader-elect-renew-deadline", 10*time.Second,
		"How long the leader retries renewing its lease before it gives up leadership.")
	fs.DurationVar(&o.LeaderElectRetryPeriod, "leader-elect-retry-period", 2*time.Second,
		"How long leader-election clients wait between attempts.")
	fs.StringVar(&o.WatchNamespace, "namespace", "",
		"Namespace to watch; empty watches every namespace.")
	fs.StringVar(&o.WatchFilterValue, "watch-filter", "",
		"Only reconcile objects whose "+clusterv1.WatchLabel+" label has this value; empty reconciles all.")
	fs.StringVar(&o.ProfilerAddress, "profiler-address", "", "Address of the pprof profiler (for example localhost:6060); empty disables it.")
	fs.DurationVar(&o.SyncPeriod, "sync-period", 10*time.Minute, "Minimum interval at which every watched object is reconciled again.")
	fs.Float32Var(&o.KubeAPIQPS, "kube-api-qps", 20, "Queries per second to the management cluster's API server.")
	fs.IntVar(&o.KubeAPIBurst, "kube-api-burst", 30, "Burst of queries to the management cluster's API server.")
	fs.StringVar(&o.WebhookHost, "webhook-host", "", "Address the webhook server listens on; empty listens on all addresses.")
	fs.IntVar(&o.WebhookPort, "webhook-port", 9443, "Port of the webhook server.")
	fs.StringVar(&o.WebhookCertDir, "webhook-cert-dir", "/tmp/k8s-webhook-server/serving-certs/", "Directory of the webhook server's certificate and key.")
	fs.StringVar(&o.WebhookCertName, "webhook-cert-name", "tls.crt", "File name of the webhook server's certificate.")
	fs.StringVar(&o.WebhookKeyName, "webhook-key-name", "tls.key", "File name of the webhook server's key.")
	fs.StringVar(&o.HealthAddr, "health-addr", ":9440", "Address of the healthz and readyz endpoints.")
	fs.DurationVar(&o.GracefulShutdownTimeout, "graceful-shutdown-timeout", 30*time.Second,
		"How long running reconciles may take to finish when the manager stops.")
	fs.StringVar(&o.AuthConfigDir, "auth-config-dir", "/etc/oci",
		"Directory with the default identity's OCI credentials, one file per field: tenancy, user, fingerprint, key, "+
			"passphrase, region, useInstancePrincipal.")
	fs.StringVar(&o.ManagerUser, "manager-username", webhooks.DefaultManagerUser,
		"The manager's own username as the API server sees it: only its requests may replace the OCID of a resource "+
			"the provider created and lost (an Event records each); empty lets no one.")
	fs.StringSliceVar(&o.SkipCRDMigrationPhases, "skip-crd-migration-phases", nil,
		"CRD migration phases to skip: StorageVersionMigration, CleanupManagedFields.")
	c := &o.Concurrency
	fs.IntVar(&c.OCICluster, "ocicluster-concurrency", 5, "Number of OCIClusters reconciled at once.")
	fs.IntVar(&c.OCIMachine, "ocimachine-concurrency", 10, "Number of OCIMachines reconciled at once.")
	fs.IntVar(&c.OCIMachinePool, "ocimachinepool-concurrency", 5, "Number of OCIMachinePools reconciled at once.")
	fs.IntVar(&c.OCIManagedCluster, "ocimanagedcluster-concurrency", 5, "Number of OCIManagedClusters reconciled at once.")
	fs.IntVar(&c.OCIManagedControlPlane, "ocimanagedcontrolplane-concurrency", 5, "Number of OCIManagedControlPlanes reconciled at once.")
	fs.IntVar(&c.OCIManagedMachinePool, "ocimanagedmachinepool-concurrency", 5, "Number of OCIManagedMachinePools reconciled at once.")
	fs.IntVar(&c.OCIVirtualMachinePool, "ocivirtualmachinepool-concurrency", 5, "Number of OCIVirtualMachinePools reconciled at once.")
	o.OCI.addFlags(fs)
	flags.AddManagerOptions(fs, &o.Diagnostics)
	feature.MutableGates.AddFlag(fs)
}

// Validate checks the options; every error names the flag it is about.
func (o *Options) Validate() error {
	var errs []error
	add := func(flag string, value any, reason string) {
		errs = append(errs, fmt.Errorf("invalid value %q for --%s: %s", fmt.Sprint(value), flag, reason))
	}
	if o.WebhookPort < 1 || o.WebhookPort > 65535 {
		add("webhook-port", o.WebhookPort, "must be a port between 1 and 65535")
	}
	for _, a := range [][2]string{
		{"health-addr", o.HealthAddr}, {"diagnostics-address", o.Diagnostics.DiagnosticsAddress}, {"profiler-address", o.ProfilerAddress},
	} {
		if err := validateAddress(a[1]); err != nil {
			add(a[0], a[1], err.Error())
		}
	}
	if o.SyncPeriod <= 0 {
		add("sync-period", o.SyncPeriod, "must be positive")
	}
	if o.KubeAPIQPS <= 0 {
		add("kube-api-qps", o.KubeAPIQPS, "must be positive")
	}
	if o.KubeAPIBurst < 1 {
		add("kube-api-burst", o.KubeAPIBurst, "must be at least 1")
	}
	if o.AuthConfigDir == "" {
		add("auth-config-dir", o.AuthConfigDir, "must name the directory of the OCI credentials")
	}
	errs = append(errs, o.validateLeaderElection()...)
	errs = append(errs, o.validateConcurrency()...)
	errs = append(errs, o.OCI.validate()...)
	for _, p := range o.SkipCRDMigrationPhases {
		if p != string(crdmigrator.StorageVersionMigrationPhase) && p != string(crdmigrator.CleanupManagedFieldsPhase) {
			add("skip-crd-migration-phases", p, "must be StorageVersionMigration or CleanupManagedFields")
		}
	}
	if _, _, err := flags.GetManagerOptions(o.Diagnostics); err != nil {
		errs = append(errs, fmt.Errorf("invalid TLS options (--tls-min-version, --tls-cipher-suites, --tls-curve-preferences): %w", err))
	}
	return errors.Join(errs...)
}

func (o *Options) validateLeaderElection() []error {
	var errs []error
	if o.LeaderElectRetryPeriod <= 0 {
		errs = append(errs, fmt.Errorf("invalid value %q for --leader-elect-retry-period: must be positive", o.LeaderElectRetryPeriod))
	}
	if o.LeaderElectRenewDeadline <= o.LeaderElectRetryPeriod {
		errs = append(errs, fmt.Errorf("invalid value %q for --leader-elect-renew-deadline: must be longer than --leader-elect-retry-period (%s)",
			o.LeaderElectRenewDeadline, o.LeaderElectRetryPeriod))
	}
	if o.LeaderElectLeaseDuration <= o.LeaderElectRenewDeadline {
		errs = append(errs, fmt.Errorf("invalid value %q for --leader-elect-lease-duration: must be longer than --leader-elect-renew-deadline (%s)",
			o.LeaderElectLeaseDuration, o.LeaderElectRenewDeadline))
	}
	return errs
}

func (o *Options) validateConcurrency() []error {
	c := o.Concurrency
	var errs []error
	for _, f := range []struct {
		flag  string
		value int
	}{
		{"ocicluster-concurrency", c.OCICluster},
		{"ocimachine-concurrency", c.OCIMachine},
		{"ocimachinepool-concurrency", c.OCIMachinePool},
		{"ocimanagedcluster-concurrency", c.OCIManagedCluster},
		{"ocimanagedcontrolplane-concurrency", c.OCIManagedControlPlane},
		{"ocimanagedmachinepool-concurrency", c.OCIManagedMachinePool},
		{"ocivirtualmachinepool-concurrency", c.OCIVirtualMachinePool},
	} {
		if f.value < 1 {
			errs = append(errs, fmt.Errorf("invalid value %q for --%s: must be at least 1", strconv.Itoa(f.value), f.flag))
		}
	}
	return errs
}

// validateAddress accepts "" and "0" (disabled) or host:port with a port between 0 and 65535.
func validateAddress(addr string) error {
	if addr == "" || addr == "0" {
		return nil
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("must be host:port, :port, or 0 to disable")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return errors.New("port must be a number between 0 and 65535")
	}
	return nil
}
