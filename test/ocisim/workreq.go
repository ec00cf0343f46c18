package ocisim

import (
	"net/http"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"github.com/oracle/oci-go-sdk/v65/workrequests"
)

const (
	kindWorkRequest = "workrequest"
	wrAccepted      = "ACCEPTED"
	wrInProgress    = "IN_PROGRESS"
	wrSucceeded     = "SUCCEEDED"
	wrFailed        = "FAILED"
)

// workRequest is the service-neutral state of an asynchronous operation.
type workRequest struct {
	service    string
	opType     string
	entityType string
	action     string
	target     string
	started    time.Time
	finished   time.Time
	errors     []wrError
}

type wrError struct {
	code, message string
	at            time.Time
}

// startWork records a work request for an operation on target and schedules
// it: ACCEPTED, IN_PROGRESS after a quarter of the delay of kind, then
// SUCCEEDED when the delay has passed, or FAILED
// or never finishing when the operation's fault says so. It returns the work
// request and the outcome the caller schedules on the resource ("" if stuck).
func (c *call) startWork(opType, entityType, action, kind string, target *record) (*record, string) {
	w := &workRequest{service: c.service, opType: opType, entityType: entityType, action: action, target: target.id}
	wr := c.newRecord(kindWorkRequest, c.workRequestType(), target.compartment, opType, w, wrAccepted)
	wr.parents["resourceId"] = target.id
	// Consistency lags apply to the resource, not to its work request.
	wr.visibleAt, wr.readableAt = c.now, c.now
	// Work requests wait in ACCEPTED for the first quarter of the delay.
	started, done := c.now.Add(c.delay(kind)/4), c.now.Add(c.delay(kind))
	wr.steps = append(wr.steps, step{at: started, state: wrInProgress, fn: func(at time.Time) { w.started = at }})
	switch c.sim.faultFor(c.service, c.op).WorkRequest {
	case "stuck":
		return wr, ""
	case "fail":
		wr.steps = append(wr.steps, step{at: done, state: wrFailed, fn: func(at time.Time) {
			w.finished = at
			w.errors = append(w.errors, wrError{code: "InternalError", message: opType + " failed (injected).", at: at})
		}})
		return wr, wrFailed
	}
	wr.steps = append(wr.steps, step{at: done, state: wrSucceeded, fn: func(at time.Time) { w.finished = at }})
	return wr, wrSucceeded
}

func (c *call) workRequestType() string {
	switch c.service {
	case ServiceLoadBalancer:
		return "loadbalancerworkrequest"
	case ServiceNetworkLoadBalancer:
		return "nlbworkrequest"
	case ServiceContainerEngine:
		return "clustersworkrequest"
	}
	return "coreservicesworkrequest"
}

// coreWork records a core work request for an instance operation.
func (c *call) coreWork(opType string, r *record) string {
	wr, _ := c.startWork(opType, "instance", "IN_PROGRESS", KindInstance, r)
	return wr.id
}

// lookupWork finds a work request of the call's service.
func (c *call) lookupWork() (*record, *workRequest, error) {
	id := c.r.PathValue("workRequestId")
	r, err := c.lookup(kindWorkRequest, id)
	if err != nil {
		return nil, nil, err
	}
	w := r.obj.(*workRequest)
	if w.service != c.service && (c.service != ServiceWorkRequests || w.service != ServiceCore) {
		return nil, nil, errNotFound(kindWorkRequest, id)
	}
	return r, w, nil
}

func sdkTime(t time.Time) *common.SDKTime {
	if t.IsZero() {
		return nil
	}
	return &common.SDKTime{Time: t}
}

func percent(state string) *float32 {
	switch state {
	case wrSucceeded, wrFailed:
		return ptr(float32(100))
	case wrInProgress:
		return ptr(float32(50))
	}
	return ptr(float32(0))
}

func getLBWorkRequest(c *call) error {
	r, w, err := c.lookupWork()
	if err != nil {
		return err
	}
	out := loadbalancer.WorkRequest{Id: &r.id, LoadBalancerId: &w.target, Type: &w.opType,
		LifecycleState: loadbalancer.WorkRequestLifecycleStateEnum(r.state), Message: ptr(w.opType + " " + r.state),
		TimeAccepted: sdkTime(r.created), TimeFinished: sdkTime(w.finished), CompartmentId: &r.compartment,
		ErrorDetails: []loadbalancer.WorkRequestError{}}
	for _, e := range w.errors {
		out.ErrorDetails = append(out.ErrorDetails, loadbalancer.WorkRequestError{
			ErrorCode: loadbalancer.WorkRequestErrorErrorCodeInternalError, Message: ptr(e.message)})
	}
	c.writeJSON(http.StatusOK, out, nil)
	return nil
}

