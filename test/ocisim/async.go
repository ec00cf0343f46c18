package ocisim

import (
	"time"
)

// async runs a mutation of r through a work request. When transitional is
// set r shows it at once; when the work request succeeds r reaches final (if
// set) and fn runs; when it fails r becomes FAILED. It returns the work
// request's id.
func (c *call) async(r *record, kind, opType, entityType, action, transitional, final string, fn func(time.Time)) string {
	wr, outcome := c.startWork(opType, entityType, action, kind, r)
	if transitional != "" {
		r.steps = nil
		r.setState(transitional)
	}
	switch outcome {
	case wrSucceeded:
		if final != "" || fn != nil {
			c.then(r, kind, final, fn)
		}
	case wrFailed:
		c.then(r, kind, "FAILED", nil)
	}
	c.sim.st.bump(r)
	return wr.id
}

// checkNotBusy refuses a change to a load balancer or network load balancer while one of its work requests is
// accepted or in progress, with OCI's 409 Conflict "Invalid State Transition of NLB lifeCycle state from Updating
// to Updating" (LB for a load balancer). The first state is Creating while the resource is being created and
// Updating otherwise (a load balancer stays ACTIVE while its work requests run); the second is Deleting for a delete of
// the resource and Updating for any other change.
func (c *call) checkNotBusy(r *record) error {
	for _, wr := range c.sim.st.byKind[kindWorkRequest] {
		if wr.parents["resourceId"] != r.id {
			continue
		}
		c.sim.advance(wr, c.now)
		if wr.state == wrAccepted || wr.state == wrInProgress {
			return errConflict("Invalid State Transition of %s lifeCycle state from %s to %s",
				busyKindName(r.kind), busyFrom(r.state), busyTo(c.op))
		}
	}
	return nil
}

// busyKindName is how OCI names a kind in its "Invalid State Transition" messages.
func busyKindName(kind string) string {
	if kind == KindNLB {
		return "NLB"
	}
	return "LB"
}

// busyFrom is the state a busy resource is reported in: Creating while its creation runs, Updating otherwise (a
// deleted one is not found before this check).
func busyFrom(state string) string {
	if state == stCreating {
		return "Creating"
	}
	return "Updating"
}

// busyTo is the state an operation would move a resource to.
func busyTo(op string) string {
	if op == "DeleteLoadBalancer" || op == "DeleteNetworkLoadBalancer" {
		return "Deleting"
	}
	return "Updating"
}

// wrHeader is the response header naming a work request.
func wrHeader(id string) map[string]string {
	return map[string]string{"opc-work-request-id": id}
}
