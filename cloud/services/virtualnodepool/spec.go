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
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// Spec is the desired state of an OCIVirtualMachinePool's virtual node pool, with every name of its spec resolved
// to an OCID.
type Spec struct {
	svc.Desired
	d desired
}

var _ async.Spec[containerengine.VirtualNodePool] = (*Spec)(nil)

// desired is the virtual node pool the spec declares, in the SDK's terms.
type desired struct {
	cluster    string
	size       int
	placements []containerengine.PlacementConfiguration
	nsgIDs     []string
	labels     []containerengine.InitialVirtualNodeLabel
	taints     []containerengine.Taint
	pod        containerengine.PodConfiguration
}

// NewSpec builds the virtual node pool's desired state from the scope: its name, cluster, size (the MachinePool's
// replicas), labels and taints, and its placements, NSGs and pod configuration with every subnet and NSG name
// resolved against the OCIManagedCluster's network. A name the network does not know is a terminal error naming
// the field.
func NewSpec(s Scope) (*Spec, error) {
	p := s.Pool()
	spec := &Spec{Desired: svc.NewDesired(s, Key, p.ID, s.NodePoolName()), d: desired{cluster: s.ClusterID(),
		size: int(s.Replicas()), labels: labels(p.InitialVirtualNodeLabels), taints: taints(p.Taints)}}
	var err error
	if spec.d.placements, err = placements(s, p.PlacementConfigs); err != nil {
		return nil, invalid(err)
	}
	if spec.d.nsgIDs, err = nodeNSGs(s, p.NSGNames); err != nil {
		return nil, invalid(err)
	}
	if spec.d.pod, err = podConfiguration(s, p.PodConfiguration); err != nil {
		return nil, invalid(err)
	}
	return spec, nil
}

// deleteSpec is the virtual node pool's spec for a delete, which needs only its OCID or name: it resolves
// nothing, so a network already gone does not hold the delete up.
func deleteSpec(s Scope) *Spec {
	return &Spec{Desired: svc.NewDesired(s, Key, s.Pool().ID, s.NodePoolName())}
}

// invalid is the terminal error of a spec that cannot be turned into a request.
func invalid(err error) error {
	return &async.Error{Class: async.Terminal, Reason: infrav1.ReconcileFailedReason, Message: err.Error(), Err: err}
}

// labels are the spec's initial virtual node labels; none is an empty list.
func labels(kvs []infrav1.KeyValue) []containerengine.InitialVirtualNodeLabel {
	out := make([]containerengine.InitialVirtualNodeLabel, 0, len(kvs))
	for _, kv := range kvs {
		out = append(out, containerengine.InitialVirtualNodeLabel{Key: ptr.To(kv.Key), Value: ptr.To(kv.Value)})
	}
	return out
}

// taints are the spec's taints; none is an empty list, and a taint without a value or effect sends none.
func taints(ts []infrav1exp.Taint) []containerengine.Taint {
	out := make([]containerengine.Taint, 0, len(ts))
	for _, t := range ts {
		out = append(out, containerengine.Taint{Key: ptr.To(t.Key), Value: svc.StringOrNil(t.Value), Effect: svc.StringOrNil(t.Effect)})
	}
	return out
}

// podConfiguration returns a copy of the desired pod configuration, for a request.
func (d *desired) podConfiguration() *containerengine.PodConfiguration {
	pc := d.pod
	return &pc
}

// CreateDetails is the CreateVirtualNodePool request body, as the earlier provider filled it: the NSG list, the
// labels and the taints are always sent (empty when the spec has none), and the cluster's tags go on the pool and
// on its virtual nodes.
func (s *Spec) CreateDetails() (any, error) {
	d := &s.d
	return containerengine.CreateVirtualNodePoolDetails{CompartmentId: ptr.To(s.Compartment), ClusterId: ptr.To(d.cluster),
		DisplayName: ptr.To(s.Name()), Size: ptr.To(d.size), PlacementConfigurations: d.placements,
		PodConfiguration: d.podConfiguration(), InitialVirtualNodeLabels: d.labels, Taints: d.taints, NsgIds: d.nsgIDs,
		FreeformTags: s.Tags, DefinedTags: s.Defined,
		VirtualNodeTags: &containerengine.VirtualNodeTags{FreeformTags: s.Tags, DefinedTags: s.Defined}}, nil
}
