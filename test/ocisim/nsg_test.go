package ocisim

import (
	"net/http"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestNetworkSecurityGroupsAndRules checks NSGs and their rules, including rule source types.
func TestNetworkSecurityGroupsAndRules(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	mk := func(name string) core.NetworkSecurityGroup {
		return must(f.vn.CreateNetworkSecurityGroup(f.ctx, core.CreateNetworkSecurityGroupRequest{
			CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{CompartmentId: tenancy, VcnId: f.vcn.Id,
				DisplayName: common.String(name), FreeformTags: map[string]string{"role": name}}})).NetworkSecurityGroup
	}
	cp, workers := mk("cp"), mk("workers")
	added := must(f.vn.AddNetworkSecurityGroupSecurityRules(f.ctx, core.AddNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: cp.Id, AddNetworkSecurityGroupSecurityRulesDetails: core.AddNetworkSecurityGroupSecurityRulesDetails{
			SecurityRules: []core.AddSecurityRuleDetails{
				{Direction: core.AddSecurityRuleDetailsDirectionIngress, Protocol: common.String("6"), Source: workers.Id,
					SourceType: core.AddSecurityRuleDetailsSourceTypeNetworkSecurityGroup,
					TcpOptions: &core.TcpOptions{DestinationPortRange: &core.PortRange{Min: common.Int(6443), Max: common.Int(6443)}}},
				{Direction: core.AddSecurityRuleDetailsDirectionEgress, Protocol: common.String("all"),
					Destination:     common.String("all-iad-services-in-oracle-services-network"),
					DestinationType: core.AddSecurityRuleDetailsDestinationTypeServiceCidrBlock},
			}}}))
	if len(added.SecurityRules) != 2 || added.SecurityRules[0].Id == nil {
		t.Fatalf("added rules: %+v", added.SecurityRules)
	}
	_, err := f.vn.AddNetworkSecurityGroupSecurityRules(f.ctx, core.AddNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: cp.Id, AddNetworkSecurityGroupSecurityRulesDetails: core.AddNetworkSecurityGroupSecurityRulesDetails{
			SecurityRules: []core.AddSecurityRuleDetails{{Direction: core.AddSecurityRuleDetailsDirectionIngress,
				Protocol: common.String("6"), Source: common.String("ocid1.networksecuritygroup.oc1.iad.missing"),
				SourceType: core.AddSecurityRuleDetailsSourceTypeNetworkSecurityGroup}}}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	ingress := must(f.vn.ListNetworkSecurityGroupSecurityRules(f.ctx, core.ListNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: cp.Id, Direction: core.ListNetworkSecurityGroupSecurityRulesDirectionIngress}))
	if len(ingress.Items) != 1 || *ingress.Items[0].Source != *workers.Id {
		t.Fatalf("ingress rules: %+v", ingress.Items)
	}
	ruleID := added.SecurityRules[0].Id
	must(f.vn.UpdateNetworkSecurityGroupSecurityRules(f.ctx, core.UpdateNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: cp.Id, UpdateNetworkSecurityGroupSecurityRulesDetails: core.UpdateNetworkSecurityGroupSecurityRulesDetails{
			SecurityRules: []core.UpdateSecurityRuleDetails{{Id: ruleID, Direction: core.UpdateSecurityRuleDetailsDirectionIngress,
				Protocol: common.String("6"), Source: common.String("10.0.0.0/16"),
				SourceType: core.UpdateSecurityRuleDetailsSourceTypeCidrBlock, Description: common.String("api")}}}}))
	must(f.vn.RemoveNetworkSecurityGroupSecurityRules(f.ctx, core.RemoveNetworkSecurityGroupSecurityRulesRequest{
		NetworkSecurityGroupId: cp.Id, RemoveNetworkSecurityGroupSecurityRulesDetails: core.RemoveNetworkSecurityGroupSecurityRulesDetails{
			SecurityRuleIds: []string{*added.SecurityRules[1].Id}}}))
	all := must(f.vn.ListNetworkSecurityGroupSecurityRules(f.ctx, core.ListNetworkSecurityGroupSecurityRulesRequest{NetworkSecurityGroupId: cp.Id}))
	if len(all.Items) != 1 || *all.Items[0].Source != "10.0.0.0/16" || *all.Items[0].Description != "api" {
		t.Fatalf("rules after update and remove: %+v", all.Items)
	}
	upd := must(f.vn.UpdateNetworkSecurityGroup(f.ctx, core.UpdateNetworkSecurityGroupRequest{NetworkSecurityGroupId: cp.Id,
		UpdateNetworkSecurityGroupDetails: core.UpdateNetworkSecurityGroupDetails{DisplayName: common.String("control-plane")}}))
	got := must(f.vn.GetNetworkSecurityGroup(f.ctx, core.GetNetworkSecurityGroupRequest{NetworkSecurityGroupId: cp.Id}))
	if *got.DisplayName != "control-plane" || got.FreeformTags["role"] != "cp" || *upd.Etag != *got.Etag {
		t.Fatalf("nsg after update: %+v", got.NetworkSecurityGroup)
	}
	list := must(f.vn.ListNetworkSecurityGroups(f.ctx, core.ListNetworkSecurityGroupsRequest{CompartmentId: tenancy, VcnId: f.vcn.Id}))
	if len(list.Items) != 2 {
		t.Fatalf("want 2 NSGs, got %d", len(list.Items))
	}
	must(f.vn.DeleteNetworkSecurityGroup(f.ctx, core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: workers.Id}))
	if live := f.sim.Live(kindNSG); len(live) != 1 {
		t.Fatalf("want 1 live NSG, got %d", len(live))
	}
}

