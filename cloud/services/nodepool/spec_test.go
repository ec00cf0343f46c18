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
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

var ownedTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}

// minimal is the request of newScope's pool: what the earlier provider sent for it, the empty shape config, SSH
// key, NSG list and labels included.
func minimal(f func(*containerengine.CreateNodePoolDetails)) containerengine.CreateNodePoolDetails {
	d := containerengine.CreateNodePoolDetails{CompartmentId: ptr.To("ocid1.compartment.oc1..test"), ClusterId: ptr.To("ocid1.cluster.oke"),
		Name: ptr.To("mp-0"), KubernetesVersion: ptr.To("v1.32.1"), NodeShape: ptr.To("VM.Standard.E4.Flex"),
		NodeShapeConfig:   &containerengine.CreateNodeShapeConfigDetails{},
		NodeSourceDetails: containerengine.NodeSourceViaImageDetails{ImageId: ptr.To("ocid1.image.oke")},
		SshPublicKey:      ptr.To(""), InitialNodeLabels: []containerengine.KeyValue{}, FreeformTags: ownedTags,
		NodeConfigDetails: &containerengine.CreateNodePoolNodeConfigDetails{Size: ptr.To(1), NsgIds: []string{},
			PlacementConfigs: []containerengine.NodePoolPlacementConfigDetails{{AvailabilityDomain: ptr.To("AD-1"),
				SubnetId: ptr.To("ocid1.subnet.worker")}},
			FreeformTags: ownedTags, NodePoolPodNetworkOptionDetails: containerengine.FlannelOverlayNodePoolPodNetworkOptionDetails{}}}
	if f != nil {
		f(&d)
	}
	return d
}

// vcnNativePool declares every setting of a pool with VCN-native pods.
func vcnNativePool(p *infrav1exp.OCIManagedMachinePoolSpec) {
	p.NodeShapeConfig = &infrav1exp.NodeShapeConfig{OCPUs: "2", MemoryInGBs: "32.5"}
	p.NodeSourceViaImage.BootVolumeSizeInGBs = ptr.To[int64](100)
	p.InitialNodeLabels = []infrav1.KeyValue{{Key: "tier", Value: "web"}, {Key: "zone", Value: "a"}}
	p.NodeMetadata = map[string]string{"user_data": "I2Nsb3VkLWNvbmZpZw=="}
	p.SSHPublicKey = "ssh-ed25519 AAAA"
	p.NodeEvictionNodePoolSettings = &infrav1exp.NodeEvictionNodePoolSettings{EvictionGraceDuration: "PT30M",
		IsForceDeleteAfterGraceDuration: ptr.To(true)}
	p.NodePoolCyclingDetails = &infrav1exp.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true), MaximumSurge: "1",
		MaximumUnavailable: "25%"}
	p.NodePoolNodeConfig = &infrav1exp.NodePoolNodeConfig{IsPvEncryptionInTransitEnabled: ptr.To(true), KMSKeyID: "ocid1.key.k",
		NSGNames: []string{"worker", "other"},
		PlacementConfigs: []infrav1exp.PlacementConfig{
			{AvailabilityDomain: "AD-1", SubnetName: "worker", FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
			{AvailabilityDomain: "AD-2", SubnetName: "other", FaultDomains: []string{"FAULT-DOMAIN-3"}, CapacityReservationID: "ocid1.cr.c"}},
		NodePoolPodNetworkOptionDetails: &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: nodepool.CNIVCNNative,
			VCNIPNativePodNetworkOptions: &infrav1exp.VCNIPNativePodNetworkOptions{MaxPodsPerNode: ptr.To(64),
				SubnetNames: []string{"pod"}, NSGNames: []string{"pod"}}}}
}

