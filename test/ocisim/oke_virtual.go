package ocisim

import (
	"fmt"
	"net/http"
	"time"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

func (s *Sim) virtualNodePoolRoutes(mux *http.ServeMux, region string) {
	svc, base := ServiceContainerEngine, "/20180222/virtualNodePools"
	s.handle(mux, svc, region, "POST "+base, "CreateVirtualNodePool", idempotent(createVirtualNodePool))
	s.handle(mux, svc, region, "GET "+base+"/{virtualNodePoolId}", "GetVirtualNodePool", getOKE(KindVirtualNodePool, "virtualNodePoolId"))
	s.handle(mux, svc, region, "GET "+base, "ListVirtualNodePools", func(c *call) error {
		return c.listRecords(KindVirtualNodePool, nil, nil, false)
	})
	s.handle(mux, svc, region, "PUT "+base+"/{virtualNodePoolId}", "UpdateVirtualNodePool", updateVirtualNodePool)
	s.handle(mux, svc, region, "DELETE "+base+"/{virtualNodePoolId}", "DeleteVirtualNodePool", deleteVirtualNodePool)
	s.handle(mux, svc, region, "GET "+base+"/{virtualNodePoolId}/virtualNodes", "ListVirtualNodes", listVirtualNodes)
}

func (c *call) checkPlacements(ps []ce.PlacementConfiguration) error {
	for _, p := range ps {
		if err := c.checkPlacement(ptrVal(p.AvailabilityDomain), ptrVal(p.SubnetId)); err != nil {
			return err
		}
	}
	return nil
}

func createVirtualNodePool(c *call) error {
	var d ce.CreateVirtualNodePoolDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	cluster, err := c.live(KindCluster, *d.ClusterId)
	if err != nil {
		return err
	}
	if err := requireEnhanced(cluster, "Virtual node pools"); err != nil {
		return err
	}
	if err := c.checkPlacements(d.PlacementConfigurations); err != nil {
		return err
	}
	vnp := &ce.VirtualNodePool{KubernetesVersion: cluster.obj.(*ce.Cluster).KubernetesVersion}
	copyFields(vnp, &d)
	r := c.newRecord(KindVirtualNodePool, "virtualnodepool", *d.CompartmentId, *d.DisplayName, vnp, stCreating)
	r.parents["clusterId"] = cluster.id
	r.extra = []ce.VirtualNodeSummary{}
	wr := c.async(r, KindVirtualNodePool, "VIRTUALNODEPOOL_CREATE", "VirtualNodePool", "CREATED", "", stActive,
		func(at time.Time) { syncVirtualNodes(r, at) })
	c.createdID = r.id
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

// syncVirtualNodes brings a virtual node pool's nodes to its size.
func syncVirtualNodes(r *record, at time.Time) {
	vnp := r.obj.(*ce.VirtualNodePool)
	nodes := r.extra.([]ce.VirtualNodeSummary)
	want := ptrVal(vnp.Size)
	if r.deleted {
		want = 0
	}
	if len(nodes) > want {
		nodes = nodes[:want]
	}
	for i := len(nodes); i < want && len(vnp.PlacementConfigurations) > 0; i++ {
		p := vnp.PlacementConfigurations[i%len(vnp.PlacementConfigurations)]
		fd := ""
		if len(p.FaultDomain) > 0 {
			fd = p.FaultDomain[i%len(p.FaultDomain)]
		}
		nodes = append(nodes, ce.VirtualNodeSummary{Id: ptr(newOCID("virtualnode", r.region)),
			DisplayName: ptr(fmt.Sprintf("%s-%d", ptrVal(vnp.DisplayName), i)), VirtualNodePoolId: &r.id,
			KubernetesVersion: vnp.KubernetesVersion, AvailabilityDomain: p.AvailabilityDomain, FaultDomain: &fd,
			SubnetId: p.SubnetId, NsgIds: vnp.NsgIds, LifecycleState: ce.VirtualNodeLifecycleStateActive,
			TimeCreated: sdkTime(at)})
	}
	r.extra = nodes
}

func updateVirtualNodePool(c *call) error {
	r, err := c.liveOKE(KindVirtualNodePool, "virtualNodePoolId")
	if err != nil {
		return err
	}
	var d ce.UpdateVirtualNodePoolDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := c.checkPlacements(d.PlacementConfigurations); err != nil {
		return err
	}
	vnp := r.obj.(*ce.VirtualNodePool)
	copyFields(vnp, &d)
	vnp.TimeUpdated = sdkTime(c.now)
	r.name = ptrVal(vnp.DisplayName)
	wr := c.async(r, KindVirtualNodePool, "VIRTUALNODEPOOL_UPDATE", "VirtualNodePool", "UPDATED", stUpdating, stActive,
		func(at time.Time) { syncVirtualNodes(r, at) })
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

func deleteVirtualNodePool(c *call) error {
	r, err := c.liveOKE(KindVirtualNodePool, "virtualNodePoolId")
	if err != nil {
		return err
	}
	r.deleted = true
	wr := c.async(r, KindVirtualNodePool, "VIRTUALNODEPOOL_DELETE", "VirtualNodePool", "DELETED", stDeleting, stDeleted,
		func(at time.Time) { syncVirtualNodes(r, at) })
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

func listVirtualNodes(c *call) error {
	r, err := c.lookup(KindVirtualNodePool, c.r.PathValue("virtualNodePoolId"))
	if err != nil {
		return err
	}
	name := c.query("name")
	items := []any{}
	nodes := r.extra.([]ce.VirtualNodeSummary)
	for i := range nodes {
		if n := &nodes[i]; name == "" || ptrVal(n.DisplayName) == name {
			items = append(items, *n)
		}
	}
	return c.writePage(items, false)
}
