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

package lbbackend_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/lbbackend"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/lbbackend/mock_lbbackend"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The test machine: its name and address, and the API server's port.
const (
	machineName = "cp-1"
	machineIP   = "10.0.0.5"
	apiPort     = 6443
)

// scope is an lbbackend.Scope for tests: the test Owner with the machine's launch nonce, role, name, the
// cluster's API server load balancer (and whether it is a classic one), the backend port and status.addresses.
type scope struct {
	*svctest.Owner
	nonce        string
	controlPlane bool
	lbID         string
	classic      bool
	addrs        []clusterv1.MachineAddress
}

var _ lbbackend.Scope = (*scope)(nil)

// LaunchNonce implements lbbackend.Scope.
func (s *scope) LaunchNonce() string { return s.nonce }

// IsControlPlane implements lbbackend.Scope.
func (s *scope) IsControlPlane() bool { return s.controlPlane }

// MachineName implements lbbackend.Scope.
func (s *scope) MachineName() string { return machineName }

// APIServerLoadBalancer implements lbbackend.Scope.
func (s *scope) APIServerLoadBalancer() (string, bool) { return s.lbID, s.classic }

// BackendPort implements lbbackend.Scope.
func (s *scope) BackendPort() int { return apiPort }

// Addresses implements lbbackend.Scope.
func (s *scope) Addresses() []clusterv1.MachineAddress { return s.addrs }

// memo is what the engine remembers of the backend.
func (s *scope) memo() async.Memo { return s.Memo(lbbackend.Key) }

// ociError is an OCI error answer with its message, as the SDK returns it (svctest's carries none).
type ociError struct {
	status        int
	code, message string
}

func (e ociError) Error() string {
	return fmt.Sprintf("Error returned by service. Http Status Code: %d. Error Code: %s. Message: %s", e.status, e.code, e.message)
}
func (e ociError) GetHTTPStatusCode() int  { return e.status }
func (e ociError) GetMessage() string      { return e.message }
func (e ociError) GetCode() string         { return e.code }
func (e ociError) GetOpcRequestID() string { return "test" }

var _ common.ServiceError = ociError{}

// busyError is a load balancer's answer to a change while another one runs.
func busyError() error {
	return ociError{http.StatusConflict, "Conflict", "Invalid State Transition of NLB lifeCycle state from Updating to Updating"}
}

// duplicateError is a load balancer's answer to the creation of a backend that is in the set.
func duplicateError() error {
	return ociError{http.StatusConflict, "Conflict", "Duplicate backend " + machineIP + ":6443 in backend set " + lbbackend.BackendSetName + "."}
}

// Work request states, as the tests name them for both kinds.
const (
	wrRunning   = "running"
	wrSucceeded = "succeeded"
	wrFailed    = "failed"
)

// api sets expectations on the client of one kind of load balancer, so that a case runs against both.
type api interface {
	// has expects one read of the load balancer, whose backend set holds the backends named.
	has(names ...string)
	// readFails expects one read of the load balancer, answered err.
	readFails(err error)
	// create expects the creation of the machine's backend under a retry token (kept in tokens), answered with
	// the work request wr, or err.
	create(wr string, err error)
	// remove expects the removal of the backend named name, answered with the work request wr, or err.
	remove(name, wr string, err error)
	// workRequest expects one look at the work request wr, in state.
	workRequest(wr, state string)
	// tokens are the retry tokens of the creates, in order.
	tokens() []string
}

// kind is a kind of API server load balancer: its OCID, whether it is classic, the name OCI gives the machine's
// backend in it, and its api over the mocks.
type kind struct {
	name    string
	lbID    string
	classic bool
	backend string
	api     func(n *mock_lbbackend.MockNLBClientMockRecorder, l *mock_lbbackend.MockLBClientMockRecorder) api
}

