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

package stack

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// Status is what a person follows while a cluster comes up or goes: the Cluster's phase and main conditions,
// control-plane and worker counts, each Machine's phase, and what the emulator holds for the cluster.
type Status struct {
	Phase        string
	Conditions   map[string]string
	ControlPlane Replicas
	Workers      Replicas
	Machines     []MachineStatus
	// Pools are the Cluster's MachinePools (OKE node pools).
	Pools []PoolStatus
	// OCI counts the emulator's live resources in the cluster's compartment by kind.
	OCI map[string]int
	// Gone is true once the Cluster object no longer exists.
	Gone bool
}

// PoolStatus is a MachinePool as Cluster API reports it: its phase, its replicas and how many of its Nodes are
// ready in the workload cluster.
type PoolStatus struct {
	Name, Phase    string
	Desired, Ready int32
	// Waiting is what the pool's infrastructure (an OCIManagedMachinePool) says while it is not ready.
	Waiting string
}

// Replicas are desired/ready/available/up-to-date counts.
type Replicas struct{ Desired, Ready, Available, UpToDate int32 }

// MachineStatus is one Machine's phase and node.
type MachineStatus struct {
	Name, Phase, Node string
	ControlPlane      bool
}

// shownConditions are the Cluster conditions the progress shows, in order.
var shownConditions = []string{clusterv1.ClusterInfrastructureReadyCondition, clusterv1.ClusterControlPlaneAvailableCondition,
	clusterv1.ClusterWorkersAvailableCondition, clusterv1.ClusterAvailableCondition}

// Status reads the cluster's status from the management cluster and the emulator.
func (s *Stack) Status(ctx context.Context, cl *Cluster) (Status, error) {
	c, err := s.Client()
	if err != nil {
		return Status{}, err
	}
	st := Status{Conditions: map[string]string{}, OCI: s.liveByKind()}
	cluster := &clusterv1.Cluster{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name}, cluster); err != nil {
		if client.IgnoreNotFound(err) != nil {
			return st, fmt.Errorf("reading the Cluster: %w", err)
		}
		st.Gone = true
		return st, nil
	}
	st.Phase = cluster.Status.Phase
	for _, t := range shownConditions {
		if cond := meta.FindStatusCondition(cluster.Status.Conditions, t); cond != nil {
			st.Conditions[t] = string(cond.Status)
		}
	}
	if cp := cluster.Status.ControlPlane; cp != nil {
		st.ControlPlane = replicasOf(cp.DesiredReplicas, cp.ReadyReplicas, cp.AvailableReplicas, cp.UpToDateReplicas)
	}
	if w := cluster.Status.Workers; w != nil {
		st.Workers = replicasOf(w.DesiredReplicas, w.ReadyReplicas, w.AvailableReplicas, w.UpToDateReplicas)
	}
	machines := &clusterv1.MachineList{}
	if err := c.List(ctx, machines, client.InNamespace(cl.Namespace), client.MatchingLabels{clusterv1.ClusterNameLabel: cl.Name}); err != nil {
		return st, fmt.Errorf("listing Machines: %w", err)
	}
	for i := range machines.Items {
		m := &machines.Items[i]
		_, cp := m.Labels[clusterv1.MachineControlPlaneLabel]
		st.Machines = append(st.Machines, MachineStatus{Name: m.Name, Phase: m.Status.Phase, Node: m.Status.NodeRef.Name, ControlPlane: cp})
	}
	sort.Slice(st.Machines, func(i, j int) bool { return st.Machines[i].Name < st.Machines[j].Name })
	pools := &clusterv1.MachinePoolList{}
	if err := c.List(ctx, pools, client.InNamespace(cl.Namespace), client.MatchingLabels{clusterv1.ClusterNameLabel: cl.Name}); err != nil {
		return st, fmt.Errorf("listing MachinePools: %w", err)
	}
	for i := range pools.Items {
		mp := &pools.Items[i]
		st.Pools = append(st.Pools, PoolStatus{Name: mp.Name, Phase: mp.Status.Phase,
			Desired: ptr.Deref(mp.Spec.Replicas, 0), Ready: ptr.Deref(mp.Status.ReadyReplicas, 0),
			Waiting: s.poolWaiting(ctx, c, mp)})
	}
	return st, nil
}

