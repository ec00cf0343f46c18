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
	"maps"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// update is an UpdateNodePool request body being built, with what kind of change it carries.
type update struct {
	body containerengine.UpdateNodePoolDetails
	nc   containerengine.UpdateNodePoolNodeConfigDetails
	// pool: the pool's own settings; nodes: what OKE applies to the nodes, by cycling them when enabled;
	// placed: the placements; cycling: the cycling details are sent; withNC: the node config is sent.
	pool, nodes, placed, cycling, withNC bool
}

// UpdateDetails is the UpdateNodePool request body that brings existing to the desired state, or nil when it is
// there. Only what differs is sent, and what the spec leaves out (a shape config, boot volume size, KMS key,
// eviction or cycling setting, fault domains, maximum pods per node) is not compared, so that OKE's defaults are
// not taken for drift; lists (labels, NSGs, placements, pod subnets) are compared in any order, and the shape
// config by value.
//
// The changes OKE applies to the nodes (Kubernetes version, image, boot volume, shape and shape config, labels,
// metadata, SSH key, NSGs, KMS key, in-transit encryption) are sent with the spec's cycling details, so that OKE
// replaces the nodes when the spec enables cycling. OKE does not cycle nodes in an update that changes the placements: with cycling
// enabled, a placement change goes alone, and the node changes follow in the next update.
func (s *Spec) UpdateDetails(existing *containerengine.NodePool) (any, error) {
	u := &update{}
	s.poolChanges(existing, u)
	if !samePlacements(s.d.placements, placementsOf(existing)) {
		u.nc.PlacementConfigs, u.placed, u.withNC = s.d.placements, true, true
	}
	if !u.placed || !cyclingEnabled(s.d.cycling) {
		s.nodeChanges(existing, u)
		s.nodeConfigChanges(existing.NodeConfigDetails, u)
	}
	if !u.placed && s.d.cycling != nil && (u.nodes || !sameCycling(s.d.cycling, existing.NodePoolCyclingDetails)) {
		u.body.NodePoolCyclingDetails, u.cycling = s.d.cycling, true
	}
	if u.withNC {
		u.body.NodeConfigDetails = &u.nc
	}
	if !u.pool && !u.nodes && !u.placed && !u.cycling {
		return nil, nil
	}
	return u.body, nil
}

// poolChanges sets the changes of the pool's own settings: its name, size, tags, eviction settings and pod network.
func (s *Spec) poolChanges(ex *containerengine.NodePool, u *update) {
	d := &s.d
	if ptr.Deref(ex.Name, "") != s.Name() {
		u.body.Name, u.pool = ptr.To(s.Name()), true
	}
	if svc.TagsDiffer(ex.FreeformTags, ex.DefinedTags, s.Tags, s.Defined) {
		u.body.FreeformTags, u.body.DefinedTags = s.MergedTags(ex.FreeformTags, ex.DefinedTags)
		u.pool = true
	}
	if !sameEviction(d.eviction, ex.NodeEvictionNodePoolSettings) {
		u.body.NodeEvictionNodePoolSettings, u.pool = d.eviction, true
	}
	nc := ex.NodeConfigDetails
	if nc == nil {
		nc = &containerengine.NodePoolNodeConfigDetails{}
	}
	if ptr.Deref(nc.Size, -1) != d.size {
		u.nc.Size, u.withNC, u.pool = ptr.To(d.size), true, true
	}
	if svc.TagsDiffer(nc.FreeformTags, nc.DefinedTags, s.Tags, s.Defined) {
		u.nc.FreeformTags, u.nc.DefinedTags = s.MergedTags(nc.FreeformTags, nc.DefinedTags)
		u.withNC, u.pool = true, true
	}
	if !samePodNetwork(d.podNetwork, nc.NodePoolPodNetworkOptionDetails) {
		u.nc.NodePoolPodNetworkOptionDetails, u.withNC, u.pool = d.podNetwork, true, true
	}
}

// nodeChanges sets the changes of the nodes' settings that OKE applies by cycling them.
func (s *Spec) nodeChanges(ex *containerengine.NodePool, u *update) {
	d := &s.d
	if d.version != "" && ptr.Deref(ex.KubernetesVersion, "") != d.version {
		u.body.KubernetesVersion, u.nodes = ptr.To(d.version), true
	}
	if d.shape != "" && ptr.Deref(ex.NodeShape, "") != d.shape {
		u.body.NodeShape, u.nodes = ptr.To(d.shape), true
	}
	if !sameShapeConfig(d.ocpus, d.memory, ex.NodeShapeConfig) {
		u.body.NodeShapeConfig = &containerengine.UpdateNodeShapeConfigDetails{Ocpus: d.ocpus, MemoryInGBs: d.memory}
		u.nodes = true
	}
	image, boot := imageOf(ex)
	if (d.image != "" && d.image != image) || (d.bootVolume != nil && ptr.Deref(boot, -1) != *d.bootVolume) {
		u.body.NodeSourceDetails = containerengine.NodeSourceViaImageDetails{ImageId: ptr.To(cmp.Or(d.image, image)),
			BootVolumeSizeInGBs: cmp.Or(d.bootVolume, boot)}
		u.nodes = true
	}
	if !sameLabels(d.labels, ex.InitialNodeLabels) {
		u.body.InitialNodeLabels, u.nodes = d.labels, true
	}
	if !maps.Equal(d.metadata, ex.NodeMetadata) {
		// An empty map, not none, clears the metadata.
		u.body.NodeMetadata, u.nodes = map[string]string{}, true
		maps.Copy(u.body.NodeMetadata, d.metadata)
	}
	if ptr.Deref(ex.SshPublicKey, "") != d.sshKey {
		u.body.SshPublicKey, u.nodes = ptr.To(d.sshKey), true
	}
}

// nodeConfigChanges sets the changes of the node config that OKE applies by cycling the nodes.
func (s *Spec) nodeConfigChanges(nc *containerengine.NodePoolNodeConfigDetails, u *update) {
	d := &s.d
	if nc == nil {
		nc = &containerengine.NodePoolNodeConfigDetails{}
	}
	if !sameSet(d.nsgIDs, nc.NsgIds) {
		u.nc.NsgIds, u.withNC, u.nodes = d.nsgIDs, true, true
	}
	if d.kms != "" && ptr.Deref(nc.KmsKeyId, "") != d.kms {
		u.nc.KmsKeyId, u.withNC, u.nodes = ptr.To(d.kms), true, true
	}
	if d.pvInTransit != nil && ptr.Deref(nc.IsPvEncryptionInTransitEnabled, false) != *d.pvInTransit {
		u.nc.IsPvEncryptionInTransitEnabled, u.withNC, u.nodes = d.pvInTransit, true, true
	}
}
