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
	"sigs.k8s.io/cluster-api/util/conditions"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// BenchmarkMachinePoolCalls reports the OCI calls of a MachinePool of 3 on a provisioned cluster: to make it ready
// (every instance's Node ready), for a rolling replacement of its 3 instances (default strategy: surge 1), for one
// drift check of the idle pool, and to delete it. Only the pool's calls are counted: they are the calls of the
// cluster's compartment to the compute and compute management services.
func BenchmarkMachinePoolCalls(b *testing.B) {
	ctx := context.Background()
	for i := range b.N {
		tc := newTestCluster(ctx, b, fmt.Sprintf("mpbench-%d", i), nil)
		tc.waitProvisioned(ctx, b)
		tc.infrastructureProvisioned(ctx, b)
		start := time.Now()
		tp := tc.newMachinePool(ctx, b, 3, nil)
		tp.waitReady(ctx, b, 3)
		ready := time.Since(start)
		create := poolCalls(tc, start)

		since := time.Now()
		g := NewWithT(b)
		g.Eventually(func() error {
			p := tp.get(ctx, g)
			p.Spec.InstanceConfiguration.ShapeConfig.OCPUs = "2"
			return env.Client.Update(ctx, p)
		}).Should(Succeed())
		g.Eventually(func(g Gomega) {
			p := tp.get(ctx, g)
			g.Expect(conditions.GetReason(p, infrav1exp.InstancesUpToDateCondition)).To(Equal(infrav1exp.RollingUpdateInProgressReason))
		}).WithTimeout(time.Minute).Should(Succeed())
		g.Eventually(func(g Gomega) {
			p, _ := tp.ready(ctx, g, 3)
			g.Expect(conditions.IsTrue(p, infrav1exp.InstancesUpToDateCondition)).To(BeTrue())
		}).WithTimeout(4 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
		rolled := time.Since(since)
		roll := poolCalls(tc, since)

		since = time.Now()
		waitFor(b, func() bool { return countOf(operations(poolCalls(tc, since)), "GetInstancePool") > 0 })
		drift := poolCalls(tc, since)

		since = time.Now()
		tp.deleteAndWait(ctx, b)
		deleted := poolCalls(tc, since)
		tc.deleteAndWait(ctx, b)

		b.ReportMetric(float64(len(create)), "calls-to-ready")
		b.ReportMetric(ready.Seconds(), "s-to-ready")
		b.ReportMetric(float64(len(roll)), "calls-to-roll-3")
		b.ReportMetric(rolled.Seconds(), "s-to-roll-3")
		b.ReportMetric(float64(len(drift)), "calls/drift-check")
		b.ReportMetric(float64(len(drift))*float64(time.Hour/async.DefaultDriftInterval), "calls/idle-hour")
		b.ReportMetric(float64(len(deleted)), "calls-to-delete")
		b.Logf("to ready: %s\nroll of 3: %s\none drift check: %s\nto delete: %s",
			byOperation(create), byOperation(roll), byOperation(drift), byOperation(deleted))
	}
}

// poolCalls are the calls of the cluster's compartment to the compute services since a time: a machine pool's.
func poolCalls(tc *testCluster, since time.Time) []ocisim.RequestLogEntry {
	var out []ocisim.RequestLogEntry
	calls := env.Sim.CallsIn(tc.Compartment, since)
	for i := range calls {
		e := &calls[i]
		switch e.Operation {
		case "GetInstancePool", "ListInstancePools", "CreateInstancePool", "UpdateInstancePool", "TerminateInstancePool",
			"ListInstancePoolInstances", "DetachInstancePoolInstance", "AttachLoadBalancer", "DetachLoadBalancer",
			"GetInstanceConfiguration", "ListInstanceConfigurations", "CreateInstanceConfiguration", "DeleteInstanceConfiguration",
			"GetInstance", "TerminateInstance":
			out = append(out, *e)
		}
	}
	return out
}
