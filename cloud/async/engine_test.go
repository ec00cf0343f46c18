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

package async

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// res is a resource of the fake service.
type res struct {
	ID, State, CIDR, Name string
}

// fakeServiceError is an OCI error answer.
type fakeServiceError struct {
	status int
	code   string
}

func (e fakeServiceError) Error() string           { return fmt.Sprintf("%d %s", e.status, e.code) }
func (e fakeServiceError) GetHTTPStatusCode() int  { return e.status }
func (e fakeServiceError) GetMessage() string      { return "message of " + e.code }
func (e fakeServiceError) GetCode() string         { return e.code }
func (e fakeServiceError) GetOpcRequestID() string { return "req-1" }

// fake is a service with resources by OCID and work requests by ID; it logs each call.
type fake struct {
	resources map[string]*res
	wrs       map[string]string // "" running, "done", or a failure message
	calls     []string
	tokens    []string
	errs      map[string]error // injected error by call name
	asyncWR   bool
	next      int
	// retryAfter is the Retry-After of an injected error.
	retryAfter time.Duration
}

func newFake() *fake {
	return &fake{resources: map[string]*res{}, wrs: map[string]string{}, errs: map[string]error{}}
}

func (f *fake) call(name string) error {
	f.calls = append(f.calls, name)
	return f.errs[name]
}

func (f *fake) Get(_ context.Context, id string) (*res, error) {
	if err := f.call("Get"); err != nil {
		return nil, err
	}
	r, ok := f.resources[id]
	if !ok {
		return nil, fakeServiceError{http.StatusNotFound, "NotAuthorizedOrNotFound"}
	}
	c := *r
	return &c, nil
}

func (f *fake) Find(_ context.Context, spec Spec[res]) (*res, error) {
	if err := f.call("Find"); err != nil {
		return nil, err
	}
	for _, r := range f.resources {
		if r.Name == spec.Key() && r.State != "TERMINATED" {
			c := *r
			return &c, nil
		}
	}
	return nil, nil
}

func (f *fake) Create(ctx context.Context, details any, token string) (*res, string, error) {
	f.tokens = append(f.tokens, token)
	if err := f.call("Create"); err != nil {
		if h := clients.HintFrom(ctx); h != nil && f.retryAfter > 0 {
			h.RetryAfter = f.retryAfter // as the transport does for OCI's Retry-After
		}
		return nil, "", err
	}
	f.next++
	d := details.(createDetails)
	r := &res{ID: fmt.Sprintf("ocid1.fake.oc1..%d", f.next), State: "AVAILABLE", CIDR: d.CIDR, Name: d.Name}
	wr := ""
	if f.asyncWR {
		r.State, wr = "PROVISIONING", "wr-"+r.ID
		f.wrs[wr] = ""
	}
	f.resources[r.ID] = r
	c := *r
	return &c, wr, nil
}

func (f *fake) Update(_ context.Context, id string, details any) (string, error) {
	if err := f.call("Update"); err != nil {
		return "", err
	}
	f.resources[id].CIDR = details.(string)
	return "", nil
}

func (f *fake) Delete(_ context.Context, id string) (string, error) {
	if err := f.call("Delete"); err != nil {
		return "", err
	}
	f.resources[id].State = "TERMINATING"
	wr := "wr-delete-" + id
	f.wrs[wr] = ""
	return wr, nil
}

func (f *fake) Observe(r *res) Observed {
	phase := map[string]Phase{"AVAILABLE": Ready, "PROVISIONING": Transitioning, "TERMINATING": Transitioning,
		"TERMINATED": Gone, "FAILED": Failed}[r.State]
	return Observed{ID: r.ID, State: r.State, Phase: phase}
}

func (f *fake) WorkRequest(_ context.Context, id string) (bool, string, error) {
	if err := f.call("WorkRequest"); err != nil {
		return false, "", err
	}
	s, ok := f.wrs[id]
	if !ok {
		return false, "", fakeServiceError{http.StatusNotFound, "NotFound"}
	}
	return s == "done", strings.TrimPrefix(s, "done"), nil
}

