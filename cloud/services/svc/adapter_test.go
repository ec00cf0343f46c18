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

package svc

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// thing is a resource of a fake kind whose calls are recorded.
type thing struct {
	id, name, state string
	tags            map[string]string
}

type namedSpec struct{ async.Spec[thing] }

func (namedSpec) Name() string { return "a" }

func fakeKind(items []thing, calls *[]string) Kind[thing, string, int] {
	return Kind[thing, string, int]{Noun: "Thing",
		Get: func(_ context.Context, id string) (*thing, error) {
			*calls = append(*calls, "get "+id)
			return &thing{id: id}, nil
		},
		List: func(_ context.Context, name, _ *string) ([]thing, *string, error) {
			*calls = append(*calls, "list "+ptr.Deref(name, "*"))
			return slices.DeleteFunc(slices.Clone(items), func(t thing) bool { return name != nil && t.name != *name }), nil, nil
		},
		Meta: func(t *thing) Meta { return Meta{ID: &t.id, State: t.state, Tags: t.tags} },
	}
}

func TestAdapterFindsTheOwnedResourceThatIsNotGone(t *testing.T) {
	ours := map[string]string{TagCreatedBy: TagCreatedByValue, TagClusterResourceID: "uid"}
	var calls []string
	a := NewAdapter(fakeKind([]thing{{id: "theirs", name: "a", state: "AVAILABLE"}, {id: "gone", name: "a", state: "TERMINATED", tags: ours},
		{id: "ours", name: "a", state: "AVAILABLE", tags: ours}, {id: "other", name: "b", tags: ours}}, &calls), "uid")
	got, err := a.Find(context.Background(), namedSpec{})
	if err != nil || got == nil || got.id != "ours" || a.Seen() != got {
		t.Fatalf("Find = %+v, %v (seen %+v); want ours", got, err, a.Seen())
	}
	if o := a.Observe(got); o.ID != "ours" || o.Foreign || o.Phase != async.Ready {
		t.Errorf("Observe = %+v", o)
	}
	if !slices.Equal(calls, []string{"list a"}) {
		t.Errorf("calls %q", calls)
	}
}

func TestAdapterServesReadsFromOneList(t *testing.T) {
	var calls []string
	k := fakeKind([]thing{{id: "x"}, {id: "y"}}, &calls)
	k.Snapshot = true
	a := NewAdapter(k, "uid")
	for _, id := range []string{"x", "y", "z"} {
		if r, err := a.Get(context.Background(), id); err != nil || r.id != id {
			t.Fatalf("Get(%s) = %+v, %v", id, r, err)
		}
	}
	if !slices.Equal(calls, []string{"list *", "get z"}) {
		t.Errorf("calls %q, want one list and a read of the one it lacks", calls)
	}
}

func TestAdapterRefusesBodiesOfAnotherType(t *testing.T) {
	a := NewAdapter(fakeKind(nil, new([]string)), "uid")
	if _, _, err := a.Create(context.Background(), 1, "token"); err == nil || !strings.HasPrefix(err.Error(), "CreateThing:") {
		t.Errorf("Create with an int: %v", err)
	}
	if _, err := a.Update(context.Background(), "x", "body"); err == nil || !strings.HasPrefix(err.Error(), "UpdateThing:") {
		t.Errorf("Update with a string: %v", err)
	}
	if done, failure, err := a.WorkRequest(context.Background(), "wr"); !done || failure != "" || err != nil {
		t.Errorf("WorkRequest of a kind without any = %v, %q, %v; want done", done, failure, err)
	}
}

func TestRunAllAndDeleteEach(t *testing.T) {
	later := &async.NotDoneError{Key: "a", RequeueAfter: time.Minute}
	sooner := &async.NotDoneError{Key: "b", RequeueAfter: time.Second}
	boom := errors.New("boom")
	ran := 0
	step := func(err error) func() error { return func() error { ran++; return err } }
	if err := RunAll([]func() error{step(later), step(sooner), step(nil)}); !errors.Is(err, sooner) || ran != 3 {
		t.Errorf("RunAll = %v after %d steps, want the sooner not done after 3", err, ran)
	}
	ran = 0
	if err := RunAll([]func() error{step(later), step(boom), step(nil)}); !errors.Is(err, boom) || ran != 2 {
		t.Errorf("RunAll = %v after %d steps, want boom after 2", err, ran)
	}
	engine := func() *async.Engine[thing] { t.Fatal("an engine made with nothing to delete"); return nil }
	if err := DeleteEach(context.Background(), engine, "thing", 0, func(int) namedSpec { return namedSpec{} }); err != nil {
		t.Errorf("DeleteEach of none = %v", err)
	}
}
