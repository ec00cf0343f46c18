package ocisim

import (
	"fmt"
	"net/http"

	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
)

const (
	stCreating = "CREATING"
	stActive   = "ACTIVE"
	stDeleting = "DELETING"
	stDeleted  = "DELETED"
	stUpdating = "UPDATING"
)

func (s *Sim) lbRoutes(mux *http.ServeMux, region string) {
	svc, base := ServiceLoadBalancer, "/20170115/loadBalancers"
	s.handle(mux, svc, region, "POST "+base, "CreateLoadBalancer", idempotent(createLB))
	s.handle(mux, svc, region, "GET "+base+"/{loadBalancerId}", "GetLoadBalancer", getLB)
	s.handle(mux, svc, region, "GET "+base, "ListLoadBalancers", func(c *call) error {
		c.syncPoolBackends()
		return c.listRecords(KindLoadBalancer, nil, nil, false)
	})
	s.handle(mux, svc, region, "PUT "+base+"/{loadBalancerId}", "UpdateLoadBalancer", idempotent(updateLB))
	s.handle(mux, svc, region, "DELETE "+base+"/{loadBalancerId}", "DeleteLoadBalancer", deleteLB)
	s.handle(mux, svc, region, "POST "+base+"/{loadBalancerId}/backendSets/{backendSetName}/backends", "CreateBackend", idempotent(createLBBackend))
	s.handle(mux, svc, region, "PUT "+base+"/{loadBalancerId}/listeners/{listenerName}", "UpdateListener", idempotent(updateLBListener))
	s.handle(mux, svc, region, "PUT "+base+"/{loadBalancerId}/backendSets/{backendSetName}/healthChecker", "UpdateHealthChecker",
		idempotent(updateLBHealthChecker))
	s.handle(mux, svc, region, "DELETE "+base+"/{loadBalancerId}/backendSets/{backendSetName}/backends/{backendName}",
		"DeleteBackend", deleteLBBackend)
	s.handle(mux, svc, region, "GET /20170115/loadBalancerWorkRequests/{workRequestId}", "GetWorkRequest", getLBWorkRequest)
}

// buildLB converts create details into the load balancer model.
func (c *call) buildLB(d *loadbalancer.CreateLoadBalancerDetails) (*loadbalancer.LoadBalancer, error) {
	lb := &loadbalancer.LoadBalancer{}
	copyFields(lb, d)
	for _, id := range d.SubnetIds {
		if _, err := c.live(KindSubnet, id); err != nil {
			return nil, err
		}
	}
	lb.IpAddresses = []loadbalancer.IpAddress{{IpAddress: ptr(c.sim.opts.LoadBalancerHost), IsPublic: ptr(!ptrVal(d.IsPrivate))}}
	lb.BackendSets = map[string]loadbalancer.BackendSet{}
	for name, bs := range d.BackendSets {
		set := loadbalancer.BackendSet{Name: ptr(name), Policy: bs.Policy, Backends: []loadbalancer.Backend{}}
		if bs.HealthChecker != nil {
			set.HealthChecker = &loadbalancer.HealthChecker{}
			copyFields(set.HealthChecker, bs.HealthChecker)
		}
		for _, b := range bs.Backends {
			nb := loadbalancer.Backend{Name: ptr(fmt.Sprintf("%s:%d", ptrVal(b.IpAddress), ptrVal(b.Port)))}
			copyFields(&nb, b)
			set.Backends = append(set.Backends, nb)
		}
		lb.BackendSets[name] = set
	}
	lb.Listeners = map[string]loadbalancer.Listener{}
	for name, l := range d.Listeners {
		if _, ok := lb.BackendSets[ptrVal(l.DefaultBackendSetName)]; !ok {
			return nil, errInvalid("Listener %s refers to unknown backend set %q.", name, ptrVal(l.DefaultBackendSetName))
		}
		nl := loadbalancer.Listener{Name: ptr(name)}
		copyFields(&nl, l)
		lb.Listeners[name] = nl
	}
	return lb, nil
}

func createLB(c *call) error {
	var d loadbalancer.CreateLoadBalancerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	if err := c.checkCompartment(*d.CompartmentId); err != nil {
		return err
	}
	if err := c.checkLimit(KindLoadBalancer); err != nil {
		return err
	}
	lb, err := c.buildLB(&d)
	if err != nil {
		return err
	}
	r := c.newRecord(KindLoadBalancer, "loadbalancer", *d.CompartmentId, *d.DisplayName, lb, stCreating)
	wr := c.async(r, KindLoadBalancer, "CreateLoadBalancer", "loadbalancer", "CREATED", "", stActive, nil)
	c.createdID = r.id
	c.writeJSON(http.StatusNoContent, nil, wrHeader(wr))
	return nil
}

// getLB serves GetLoadBalancer, with the backends of attached instance pools up to date.
func getLB(c *call) error {
	c.syncPoolBackends()
	r, err := c.lookup(KindLoadBalancer, c.r.PathValue("loadBalancerId"))
	if err != nil {
		return err
	}
	c.respond(r, nil)
	return nil
}