// kinds are the network load balancer, whose backends are named after the machine, and the load balancer, whose
// backends OCI names ip:port.
var kinds = []kind{
	{name: "network load balancer", lbID: "ocid1.networkloadbalancer.oc1..lb", backend: machineName,
		api: func(n *mock_lbbackend.MockNLBClientMockRecorder, _ *mock_lbbackend.MockLBClientMockRecorder) api {
			return &nlbAPI{m: n, lbID: "ocid1.networkloadbalancer.oc1..lb"}
		}},
	{name: "load balancer", lbID: "ocid1.loadbalancer.oc1..lb", classic: true, backend: fmt.Sprintf("%s:%d", machineIP, apiPort),
		api: func(_ *mock_lbbackend.MockNLBClientMockRecorder, l *mock_lbbackend.MockLBClientMockRecorder) api {
			return &lbAPI{m: l, lbID: "ocid1.loadbalancer.oc1..lb"}
		}},
}

// validToken reports whether a retry token is one OCI takes.
func validToken(t *string) bool { return t != nil && len(*t) > 0 && len(*t) <= 64 }

// nlbAPI is the api of a network load balancer.
type nlbAPI struct {
	m      *mock_lbbackend.MockNLBClientMockRecorder
	lbID   string
	tokenz []string
}

func (a *nlbAPI) tokens() []string { return a.tokenz }

func (a *nlbAPI) has(names ...string) {
	bs := make([]networkloadbalancer.Backend, 0, len(names))
	for _, n := range names {
		bs = append(bs, networkloadbalancer.Backend{Name: ptr.To(n), IpAddress: ptr.To("10.0.0.9"), Port: ptr.To(apiPort)})
	}
	a.m.GetNetworkLoadBalancer(gomock.Any(), gomock.Cond(func(r networkloadbalancer.GetNetworkLoadBalancerRequest) bool {
		return ptr.Deref(r.NetworkLoadBalancerId, "") == a.lbID
	})).Return(networkloadbalancer.GetNetworkLoadBalancerResponse{NetworkLoadBalancer: networkloadbalancer.NetworkLoadBalancer{
		BackendSets: map[string]networkloadbalancer.BackendSet{lbbackend.BackendSetName: {Backends: bs},
			"other": {Backends: []networkloadbalancer.Backend{{Name: ptr.To(machineName)}}}}}}, nil)
}

func (a *nlbAPI) readFails(err error) {
	a.m.GetNetworkLoadBalancer(gomock.Any(), gomock.Any()).Return(networkloadbalancer.GetNetworkLoadBalancerResponse{}, err)
}

func (a *nlbAPI) create(wr string, err error) {
	a.m.CreateBackend(gomock.Any(), gomock.Cond(func(r networkloadbalancer.CreateBackendRequest) bool {
		d := r.CreateBackendDetails
		return ptr.Deref(r.NetworkLoadBalancerId, "") == a.lbID && ptr.Deref(r.BackendSetName, "") == lbbackend.BackendSetName &&
			validToken(r.OpcRetryToken) && ptr.Deref(d.Name, "") == machineName && ptr.Deref(d.IpAddress, "") == machineIP &&
			ptr.Deref(d.Port, 0) == apiPort
	})).DoAndReturn(func(_ context.Context, r networkloadbalancer.CreateBackendRequest) (networkloadbalancer.CreateBackendResponse, error) {
		a.tokenz = append(a.tokenz, *r.OpcRetryToken)
		if err != nil {
			return networkloadbalancer.CreateBackendResponse{}, err
		}
		return networkloadbalancer.CreateBackendResponse{OpcWorkRequestId: ptr.To(wr)}, nil
	})
}

func (a *nlbAPI) remove(name, wr string, err error) {
	a.m.DeleteBackend(gomock.Any(), gomock.Cond(func(r networkloadbalancer.DeleteBackendRequest) bool {
		return ptr.Deref(r.NetworkLoadBalancerId, "") == a.lbID && ptr.Deref(r.BackendSetName, "") == lbbackend.BackendSetName &&
			ptr.Deref(r.BackendName, "") == name
	})).Return(networkloadbalancer.DeleteBackendResponse{OpcWorkRequestId: optional(wr)}, err)
}

