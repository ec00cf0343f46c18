package ocisim

import (
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
)

// advance applies a record's due lifecycle transitions and writes its state
// into its model.
func (s *Sim) advance(r *record, now time.Time) {
	for len(r.steps) > 0 && !r.steps[0].at.After(now) {
		st := r.steps[0]
		r.steps = r.steps[1:]
		if st.state != "" {
			r.state = st.state
		}
		if st.fn != nil {
			st.fn(st.at)
		}
	}
	if r.applied != r.state {
		r.setState(r.state)
	}
}

// setState sets a record's lifecycle state and writes it into its model.
func (r *record) setState(state string) {
	r.state, r.applied = state, state
	setField(r.obj, "LifecycleState", state)
}

// then schedules a transition of r to state after the delay of kind, measured
// from the last scheduled transition.
func (c *call) then(r *record, kind, state string, fn func(now time.Time)) {
	at := c.now
	if n := len(r.steps); n > 0 && r.steps[n-1].at.After(at) {
		at = r.steps[n-1].at
	}
	r.steps = append(r.steps, step{at: at.Add(c.delay(kind)), state: state, fn: fn})
}

// transition replaces pending transitions: r is in state current at once and
// reaches final after the delay of kind.
func (c *call) transition(r *record, kind, current, final string) {
	r.steps = nil
	r.setState(current)
	if final != "" {
		c.then(r, kind, final, nil)
	}
	c.sim.st.bump(r)
}

// newRecord builds and stores a record for a model, setting its id,
// compartment, name, creation time and initial state.
func (c *call) newRecord(kind, ocidType, compartment, name string, obj any, state string) *record {
	r := c.newRecordPending(kind, ocidType, compartment, name, obj, state)
	c.sim.st.add(r)
	return r
}

// newRecordPending builds a record like newRecord without storing it.
func (c *call) newRecordPending(kind, ocidType, compartment, name string, obj any, state string) *record {
	id := newOCID(ocidType, c.region)
	c.compartment = compartment
	r := &record{id: id, kind: kind, region: c.region, compartment: compartment, name: name,
		obj: obj, created: c.now, visibleAt: c.now, state: state, parents: map[string]string{}}
	fault := c.sim.faultFor(c.service, c.op)
	r.visibleAt, r.readableAt = c.now.Add(fault.ListLag), c.now.Add(fault.GetLag)
	setField(obj, "Id", id)
	setField(obj, "TimeCreated", &common.SDKTime{Time: c.now})
	r.setState(state)
	return r
}

// lookup returns the record with an id of a kind in the call's region.
func (c *call) lookup(kind, id string) (*record, error) {
	r, ok := c.sim.st.recs[id]
	if !ok || r.kind != kind || (r.region != "" && r.region != c.region) || r.readableAt.After(c.now) {
		return nil, errNotFound(kind, id)
	}
	c.sim.advance(r, c.now)
	if c.compartment == "" {
		c.compartment = r.compartment
	}
	return r, nil
}

// live returns the live record with an id of a kind, for references in
// request bodies.
func (c *call) live(kind, id string) (*record, error) {
	r, err := c.lookup(kind, id)
	if err != nil {
		return nil, err
	}
	if r.deleted {
		return nil, errNotFound(kind, id)
	}
	return r, nil
}

// checkEtag enforces the if-match header against a record's etag.
func (c *call) checkEtag(r *record) error {
	m := c.r.Header.Get("if-match")
	if m == "" || m == "*" || m == r.etag {
		return nil
	}
	return errEtag(r.id)
}

// checkCompartment reports whether a compartment exists.
func (c *call) checkCompartment(id string) error {
	if id == c.sim.tenancy || c.sim.compartments[id] != "" {
		return nil
	}
	return errNotFound("compartment", id)
}

// checkLimit enforces the service limit of a kind in the tenancy before one
// more resource of it is created.
func (c *call) checkLimit(kind string) error {
	limit, ok := c.sim.opts.Limits[kind]
	if !ok {
		return nil
	}
	n := 0
	for _, r := range c.sim.st.byKind[kind] {
		if !r.deleted {
			n++
		}
	}
	if n >= limit {
		return errLimit("The service limit for %s (%d) has been exceeded.", kind, limit)
	}
	return nil
}

// respond writes a record's model with its etag and a 200 status.
func (c *call) respond(r *record, headers map[string]string) {
	h := map[string]string{"etag": r.etag}
	for k, v := range headers {
		h[k] = v
	}
	c.createdID = r.id
	c.writeJSON(http.StatusOK, r.obj, h)
}

// listControl are query parameters that are not matched against parents.
var listControl = map[string]bool{"limit": true, "page": true, "sortBy": true, "sortOrder": true,
	"compartmentId": true, "displayName": true, "name": true, "lifecycleState": true, "detail": true}

// listFilter is the standard list filters of a request, parsed once.
type listFilter struct {
	compartment, name string
	// states holds the accepted lifecycle states (OKE lists take several).
	states  []string
	parents [][2]string
}

// filter returns the call's list filters.
func (c *call) filter() *listFilter {
	if c.lf != nil {
		return c.lf
	}
	q := c.values()
	f := &listFilter{compartment: q.Get("compartmentId"), name: q.Get("displayName"), states: q["lifecycleState"]}
	if f.name == "" {
		f.name = q.Get("name")
	}
	for k, vals := range q {
		if !listControl[k] && len(vals) > 0 {
			f.parents = append(f.parents, [2]string{k, vals[0]})
		}
	}
	c.lf = f
	return f
}

