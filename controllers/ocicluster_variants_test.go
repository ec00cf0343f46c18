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

package controllers_test

import (
	"context"
	"slices"
	"testing"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

func TestOCIClusterBringYourOwnVCN(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	vn, err := env.Sim.VirtualNetworkClient(region)
	g.Expect(err).NotTo(HaveOccurred())
	var vcnID string
	tc := newTestCluster(ctx, t, "byo-vcn", func(oc *infrav1.OCICluster) {
		v, err := vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: &oc.Spec.CompartmentID,
			DisplayName: common.String("platform-team-vcn"), CidrBlocks: []string{"10.0.0.0/16"}}})
		g.Expect(err).NotTo(HaveOccurred())
		vcnID = *v.Id
		oc.Spec.NetworkSpec.VCN.ID = vcnID
	})
	oc := tc.waitProvisioned(ctx, t)
	g.Expect(oc.Spec.NetworkSpec.VCN.ID).To(Equal(vcnID))
	g.Expect(tc.liveKinds()).To(Equal(defaultLayout), "the cluster's network is made in the VCN brought")
	tc.deleteAndWait(ctx, t)

	// The VCN brought is left as it was: never renamed, retagged or deleted.
	leaks := env.Sim.Leaks(tc.Compartment)
	g.Expect(slices.ContainsFunc(leaks, func(r ocisim.Resource) bool { return r.ID == vcnID })).To(BeTrue(), "leaks: %+v", leaks)
	got, err := vn.GetVcn(ctx, core.GetVcnRequest{VcnId: &vcnID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(got.DisplayName).To(HaveValue(Equal("platform-team-vcn")))
	g.Expect(got.FreeformTags).To(BeEmpty())
	for _, e := range env.Sim.CallsIn(tc.Compartment, tc.Created) {
		g.Expect(e.Operation).NotTo(BeElementOf("UpdateVcn", "DeleteVcn"))
	}
	_, err = vn.DeleteVcn(ctx, core.DeleteVcnRequest{VcnId: &vcnID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

func TestOCIClusterIPv6(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "ipv6", func(oc *infrav1.OCICluster) {
		oc.Spec.NetworkSpec.VCN.IsIPv6Enabled = ptr.To(true)
		oc.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{
			{Name: "control-plane-endpoint", Role: "control-plane-endpoint", CIDR: "10.0.0.8/29", Type: "public", IPv6CIDRBlockHextet: "01"},
			{Name: "control-plane", Role: "control-plane", CIDR: "10.0.0.0/29", Type: "private", IPv6CIDRBlockHextet: "02"},
			{Name: "service-lb", Role: "service-lb", CIDR: "10.0.0.32/27", Type: "public", IPv6CIDRBlockHextet: "03"},
			{Name: "worker", Role: "worker", CIDR: "10.0.64.0/20", Type: "private", IPv6CIDRBlockHextet: "04"},
		}
	})
	oc := tc.waitProvisioned(ctx, t)
	vn, err := env.Sim.VirtualNetworkClient(region)
	g.Expect(err).NotTo(HaveOccurred())
	v, err := vn.GetVcn(ctx, core.GetVcnRequest{VcnId: &oc.Spec.NetworkSpec.VCN.ID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(v.Ipv6CidrBlocks).NotTo(BeEmpty())
	for _, s := range oc.Spec.NetworkSpec.VCN.Subnets {
		sub, err := vn.GetSubnet(ctx, core.GetSubnetRequest{SubnetId: &s.ID})
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(sub.Ipv6CidrBlock).To(HaveValue(HaveSuffix("/64")), "subnet %s", s.Name)
	}
	rt, err := vn.GetRouteTable(ctx, core.GetRouteTableRequest{RtId: &oc.Spec.NetworkSpec.VCN.RouteTable.PublicRouteTableID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(rt.RouteRules).To(ContainElement(HaveField("Destination", HaveValue(Equal("::/0")))))
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// A DRG the cluster manages, its VCN attached to it, peer routes through it, and a remote peering connection to a
// DRG in another region (the peer's connection made too): all peered, and all gone with the cluster but the peer
// DRG, which the user brought.
func TestOCIClusterVCNPeering(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	const peerRegion = "us-phoenix-1"
	var peerDRG string
	tc := newTestCluster(ctx, t, "peering", func(oc *infrav1.OCICluster) {
		pvn, err := env.Sim.VirtualNetworkClient(peerRegion)
		g.Expect(err).NotTo(HaveOccurred())
		d, err := pvn.CreateDrg(ctx, core.CreateDrgRequest{CreateDrgDetails: core.CreateDrgDetails{CompartmentId: &oc.Spec.CompartmentID,
			DisplayName: common.String("peer-drg")}})
		g.Expect(err).NotTo(HaveOccurred())
		peerDRG = *d.Id
		oc.Spec.NetworkSpec.VCNPeering = &infrav1.VCNPeering{
			DRG:            &infrav1.DRG{Manage: true},
			PeerRouteRules: []infrav1.PeerRouteRule{{VCNCIDRRange: "10.1.0.0/16"}},
			RemotePeeringConnections: []infrav1.RemotePeeringConnection{{ManagePeerRPC: true, PeerDRGID: peerDRG,
				PeerRegionName: peerRegion}},
		}
	})
	oc := tc.waitProvisioned(ctx, t)
	p := oc.Spec.NetworkSpec.VCNPeering
	g.Expect(p.DRG.ID).NotTo(BeEmpty())
	g.Expect(p.DRG.VCNAttachmentID).NotTo(BeEmpty())
	g.Expect(p.RemotePeeringConnections[0].RPCConnectionID).NotTo(BeEmpty())
	g.Expect(p.RemotePeeringConnections[0].PeerRPCConnectionID).NotTo(BeEmpty())
	vn, err := env.Sim.VirtualNetworkClient(region)
	g.Expect(err).NotTo(HaveOccurred())
	rpcConn, err := vn.GetRemotePeeringConnection(ctx, core.GetRemotePeeringConnectionRequest{
		RemotePeeringConnectionId: &p.RemotePeeringConnections[0].RPCConnectionID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(rpcConn.PeeringStatus).To(Equal(core.RemotePeeringConnectionPeeringStatusPeered))
	rt, err := vn.GetRouteTable(ctx, core.GetRouteTableRequest{RtId: &oc.Spec.NetworkSpec.VCN.RouteTable.PrivateRouteTableID})
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(rt.RouteRules).To(ContainElement(And(HaveField("Destination", HaveValue(Equal("10.1.0.0/16"))),
		HaveField("NetworkEntityId", HaveValue(Equal(p.DRG.ID))))))

	tc.deleteAndWait(ctx, t)
	leaks := env.Sim.Leaks(tc.Compartment)
	g.Expect(leaks).To(HaveLen(1), "only the peer DRG the user brought: %+v", leaks)
	g.Expect(leaks[0].ID).To(Equal(peerDRG))
	pvn, err := env.Sim.VirtualNetworkClient(peerRegion)
	g.Expect(err).NotTo(HaveOccurred())
	_, err = pvn.DeleteDrg(ctx, core.DeleteDrgRequest{DrgId: &peerDRG})
	g.Expect(err).NotTo(HaveOccurred())
}
