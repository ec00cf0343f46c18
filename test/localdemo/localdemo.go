// Package localdemo runs the provider on embedded defaults: a local Kubernetes API server (envtest) with the
// provider's CRDs, generated throw-away OCI credentials, and the manager. Everything listens on loopback
// ports the kernel picks; nothing else is dialed.
package localdemo

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// Options configure the demo.
type Options struct {
	// WorkDir receives the kubeconfig and the credentials; default: a new temporary directory.
	WorkDir string
	// Out receives the summary a person reads.
	Out io.Writer
	// Ready, when set, is called once the manager answers on /readyz.
	Ready func(Info)
}

// Info is what a person or a test needs to use the running demo.
type Info struct {
	Kubeconfig  string
	Credentials string
	HealthAddr  string
	Environment *testenv.Environment
}

// Run starts the API server and the manager and blocks until ctx ends.
func Run(ctx context.Context, o Options) error {
	if o.Out == nil {
		o.Out = os.Stdout
	}
	dir := o.WorkDir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "capoci-local-"); err != nil {
			return fmt.Errorf("creating the work directory: %w", err)
		}
	}
	env, err := testenv.Start(testenv.Options{Webhooks: testenv.ProviderWebhooks()})
	if err != nil {
		return err
	}
	defer func() { _ = env.Stop() }()
	if err := env.ServeConversion(ctx); err != nil {
		return err
	}

	info := Info{Kubeconfig: filepath.Join(dir, "kubeconfig"), Credentials: filepath.Join(dir, "oci"), Environment: env}
	if err := env.WriteKubeconfig(info.Kubeconfig); err != nil {
		return err
	}
	if _, err := testenv.WriteCredentials(info.Credentials, "ocid1.tenancy.oc1..aaaaaaaalocaldemo",
		"ocid1.user.oc1..aaaaaaaalocaldemo", "us-ashburn-1"); err != nil {
		return err
	}
	opts, err := managerOptions(ctx, env, info.Credentials)
	if err != nil {
		return err
	}
	info.HealthAddr = opts.HealthAddr
	fmt.Fprintf(o.Out, "Local API server: %s\nkubeconfig:       %s\nOCI credentials:  %s\nhealth:           http://%s/readyz\n",
		env.Config.Host, info.Kubeconfig, info.Credentials, info.HealthAddr)
	fmt.Fprintf(o.Out, "Try: KUBECONFIG=%s kubectl api-resources --api-group=%s\n", info.Kubeconfig, testenv.Group)
	if o.Ready != nil {
		go waitReady(ctx, info, o.Ready)
	}
	return manager.Run(ctx, env.Config, opts)
}

func managerOptions(ctx context.Context, env *testenv.Environment, credsDir string) (*manager.Options, error) {
	o := manager.NewOptions()
	fs := newFlagSet(o)
	health, err := testenv.LoopbackAddr(ctx)
	if err != nil {
		return nil, err
	}
	args := []string{
		"--health-addr=" + health,
		"--diagnostics-address=0",
		"--webhook-host=127.0.0.1",
		"--webhook-port=" + strconv.Itoa(env.WebhookInstallOptions.LocalServingPort),
		"--webhook-cert-dir=" + env.WebhookInstallOptions.LocalServingCertDir,
		"--auth-config-dir=" + credsDir,
		"--feature-gates=MachinePool=true,OKE=true",
	}
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("parsing the demo's manager flags: %w", err)
	}
	return o, nil
}
