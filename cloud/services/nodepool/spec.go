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
	"fmt"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// Spec is the desired state of an OCIManagedMachinePool's node pool, with every name of its spec resolved to an
// OCID.
type Spec struct {
	svc.Desired
	d desired
}

var _ async.Spec[containerengine.NodePool] = (*Spec)(nil)

// desired is the node pool the spec declares, in the SDK's terms.
type desired struct {
	cluster, version, shape, image, sshKey, kms string
	size                                        int
	ocpus, memory                               *float32
	bootVolume                                  *int64
	labels                                      []containerengine.KeyValue
	metadata                                    map[string]string
	eviction                                    *containerengine.NodeEvictionNodePoolSettings
	cycling                                     *containerengine.NodePoolCyclingDetails
	placements                                  []containerengine.NodePoolPlacementConfigDetails
	nsgIDs                                      []string
	pvInTransit                                 *bool
	// podNetwork is nil (none sent), an OciVcnIpNativeNodePoolPodNetworkOptionDetails or a
	// FlannelOverlayNodePoolPodNetworkOptionDetails.
	podNetwork containerengine.NodePoolPodNetworkOptionDetails
}

// NewSpec builds the node pool's desired state from the scope: its name, cluster, size (the MachinePool's
// replicas), Kubernetes version, shape and shape config, image, labels, node metadata, SSH key, eviction and
// cycling settings, and its node config with every subnet and NSG name resolved against the OCIManagedCluster's
// network. A name the network does not know, or a malformed number, is a terminal error naming the field.
func NewSpec(s Scope) (*Spec, error) {
	p := s.Pool()
	spec := &Spec{Desired: svc.NewDesired(s, Key, p.ID, s.NodePoolName()), d: desired{cluster: s.ClusterID(),
		version: s.KubernetesVersion(), size: int(s.Replicas()), shape: p.NodeShape, sshKey: p.SSHPublicKey,
		metadata: p.NodeMetadata, labels: labels(p.InitialNodeLabels), eviction: eviction(p.NodeEvictionNodePoolSettings),
		cycling: cycling(p.NodePoolCyclingDetails)}}
	if err := spec.d.setShapeConfig(p.NodeShapeConfig); err != nil {
		return nil, invalid(err)
	}
	if src := p.NodeSourceViaImage; src != nil {
		spec.d.image, spec.d.bootVolume = src.ImageID, src.BootVolumeSizeInGBs
	}
	if err := spec.d.setNodeConfig(s, p.NodePoolNodeConfig); err != nil {
		return nil, invalid(err)
	}
	return spec, nil
}

// deleteSpec is the node pool's spec for a delete, which needs only its OCID or name: it resolves nothing, so a
// network already gone does not hold the delete up.
func deleteSpec(s Scope) *Spec {
	return &Spec{Desired: svc.NewDesired(s, Key, s.Pool().ID, s.NodePoolName())}
}

// invalid is the terminal error of a spec that cannot be turned into a request.
func invalid(err error) error {
	return &async.Error{Class: async.Terminal, Reason: infrav1.ReconcileFailedReason, Message: err.Error(), Err: err}
}

// setShapeConfig parses the shape config's numbers, which the API keeps as strings.
func (d *desired) setShapeConfig(c *infrav1exp.NodeShapeConfig) error {
	if c == nil {
		return nil
	}
	var err error
	if d.ocpus, err = float32Of("spec.nodeShapeConfig.ocpus", c.OCPUs); err != nil {
		return err
	}
	d.memory, err = float32Of("spec.nodeShapeConfig.memoryInGBs", c.MemoryInGBs)
	return err
}

// float32Of parses a number of the spec; "" is none.
func float32Of(field, v string) (*float32, error) {
	if v == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(v, 32)
	if err != nil {
		return nil, fmt.Errorf("%s %q is not a number", field, v)
	}
	return ptr.To(float32(f)), nil
}

func labels(kvs []infrav1.KeyValue) []containerengine.KeyValue {
	out := make([]containerengine.KeyValue, 0, len(kvs))
	for _, kv := range kvs {
		out = append(out, containerengine.KeyValue{Key: ptr.To(kv.Key), Value: ptr.To(kv.Value)})
	}
	return out
}

func eviction(e *infrav1exp.NodeEvictionNodePoolSettings) *containerengine.NodeEvictionNodePoolSettings {
	if e == nil {
		return nil
	}
	return &containerengine.NodeEvictionNodePoolSettings{EvictionGraceDuration: svc.StringOrNil(e.EvictionGraceDuration),
		IsForceDeleteAfterGraceDuration: e.IsForceDeleteAfterGraceDuration}
}

func cycling(c *infrav1exp.NodePoolCyclingDetails) *containerengine.NodePoolCyclingDetails {
	if c == nil {
		return nil
	}
	return &containerengine.NodePoolCyclingDetails{IsNodeCyclingEnabled: c.IsNodeCyclingEnabled,
		MaximumSurge: svc.StringOrNil(c.MaximumSurge), MaximumUnavailable: svc.StringOrNil(c.MaximumUnavailable)}
}

// CreateDetails is the CreateNodePool request body, as the earlier provider filled it: the shape config, the SSH
// key, the NSG list and the labels are always sent (empty when the spec has none), and the cluster's tags go on
// the pool and on its nodes.
func (s *Spec) CreateDetails() (any, error) {
	d := &s.d
	nc := &containerengine.CreateNodePoolNodeConfigDetails{Size: ptr.To(d.size), PlacementConfigs: d.placements,
		NsgIds: d.nsgIDs, KmsKeyId: svc.StringOrNil(d.kms), IsPvEncryptionInTransitEnabled: d.pvInTransit,
		FreeformTags: s.Tags, DefinedTags: s.Defined, NodePoolPodNetworkOptionDetails: d.podNetwork}
	out := containerengine.CreateNodePoolDetails{CompartmentId: ptr.To(s.Compartment), ClusterId: ptr.To(d.cluster),
		Name: ptr.To(s.Name()), KubernetesVersion: svc.StringOrNil(d.version), NodeShape: ptr.To(d.shape),
		NodeShapeConfig: &containerengine.CreateNodeShapeConfigDetails{Ocpus: d.ocpus, MemoryInGBs: d.memory},
		SshPublicKey:    ptr.To(d.sshKey), NodeMetadata: d.metadata, InitialNodeLabels: d.labels, NodeConfigDetails: nc,
		NodeEvictionNodePoolSettings: d.eviction, NodePoolCyclingDetails: d.cycling, FreeformTags: s.Tags, DefinedTags: s.Defined}
	if d.image != "" {
		out.NodeSourceDetails = containerengine.NodeSourceViaImageDetails{ImageId: ptr.To(d.image), BootVolumeSizeInGBs: d.bootVolume}
	}
	return out, nil
}