func (a *nlbAPI) workRequest(wr, state string) {
	status := map[string]networkloadbalancer.OperationStatusEnum{wrRunning: networkloadbalancer.OperationStatusInProgress,
		wrSucceeded: networkloadbalancer.OperationStatusSucceeded, wrFailed: networkloadbalancer.OperationStatusFailed}[state]
	a.m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r networkloadbalancer.GetWorkRequestRequest) bool {
		return ptr.Deref(r.WorkRequestId, "") == wr
	})).Return(networkloadbalancer.GetWorkRequestResponse{WorkRequest: networkloadbalancer.WorkRequest{Status: status,
		OperationType: networkloadbalancer.OperationTypeCreateBackend}}, nil)
	if state == wrFailed {
		a.m.ListWorkRequestErrors(gomock.Any(), gomock.Any()).Return(networkloadbalancer.ListWorkRequestErrorsResponse{
			WorkRequestErrorCollection: networkloadbalancer.WorkRequestErrorCollection{Items: []networkloadbalancer.WorkRequestError{
				{Code: ptr.To("InternalError"), Message: ptr.To("the backend could not be added")}}}}, nil)
	}
}

// lbAPI is the api of a (classic) load balancer.
type lbAPI struct {
	m      *mock_lbbackend.MockLBClientMockRecorder
	lbID   string
	tokenz []string
}

func (a *lbAPI) tokens() []string { return a.tokenz }

func (a *lbAPI) has(names ...string) {
	bs := make([]lbaas.Backend, 0, len(names))
	for _, n := range names {
		bs = append(bs, lbaas.Backend{Name: ptr.To(n)})
	}
	a.m.GetLoadBalancer(gomock.Any(), gomock.Cond(func(r lbaas.GetLoadBalancerRequest) bool {
		return ptr.Deref(r.LoadBalancerId, "") == a.lbID
	})).Return(lbaas.GetLoadBalancerResponse{LoadBalancer: lbaas.LoadBalancer{
		BackendSets: map[string]lbaas.BackendSet{lbbackend.BackendSetName: {Backends: bs},
			"other": {Backends: []lbaas.Backend{{Name: ptr.To(fmt.Sprintf("%s:%d", machineIP, apiPort))}}}}}}, nil)
}

func (a *lbAPI) readFails(err error) {
	a.m.GetLoadBalancer(gomock.Any(), gomock.Any()).Return(lbaas.GetLoadBalancerResponse{}, err)
}

func (a *lbAPI) create(wr string, err error) {
	a.m.CreateBackend(gomock.Any(), gomock.Cond(func(r lbaas.CreateBackendRequest) bool {
		d := r.CreateBackendDetails
		return ptr.Deref(r.LoadBalancerId, "") == a.lbID && ptr.Deref(r.BackendSetName, "") == lbbackend.BackendSetName &&
			validToken(r.OpcRetryToken) && ptr.Deref(d.IpAddress, "") == machineIP && ptr.Deref(d.Port, 0) == apiPort
	})).DoAndReturn(func(_ context.Context, r lbaas.CreateBackendRequest) (lbaas.CreateBackendResponse, error) {
		a.tokenz = append(a.tokenz, *r.OpcRetryToken)
		if err != nil {
			return lbaas.CreateBackendResponse{}, err
		}
		return lbaas.CreateBackendResponse{OpcWorkRequestId: ptr.To(wr)}, nil
	})
}

func (a *lbAPI) remove(name, wr string, err error) {
	a.m.DeleteBackend(gomock.Any(), gomock.Cond(func(r lbaas.DeleteBackendRequest) bool {
		return ptr.Deref(r.LoadBalancerId, "") == a.lbID && ptr.Deref(r.BackendSetName, "") == lbbackend.BackendSetName &&
			ptr.Deref(r.BackendName, "") == name
	})).Return(lbaas.DeleteBackendResponse{OpcWorkRequestId: optional(wr)}, err)
}