func replicasOf(desired, ready, available, upToDate *int32) Replicas {
	v := func(p *int32) int32 {
		if p == nil {
			return 0
		}
		return *p
	}
	return Replicas{v(desired), v(ready), v(available), v(upToDate)}
}

// liveByKind counts the emulator's live resources in the stack's compartment by kind.
func (s *Stack) liveByKind() map[string]int {
	out := map[string]int{}
	for _, r := range s.Sim.Live("") {
		if r.CompartmentID == s.Compartment {
			out[r.Kind]++
		}
	}
	return out
}

// Summary is the status in a few lines: the cluster, the counts, the emulator's inventory and the machines.
func (st Status) Summary() string {
	if st.Gone {
		return "Cluster deleted · OCI: " + inventory(st.OCI)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Cluster %s", orDash(st.Phase))
	for _, t := range shownConditions {
		if v, ok := st.Conditions[t]; ok {
			fmt.Fprintf(&b, " · %s=%s", t, v)
		}
	}
	if st.ControlPlane.Desired == 0 && (len(st.Pools) > 0 || len(st.Machines) > 0) {
		fmt.Fprintf(&b, "\n  control plane run by OKE · workers %d/%d available · OCI: %s", st.Workers.Available, st.Workers.Desired, inventory(st.OCI))
	} else {
		fmt.Fprintf(&b, "\n  control plane %d/%d available · workers %d/%d available · OCI: %s",
			st.ControlPlane.Available, st.ControlPlane.Desired, st.Workers.Available, st.Workers.Desired, inventory(st.OCI))
	}
	for _, m := range st.Machines {
		role := "worker"
		if m.ControlPlane {
			role = "control plane"
		}
		fmt.Fprintf(&b, "\n  %-13s %-40s %-12s %s", role, m.Name, m.Phase, nodeText(m.Node))
	}
	for _, p := range st.Pools {
		fmt.Fprintf(&b, "\n  %-13s %-40s %-12s %d/%d nodes ready", "machine pool", p.Name, orDash(p.Phase), p.Ready, p.Desired)
		if p.Waiting != "" {
			fmt.Fprintf(&b, " (%s)", p.Waiting)
		}
	}
	return b.String()
}

// inventory counts the emulator's live resources: the kinds a person knows first by name, the rest in one.
func inventory(byKind map[string]int) string {
	if len(byKind) == 0 {
		return "nothing"
	}
	var parts []string
	other := 0
	shown := map[string]string{ocisim.KindVcn: "VCN", ocisim.KindSubnet: "subnets", ocisim.KindNLB: "NLB",
		ocisim.KindLoadBalancer: "LB", ocisim.KindInstance: "instances", ocisim.KindVolume: "volumes",
		ocisim.KindCluster: "OKE cluster", ocisim.KindNodePool: "node pools"}
	for _, k := range []string{ocisim.KindVcn, ocisim.KindSubnet, ocisim.KindNLB, ocisim.KindLoadBalancer, ocisim.KindInstance,
		ocisim.KindVolume, ocisim.KindCluster, ocisim.KindNodePool} {
		if n := byKind[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, shown[k]))
		}
	}
	for k, n := range byKind {
		if _, ok := shown[k]; !ok {
			other += n
		}
	}
	if other > 0 {
		parts = append(parts, fmt.Sprintf("%d other", other))
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func nodeText(n string) string {
	if n == "" {
		return ""
	}
	return "node " + n
}

// Follow prints the status whenever it changes, with the time since start, until done says the wait is over
// or ctx ends.
func (s *Stack) Follow(ctx context.Context, cl *Cluster, out io.Writer, start time.Time, done func(Status) bool) (Status, error) {
	last := ""
	for {
		st, err := s.Status(ctx, cl)
		if err == nil {
			if text := st.Summary(); text != last {
				fmt.Fprintf(out, "[%6.1fs] %s\n", time.Since(start).Seconds(), text)
				last = text
			}
			if done(st) {
				return st, nil
			}
		}
		select {
		case <-ctx.Done():
			return st, fmt.Errorf("waiting for the cluster (last: %s): %w", last, ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

// Ready says the control plane and the workers have all their replicas available and every Machine runs; for an
// OKE cluster, that the control plane is available, every MachinePool runs with cl.Workers ready nodes, and every
// self-managed node's Machine (a MachineDeployment's, of cl.Workers replicas) runs.
func Ready(cl *Cluster) func(Status) bool {
	if cl.Managed() {
		return func(st Status) bool {
			if st.Conditions[clusterv1.ClusterControlPlaneAvailableCondition] != string(metav1.ConditionTrue) ||
				len(st.Pools)+len(st.Machines) == 0 {
				return false
			}
			for _, p := range st.Pools {
				if p.Phase != string(clusterv1.MachinePoolPhaseRunning) || p.Ready != int32(cl.Workers) || p.Desired != int32(cl.Workers) { //nolint:gosec // small
					return false
				}
			}
			return len(st.Machines) == 0 || (int(st.Workers.Available) == cl.Workers && machinesRun(st, cl.Workers))
		}
	}
	if cl.Flavor == "machinepool" {
		// Workers of a MachinePool: its Machines are Cluster API's machines of the pool's instances.
		return func(st Status) bool {
			if int(st.ControlPlane.Available) != cl.ControlPlanes || len(st.Pools) == 0 ||
				st.Conditions[clusterv1.ClusterControlPlaneAvailableCondition] != string(metav1.ConditionTrue) {
				return false
			}
			for _, p := range st.Pools {
				if p.Phase != string(clusterv1.MachinePoolPhaseRunning) || p.Ready != int32(cl.Workers) || p.Desired != int32(cl.Workers) { //nolint:gosec // small
					return false
				}
			}
			return machinesRun(st, cl.ControlPlanes+cl.Workers)
		}
	}
	return func(st Status) bool {
		return int(st.ControlPlane.Available) == cl.ControlPlanes && int(st.Workers.Available) == cl.Workers &&
			machinesRun(st, cl.ControlPlanes+cl.Workers) &&
			st.Conditions[clusterv1.ClusterControlPlaneAvailableCondition] == string(metav1.ConditionTrue)
	}
}

// machinesRun says the cluster has n Machines, all Running.
func machinesRun(st Status, n int) bool {
	if len(st.Machines) != n {
		return false
	}
	for _, m := range st.Machines {
		if m.Phase != string(clusterv1.MachinePhaseRunning) {
			return false
		}
	}
	return true
}

// CallsByOperation lists the emulator's request counts by operation, most first, and their total.
func CallsByOperation(stats map[string]ocisim.OpStats) string {
	ops := make([]string, 0, len(stats))
	total := 0
	for op, st := range stats {
		ops = append(ops, op)
		total += st.Total
	}
	sort.Slice(ops, func(i, j int) bool {
		if stats[ops[i]].Total != stats[ops[j]].Total {
			return stats[ops[i]].Total > stats[ops[j]].Total
		}
		return ops[i] < ops[j]
	})
	var b strings.Builder
	for _, op := range ops {
		fmt.Fprintf(&b, "  %5d  %s\n", stats[op].Total, op)
	}
	fmt.Fprintf(&b, "  %5d  in all\n", total)
	return b.String()
}

// poolWaiting is the message of a not-ready OKE pool's Ready condition (an OCIManagedMachinePool or an
// OCIVirtualMachinePool), "" when it is ready or not one.
func (s *Stack) poolWaiting(ctx context.Context, c client.Client, mp *clusterv1.MachinePool) string {
	ref := mp.Spec.Template.Spec.InfrastructureRef
	if ref.Kind != "OCIManagedMachinePool" && ref.Kind != "OCIVirtualMachinePool" {
		return ""
	}
	p := &unstructured.Unstructured{}
	p.SetGroupVersionKind(infrav1exp.GroupVersion.WithKind(ref.Kind))
	if err := c.Get(ctx, client.ObjectKey{Namespace: mp.Namespace, Name: ref.Name}, p); err != nil {
		return ""
	}
	conds, _, _ := unstructured.NestedSlice(p.Object, "status", "conditions")
	for _, raw := range conds {
		cond, _ := raw.(map[string]any)
		if cond["type"] == clusterv1.ReadyCondition && cond["status"] != string(metav1.ConditionTrue) {
			msg, _ := cond["message"].(string)
			return msg
		}
	}
	return ""
}
