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

package virtualnodepool_test

import (
	"errors"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// observation is one call of SetObserved.
type observation struct {
	pool  *containerengine.VirtualNodePool
	nodes []containerengine.VirtualNodeSummary
}

// scope is a virtualnodepool.Scope for tests: pool "vp-0" of OKE cluster "ocid1.cluster.oke", with a network of
// the subnets and NSGs in subnets and nsgs (name to OCID). The calls of SetObserved are in observed.
type scope struct {
	*svctest.Owner
	name, cluster string
	replicas      int32
	pool          infrav1exp.OCIVirtualMachinePoolSpec
	subnets, nsgs map[string]string
	observed      []observation
}

var _ virtualnodepool.Scope = (*scope)(nil)

// newScope returns the scope of a pool of one virtual node in AD-1 of the worker subnet, its pod configuration
// as the webhook defaults it (the "pod" subnet and NSG, Pod.Standard.E4.Flex).
func newScope() *scope {
	return &scope{Owner: svctest.NewOwner(), name: "vp-0", cluster: "ocid1.cluster.oke", replicas: 1,
		subnets: map[string]string{"worker": "ocid1.subnet.worker", "pod": "ocid1.subnet.pod", "other": "ocid1.subnet.other"},
		nsgs:    map[string]string{"worker": "ocid1.nsg.worker", "pod": "ocid1.nsg.pod", "other": "ocid1.nsg.other"},
		pool: infrav1exp.OCIVirtualMachinePoolSpec{
			PlacementConfigs: []infrav1exp.VirtualNodepoolPlacementConfig{{AvailabilityDomain: "AD-1", SubnetName: "worker"}},
			PodConfiguration: &infrav1exp.PodConfig{SubnetName: "pod", NSGNames: []string{"pod"}, Shape: "Pod.Standard.E4.Flex"}}}
}

func (s *scope) NodePoolName() string                        { return s.name }
func (s *scope) ClusterID() string                           { return s.cluster }
func (s *scope) Pool() *infrav1exp.OCIVirtualMachinePoolSpec { return &s.pool }
func (s *scope) Replicas() int32                             { return s.replicas }
func (s *scope) SubnetID(name string) (string, error)        { return lookup(s.subnets, name, "subnet") }
func (s *scope) NSGID(name string) (string, error) {
	return lookup(s.nsgs, name, "network security group")
}
func (s *scope) memo() async.Memo          { return s.Memo(virtualnodepool.Key) }
func (s *scope) lastObserved() observation { return s.observed[len(s.observed)-1] }
func (s *scope) SetObserved(vnp *containerengine.VirtualNodePool, nodes []containerengine.VirtualNodeSummary) {
	s.observed = append(s.observed, observation{pool: vnp, nodes: nodes})
}

func lookup(ids map[string]string, name, what string) (string, error) {
	if id, ok := ids[name]; ok {
		return id, nil
	}
	return "", errors.New("no such " + what + " in the OCIManagedCluster's network")
}

// netScope is a scope that also gives the OCIManagedCluster's availability domains and VCN
// (virtualnodepool.Network).
type netScope struct {
	*scope
	ads map[string]infrav1.OCIAvailabilityDomain
	vcn infrav1.VCN
}

var _ virtualnodepool.Network = (*netScope)(nil)

func (n *netScope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain { return n.ads }
func (n *netScope) VCN() *infrav1.VCN                                             { return &n.vcn }

// newNetScope returns a scope whose pool names no placements or NSGs, in a cluster of two availability domains
// (AD-2 listed first) and a network whose first worker subnet is "worker", with two worker NSGs, one not created
// yet.
func newNetScope() *netScope {
	s := newScope()
	s.pool.PlacementConfigs = nil
	return &netScope{scope: s, ads: map[string]infrav1.OCIAvailabilityDomain{
		"AD-2": {Name: "AD-2", FaultDomains: []string{"FAULT-DOMAIN-3"}},
		"AD-1": {Name: "AD-1", FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}}},
		vcn: infrav1.VCN{Subnets: []infrav1.Subnet{{Name: "cp", Role: "control-plane"}, {Name: "worker", Role: "worker"},
			{Name: "other", Role: "worker"}},
			NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "cp", Role: "control-plane", ID: "ocid1.nsg.cp"},
				{Name: "worker", Role: "worker", ID: "ocid1.nsg.worker"}, {Name: "later", Role: "worker"}}}}}
}

// asCreated is the virtual node pool OKE makes of a create request: ACTIVE, with the request's settings.
func asCreated(id string, d containerengine.CreateVirtualNodePoolDetails) containerengine.VirtualNodePool {
	return containerengine.VirtualNodePool{Id: ptr.To(id), LifecycleState: containerengine.VirtualNodePoolLifecycleStateActive,
		CompartmentId: d.CompartmentId, ClusterId: d.ClusterId, DisplayName: d.DisplayName, KubernetesVersion: ptr.To("v1.32.1"),
		Size: d.Size, PlacementConfigurations: d.PlacementConfigurations, PodConfiguration: d.PodConfiguration,
		InitialVirtualNodeLabels: d.InitialVirtualNodeLabels, Taints: d.Taints, NsgIds: d.NsgIds,
		FreeformTags: d.FreeformTags, DefinedTags: d.DefinedTags, VirtualNodeTags: d.VirtualNodeTags}
}

// created is the pool OKE makes of the scope's spec.
func created(s virtualnodepool.Scope, id string) containerengine.VirtualNodePool {
	spec, err := virtualnodepool.NewSpec(s)
	if err != nil {
		panic(err)
	}
	d, _ := spec.CreateDetails()
	return asCreated(id, d.(containerengine.CreateVirtualNodePoolDetails))
}

// activeNodes are n ACTIVE virtual nodes, "ocid1.virtualnode.<i>".
func activeNodes(n int) []containerengine.VirtualNodeSummary {
	out := make([]containerengine.VirtualNodeSummary, 0, n)
	for i := range n {
		out = append(out, containerengine.VirtualNodeSummary{Id: ptr.To(fmt.Sprintf("ocid1.virtualnode.%d", i)), LifecycleState: containerengine.VirtualNodeLifecycleStateActive})
	}
	return out
}