func (a *lbAPI) workRequest(wr, state string) {
	ls := map[string]lbaas.WorkRequestLifecycleStateEnum{wrRunning: lbaas.WorkRequestLifecycleStateInProgress,
		wrSucceeded: lbaas.WorkRequestLifecycleStateSucceeded, wrFailed: lbaas.WorkRequestLifecycleStateFailed}[state]
	a.m.GetWorkRequest(gomock.Any(), gomock.Cond(func(r lbaas.GetWorkRequestRequest) bool {
		return ptr.Deref(r.WorkRequestId, "") == wr
	})).Return(lbaas.GetWorkRequestResponse{WorkRequest: lbaas.WorkRequest{LifecycleState: ls, Type: ptr.To("CreateBackend"),
		ErrorDetails: []lbaas.WorkRequestError{{ErrorCode: lbaas.WorkRequestErrorErrorCodeBadInput, Message: ptr.To("the backend could not be added")}}}}, nil)
}

// optional is &s, or nil when s is empty.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// newScope returns the scope of a control-plane machine with its address, in a cluster whose API server load
// balancer is of kind k.
func newScope(k kind) *scope {
	return &scope{Owner: svctest.NewOwner(), nonce: "nonce-1", controlPlane: true, lbID: k.lbID, classic: k.classic,
		addrs: []clusterv1.MachineAddress{{Type: clusterv1.MachineExternalIP, Address: "129.0.0.1"},
			{Type: clusterv1.MachineInternalIP, Address: machineIP}}}
}

// run makes the mocks of both kinds (the one of the other kind expects no call), sets the expectations of the
// case's kind with expect, and returns the service of s on them.
func run(t *testing.T, k kind, s *scope, expect func(s *scope, a api)) (*lbbackend.Service, api) {
	t.Helper()
	ctrl := gomock.NewController(t)
	n, l := mock_lbbackend.NewMockNLBClient(ctrl), mock_lbbackend.NewMockLBClient(ctrl)
	a := k.api(n.EXPECT(), l.EXPECT())
	if expect != nil {
		expect(s, a)
	}
	return lbbackend.New(s, n, l), a
}

// classIs accepts an *async.Error of the class and reason.
func classIs(class async.Class, reason string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == class && e.Reason == reason
	}
}

// busy accepts the error of a load balancer busy with another change: throttled, with a delay.
func busy(err error) bool {
	var e *async.Error
	return errors.As(err, &e) && e.Class == async.Throttled && e.Reason == infrav1.LoadBalancerBusyReason && e.RetryAfter > 0
}

// checkedAt is when the backend was last found in place, in the memos of the cases.
var checkedAt = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// backendCase is one case of Reconcile or Delete, run against both kinds: k is the kind it runs against.
type backendCase struct {
	name    string
	edit    func(s *scope)
	memo    func(k kind) *async.Memo
	expect  func(k kind, s *scope, a api)
	wantErr func(error) bool
	check   func(t *testing.T, k kind, s *scope)
}

// runCases runs each case against both kinds with call.
func runCases(t *testing.T, op string, cases []backendCase, call func(*lbbackend.Service) error) {
	for _, k := range kinds {
		for _, tc := range cases {
			t.Run(k.name+"/"+tc.name, func(t *testing.T) {
				s := newScope(k)
				if tc.edit != nil {
					tc.edit(s)
				}
				if tc.memo != nil {
					s.Remember(lbbackend.Key, tc.memo(k))
				}
				svc, _ := run(t, k, s, func(s *scope, a api) {
					if tc.expect != nil {
						tc.expect(k, s, a)
					}
				})
				svctest.CheckErr(t, op, call(svc), tc.wantErr)
				if tc.check != nil {
					tc.check(t, k, s)
				}
			})
		}
	}
}

