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

package nodepool_test

import (
	"errors"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// scope is a nodepool.Scope for tests: pool "mp-0" of OKE cluster "ocid1.cluster.oke", with a network of the
// subnets and NSGs in subnets and nsgs (name to OCID). The pools handed to SetObserved are in observed.
type scope struct {
	*svctest.Owner
	name, cluster, version string
	replicas               int32
	pool                   infrav1exp.OCIManagedMachinePoolSpec
	subnets, nsgs          map[string]string
	observed               []*containerengine.NodePool
}

var _ nodepool.Scope = (*scope)(nil)

// newScope returns the scope of a pool of one VM.Standard.E4.Flex node with Kubernetes v1.32.1, in AD-1 of the
// worker subnet, with flannel pods.
func newScope() *scope {
	return &scope{Owner: svctest.NewOwner(), name: "mp-0", cluster: "ocid1.cluster.oke", version: "v1.32.1", replicas: 1,
		subnets: map[string]string{"worker": "ocid1.subnet.worker", "pod": "ocid1.subnet.pod", "other": "ocid1.subnet.other"},
		nsgs:    map[string]string{"worker": "ocid1.nsg.worker", "pod": "ocid1.nsg.pod", "other": "ocid1.nsg.other"},
		pool: infrav1exp.OCIManagedMachinePoolSpec{NodeShape: "VM.Standard.E4.Flex",
			NodeSourceViaImage: &infrav1exp.NodeSourceViaImage{ImageID: "ocid1.image.oke"},
			NodePoolNodeConfig: &infrav1exp.NodePoolNodeConfig{
				PlacementConfigs:                []infrav1exp.PlacementConfig{{AvailabilityDomain: "AD-1", SubnetName: "worker"}},
				NodePoolPodNetworkOptionDetails: &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: nodepool.CNIFlannel}}}}
}

func (s *scope) NodePoolName() string                        { return s.name }
func (s *scope) ClusterID() string                           { return s.cluster }
func (s *scope) Pool() *infrav1exp.OCIManagedMachinePoolSpec { return &s.pool }
func (s *scope) Replicas() int32                             { return s.replicas }
func (s *scope) KubernetesVersion() string                   { return s.version }
func (s *scope) SetObserved(np *containerengine.NodePool)    { s.observed = append(s.observed, np) }
func (s *scope) SubnetID(name string) (string, error)        { return lookup(s.subnets, name, "subnet") }
func (s *scope) NSGID(name string) (string, error) {
	return lookup(s.nsgs, name, "network security group")
}
func (s *scope) memo() async.Memo                        { return s.Memo(nodepool.Key) }
func (s *scope) lastObserved() *containerengine.NodePool { return s.observed[len(s.observed)-1] }
func lookup(ids map[string]string, name, what string) (string, error) {
	if id, ok := ids[name]; ok {
		return id, nil
	}
	return "", errors.New("no such " + what + " in the OCIManagedCluster's network")
}

// netScope is a scope that also gives the OCIManagedCluster's availability domains and VCN (nodepool.Network).
type netScope struct {
	*scope
	ads map[string]infrav1.OCIAvailabilityDomain
	vcn infrav1.VCN
}

var _ nodepool.Network = (*netScope)(nil)

func (n *netScope) AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain { return n.ads }
func (n *netScope) VCN() *infrav1.VCN                                             { return &n.vcn }

// newNetScope returns a scope whose pool names no placements or NSGs, in a cluster of two availability domains
// (AD-2 listed first) and a network with a worker subnet and two worker NSGs, one not created yet.
func newNetScope() *netScope {
	s := newScope()
	s.pool.NodePoolNodeConfig.PlacementConfigs = nil
	return &netScope{scope: s, ads: map[string]infrav1.OCIAvailabilityDomain{
		"AD-2": {Name: "AD-2", FaultDomains: []string{"FAULT-DOMAIN-3"}},
		"AD-1": {Name: "AD-1", FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}}},
		vcn: infrav1.VCN{Subnets: []infrav1.Subnet{{Name: "cp", Role: "control-plane"}, {Name: "worker", Role: "worker"},
			{Name: "other", Role: "worker"}},
			NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "cp", Role: "control-plane", ID: "ocid1.nsg.cp"},
				{Name: "worker", Role: "worker", ID: "ocid1.nsg.worker"}, {Name: "later", Role: "worker"}}}}}
}

// asCreated is the node pool OKE makes of a create request: ACTIVE, with one ACTIVE node per replica.
func asCreated(id string, d containerengine.CreateNodePoolDetails) containerengine.NodePool {
	np := containerengine.NodePool{Id: ptr.To(id), LifecycleState: containerengine.NodePoolLifecycleStateActive,
		CompartmentId: d.CompartmentId, ClusterId: d.ClusterId, Name: d.Name, KubernetesVersion: d.KubernetesVersion,
		NodeShape: d.NodeShape, NodeSourceDetails: d.NodeSourceDetails, InitialNodeLabels: d.InitialNodeLabels,
		SshPublicKey: d.SshPublicKey, NodeMetadata: d.NodeMetadata, FreeformTags: d.FreeformTags, DefinedTags: d.DefinedTags,
		NodeEvictionNodePoolSettings: d.NodeEvictionNodePoolSettings, NodePoolCyclingDetails: d.NodePoolCyclingDetails}
	if c := d.NodeShapeConfig; c != nil {
		np.NodeShapeConfig = &containerengine.NodeShapeConfig{Ocpus: c.Ocpus, MemoryInGBs: c.MemoryInGBs}
	}
	if c := d.NodeConfigDetails; c != nil {
		np.NodeConfigDetails = &containerengine.NodePoolNodeConfigDetails{Size: c.Size, NsgIds: c.NsgIds, KmsKeyId: c.KmsKeyId,
			IsPvEncryptionInTransitEnabled: c.IsPvEncryptionInTransitEnabled, FreeformTags: c.FreeformTags,
			DefinedTags: c.DefinedTags, PlacementConfigs: c.PlacementConfigs, NodePoolPodNetworkOptionDetails: c.NodePoolPodNetworkOptionDetails}
		for i := range ptr.Deref(c.Size, 0) {
			np.Nodes = append(np.Nodes, containerengine.Node{Id: ptr.To(fmt.Sprintf("ocid1.instance.%d", i)),
				LifecycleState: containerengine.NodeLifecycleStateActive})
		}
	}
	return np
}

// created is the pool OKE makes of the scope's spec.
func created(s nodepool.Scope, id string) containerengine.NodePool {
	spec, err := nodepool.NewSpec(s)
	if err != nil {
		panic(err)
	}
	d, _ := spec.CreateDetails()
	return asCreated(id, d.(containerengine.CreateNodePoolDetails))
}
