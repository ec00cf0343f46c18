package ocisim

import (
	"fmt"
	"net/http"

	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
)

func (s *Sim) nlbRoutes(mux *http.ServeMux, region string) {
	svc, base := ServiceNetworkLoadBalancer, "/20200501/networkLoadBalancers"
	one := base + "/{networkLoadBalancerId}"
	s.handle(mux, svc, region, "POST "+base, "CreateNetworkLoadBalancer", idempotent(createNLB))
	s.handle(mux, svc, region, "GET "+one, "GetNetworkLoadBalancer", getNLB)
	s.handle(mux, svc, region, "GET "+base, "ListNetworkLoadBalancers", func(c *call) error {
		c.syncPoolBackends()
		return c.listRecords(KindNLB, nil, nil, true)
	})
	s.handle(mux, svc, region, "PUT "+one, "UpdateNetworkLoadBalancer", updateNLB)
	s.handle(mux, svc, region, "DELETE "+one, "DeleteNetworkLoadBalancer", deleteNLB)
	s.handle(mux, svc, region, "PUT "+one+"/backendSets/{backendSetName}/healthChecker", "UpdateHealthChecker", idempotent(updateNLBHealthChecker))
	s.handle(mux, svc, region, "PUT "+one+"/listeners/{listenerName}", "UpdateListener", idempotent(updateNLBListener))
	s.handle(mux, svc, region, "POST "+one+"/backendSets/{backendSetName}/backends", "CreateBackend", idempotent(createNLBBackend))
	s.handle(mux, svc, region, "DELETE "+one+"/backendSets/{backendSetName}/backends/{backendName}", "DeleteBackend", deleteNLBBackend)
	s.handle(mux, svc, region, "GET /20200501/workRequests/{workRequestId}", "GetWorkRequest", getNLBWorkRequest)
	s.handle(mux, svc, region, "GET /20200501/workRequests/{workRequestId}/errors", "ListWorkRequestErrors", listNLBWorkRequestErrors)
}

// nlbBackendName is the name OCI gives a backend: the one asked for, or else
// "<targetId>:<port>" for a backend given by target (even when its IP is given
// too) and "<ip>:<port>" for one given by IP address.
func nlbBackendName(b nlb.Backend) string {
	if ptrVal(b.Name) != "" {
		return *b.Name
	}
	return nlbBackendEndpoint(b)
}

// nlbBackendEndpoint is what makes a backend unique in its set whatever its
// name: "<targetId>:<port>" or "<ip>:<port>".
func nlbBackendEndpoint(b nlb.Backend) string {
	host := ptrVal(b.TargetId)
	if host == "" {
		host = ptrVal(b.IpAddress)
	}
	return fmt.Sprintf("%s:%d", host, ptrVal(b.Port))
}

// buildNLB converts create details into the network load balancer model.
func (c *call) buildNLB(d *nlb.CreateNetworkLoadBalancerDetails) (*nlb.NetworkLoadBalancer, error) {
	n := &nlb.NetworkLoadBalancer{}
	copyFields(n, d)
	if _, err := c.live(KindSubnet, ptrVal(d.SubnetId)); err != nil {
		return nil, err
	}
	n.IpAddresses = []nlb.IpAddress{{IpAddress: ptr(c.sim.opts.LoadBalancerHost), IsPublic: ptr(!ptrVal(d.IsPrivate)),
		IpVersion: nlb.IpVersionIpv4}}
	n.BackendSets = map[string]nlb.BackendSet{}
	for name, bs := range d.BackendSets {
		set := nlb.BackendSet{Name: ptr(name)}
		copyFields(&set, bs)
		set.Backends = []nlb.Backend{}
		for _, b := range bs.Backends {
			b.Name = ptr(nlbBackendName(b))
			set.Backends = append(set.Backends, b)
		}
		n.BackendSets[name] = set
	}
	n.Listeners = map[string]nlb.Listener{}
	for name, l := range d.Listeners {
		if _, ok := n.BackendSets[ptrVal(l.DefaultBackendSetName)]; !ok {
			return nil, errInvalid("Listener %s refers to unknown backend set %q.", name, ptrVal(l.DefaultBackendSetName))
		}
		nl := nlb.Listener{Name: ptr(name)}
		copyFields(&nl, l)
		n.Listeners[name] = nl
	}
	return n, nil
}

func createNLB(c *call) error {
	var d nlb.CreateNetworkLoadBalancerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := c.checkCompartment(*d.CompartmentId); err != nil {
		return err
	}
	if err := c.checkLimit(KindNLB); err != nil {
		return err
	}
	n, err := c.buildNLB(&d)
	if err != nil {
		return err
	}
	r := c.newRecord(KindNLB, "networkloadbalancer", *d.CompartmentId, *d.DisplayName, n, stCreating)
	wr := c.async(r, KindNLB, string(nlb.OperationTypeCreateNetworkLoadBalancer), "networkloadbalancer", "CREATED", "", stActive, nil)
	c.respond(r, wrHeader(wr))
	return nil
}

