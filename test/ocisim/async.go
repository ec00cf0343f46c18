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
// accepted or in progress, with OCI's 409.
func (c *call) checkNotBusy(r *record) error {
	for _, wr := range c.sim.st.byKind[kindWorkRequest] {
		if wr.parents["resourceId"] != r.id {
			continue
		}
		c.sim.advance(wr, c.now)
		if wr.state == wrAccepted || wr.state == wrInProgress {
			return errConflict("%s %s has work request %s in progress; try again once it has finished", r.kind, r.id, wr.id)
		}
	}
	return nil
}

// wrHeader is the response header naming a work request.
func wrHeader(id string) map[string]string {
	return map[string]string{"opc-work-request-id": id}
}
