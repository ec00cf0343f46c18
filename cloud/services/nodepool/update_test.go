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
	"testing"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// cyclingOn is the cycling details of vcnNativePool, as sent.
var cyclingOn = &containerengine.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: ptr.To("1"),
	MaximumUnavailable: ptr.To("25%")}

func nodeConfig(f func(*containerengine.UpdateNodePoolNodeConfigDetails)) *containerengine.UpdateNodePoolNodeConfigDetails {
	nc := &containerengine.UpdateNodePoolNodeConfigDetails{}
	f(nc)
	return nc
}

func TestUpdateDetails(t *testing.T) {
	for _, tc := range []struct {
		name string
		// spec changes the pool's spec after the pool was created; pool changes the pool as OKE has it.
		spec func(s *scope)
		pool func(np *containerengine.NodePool)
		want any
	}{
		{name: "as created: in place"},
		{name: "OKE's defaults, its tags and another order: in place", pool: func(np *containerengine.NodePool) {
			np.NodeShapeConfig.MemoryInGBs = ptr.To[float32](32.5)
			np.NodeShapeConfig.Ocpus = ptr.To[float32](2.0)
			np.InitialNodeLabels[0], np.InitialNodeLabels[1] = np.InitialNodeLabels[1], np.InitialNodeLabels[0]
			np.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}
			np.DefinedTags = map[string]map[string]any{"Oracle-Tags": {"CreatedBy": "someone"}}
			nc := np.NodeConfigDetails
			nc.NsgIds = []string{"ocid1.nsg.other", "ocid1.nsg.worker"}
			nc.PlacementConfigs[0], nc.PlacementConfigs[1] = nc.PlacementConfigs[1], nc.PlacementConfigs[0]
			nc.PlacementConfigs[1].FaultDomains = []string{"FAULT-DOMAIN-2", "FAULT-DOMAIN-1"}
			pod := nc.NodePoolPodNetworkOptionDetails.(containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails)
			pod.MaxPodsPerNode = ptr.To(64)
			nc.NodePoolPodNetworkOptionDetails = &pod
		}, spec: func(s *scope) {
			s.pool.NodeEvictionNodePoolSettings, s.pool.NodeShapeConfig.MemoryInGBs = nil, ""
			s.pool.NodeSourceViaImage.BootVolumeSizeInGBs, s.pool.NodePoolNodeConfig.KMSKeyID = nil, ""
			s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.VCNIPNativePodNetworkOptions.MaxPodsPerNode = nil
		}},
		{name: "scaled: the size alone, without cycling", spec: func(s *scope) { s.replicas = 5 },
			want: containerengine.UpdateNodePoolDetails{NodeConfigDetails: &containerengine.UpdateNodePoolNodeConfigDetails{Size: ptr.To(5)}}},
		{name: "renamed behind our back: named back", pool: func(np *containerengine.NodePool) { np.Name = ptr.To("renamed") },
			want: containerengine.UpdateNodePoolDetails{Name: ptr.To("mp-0")}},
		{name: "a tag removed: put back, on the pool and its nodes, others kept", pool: func(np *containerengine.NodePool) {
			np.FreeformTags = map[string]string{"x": "y"}
			np.NodeConfigDetails.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider"}
		}, want: containerengine.UpdateNodePoolDetails{
			FreeformTags:      map[string]string{"x": "y", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
			NodeConfigDetails: &containerengine.UpdateNodePoolNodeConfigDetails{FreeformTags: ownedTags}}},
		{name: "Kubernetes upgraded: the version, with the cycling details", spec: func(s *scope) { s.version = "v1.33.1" },
			want: containerengine.UpdateNodePoolDetails{KubernetesVersion: ptr.To("v1.33.1"), NodePoolCyclingDetails: cyclingOn}},
		{name: "new image: the image and boot volume, with the cycling details", spec: func(s *scope) { s.pool.NodeSourceViaImage.ImageID = "ocid1.image.new" },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, NodeSourceDetails: containerengine.NodeSourceViaImageDetails{
				ImageId: ptr.To("ocid1.image.new"), BootVolumeSizeInGBs: ptr.To[int64](100)}}},
		{name: "bigger boot volume, image kept", spec: func(s *scope) { s.pool.NodeSourceViaImage.BootVolumeSizeInGBs = ptr.To[int64](200) },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, NodeSourceDetails: containerengine.NodeSourceViaImageDetails{
				ImageId: ptr.To("ocid1.image.oke"), BootVolumeSizeInGBs: ptr.To[int64](200)}}},
		{name: "new shape and OCPUs", spec: func(s *scope) {
			s.pool.NodeShape, s.pool.NodeShapeConfig.OCPUs = "VM.Standard.E5.Flex", "4"
		}, want: containerengine.UpdateNodePoolDetails{NodeShape: ptr.To("VM.Standard.E5.Flex"), NodePoolCyclingDetails: cyclingOn,
			NodeShapeConfig: &containerengine.UpdateNodeShapeConfigDetails{Ocpus: ptr.To[float32](4), MemoryInGBs: ptr.To[float32](32.5)}}},
		{name: "labels changed", spec: func(s *scope) { s.pool.InitialNodeLabels = []infrav1.KeyValue{{Key: "tier", Value: "db"}} },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn,
				InitialNodeLabels: []containerengine.KeyValue{{Key: ptr.To("tier"), Value: ptr.To("db")}}}},
		{name: "labels removed: an empty list", spec: func(s *scope) { s.pool.InitialNodeLabels = nil },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, InitialNodeLabels: []containerengine.KeyValue{}}},
		{name: "metadata removed: an empty map", spec: func(s *scope) { s.pool.NodeMetadata = nil },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, NodeMetadata: map[string]string{}}},
		{name: "new user data", spec: func(s *scope) { s.pool.NodeMetadata = map[string]string{"user_data": "bmV3"} },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, NodeMetadata: map[string]string{"user_data": "bmV3"}}},
		{name: "SSH key removed", spec: func(s *scope) { s.pool.SSHPublicKey = "" },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, SshPublicKey: ptr.To("")}},
		{name: "NSGs, KMS key and in-transit encryption", spec: func(s *scope) {
			c := s.pool.NodePoolNodeConfig
			c.NSGNames, c.KMSKeyID, c.IsPvEncryptionInTransitEnabled = []string{"worker"}, "ocid1.key.new", ptr.To(false)
		}, want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: cyclingOn, NodeConfigDetails: nodeConfig(
			func(nc *containerengine.UpdateNodePoolNodeConfigDetails) {
				nc.NsgIds, nc.KmsKeyId, nc.IsPvEncryptionInTransitEnabled = []string{"ocid1.nsg.worker"}, ptr.To("ocid1.key.new"), ptr.To(false)
			})}},
		{name: "eviction settings", spec: func(s *scope) { s.pool.NodeEvictionNodePoolSettings.EvictionGraceDuration = "PT10M" },
			want: containerengine.UpdateNodePoolDetails{NodeEvictionNodePoolSettings: &containerengine.NodeEvictionNodePoolSettings{
				EvictionGraceDuration: ptr.To("PT10M"), IsForceDeleteAfterGraceDuration: ptr.To(true)}}},
		{name: "cycling settings alone", spec: func(s *scope) { s.pool.NodePoolCyclingDetails.MaximumSurge = "2" },
			want: containerengine.UpdateNodePoolDetails{NodePoolCyclingDetails: &containerengine.NodePoolCyclingDetails{
				IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: ptr.To("2"), MaximumUnavailable: ptr.To("25%")}}},
		{name: "pod subnets: the pod network, without cycling", spec: func(s *scope) {
			s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.VCNIPNativePodNetworkOptions.SubnetNames = []string{"pod", "other"}
		}, want: containerengine.UpdateNodePoolDetails{NodeConfigDetails: nodeConfig(func(nc *containerengine.UpdateNodePoolNodeConfigDetails) {
			nc.NodePoolPodNetworkOptionDetails = containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails{MaxPodsPerNode: ptr.To(64),
				PodSubnetIds: []string{"ocid1.subnet.pod", "ocid1.subnet.other"}, PodNsgIds: []string{"ocid1.nsg.pod"}}
		})}},
		{name: "placements and version with cycling enabled: the placements first, alone", spec: func(s *scope) {
			s.version = "v1.33.1"
			s.pool.NodePoolNodeConfig.PlacementConfigs = s.pool.NodePoolNodeConfig.PlacementConfigs[:1]
		}, want: containerengine.UpdateNodePoolDetails{NodeConfigDetails: nodeConfig(func(nc *containerengine.UpdateNodePoolNodeConfigDetails) {
			nc.PlacementConfigs = []containerengine.NodePoolPlacementConfigDetails{{AvailabilityDomain: ptr.To("AD-1"),
				SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}}}
		})}},
		{name: "placements and version with cycling disabled: both, without cycling details", spec: func(s *scope) {
			s.version = "v1.33.1"
			s.pool.NodePoolCyclingDetails.IsNodeCyclingEnabled = ptr.To(false)
			s.pool.NodePoolNodeConfig.PlacementConfigs[1].SubnetName = "worker"
		}, pool: func(np *containerengine.NodePool) {
			np.NodePoolCyclingDetails = &containerengine.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(false),
				MaximumSurge: ptr.To("1"), MaximumUnavailable: ptr.To("25%")}
		}, want: containerengine.UpdateNodePoolDetails{KubernetesVersion: ptr.To("v1.33.1"),
			NodeConfigDetails: nodeConfig(func(nc *containerengine.UpdateNodePoolNodeConfigDetails) {
				nc.PlacementConfigs = []containerengine.NodePoolPlacementConfigDetails{
					{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
					{AvailabilityDomain: ptr.To("AD-2"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-3"},
						CapacityReservationId: ptr.To("ocid1.cr.c")}}
			})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			vcnNativePool(&s.pool)
			np := created(s, "ocid1.nodepool.np")
			if tc.pool != nil {
				tc.pool(&np)
			}
			if tc.spec != nil {
				tc.spec(s)
			}
			spec, err := nodepool.NewSpec(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.UpdateDetails(&np)
			svctest.CheckUpdate(t, "UpdateNodePoolDetails", tc.want, got, err)
		})
	}
}