// getNLB serves GetNetworkLoadBalancer, with the backends of attached instance pools up to date.
func getNLB(c *call) error {
	c.syncPoolBackends()
	r, err := c.lookup(KindNLB, c.r.PathValue("networkLoadBalancerId"))
	if err != nil {
		return err
	}
	c.respond(r, nil)
	return nil
}

// liveNLB returns the network load balancer of the path, checking if-match, once the backend sets instance
// pools are attached to are up to date.
func (c *call) liveNLB() (*record, *nlb.NetworkLoadBalancer, error) {
	c.syncPoolBackends()
	r, err := c.live(KindNLB, c.r.PathValue("networkLoadBalancerId"))
	if err != nil {
		return nil, nil, err
	}
	if err := c.checkEtag(r); err != nil {
		return nil, nil, err
	}
	if err := c.checkNotBusy(r); err != nil {
		return nil, nil, err
	}
	c.createdID = r.id
	return r, r.obj.(*nlb.NetworkLoadBalancer), nil
}

// nlbChange runs an update of a network load balancer through a work request.
func (c *call) nlbChange(r *record, op nlb.OperationTypeEnum, entity, action string) {
	wr := c.async(r, KindNLB, string(op), entity, action, stUpdating, stActive, nil)
	c.writeJSON(http.StatusNoContent, nil, wrHeader(wr))
}

func updateNLB(c *call) error {
	r, n, err := c.liveNLB()
	if err != nil {
		return err
	}
	var d nlb.UpdateNetworkLoadBalancerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	copyFields(n, &d)
	r.name = ptrVal(n.DisplayName)
	c.nlbChange(r, nlb.OperationTypeUpdateNetworkLoadBalancer, "networkloadbalancer", "UPDATED")
	return nil
}

func deleteNLB(c *call) error {
	r, _, err := c.liveNLB()
	if err != nil {
		return err
	}
	r.deleted = true
	wr := c.async(r, KindNLB, string(nlb.OperationTypeDeleteNetworkLoadBalancer), "networkloadbalancer", "DELETED",
		stDeleting, stDeleted, nil)
	c.writeJSON(http.StatusNoContent, nil, wrHeader(wr))
	return nil
}

func updateNLBHealthChecker(c *call) error {
	r, n, err := c.liveNLB()
	if err != nil {
		return err
	}
	var d nlb.UpdateHealthCheckerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	name := c.r.PathValue("backendSetName")
	set, ok := n.BackendSets[name]
	if !ok {
		return errNotFound("backend set", name)
	}
	if set.HealthChecker == nil {
		set.HealthChecker = &nlb.HealthChecker{}
	}
	copyFields(set.HealthChecker, &d)
	n.BackendSets[name] = set
	c.nlbChange(r, nlb.OperationTypeUpdateHealthChecker, "healthchecker", "UPDATED")
	return nil
}

func updateNLBListener(c *call) error {
	r, n, err := c.liveNLB()
	if err != nil {
		return err
	}
	var d nlb.UpdateListenerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	name := c.r.PathValue("listenerName")
	l, ok := n.Listeners[name]
	if !ok {
		return errNotFound("listener", name)
	}
	copyFields(&l, &d)
	n.Listeners[name] = l
	c.nlbChange(r, nlb.OperationTypeUpdateListener, "listener", "UPDATED")
	return nil
}

// createNLBBackend adds a backend through a work request. Like every change of a network load balancer it is
// refused with 409 while another of its work requests runs (liveNLB checks), and a backend whose name or
// endpoint is already in the set is a 409 "Duplicate backend".
func createNLBBackend(c *call) error {
	r, n, err := c.liveNLB()
	if err != nil {
		return err
	}
	var d nlb.CreateBackendDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	name := c.r.PathValue("backendSetName")
	set, ok := n.BackendSets[name]
	if !ok {
		return errNotFound("backend set", name)
	}
	var b nlb.Backend
	copyFields(&b, &d)
	b.Name = ptr(nlbBackendName(b))
	for _, old := range set.Backends {
		if *old.Name == *b.Name || nlbBackendEndpoint(old) == nlbBackendEndpoint(b) {
			return errConflict("Duplicate backend %s in backend set %s.", nlbBackendEndpoint(b), name)
		}
	}
	set.Backends = append(set.Backends, b)
	n.BackendSets[name] = set
	c.nlbChange(r, nlb.OperationTypeCreateBackend, "backend", "CREATED")
	return nil
}

// deleteNLBBackend removes a backend by name through a work request; it is refused with 409 while another work
// request of the network load balancer runs, and an unknown backend is a 404.
func deleteNLBBackend(c *call) error {
	r, n, err := c.liveNLB()
	if err != nil {
		return err
	}
	name, backend := c.r.PathValue("backendSetName"), c.r.PathValue("backendName")
	set, ok := n.BackendSets[name]
	if !ok {
		return errNotFound("backend set", name)
	}
	kept := []nlb.Backend{}
	for _, b := range set.Backends {
		if *b.Name != backend {
			kept = append(kept, b)
		}
	}
	if len(kept) == len(set.Backends) {
		return errNotFound("backend", backend)
	}
	set.Backends = kept
	n.BackendSets[name] = set
	c.nlbChange(r, nlb.OperationTypeDeleteBackend, "backend", "DELETED")
	return nil
}
