package ocisim

import (
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
)

// buildNetwork creates what a self-managed cluster needs around the
// fixture's VCN and returns the deletions to run, in order.
func buildNetwork(t *testing.T, f *fixture) []func() {
	t.Helper()
	tenancy := common.String(f.sim.Tenancy())
	services := must(f.vn.ListServices(f.ctx, core.ListServicesRequest{}))
	igw := must(f.vn.CreateInternetGateway(f.ctx, core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: core.CreateInternetGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, IsEnabled: common.Bool(true)}})).InternetGateway
	sgw := must(f.vn.CreateServiceGateway(f.ctx, core.CreateServiceGatewayRequest{CreateServiceGatewayDetails: core.CreateServiceGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, Services: []core.ServiceIdRequestDetails{{ServiceId: services.Items[0].Id}}}})).ServiceGateway
	rt := must(f.vn.CreateRouteTable(f.ctx, core.CreateRouteTableRequest{CreateRouteTableDetails: core.CreateRouteTableDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, RouteRules: []core.RouteRule{
			{Destination: common.String("0.0.0.0/0"), NetworkEntityId: igw.Id},
			{Destination: services.Items[0].CidrBlock, DestinationType: core.RouteRuleDestinationTypeServiceCidrBlock, NetworkEntityId: sgw.Id}}}})).RouteTable
	nsg := must(f.vn.CreateNetworkSecurityGroup(f.ctx, core.CreateNetworkSecurityGroupRequest{CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id}})).NetworkSecurityGroup
	must(f.vn.UpdateSubnet(f.ctx, core.UpdateSubnetRequest{SubnetId: f.subnet.Id, UpdateSubnetDetails: core.UpdateSubnetDetails{RouteTableId: rt.Id}}))
	return []func(){
		func() { must(f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id})) },
		func() {
			must(f.vn.DeleteNetworkSecurityGroup(f.ctx, core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: nsg.Id}))
		},
		func() { must(f.vn.DeleteRouteTable(f.ctx, core.DeleteRouteTableRequest{RtId: rt.Id})) },
		func() {
			must(f.vn.DeleteServiceGateway(f.ctx, core.DeleteServiceGatewayRequest{ServiceGatewayId: sgw.Id}))
		},
		func() { must(f.vn.DeleteInternetGateway(f.ctx, core.DeleteInternetGatewayRequest{IgId: igw.Id})) },
		func() { must(f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id})) },
	}
}

// TestSelfManagedClusterScenario builds and tears down what a self-managed
// cluster uses (network, a network load balancer, control plane instances as
// its backends) and checks that nothing leaks.
func TestSelfManagedClusterScenario(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindInstance: 30 * time.Second, KindNLB: time.Minute}})
	teardown := buildNetwork(t, f)
	lbc := must(f.sim.NetworkLoadBalancerClient(iad))
	lb := createTestNLB(t, f, lbc)
	var instances []core.Instance
	for _, name := range []string{"cp-0", "cp-1", "cp-2"} {
		instances = append(instances, must(f.launch(t, name, "VM.Standard.E4.Flex")))
	}
	f.sim.Advance(time.Minute)
	for _, in := range instances {
		vnics := must(f.comp.ListVnicAttachments(f.ctx, core.ListVnicAttachmentsRequest{CompartmentId: common.String(f.sim.Tenancy()), InstanceId: in.Id}))
		vnic := must(f.vn.GetVnic(f.ctx, core.GetVnicRequest{VnicId: vnics.Items[0].VnicId}))
		must(lbc.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
			CreateBackendDetails: nlb.CreateBackendDetails{IpAddress: vnic.PrivateIp, Port: common.Int(6443)}}))
		f.sim.Advance(time.Minute) // one change at a time: the NLB refuses another while a work request runs
	}
	got := must(lbc.GetNetworkLoadBalancer(f.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: lb.Id}))
	if n := len(got.BackendSets["apiserver"].Backends); n != 3 {
		t.Fatalf("want 3 backends, got %d", n)
	}
	must(lbc.DeleteNetworkLoadBalancer(f.ctx, nlb.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: lb.Id}))
	for _, in := range instances {
		must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: in.Id}))
	}
	f.sim.Advance(time.Minute)
	for _, del := range teardown {
		del()
	}
	if live := f.sim.Live(""); len(live) != 0 {
		t.Fatalf("leaked: %+v", live)
	}
}