// liveLB returns the load balancer of the path, checking if-match, once the backend sets instance pools are
// attached to are up to date.
func (c *call) liveLB() (*record, *loadbalancer.LoadBalancer, error) {
	c.syncPoolBackends()
	r, err := c.live(KindLoadBalancer, c.r.PathValue("loadBalancerId"))
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
	return r, r.obj.(*loadbalancer.LoadBalancer), nil
}

func updateLB(c *call) error {
	r, lb, err := c.liveLB()
	if err != nil {
		return err
	}
	var d loadbalancer.UpdateLoadBalancerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	copyFields(lb, &d)
	r.name = ptrVal(lb.DisplayName)
	c.writeJSON(http.StatusNoContent, nil, wrHeader(c.async(r, KindLoadBalancer, "UpdateLoadBalancer", "loadbalancer", "UPDATED", "", "", nil)))
	return nil
}

func updateLBListener(c *call) error {
	r, lb, err := c.liveLB()
	if err != nil {
		return err
	}
	var d loadbalancer.UpdateListenerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	name := c.r.PathValue("listenerName")
	l, ok := lb.Listeners[name]
	if !ok {
		return errNotFound("listener", name)
	}
	copyFields(&l, &d)
	lb.Listeners[name] = l
	c.writeJSON(http.StatusNoContent, nil, wrHeader(c.async(r, KindLoadBalancer, "UpdateListener", "listener", "UPDATED", "", "", nil)))
	return nil
}

func updateLBHealthChecker(c *call) error {
	r, lb, err := c.liveLB()
	if err != nil {
		return err
	}
	var d loadbalancer.UpdateHealthCheckerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	name := c.r.PathValue("backendSetName")
	set, ok := lb.BackendSets[name]
	if !ok {
		return errNotFound("backend set", name)
	}
	if set.HealthChecker == nil {
		set.HealthChecker = &loadbalancer.HealthChecker{}
	}
	copyFields(set.HealthChecker, &d)
	lb.BackendSets[name] = set
	c.writeJSON(http.StatusNoContent, nil, wrHeader(c.async(r, KindLoadBalancer, "UpdateHealthChecker", "healthchecker", "UPDATED", "", "", nil)))
	return nil
}

func deleteLB(c *call) error {
	r, lb, err := c.liveLB()
	if err != nil {
		return err
	}
	if ptrVal(lb.IsDeleteProtectionEnabled) {
		return errInvalid("Load balancer %s has delete protection enabled.", r.id)
	}
	r.deleted = true
	wr := c.async(r, KindLoadBalancer, "DeleteLoadBalancer", "loadbalancer", "DELETED", stDeleting, stDeleted, nil)
	c.writeJSON(http.StatusNoContent, nil, wrHeader(wr))
	return nil
}

// createLBBackend adds a backend named "<ip>:<port>" through a work request. Like every change of a load
// balancer it is refused with 409 while another of its work requests runs (liveLB checks), and a backend that
// is already in the set is a 409 "Duplicate backend".
func createLBBackend(c *call) error {
	r, lb, err := c.liveLB()
	if err != nil {
		return err
	}
	var d loadbalancer.CreateBackendDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	name := c.r.PathValue("backendSetName")
	set, ok := lb.BackendSets[name]
	if !ok {
		return errNotFound("backend set", name)
	}
	b := loadbalancer.Backend{Name: ptr(fmt.Sprintf("%s:%d", *d.IpAddress, *d.Port))}
	copyFields(&b, &d)
	for _, old := range set.Backends {
		if *old.Name == *b.Name {
			return errConflict("Duplicate backend %s in backend set %s.", *b.Name, name)
		}
	}
	set.Backends = append(set.Backends, b)
	lb.BackendSets[name] = set
	c.writeJSON(http.StatusNoContent, nil, wrHeader(c.async(r, KindLoadBalancer, "CreateBackend", "backend", "CREATED", "", "", nil)))
	return nil
}

// deleteLBBackend removes a backend through a work request; it is refused with 409 while another work request
// of the load balancer runs, and an unknown backend is a 404.
func deleteLBBackend(c *call) error {
	r, lb, err := c.liveLB()
	if err != nil {
		return err
	}
	name, backend := c.r.PathValue("backendSetName"), c.r.PathValue("backendName")
	set, ok := lb.BackendSets[name]
	if !ok {
		return errNotFound("backend set", name)
	}
	kept := []loadbalancer.Backend{}
	for _, b := range set.Backends {
		if *b.Name != backend {
			kept = append(kept, b)
		}
	}
	if len(kept) == len(set.Backends) {
		return errNotFound("backend", backend)
	}
	set.Backends = kept
	lb.BackendSets[name] = set
	c.writeJSON(http.StatusNoContent, nil, wrHeader(c.async(r, KindLoadBalancer, "DeleteBackend", "backend", "DELETED", "", "", nil)))
	return nil
}