func getNLBWorkRequest(c *call) error {
	r, w, err := c.lookupWork()
	if err != nil {
		return err
	}
	c.writeJSON(http.StatusOK, networkloadbalancer.WorkRequest{Id: &r.id, CompartmentId: &r.compartment,
		OperationType: networkloadbalancer.OperationTypeEnum(w.opType), Status: networkloadbalancer.OperationStatusEnum(r.state),
		PercentComplete: percent(r.state), TimeAccepted: sdkTime(r.created), TimeStarted: sdkTime(w.started),
		TimeFinished: sdkTime(w.finished), Resources: []networkloadbalancer.WorkRequestResource{{
			EntityType: &w.entityType, ActionType: networkloadbalancer.ActionTypeEnum(w.action), Identifier: &w.target}}}, nil)
	return nil
}

func listNLBWorkRequestErrors(c *call) error {
	_, w, err := c.lookupWork()
	if err != nil {
		return err
	}
	items := []any{}
	for _, e := range w.errors {
		items = append(items, networkloadbalancer.WorkRequestError{Code: ptr(e.code), Message: ptr(e.message), Timestamp: sdkTime(e.at)})
	}
	return c.writePage(items, true)
}

func getOKEWorkRequest(c *call) error {
	r, w, err := c.lookupWork()
	if err != nil {
		return err
	}
	c.writeJSON(http.StatusOK, containerengine.WorkRequest{Id: &r.id, CompartmentId: &r.compartment,
		OperationType: containerengine.WorkRequestOperationTypeEnum(w.opType), Status: containerengine.WorkRequestStatusEnum(r.state),
		TimeAccepted: sdkTime(r.created), TimeStarted: sdkTime(w.started), TimeFinished: sdkTime(w.finished),
		Resources: []containerengine.WorkRequestResource{{EntityType: &w.entityType,
			ActionType: containerengine.WorkRequestResourceActionTypeEnum(w.action), Identifier: &w.target}}},
		map[string]string{"etag": r.etag})
	return nil
}

// lookupOKEWork finds a Container Engine work request, 404 also when it is not in the compartment the request names.
func (c *call) lookupOKEWork() (*record, *workRequest, error) {
	r, w, err := c.lookupWork()
	if err != nil {
		return nil, nil, err
	}
	if comp := c.query("compartmentId"); comp != "" && comp != r.compartment {
		return nil, nil, errNotFound(kindWorkRequest, r.id)
	}
	return r, w, nil
}

// listOKEWorkRequestErrors serves Container Engine's ListWorkRequestErrors: the errors of a work request, none
// unless it failed, as a bare array (the operation does not page).
func listOKEWorkRequestErrors(c *call) error {
	_, w, err := c.lookupOKEWork()
	if err != nil {
		return err
	}
	items := []containerengine.WorkRequestError{}
	for _, e := range w.errors {
		items = append(items, containerengine.WorkRequestError{Code: ptr(e.code), Message: ptr(e.message), Timestamp: sdkTime(e.at)})
	}
	c.writeJSON(http.StatusOK, items, nil)
	return nil
}

// listOKEWorkRequestLogs serves Container Engine's ListWorkRequestLogs: one entry when the work request was
// accepted, one when it started and one when it finished, as a bare array.
func listOKEWorkRequestLogs(c *call) error {
	r, w, err := c.lookupOKEWork()
	if err != nil {
		return err
	}
	entry := func(at time.Time, what string) containerengine.WorkRequestLogEntry {
		return containerengine.WorkRequestLogEntry{Message: ptr(w.opType + " " + what),
			Timestamp: ptr(at.UTC().Format(time.RFC3339Nano))}
	}
	items := []containerengine.WorkRequestLogEntry{entry(r.created, "accepted")}
	if !w.started.IsZero() {
		items = append(items, entry(w.started, "started"))
	}
	if !w.finished.IsZero() {
		items = append(items, entry(w.finished, strings.ToLower(r.state)))
	}
	c.writeJSON(http.StatusOK, items, nil)
	return nil
}

func listCoreWorkRequests(c *call) error {
	if err := c.checkCompartment(c.query("compartmentId")); err != nil {
		return err
	}
	return c.listRecords(kindWorkRequest, func(r *record) bool {
		return r.obj.(*workRequest).service == ServiceCore
	}, func(r *record) any {
		w := r.obj.(*workRequest)
		return workrequests.WorkRequestSummary{Id: &r.id, OperationType: &w.opType, CompartmentId: &r.compartment,
			Status: workrequests.WorkRequestSummaryStatusEnum(r.state), PercentComplete: percent(r.state),
			TimeAccepted: sdkTime(r.created), TimeStarted: sdkTime(w.started), TimeFinished: sdkTime(w.finished)}
	}, false)
}

func listCoreWorkRequestErrors(c *call) error {
	_, w, err := c.lookupWork()
	if err != nil {
		return err
	}
	items := []any{}
	for _, e := range w.errors {
		items = append(items, workrequests.WorkRequestError{Code: ptr(e.code), Message: ptr(e.message), Timestamp: sdkTime(e.at)})
	}
	return c.writePage(items, false)
}
