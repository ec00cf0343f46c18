package ocisim

import (
	"net/http"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestVcnLifecycle checks VCN states, updates with etags, filters and delete integrity.
func TestVcnLifecycle(t *testing.T) {
	f := newFixture(t, Options{})
	if f.vcn.LifecycleState != core.VcnLifecycleStateProvisioning {
		t.Fatalf("create returned %s, want PROVISIONING", f.vcn.LifecycleState)
	}
	if !strings.HasPrefix(*f.vcn.Id, "ocid1.vcn.oc1.iad.") {
		t.Fatalf("unexpected OCID %s", *f.vcn.Id)
	}
	got := must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: f.vcn.Id}))
	if got.LifecycleState != core.VcnLifecycleStateAvailable || *got.VcnDomainName != "vcn.oraclevcn.com" {
		t.Fatalf("got %s %v", got.LifecycleState, got.VcnDomainName)
	}
	upd := must(f.vn.UpdateVcn(f.ctx, core.UpdateVcnRequest{VcnId: f.vcn.Id, IfMatch: got.Etag,
		UpdateVcnDetails: core.UpdateVcnDetails{DisplayName: common.String("renamed"),
			FreeformTags: map[string]string{"cluster": "a"}}}))
	if *upd.DisplayName != "renamed" || upd.FreeformTags["cluster"] != "a" || *upd.Etag == *got.Etag {
		t.Fatalf("update not applied: %+v", upd.Vcn)
	}
	_, err := f.vn.UpdateVcn(f.ctx, core.UpdateVcnRequest{VcnId: f.vcn.Id, IfMatch: got.Etag,
		UpdateVcnDetails: core.UpdateVcnDetails{DisplayName: common.String("stale")}})
	wantCode(t, err, http.StatusPreconditionFailed, "NoEtagMatch")
	list := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: common.String(f.sim.Tenancy()),
		DisplayName: common.String("renamed")}))
	if len(list.Items) != 1 || *list.Items[0].Id != *f.vcn.Id {
		t.Fatalf("list by name: %d items", len(list.Items))
	}
	_, err = f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id}))
	must(f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id}))
	gone := must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: f.vcn.Id}))
	if gone.LifecycleState != core.VcnLifecycleStateTerminated {
		t.Fatalf("after delete: %s", gone.LifecycleState)
	}
	if live := f.sim.Live(""); len(live) != 0 {
		t.Fatalf("leaked resources: %+v", live)
	}
}

// TestVcnIPv6 checks the IPv6 blocks of a VCN and the /64s of its subnets.
func TestVcnIPv6(t *testing.T) {
	f := newFixture(t, Options{})
	comp := common.String(f.sim.Tenancy())
	v := must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: comp,
		CidrBlocks: []string{"10.1.0.0/16"}, IsIpv6Enabled: common.Bool(true)}})).Vcn
	if len(v.Ipv6CidrBlocks) != 1 || !strings.HasSuffix(v.Ipv6CidrBlocks[0], "::/56") {
		t.Fatalf("IPv6 blocks %v, want one /56", v.Ipv6CidrBlocks)
	}
	block := strings.TrimSuffix(v.Ipv6CidrBlocks[0], "00::/56")
	sub := must(f.vn.CreateSubnet(f.ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{CompartmentId: comp,
		VcnId: v.Id, CidrBlock: common.String("10.1.0.0/24"), Ipv6CidrBlock: common.String(block + "01::/64")}})).Subnet
	if *sub.Ipv6CidrBlock != block+"01::/64" || sub.Ipv6VirtualRouterIp == nil {
		t.Fatalf("subnet IPv6 %v, router %v", sub.Ipv6CidrBlock, sub.Ipv6VirtualRouterIp)
	}
	for _, bad := range []string{"2001:db8::/64", block + "02::/60"} {
		_, err := f.vn.CreateSubnet(f.ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{CompartmentId: comp,
			VcnId: v.Id, CidrBlock: common.String("10.1.1.0/24"), Ipv6CidrBlock: common.String(bad)}})
		wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	}
	private := must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: comp,
		CidrBlocks: []string{"10.2.0.0/16"}, IsIpv6Enabled: common.Bool(true), IsOracleGuaAllocationEnabled: common.Bool(false),
		Ipv6PrivateCidrBlocks: []string{"fd00:1::/56"}}})).Vcn
	if len(private.Ipv6CidrBlocks) != 0 || len(private.Ipv6PrivateCidrBlocks) != 1 {
		t.Fatalf("a VCN without Oracle's addresses: %v %v", private.Ipv6CidrBlocks, private.Ipv6PrivateCidrBlocks)
	}
	plain := must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: comp,
		CidrBlocks: []string{"10.3.0.0/16"}}})).Vcn
	if len(plain.Ipv6CidrBlocks) != 0 {
		t.Fatalf("a VCN without IPv6 has %v", plain.Ipv6CidrBlocks)
	}
}
