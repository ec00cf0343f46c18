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

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// The pod networks (CNI types) of a node pool.
const (
	CNIVCNNative = "OCI_VCN_IP_NATIVE"
	CNIFlannel   = "FLANNEL_OVERLAY"
)

// nodeConfigPath is where the node config is in the OCIManagedMachinePool, for errors.
const nodeConfigPath = "spec.nodePoolNodeConfig"

// setNodeConfig resolves the node config's placements, NSGs and pod network.
func (d *desired) setNodeConfig(s Scope, c *infrav1exp.NodePoolNodeConfig) error {
	if c == nil {
		c = &infrav1exp.NodePoolNodeConfig{}
	}
	d.kms, d.pvInTransit = c.KMSKeyID, c.IsPvEncryptionInTransitEnabled
	var err error
	if d.placements, err = placements(s, c.PlacementConfigs); err != nil {
		return err
	}
	if d.nsgIDs, err = nodeNSGs(s, c.NSGNames); err != nil {
		return err
	}
	d.podNetwork, err = podNetwork(s, c.NodePoolPodNetworkOptionDetails)
	return err
}

// placements resolves the pool's placements, or gives the default ones when it names none.
func placements(s Scope, pcs []infrav1exp.PlacementConfig) ([]containerengine.NodePoolPlacementConfigDetails, error) {
	if len(pcs) == 0 {
		return defaultPlacements(s)
	}
	out := make([]containerengine.NodePoolPlacementConfigDetails, 0, len(pcs))
	for i, pc := range pcs {
		id, err := svc.Resolve(fmt.Sprintf("%s.placementConfigs[%d].subnetName", nodeConfigPath, i), pc.SubnetName, "subnet", s.SubnetID)
		if err != nil {
			return nil, err
		}
		out = append(out, containerengine.NodePoolPlacementConfigDetails{AvailabilityDomain: ptr.To(pc.AvailabilityDomain),
			SubnetId: ptr.To(id), FaultDomains: pc.FaultDomains, CapacityReservationId: svc.StringOrNil(pc.CapacityReservationID)})
	}
	return out, nil
}

// defaultPlacements places a pool that names no placements as the earlier provider did (see
// svc.DefaultPoolPlacements).
func defaultPlacements(s Scope) ([]containerengine.NodePoolPlacementConfigDetails, error) {
	ps, err := svc.DefaultPoolPlacements(s, s.SubnetID, nodeConfigPath+".placementConfigs", "nodes")
	if err != nil {
		return nil, err
	}
	out := make([]containerengine.NodePoolPlacementConfigDetails, 0, len(ps))
	for _, p := range ps {
		out = append(out, containerengine.NodePoolPlacementConfigDetails{AvailabilityDomain: ptr.To(p.AvailabilityDomain), SubnetId: ptr.To(p.SubnetID),
			FaultDomains: p.FaultDomains})
	}
	return out, nil
}

// nodeNSGs resolves the NSGs of the nodes' VNICs; a pool that names none gets the network's worker NSGs that
// have an OCID, as the earlier provider gave them.
func nodeNSGs(s Scope, names []string) ([]string, error) {
	if len(names) > 0 {
		return svc.ResolveAll(nodeConfigPath+".nsgNames", names, "network security group", s.NSGID)
	}
	return svc.WorkerNSGIDs(s), nil
}

// podNetwork resolves the pool's pod network: VCN-native pods with their subnets and NSGs, or flannel's overlay;
// nil when the spec gives none.
func podNetwork(s Scope, o *infrav1exp.NodePoolPodNetworkOptionDetails) (containerengine.NodePoolPodNetworkOptionDetails, error) {
	if o == nil {
		return nil, nil
	}
	switch o.CNIType {
	case "":
		return nil, nil
	case CNIFlannel:
		return containerengine.FlannelOverlayNodePoolPodNetworkOptionDetails{}, nil
	case CNIVCNNative:
	default:
		return nil, fmt.Errorf("%s.nodePoolPodNetworkOptionDetails.cniType %q: not %s or %s", nodeConfigPath, o.CNIType, CNIVCNNative, CNIFlannel)
	}
	opts := o.VCNIPNativePodNetworkOptions
	if opts == nil {
		opts = &infrav1exp.VCNIPNativePodNetworkOptions{}
	}
	path := nodeConfigPath + ".nodePoolPodNetworkOptionDetails.vcnIpNativePodNetworkOptions"
	subnets, err := svc.ResolveAll(path+".subnetNames", opts.SubnetNames, "subnet", s.SubnetID)
	if err != nil {
		return nil, err
	}
	nsgs, err := svc.ResolveAll(path+".nsgNames", opts.NSGNames, "network security group", s.NSGID)
	if err != nil {
		return nil, err
	}
	return containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails{PodSubnetIds: subnets, PodNsgIds: nsgs,
		MaxPodsPerNode: opts.MaxPodsPerNode}, nil
}
