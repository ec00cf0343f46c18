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
	"maps"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// roleWorker is the role of the subnets and NSGs of worker nodes in the OCIManagedCluster's network.
const roleWorker = "worker"

// resolve resolves the name in field with by; what names the kind of resource in the error.
func resolve(field, name, what string, by func(string) (string, error)) (string, error) {
	if name == "" {
		return "", fmt.Errorf("%s is empty: name a %s of the OCIManagedCluster's network", field, what)
	}
	id, err := by(name)
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", field, name, err)
	}
	return id, nil
}

// resolveAll resolves the names of the list in field; none is an empty list.
func resolveAll(field string, names []string, what string, by func(string) (string, error)) ([]string, error) {
	ids := make([]string, 0, len(names))
	for i, name := range names {
		id, err := resolve(fmt.Sprintf("%s[%d]", field, i), name, what, by)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// placements resolves the pool's placements, or gives the default ones when it names none.
func placements(s Scope, pcs []infrav1exp.VirtualNodepoolPlacementConfig) ([]containerengine.PlacementConfiguration, error) {
	if len(pcs) == 0 {
		return defaultPlacements(s)
	}
	out := make([]containerengine.PlacementConfiguration, 0, len(pcs))
	for i, pc := range pcs {
		id, err := resolve(fmt.Sprintf("spec.placementConfigs[%d].subnetName", i), pc.SubnetName, "subnet", s.SubnetID)
		if err != nil {
			return nil, err
		}
		out = append(out, containerengine.PlacementConfiguration{AvailabilityDomain: ptr.To(pc.AvailabilityDomain),
			SubnetId: ptr.To(id), FaultDomain: pc.FaultDomains})
	}
	return out, nil
}

// defaultPlacements places a pool that names no placements as the earlier provider did: in each of the
// OCIManagedCluster's availability domains (in the order of their names), over its fault domains, in the
// network's first worker subnet.
func defaultPlacements(s Scope) ([]containerengine.PlacementConfiguration, error) {
	n, ok := s.(Network)
	if !ok {
		return nil, errors.New("spec.placementConfigs is empty: name the availability domains and subnets of the virtual nodes")
	}
	worker := ""
	if i := slices.IndexFunc(n.VCN().Subnets, func(sn infrav1.Subnet) bool { return sn.Role == roleWorker }); i >= 0 {
		worker = n.VCN().Subnets[i].Name
	}
	ads := n.AvailabilityDomains()
	switch {
	case worker == "":
		return nil, errors.New("spec.placementConfigs is empty, and the OCIManagedCluster's network has no worker subnet to place the virtual nodes in")
	case len(ads) == 0:
		return nil, errors.New("spec.placementConfigs is empty, and the OCIManagedCluster lists no availability domains (spec.availabilityDomains) to place the virtual nodes in")
	}
	id, err := resolve("the worker subnet of spec.networkSpec.vcn.subnets", worker, "subnet", s.SubnetID)
	if err != nil {
		return nil, err
	}
	out := make([]containerengine.PlacementConfiguration, 0, len(ads))
	for _, ad := range slices.Sorted(maps.Keys(ads)) {
		out = append(out, containerengine.PlacementConfiguration{AvailabilityDomain: ptr.To(ad), SubnetId: ptr.To(id),
			FaultDomain: ads[ad].FaultDomains})
	}
	return out, nil
}

// nodeNSGs resolves the NSGs of the virtual nodes; a pool that names none gets the network's worker NSGs that
// have an OCID, as the earlier provider gave them.
func nodeNSGs(s Scope, names []string) ([]string, error) {
	if len(names) > 0 {
		return resolveAll("spec.nsgNames", names, "network security group", s.NSGID)
	}
	ids := []string{}
	n, ok := s.(Network)
	if !ok || n.VCN().NetworkSecurityGroup == nil {
		return ids, nil
	}
	for _, nsg := range n.VCN().NetworkSecurityGroup.List {
		if nsg.Role == roleWorker && nsg.ID != "" {
			ids = append(ids, nsg.ID)
		}
	}
	return ids, nil
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
	subnet, err := resolve("spec.podConfiguration.subnetName", c.SubnetName, "subnet", s.SubnetID)
	if err != nil {
		return containerengine.PodConfiguration{}, err
	}
	nsgs, err := resolveAll("spec.podConfiguration.nsgNames", c.NSGNames, "network security group", s.NSGID)
	if err != nil {
		return containerengine.PodConfiguration{}, err
	}
	return containerengine.PodConfiguration{SubnetId: ptr.To(subnet), Shape: ptr.To(c.Shape), NsgIds: nsgs}, nil
}
