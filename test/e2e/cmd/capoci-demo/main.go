// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// Command capoci-demo is the README's main job: it starts a local management cluster with Cluster API and the
// provider, the OCI emulator, applies templates/cluster-template.yaml as clusterctl renders it, shows the
// cluster coming up, and on Ctrl-C deletes it and shows that the emulator holds nothing.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/demo"
)

func main() {
	o := demo.Options{Out: os.Stdout}
	flag.StringVar(&o.Name, "name", "demo", "Name of the cluster.")
	flag.IntVar(&o.ControlPlanes, "control-planes", 1, "Control-plane machines (KubeadmControlPlane replicas).")
	flag.IntVar(&o.Workers, "workers", 1, "Worker machines (MachineDeployment replicas).")
	flag.StringVar(&o.Latency, "latency", "realistic", "The emulator's latency profile: fast (no delays) or realistic (OCI's delays scaled by --time-scale).")
	flag.Float64Var(&o.TimeScale, "time-scale", 0.05, "Factor applied to OCI's realistic delays.")
	flag.StringVar(&o.KubernetesVersion, "kubernetes-version", "", "Kubernetes version of the cluster (default: the stack's; for OKE flavors one the emulator's OKE offers).")
	flag.StringVar(&o.Flavor, "flavor", "", "Template flavor: empty for the default (KubeadmControlPlane + MachineDeployment), or managed, managed-flannel, managed-private, managed-virtual-node (OKE; --workers is the node pool's size).")
	flag.StringVar(&o.WorkDir, "work-dir", "", "Directory for kubeconfigs, credentials and logs (default: a new temporary directory).")
	flag.BoolVar(&o.DeleteWhenReady, "delete-when-ready", false, "Delete the cluster as soon as it is ready, then exit (non-interactive use).")
	flag.DurationVar(&o.Timeout, "timeout", 20*time.Minute, "Give up if the cluster is not ready within this time.")
	flag.Parse()
	// The first Ctrl-C asks for the cluster's deletion; a second one abandons it and stops the stack at once.
	stopRequested, requestStop := context.WithCancel(context.Background())
	abort, abortNow := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		fmt.Fprintln(os.Stderr, "\nStopping: deleting the cluster (Ctrl-C again to stop without deleting it)")
		requestStop()
		<-signals
		abortNow()
	}()
	if err := demo.Run(stopRequested, abort, o); err != nil {
		fmt.Fprintln(os.Stderr, "capoci-demo:", err)
		os.Exit(1)
	}
}
