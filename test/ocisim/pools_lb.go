// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package ocisim

import (
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
)

// primaryVnic is the only vnicSelection the emulator serves: it launches pool instances with their primary
// VNIC only.
const primaryVnic = "PrimaryVnic"

// poolBackends is what the load balancer attachments of an instance pool keep in backend sets (the extra of
// the pool's record).
type poolBackends struct {
	// owned maps an attachment id to the backends it keeps, also after the attachment is gone until they
	// are removed.
	owned map[string]*ownedBackends
}

// ownedBackends are the backends one attachment keeps in a backend set, by name.
type ownedBackends struct {
	lbID, set string
	names     map[string]bool
}

// runningMember is a RUNNING instance of a pool and the private IP of its primary VNIC.
type runningMember struct {
	id, ip string
}

// withPoolBackends runs a pool operation and then, when it succeeded, brings the pools' backend sets up to
// date (syncPoolBackends).
func withPoolBackends(h handlerFunc) handlerFunc {
	return func(c *call) error {
		if err := h(c); err != nil {
			return err
		}
		c.syncPoolBackends()
		return nil
	}
}

// syncPoolBackends makes every backend set an instance pool of the call's region is attached to hold one
// backend per RUNNING instance of the pool, on the emulator's clock at the call: instances still provisioning,
// terminated or detached from the pool have none, and an attachment that is gone has none left. Backends
// others added to the set stay. The backend changes are made at once, without load balancer work requests;
// a changed load balancer gets a new etag. It runs on every load balancer and network load balancer
// operation before it reads or changes one, and after every instance pool operation, so whatever moves the
// clock, what a client reads is a function of the emulator's state at that time.
func (c *call) syncPoolBackends() {
	for _, pool := range c.sim.st.byKind[KindInstancePool] {
		if pool.region != c.region {
			continue
		}
		p := pool.obj.(*core.InstancePool)
		pb, _ := pool.extra.(*poolBackends)
		if len(p.LoadBalancers) == 0 && (pb == nil || len(pb.owned) == 0) {
			continue
		}
		if pb == nil {
			pb = &poolBackends{owned: map[string]*ownedBackends{}}
			pool.extra = pb
		}
		running := c.runningMembers(pool)
		attached := map[string]bool{}
		for _, att := range p.LoadBalancers {
			id := ptrVal(att.Id)
			attached[id] = true
			own := pb.owned[id]
			if own == nil {
				own = &ownedBackends{lbID: ptrVal(att.LoadBalancerId), set: ptrVal(att.BackendSetName), names: map[string]bool{}}
				pb.owned[id] = own
			}
			c.syncBackendSet(own, running, ptrVal(att.Port))
		}
		for id, own := range pb.owned {
			if !attached[id] {
				c.syncBackendSet(own, nil, 0)
				delete(pb.owned, id)
			}
		}
	}
}

// runningMembers returns the RUNNING instances of a pool, in launch order.
func (c *call) runningMembers(pool *record) []runningMember {
	var out []runningMember
	for _, inst := range c.poolInstances(pool.id) {
		c.sim.advance(inst, c.now)
		if inst.state != stRunning {
			continue
		}
		if ip := c.primaryIP(inst); ip != "" {
			out = append(out, runningMember{id: inst.id, ip: ip})
		}
	}
	return out
}

// primaryIP returns the private IP of an instance's primary VNIC ("" if it has none).
func (c *call) primaryIP(inst *record) string {
	for _, a := range c.dependents("instanceId", inst.id, KindVnicAttachment) {
		v, ok := c.sim.st.recs[a.parents["vnicId"]]
		if !ok {
			continue
		}
		if vnic := v.obj.(*core.Vnic); ptrVal(vnic.IsPrimary) {
			return ptrVal(vnic.PrivateIp)
		}
	}
	return ""
}

// syncBackendSet makes one attachment's backends those of the running members on port.
func (c *call) syncBackendSet(own *ownedBackends, running []runningMember, port int) {
	r, ok := c.sim.st.recs[own.lbID]
	if !ok || r.deleted {
		own.names = map[string]bool{}
		return
	}
	changed := false
	switch m := r.obj.(type) {
	case *loadbalancer.LoadBalancer:
		changed = syncLBBackends(m, own, running, port)
	case *nlb.NetworkLoadBalancer:
		changed = syncNLBBackends(m, own, running, port)
	}
	if changed {
		c.sim.st.bump(r)
	}
}

// syncLBBackends keeps in a load balancer's backend set one backend "<private ip>:<port>" per running member,
// as OCI names them, and reports whether the set changed.
func syncLBBackends(lb *loadbalancer.LoadBalancer, own *ownedBackends, running []runningMember, port int) bool {
	set, ok := lb.BackendSets[own.set]
	if !ok {
		own.names = map[string]bool{}
		return false
	}
	want := make([]loadbalancer.Backend, 0, len(running))
	for _, m := range running {
		want = append(want, loadbalancer.Backend{Name: ptr(fmt.Sprintf("%s:%d", m.ip, port)), IpAddress: ptr(m.ip),
			Port: ptr(port), Weight: ptr(1), Backup: ptr(false), Drain: ptr(false), Offline: ptr(false)})
	}
	backends, changed := mergeBackends(set.Backends, want, own, func(b loadbalancer.Backend) string { return ptrVal(b.Name) })
	if changed {
		set.Backends = backends
		lb.BackendSets[own.set] = set
	}
	return changed
}

