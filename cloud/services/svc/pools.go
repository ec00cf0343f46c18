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

package svc

import (
	"fmt"
	"maps"
	"slices"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Resolve resolves the name in field with by (a scope's SubnetID or NSGID); what names the kind of resource in
// the error, which names the field.
func Resolve(field, name, what string, by func(string) (string, error)) (string, error) {
	if name == "" {
		return "", fmt.Errorf("%s is empty: name a %s of the OCIManagedCluster's network", field, what)
	}
	id, err := by(name)
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", field, name, err)
	}
	return id, nil
}

// ResolveAll resolves the names of the list in field; none is an empty list.
func ResolveAll(field string, names []string, what string, by func(string) (string, error)) ([]string, error) {
	ids := make([]string, 0, len(names))
	for i, name := range names {
		id, err := Resolve(fmt.Sprintf("%s[%d]", field, i), name, what, by)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// PoolNetwork is what the scope of an OKE pool (node pool or virtual node pool) may also give, so that a pool that
// names no placements or NSGs gets the earlier provider's defaults: the OCIManagedCluster's availability domains
// and its network.
type PoolNetwork interface {
	// AvailabilityDomains are the OCIManagedCluster's availability domains, keyed by name.
	AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain
	// VCN is the OCIManagedCluster's spec.networkSpec.vcn.
	VCN() *infrav1.VCN
}

// PoolPlacement is a default placement of an OKE pool's nodes.
type PoolPlacement struct {
	AvailabilityDomain, SubnetID string
	FaultDomains                 []string
}

// DefaultPoolPlacements places a pool whose spec (at field) names no placements as the earlier provider did: in
// each of the OCIManagedCluster's availability domains (in the order of their names), over its fault domains, in
// the network's first worker subnet, resolved with subnetID. nodes names what is placed, for the errors.
func DefaultPoolPlacements(s any, subnetID func(string) (string, error), field, nodes string) ([]PoolPlacement, error) {
	n, ok := s.(PoolNetwork)
	if !ok {
		return nil, fmt.Errorf("%s is empty: name the availability domains and subnets of the %s", field, nodes)
	}
	worker := ""
	if i := slices.IndexFunc(n.VCN().Subnets, func(sn infrav1.Subnet) bool { return sn.Role == roleWorker }); i >= 0 {
		worker = n.VCN().Subnets[i].Name
	}
	ads := n.AvailabilityDomains()
	switch {
	case worker == "":
		return nil, fmt.Errorf("%s is empty, and the OCIManagedCluster's network has no worker subnet to place the %s in", field, nodes)
	case len(ads) == 0:
		return nil, fmt.Errorf("%s is empty, and the OCIManagedCluster lists no availability domains (spec.availabilityDomains) to place the %s in", field, nodes)
	}
	id, err := Resolve("the worker subnet of spec.networkSpec.vcn.subnets", worker, "subnet", subnetID)
	if err != nil {
		return nil, err
	}
	out := make([]PoolPlacement, 0, len(ads))
	for _, ad := range slices.Sorted(maps.Keys(ads)) {
		out = append(out, PoolPlacement{AvailabilityDomain: ad, SubnetID: id, FaultDomains: ads[ad].FaultDomains})
	}
	return out, nil
}

// WorkerNSGIDs are the OCIDs of the network's worker NSGs that have one: the NSGs of the nodes of a pool that
// names none, as the earlier provider gave them (an empty list when the scope gives no network).
func WorkerNSGIDs(s any) []string {
	ids := []string{}
	n, ok := s.(PoolNetwork)
	if !ok || n.VCN().NetworkSecurityGroup == nil {
		return ids
	}
	for _, nsg := range n.VCN().NetworkSecurityGroup.List {
		if nsg.Role == roleWorker && nsg.ID != "" {
			ids = append(ids, nsg.ID)
		}
	}
	return ids
}