// TestDrgAndAttachments checks DRGs and VCN attachments.
func TestDrgAndAttachments(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	drg := must(f.vn.CreateDrg(f.ctx, core.CreateDrgRequest{CreateDrgDetails: core.CreateDrgDetails{
		CompartmentId: tenancy, DisplayName: common.String("drg")}})).Drg
	must(f.vn.UpdateDrg(f.ctx, core.UpdateDrgRequest{DrgId: drg.Id, UpdateDrgDetails: core.UpdateDrgDetails{DisplayName: common.String("drg2")}}))
	if g := must(f.vn.GetDrg(f.ctx, core.GetDrgRequest{DrgId: drg.Id})); *g.DisplayName != "drg2" {
		t.Fatalf("DRG not renamed: %s", *g.DisplayName)
	}
	if l := must(f.vn.ListDrgs(f.ctx, core.ListDrgsRequest{CompartmentId: tenancy})); len(l.Items) != 1 {
		t.Fatalf("want 1 DRG, got %d", len(l.Items))
	}
	att := must(f.vn.CreateDrgAttachment(f.ctx, core.CreateDrgAttachmentRequest{CreateDrgAttachmentDetails: core.CreateDrgAttachmentDetails{
		DrgId: drg.Id, NetworkDetails: core.VcnDrgAttachmentNetworkCreateDetails{Id: f.vcn.Id}}})).DrgAttachment
	if att.LifecycleState != core.DrgAttachmentLifecycleStateAttaching || *att.VcnId != *f.vcn.Id {
		t.Fatalf("attachment: %+v", att)
	}
	got := must(f.vn.GetDrgAttachment(f.ctx, core.GetDrgAttachmentRequest{DrgAttachmentId: att.Id}))
	if got.LifecycleState != core.DrgAttachmentLifecycleStateAttached {
		t.Fatalf("attachment is %s", got.LifecycleState)
	}
	if nd, ok := got.NetworkDetails.(core.VcnDrgAttachmentNetworkDetails); !ok || *nd.Id != *f.vcn.Id {
		t.Fatalf("network details: %#v", got.NetworkDetails)
	}
	_, err := f.vn.CreateDrgAttachment(f.ctx, core.CreateDrgAttachmentRequest{CreateDrgAttachmentDetails: core.CreateDrgAttachmentDetails{
		DrgId: drg.Id, VcnId: f.vcn.Id}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(f.vn.UpdateDrgAttachment(f.ctx, core.UpdateDrgAttachmentRequest{DrgAttachmentId: att.Id,
		UpdateDrgAttachmentDetails: core.UpdateDrgAttachmentDetails{DisplayName: common.String("peer")}}))
	l := must(f.vn.ListDrgAttachments(f.ctx, core.ListDrgAttachmentsRequest{CompartmentId: tenancy, VcnId: f.vcn.Id,
		AttachmentType: core.ListDrgAttachmentsAttachmentTypeVcn}))
	if len(l.Items) != 1 || *l.Items[0].DisplayName != "peer" {
		t.Fatalf("attachments: %+v", l.Items)
	}
	_, err = f.vn.DeleteDrg(f.ctx, core.DeleteDrgRequest{DrgId: drg.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(f.vn.DeleteDrgAttachment(f.ctx, core.DeleteDrgAttachmentRequest{DrgAttachmentId: att.Id}))
	must(f.vn.DeleteDrg(f.ctx, core.DeleteDrgRequest{DrgId: drg.Id}))
	if g := must(f.vn.GetDrg(f.ctx, core.GetDrgRequest{DrgId: drg.Id})); g.LifecycleState != core.DrgLifecycleStateTerminated {
		t.Fatalf("DRG is %s", g.LifecycleState)
	}
}

// TestRemotePeeringAcrossRegions checks remote peering between two regions.
func TestRemotePeeringAcrossRegions(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	vnPhx := must(f.sim.VirtualNetworkClient(phx))
	mkRPC := func(vn core.VirtualNetworkClient) core.RemotePeeringConnection {
		drg := must(vn.CreateDrg(f.ctx, core.CreateDrgRequest{CreateDrgDetails: core.CreateDrgDetails{CompartmentId: tenancy}})).Drg
		return must(vn.CreateRemotePeeringConnection(f.ctx, core.CreateRemotePeeringConnectionRequest{
			CreateRemotePeeringConnectionDetails: core.CreateRemotePeeringConnectionDetails{CompartmentId: tenancy, DrgId: drg.Id,
				DisplayName: common.String("rpc")}})).RemotePeeringConnection
	}
	east, west := mkRPC(f.vn), mkRPC(vnPhx)
	_, err := f.vn.GetRemotePeeringConnection(f.ctx, core.GetRemotePeeringConnectionRequest{RemotePeeringConnectionId: west.Id})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	must(f.vn.ConnectRemotePeeringConnections(f.ctx, core.ConnectRemotePeeringConnectionsRequest{RemotePeeringConnectionId: east.Id,
		ConnectRemotePeeringConnectionsDetails: core.ConnectRemotePeeringConnectionsDetails{PeerId: west.Id, PeerRegionName: common.String(phx)}}))
	gotWest := must(vnPhx.GetRemotePeeringConnection(f.ctx, core.GetRemotePeeringConnectionRequest{RemotePeeringConnectionId: west.Id}))
	if gotWest.PeeringStatus != core.RemotePeeringConnectionPeeringStatusPeered || *gotWest.PeerId != *east.Id || *gotWest.PeerRegionName != iad {
		t.Fatalf("peer side: %+v", gotWest.RemotePeeringConnection)
	}
	must(f.vn.UpdateRemotePeeringConnection(f.ctx, core.UpdateRemotePeeringConnectionRequest{RemotePeeringConnectionId: east.Id,
		UpdateRemotePeeringConnectionDetails: core.UpdateRemotePeeringConnectionDetails{DisplayName: common.String("east")}}))
	l := must(f.vn.ListRemotePeeringConnections(f.ctx, core.ListRemotePeeringConnectionsRequest{CompartmentId: tenancy, DrgId: east.DrgId}))
	if len(l.Items) != 1 || *l.Items[0].DisplayName != "east" || l.Items[0].LifecycleState != core.RemotePeeringConnectionLifecycleStateAvailable {
		t.Fatalf("list: %+v", l.Items)
	}
	must(f.vn.DeleteRemotePeeringConnection(f.ctx, core.DeleteRemotePeeringConnectionRequest{RemotePeeringConnectionId: east.Id}))
	gotWest = must(vnPhx.GetRemotePeeringConnection(f.ctx, core.GetRemotePeeringConnectionRequest{RemotePeeringConnectionId: west.Id}))
	if gotWest.PeeringStatus != core.RemotePeeringConnectionPeeringStatusRevoked {
		t.Fatalf("peer after delete: %s", gotWest.PeeringStatus)
	}
}
