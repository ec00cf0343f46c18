package ocisim

import (
	"net/http"
	"sort"
	"sync"
	"time"
)

// RequestLogEntry is one served request.
type RequestLogEntry struct {
	Time      time.Time `json:"time"`
	Service   string    `json:"service"`
	Region    string    `json:"region"`
	Operation string    `json:"operation"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Status    int       `json:"status"`
	// Query is the request's query string, without the leading "?".
	Query string `json:"query,omitempty"`
	// Compartment is the compartment of the resource the call touched (read, changed, created or listed), when
	// there is one: the calls of one cluster, in a compartment of its own, are told apart by it.
	Compartment string `json:"compartment,omitempty"`
	// ErrorCode and ErrorMessage are the code and message of an error answer.
	ErrorCode    string        `json:"errorCode,omitempty"`
	ErrorMessage string        `json:"errorMessage,omitempty"`
	RequestID    string        `json:"requestId"`
	Duration     time.Duration `json:"duration"`
}

// OpStats are the counters of one operation.
type OpStats struct {
	// ByStatus counts responses by HTTP status.
	ByStatus map[int]int `json:"byStatus"`
	// Total is the number of requests.
	Total int `json:"total"`
	// HandlerTime is the emulator's own time spent serving the requests
	// (signature check and handler, without injected latency or the network).
	HandlerTime time.Duration `json:"handlerTime"`
}

// observer keeps counters and the request log under its own lock.
type observer struct {
	mu    sync.Mutex
	ops   map[string]*OpStats
	log   []RequestLogEntry
	next  int
	full  bool
	total time.Duration
	count int
	// mutating counts the requests other than GET and HEAD.
	mutating int
}

func newObserver(size int) *observer {
	return &observer{ops: map[string]*OpStats{}, log: make([]RequestLogEntry, size)}
}

// account records a served request.
func (s *Sim) account(c *call, d time.Duration) {
	o := s.obs
	o.mu.Lock()
	defer o.mu.Unlock()
	st := o.ops[c.op]
	if st == nil {
		st = &OpStats{ByStatus: map[int]int{}}
		o.ops[c.op] = st
	}
	st.Total++
	st.ByStatus[c.status]++
	st.HandlerTime += d
	o.total += d
	o.count++
	if c.r.Method != http.MethodGet && c.r.Method != http.MethodHead {
		o.mutating++
	}
	comp := c.compartment
	if comp == "" {
		comp = c.r.URL.Query().Get("compartmentId")
	}
	o.log[o.next] = RequestLogEntry{Time: time.Now(), Service: c.service, Region: c.region, Operation: c.op, Compartment: comp,
		Method: c.r.Method, Path: c.r.URL.Path, Query: c.r.URL.RawQuery, Status: c.status,
		ErrorCode: c.errCode, ErrorMessage: c.errMessage, RequestID: c.reqID, Duration: d}
	o.next = (o.next + 1) % len(o.log)
	if o.next == 0 {
		o.full = true
	}
}

// Stats returns a copy of the per-operation counters.
func (s *Sim) Stats() map[string]OpStats {
	o := s.obs
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(map[string]OpStats, len(o.ops))
	for k, v := range o.ops {
		cp := *v
		cp.ByStatus = map[int]int{}
		for code, n := range v.ByStatus {
			cp.ByStatus[code] = n
		}
		out[k] = cp
	}
	return out
}

// Count returns how many requests an operation received with a status (0 for any).
func (s *Sim) Count(op string, status int) int {
	st, ok := s.Stats()[op]
	if !ok {
		return 0
	}
	if status == 0 {
		return st.Total
	}
	return st.ByStatus[status]
}

// HandlerTime returns the emulator's own time spent on all requests and their number.
func (s *Sim) HandlerTime() (time.Duration, int) {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	return s.obs.total, s.obs.count
}

// RequestLog returns the most recent requests, oldest first (an empty list, never nil).
func (s *Sim) RequestLog() []RequestLogEntry {
	o := s.obs
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.full {
		return append([]RequestLogEntry{}, o.log[:o.next]...)
	}
	return append(append([]RequestLogEntry{}, o.log[o.next:]...), o.log[:o.next]...)
}

// ResetStats clears the counters and the request log.
func (s *Sim) ResetStats() {
	o := s.obs
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ops = map[string]*OpStats{}
	o.log = make([]RequestLogEntry, len(o.log))
	o.next, o.full, o.total, o.count, o.mutating = 0, false, 0, 0, 0
}

// Resource is a snapshot of one resource.
type Resource struct {
	ID             string `json:"id"`
	Kind           string `json:"kind"`
	Region         string `json:"region"`
	CompartmentID  string `json:"compartmentId"`
	DisplayName    string `json:"displayName"`
	LifecycleState string `json:"lifecycleState"`
	// Live is false once a delete was accepted, and for work requests.
	Live bool `json:"live"`
	// Parent is the VCN, cluster, instance pool, subnet or instance the resource belongs to, if any.
	Parent string `json:"parent,omitempty"`
}

// Snapshot returns every resource the emulator holds (including deleted ones,
// with Live false), in creation order.
func (s *Sim) Snapshot() []Resource {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	recs := make([]*record, 0, len(s.st.recs))
	for _, r := range s.st.recs {
		recs = append(recs, r)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].seq < recs[j].seq })
	out := make([]Resource, 0, len(recs))
	for _, r := range recs {
		s.advance(r, now)
		out = append(out, Resource{ID: r.id, Kind: r.kind, Region: r.region, CompartmentID: r.compartment,
			DisplayName: r.name, LifecycleState: r.state, Live: !r.deleted && r.kind != kindWorkRequest, Parent: parentOf(r)})
	}
	return out
}

// Live returns the live resources of a kind ("" for all).
func (s *Sim) Live(kind string) []Resource {
	var out []Resource
	for _, r := range s.Snapshot() {
		if r.Live && (kind == "" || r.Kind == kind) {
			out = append(out, r)
		}
	}
	return out
}

// ResetState forgets every resource and retry token; compartments, keys and
// faults stay.
func (s *Sim) ResetState() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = newStore()
}

// parentOf names the resource a record belongs to, for telling apart children of the same name.
func parentOf(r *record) string {
	for _, k := range []string{"vcnId", "clusterId", "instancePoolId", "subnetId", "instanceId"} {
		if p := r.parents[k]; p != "" {
			return p
		}
	}
	return ""
}
