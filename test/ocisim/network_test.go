package ocisim

import (
	"net/http"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestSubnetCRUDAndCIDRs checks subnet CRUD and CIDR validation.
func TestSubnetCRUDAndCIDRs(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	s := must(f.vn.GetSubnet(f.ctx, core.GetSubnetRequest{SubnetId: f.subnet.Id}))
	if s.LifecycleState != core.SubnetLifecycleStateAvailable || *s.VirtualRouterIp != "10.0.1.1" ||
		*s.RouteTableId != *f.vcn.DefaultRouteTableId {
		t.Fatalf("unexpected subnet %+v", s.Subnet)
	}
	for _, bad := range []string{"10.0.1.128/25", "10.1.0.0/24", "10.0.2.1/24", "nonsense"} {
		_, err := f.vn.CreateSubnet(f.ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
			CompartmentId: tenancy, VcnId: f.vcn.Id, CidrBlock: common.String(bad)}})
		wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	}
	must(f.vn.CreateSubnet(f.ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, CidrBlock: common.String("10.0.2.0/24"), DisplayName: common.String("two")}}))
	list := must(f.vn.ListSubnets(f.ctx, core.ListSubnetsRequest{CompartmentId: tenancy, VcnId: f.vcn.Id}))
	if len(list.Items) != 2 {
		t.Fatalf("want 2 subnets, got %d", len(list.Items))
	}
	upd := must(f.vn.UpdateSubnet(f.ctx, core.UpdateSubnetRequest{SubnetId: f.subnet.Id,
		UpdateSubnetDetails: core.UpdateSubnetDetails{DisplayName: common.String("one"),
			DefinedTags: map[string]map[string]interface{}{"ns": {"k": "v"}}}}))
	if *upd.DisplayName != "one" || upd.DefinedTags["ns"]["k"] != "v" {
		t.Fatalf("update not applied: %+v", upd.Subnet)
	}
	_, err := f.vn.UpdateSubnet(f.ctx, core.UpdateSubnetRequest{SubnetId: f.subnet.Id,
		UpdateSubnetDetails: core.UpdateSubnetDetails{RouteTableId: common.String("ocid1.routetable.oc1.iad.missing")}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	must(f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id}))
	got := must(f.vn.GetSubnet(f.ctx, core.GetSubnetRequest{SubnetId: f.subnet.Id}))
	if got.LifecycleState != core.SubnetLifecycleStateTerminated {
		t.Fatalf("deleted subnet is %s", got.LifecycleState)
	}
}

