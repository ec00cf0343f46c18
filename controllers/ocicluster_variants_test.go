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