type createDetails struct{ Name, CIDR string }

// spec is the desired state: a resource named key with a CIDR; its OCID lives in the recorder.
type spec struct {
	key, cidr string
	rec       *recorder
}

func (s spec) Key() string                 { return s.key }
func (s spec) OCID() string                { return s.rec.ids[s.key] }
func (s spec) CreateDetails() (any, error) { return createDetails{Name: s.key, CIDR: s.cidr}, nil }
func (s spec) UpdateDetails(r *res) (any, error) {
	if r.CIDR == s.cidr {
		return nil, nil
	}
	return s.cidr, nil
}

type recorder struct {
	ids   map[string]string
	memos map[string]Memo
}

func newRecorder() *recorder { return &recorder{ids: map[string]string{}, memos: map[string]Memo{}} }

func (r *recorder) SetOCID(key, id string)     { r.ids[key] = id }
func (r *recorder) Memo(key string) Memo       { return r.memos[key] }
func (r *recorder) SetMemo(key string, m Memo) { r.memos[key] = m }

type harness struct {
	f   *fake
	rec *recorder
	e   *Engine[res]
	now time.Time
}

func newHarness() *harness {
	h := &harness{f: newFake(), rec: newRecorder(), now: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	h.e = &Engine[res]{Client: h.f, Recorder: h.rec, Identifier: "uuid-1", Generation: 1, Now: func() time.Time { return h.now }}
	return h
}

func (h *harness) spec(cidr string) spec { return spec{key: "vcn", cidr: cidr, rec: h.rec} }

// calls returns the calls since the last look and forgets them.
func (h *harness) calls() []string {
	c := h.f.calls
	h.f.calls = nil
	return c
}

func expectCalls(t *testing.T, h *harness, want ...string) {
	t.Helper()
	if got := h.calls(); !slices.Equal(got, want) {
		t.Errorf("calls %v, want %v", got, want)
	}
}

func expectClass(t *testing.T, err error, class Class, reason string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Class != class || (reason != "" && e.Reason != reason) {
		t.Fatalf("want a %s error (%s), got %v", class, reason, err)
	}
	return e
}

func TestCreateRecordsTheOCIDAtOnceThenDriftChecksWait(t *testing.T) {
	h := newHarness()
	ctx := context.Background()
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("after the create: %v, want not done", err)
	}
	expectCalls(t, h, "Find", "Create")
	if h.rec.ids["vcn"] == "" || h.rec.memos["vcn"].OwnedID != h.rec.ids["vcn"] {
		t.Fatalf("the OCID was not recorded at once, in spec and as owned: %q, %+v", h.rec.ids["vcn"], h.rec.memos["vcn"])
	}
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "Get")

	// In place and unchanged: no call until the drift check is due.
	h.now = h.now.Add(9 * time.Minute)
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h)
	// The object's drift check is due (another of its resources was due): looked at with them, though its own
	// check is not due yet.
	h.e.DriftDue = true
	h.e.DriftSince = h.now.Add(-time.Minute)
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "Get")
	// A reconcile of the same drift check (the last one ended early, on another resource's error) does not read
	// it again: the check makes progress however often a reconcile fails.
	h.now = h.now.Add(30 * time.Second)
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h)
	h.e.DriftDue, h.e.DriftSince = false, time.Time{}
	h.now = h.now.Add(9 * time.Minute)
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h)
	h.now = h.now.Add(2 * time.Minute)
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "Get")

	// A new generation of the object, or a changed desired state, looks at once.
	h.e.Generation = 2
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "Get")
	if err := h.e.Reconcile(ctx, h.spec("10.1.0.0/16")); !IsNotDone(err) {
		t.Fatalf("after the update: %v", err)
	}
	expectCalls(t, h, "Get", "Update")
	if err := h.e.Reconcile(ctx, h.spec("10.1.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "Get")
}

func TestWorkRequestsAreLookedAtOncePerReconcile(t *testing.T) {
	h := newHarness()
	h.f.asyncWR = true
	ctx := context.Background()
	err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	var nd *NotDoneError
	if !errors.As(err, &nd) || nd.RequeueAfter < firstDelay {
		t.Fatalf("want not done with a delay, got %v", err)
	}
	h.calls()
	wr := h.rec.memos["vcn"].WorkRequestID
	if wr == "" {
		t.Fatal("the work request was not recorded")
	}
	// Running: one look, no other call, and a longer delay.
	err = h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	var nd2 *NotDoneError
	if !errors.As(err, &nd2) || nd2.RequeueAfter <= firstDelay+firstDelay/5 {
		t.Fatalf("second wait: %v, want a longer delay", err)
	}
	expectCalls(t, h, "WorkRequest")

	// Done: the resource is read and found in place.
	h.f.wrs[wr] = "done"
	h.f.resources[h.rec.ids["vcn"]].State = "AVAILABLE"
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "WorkRequest", "Get")
	if m := h.rec.memos["vcn"]; m.WorkRequestID != "" || m.Waits != 0 {
		t.Errorf("memo %+v after the work request finished", m)
	}
}

