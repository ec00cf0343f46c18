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
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// CycleStats describes a node pool's last node cycle: the replacement of its nodes after an update changed their
// Kubernetes version, image, shape, metadata or network while node cycling was enabled.
type CycleStats struct {
	// Size is the pool's size the cycle worked towards.
	Size int
	// MaxNodes is the most nodes (creating, active or deleting) the pool held at once.
	MaxNodes int
	// MinActive is the fewest ACTIVE nodes the pool held at once.
	MinActive int
	// Replaced is how many of the nodes the pool held when the cycle began are gone.
	Replaced int
	// Done reports that every node was replaced and the pool is back to its size.
	Done bool
}

// nodePoolState is what the emulator keeps about a node pool beyond its model.
type nodePoolState struct {
	// images holds the image each node was launched from, by node id.
	images map[string]string
	// launched counts the nodes ever launched; it names and places the next one.
	launched int
	// cycle is the pool's last node cycle, nil before the first.
	cycle *nodeCycle
}

// nodeCycle is a running or finished node cycle.
type nodeCycle struct {
	// old holds the nodes the cycle replaces.
	old                map[string]bool
	surge, unavailable int
	stats              CycleStats
}

// poolState returns a node pool's emulator state, creating it on first use.
func poolState(r *record) *nodePoolState {
	ps, ok := r.extra.(*nodePoolState)
	if !ok {
		ps = &nodePoolState{images: map[string]string{}}
		r.extra = ps
	}
	return ps
}

// NodePoolCycle returns the statistics of a node pool's last node cycle, and false when the pool is unknown or
// never cycled its nodes.
func (s *Sim) NodePoolCycle(id string) (CycleStats, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.recs[id]
	if !ok || r.kind != KindNodePool {
		return CycleStats{}, false
	}
	s.advance(r, s.now())
	cy := poolState(r).cycle
	if cy == nil {
		return CycleStats{}, false
	}
	return cy.stats, true
}

// cycleSettings are the settings of a node pool whose change makes OKE replace its nodes.
type cycleSettings struct {
	version, image, shape string
	ocpus, memory         float32
	metadata              map[string]string
	nsgs                  []string
	placements            []ce.NodePoolPlacementConfigDetails
	podNetwork            ce.NodePoolPodNetworkOptionDetails
}

// cycleSettingsOf captures a node pool's cycle settings. Updates replace the values it holds rather than
// modifying them, so the capture stays as it was.
func cycleSettingsOf(np *ce.NodePool) cycleSettings {
	cs := cycleSettings{version: ptrVal(np.KubernetesVersion), image: ptrVal(np.NodeImageId),
		shape: ptrVal(np.NodeShape), metadata: np.NodeMetadata}
	if sc := np.NodeShapeConfig; sc != nil {
		cs.ocpus, cs.memory = ptrVal(sc.Ocpus), ptrVal(sc.MemoryInGBs)
	}
	if nc := np.NodeConfigDetails; nc != nil {
		cs.nsgs, cs.placements, cs.podNetwork = nc.NsgIds, nc.PlacementConfigs, nc.NodePoolPodNetworkOptionDetails
	}
	return cs
}

// differs reports whether two captures differ in anything that makes OKE replace nodes.
func (a cycleSettings) differs(b cycleSettings) bool {
	samePlacements := (len(a.placements) == 0 && len(b.placements) == 0) || reflect.DeepEqual(a.placements, b.placements)
	return a.version != b.version || a.image != b.image || a.shape != b.shape || a.ocpus != b.ocpus ||
		a.memory != b.memory || !maps.Equal(a.metadata, b.metadata) || !slices.Equal(a.nsgs, b.nsgs) ||
		!samePlacements || !reflect.DeepEqual(a.podNetwork, b.podNetwork)
}

// cyclingEnabled reports whether a node pool replaces its nodes when their settings change.
func cyclingEnabled(np *ce.NodePool) bool {
	return np.NodePoolCyclingDetails != nil && ptrVal(np.NodePoolCyclingDetails.IsNodeCyclingEnabled)
}

