// Command manager runs the Cluster API infrastructure provider for Oracle Cloud Infrastructure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/spf13/pflag"
	cliflag "k8s.io/component-base/cli/flag"
	logsv1 "k8s.io/component-base/logs/api/v1"
	_ "k8s.io/component-base/logs/json/register" // Enables --logging-format=json.
	"k8s.io/klog/v2"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/oracle/cluster-api-provider-oci/internal/manager"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run parses args, starts the manager and returns the process's exit code: 2 for bad flags.
func run(args []string) int {
	opts := manager.NewOptions()
	fs := pflag.NewFlagSet("manager", pflag.ContinueOnError)
	opts.AddFlags(fs)
	fs.SetNormalizeFunc(cliflag.WordSepNormalizeFunc)
	fs.AddGoFlagSet(flag.CommandLine)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := opts.Validate(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := logsv1.ValidateAndApply(opts.Logs, nil); err != nil {
		fmt.Fprintf(os.Stderr, "invalid logging options: %v\n", err)
		return 2
	}
	ctrl.SetLogger(klog.Background())
	fs.VisitAll(func(f *pflag.Flag) {
		klog.V(1).InfoS("Flag", "name", f.Name, "value", f.Value.String())
	})
	restConfig, err := ctrl.GetConfig()
	if err != nil {
		klog.ErrorS(err, "Unable to load the kubeconfig")
		return 1
	}
	ctx := ctrl.SetupSignalHandler()
	if err := manager.Run(ctx, restConfig, opts); err != nil {
		klog.ErrorS(err, "Manager stopped with an error")
		return 1
	}
	return 0
}