func TestWorkRequestFailedOrExpired(t *testing.T) {
	h := newHarness()
	h.rec.memos["vcn"] = Memo{WorkRequestID: "wr-1"}
	h.f.wrs["wr-1"] = "doneno capacity for shape VM.Standard.E5.Flex in AD-1"
	e := expectClass(t, h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")), Terminal, ReasonWorkRequestFailed)
	if !strings.Contains(e.Message, "no capacity for shape") || h.rec.memos["vcn"].WorkRequestID != "" {
		t.Errorf("message %q, memo %+v", e.Message, h.rec.memos["vcn"])
	}
	// An expired (unknown) work request: the resource itself is read instead.
	h = newHarness()
	h.rec.memos["vcn"] = Memo{WorkRequestID: "wr-gone"}
	if err := h.e.Reconcile(context.Background(), h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("%v", err)
	}
	expectCalls(t, h, "WorkRequest", "Find", "Create")
}

func TestAResourceGoneFromOCIIsReplacedUnderANewToken(t *testing.T) {
	h := newHarness()
	ctx := context.Background()
	_ = h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil { // found in place
		t.Fatal(err)
	}
	h.e.DriftDue = true
	first := h.rec.ids["vcn"]
	delete(h.f.resources, first) // deleted behind our back
	h.calls()
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("%v", err)
	}
	expectCalls(t, h, "Get", "Create")
	if id := h.rec.ids["vcn"]; id == "" || id == first {
		t.Errorf("OCID %q after the replacement, want a new one", id)
	}
	if h.f.tokens[0] == h.f.tokens[1] {
		t.Error("a replacement must not reuse the first create's retry token (OCI would answer with the old resource)")
	}
}

func TestAResourceGoneIsReportedNotReplacedWhenKept(t *testing.T) {
	h := newHarness()
	h.e.KeepGone = true
	ctx := context.Background()
	_ = h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil { // found in place
		t.Fatal(err)
	}
	h.e.DriftDue = true
	first := h.rec.ids["vcn"]
	delete(h.f.resources, first)
	h.calls()
	err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	var e *Error
	if !errors.As(err, &e) || e.Class != Terminal || e.Reason != ReasonResourceGone {
		t.Fatalf("got %v, want a terminal %s", err, ReasonResourceGone)
	}
	expectCalls(t, h, "Get")
	if h.rec.ids["vcn"] != first {
		t.Errorf("OCID %q, want %q kept", h.rec.ids["vcn"], first)
	}
}

