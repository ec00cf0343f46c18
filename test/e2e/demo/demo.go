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

// Package demo is the local demo: the whole Cluster API lifecycle of one cluster on the OCI emulator, shown as
// a person follows it.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"time"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// Options configure the demo.
type Options struct {
	Name              string
	ControlPlanes     int
	Workers           int
	Latency           string
	TimeScale         float64
	KubernetesVersion string
	// Flavor is the template's flavor: "" (the default) or an OKE one ("managed", "managed-flannel",
	// "managed-private", "managed-virtual-node").
	Flavor  string
	WorkDir string
	// DeleteWhenReady deletes the cluster once it is ready instead of waiting for the context to end.
	DeleteWhenReady bool
	// Timeout bounds the wait for the cluster to be ready, and then for its deletion.
	Timeout time.Duration
	Out     io.Writer
}

// Run runs the demo: up, ready, (Ctrl-C or DeleteWhenReady), deleted, down. ctx ending is the user's first
// Ctrl-C: the cluster is still deleted and the stack stopped, under abort, which ends at the second.
func Run(ctx, abort context.Context, o Options) (err error) {
	out, start := o.Out, time.Now()
	work := abort
	fmt.Fprintf(out, "Starting the local stack (OCI latency: %s)\n", latencyText(o))
	s, err := stack.Start(work, stack.Options{WorkDir: o.WorkDir, Latency: o.Latency, TimeScale: o.TimeScale, Progress: out})
	if err != nil {
		return err
	}
	defer func() {
		fmt.Fprintln(out, "Stopping the local stack")
		err = errors.Join(err, s.Stop())
	}()
	printLogs(out, s)
	cl, manifest, err := s.Render(work, stack.ClusterOptions{Name: o.Name, Flavor: o.Flavor, ControlPlanes: o.ControlPlanes,
		Workers: o.Workers, KubernetesVersion: o.KubernetesVersion})
	if err != nil {
		return err
	}
	if err := s.Apply(work, manifest); err != nil {
		return err
	}
	printApplied(out, cl)
	applied := time.Now()
	waitCtx, waitCancel := context.WithTimeout(ctx, o.Timeout)
	_, err = s.Follow(waitCtx, cl, out, applied, stack.Ready(cl))
	waitCancel()
	if err == nil {
		what := fmt.Sprintf("%d control plane(s) available, %d worker(s) running", cl.ControlPlanes, cl.Workers)
		if cl.Managed() {
			what = fmt.Sprintf("the OKE control plane available, %d node(s) of its node pool ready", cl.Workers)
		}
		fmt.Fprintf(out, "\nCluster %s is ready: %s, %.1fs after apply (%.1fs after start)\n",
			cl.Name, what, time.Since(applied).Seconds(), time.Since(start).Seconds())
		showReady(work, out, s, cl)
		if !o.DeleteWhenReady {
			fmt.Fprintln(out, "\nPress Ctrl-C to delete the cluster and stop.")
			<-ctx.Done()
		}
	} else if ctx.Err() == nil {
		fmt.Fprintf(out, "\nThe cluster did not become ready: %v\nLogs: %s\n", err, s.LogDir)
	}
	fmt.Fprintf(out, "\nDeleting cluster %s\n", cl.Name)
	delCtx, delCancel := context.WithTimeout(work, o.Timeout)
	defer delCancel()
	if derr := s.Delete(delCtx, cl, out, time.Now()); derr != nil {
		return errors.Join(err, derr)
	}
	fmt.Fprintf(out, "Cluster %s deleted: the emulator holds nothing of it (%d resources were made in all)\n",
		cl.Name, made(s.Sim, s.Compartment))
	return err
}

// printApplied says what was applied.
func printApplied(out io.Writer, cl *stack.Cluster) {
	if cl.Managed() {
		fmt.Fprintf(out, "\nApplied templates/cluster-template-%s.yaml (clusterctl generate cluster %s --flavor %s --kubernetes-version %s, "+
			"NODE_MACHINE_COUNT=%d),\nits OCIManagedCluster's spec.hostUrl set to the emulator's endpoints\n\n",
			cl.Flavor, cl.Name, cl.Flavor, cl.KubernetesVersion, cl.Workers)
		return
	}
	fmt.Fprintf(out, "\nApplied templates/cluster-template.yaml (clusterctl generate cluster %s --kubernetes-version %s "+
		"--control-plane-machine-count %d --worker-machine-count %d),\nits OCICluster's spec.clientOverrides set to the emulator's endpoints; control-plane endpoint %s\n\n",
		cl.Name, cl.KubernetesVersion, cl.ControlPlanes, cl.Workers, cl.Endpoint)
}

func latencyText(o Options) string {
	if o.Latency == "realistic" {
		return fmt.Sprintf("realistic × %.2f", o.TimeScale)
	}
	return o.Latency
}

func printLogs(out io.Writer, s *stack.Stack) {
	logs := s.Logs()
	names := make([]string, 0, len(logs))
	for n := range logs {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(out, "Component logs (not shown here):\n")
	for _, n := range names {
		fmt.Fprintf(out, "  %-28s %s\n", n, logs[n])
	}
}

// showReady prints how to look at the management and workload clusters, and what the emulator holds.
func showReady(ctx context.Context, out io.Writer, s *stack.Stack, cl *stack.Cluster) {
	kubectl := "kubectl"
	if dir, err := testenv.AssetsDir(); err == nil {
		kubectl = filepath.Join(dir, "kubectl")
	}
	kinds := "clusters,kubeadmcontrolplanes,machinedeployments,machines,ociclusters,ocimachines"
	if cl.Managed() {
		kinds = "clusters,machinepools,ocimanagedclusters,ocimanagedcontrolplanes,ocimanagedmachinepools"
	}
	fmt.Fprintf(out, "\nManagement cluster:\n  KUBECONFIG=%s %s get %s\n", s.Kubeconfig, kubectl, kinds)
	if wk, err := s.WorkloadKubeconfig(ctx, cl); err == nil {
		// The in-memory workload API server serves no table output: columns are chosen on the client side.
		fmt.Fprintf(out, "Workload cluster (its kubeconfig from the Secret %s-kubeconfig):\n  KUBECONFIG=%s %s get nodes -o %s\n",
			cl.Name, wk, kubectl, `'custom-columns=NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status,VERSION:.status.nodeInfo.kubeletVersion,PROVIDER-ID:.spec.providerID'`)
	} else {
		fmt.Fprintf(out, "Workload cluster kubeconfig: %v\n", err)
	}
	fmt.Fprintf(out, "\nIn the OCI emulator (compartment %s):\n", s.Compartment)
	for _, r := range s.Sim.Leaks(s.Compartment) {
		fmt.Fprintf(out, "  %-22s %-45s %s\n", r.Kind, r.DisplayName, r.LifecycleState)
	}
	fmt.Fprintf(out, "\nOCI calls so far, by operation:\n%s", stack.CallsByOperation(s.Sim.Stats()))
}

// made counts the resources ever made in the compartment (deleted ones included).
func made(sim *ocisim.Sim, compartment string) int {
	n := 0
	for _, r := range sim.Snapshot() {
		if r.CompartmentID == compartment && r.Kind != "workrequest" {
			n++
		}
	}
	return n
}