// syncNLBBackends keeps in a network load balancer's backend set one backend per running member, given by
// target (the instance) with its private IP, named "<instance OCID>:<port>" as OCI names them, and reports
// whether the set changed.
func syncNLBBackends(n *nlb.NetworkLoadBalancer, own *ownedBackends, running []runningMember, port int) bool {
	set, ok := n.BackendSets[own.set]
	if !ok {
		own.names = map[string]bool{}
		return false
	}
	want := make([]nlb.Backend, 0, len(running))
	for _, m := range running {
		b := nlb.Backend{TargetId: ptr(m.id), IpAddress: ptr(m.ip), Port: ptr(port), Weight: ptr(1),
			IsBackup: ptr(false), IsDrain: ptr(false), IsOffline: ptr(false)}
		b.Name = ptr(nlbBackendName(b))
		want = append(want, b)
	}
	backends, changed := mergeBackends(set.Backends, want, own, func(b nlb.Backend) string { return ptrVal(b.Name) })
	if changed {
		set.Backends = backends
		n.BackendSets[own.set] = set
	}
	return changed
}

// mergeBackends returns a backend set's backends without those the attachment owns and no longer wants, and
// with those it wants and the set lacks (appended in order), and whether that changed the set; the
// attachment then owns what it wants.
func mergeBackends[B any](have, want []B, own *ownedBackends, name func(B) string) ([]B, bool) {
	wanted := make(map[string]bool, len(want))
	for _, b := range want {
		wanted[name(b)] = true
	}
	out := make([]B, 0, len(have)+len(want))
	present := map[string]bool{}
	changed := false
	for _, b := range have {
		if own.names[name(b)] && !wanted[name(b)] {
			changed = true
			continue
		}
		present[name(b)] = true
		out = append(out, b)
	}
	for _, b := range want {
		if !present[name(b)] {
			out = append(out, b)
			changed = true
		}
	}
	own.names = wanted
	return out, changed
}

// newPoolAttachment checks a load balancer attachment for a pool and builds it, ATTACHED: the load balancer or
// network load balancer must be live in the region with the backend set, the port a TCP port, vnicSelection
// PrimaryVnic, and the pool not attached to that backend set already (409).
func (c *call) newPoolAttachment(pool *record, lbID, set string, port int, vnic string) (core.InstancePoolLoadBalancerAttachment, error) {
	var none core.InstancePoolLoadBalancerAttachment
	if vnic != primaryVnic {
		return none, errInvalid("vnicSelection %q is not supported by the emulator: pool instances have only their %s.", vnic, primaryVnic)
	}
	if port < 1 || port > 65535 {
		return none, errInvalid("port must be between 1 and 65535, got %d.", port)
	}
	kind := KindLoadBalancer
	if r, ok := c.sim.st.recs[lbID]; ok && r.kind == KindNLB {
		kind = KindNLB
	}
	r, err := c.live(kind, lbID)
	if err != nil {
		return none, err
	}
	hasSet := false
	switch m := r.obj.(type) {
	case *loadbalancer.LoadBalancer:
		_, hasSet = m.BackendSets[set]
	case *nlb.NetworkLoadBalancer:
		_, hasSet = m.BackendSets[set]
	}
	if !hasSet {
		return none, errInvalid("Backend set %q does not exist in %s.", set, lbID)
	}
	for _, att := range pool.obj.(*core.InstancePool).LoadBalancers {
		if ptrVal(att.LoadBalancerId) == lbID && ptrVal(att.BackendSetName) == set {
			return none, errConflict("Instance pool %s is already attached to backend set %s of %s.", pool.id, set, lbID)
		}
	}
	return core.InstancePoolLoadBalancerAttachment{Id: ptr(newOCID("instancepoolloadbalancerattachment", c.region)),
		InstancePoolId: &pool.id, LoadBalancerId: &lbID, BackendSetName: &set, Port: &port, VnicSelection: &vnic,
		LifecycleState: core.InstancePoolLoadBalancerAttachmentLifecycleStateAttached}, nil
}

// attachPoolLB serves AttachLoadBalancer: the attachment is ATTACHED at once and the pool's RUNNING instances
// become backends of the set; it answers the pool.
func attachPoolLB(c *call) error {
	pool, err := c.liveOKE(KindInstancePool, "instancePoolId")
	if err != nil {
		return err
	}
	var d core.AttachLoadBalancerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	att, err := c.newPoolAttachment(pool, *d.LoadBalancerId, *d.BackendSetName, ptrVal(d.Port), *d.VnicSelection)
	if err != nil {
		return err
	}
	p := pool.obj.(*core.InstancePool)
	p.LoadBalancers = append(p.LoadBalancers, att)
	c.sim.st.bump(pool)
	c.respond(pool, nil)
	return nil
}

// detachPoolLB serves DetachLoadBalancer: the attachment to the backend set leaves the pool's list at once and
// the pool's backends leave the set; an attachment the pool does not have is a 404. It answers the pool.
func detachPoolLB(c *call) error {
	pool, err := c.liveOKE(KindInstancePool, "instancePoolId")
	if err != nil {
		return err
	}
	var d core.DetachLoadBalancerDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	p := pool.obj.(*core.InstancePool)
	kept := []core.InstancePoolLoadBalancerAttachment{}
	for _, att := range p.LoadBalancers {
		if ptrVal(att.LoadBalancerId) != *d.LoadBalancerId || ptrVal(att.BackendSetName) != *d.BackendSetName {
			kept = append(kept, att)
		}
	}
	if len(kept) == len(p.LoadBalancers) {
		return errNotFound("instance pool load balancer attachment", *d.LoadBalancerId+"/"+*d.BackendSetName)
	}
	p.LoadBalancers = kept
	c.sim.st.bump(pool)
	c.respond(pool, nil)
	return nil
}
