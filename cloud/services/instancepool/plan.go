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

package instancepool

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Policy is how many instances an OCIMachinePool wants and how it replaces them.
type Policy struct {
	// Replicas is the MachinePool's desired size.
	Replicas int
	// External is true when something outside Cluster API sizes the pool (cluster.x-k8s.io/replicas-managed-by):
	// the pool is never resized and no instance is chosen for removal; an instance whose machine is deleted is
	// replaced, keeping the size the external scaler set.
	External bool
	// MaxSurge is how many instances above Replicas a rolling replacement may launch; MaxUnavailable how many
	// below Replicas may lack a ready Node while it runs. They are never both zero.
	MaxSurge, MaxUnavailable int
}

// Machine is what Kubernetes says of one instance of the pool, through its OCIMachinePoolMachine and its Machine.
type Machine struct {
	// Leaving is true when the Machine or the OCIMachinePoolMachine is being deleted: the instance no longer counts.
	Leaving bool
	// Release is true when the OCIMachinePoolMachine is being deleted (its Machine's Node drained): the instance is
	// to leave the pool now, and be terminated.
	Release bool
	// Marked is true when the Machine carries cluster.x-k8s.io/delete-machine: it goes first on a scale down.
	Marked bool
	// Ready is true when the Machine's Node is ready.
	Ready bool
}

// Member is one instance of the pool as a plan sees it.
type Member struct {
	Machine
	ID string
	// Outdated is true when the instance was launched from a configuration of an earlier template.
	Outdated bool
	Created  time.Time
}

// Detach takes one instance out of the pool and terminates it. Decrement lowers the pool's size with it; without
// it OCI launches a replacement from the pool's current configuration at once.
type Detach struct {
	ID        string
	Decrement bool
}

// Plan is what one look at the pool does.
type Plan struct {
	// Detach are the instances to take out of the pool now (their OCIMachinePoolMachines are being deleted).
	Detach []Detach
	// Size is the size to grow the pool to, nil when it keeps its size. A pool is never shrunk by its size (OCI
	// would choose the instances): instances leave it one by one through Detach.
	Size *int
	// Remove are the instances chosen to go, for a scale down or a rolling replacement: the controller deletes
	// their Machines, whose deletion (after draining the Node) releases them.
	Remove []string
	// Target is the size the pool is heading for: Replicas, plus the surge while instances are out of date.
	Target int
}

// NewPlan plans one look at a pool whose size in OCI is size, with members. Instances being released leave first, each
// lowering the size while the pool is above its target and being replaced otherwise (a remediated Machine, or a
// rolling replacement's step). Then the pool grows to its target, or the members above it are chosen to go
// (marked Machines first, then those not ready, out of date, oldest). While members are out of date and none is
// above the target, the out-of-date ones go as far as MaxUnavailable allows: those not ready first, and a ready
// one only while the ready members left stay at Replicas - MaxUnavailable or more.
func NewPlan(p Policy, size int, members []Member) Plan {
	var active, outdated []Member
	for _, m := range members {
		if m.Leaving {
			continue
		}
		active = append(active, m)
		if m.Outdated {
			outdated = append(outdated, m)
		}
	}
	plan := Plan{Target: p.Replicas + min(p.MaxSurge, len(outdated))}
	if p.External {
		plan.Target = size
	}
	for _, m := range members {
		if !m.Release {
			continue
		}
		dec := !p.External && size-1 >= plan.Target
		plan.Detach = append(plan.Detach, Detach{ID: m.ID, Decrement: dec})
		if dec {
			size--
		}
	}
	if p.External {
		return plan
	}
	if size < plan.Target {
		plan.Size = &plan.Target
	}
	if excess := len(active) - plan.Target; excess > 0 {
		slices.SortStableFunc(active, byRemovalOrder)
		for _, m := range active[:excess] {
			plan.Remove = append(plan.Remove, m.ID)
		}
		return plan
	}
	plan.Remove = rollingRemovals(p, active, outdated)
	return plan
}

// rollingRemovals chooses the out-of-date members to replace now.
func rollingRemovals(p Policy, active, outdated []Member) []string {
	ready := 0
	for _, m := range active {
		if m.Ready {
			ready++
		}
	}
	floor := p.Replicas - p.MaxUnavailable
	slices.SortStableFunc(outdated, byRemovalOrder)
	var out []string
	for _, m := range outdated {
		switch {
		case !m.Ready:
			out = append(out, m.ID)
		case ready-1 >= floor:
			out = append(out, m.ID)
			ready--
		}
	}
	return out
}

// byRemovalOrder orders members by which goes first: marked, not ready, out of date, oldest (then by OCID).
func byRemovalOrder(a, b Member) int {
	rank := func(m Member) int {
		r := 0
		if !m.Marked {
			r += 4
		}
		if m.Ready {
			r += 2
		}
		if !m.Outdated {
			r++
		}
		return r
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
}
