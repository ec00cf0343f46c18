// Command capoci-local runs the provider on embedded defaults, with no OCI tenancy and no container engine:
// a local Kubernetes API server with the provider's CRDs and the manager. `make demo` runs it.
package main

import (
	"flag"
	"fmt"
	"os"

	"k8s.io/klog/v2"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/oracle/cluster-api-provider-oci/test/localdemo"
)

func main() {
	workDir := flag.String("work-dir", "", "Directory for the kubeconfig and credentials (default: a new temporary directory).")
	klog.InitFlags(nil)
	flag.Parse()
	ctrl.SetLogger(klog.Background())
	if err := localdemo.Run(ctrl.SetupSignalHandler(), localdemo.Options{WorkDir: *workDir}); err != nil {
		fmt.Fprintln(os.Stderr, "capoci-local:", err)
		os.Exit(1)
	}
}