// owned is the memo of the machine's backend, added and found in place before.
func owned(k kind) *async.Memo { return &async.Memo{OwnedID: k.backend, CheckedAt: checkedAt} }

// waiting is the memo of the machine's backend while the work request wr runs.
func waiting(wr string) func(k kind) *async.Memo {
	return func(k kind) *async.Memo { return &async.Memo{OwnedID: k.backend, WorkRequestID: wr, Waits: 1} }
}

func TestReconcile(t *testing.T) {
	runCases(t, "Reconcile", []backendCase{
		{name: "a worker: no call", edit: func(s *scope) { s.controlPlane = false }},
		{name: "no load balancer to join: no call", edit: func(s *scope) { s.lbID = "" }},
		{
			name:    "a control-plane machine without an address yet: not done, no call",
			edit:    func(s *scope) { s.addrs = s.addrs[:1] },
			wantErr: async.IsNotDone,
		},
		{
			name: "not in the set: created, its work request recorded, not done",
			expect: func(_ kind, _ *scope, a api) {
				a.has("other-cp")
				a.create("wr-1", nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, k kind, s *scope) {
				if m := s.memo(); m.OwnedID != k.backend || m.WorkRequestID != "wr-1" {
					t.Errorf("memo %+v, want the backend %q and its work request wr-1", m, k.backend)
				}
			},
		},
		{
			name:    "the work request running: looked at once, not done",
			memo:    waiting("wr-1"),
			expect:  func(_ kind, _ *scope, a api) { a.workRequest("wr-1", wrRunning) },
			wantErr: async.IsNotDone,
			check: func(t *testing.T, _ kind, s *scope) {
				if m := s.memo(); m.WorkRequestID != "wr-1" || m.Waits != 2 {
					t.Errorf("memo %+v, want the work request kept and one more wait", m)
				}
			},
		},
		{
			name: "the work request succeeded: the backend read in place",
			memo: waiting("wr-1"),
			expect: func(k kind, _ *scope, a api) {
				a.workRequest("wr-1", wrSucceeded)
				a.has("other-cp", k.backend)
			},
			check: func(t *testing.T, k kind, s *scope) {
				if m := s.memo(); m.WorkRequestID != "" || m.CheckedAt.IsZero() || m.OwnedID != k.backend || m.Waits != 0 {
					t.Errorf("memo %+v, want the backend in place", m)
				}
			},
		},
		{
			name:   "the work request failed: terminal",
			memo:   waiting("wr-1"),
			expect: func(_ kind, _ *scope, a api) { a.workRequest("wr-1", wrFailed) },
			wantErr: func(err error) bool {
				return classIs(async.Terminal, async.ReasonWorkRequestFailed)(err) && strings.Contains(err.Error(), "could not be added")
			},
		},
		{
			name:   "already in the set, never recorded: adopted, no create",
			expect: func(k kind, _ *scope, a api) { a.has(k.backend) },
			check: func(t *testing.T, k kind, s *scope) {
				if m := s.memo(); m.OwnedID != k.backend || m.CheckedAt.IsZero() {
					t.Errorf("memo %+v, want the backend in place", m)
				}
			},
		},
		{
			name: "the load balancer busy with another change: throttled, retried shortly",
			expect: func(_ kind, _ *scope, a api) {
				a.has()
				a.create("", busyError())
			},
			wantErr: busy,
		},
		{
			name: "a duplicate backend: it is in place, not a failure",
			expect: func(_ kind, _ *scope, a api) {
				a.has()
				a.create("", duplicateError())
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, k kind, s *scope) {
				if m := s.memo(); m.OwnedID != k.backend || m.WorkRequestID != "" {
					t.Errorf("memo %+v, want the backend recorded with no work request", m)
				}
			},
		},
		{
			name: "another conflict: retried, not busy",
			expect: func(_ kind, _ *scope, a api) {
				a.has()
				a.create("", ociError{http.StatusConflict, "Conflict", "The retry token is in use"})
			},
			wantErr: func(err error) bool { return classIs(async.Transient, async.ReasonServiceError)(err) },
		},
		{
			name: "the create refused: terminal",
			expect: func(_ kind, _ *scope, a api) {
				a.has()
				a.create("", svctest.ServiceError(http.StatusBadRequest, "InvalidParameter"))
			},
			wantErr: classIs(async.Terminal, async.ReasonRequestRefused),
		},
		{
			name: "the load balancer read failing: classified",
			memo: owned,
			edit: func(s *scope) { s.Due = true },
			expect: func(_ kind, _ *scope, a api) {
				a.readFails(svctest.ServiceError(http.StatusServiceUnavailable, "ServiceUnavailable"))
			},
			wantErr: classIs(async.Transient, async.ReasonServiceError),
		},
	}, func(svc *lbbackend.Service) error { return svc.Reconcile(context.Background()) })
}

func TestDelete(t *testing.T) {
	runCases(t, "Delete", []backendCase{
		{name: "a worker: no call", edit: func(s *scope) { s.controlPlane = false }, memo: owned},
		{name: "no load balancer: no call", edit: func(s *scope) { s.lbID = "" }, memo: owned},
		{name: "never added and no address: no call", edit: func(s *scope) { s.addrs = nil }},
		{
			name:    "in the set: removed, its work request recorded, not done",
			memo:    owned,
			expect:  func(k kind, _ *scope, a api) { a.has(k.backend, "other-cp"); a.remove(k.backend, "wr-2", nil) },
			wantErr: async.IsNotDone,
			check: func(t *testing.T, _ kind, s *scope) {
				if m := s.memo(); m.WorkRequestID != "wr-2" {
					t.Errorf("memo %+v, want the removal's work request", m)
				}
			},
		},
		{
			name: "the removal's work request succeeded: gone, done and forgotten",
			memo: waiting("wr-2"),
			expect: func(_ kind, _ *scope, a api) {
				a.workRequest("wr-2", wrSucceeded)
				a.has("other-cp")
			},
			check: func(t *testing.T, _ kind, s *scope) {
				if m := s.memo(); m != (async.Memo{Deleted: true}) {
					t.Errorf("memo %+v, want the backend marked deleted", m)
				}
			},
		},
		{
			name:    "the removal's work request running: not done",
			memo:    waiting("wr-2"),
			expect:  func(_ kind, _ *scope, a api) { a.workRequest("wr-2", wrRunning) },
			wantErr: async.IsNotDone,
		},
		{
			name:    "never recorded but in the set: found by name and removed",
			expect:  func(k kind, _ *scope, a api) { a.has(k.backend); a.remove(k.backend, "wr-2", nil) },
			wantErr: async.IsNotDone,
		},
		{
			name:   "not in the set: done",
			memo:   owned,
			expect: func(_ kind, _ *scope, a api) { a.has("other-cp") },
		},
		{
			name:    "the removal answered 404: not an error",
			memo:    owned,
			expect:  func(k kind, _ *scope, a api) { a.has(k.backend); a.remove(k.backend, "", svctest.NotFound()) },
			wantErr: async.IsNotDone,
			check: func(t *testing.T, _ kind, s *scope) {
				if m := s.memo(); m.WorkRequestID != "" {
					t.Errorf("memo %+v, want no work request", m)
				}
			},
		},
		{
			name:   "the load balancer gone (404): done",
			memo:   owned,
			expect: func(_ kind, _ *scope, a api) { a.readFails(svctest.NotFound()) },
		},
		{
			name:    "the load balancer busy: throttled, retried shortly",
			memo:    owned,
			expect:  func(k kind, _ *scope, a api) { a.has(k.backend); a.remove(k.backend, "", busyError()) },
			wantErr: busy,
		},
		{
			name: "the removal refused: classified",
			memo: owned,
			expect: func(k kind, _ *scope, a api) {
				a.has(k.backend)
				a.remove(k.backend, "", svctest.ServiceError(http.StatusForbidden, "NotAllowed"))
			},
			wantErr: classIs(async.Terminal, async.ReasonNotAuthorized),
		},
	}, func(svc *lbbackend.Service) error { return svc.Delete(context.Background()) })
}

// step runs one call of a lifecycle and checks its error with wantErr (nil: no error).
func step(t *testing.T, what string, err error, wantErr func(error) bool) {
	t.Helper()
	svctest.CheckErr(t, what, err, wantErr)
}

// TestLifecycle adds the machine's backend, waits for its work request, finds it in place, makes no call until
// the drift check, re-adds it when it was removed behind the provider's back, and removes it.
func TestLifecycle(t *testing.T) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			ctx := context.Background()
			s := newScope(k)
			svc, a := run(t, k, s, func(_ *scope, a api) {
				// Expectations of the same call answer in the order they are set.
				a.has()
				a.create("wr-1", nil)
				a.workRequest("wr-1", wrRunning)
				a.workRequest("wr-1", wrSucceeded)
				a.has(k.backend)
				// The drift check finds the backend removed: it is added again.
				a.has("other-cp")
				a.create("wr-3", nil)
				// Delete.
				a.workRequest("wr-3", wrSucceeded)
				a.has(k.backend)
				a.remove(k.backend, "wr-4", nil)
				a.workRequest("wr-4", wrSucceeded)
				a.has()
			})
			step(t, "create", svc.Reconcile(ctx), async.IsNotDone)
			step(t, "work request running", svc.Reconcile(ctx), async.IsNotDone)
			step(t, "work request succeeded", svc.Reconcile(ctx), nil)
			for range 3 {
				step(t, "in place", svc.Reconcile(ctx), nil)
			}
			s.Due = true
			step(t, "drift check, removed behind our back", svc.Reconcile(ctx), async.IsNotDone)
			if tok := a.tokens(); len(tok) != 2 || tok[0] == tok[1] {
				t.Errorf("create tokens %q: the backend added again must carry a new token", tok)
			}
			s.Due = false
			step(t, "delete", svc.Delete(ctx), async.IsNotDone)
			step(t, "delete's work request", svc.Delete(ctx), nil)
		})
	}
}

