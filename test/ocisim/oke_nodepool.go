package ocisim

import (
	"fmt"
	"net/http"
	"reflect"
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
	if err := checkCycling(d.NodePoolCyclingDetails); err != nil {
		return err
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
	setNodeSource(np, d.NodeSourceDetails)
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
		s.dropNode(r, len(np.Nodes)-1)
	}
	for len(np.Nodes) < want {
		if !s.addNode(r, at, state) {
			break
		}
	}
	if shrink {
		for i := range np.Nodes {
			np.Nodes[i].LifecycleState = state
		}
	}
}

// addNode launches one node of a node pool in state on the pool's next placement, with the pool's current
// Kubernetes version and image. It reports false when the pool has no placement to launch on.
func (s *Sim) addNode(r *record, at time.Time, state ce.NodeLifecycleStateEnum) bool {
	np := r.obj.(*ce.NodePool)
	if np.NodeConfigDetails == nil || len(np.NodeConfigDetails.PlacementConfigs) == 0 {
		return false
	}
	placements := np.NodeConfigDetails.PlacementConfigs
	ps := poolState(r)
	i := ps.launched
	ps.launched++
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
	ps.images[*node.Id] = ptrVal(np.NodeImageId)
	np.Nodes = append(np.Nodes, node)
	return true
}

// dropNode removes the i-th node of a node pool, releasing its address.
func (s *Sim) dropNode(r *record, i int) {
	np := r.obj.(*ce.NodePool)
	node := np.Nodes[i]
	s.freeIP(ptrVal(node.SubnetId), ptrVal(node.PrivateIp))
	delete(poolState(r).images, ptrVal(node.Id))
	np.Nodes = append(np.Nodes[:i:i], np.Nodes[i+1:]...)
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
	if err := c.checkNodePoolUpdate(r, &d); err != nil {
		return err
	}
	np := r.obj.(*ce.NodePool)
	before := cycleSettingsOf(np)
	applyNodePoolUpdate(np, &d)
	r.name = *np.Name
	if cycleSettingsOf(np).differs(before) && cyclingEnabled(np) && len(np.Nodes) > 0 && poolSize(np) > 0 {
		surge, unavailable := cycleLimits(np.NodePoolCyclingDetails, poolSize(np))
		c.writeJSON(http.StatusAccepted, nil, wrHeader(c.startCycle(r, surge, unavailable)))
		return nil
	}
	c.sim.syncNodes(r, c.now, ce.NodeLifecycleStateCreating, false)
	wr := c.async(r, KindNodePool, "NODEPOOL_UPDATE", "nodepool", "UPDATED", stUpdating, stActive, func(at time.Time) {
		c.sim.syncNodes(r, at, ce.NodeLifecycleStateActive, true)
	})
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

// checkNodePoolUpdate validates an update of a node pool before any of it is applied: the version, shape,
// placements and cycling details it names, and that no node cycle of the pool is running.
func (c *call) checkNodePoolUpdate(r *record, d *ce.UpdateNodePoolDetails) error {
	if err := checkVersion(d.KubernetesVersion); err != nil {
		return err
	}
	if d.NodeShape != nil && c.sim.shape(*d.NodeShape) == nil {
		return errInvalid("Shape %q is not available.", *d.NodeShape)
	}
	if nc := d.NodeConfigDetails; nc != nil {
		for _, p := range nc.PlacementConfigs {
			if err := c.checkPlacement(ptrVal(p.AvailabilityDomain), ptrVal(p.SubnetId)); err != nil {
				return err
			}
		}
	}
	if err := checkCycling(d.NodePoolCyclingDetails); err != nil {
		return err
	}
	if cy := poolState(r).cycle; cy != nil && !cy.stats.Done && r.state == stUpdating {
		return errConflict("Node pool %s is cycling its nodes; retry when it is ACTIVE again.", r.id)
	}
	return nil
}

// applyNodePoolUpdate writes an update into a node pool's model.
func applyNodePoolUpdate(np *ce.NodePool, d *ce.UpdateNodePoolDetails) {
	nc := d.NodeConfigDetails
	d.NodeConfigDetails = nil
	unsetEmptySlices(d)
	copyFields(np, d)
	if nc != nil {
		unsetEmptySlices(nc)
		if np.NodeConfigDetails == nil {
			np.NodeConfigDetails = &ce.NodePoolNodeConfigDetails{}
		}
		copyFields(np.NodeConfigDetails, nc)
	}
	if sc := d.NodeShapeConfig; sc != nil {
		cfg := ce.NodeShapeConfig{}
		if np.NodeShapeConfig != nil {
			cfg = *np.NodeShapeConfig
		}
		if sc.Ocpus != nil {
			cfg.Ocpus = sc.Ocpus
		}
		if sc.MemoryInGBs != nil {
			cfg.MemoryInGBs = sc.MemoryInGBs
		}
		np.NodeShapeConfig = &cfg
	}
	setNodeSource(np, d.NodeSourceDetails)
}

// unsetEmptySlices sets the empty slices of a decoded update to nil: the SDK decodes an absent list of a model
// with a polymorphic field as an empty one, which must not clear the list it would update.
func unsetEmptySlices(details any) {
	v := reflect.ValueOf(details).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && f.Len() == 0 && f.CanSet() {
			f.Set(reflect.Zero(f.Type()))
		}
	}
}

// setNodeSource records the image a node pool's future nodes boot from.
func setNodeSource(np *ce.NodePool, src ce.NodeSourceDetails) {
	if img, ok := src.(ce.NodeSourceViaImageDetails); ok {
		np.NodeSource = ce.NodeSourceViaImageOption{ImageId: img.ImageId, SourceName: ptr("image")}
		np.NodeImageId = img.ImageId
	}
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
