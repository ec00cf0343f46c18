package ocisim

import (
	"net/http"

	"github.com/oracle/oci-go-sdk/v65/core"
)

func drgSpec() *kindSpec {
	return &kindSpec{kind: kindDrg, ocidType: "drg", name: "Drg", path: "/20160918/drgs", idParam: "drgId",
		model: func() any { return &core.Drg{} }, create: func() any { return &core.CreateDrgDetails{} },
		update: func() any { return &core.UpdateDrgDetails{} }, states: netStates, referrers: gatewayUsers,
		canDelete: func(c *call, r *record) error {
			if d := c.dependents("drgId", r.id, kindDrgAttachment, kindRPC); len(d) > 0 {
				return errConflict("The DRG %s still has %s %s.", r.id, d[0].kind, d[0].id)
			}
			return nil
		}}
}

func drgAttachmentSpec() *kindSpec {
	return &kindSpec{kind: kindDrgAttachment, ocidType: "drgattachment", name: "DrgAttachment",
		path: "/20160918/drgAttachments", idParam: "drgAttachmentId", model: func() any { return &core.DrgAttachment{} },
		create:  func() any { return &core.CreateDrgAttachmentDetails{} },
		update:  func() any { return &core.UpdateDrgAttachmentDetails{} },
		parents: []string{"DrgId", "VcnId"}, states: [4]string{"ATTACHING", "ATTACHED", "DETACHING", "DETACHED"},
		build: buildDrgAttachment}
}

// buildDrgAttachment resolves the VCN from vcnId or the polymorphic network details.
func buildDrgAttachment(c *call, r *record, details any) error {
	d := details.(*core.CreateDrgAttachmentDetails)
	a := r.obj.(*core.DrgAttachment)
	if _, err := c.live(kindDrg, ptrVal(d.DrgId)); err != nil {
		return err
	}
	vcnID := ptrVal(d.VcnId)
	if nd, ok := d.NetworkDetails.(core.VcnDrgAttachmentNetworkCreateDetails); ok {
		vcnID = ptrVal(nd.Id)
	}
	if vcnID == "" {
		return errMissing("networkDetails")
	}
	if _, _, err := c.vcnPrefixes(vcnID); err != nil {
		return err
	}
	for _, other := range c.dependents("vcnId", vcnID, kindDrgAttachment) {
		if ptrVal(other.obj.(*core.DrgAttachment).DrgId) == ptrVal(d.DrgId) {
			return errConflict("VCN %s is already attached to DRG %s.", vcnID, *d.DrgId)
		}
	}
	a.VcnId = &vcnID
	r.parents["networkId"], r.parents["attachmentType"] = vcnID, "VCN"
	a.NetworkDetails = core.VcnDrgAttachmentNetworkDetails{Id: &vcnID, RouteTableId: d.RouteTableId}
	a.IsCrossTenancy = ptr(false)
	return nil
}

func rpcSpec() *kindSpec {
	return &kindSpec{kind: kindRPC, ocidType: "remotepeeringconnection", name: "RemotePeeringConnection",
		path: "/20160918/remotePeeringConnections", idParam: "remotePeeringConnectionId",
		model:   func() any { return &core.RemotePeeringConnection{} },
		create:  func() any { return &core.CreateRemotePeeringConnectionDetails{} },
		update:  func() any { return &core.UpdateRemotePeeringConnectionDetails{} },
		parents: []string{"DrgId"}, states: [4]string{stProvisioning, stAvailable, stTerminating, stTerminated},
		build: func(c *call, r *record, details any) error {
			rpc := r.obj.(*core.RemotePeeringConnection)
			rpc.PeeringStatus = core.RemotePeeringConnectionPeeringStatusNew
			rpc.IsCrossTenancyPeering = ptr(false)
			_, err := c.live(kindDrg, ptrVal(rpc.DrgId))
			return err
		},
		onDeleted: revokePeer}
}

// revokePeer marks the peer of a deleted connection REVOKED.
func revokePeer(c *call, r *record) {
	rpc := r.obj.(*core.RemotePeeringConnection)
	if peer, ok := c.sim.st.recs[ptrVal(rpc.PeerId)]; ok {
		peer.obj.(*core.RemotePeeringConnection).PeeringStatus = core.RemotePeeringConnectionPeeringStatusRevoked
		c.sim.st.bump(peer)
	}
}

// connectRPC peers two remote peering connections, possibly across regions.
func connectRPC(c *call) error {
	r, err := c.live(kindRPC, c.r.PathValue("remotePeeringConnectionId"))
	if err != nil {
		return err
	}
	var d core.ConnectRemotePeeringConnectionsDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	peer, ok := c.sim.st.recs[*d.PeerId]
	if !ok || peer.kind != kindRPC || peer.deleted || peer.region != *d.PeerRegionName {
		return errNotFound("remote peering connection", *d.PeerId)
	}
	c.sim.advance(peer, c.now)
	if peer.id == r.id || peer.region == r.region {
		return errInvalid("A remote peering connection must peer with one in another region.")
	}
	mine, theirs := r.obj.(*core.RemotePeeringConnection), peer.obj.(*core.RemotePeeringConnection)
	if mine.PeeringStatus == core.RemotePeeringConnectionPeeringStatusPeered ||
		theirs.PeeringStatus == core.RemotePeeringConnectionPeeringStatusPeered {
		return errIncorrectState("One of the remote peering connections is already peered.")
	}
	mine.PeerId, mine.PeerRegionName, mine.PeerTenancyId = &peer.id, &peer.region, &c.sim.tenancy
	theirs.PeerId, theirs.PeerRegionName, theirs.PeerTenancyId = &r.id, &r.region, &c.sim.tenancy
	mine.PeeringStatus = core.RemotePeeringConnectionPeeringStatusPeered
	theirs.PeeringStatus = core.RemotePeeringConnectionPeeringStatusPeered
	c.sim.st.bump(r)
	c.sim.st.bump(peer)
	c.writeJSON(http.StatusOK, nil, nil)
	return nil
}
