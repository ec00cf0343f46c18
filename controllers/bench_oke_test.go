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
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// BenchmarkOKECalls reports, from the emulator's request log, the OCI calls of an OKE cluster (the OKE default
// network, the OKE cluster, its Secrets and a node pool of 1): to make it ready, while it idles for three token
// lifetimes (the control plane replaces the kubeconfig's token by signing locally: no call but reads), for one drift check
// of the three objects (and so per idle hour at the default drift interval), and to delete it. Run it with
// `make bench`.
func BenchmarkOKECalls(b *testing.B) {
	ctx := context.Background()
	for i := range b.N {
		start := time.Now()
		k := newTestOKE(ctx, b, fmt.Sprintf("okebench-%d", i), okeOpts{replicas: 1})
		k.waitAvailable(ctx, b)
		k.waitNodes(ctx, b, 1)
		ready := time.Since(start)
		provision := env.Sim.CallsIn(k.Compartment, start)

		// Idle across token refreshes: the Secret's token is replaced several times, with no call that writes or
		// asks OKE for a kubeconfig (the suite's drift checks, every 10 seconds, are its only reads).
		since := time.Now()
		waitFor(b, func() bool { return time.Since(since) > 3*okeTokenLifetime })
		idle := env.Sim.CallsIn(k.Compartment, since)
		writes := 0
		for _, op := range operations(idle) {
			if !strings.HasPrefix(op, "Get") && !strings.HasPrefix(op, "List") {
				writes++
			}
		}

		// One drift check: the next reads of the node pool and of the OKE cluster.
		since = time.Now()
		waitFor(b, func() bool {
			ops := operations(env.Sim.CallsIn(k.Compartment, since))
			return slices.Contains(ops, "GetNodePool") && slices.Contains(ops, "GetCluster") && slices.Contains(ops, "ListSubnets")
		})
		drift := env.Sim.CallsIn(k.Compartment, since)

		since = time.Now()
		k.deleteAll(ctx, b)
		deleted := env.Sim.CallsIn(k.Compartment, since)

		b.ReportMetric(float64(len(provision)), "calls-to-ready")
		b.ReportMetric(ready.Seconds(), "s-to-ready")
		b.ReportMetric(float64(writes), "non-read-calls/3-token-lifetimes")
		b.ReportMetric(float64(len(drift)), "calls/drift-check")
		b.ReportMetric(float64(len(drift))*float64(time.Hour/async.DefaultDriftInterval), "calls/idle-hour")
		b.ReportMetric(float64(len(deleted)), "calls-to-delete")
		b.Logf("to ready: %s\nidle over 3 token lifetimes: %s\none drift check: %s\nto delete: %s",
			byOperation(provision), byOperation(idle), byOperation(drift), byOperation(deleted))
	}
}

// BenchmarkOKEVirtualPoolAndAddonCalls reports the OCI calls of an ENHANCED OKE cluster with a virtual node pool
// of 1 and one add-on (CertManager): to make it ready with the add-on installed, while it idles for three token
// lifetimes (add-ons in place are looked at only at the drift check), for one drift check, and to delete it.
func BenchmarkOKEVirtualPoolAndAddonCalls(b *testing.B) {
	ctx := context.Background()
	for i := range b.N {
		start := time.Now()
		k := newTestOKE(ctx, b, fmt.Sprintf("okevbench-%d", i), okeOpts{clusterType: "ENHANCED_CLUSTER", pool: "virtual", replicas: 1})
		k.waitAvailable(ctx, b)
		setVersion(ctx, b, k.ControlPlane, func() { k.ControlPlane.Spec.Addons = []infrav1.Addon{{Name: "CertManager"}} })
		k.waitVirtualNodes(ctx, b, 1)
		waitFor(b, func() bool {
			cp := &infrav1.OCIManagedControlPlane{}
			return env.Client.Get(ctx, client.ObjectKeyFromObject(k.ControlPlane), cp) == nil &&
				conditions.IsTrue(cp, "AddonCertManagerReady")
		})
		ready := time.Since(start)
		provision := env.Sim.CallsIn(k.Compartment, start)

		since := time.Now()
		waitFor(b, func() bool { return time.Since(since) > 3*okeTokenLifetime })
		idle := env.Sim.CallsIn(k.Compartment, since)

		since = time.Now()
		waitFor(b, func() bool {
			ops := operations(env.Sim.CallsIn(k.Compartment, since))
			return slices.Contains(ops, "GetVirtualNodePool") && slices.Contains(ops, "ListAddons") && slices.Contains(ops, "ListSubnets")
		})
		drift := env.Sim.CallsIn(k.Compartment, since)

		since = time.Now()
		k.deleteAll(ctx, b)
		deleted := env.Sim.CallsIn(k.Compartment, since)

		b.ReportMetric(float64(len(provision)), "calls-to-ready")
		b.ReportMetric(ready.Seconds(), "s-to-ready")
		b.ReportMetric(float64(len(idle)), "calls/3-token-lifetimes")
		b.ReportMetric(float64(len(drift)), "calls/drift-check")
		b.ReportMetric(float64(len(drift))*float64(time.Hour/async.DefaultDriftInterval), "calls/idle-hour")
		b.ReportMetric(float64(len(deleted)), "calls-to-delete")
		b.Logf("to ready: %s\nidle over 3 token lifetimes: %s\none drift check: %s\nto delete: %s",
			byOperation(provision), byOperation(idle), byOperation(drift), byOperation(deleted))
	}
}
