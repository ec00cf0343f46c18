package ocisim

import (
	"fmt"
	"net/http"
	"time"

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

func (s *Sim) nodePoolRoutes(mux *http.ServeMux, region string) {
	svc := ServiceContainerEngine
	s.handle(mux, svc, region, "POST /20180222/nodePools", "CreateNodePool", idempotent(createNodePool))
	s.handle(mux, svc, region, "GET /20180222/nodePools/{nodePoolId}", "GetNodePool", getOKE(KindNodePool, "nodePoolId"))
	s.handle(mux, svc, region, "GET /20180222/nodePools", "ListNodePools", func(c *call) error {
		return c.listRecords(KindNodePool, nil, nil, false)
	})
	s.handle(mux, svc, region, "PUT /20180222/nodePools/{nodePoolId}", "UpdateNodePool", updateNodePool)
	s.handle(mux, svc, region, "DELETE /20180222/nodePools/{nodePoolId}", "DeleteNodePool", deleteNodePool)
	s.handle(mux, svc, region, "GET /20180222/nodePoolOptions/{nodePoolOptionId}", "GetNodePoolOptions", getNodePoolOptions)
}

// checkPlacement validates the availability domain and subnet of a placement.
func (c *call) checkPlacement(ad, subnetID string) error {
	if !containsString(c.sim.ADNames(c.region), ad) {
		return errInvalid("Unknown availability domain %q.", ad)
	}
	_, err := c.live(KindSubnet, subnetID)
	return err
}

func createNodePool(c *call) error {
	var d ce.CreateNodePoolDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	cluster, err := c.live(KindCluster, *d.ClusterId)
	if err != nil {
		return err
	}
	if err := checkVersion(d.KubernetesVersion); err != nil {
		return err
	}
	if c.sim.shape(ptrVal(d.NodeShape)) == nil {
		return errInvalid("Shape %q is not available.", ptrVal(d.NodeShape))
	}
	np := &ce.NodePool{Nodes: []ce.Node{}}
	copyFields(np, &d)
	if nc := d.NodeConfigDetails; nc != nil {
		np.NodeConfigDetails = &ce.NodePoolNodeConfigDetails{}
		copyFields(np.NodeConfigDetails, nc)
		for _, p := range nc.PlacementConfigs {
			if err := c.checkPlacement(ptrVal(p.AvailabilityDomain), ptrVal(p.SubnetId)); err != nil {
				return err
			}
		}
	}
	if sc := d.NodeShapeConfig; sc != nil {
		np.NodeShapeConfig = &ce.NodeShapeConfig{Ocpus: sc.Ocpus, MemoryInGBs: sc.MemoryInGBs}
	}
	if src, ok := d.NodeSourceDetails.(ce.NodeSourceViaImageDetails); ok {
		np.NodeSource = ce.NodeSourceViaImageOption{ImageId: src.ImageId, SourceName: ptr("image")}
		np.NodeImageId = src.ImageId
	}
	r := c.newRecord(KindNodePool, "nodepool", *d.CompartmentId, *d.Name, np, stCreating)
	r.parents["clusterId"] = cluster.id
	c.sim.syncNodes(r, c.now, ce.NodeLifecycleStateCreating, false)
	wr := c.async(r, KindNodePool, "NODEPOOL_CREATE", "nodepool", "CREATED", "", stActive, func(at time.Time) {
		c.sim.syncNodes(r, at, ce.NodeLifecycleStateActive, true)
	})
	c.createdID = r.id
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

// poolSize returns the number of nodes a node pool asks for.
func poolSize(np *ce.NodePool) int {
	if np.NodeConfigDetails != nil && np.NodeConfigDetails.Size != nil {
		return *np.NodeConfigDetails.Size
	}
	return ptrVal(np.QuantityPerSubnet) * len(np.SubnetIds)
}

// syncNodes adds the nodes a node pool lacks, in state, spread over its
// placements; with shrink it also removes extra nodes (releasing their
// addresses) and moves every remaining node to state.
func (s *Sim) syncNodes(r *record, at time.Time, state ce.NodeLifecycleStateEnum, shrink bool) {
	np := r.obj.(*ce.NodePool)
	want := poolSize(np)
	if r.deleted {
		want = 0
	}
	for shrink && len(np.Nodes) > want {
		last := np.Nodes[len(np.Nodes)-1]
		s.freeIP(ptrVal(last.SubnetId), ptrVal(last.PrivateIp))
		np.Nodes = np.Nodes[:len(np.Nodes)-1]
	}
	var placements []ce.NodePoolPlacementConfigDetails
	if np.NodeConfigDetails != nil {
		placements = np.NodeConfigDetails.PlacementConfigs
	}
	for i := len(np.Nodes); i < want && len(placements) > 0; i++ {
		p := placements[i%len(placements)]
		node := ce.Node{Id: ptr(newOCID("instance", r.region)), Name: ptr(fmt.Sprintf("%s-%d", *np.Name, i)),
			AvailabilityDomain: p.AvailabilityDomain, SubnetId: p.SubnetId, NodePoolId: &r.id,
			FaultDomain: ptr(fdName(i%s.opts.FDs + 1)), KubernetesVersion: np.KubernetesVersion,
			LifecycleState: state, FreeformTags: np.FreeformTags, DefinedTags: np.DefinedTags}
		if subnet, ok := s.st.recs[ptrVal(p.SubnetId)]; ok {
			c := &call{sim: s, now: at, region: r.region}
			if ip, err := c.allocateIP(subnet, ""); err == nil {
				node.PrivateIp = &ip
			}
		}
		np.Nodes = append(np.Nodes, node)
	}
	if shrink {
		for i := range np.Nodes {
			np.Nodes[i].LifecycleState = state
		}
	}
}

// freeIP returns a private IP to its subnet.
func (s *Sim) freeIP(subnetID, ip string) {
	if subnet, ok := s.st.recs[subnetID]; ok {
		if info, ok := subnet.extra.(*subnetInfo); ok {
			delete(info.used, ip)
		}
	}
}

func updateNodePool(c *call) error {
	r, err := c.liveOKE(KindNodePool, "nodePoolId")
	if err != nil {
		return err
	}
	var d ce.UpdateNodePoolDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := checkVersion(d.KubernetesVersion); err != nil {
		return err
	}
	np := r.obj.(*ce.NodePool)
	nc := d.NodeConfigDetails
	d.NodeConfigDetails = nil
	copyFields(np, &d)
	if nc != nil {
		for _, p := range nc.PlacementConfigs {
			if err := c.checkPlacement(ptrVal(p.AvailabilityDomain), ptrVal(p.SubnetId)); err != nil {
				return err
			}
		}
		if np.NodeConfigDetails == nil {
			np.NodeConfigDetails = &ce.NodePoolNodeConfigDetails{}
		}
		copyFields(np.NodeConfigDetails, nc)
	}
	if sc := d.NodeShapeConfig; sc != nil {
		np.NodeShapeConfig = &ce.NodeShapeConfig{Ocpus: sc.Ocpus, MemoryInGBs: sc.MemoryInGBs}
	}
	r.name = *np.Name
	c.sim.syncNodes(r, c.now, ce.NodeLifecycleStateCreating, false)
	wr := c.async(r, KindNodePool, "NODEPOOL_UPDATE", "nodepool", "UPDATED", stUpdating, stActive, func(at time.Time) {
		c.sim.syncNodes(r, at, ce.NodeLifecycleStateActive, true)
	})
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

func deleteNodePool(c *call) error {
	r, err := c.liveOKE(KindNodePool, "nodePoolId")
	if err != nil {
		return err
	}
	r.deleted = true
	np := r.obj.(*ce.NodePool)
	for i := range np.Nodes {
		np.Nodes[i].LifecycleState = ce.NodeLifecycleStateDeleting
	}
	wr := c.async(r, KindNodePool, "NODEPOOL_DELETE", "nodepool", "DELETED", stDeleting, stDeleted, func(at time.Time) {
		c.sim.syncNodes(r, at, ce.NodeLifecycleStateDeleted, true)
	})
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

func getNodePoolOptions(c *call) error {
	id := c.r.PathValue("nodePoolOptionId")
	if id != "all" {
		if _, err := c.live(KindCluster, id); err != nil {
			return err
		}
	}
	opts := ce.NodePoolOptions{KubernetesVersions: kubernetesVersions, Shapes: []string{}, Images: []string{}}
	for _, sh := range c.sim.Shapes() {
		opts.Shapes = append(opts.Shapes, sh.Name)
	}
	for _, img := range c.sim.Images(c.region) {
		opts.Images = append(opts.Images, img.DisplayName)
		opts.Sources = append(opts.Sources, ce.NodeSourceViaImageOption{SourceName: ptr(img.DisplayName), ImageId: ptr(img.ID)})
	}
	c.writeJSON(http.StatusOK, opts, nil)
	return nil
}