func TestBusyDelayGrowsWithTheWaits(t *testing.T) {
	k := kinds[0]
	s := newScope(k)
	s.Remember(lbbackend.Key, &async.Memo{OwnedID: k.backend, CheckedAt: checkedAt, Waits: 5})
	svc, _ := run(t, k, s, func(_ *scope, a api) {
		a.has(k.backend)
		a.remove(k.backend, "", busyError())
	})
	err := svc.Delete(context.Background())
	var e *async.Error
	if !errors.As(err, &e) || e.Reason != infrav1.LoadBalancerBusyReason || e.RetryAfter < 40*time.Second {
		t.Errorf("Delete: %v, want busy with a delay of the 6th look (40s or more)", err)
	}
}

func TestTokensDifferByMachine(t *testing.T) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			token := func(nonce string) string {
				s := newScope(k)
				s.nonce = nonce
				svc, a := run(t, k, s, func(_ *scope, a api) { a.has(); a.create("wr-1", nil) })
				step(t, "create", svc.Reconcile(context.Background()), async.IsNotDone)
				return a.tokens()[0]
			}
			first := token("nonce-1")
			if again := token("nonce-1"); again != first {
				t.Errorf("tokens %q and %q: a create repeated after a lost answer must be the same request", first, again)
			}
			if other := token("nonce-2"); other == first {
				t.Errorf("another machine's create has the token %q", first)
			}
		})
	}
}

func TestName(t *testing.T) {
	if n := lbbackend.New(newScope(kinds[0]), nil, nil).Name(); n != "backend" {
		t.Errorf("Name %q, want backend", n)
	}
}