// cycleLimit is a maximum surge or unavailability: a count, or a percentage of the pool's size.
type cycleLimit struct {
	n       int
	percent bool
}

// parseCycleLimit parses "2" or "25%"; "" is def, OKE's default.
func parseCycleLimit(field string, v *string, def string) (cycleLimit, error) {
	s := def
	if v != nil && *v != "" {
		s = *v
	}
	digits, percent := strings.CutSuffix(strings.TrimSpace(s), "%")
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || (percent && n > 100) {
		return cycleLimit{}, errInvalid("%s must be a non-negative integer or a percentage from 0%% to 100%%, got %q.", field, s)
	}
	return cycleLimit{n: n, percent: percent}, nil
}

// of evaluates a limit for a pool of size nodes, rounding a percentage up or down.
func (l cycleLimit) of(size int, up bool) int {
	if !l.percent {
		return min(l.n, size)
	}
	if up {
		return (size*l.n + 99) / 100
	}
	return size * l.n / 100
}

// checkCycling validates node cycling details: both limits must parse, and with cycling enabled they cannot
// both be zero.
func checkCycling(d *ce.NodePoolCyclingDetails) error {
	if d == nil {
		return nil
	}
	surge, err := parseCycleLimit("maximumSurge", d.MaximumSurge, "1")
	if err != nil {
		return err
	}
	unavailable, err := parseCycleLimit("maximumUnavailable", d.MaximumUnavailable, "0")
	if err != nil {
		return err
	}
	if ptrVal(d.IsNodeCyclingEnabled) && surge.n == 0 && unavailable.n == 0 {
		return errInvalid("maximumSurge and maximumUnavailable cannot both be 0: node cycling needs a surge or an unavailable node.")
	}
	return nil
}

// cycleLimits returns the surge and unavailability a cycle of a pool of size nodes honours. A surge rounds up and
// an unavailability down, as Kubernetes rolls deployments; when both come to zero one node may be unavailable.
func cycleLimits(d *ce.NodePoolCyclingDetails, size int) (surge, unavailable int) {
	s, _ := parseCycleLimit("maximumSurge", d.MaximumSurge, "1")
	u, _ := parseCycleLimit("maximumUnavailable", d.MaximumUnavailable, "0")
	surge, unavailable = s.of(size, true), u.of(size, false)
	if surge == 0 && unavailable == 0 {
		unavailable = 1
	}
	return surge, unavailable
}

// cycleCounts is a cycle's nodes once a step's due transitions are applied: old ACTIVE nodes, old nodes in another
// state, and new nodes (all ACTIVE by then).
type cycleCounts struct {
	oldActive, oldOther, fresh int
}

// plan decides one step of a cycle towards size nodes: old nodes in another state are all deleted, old ACTIVE
// ones while more than size-unavailable nodes stay ACTIVE, and new ones created while fewer than size+surge
// nodes exist (deleting ones count until they are gone).
func (n cycleCounts) plan(size, surge, unavailable int) (dropOther, dropActive, create int) {
	dropOther = n.oldOther
	dropActive = min(n.oldActive, max(0, n.oldActive+n.fresh-(size-unavailable)))
	create = max(0, min(size-n.fresh, size+surge-(n.oldActive+n.oldOther+n.fresh)))
	return dropOther, dropActive, create
}

// cycleSteps returns how many steps a cycle takes before a step finds nothing left to do.
func cycleSteps(n cycleCounts, size, surge, unavailable int) int {
	steps := 0
	for {
		_, dropActive, create := n.plan(size, surge, unavailable)
		if n.oldOther+dropActive+create == 0 {
			return steps
		}
		n = cycleCounts{oldActive: n.oldActive - dropActive, fresh: n.fresh + create}
		steps++
	}
}