// matches applies the standard list filters of the request to a record.
func (c *call) matches(r *record) bool {
	f := c.filter()
	if (r.region != "" && r.region != c.region) || r.visibleAt.After(c.now) {
		return false
	}
	if (f.compartment != "" && r.compartment != f.compartment) || (f.name != "" && r.name != f.name) {
		return false
	}
	for _, kv := range f.parents {
		if pv, ok := r.parents[kv[0]]; ok && pv != kv[1] {
			return false
		}
	}
	c.sim.advance(r, c.now)
	if len(f.states) == 0 {
		return true
	}
	for _, st := range f.states {
		if strings.EqualFold(r.state, st) {
			return true
		}
	}
	return false
}

// records returns the records of a kind that pass the request's filters and
// an optional extra predicate, in creation order.
func (c *call) records(kind string, extra func(*record) bool) []*record {
	var out []*record
	for _, r := range c.sim.st.byKind[kind] {
		if c.matches(r) && (extra == nil || extra(r)) {
			out = append(out, r)
		}
	}
	c.sortRecords(out)
	return out
}

// sortRecords applies sortBy (creation time by default, or the display name)
// and sortOrder (ascending by default) to records in creation order.
func (c *call) sortRecords(recs []*record) {
	by := strings.ToUpper(c.query("sortBy"))
	if by == "DISPLAYNAME" || by == "NAME" {
		sort.SliceStable(recs, func(i, j int) bool { return recs[i].name < recs[j].name })
	}
	if strings.EqualFold(c.query("sortOrder"), "DESC") {
		slices.Reverse(recs)
	}
}

// pageOf cuts one page out of n items according to limit and page, returning
// the bounds and the next page token ("" at the end).
func (c *call) pageOf(n int) (start, end int, next string, err error) {
	limit := c.sim.opts.PageSize
	if v := c.query("limit"); v != "" {
		limit, err = strconv.Atoi(v)
		if err != nil || limit < 1 || limit > 1000 {
			return 0, 0, "", errInvalid("limit must be between 1 and 1000, got %q", v)
		}
	}
	if p := c.query("page"); p != "" {
		start, err = strconv.Atoi(strings.TrimPrefix(p, "pg-"))
		if err != nil || start < 0 || !strings.HasPrefix(p, "pg-") {
			return 0, 0, "", errInvalid("invalid page token %q", p)
		}
	}
	start = min(start, n)
	end = min(start+limit, n)
	if end < n {
		next = "pg-" + strconv.Itoa(end)
	}
	return start, end, next, nil
}

// writePage writes one page of items as a JSON array (or, with wrap, as an
// object holding them under "items").
func (c *call) writePage(items []any, wrap bool) error {
	start, end, next, err := c.pageOf(len(items))
	if err != nil {
		return err
	}
	headers := map[string]string{}
	if next != "" {
		headers["opc-next-page"] = next
	}
	page := items[start:end]
	if page == nil {
		page = []any{}
	}
	if wrap {
		c.writeJSON(http.StatusOK, map[string]any{"items": page}, headers)
		return nil
	}
	c.writeJSON(http.StatusOK, page, headers)
	return nil
}

// listRecords writes the filtered records of a kind, rendered by render (the
// model itself when nil).
func (c *call) listRecords(kind string, extra func(*record) bool, render func(*record) any, wrap bool) error {
	recs := c.records(kind, extra)
	items := make([]any, len(recs))
	for i, r := range recs {
		if render != nil {
			items[i] = render(r)
		} else {
			items[i] = r.obj
		}
	}
	return c.writePage(items, wrap)
}

// copyFields copies every non-zero exported field of src into the field of
// the same name of dst when the types are compatible.
func copyFields(dst, src any) {
	dv := reflect.ValueOf(dst).Elem()
	sv := reflect.ValueOf(src)
	if sv.Kind() == reflect.Pointer {
		sv = sv.Elem()
	}
	st := sv.Type()
	for i := range st.NumField() {
		sf := st.Field(i)
		v := sv.Field(i)
		if !sf.IsExported() || v.IsZero() {
			continue
		}
		df := dv.FieldByName(sf.Name)
		if !df.IsValid() || !df.CanSet() {
			continue
		}
		switch {
		case v.Type().AssignableTo(df.Type()):
			df.Set(v)
		case v.Kind() == df.Kind() && v.Kind() != reflect.Pointer && v.Kind() != reflect.Slice &&
			v.Type().ConvertibleTo(df.Type()):
			df.Set(v.Convert(df.Type()))
		}
	}
}

// stringField returns the value of a *string or string field of a struct.
func stringField(obj any, name string) string {
	v := reflect.ValueOf(obj)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	f := v.FieldByName(name)
	if !f.IsValid() {
		return ""
	}
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return ""
		}
		f = f.Elem()
	}
	if f.Kind() != reflect.String {
		return ""
	}
	return f.String()
}

// stringSlice returns the value of a []string field of a struct.
func stringSlice(obj any, name string) []string {
	v := reflect.ValueOf(obj)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	f := v.FieldByName(name)
	if !f.IsValid() || f.Kind() != reflect.Slice || f.Type().Elem().Kind() != reflect.String {
		return nil
	}
	out := make([]string, f.Len())
	for i := range out {
		out[i] = f.Index(i).String()
	}
	return out
}
