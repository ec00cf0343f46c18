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

package ocisim

import (
	"net/http"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// cycleFixture is an ACTIVE cluster on a frozen clock whose node pools take a minute per node step.
type cycleFixture struct {
	*okeFixture
	t *testing.T
}

func newCycleFixture(t *testing.T) *cycleFixture {
	t.Helper()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f := newOKEFixture(t, Options{Clock: func() time.Time { return start },
		Delays: map[string]time.Duration{KindNodePool: time.Minute}})
	return &cycleFixture{okeFixture: f, t: t}
}

// nodePool creates a node pool of size nodes on v1.31.1 with the first image, waits until it is ACTIVE and
// returns its id.
func (f *cycleFixture) nodePool(size int, cycling *ce.NodePoolCyclingDetails) string {
	f.t.Helper()
	placement := []ce.NodePoolPlacementConfigDetails{{AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), SubnetId: f.subnet.Id}}
	resp := must(f.ce.CreateNodePool(f.ctx, ce.CreateNodePoolRequest{CreateNodePoolDetails: ce.CreateNodePoolDetails{
		CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &f.cluster, Name: common.String("np"),
		KubernetesVersion: common.String("v1.31.1"), NodeShape: common.String("VM.Standard.E4.Flex"),
		NodeSourceDetails:      ce.NodeSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
		NodePoolCyclingDetails: cycling,
		NodeConfigDetails:      &ce.CreateNodePoolNodeConfigDetails{Size: common.Int(size), PlacementConfigs: placement}}}))
	wr := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId}))
	f.sim.Advance(time.Minute)
	np := f.get(*wr.Resources[0].Identifier)
	if np.LifecycleState != ce.NodePoolLifecycleStateActive || len(np.Nodes) != size {
		f.t.Fatalf("node pool after creation: %s with %d nodes", np.LifecycleState, len(np.Nodes))
	}
	return *np.Id
}

func (f *cycleFixture) get(id string) ce.NodePool {
	f.t.Helper()
	return must(f.ce.GetNodePool(f.ctx, ce.GetNodePoolRequest{NodePoolId: &id})).NodePool
}

func (f *cycleFixture) update(id string, d ce.UpdateNodePoolDetails) string {
	f.t.Helper()
	return *must(f.ce.UpdateNodePool(f.ctx, ce.UpdateNodePoolRequest{NodePoolId: &id, UpdateNodePoolDetails: d})).OpcWorkRequestId
}

// usedIPs counts the private IPs taken in the fixture's subnet.
func (f *cycleFixture) usedIPs() int {
	f.sim.mu.Lock()
	defer f.sim.mu.Unlock()
	return len(f.sim.st.recs[*f.subnet.Id].extra.(*subnetInfo).used)
}

// cycleSeen is what a test saw of a cycle, one minute at a time through the API.
type cycleSeen struct {
	steps, maxNodes, minActive int
	final                      ce.NodePool
}

// watchCycle advances the clock a minute at a time until the pool is ACTIVE again, checking at every step
// that at most size+surge nodes exist, at least size-unavailable are ACTIVE, and that the pool stays UPDATING
// and its work request unfinished until then.
func (f *cycleFixture) watchCycle(id, wrID string, size, surge, unavailable int) cycleSeen {
	f.t.Helper()
	seen := cycleSeen{minActive: size + surge + 1}
	for np := f.get(id); np.LifecycleState != ce.NodePoolLifecycleStateActive; np = f.get(id) {
		if np.LifecycleState != ce.NodePoolLifecycleStateUpdating || seen.steps > 20 {
			f.t.Fatalf("step %d: node pool %s", seen.steps, np.LifecycleState)
		}
		active := 0
		for i := range np.Nodes {
			if np.Nodes[i].LifecycleState == ce.NodeLifecycleStateActive {
				active++
			}
		}
		if len(np.Nodes) > size+surge || active < size-unavailable {
			f.t.Fatalf("step %d: %d nodes, %d ACTIVE (size %d, surge %d, unavailable %d)", seen.steps, len(np.Nodes), active, size, surge, unavailable)
		}
		seen.maxNodes, seen.minActive = max(seen.maxNodes, len(np.Nodes)), min(seen.minActive, active)
		w := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: &wrID}))
		if w.Status == ce.WorkRequestStatusSucceeded || w.Status == ce.WorkRequestStatusFailed {
			f.t.Fatalf("step %d: work request %s while the pool is UPDATING", seen.steps, w.Status)
		}
		seen.steps++
		f.sim.Advance(time.Minute)
	}
	if w := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: &wrID})); w.Status != ce.WorkRequestStatusSucceeded {
		f.t.Fatalf("work request after the cycle: %s", w.Status)
	}
	seen.final = f.get(id)
	return seen
}

