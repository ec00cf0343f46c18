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

package virtualnodepool

import (
	"cmp"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// UpdateDetails is the UpdateVirtualNodePool request body that brings existing to the desired state, or nil when
// it is there. Only what differs is sent: the name, the size, the placements (compared by availability domain and
// subnet in any order; their fault domains only when the spec gives them), the NSGs, labels and taints (compared
// in any order), the pod configuration (its subnet, shape and NSGs) and the cluster's tags on the pool and on its
// virtual nodes (put back, others kept). A list the spec empties is sent empty, which clears it.
func (s *Spec) UpdateDetails(existing *containerengine.VirtualNodePool) (any, error) {
	d := &s.d
	var u containerengine.UpdateVirtualNodePoolDetails
	changed := false
	if ptr.Deref(existing.DisplayName, "") != s.Name() {
		u.DisplayName, changed = ptr.To(s.Name()), true
	}
	if ptr.Deref(existing.Size, -1) != d.size {
		u.Size, changed = ptr.To(d.size), true
	}
	if !samePlacements(d.placements, existing.PlacementConfigurations) {
		u.PlacementConfigurations, changed = d.placements, true
	}
	if !sameSet(d.nsgIDs, existing.NsgIds) {
		u.NsgIds, changed = d.nsgIDs, true
	}
	if !sameLabels(d.labels, existing.InitialVirtualNodeLabels) {
		u.InitialVirtualNodeLabels, changed = d.labels, true
	}
	if !sameTaints(d.taints, existing.Taints) {
		u.Taints, changed = d.taints, true
	}
	if !samePod(&d.pod, existing.PodConfiguration) {
		u.PodConfiguration, changed = d.podConfiguration(), true
	}
	if s.tagChanges(existing, &u) {
		changed = true
	}
	if !changed {
		return nil, nil
	}
	return u, nil
}

// tagChanges sets the cluster's tags lacking on the pool or on its virtual nodes, with the tags of others kept,
// and reports whether there were any.
func (s *Spec) tagChanges(ex *containerengine.VirtualNodePool, u *containerengine.UpdateVirtualNodePoolDetails) bool {
	changed := false
	if svc.TagsDiffer(ex.FreeformTags, ex.DefinedTags, s.Tags, s.Defined) {
		u.FreeformTags, u.DefinedTags = s.MergedTags(ex.FreeformTags, ex.DefinedTags)
		changed = true
	}
	vt := ex.VirtualNodeTags
	if vt == nil {
		vt = &containerengine.VirtualNodeTags{}
	}
	if svc.TagsDiffer(vt.FreeformTags, vt.DefinedTags, s.Tags, s.Defined) {
		u.VirtualNodeTags = &containerengine.VirtualNodeTags{}
		u.VirtualNodeTags.FreeformTags, u.VirtualNodeTags.DefinedTags = s.MergedTags(vt.FreeformTags, vt.DefinedTags)
		changed = true
	}
	return changed
}

// sameSet reports whether two lists hold the same strings, in any order (none and empty alike).
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// sameLabels reports whether two lists of labels are the same, in any order.
func sameLabels(want, have []containerengine.InitialVirtualNodeLabel) bool {
	pairs := func(kvs []containerengine.InitialVirtualNodeLabel) []string {
		out := make([]string, 0, len(kvs))
		for _, kv := range kvs {
			out = append(out, ptr.Deref(kv.Key, "")+"\x00"+ptr.Deref(kv.Value, ""))
		}
		return out
	}
	return sameSet(pairs(want), pairs(have))
}

// sameTaints reports whether two lists of taints are the same (key, value and effect), in any order.
func sameTaints(want, have []containerengine.Taint) bool {
	triples := func(ts []containerengine.Taint) []string {
		out := make([]string, 0, len(ts))
		for _, t := range ts {
			out = append(out, ptr.Deref(t.Key, "")+"\x00"+ptr.Deref(t.Value, "")+"\x00"+ptr.Deref(t.Effect, ""))
		}
		return out
	}
	return sameSet(triples(want), triples(have))
}

// samePod compares the desired pod configuration with the pool's: its subnet, its shape and its NSGs, in any
// order.
func samePod(want, have *containerengine.PodConfiguration) bool {
	if have == nil {
		have = &containerengine.PodConfiguration{}
	}
	return ptr.Deref(want.SubnetId, "") == ptr.Deref(have.SubnetId, "") && ptr.Deref(want.Shape, "") == ptr.Deref(have.Shape, "") &&
		sameSet(want.NsgIds, have.NsgIds)
}

// samePlacements compares placements by availability domain and subnet, in any order; fault domains only when
// the desired placement gives them.
func samePlacements(want, have []containerengine.PlacementConfiguration) bool {
	if len(want) != len(have) {
		return false
	}
	w, h := sortedPlacements(want), sortedPlacements(have)
	for i := range w {
		if ptr.Deref(w[i].AvailabilityDomain, "") != ptr.Deref(h[i].AvailabilityDomain, "") ||
			ptr.Deref(w[i].SubnetId, "") != ptr.Deref(h[i].SubnetId, "") ||
			(len(w[i].FaultDomain) > 0 && !sameSet(w[i].FaultDomain, h[i].FaultDomain)) {
			return false
		}
	}
	return true
}

func sortedPlacements(ps []containerengine.PlacementConfiguration) []containerengine.PlacementConfiguration {
	return slices.SortedFunc(slices.Values(ps), func(a, b containerengine.PlacementConfiguration) int {
		return cmp.Or(cmp.Compare(ptr.Deref(a.AvailabilityDomain, ""), ptr.Deref(b.AvailabilityDomain, "")),
			cmp.Compare(ptr.Deref(a.SubnetId, ""), ptr.Deref(b.SubnetId, "")))
	})
}
