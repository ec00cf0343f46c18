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
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// benchTimeScale scales the emulator's realistic delays in the benchmark: one twentieth of OCI's.
const benchTimeScale = 0.05

// BenchmarkClusterWithMachines reports, from the emulator's request log, the OCI calls of a whole cluster: an
// OCICluster with the default layout and an NLB, one control-plane and three worker machines. It reports the calls
// to provision it end to end (network included) and the time until every machine is Ready, the calls it makes
// while idle (a minute at the suite's ten-second drift interval is, in calls, an hour at the default ten
// minutes), and the calls to delete it, first with the emulator's instant lifecycles and then with its realistic
// delays scaled down. Run it with `make bench`.
func BenchmarkClusterWithMachines(b *testing.B) {
	for _, tc := range []struct {
		name   string
		delays map[string]time.Duration
	}{{name: "fast"}, {name: "realistic", delays: ocisim.RealisticDelays()}} {
		b.Run(tc.name, func(b *testing.B) {
			for k, d := range tc.delays {
				env.Sim.SetDelay(k, time.Duration(float64(d)*benchTimeScale))
			}
			defer func() {
				for k := range tc.delays {
					env.Sim.SetDelay(k, -1)
				}
			}()
			for i := range b.N {
				benchClusterWithMachines(b, fmt.Sprintf("bench-%s-%d", tc.name, i))
			}
		})
	}
}

func benchClusterWithMachines(b *testing.B, name string) {
	ctx := context.Background()
	// Provisioning and deleting are measured at the default drift interval, so that no drift check of the
	// suite's short one is counted in them; the idle minute at the suite's.
	restartWithDrift(ctx, b, async.DefaultDriftInterval)
	defer restartWithDrift(ctx, b, driftInterval)
	start := time.Now()
	tc := newTestCluster(ctx, b, name, nil)
	machines := []*testMachine{
		tc.newMachine(ctx, b, "cp-0", machineOpts{controlPlane: true, failureDomain: "1"}),
		tc.newMachine(ctx, b, "worker-0", machineOpts{failureDomain: "1"}),
		tc.newMachine(ctx, b, "worker-1", machineOpts{failureDomain: "2"}),
		tc.newMachine(ctx, b, "worker-2", machineOpts{failureDomain: "3"}),
	}
	tc.waitProvisioned(ctx, b)
	tc.infrastructureProvisioned(ctx, b) // as Cluster API's Cluster controller does
	g := NewWithT(b)
	waitFor(b, func() bool {
		for _, tm := range machines {
			om := tm.get(ctx, g)
			if !ptr.Deref(om.Status.Initialization.Provisioned, false) || !conditions.IsTrue(om, clusterv1.ReadyCondition) {
				return false
			}
		}
		return true
	})
	ready := time.Since(start)
	provision := env.Sim.CallsIn(tc.Compartment, start)

	restartWithDrift(ctx, b, driftInterval)
	since := time.Now()
	time.Sleep(6 * driftInterval)
	idle := env.Sim.CallsIn(tc.Compartment, since)

	restartWithDrift(ctx, b, async.DefaultDriftInterval)
	since = time.Now()
	for _, tm := range machines {
		tm.deleteAndWait(ctx, b)
	}
	tc.deleteAndWait(ctx, b)
	deleteCalls := env.Sim.CallsIn(tc.Compartment, since)
	if leaks := env.Sim.Leaks(tc.Compartment); len(leaks) > 0 {
		b.Fatalf("left behind: %v", leaks)
	}
	b.ReportMetric(float64(len(provision)), "calls-to-provision")
	b.ReportMetric(ready.Seconds(), "s-to-ready")
	b.ReportMetric(float64(len(idle)), "calls/idle-hour")
	b.ReportMetric(float64(len(deleteCalls)), "calls-to-delete")
	b.Logf("to provision: %s\nidle: %s\nto delete: %s", byOperation(provision), byOperation(idle), byOperation(deleteCalls))
}

// restartWithDrift restarts the manager with drift interval d.
func restartWithDrift(ctx context.Context, b *testing.B, d time.Duration) {
	b.Helper()
	if err := env.RestartManagerWithDriftInterval(ctx, d); err != nil {
		b.Fatal(err)
	}
}
