package ocisim

import (
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// record is one emulated resource: the SDK model that is returned to clients
// plus what the engine needs for filtering, lifecycles and integrity.
type record struct {
	id          string
	kind        string
	region      string
	compartment string
	name        string
	// parents holds filter keys such as "vcnId" or "clusterId".
	parents map[string]string
	// obj is a pointer to the SDK model struct returned to clients.
	obj       any
	etag      string
	seq       uint64
	created   time.Time
	visibleAt time.Time
	// readableAt is when gets start finding the resource.
	readableAt time.Time
	state      string
	// applied is the state last written into obj.
	applied string
	steps   []step
	// deleted reports that a delete was accepted: the resource no longer counts as live.
	deleted bool
	// extra holds kind-specific state.
	extra any
}

// step is a lazily applied lifecycle transition.
type step struct {
	at    time.Time
	state string
	fn    func(now time.Time)
}

// store holds every resource and retry token.
type store struct {
	recs   map[string]*record
	byKind map[string][]*record
	tokens map[string]*retryEntry
	seq    uint64
}

// retryEntry remembers what a retry token created.
type retryEntry struct {
	bodyHash   string
	resourceID string
	response   []byte
	headers    map[string]string
	status     int
	expires    time.Time
}

func newStore() *store {
	return &store{recs: map[string]*record{}, byKind: map[string][]*record{}, tokens: map[string]*retryEntry{}}
}

var ocidEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// newOCID returns an OCID in OCI's format for a resource type and region.
func newOCID(typ, region string) string {
	b := make([]byte, 30)
	_, _ = rand.Read(b)
	if region == "" {
		return fmt.Sprintf("ocid1.%s.oc1..aaaaaaaa%s", typ, ocidEncoding.EncodeToString(b))
	}
	return fmt.Sprintf("ocid1.%s.oc1.%s.aaaaaaaa%s", typ, RegionKey(region), ocidEncoding.EncodeToString(b))
}

// add stores a new record and gives it a sequence number and etag.
func (st *store) add(r *record) {
	st.seq++
	r.seq = st.seq
	r.etag = strconv.FormatUint(st.seq, 36) + "-" + strconv.FormatInt(r.created.UnixNano()%1e6, 36)
	st.recs[r.id] = r
	st.byKind[r.kind] = append(st.byKind[r.kind], r)
}

// bump gives a record a new etag after a change.
func (st *store) bump(r *record) {
	st.seq++
	r.etag = strconv.FormatUint(st.seq, 36) + "-" + strconv.FormatUint(r.seq, 36)
}

// setField sets an exported field of a model struct, converting the value to
// the field's type; unknown fields are ignored.
func setField(obj any, field string, value any) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	f := v.Elem().FieldByName(field)
	if !f.IsValid() || !f.CanSet() {
		return
	}
	val := reflect.ValueOf(value)
	switch {
	case val.Type().AssignableTo(f.Type()):
		f.Set(val)
	case val.Type().ConvertibleTo(f.Type()):
		f.Set(val.Convert(f.Type()))
	case f.Kind() == reflect.Pointer && val.Type().ConvertibleTo(f.Type().Elem()):
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(val.Convert(f.Type().Elem()))
		f.Set(p)
	}
}

// checkMandatory reports the first top-level field tagged mandatory:"true"
// that is nil or empty in a decoded request body.
func checkMandatory(body any) error {
	v := reflect.ValueOf(body)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Tag.Get("mandatory") != "true" {
			continue
		}
		f := v.Field(i)
		empty := false
		switch f.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
			empty = f.IsNil()
		case reflect.String:
			empty = f.Len() == 0
		default:
			// Other kinds (numbers, bools, structs) have no "unset" value
			// distinct from their zero value, so they always count as set.
		}
		if empty {
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			return errMissing(name)
		}
	}
	return nil
}

// remove forgets a record entirely.
func (st *store) remove(r *record) {
	delete(st.recs, r.id)
	list := st.byKind[r.kind]
	for i, x := range list {
		if x == r {
			st.byKind[r.kind] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
}