// checkReplaced fails unless a pool holds size ACTIVE nodes, none of them in old, all on version.
func (f *cycleFixture) checkReplaced(np ce.NodePool, old map[string]bool, size int, version string) {
	f.t.Helper()
	if len(np.Nodes) != size {
		f.t.Fatalf("after the cycle: %d nodes, want %d", len(np.Nodes), size)
	}
	for i := range np.Nodes {
		n := &np.Nodes[i]
		if old[*n.Id] || n.LifecycleState != ce.NodeLifecycleStateActive || *n.KubernetesVersion != version {
			f.t.Fatalf("after the cycle: node %s (%s, %s, replaced %v)", *n.Id, n.LifecycleState, *n.KubernetesVersion, !old[*n.Id])
		}
	}
}

func nodeIDs(np ce.NodePool) map[string]bool {
	ids := map[string]bool{}
	for i := range np.Nodes {
		ids[*np.Nodes[i].Id] = true
	}
	return ids
}

func cyclingOn(surge, unavailable string) *ce.NodePoolCyclingDetails {
	return &ce.NodePoolCyclingDetails{IsNodeCyclingEnabled: common.Bool(true),
		MaximumSurge: common.String(surge), MaximumUnavailable: common.String(unavailable)}
}

// TestOKENodeCyclingSurge checks a Kubernetes upgrade of three nodes with surge 1 and unavailable 0: one extra
// node at a time, never fewer than three ACTIVE, every node replaced, addresses released.
func TestOKENodeCyclingSurge(t *testing.T) {
	f := newCycleFixture(t)
	id := f.nodePool(3, cyclingOn("1", "0"))
	old, ips := nodeIDs(f.get(id)), f.usedIPs()
	if _, ok := f.sim.NodePoolCycle(id); ok {
		t.Fatal("a node pool that never cycled has cycle statistics")
	}
	wr := f.update(id, ce.UpdateNodePoolDetails{KubernetesVersion: common.String("v1.32.1")})
	seen := f.watchCycle(id, wr, 3, 1, 0)
	f.checkReplaced(seen.final, old, 3, "v1.32.1")
	if seen.maxNodes != 4 || seen.minActive != 3 || seen.steps < 6 {
		t.Fatalf("seen: %d steps, at most %d nodes, at least %d ACTIVE", seen.steps, seen.maxNodes, seen.minActive)
	}
	if got := f.usedIPs(); got != ips {
		t.Fatalf("private IPs in use: %d after the cycle, %d before", got, ips)
	}
	stats, ok := f.sim.NodePoolCycle(id)
	if want := (CycleStats{Size: 3, MaxNodes: 4, MinActive: 3, Replaced: 3, Done: true}); !ok || stats != want {
		t.Fatalf("cycle statistics: %+v, want %+v", stats, want)
	}
}

// TestOKENodeCyclingPercent checks an image change on four nodes with surge and unavailable "50%": two nodes
// replaced at a time, six nodes at most and two ACTIVE at least.
func TestOKENodeCyclingPercent(t *testing.T) {
	f := newCycleFixture(t)
	id := f.nodePool(4, cyclingOn("50%", "50%"))
	old := nodeIDs(f.get(id))
	image := f.sim.Images(iad)[1].ID
	wr := f.update(id, ce.UpdateNodePoolDetails{NodeSourceDetails: ce.NodeSourceViaImageDetails{ImageId: &image}})
	seen := f.watchCycle(id, wr, 4, 2, 2)
	f.checkReplaced(seen.final, old, 4, "v1.31.1")
	if seen.maxNodes != 6 || seen.minActive != 2 || *seen.final.NodeImageId != image {
		t.Fatalf("seen: at most %d nodes, at least %d ACTIVE, image %s", seen.maxNodes, seen.minActive, *seen.final.NodeImageId)
	}
	for _, n := range f.sim.NodePoolNodes() {
		if n.ImageID != image || !n.Live {
			t.Fatalf("node after the image change: %+v", n)
		}
	}
	if stats, _ := f.sim.NodePoolCycle(id); stats.Replaced != 4 || stats.MaxNodes != 6 || stats.MinActive != 2 || !stats.Done {
		t.Fatalf("cycle statistics: %+v", stats)
	}
}

