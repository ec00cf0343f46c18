package manager

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
	"k8s.io/klog/v2"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/apiwarnings"
	"sigs.k8s.io/cluster-api/util/flags"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	ctrlmetrics "sigs.k8s.io/controller-runtime/pkg/metrics"
	"sigs.k8s.io/controller-runtime/pkg/webhook"

	infrav1beta1 "github.com/oracle/cluster-api-provider-oci/api/v1beta1"
	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/credentials"
	infrav1beta1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta1"
	infrav1beta2exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta2"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/internal/version"
)

// ControllerName is the manager's name in user agents and field managers.
const ControllerName = "cluster-api-oci-controller"

// NewScheme returns a scheme with every API group the manager reads or writes, and every version of ours: the
// conversion webhook decodes objects of any version the API server sends.
func NewScheme() (*runtime.Scheme, error) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		clientgoscheme.AddToScheme,
		apiextensionsv1.AddToScheme,
		clusterv1.AddToScheme,
		infrav1beta1.AddToScheme,
		infrav1beta2.AddToScheme,
		infrav1.AddToScheme,
		infrav1beta1exp.AddToScheme,
		infrav1beta2exp.AddToScheme,
		infrav1exp.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			return nil, fmt.Errorf("building the scheme: %w", err)
		}
	}
	return scheme, nil
}

// Deps is what controllers and webhooks get from the manager's start-up.
type Deps struct {
	Options     *Options
	Credentials *credentials.Credentials
	// Cloud is what the controllers call OCI with.
	Cloud *Cloud
}

// New builds a controller manager from validated options.
func New(restConfig *rest.Config, o *Options) (ctrl.Manager, error) {
	scheme, err := NewScheme()
	if err != nil {
		return nil, err
	}
	tlsOptions, metricsOptions, err := flags.GetManagerOptions(o.Diagnostics)
	if err != nil {
		return nil, fmt.Errorf("reading TLS and diagnostics options: %w", err)
	}
	cfg := rest.CopyConfig(restConfig)
	cfg.QPS, cfg.Burst = o.KubeAPIQPS, o.KubeAPIBurst
	cfg.UserAgent = ControllerName + "/" + version.Get().GitVersion
	cfg.WarningHandler = apiwarnings.DefaultHandler(klog.Background().WithName("API server warning"))

	cacheOptions := cache.Options{SyncPeriod: &o.SyncPeriod}
	if o.WatchNamespace != "" {
		cacheOptions.DefaultNamespaces = map[string]cache.Config{o.WatchNamespace: {}}
	}
	shutdown := o.GracefulShutdownTimeout
	mgr, err := ctrl.NewManager(cfg, ctrl.Options{
		Scheme:                        scheme,
		LeaderElection:                o.LeaderElect,
		LeaderElectionID:              LeaderElectionID,
		LeaderElectionNamespace:       o.LeaderElectNamespace,
		LeaderElectionResourceLock:    resourcelock.LeasesResourceLock,
		LeaseDuration:                 &o.LeaderElectLeaseDuration,
		RenewDeadline:                 &o.LeaderElectRenewDeadline,
		RetryPeriod:                   &o.LeaderElectRetryPeriod,
		LeaderElectionReleaseOnCancel: true,
		GracefulShutdownTimeout:       &shutdown,
		HealthProbeBindAddress:        o.HealthAddr,
		PprofBindAddress:              o.ProfilerAddress,
		Metrics:                       *metricsOptions,
		Cache:                         cacheOptions,
		Controller:                    config.Controller{SkipNameValidation: ptr.To(o.SkipControllerNameValidation)},
		Client: client.Options{Cache: &client.CacheOptions{
			// Secrets and ConfigMaps are read directly: caching every Secret of the cluster costs memory.
			DisableFor: []client.Object{&corev1.Secret{}, &corev1.ConfigMap{}},
		}},
		WebhookServer: webhook.NewServer(webhook.Options{
			Host:     o.WebhookHost,
			Port:     o.WebhookPort,
			CertDir:  o.WebhookCertDir,
			CertName: o.WebhookCertName,
			KeyName:  o.WebhookKeyName,
			TLSOpts:  tlsOptions,
		}),
	})
	if err != nil {
		return nil, fmt.Errorf("creating the controller manager: %w", err)
	}
	if err := addChecks(mgr); err != nil {
		return nil, err
	}
	return mgr, nil
}

func addChecks(mgr ctrl.Manager) error {
	checks := map[string]healthz.Checker{
		"ping":    healthz.Ping,
		"webhook": mgr.GetWebhookServer().StartedChecker(),
	}
	for _, name := range []string{"ping", "webhook"} {
		if err := mgr.AddHealthzCheck(name, checks[name]); err != nil {
			return fmt.Errorf("adding the %s health check: %w", name, err)
		}
		if err := mgr.AddReadyzCheck(name, checks[name]); err != nil {
			return fmt.Errorf("adding the %s readiness check: %w", name, err)
		}
	}
	return nil
}

// registration adds one group of controllers or webhooks to the manager.
type registration struct {
	name  string
	setup func(context.Context, ctrl.Manager, Deps) error
}

// registrations are run in order by Setup; webhooks and controllers add themselves here as they land.
var registrations []registration

// Setup registers the webhooks and the controllers of the enabled features.
func Setup(ctx context.Context, mgr ctrl.Manager, deps Deps) error {
	for _, r := range registrations {
		if err := r.setup(ctx, mgr, deps); err != nil {
			return fmt.Errorf("setting up %s: %w", r.name, err)
		}
	}
	return nil
}

// Run validates the options, reads the OCI credentials, and runs the manager until ctx ends.
func Run(ctx context.Context, restConfig *rest.Config, o *Options) error {
	log := ctrl.LoggerFrom(ctx).WithName("setup")
	if err := o.Validate(); err != nil {
		return err
	}
	creds, err := credentials.LoadDir(o.AuthConfigDir)
	if err != nil {
		return err
	}
	log.Info("Loaded OCI credentials", "identity", creds.String())
	mgr, err := New(restConfig, o)
	if err != nil {
		return err
	}
	cloud, err := NewCloud(o, creds, mgr.GetAPIReader(), ctrlmetrics.Registry)
	if err != nil {
		return err
	}
	if err := Setup(ctx, mgr, Deps{Options: o, Credentials: creds, Cloud: cloud}); err != nil {
		return err
	}
	log.Info("Starting manager", "version", version.Get().String())
	if err := mgr.Start(ctx); err != nil {
		return fmt.Errorf("running the manager: %w", err)
	}
	return nil
}