func TestDelete(t *testing.T) {
	h := newHarness()
	ctx := context.Background()
	_ = h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	id := h.rec.ids["vcn"]
	h.calls()
	if err := h.e.Delete(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("%v", err)
	}
	expectCalls(t, h, "Get", "Delete")
	if err := h.e.Delete(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("%v", err)
	}
	expectCalls(t, h, "WorkRequest")
	h.f.wrs["wr-delete-"+id] = "done"
	h.f.resources[id].State = "TERMINATED"
	if err := h.e.Delete(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatal(err)
	}
	expectCalls(t, h, "WorkRequest", "Get")

	// NotFound is success, and so is nothing found for a resource never recorded.
	delete(h.f.resources, id)
	if err := h.e.Delete(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Errorf("NotFound: %v", err)
	}
	h2 := newHarness()
	if err := h2.e.Delete(ctx, h2.spec("10.0.0.0/16")); err != nil {
		t.Errorf("nothing to delete: %v", err)
	}
	expectCalls(t, h2, "Find")
	// Once found gone, a delete still under way makes no call for it.
	if err := h2.e.Delete(ctx, h2.spec("10.0.0.0/16")); err != nil {
		t.Errorf("again: %v", err)
	}
	expectCalls(t, h2)
	delete(h2.rec.memos, "vcn")
	// An unrecorded resource found by name is deleted too (a crash between create and record).
	h2.f.resources["ocid1.fake.oc1..y"] = &res{ID: "ocid1.fake.oc1..y", State: "AVAILABLE", Name: "vcn"}
	if err := h2.e.Delete(ctx, h2.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Errorf("%v", err)
	}
	expectCalls(t, h2, "Find", "Delete")
}

func TestAResourceJustCreatedThatReadsAs404IsWaitedForNotReplaced(t *testing.T) {
	h := newHarness()
	ctx := context.Background()
	_ = h.e.Reconcile(ctx, h.spec("10.0.0.0/16"))
	first := h.rec.ids["vcn"]
	lagging := h.f.resources[first]
	delete(h.f.resources, first) // OCI's reads lag its create
	if err := h.e.Delete(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("a delete while the create is not visible: %v, want not done", err)
	}
	for range maxInvisibleWaits - 3 {
		if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
			t.Fatalf("a 404 right after the create: %v, want not done", err)
		}
	}
	h.f.resources[first] = lagging
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); err != nil {
		t.Fatalf("once visible: %v", err)
	}
	if h.rec.ids["vcn"] != first || len(h.f.tokens) != 1 {
		t.Fatalf("the resource was replaced: %q, tokens %v", h.rec.ids["vcn"], h.f.tokens)
	}
	// A resource never seen that stays invisible counts as gone after maxInvisibleWaits looks.
	delete(h.f.resources, first)
	h.rec.memos["vcn"] = Memo{OwnedID: first, Waits: maxInvisibleWaits}
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) || h.rec.ids["vcn"] == first {
		t.Fatalf("after %d looks: %v, OCID %q; want it replaced", maxInvisibleWaits, err, h.rec.ids["vcn"])
	}
}

func TestAKeyWantedAgainAfterItsDeleteIsCreatedUnderANewToken(t *testing.T) {
	h := newHarness()
	ctx := context.Background()
	h.rec.memos["vcn"] = Memo{Deleted: true}
	if err := h.e.Reconcile(ctx, h.spec("10.0.0.0/16")); !IsNotDone(err) {
		t.Fatalf("%v", err)
	}
	expectCalls(t, h, "Find", "Create")
	if m := h.rec.memos["vcn"]; m.Deleted || m.Attempt != 1 {
		t.Errorf("memo %+v, want a new attempt, no longer deleted", m)
	}
	first := newHarness()
	_ = first.e.Reconcile(ctx, first.spec("10.0.0.0/16"))
	if h.f.tokens[0] == first.f.tokens[0] {
		t.Error("the create after a delete reused the first create's retry token (OCI would answer InvalidatedRetryToken)")
	}
}