// TestOKENodePoolUpdateWithoutCycling checks that without node cycling a version change leaves the existing
// nodes alone and applies to nodes created later.
func TestOKENodePoolUpdateWithoutCycling(t *testing.T) {
	f := newCycleFixture(t)
	id := f.nodePool(3, &ce.NodePoolCyclingDetails{IsNodeCyclingEnabled: common.Bool(false)})
	old := nodeIDs(f.get(id))
	f.update(id, ce.UpdateNodePoolDetails{KubernetesVersion: common.String("v1.32.1")})
	f.sim.Advance(time.Minute)
	np := f.get(id)
	if np.LifecycleState != ce.NodePoolLifecycleStateActive || *np.KubernetesVersion != "v1.32.1" {
		t.Fatalf("node pool after the upgrade: %s on %s", np.LifecycleState, *np.KubernetesVersion)
	}
	for _, n := range np.Nodes {
		if !old[*n.Id] || *n.KubernetesVersion != "v1.31.1" {
			t.Fatalf("node after an upgrade without cycling: %s on %s (existing %v)", *n.Id, *n.KubernetesVersion, old[*n.Id])
		}
	}
	f.update(id, ce.UpdateNodePoolDetails{NodeConfigDetails: &ce.UpdateNodePoolNodeConfigDetails{Size: common.Int(4)}})
	f.sim.Advance(time.Minute)
	np = f.get(id)
	if len(np.Nodes) != 4 || *np.Nodes[3].KubernetesVersion != "v1.32.1" || !old[*np.Nodes[0].Id] {
		t.Fatalf("after scale-out: %d nodes, the new one on %s", len(np.Nodes), *np.Nodes[len(np.Nodes)-1].KubernetesVersion)
	}
	if _, ok := f.sim.NodePoolCycle(id); ok {
		t.Fatal("a node pool without cycling reports a cycle")
	}
}

// TestOKENodeCyclingChecks checks the validation of cycling details and that a pool refuses another update while
// it cycles its nodes.
func TestOKENodeCyclingChecks(t *testing.T) {
	f := newCycleFixture(t)
	id := f.nodePool(2, cyclingOn("1", "0"))
	old := nodeIDs(f.get(id))
	f.update(id, ce.UpdateNodePoolDetails{NodeConfigDetails: &ce.UpdateNodePoolNodeConfigDetails{Size: common.Int(3)}})
	f.sim.Advance(time.Minute)
	if np := f.get(id); len(np.Nodes) != 3 || !old[*np.Nodes[0].Id] || !old[*np.Nodes[1].Id] {
		t.Fatalf("a resize with cycling enabled: %d nodes", len(np.Nodes))
	}
	if _, ok := f.sim.NodePoolCycle(id); ok {
		t.Fatal("a resize cycled the nodes")
	}
	for _, c := range [][2]string{{"0", "0"}, {"0%", "0"}, {"abc", "0"}, {"1", "150%"}, {"-1", "1"}} {
		_, err := f.ce.UpdateNodePool(f.ctx, ce.UpdateNodePoolRequest{NodePoolId: &id,
			UpdateNodePoolDetails: ce.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn(c[0], c[1])}})
		wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	}
	f.update(id, ce.UpdateNodePoolDetails{NodeMetadata: map[string]string{"user_data": "Y2xvdWQtaW5pdA=="}})
	_, err := f.ce.UpdateNodePool(f.ctx, ce.UpdateNodePoolRequest{NodePoolId: &id,
		UpdateNodePoolDetails: ce.UpdateNodePoolDetails{KubernetesVersion: common.String("v1.32.1")}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	f.sim.Advance(10 * time.Minute)
	if stats, ok := f.sim.NodePoolCycle(id); !ok || !stats.Done || stats.Replaced != 3 {
		t.Fatalf("metadata change: cycle %+v", stats)
	}
	f.update(id, ce.UpdateNodePoolDetails{KubernetesVersion: common.String("v1.32.1")})
	if np := f.get(id); np.LifecycleState != ce.NodePoolLifecycleStateUpdating {
		t.Fatalf("node pool after an upgrade once the cycle finished: %s", np.LifecycleState)
	}
}

// TestOKENodeCyclingInstant checks that without delays a cycle completes by the next read, its steps still
// honouring the surge.
func TestOKENodeCyclingInstant(t *testing.T) {
	f := &cycleFixture{okeFixture: newOKEFixture(t, Options{}), t: t}
	id := f.nodePool(2, cyclingOn("1", "0"))
	old := nodeIDs(f.get(id))
	wr := f.update(id, ce.UpdateNodePoolDetails{NodeShape: common.String("VM.Standard.E5.Flex")})
	f.checkReplaced(f.get(id), old, 2, "v1.31.1")
	if w := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: &wr})); w.Status != ce.WorkRequestStatusSucceeded {
		t.Fatalf("work request: %s", w.Status)
	}
	stats, ok := f.sim.NodePoolCycle(id)
	if want := (CycleStats{Size: 2, MaxNodes: 3, MinActive: 2, Replaced: 2, Done: true}); !ok || stats != want {
		t.Fatalf("cycle statistics: %+v, want %+v", stats, want)
	}
}