func TestUpdateDetailsOfAFlannelPoolWithoutSettings(t *testing.T) {
	s := newScope()
	np := created(s, "ocid1.nodepool.np")
	spec, err := nodepool.NewSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	got, err := spec.UpdateDetails(&np)
	svctest.CheckUpdate(t, "UpdateNodePoolDetails", nil, got, err)
	s.version = "v1.33.1" // no cycling details in the spec: none sent
	if spec, err = nodepool.NewSpec(s); err != nil {
		t.Fatal(err)
	}
	got, err = spec.UpdateDetails(&np)
	svctest.CheckUpdate(t, "UpdateNodePoolDetails", containerengine.UpdateNodePoolDetails{KubernetesVersion: ptr.To("v1.33.1")}, got, err)
	s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: nodepool.CNIVCNNative}
	s.version = "v1.32.1"
	if spec, err = nodepool.NewSpec(s); err != nil {
		t.Fatal(err)
	}
	got, err = spec.UpdateDetails(&np)
	svctest.CheckUpdate(t, "UpdateNodePoolDetails", containerengine.UpdateNodePoolDetails{NodeConfigDetails: &containerengine.UpdateNodePoolNodeConfigDetails{
		NodePoolPodNetworkOptionDetails: containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails{PodSubnetIds: []string{}, PodNsgIds: []string{}}}}, got, err)
}