// startCycle replaces a node pool's nodes in steps the pool's delay apart, behind one NODEPOOL_UPDATE work request
// that lasts until the last step; the pool is UPDATING until then. A work request failed or stuck by a fault
// leaves the nodes alone. It returns the work request's id.
func (c *call) startCycle(r *record, surge, unavailable int) string {
	wr, outcome := c.startWork("NODEPOOL_UPDATE", "nodepool", "UPDATED", KindNodePool, r)
	r.steps = nil
	r.setState(stUpdating)
	defer c.sim.st.bump(r)
	switch outcome {
	case wrFailed:
		c.then(r, KindNodePool, "FAILED", nil)
		return wr.id
	case "":
		return wr.id
	}
	np := r.obj.(*ce.NodePool)
	cy := &nodeCycle{old: map[string]bool{}, surge: surge, unavailable: unavailable,
		stats: CycleStats{Size: poolSize(np), MinActive: math.MaxInt}}
	var n cycleCounts
	for i := range np.Nodes {
		node := &np.Nodes[i]
		cy.old[*node.Id] = true
		if node.LifecycleState == ce.NodeLifecycleStateActive {
			n.oldActive++
		} else {
			n.oldOther++
		}
	}
	cy.observe(np.Nodes)
	poolState(r).cycle = cy
	steps := max(1, cycleSteps(n, cy.stats.Size, surge, unavailable))
	c.sim.cycleStep(r, c.now)
	d := c.delay(KindNodePool)
	for k := 1; k <= steps; k++ {
		st := step{at: c.now.Add(time.Duration(k) * d), fn: func(at time.Time) { c.sim.cycleStep(r, at) }}
		if k == steps {
			st.state = stActive
		}
		r.steps = append(r.steps, st)
	}
	wr.steps[len(wr.steps)-1].at = c.now.Add(time.Duration(steps) * d)
	return wr.id
}

// cycleStep runs one step of a node pool's cycle at a time: new nodes that were CREATING become ACTIVE, replaced
// nodes that were DELETING disappear, then the step's deletions and creations begin.
func (s *Sim) cycleStep(r *record, at time.Time) {
	np, cy := r.obj.(*ce.NodePool), poolState(r).cycle
	n := s.settleCycle(r)
	dropOther, dropActive, create := n.plan(cy.stats.Size, cy.surge, cy.unavailable)
	if dropOther+dropActive+create == 0 {
		cy.stats.Done = true
	}
	for i := range np.Nodes {
		node := &np.Nodes[i]
		if !cy.old[*node.Id] || node.LifecycleState == ce.NodeLifecycleStateDeleting {
			continue
		}
		switch {
		case node.LifecycleState != ce.NodeLifecycleStateActive && dropOther > 0:
			node.LifecycleState, dropOther = ce.NodeLifecycleStateDeleting, dropOther-1
		case node.LifecycleState == ce.NodeLifecycleStateActive && dropActive > 0:
			node.LifecycleState, dropActive = ce.NodeLifecycleStateDeleting, dropActive-1
		}
	}
	for range create {
		s.addNode(r, at, ce.NodeLifecycleStateCreating)
	}
	cy.observe(np.Nodes)
}

// settleCycle applies the transitions due at a cycle's step and counts its nodes.
func (s *Sim) settleCycle(r *record) cycleCounts {
	np, cy := r.obj.(*ce.NodePool), poolState(r).cycle
	var n cycleCounts
	for i := len(np.Nodes) - 1; i >= 0; i-- {
		node := &np.Nodes[i]
		switch {
		case !cy.old[*node.Id]:
			node.LifecycleState = ce.NodeLifecycleStateActive
			n.fresh++
		case node.LifecycleState == ce.NodeLifecycleStateDeleting:
			delete(cy.old, *node.Id)
			s.dropNode(r, i)
			cy.stats.Replaced++
		case node.LifecycleState == ce.NodeLifecycleStateActive:
			n.oldActive++
		default:
			n.oldOther++
		}
	}
	return n
}

// observe records the pool's node count and ACTIVE count in the cycle's statistics.
func (cy *nodeCycle) observe(nodes []ce.Node) {
	active := 0
	for i := range nodes {
		if nodes[i].LifecycleState == ce.NodeLifecycleStateActive {
			active++
		}
	}
	cy.stats.MaxNodes = max(cy.stats.MaxNodes, len(nodes))
	cy.stats.MinActive = min(cy.stats.MinActive, active)
}
