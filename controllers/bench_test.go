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

package controllers_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/controller-runtime/pkg/client"
	ctrlmetrics "sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// BenchmarkOCIClusterCalls reports, from the emulator's request log, the OCI calls of an OCICluster with the
// default layout and an NLB: to provision it, for one full reconcile once it is provisioned, and for one drift
// check (and so per idle hour at the default drift interval). Run it with `make bench`; lists are paged by OCI's
// default page size, not the tests' 2.
func BenchmarkOCIClusterCalls(b *testing.B) {
	ctx := context.Background()
	for i := range b.N {
		start := time.Now()
		tc := newTestCluster(ctx, b, fmt.Sprintf("bench-%d", i), nil)
		oc := tc.waitProvisioned(ctx, b)
		ready := time.Since(start)
		provision := env.Sim.CallsIn(tc.Compartment, start)

		// One full reconcile of the provisioned cluster: an annotation brings it back before any check is due.
		since, before := time.Now(), reconciles(b)
		patch := client.MergeFrom(oc.DeepCopy())
		oc.Annotations = map[string]string{"bench": "reconcile"}
		if err := env.Client.Patch(ctx, oc, patch); err != nil {
			b.Fatal(err)
		}
		waitFor(b, func() bool { return reconciles(b) > before })
		reconcile := env.Sim.CallsIn(tc.Compartment, since)

		// One drift check: the next look after the drift interval.
		since = time.Now()
		waitFor(b, func() bool {
			return slices.Contains(operations(env.Sim.CallsIn(tc.Compartment, since)), "GetNetworkLoadBalancer")
		})
		drift := env.Sim.CallsIn(tc.Compartment, since)

		b.ReportMetric(float64(len(provision)), "calls-to-provision")
		b.ReportMetric(ready.Seconds(), "s-to-provisioned")
		b.ReportMetric(float64(len(reconcile)), "calls/reconcile")
		b.ReportMetric(float64(len(drift)), "calls/drift-check")
		b.ReportMetric(float64(len(drift))*float64(time.Hour/async.DefaultDriftInterval), "calls/idle-hour")
		b.Logf("to provision: %s\none reconcile: %s\none drift check: %s", byOperation(provision), byOperation(reconcile), byOperation(drift))
		tc.deleteAndWait(ctx, b)
	}
}

// byOperation counts calls by operation, most first.
func byOperation(entries []ocisim.RequestLogEntry) string {
	counts := map[string]int{}
	for i := range entries {
		counts[entries[i].Operation]++
	}
	ops := slices.SortedFunc(maps.Keys(counts), func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(ops))
	for _, op := range ops {
		parts = append(parts, fmt.Sprintf("%s %d", op, counts[op]))
	}
	return fmt.Sprintf("%d calls (%s)", len(entries), strings.Join(parts, ", "))
}

// reconciles is how many reconciles the OCICluster controller has finished, from its controller-runtime metric.
func reconciles(b *testing.B) float64 {
	families, err := ctrlmetrics.Registry.Gather()
	if err != nil {
		b.Fatal(err)
	}
	var n float64
	for _, f := range families {
		if f.GetName() != "controller_runtime_reconcile_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "controller" && l.GetValue() == "ocicluster" {
					n += m.GetCounter().GetValue()
				}
			}
		}
	}
	return n
}

// waitFor waits, polling, until done says so, for at most two minutes.
func waitFor(b *testing.B, done func() bool) {
	b.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !done() {
		if time.Now().After(deadline) {
			b.Fatal("timed out")
		}
		time.Sleep(100 * time.Millisecond)
	}
}
