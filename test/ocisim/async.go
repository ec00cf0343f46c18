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

// wrHeader is the response header naming a work request.
func wrHeader(id string) map[string]string {
	return map[string]string{"opc-work-request-id": id}
}
