package ocisim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"unicode"
)

// kindSpec describes a synchronous resource served by the generic create,
// get, list, update and delete handlers.
type kindSpec struct {
	kind     string
	ocidType string
	// name is the operation suffix, e.g. "Vcn" for CreateVcn.
	name string
	// path is the collection path, e.g. "/20160918/vcns"; idParam names the
	// path wildcard of one resource.
	path    string
	idParam string
	model   func() any
	create  func() any
	update  func() any
	// parents are model fields copied into the record's filter keys.
	parents []string
	// states: created, ready, deleting, deleted.
	states [4]string
	// build validates a create and completes the model; it may return an error.
	build func(c *call, r *record, details any) error
	// validateUpdate checks an update before it is applied.
	validateUpdate func(c *call, r *record, details any) error
	// canDelete refuses a delete, e.g. when dependents exist.
	canDelete func(c *call, r *record) error
	// referrers are kinds whose live resources, when they mention this
	// resource's OCID anywhere in their model, block its deletion.
	referrers []string
	// onDeleted runs when the delete is accepted.
	onDeleted func(c *call, r *record)
}

// registerCRUD registers the operations of a spec; ops lists which of
// "Create", "Get", "List", "Update" and "Delete" to serve.
func (s *Sim) registerCRUD(mux *http.ServeMux, svc, region string, k *kindSpec, ops ...string) {
	one := k.path + "/{" + k.idParam + "}"
	for _, op := range ops {
		switch op {
		case "Create":
			s.handle(mux, svc, region, "POST "+k.path, "Create"+k.name, idempotent(k.doCreate))
		case "Get":
			s.handle(mux, svc, region, "GET "+one, "Get"+k.name, k.doGet)
		case "List":
			s.handle(mux, svc, region, "GET "+k.path, "List"+plural(k.name), k.doList)
		case "Update":
			s.handle(mux, svc, region, "PUT "+one, "Update"+k.name, k.doUpdate)
		case "Delete":
			s.handle(mux, svc, region, "DELETE "+one, "Delete"+k.name, k.doDelete)
		}
	}
}

func plural(name string) string {
	if strings.HasSuffix(name, "y") && !strings.HasSuffix(name, "ay") {
		return name[:len(name)-1] + "ies"
	}
	return name + "s"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

func (k *kindSpec) doCreate(c *call) error {
	details := k.create()
	if err := c.decode(details); err != nil {
		return err
	}
	compartment := stringField(details, "CompartmentId")
	for _, parent := range []string{"DrgId", "VcnId"} {
		if p, ok := c.sim.st.recs[stringField(details, parent)]; ok && compartment == "" {
			compartment = p.compartment
		}
	}
	if err := c.checkCompartment(compartment); err != nil {
		return err
	}
	if err := c.checkLimit(k.kind); err != nil {
		return err
	}
	obj := k.model()
	copyFields(obj, details)
	setField(obj, "CompartmentId", compartment)
	r := c.newRecordPending(k.kind, k.ocidType, compartment, stringField(details, "DisplayName"), obj, k.states[0])
	if k.build != nil {
		if err := k.build(c, r, details); err != nil {
			return err
		}
	}
	for _, p := range k.parents {
		r.parents[lowerFirst(p)] = stringField(obj, p)
	}
	c.sim.st.add(r)
	if k.states[1] != "" && k.states[1] != k.states[0] {
		c.then(r, k.kind, k.states[1], nil)
	}
	c.respond(r, nil)
	return nil
}

func (k *kindSpec) doGet(c *call) error {
	r, err := c.lookup(k.kind, c.r.PathValue(k.idParam))
	if err != nil {
		return err
	}
	c.respond(r, nil)
	return nil
}

func (k *kindSpec) doList(c *call) error {
	return c.listRecords(k.kind, nil, nil, false)
}

func (k *kindSpec) doUpdate(c *call) error {
	r, err := c.lookup(k.kind, c.r.PathValue(k.idParam))
	if err != nil {
		return err
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	if r.deleted {
		return errIncorrectState("%s %s is being deleted.", k.kind, r.id)
	}
	details := k.update()
	if err := c.decode(details); err != nil {
		return err
	}
	if k.validateUpdate != nil {
		if err := k.validateUpdate(c, r, details); err != nil {
			return err
		}
	}
	copyFields(r.obj, details)
	if n := stringField(r.obj, "DisplayName"); n != "" {
		r.name = n
	}
	c.sim.st.bump(r)
	c.respond(r, nil)
	return nil
}

func (k *kindSpec) doDelete(c *call) error {
	r, err := c.lookup(k.kind, c.r.PathValue(k.idParam))
	if err != nil {
		return err
	}
	if err := c.checkEtag(r); err != nil {
		return err
	}
	if r.deleted {
		c.writeJSON(http.StatusNoContent, nil, nil)
		return nil
	}
	if err := c.notReferenced(r, k.referrers...); err != nil {
		return err
	}
	if k.canDelete != nil {
		if err := k.canDelete(c, r); err != nil {
			return err
		}
	}
	r.deleted = true
	c.transition(r, k.kind, k.states[2], k.states[3])
	if k.onDeleted != nil {
		k.onDeleted(c, r)
	}
	c.writeJSON(http.StatusNoContent, nil, nil)
	return nil
}

// notReferenced refuses with 409 when a live resource of one of the kinds
// mentions r's OCID in its model (a route rule target, a subnet or NSG of a
// load balancer, a cluster endpoint, a node pool placement...).
func (c *call) notReferenced(r *record, kinds ...string) error {
	for _, k := range kinds {
		for _, other := range c.sim.st.byKind[k] {
			if other.deleted || other.id == r.id {
				continue
			}
			data, err := json.Marshal(other.obj)
			if err == nil && bytes.Contains(data, []byte(`"`+r.id+`"`)) {
				return errConflict("%s %s is still referenced by %s %s.", r.kind, r.id, other.kind, other.id)
			}
		}
	}
	return nil
}