// TestRouteTablesAndSecurityLists checks route tables, security lists and the integrity rules around them.
func TestRouteTablesAndSecurityLists(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	igw := must(f.vn.CreateInternetGateway(f.ctx, core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: core.CreateInternetGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, IsEnabled: common.Bool(true)}})).InternetGateway
	rt := must(f.vn.CreateRouteTable(f.ctx, core.CreateRouteTableRequest{CreateRouteTableDetails: core.CreateRouteTableDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, DisplayName: common.String("public"),
		RouteRules: []core.RouteRule{{Destination: common.String("0.0.0.0/0"), NetworkEntityId: igw.Id}}}})).RouteTable
	got := must(f.vn.GetRouteTable(f.ctx, core.GetRouteTableRequest{RtId: rt.Id}))
	if len(got.RouteRules) != 1 || *got.RouteRules[0].NetworkEntityId != *igw.Id {
		t.Fatalf("route rules not stored: %+v", got.RouteRules)
	}
	must(f.vn.UpdateRouteTable(f.ctx, core.UpdateRouteTableRequest{RtId: rt.Id, UpdateRouteTableDetails: core.UpdateRouteTableDetails{
		RouteRules: []core.RouteRule{}}}))
	rts := must(f.vn.ListRouteTables(f.ctx, core.ListRouteTablesRequest{CompartmentId: tenancy, VcnId: f.vcn.Id}))
	if len(rts.Items) != 2 {
		t.Fatalf("want default and public route tables, got %d", len(rts.Items))
	}
	sl := must(f.vn.CreateSecurityList(f.ctx, core.CreateSecurityListRequest{CreateSecurityListDetails: core.CreateSecurityListDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, DisplayName: common.String("sl"),
		EgressSecurityRules:  []core.EgressSecurityRule{{Destination: common.String("0.0.0.0/0"), Protocol: common.String("all")}},
		IngressSecurityRules: []core.IngressSecurityRule{{Source: common.String("10.0.0.0/16"), Protocol: common.String("6")}}}})).SecurityList
	must(f.vn.UpdateSubnet(f.ctx, core.UpdateSubnetRequest{SubnetId: f.subnet.Id, UpdateSubnetDetails: core.UpdateSubnetDetails{
		RouteTableId: rt.Id, SecurityListIds: []string{*sl.Id}}}))
	_, err := f.vn.DeleteRouteTable(f.ctx, core.DeleteRouteTableRequest{RtId: rt.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	_, err = f.vn.DeleteSecurityList(f.ctx, core.DeleteSecurityListRequest{SecurityListId: sl.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	upd := must(f.vn.UpdateSecurityList(f.ctx, core.UpdateSecurityListRequest{SecurityListId: sl.Id,
		UpdateSecurityListDetails: core.UpdateSecurityListDetails{IngressSecurityRules: []core.IngressSecurityRule{}}}))
	if len(upd.IngressSecurityRules) != 0 || len(upd.EgressSecurityRules) != 1 {
		t.Fatalf("security list update: %+v", upd.SecurityList)
	}
	gotSL := must(f.vn.GetSecurityList(f.ctx, core.GetSecurityListRequest{SecurityListId: sl.Id}))
	sls := must(f.vn.ListSecurityLists(f.ctx, core.ListSecurityListsRequest{CompartmentId: tenancy, VcnId: f.vcn.Id,
		DisplayName: common.String("sl")}))
	if len(sls.Items) != 1 || *gotSL.Id != *sl.Id {
		t.Fatalf("security list lookup failed")
	}
	must(f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id}))
	must(f.vn.DeleteRouteTable(f.ctx, core.DeleteRouteTableRequest{RtId: rt.Id}))
	must(f.vn.DeleteSecurityList(f.ctx, core.DeleteSecurityListRequest{SecurityListId: sl.Id}))
	_, err = f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(f.vn.DeleteInternetGateway(f.ctx, core.DeleteInternetGatewayRequest{IgId: igw.Id}))
	must(f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id}))
	if live := f.sim.Live(""); len(live) != 0 {
		t.Fatalf("leaked: %+v", live)
	}
}

