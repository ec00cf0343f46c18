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

package nodepool

import (
	"cmp"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"
)

// The comparisons of a desired setting with the pool's: a setting the spec leaves out (nil) is as desired
// whatever the pool has.

// sameSet reports whether two lists hold the same strings, in any order (none and empty alike).
func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// sameLabels reports whether two lists of labels are the same, in any order.
func sameLabels(want, have []containerengine.KeyValue) bool {
	pairs := func(kvs []containerengine.KeyValue) []string {
		out := make([]string, 0, len(kvs))
		for _, kv := range kvs {
			out = append(out, ptr.Deref(kv.Key, "")+"\x00"+ptr.Deref(kv.Value, ""))
		}
		return out
	}
	return sameSet(pairs(want), pairs(have))
}

// sameShapeConfig compares the OCPUs and memory the spec gives with the pool's, by value.
func sameShapeConfig(ocpus, memory *float32, have *containerengine.NodeShapeConfig) bool {
	if have == nil {
		have = &containerengine.NodeShapeConfig{}
	}
	return sameValue(ocpus, have.Ocpus) && sameValue(memory, have.MemoryInGBs)
}

// sameValue reports whether have is want, or want is nil.
func sameValue[T comparable](want, have *T) bool {
	return want == nil || (have != nil && *have == *want)
}

func sameEviction(want, have *containerengine.NodeEvictionNodePoolSettings) bool {
	if want == nil {
		return true
	}
	if have == nil {
		have = &containerengine.NodeEvictionNodePoolSettings{}
	}
	return sameValue(want.EvictionGraceDuration, have.EvictionGraceDuration) &&
		(want.IsForceDeleteAfterGraceDuration == nil ||
			*want.IsForceDeleteAfterGraceDuration == ptr.Deref(have.IsForceDeleteAfterGraceDuration, false))
}

func sameCycling(want, have *containerengine.NodePoolCyclingDetails) bool {
	if want == nil {
		return true
	}
	if have == nil {
		have = &containerengine.NodePoolCyclingDetails{}
	}
	return (want.IsNodeCyclingEnabled == nil || *want.IsNodeCyclingEnabled == ptr.Deref(have.IsNodeCyclingEnabled, false)) &&
		sameValue(want.MaximumSurge, have.MaximumSurge) && sameValue(want.MaximumUnavailable, have.MaximumUnavailable)
}

// cyclingEnabled reports whether cycling details enable node cycling.
func cyclingEnabled(c *containerengine.NodePoolCyclingDetails) bool {
	return c != nil && ptr.Deref(c.IsNodeCyclingEnabled, false)
}

// samePlacements compares placements by availability domain and subnet, in any order; fault domains and the
// capacity reservation only when the desired placement gives them.
func samePlacements(want, have []containerengine.NodePoolPlacementConfigDetails) bool {
	if len(want) != len(have) {
		return false
	}
	w, h := sortedPlacements(want), sortedPlacements(have)
	for i := range w {
		if ptr.Deref(w[i].AvailabilityDomain, "") != ptr.Deref(h[i].AvailabilityDomain, "") ||
			ptr.Deref(w[i].SubnetId, "") != ptr.Deref(h[i].SubnetId, "") ||
			(len(w[i].FaultDomains) > 0 && !sameSet(w[i].FaultDomains, h[i].FaultDomains)) ||
			!sameValue(w[i].CapacityReservationId, h[i].CapacityReservationId) {
			return false
		}
	}
	return true
}

func sortedPlacements(ps []containerengine.NodePoolPlacementConfigDetails) []containerengine.NodePoolPlacementConfigDetails {
	return slices.SortedFunc(slices.Values(ps), func(a, b containerengine.NodePoolPlacementConfigDetails) int {
		return cmp.Or(cmp.Compare(ptr.Deref(a.AvailabilityDomain, ""), ptr.Deref(b.AvailabilityDomain, "")),
			cmp.Compare(ptr.Deref(a.SubnetId, ""), ptr.Deref(b.SubnetId, "")))
	})
}

func placementsOf(np *containerengine.NodePool) []containerengine.NodePoolPlacementConfigDetails {
	if np.NodeConfigDetails == nil {
		return nil
	}
	return np.NodeConfigDetails.PlacementConfigs
}

// samePodNetwork compares the desired pod network with the pool's: VCN-native pods by their subnets and NSGs (in
// any order) and, when the spec gives it, their maximum per node; flannel's overlay by its kind.
func samePodNetwork(want, have containerengine.NodePoolPodNetworkOptionDetails) bool {
	h, native := vcnNative(have)
	switch w := want.(type) {
	case containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails:
		return native && sameSet(w.PodSubnetIds, h.PodSubnetIds) && sameSet(w.PodNsgIds, h.PodNsgIds) &&
			sameValue(w.MaxPodsPerNode, h.MaxPodsPerNode)
	case containerengine.FlannelOverlayNodePoolPodNetworkOptionDetails:
		return !native
	default:
		return true
	}
}

// vcnNative returns the VCN-native pod network options of a pool, if that is its pod network.
func vcnNative(o containerengine.NodePoolPodNetworkOptionDetails) (containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails, bool) {
	switch v := o.(type) {
	case containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails:
		return v, true
	case *containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails:
		if v != nil {
			return *v, true
		}
	}
	return containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails{}, false
}

// imageOf returns a pool's image and boot volume size.
func imageOf(np *containerengine.NodePool) (string, *int64) {
	switch src := np.NodeSourceDetails.(type) {
	case containerengine.NodeSourceViaImageDetails:
		return ptr.Deref(src.ImageId, ""), src.BootVolumeSizeInGBs
	case *containerengine.NodeSourceViaImageDetails:
		if src != nil {
			return ptr.Deref(src.ImageId, ""), src.BootVolumeSizeInGBs
		}
	}
	return ptr.Deref(np.NodeImageId, ""), nil
}