func TestCreateDetails(t *testing.T) {
	defined := map[string]map[string]any{"ns": {"k": "v"}}
	tags := map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
	for _, tc := range []struct {
		name  string
		scope func() nodepool.Scope
		want  containerengine.CreateNodePoolDetails
	}{
		{"flannel pool of one node: the earlier provider's request", func() nodepool.Scope { return newScope() }, minimal(nil)},
		{"VCN-native pool with every setting, over two ADs with fault domains, tagged", func() nodepool.Scope {
			s := newScope()
			s.replicas, s.Freeform, s.Defined = 3, map[string]string{"team": "a"}, defined
			vcnNativePool(&s.pool)
			return s
		}, minimal(func(d *containerengine.CreateNodePoolDetails) {
			d.NodeShapeConfig = &containerengine.CreateNodeShapeConfigDetails{Ocpus: ptr.To[float32](2), MemoryInGBs: ptr.To[float32](32.5)}
			d.NodeSourceDetails = containerengine.NodeSourceViaImageDetails{ImageId: ptr.To("ocid1.image.oke"), BootVolumeSizeInGBs: ptr.To[int64](100)}
			d.InitialNodeLabels = []containerengine.KeyValue{{Key: ptr.To("tier"), Value: ptr.To("web")}, {Key: ptr.To("zone"), Value: ptr.To("a")}}
			d.NodeMetadata = map[string]string{"user_data": "I2Nsb3VkLWNvbmZpZw=="}
			d.SshPublicKey = ptr.To("ssh-ed25519 AAAA")
			d.NodeEvictionNodePoolSettings = &containerengine.NodeEvictionNodePoolSettings{EvictionGraceDuration: ptr.To("PT30M"),
				IsForceDeleteAfterGraceDuration: ptr.To(true)}
			d.NodePoolCyclingDetails = &containerengine.NodePoolCyclingDetails{IsNodeCyclingEnabled: ptr.To(true),
				MaximumSurge: ptr.To("1"), MaximumUnavailable: ptr.To("25%")}
			d.FreeformTags, d.DefinedTags = tags, defined
			d.NodeConfigDetails = &containerengine.CreateNodePoolNodeConfigDetails{Size: ptr.To(3),
				NsgIds: []string{"ocid1.nsg.worker", "ocid1.nsg.other"}, KmsKeyId: ptr.To("ocid1.key.k"),
				IsPvEncryptionInTransitEnabled: ptr.To(true), FreeformTags: tags, DefinedTags: defined,
				PlacementConfigs: []containerengine.NodePoolPlacementConfigDetails{
					{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
					{AvailabilityDomain: ptr.To("AD-2"), SubnetId: ptr.To("ocid1.subnet.other"), FaultDomains: []string{"FAULT-DOMAIN-3"},
						CapacityReservationId: ptr.To("ocid1.cr.c")}},
				NodePoolPodNetworkOptionDetails: containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails{MaxPodsPerNode: ptr.To(64),
					PodSubnetIds: []string{"ocid1.subnet.pod"}, PodNsgIds: []string{"ocid1.nsg.pod"}}}
		})},
		{"VCN-native pool without options: empty pod subnets and NSGs", func() nodepool.Scope {
			s := newScope()
			s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = &infrav1exp.NodePoolPodNetworkOptionDetails{CNIType: nodepool.CNIVCNNative}
			return s
		}, minimal(func(d *containerengine.CreateNodePoolDetails) {
			d.NodeConfigDetails.NodePoolPodNetworkOptionDetails = containerengine.OciVcnIpNativeNodePoolPodNetworkOptionDetails{
				PodSubnetIds: []string{}, PodNsgIds: []string{}}
		})},
		{"no placements or NSGs named: every AD of the cluster, by name, in the first worker subnet, with the worker NSGs",
			func() nodepool.Scope { return newNetScope() }, minimal(func(d *containerengine.CreateNodePoolDetails) {
				d.NodeConfigDetails.NsgIds = []string{"ocid1.nsg.worker"}
				d.NodeConfigDetails.PlacementConfigs = []containerengine.NodePoolPlacementConfigDetails{
					{AvailabilityDomain: ptr.To("AD-1"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}},
					{AvailabilityDomain: ptr.To("AD-2"), SubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-3"}}}
			})},
		{"no version, no pod network, no image: the cluster's version, OKE's pod network, no source", func() nodepool.Scope {
			s := newScope()
			s.version, s.pool.NodeSourceViaImage, s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails = "", nil, nil
			return s
		}, minimal(func(d *containerengine.CreateNodePoolDetails) {
			d.KubernetesVersion, d.NodeSourceDetails, d.NodeConfigDetails.NodePoolPodNetworkOptionDetails = nil, nil, nil
		})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := nodepool.NewSpec(tc.scope())
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("CreateNodePoolDetails (-want +got):\n%s", d)
			}
		})
	}
}

func TestNewSpecRefusesWhatTheNetworkDoesNotKnow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		scope func() nodepool.Scope
		want  string
	}{
		{"unknown placement subnet", func() nodepool.Scope {
			s := newScope()
			s.pool.NodePoolNodeConfig.PlacementConfigs[0].SubnetName = "foo"
			return s
		}, `spec.nodePoolNodeConfig.placementConfigs[0].subnetName "foo": no such subnet in the OCIManagedCluster's network`},
		{"placement without a subnet", func() nodepool.Scope {
			s := newScope()
			s.pool.NodePoolNodeConfig.PlacementConfigs[0].SubnetName = ""
			return s
		}, `spec.nodePoolNodeConfig.placementConfigs[0].subnetName is empty: name a subnet of the OCIManagedCluster's network`},
		{"unknown node NSG", func() nodepool.Scope {
			s := newScope()
			s.pool.NodePoolNodeConfig.NSGNames = []string{"worker", "bar"}
			return s
		}, `spec.nodePoolNodeConfig.nsgNames[1] "bar": no such network security group in the OCIManagedCluster's network`},
		{"unknown pod subnet", func() nodepool.Scope {
			s := newScope()
			vcnNativePool(&s.pool)
			s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.VCNIPNativePodNetworkOptions.SubnetNames = []string{"pods"}
			return s
		}, `spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.vcnIpNativePodNetworkOptions.subnetNames[0] "pods": no such subnet in the OCIManagedCluster's network`},
		{"unknown pod NSG", func() nodepool.Scope {
			s := newScope()
			vcnNativePool(&s.pool)
			s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.VCNIPNativePodNetworkOptions.NSGNames = []string{"pod", "pods"}
			return s
		}, `spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.vcnIpNativePodNetworkOptions.nsgNames[1] "pods": no such network security group in the OCIManagedCluster's network`},
		{"unknown CNI", func() nodepool.Scope {
			s := newScope()
			s.pool.NodePoolNodeConfig.NodePoolPodNetworkOptionDetails.CNIType = "CILIUM"
			return s
		}, `spec.nodePoolNodeConfig.nodePoolPodNetworkOptionDetails.cniType "CILIUM": not OCI_VCN_IP_NATIVE or FLANNEL_OVERLAY`},
		{"OCPUs not a number", func() nodepool.Scope {
			s := newScope()
			s.pool.NodeShapeConfig = &infrav1exp.NodeShapeConfig{OCPUs: "two"}
			return s
		}, `spec.nodeShapeConfig.ocpus "two" is not a number`},
		{"no placements, and no network to default them from", func() nodepool.Scope {
			s := newScope()
			s.pool.NodePoolNodeConfig.PlacementConfigs = nil
			return s
		}, `spec.nodePoolNodeConfig.placementConfigs is empty: name the availability domains and subnets of the nodes`},
		{"no placements, and no worker subnet to default them to", func() nodepool.Scope {
			s := newNetScope()
			s.vcn.Subnets = s.vcn.Subnets[:1]
			return s
		}, `spec.nodePoolNodeConfig.placementConfigs is empty, and the OCIManagedCluster's network has no worker subnet to place the nodes in`},
		{"no placements, and no availability domains", func() nodepool.Scope {
			s := newNetScope()
			s.ads = nil
			return s
		}, `spec.nodePoolNodeConfig.placementConfigs is empty, and the OCIManagedCluster lists no availability domains (spec.availabilityDomains) to place the nodes in`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := nodepool.NewSpec(tc.scope())
			var e *async.Error
			if !errors.As(err, &e) || e.Class != async.Terminal || err.Error() != tc.want {
				t.Errorf("NewSpec: %v\nwant the terminal error %s", err, tc.want)
			}
		})
	}
}