// TestGateways checks internet, NAT and service gateways and the services list.
func TestGateways(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	igw := must(f.vn.CreateInternetGateway(f.ctx, core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: core.CreateInternetGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, IsEnabled: common.Bool(true), DisplayName: common.String("igw")}})).InternetGateway
	must(f.vn.UpdateInternetGateway(f.ctx, core.UpdateInternetGatewayRequest{IgId: igw.Id,
		UpdateInternetGatewayDetails: core.UpdateInternetGatewayDetails{IsEnabled: common.Bool(false)}}))
	if g := must(f.vn.GetInternetGateway(f.ctx, core.GetInternetGatewayRequest{IgId: igw.Id})); *g.IsEnabled {
		t.Fatal("internet gateway still enabled")
	}
	if l := must(f.vn.ListInternetGateways(f.ctx, core.ListInternetGatewaysRequest{CompartmentId: tenancy, VcnId: f.vcn.Id})); len(l.Items) != 1 {
		t.Fatalf("want 1 internet gateway, got %d", len(l.Items))
	}
	nat := must(f.vn.CreateNatGateway(f.ctx, core.CreateNatGatewayRequest{CreateNatGatewayDetails: core.CreateNatGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id}})).NatGateway
	if nat.NatIp == nil || *nat.BlockTraffic {
		t.Fatalf("NAT gateway without IP: %+v", nat)
	}
	must(f.vn.UpdateNatGateway(f.ctx, core.UpdateNatGatewayRequest{NatGatewayId: nat.Id,
		UpdateNatGatewayDetails: core.UpdateNatGatewayDetails{BlockTraffic: common.Bool(true)}}))
	if g := must(f.vn.GetNatGateway(f.ctx, core.GetNatGatewayRequest{NatGatewayId: nat.Id})); !*g.BlockTraffic {
		t.Fatal("NAT gateway update lost")
	}
	if l := must(f.vn.ListNatGateways(f.ctx, core.ListNatGatewaysRequest{CompartmentId: tenancy, VcnId: f.vcn.Id})); len(l.Items) != 1 {
		t.Fatalf("want 1 NAT gateway, got %d", len(l.Items))
	}
	services := must(f.vn.ListServices(f.ctx, core.ListServicesRequest{}))
	osn := services.Items[0]
	if *osn.Name != "All IAD Services In Oracle Services Network" || *osn.CidrBlock != "all-iad-services-in-oracle-services-network" {
		t.Fatalf("unexpected OSN service %s %s", *osn.Name, *osn.CidrBlock)
	}
	sgw := must(f.vn.CreateServiceGateway(f.ctx, core.CreateServiceGatewayRequest{CreateServiceGatewayDetails: core.CreateServiceGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, Services: []core.ServiceIdRequestDetails{{ServiceId: osn.Id}}}})).ServiceGateway
	if len(sgw.Services) != 1 || *sgw.Services[0].ServiceName != *osn.Name {
		t.Fatalf("service gateway services: %+v", sgw.Services)
	}
	_, err := f.vn.CreateServiceGateway(f.ctx, core.CreateServiceGatewayRequest{CreateServiceGatewayDetails: core.CreateServiceGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, Services: []core.ServiceIdRequestDetails{{ServiceId: common.String("ocid1.service.oc1.iad.nope")}}}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	must(f.vn.UpdateServiceGateway(f.ctx, core.UpdateServiceGatewayRequest{ServiceGatewayId: sgw.Id,
		UpdateServiceGatewayDetails: core.UpdateServiceGatewayDetails{Services: []core.ServiceIdRequestDetails{}}}))
	if g := must(f.vn.GetServiceGateway(f.ctx, core.GetServiceGatewayRequest{ServiceGatewayId: sgw.Id})); len(g.Services) != 0 {
		t.Fatal("service gateway services not updated")
	}
	if l := must(f.vn.ListServiceGateways(f.ctx, core.ListServiceGatewaysRequest{CompartmentId: tenancy, VcnId: f.vcn.Id})); len(l.Items) != 1 {
		t.Fatalf("want 1 service gateway, got %d", len(l.Items))
	}
	must(f.vn.DeleteInternetGateway(f.ctx, core.DeleteInternetGatewayRequest{IgId: igw.Id}))
	must(f.vn.DeleteNatGateway(f.ctx, core.DeleteNatGatewayRequest{NatGatewayId: nat.Id}))
	must(f.vn.DeleteServiceGateway(f.ctx, core.DeleteServiceGatewayRequest{ServiceGatewayId: sgw.Id}))
	if live := f.sim.Live(kindNatGateway); len(live) != 0 {
		t.Fatalf("NAT gateway still live: %+v", live)
	}
}

// TestReferencesBlockDeletes checks that a gateway named by a route rule and a
// subnet holding a load balancer cannot be deleted.
func TestReferencesBlockDeletes(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	nat := must(f.vn.CreateNatGateway(f.ctx, core.CreateNatGatewayRequest{CreateNatGatewayDetails: core.CreateNatGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id}})).NatGateway
	must(f.vn.CreateRouteTable(f.ctx, core.CreateRouteTableRequest{CreateRouteTableDetails: core.CreateRouteTableDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id,
		RouteRules: []core.RouteRule{{Destination: common.String("0.0.0.0/0"), NetworkEntityId: nat.Id}}}}))
	_, err := f.vn.DeleteNatGateway(f.ctx, core.DeleteNatGatewayRequest{NatGatewayId: nat.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	nlbc := must(f.sim.NetworkLoadBalancerClient(iad))
	createTestNLB(t, f, nlbc)
	_, err = f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
}
