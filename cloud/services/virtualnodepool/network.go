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
	"errors"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// placements resolves the pool's placements, or gives the default ones when it names none.
func placements(s Scope, pcs []infrav1exp.VirtualNodepoolPlacementConfig) ([]containerengine.PlacementConfiguration, error) {
	if len(pcs) == 0 {
		return defaultPlacements(s)
	}
	out := make([]containerengine.PlacementConfiguration, 0, len(pcs))
	for i, pc := range pcs {
		id, err := svc.Resolve(fmt.Sprintf("spec.placementConfigs[%d].subnetName", i), pc.SubnetName, "subnet", s.SubnetID)
		if err != nil {
			return nil, err
		}
		out = append(out, containerengine.PlacementConfiguration{AvailabilityDomain: ptr.To(pc.AvailabilityDomain),
			SubnetId: ptr.To(id), FaultDomain: pc.FaultDomains})
	}
	return out, nil
}

// defaultPlacements places a pool that names no placements as the earlier provider did (see
// svc.DefaultPoolPlacements).
func defaultPlacements(s Scope) ([]containerengine.PlacementConfiguration, error) {
	ps, err := svc.DefaultPoolPlacements(s, s.SubnetID, "spec.placementConfigs", "virtual nodes")
	if err != nil {
		return nil, err
	}
	out := make([]containerengine.PlacementConfiguration, 0, len(ps))
	for _, p := range ps {
		out = append(out, containerengine.PlacementConfiguration{AvailabilityDomain: ptr.To(p.AvailabilityDomain), SubnetId: ptr.To(p.SubnetID),
			FaultDomain: p.FaultDomains})
	}
	return out, nil
}

// nodeNSGs resolves the NSGs of the virtual nodes; a pool that names none gets the network's worker NSGs that
// have an OCID, as the earlier provider gave them.
func nodeNSGs(s Scope, names []string) ([]string, error) {
	if len(names) > 0 {
		return svc.ResolveAll("spec.nsgNames", names, "network security group", s.NSGID)
	}
	return svc.WorkerNSGIDs(s), nil
}

// podConfiguration resolves the pods' subnet and NSGs (none is an empty list). The OCIVirtualMachinePool's
// webhook defaults the pod configuration; one still without a subnet or shape is refused.
func podConfiguration(s Scope, c *infrav1exp.PodConfig) (containerengine.PodConfiguration, error) {
	if c == nil {
		return containerengine.PodConfiguration{}, errors.New("spec.podConfiguration is not set: name the pods' subnet and shape")
	}
	if c.Shape == "" {
		return containerengine.PodConfiguration{}, errors.New("spec.podConfiguration.shape is empty: name the pods' shape, such as Pod.Standard.E4.Flex")
	}
	subnet, err := svc.Resolve("spec.podConfiguration.subnetName", c.SubnetName, "subnet", s.SubnetID)
	if err != nil {
		return containerengine.PodConfiguration{}, err
	}
	nsgs, err := svc.ResolveAll("spec.podConfiguration.nsgNames", c.NSGNames, "network security group", s.NSGID)
	if err != nil {
		return containerengine.PodConfiguration{}, err
	}
	return containerengine.PodConfiguration{SubnetId: ptr.To(subnet), Shape: ptr.To(c.Shape), NsgIds: nsgs}, nil
}
