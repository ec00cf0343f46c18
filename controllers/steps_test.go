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

package controllers

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// fakeService records the order it is run in and returns its error.
type fakeService struct {
	name string
	err  error
	log  *[]string
	// retryAfter, when set, is the Retry-After an OCI answer gave the service's call (as the dispatcher records it).
	retryAfter time.Duration
}

func (f fakeService) Name() string { return f.name }
func (f fakeService) Reconcile(ctx context.Context) error {
	*f.log = append(*f.log, "reconcile "+f.name)
	if h := clients.HintFrom(ctx); h != nil && f.retryAfter > 0 {
		h.RetryAfter = f.retryAfter
	}
	return f.err
}
func (f fakeService) Delete(context.Context) error {
	*f.log = append(*f.log, "delete "+f.name)
	return f.err
}

func TestRunSteps(t *testing.T) {
	notDone := func(d time.Duration) error {
		return &async.NotDoneError{Key: "k", What: "being created", RequeueAfter: d}
	}
	terminal := &async.Error{Class: async.Terminal, Reason: async.ReasonLimitExceeded, Message: "limit reached: raise it"}
	throttled := &async.Error{Class: async.Throttled, Reason: async.ReasonThrottled, Message: "slow down", RetryAfter: 10 * time.Second}
	for _, tc := range []struct {
		name      string
		errs      [3]error
		hints     [3]time.Duration
		deleting  bool
		wantRun   []string
		wantConds map[string]string // condition -> reason
		check     func(t *testing.T, out outcome)
	}{
		{name: "all in place: done, each True", wantRun: []string{"reconcile a", "reconcile b", "reconcile c"},
			wantConds: map[string]string{"A": infrav1.ProvisionedReason, "B": infrav1.ProvisionedReason, "C": infrav1.ProvisionedReason},
			check: func(t *testing.T, out outcome) {
				if !out.done || out.requeueAfter != 0 || out.err != nil {
					t.Errorf("outcome %+v, want done", out)
				}
			}},
		{name: "one not done: the others still run; requeue after the shortest", errs: [3]error{notDone(9 * time.Second), nil, notDone(5 * time.Second)},
			wantRun:   []string{"reconcile a", "reconcile b", "reconcile c"},
			wantConds: map[string]string{"A": infrav1.ProvisioningReason, "B": infrav1.ProvisionedReason, "C": infrav1.ProvisioningReason},
			check: func(t *testing.T, out outcome) {
				if out.done || out.requeueAfter != 5*time.Second {
					t.Errorf("outcome %+v, want not done, requeue after 5s", out)
				}
			}},
		{name: "terminal: stops, the reason and message a person reads, a slow requeue", errs: [3]error{nil, terminal, nil},
			wantRun:   []string{"reconcile a", "reconcile b"},
			wantConds: map[string]string{"A": infrav1.ProvisionedReason, "B": async.ReasonLimitExceeded},
			check: func(t *testing.T, out outcome) {
				if !out.terminal || out.failed != "b" || out.requeueAfter != terminalRequeue || out.err != nil {
					t.Errorf("outcome %+v", out)
				}
			}},
		{name: "throttled: the delay OCI asked for, with jitter", errs: [3]error{throttled, nil, nil},
			wantRun: []string{"reconcile a"}, wantConds: map[string]string{"A": async.ReasonThrottled},
			check: func(t *testing.T, out outcome) {
				if out.requeueAfter < 10*time.Second || out.requeueAfter > 12*time.Second || out.err != nil {
					t.Errorf("outcome %+v", out)
				}
			}},
		{name: "throttled, OCI's Retry-After on a call outside the engine: that delay, with jitter", errs: [3]error{throttled, nil, nil},
			hints:   [3]time.Duration{2 * time.Second},
			wantRun: []string{"reconcile a"}, wantConds: map[string]string{"A": async.ReasonThrottled},
			check: func(t *testing.T, out outcome) {
				if out.requeueAfter < 2*time.Second || out.requeueAfter > 3*time.Second || out.err != nil {
					t.Errorf("outcome %+v", out)
				}
			}},
		{name: "transient: the error goes to controller-runtime's backoff", errs: [3]error{errors.New("connection reset"), nil, nil},
			wantRun: []string{"reconcile a"}, wantConds: map[string]string{"A": infrav1.ReconcileFailedReason},
			check: func(t *testing.T, out outcome) {
				if out.err == nil {
					t.Errorf("outcome %+v, want the error", out)
				}
			}},
		{name: "delete runs in reverse and waits for each", deleting: true, errs: [3]error{nil, notDone(time.Second), nil},
			wantRun:   []string{"delete c", "delete b"},
			wantConds: map[string]string{"C": infrav1.DeletingReason, "B": infrav1.DeletingReason},
			check: func(t *testing.T, out outcome) {
				if out.done || out.requeueAfter != time.Second {
					t.Errorf("outcome %+v", out)
				}
			}},
		{name: "delete of everything", deleting: true, wantRun: []string{"delete c", "delete b", "delete a"},
			wantConds: map[string]string{"A": infrav1.DeletingReason}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log []string
			var steps []step
			for i, n := range []string{"a", "b", "c"} {
				steps = append(steps, step{condition: strings.ToUpper(n), service: n, svc: fakeService{name: n, err: tc.errs[i], log: &log, retryAfter: tc.hints[i]}})
			}
			steps = append(steps, step{condition: "D", service: "d", svc: fakeService{name: "d", log: &log}, deleteOnly: true})
			oc := &infrav1.OCICluster{}
			out := runSteps(context.Background(), oc, steps, tc.deleting)
			if tc.deleting {
				tc.wantRun = append([]string{"delete d"}, tc.wantRun...)
			}
			if d := cmp.Diff(tc.wantRun, log); d != "" {
				t.Errorf("run (-want +got):\n%s", d)
			}
			for c, reason := range tc.wantConds {
				got := conditions.Get(oc, c)
				if got == nil || got.Reason != reason || (reason != infrav1.ProvisionedReason) != (got.Status == metav1.ConditionFalse) {
					t.Errorf("condition %s: %+v, want reason %s", c, got, reason)
				}
			}
			if tc.check != nil {
				tc.check(t, out)
			}
		})
	}
}

func TestOwnSpecWrite(t *testing.T) {
	before := &infrav1.OCIClusterSpec{}
	after := &infrav1.OCIClusterSpec{NetworkSpec: infrav1.NetworkSpec{VCN: infrav1.VCN{ID: "ocid1.vcn.new"}}}
	res := []infrav1.OCIResource{{Key: "vcn", ObservedGeneration: 3}, {Key: "subnet/a", ObservedGeneration: 2}}
	ownSpecWrite(3, before, before, res)
	if res[0].ObservedGeneration != 3 {
		t.Fatalf("no write of ours, and the generation moved: %+v", res)
	}
	ownSpecWrite(3, before, after, res)
	if res[0].ObservedGeneration != 4 || res[1].ObservedGeneration != 2 {
		t.Fatalf("after our write: %+v, want the memo of this generation at the next one, an older one kept", res)
	}
}
