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

package instance_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance/mock_instance"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// The names of the test machine's launch.
const (
	machineName = "machine-1"
	testAD      = "Uocm:PHX-AD-1"
)

// fallbacks are the fault domains of the test availability domain, the fallbacks of an unpinned launch.
var fallbacks = []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}

// scope is an instance.Scope for tests: the test Owner with the machine's launch nonce, spec.instanceId, the
// launch and fallbacks Launch answers (with launchErr), the volumes to preserve, and the instances Observed got.
type scope struct {
	*svctest.Owner
	nonce      string
	id         string
	launch     instance.Launch
	fallbacks  []string
	launchErr  error
	boot, data *bool
	observed   []*core.Instance
}

var _ instance.Scope = (*scope)(nil)

// LaunchNonce implements instance.Scope.
func (s *scope) LaunchNonce() string { return s.nonce }

// InstanceID implements instance.Scope.
func (s *scope) InstanceID() string { return s.id }

// SetInstanceID implements instance.Scope.
func (s *scope) SetInstanceID(id string) { s.id = id }

// Launch implements instance.Scope: the launch keeps its name when there is an error, as the machine scope's does.
func (s *scope) Launch() (instance.Launch, []string, error) {
	return s.launch, s.fallbacks, s.launchErr
}

// PreserveVolumes implements instance.Scope.
func (s *scope) PreserveVolumes() (boot, data *bool) { return s.boot, s.data }

// Observed implements instance.Scope.
func (s *scope) Observed(in *core.Instance) { s.observed = append(s.observed, in) }

// memo is what the engine remembers of the instance.
func (s *scope) memo() async.Memo { return s.Memo(instance.Key) }

// newScope returns the scope of an unpinned launch of machine-1 in the test availability domain, under nonce-1.
func newScope() *scope {
	o := svctest.NewOwner()
	return &scope{Owner: o, nonce: "nonce-1", fallbacks: fallbacks, launch: instance.Launch{
		Spec:               &infrav1.OCIMachineSpec{Shape: "VM.Standard.E4.Flex", ImageID: "ocid1.image.oc1..i"},
		Name:               machineName,
		Compartment:        o.Compartment,
		AvailabilityDomain: testAD,
		SubnetID:           "ocid1.subnet.oc1..s",
		Tags:               o.OwnedTags(),
	}}
}

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

// outOfCapacity is OCI's answer to a launch where there is no room for the shape.
func outOfCapacity() error {
	return ociError{http.StatusInternalServerError, "InternalError", "Out of host capacity for shape VM.Standard.E4.Flex in " + testAD + "."}
}

// inst is an instance in state with the freeform tags.
func inst(id string, state core.InstanceLifecycleStateEnum, tags map[string]string) core.Instance {
	return core.Instance{Id: ptr.To(id), DisplayName: ptr.To(machineName), LifecycleState: state, FreeformTags: tags}
}

// got returns the response of GetInstance for in.
func got(in core.Instance) core.GetInstanceResponse { return core.GetInstanceResponse{Instance: in} }

// launched is the response of a launch that made the instance id.
func launched(id string) core.LaunchInstanceResponse {
	return core.LaunchInstanceResponse{Instance: inst(id, core.InstanceLifecycleStateProvisioning, nil)}
}

// named matches a list of the compartment's instances named machine-1.
func named() gomock.Matcher {
	return gomock.Cond(func(r core.ListInstancesRequest) bool {
		return ptr.Deref(r.CompartmentId, "") == "ocid1.compartment.oc1..test" && ptr.Deref(r.DisplayName, "") == machineName
	})
}

// byID matches a read or termination of the instance id.
func byID(id string) gomock.Matcher {
	return gomock.Cond(func(r any) bool {
		switch r := r.(type) {
		case core.GetInstanceRequest:
			return ptr.Deref(r.InstanceId, "") == id
		case core.TerminateInstanceRequest:
			return ptr.Deref(r.InstanceId, "") == id
		}
		return false
	})
}

// reason accepts a terminal *async.Error with the reason.
func reason(want string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == want
	}
}

// class accepts an *async.Error of the class.
func class(want async.Class) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == want
	}
}

func TestReconcile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(s *scope)
		memo    *async.Memo
		expect  func(s *scope, m *mock_instance.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "first launch: launched unpinned under a retry token, spec.instanceId recorded at once",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListInstances(gomock.Any(), named()).Return(core.ListInstancesResponse{}, nil),
					m.LaunchInstance(gomock.Any(), gomock.Cond(func(r core.LaunchInstanceRequest) bool {
						d := r.LaunchInstanceDetails
						return r.OpcRetryToken != nil && len(*r.OpcRetryToken) > 0 && len(*r.OpcRetryToken) <= 64 &&
							*d.DisplayName == machineName && *d.AvailabilityDomain == testAD && d.FaultDomain == nil &&
							*d.CreateVnicDetails.SubnetId == "ocid1.subnet.oc1..s" && d.FreeformTags["ClusterResourceIdentifier"] == "cluster-uid"
					})).Return(launched("ocid1.instance.new"), nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.id != "ocid1.instance.new" || s.memo().OwnedID != "ocid1.instance.new" {
					t.Errorf("spec.instanceId %q, owned %q; want the launched instance's", s.id, s.memo().OwnedID)
				}
			},
		},
		{
			name: "found by name and ownership tags after a lost launch answer: adopted, no launch",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.ListInstances(gomock.Any(), named()).Return(core.ListInstancesResponse{Items: []core.Instance{
					inst("ocid1.instance.other", core.InstanceLifecycleStateRunning,
						map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"}),
					inst("ocid1.instance.untagged", core.InstanceLifecycleStateRunning, nil),
					inst("ocid1.instance.old", core.InstanceLifecycleStateTerminated, s.OwnedTags()),
					inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags()),
				}}, nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.id != "ocid1.instance.ours" || s.memo().OwnedID != "ocid1.instance.ours" {
					t.Errorf("spec.instanceId %q, owned %q; want ocid1.instance.ours", s.id, s.memo().OwnedID)
				}
				if len(s.observed) != 1 || *s.observed[0].Id != "ocid1.instance.ours" {
					t.Errorf("observed %v, want the adopted instance", s.observed)
				}
			},
		},
		{
			name: "found on a later page: adopted",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				gomock.InOrder(
					m.ListInstances(gomock.Any(), gomock.Cond(func(r core.ListInstancesRequest) bool { return r.Page == nil })).
						Return(core.ListInstancesResponse{OpcNextPage: ptr.To("2")}, nil),
					m.ListInstances(gomock.Any(), gomock.Cond(func(r core.ListInstancesRequest) bool {
						return ptr.Deref(r.Page, "") == "2" && ptr.Deref(r.DisplayName, "") == machineName
					})).Return(core.ListInstancesResponse{Items: []core.Instance{
						inst("ocid1.instance.ours", core.InstanceLifecycleStateProvisioning, s.OwnedTags())}}, nil),
				)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.id != "ocid1.instance.ours" {
					t.Errorf("spec.instanceId %q, want ocid1.instance.ours", s.id)
				}
			},
		},
		{
			name: "PROVISIONING: not done, no launch",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			memo: &async.Memo{OwnedID: "ocid1.instance.ours"},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateProvisioning, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
			check: func(t *testing.T, s *scope) {
				if s.memo().Waits != 1 {
					t.Errorf("waits %d, want one more wait remembered", s.memo().Waits)
				}
			},
		},
		{
			name: "RUNNING: in place, and the instance observed",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			memo: &async.Memo{OwnedID: "ocid1.instance.ours", Waits: 3},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if len(s.observed) != 1 || s.observed[0].LifecycleState != core.InstanceLifecycleStateRunning {
					t.Errorf("observed %v, want the running instance", s.observed)
				}
				if m := s.memo(); m.Waits != 0 || m.CheckedAt.IsZero() {
					t.Errorf("memo %+v, want the instance remembered in place", m)
				}
			},
		},
		{
			name: "STOPPED: not done, never launched again",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			memo: &async.Memo{OwnedID: "ocid1.instance.ours"},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateStopped, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "TERMINATED, recorded and owned: InstanceTerminated, no launch",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			memo: &async.Memo{OwnedID: "ocid1.instance.ours"},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateTerminated, s.OwnedTags())), nil)
			},
			wantErr: reason(infrav1.InstanceTerminatedReason),
			check: func(t *testing.T, s *scope) {
				if s.id != "ocid1.instance.ours" {
					t.Errorf("spec.instanceId %q: a terminated instance's OCID must stay recorded", s.id)
				}
			},
		},
		{
			name: "TERMINATED, recorded without a memo: InstanceTerminated, no launch",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateTerminated, s.OwnedTags())), nil)
			},
			wantErr: reason(infrav1.InstanceTerminatedReason),
		},
		{
			name: "gone from OCI (404) after it ran: InstanceTerminated, no launch",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			memo: &async.Memo{OwnedID: "ocid1.instance.ours", CheckedAt: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).Return(core.GetInstanceResponse{}, svctest.NotFound())
			},
			wantErr: reason(infrav1.InstanceTerminatedReason),
		},
		{
			name: "a read that fails: classified, retried",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), gomock.Any()).Return(core.GetInstanceResponse{}, svctest.ServiceError(http.StatusServiceUnavailable, "ServiceUnavailable"))
			},
			wantErr: class(async.Transient),
		},
		{
			name: "the list is refused: classified terminal, no launch",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.ListInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancesResponse{}, svctest.ServiceError(http.StatusUnauthorized, "NotAuthenticated"))
			},
			wantErr: reason(async.ReasonNotAuthorized),
		},
		{
			name: "a launch refused (400): terminal, nothing recorded, no fallback",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.ListInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancesResponse{}, nil)
				m.LaunchInstance(gomock.Any(), gomock.Any()).Return(core.LaunchInstanceResponse{}, svctest.ServiceError(http.StatusBadRequest, "InvalidParameter"))
			},
			wantErr: reason(async.ReasonRequestRefused),
			check: func(t *testing.T, s *scope) {
				if s.id != "" || s.memo().OwnedID != "" {
					t.Errorf("spec.instanceId %q, owned %q after a refused launch", s.id, s.memo().OwnedID)
				}
			},
		},
		{
			name:    "bootstrap data over 32,000 bytes: BootstrapDataTooLarge, no call",
			edit:    func(s *scope) { s.launch.UserData = []byte(strings.Repeat("x", 30000)) },
			wantErr: reason(infrav1.BootstrapDataTooLargeReason),
		},
		{
			name: "a bad spec value: refused with the field's path, no call",
			edit: func(s *scope) { s.launch.Spec.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "abc"} },
			wantErr: func(err error) bool {
				return reason(async.ReasonRequestRefused)(err) && strings.Contains(err.Error(), "spec.shapeConfig.ocpus")
			},
		},
		{
			name:    "the launch cannot be resolved: the scope's error as it is, no call",
			edit:    func(s *scope) { s.launchErr = errors.New("the cluster reports no failure domains yet") },
			wantErr: func(err error) bool { return err != nil && err.Error() == "the cluster reports no failure domains yet" },
		},
		{
			name: "the launch cannot be resolved but the instance is recorded: it is only read",
			edit: func(s *scope) {
				s.id, s.launchErr = "ocid1.instance.ours", errors.New("the cluster's subnet \"worker\" has no OCID yet")
			},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())), nil)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.edit != nil {
				tc.edit(s)
			}
			s.Remember(instance.Key, tc.memo)
			svctest.Run(t, "Reconcile", s, mock_instance.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_instance.MockClient) error { return instance.New(s, m).Reconcile(context.Background()) })
		})
	}
}

// launchToken runs a first Reconcile of s and returns the retry token of its launch.
func launchToken(t *testing.T, s *scope) string {
	t.Helper()
	m := mock_instance.NewMockClient(gomock.NewController(t))
	var token string
	m.EXPECT().ListInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancesResponse{}, nil)
	m.EXPECT().LaunchInstance(gomock.Any(), gomock.Any()).DoAndReturn(
		func(_ context.Context, r core.LaunchInstanceRequest) (core.LaunchInstanceResponse, error) {
			token = ptr.Deref(r.OpcRetryToken, "")
			return launched("ocid1.instance.new"), nil
		})
	if err := instance.New(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done", err)
	}
	if token == "" || len(token) > 64 {
		t.Fatalf("retry token %q: want 1 to 64 characters", token)
	}
	return token
}

func TestLaunchRetryToken(t *testing.T) {
	first := launchToken(t, newScope())
	if again := launchToken(t, newScope()); again != first {
		t.Errorf("the same nonce and launch gave the tokens %q and %q: a repeated launch must be the same request", first, again)
	}
	other := newScope()
	other.nonce = "nonce-2"
	if tok := launchToken(t, other); tok == first {
		t.Errorf("another nonce gave the same token %q: a new Machine of the same name would get the old instance", tok)
	}
	bigger := newScope()
	bigger.launch.Spec.Shape = "VM.Standard.E5.Flex"
	if tok := launchToken(t, bigger); tok == first {
		t.Errorf("another launch gave the same token %q", tok)
	}
}

func TestLaunchRepeatedAfterALostAnswerUsesTheSameToken(t *testing.T) {
	s := newScope()
	m := mock_instance.NewMockClient(gomock.NewController(t))
	var tokens []string
	m.EXPECT().ListInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancesResponse{}, nil).Times(2)
	gomock.InOrder(
		m.EXPECT().LaunchInstance(gomock.Any(), gomock.Any()).DoAndReturn(
			func(_ context.Context, r core.LaunchInstanceRequest) (core.LaunchInstanceResponse, error) {
				tokens = append(tokens, *r.OpcRetryToken)
				return core.LaunchInstanceResponse{}, context.DeadlineExceeded
			}),
		m.EXPECT().LaunchInstance(gomock.Any(), gomock.Any()).DoAndReturn(
			func(_ context.Context, r core.LaunchInstanceRequest) (core.LaunchInstanceResponse, error) {
				tokens = append(tokens, *r.OpcRetryToken)
				return launched("ocid1.instance.new"), nil
			}),
	)
	svc := instance.New(s, m)
	if err := svc.Reconcile(context.Background()); !class(async.Transient)(err) {
		t.Fatalf("first Reconcile: %v, want a transient error", err)
	}
	if s.id != "" {
		t.Fatalf("spec.instanceId %q after a lost answer", s.id)
	}
	if err := svc.Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("second Reconcile: %v, want not done", err)
	}
	if tokens[0] != tokens[1] {
		t.Errorf("tokens %q: the repeated launch must carry the same one", tokens)
	}
	if s.id != "ocid1.instance.new" {
		t.Errorf("spec.instanceId %q, want the launched instance's", s.id)
	}
}

// launchesIn expects a launch in each fault domain of fds in order ("" is unpinned), answered by answers, and
// returns the retry tokens the launches carried.
func launchesIn(m *mock_instance.MockClientMockRecorder, fds []string, answers []error) *[]string {
	tokens := &[]string{}
	calls := make([]any, 0, len(fds))
	for i, fd := range fds {
		calls = append(calls, m.LaunchInstance(gomock.Any(), gomock.Cond(func(r core.LaunchInstanceRequest) bool {
			return ptr.Deref(r.FaultDomain, "") == fd
		})).DoAndReturn(func(_ context.Context, r core.LaunchInstanceRequest) (core.LaunchInstanceResponse, error) {
			*tokens = append(*tokens, ptr.Deref(r.OpcRetryToken, ""))
			if answers[i] != nil {
				return core.LaunchInstanceResponse{}, answers[i]
			}
			return launched("ocid1.instance.in-" + strings.ToLower(fd)), nil
		}))
	}
	gomock.InOrder(calls...)
	return tokens
}

// distinct fails the test when two tokens are the same.
func distinct(t *testing.T, tokens []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, tok := range tokens {
		if tok == "" || len(tok) > 64 || seen[tok] {
			t.Errorf("tokens %q: each launch must carry a token of its own", tokens)
			return
		}
		seen[tok] = true
	}
}

func TestOutOfHostCapacityFallsBackToTheOtherFaultDomains(t *testing.T) {
	s := newScope()
	m := mock_instance.NewMockClient(gomock.NewController(t))
	m.EXPECT().ListInstances(gomock.Any(), named()).Return(core.ListInstancesResponse{}, nil).Times(3)
	tokens := launchesIn(m.EXPECT(), []string{"", "FAULT-DOMAIN-1", "FAULT-DOMAIN-2"},
		[]error{outOfCapacity(), outOfCapacity(), nil})
	if err := instance.New(s, m).Reconcile(context.Background()); !async.IsNotDone(err) {
		t.Fatalf("Reconcile: %v, want not done with the instance launched in FAULT-DOMAIN-2", err)
	}
	if s.id != "ocid1.instance.in-fault-domain-2" {
		t.Errorf("spec.instanceId %q, want the instance launched in FAULT-DOMAIN-2", s.id)
	}
	distinct(t, *tokens)
}

func TestOutOfHostCapacityEverywhere(t *testing.T) {
	s := newScope()
	m := mock_instance.NewMockClient(gomock.NewController(t))
	m.EXPECT().ListInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancesResponse{}, nil).Times(4)
	tokens := launchesIn(m.EXPECT(), append([]string{""}, fallbacks...),
		[]error{outOfCapacity(), outOfCapacity(), outOfCapacity(), outOfCapacity()})
	err := instance.New(s, m).Reconcile(context.Background())
	if !reason(infrav1.OutOfHostCapacityReason)(err) {
		t.Fatalf("Reconcile: %v, want a terminal OutOfHostCapacity error", err)
	}
	for _, want := range append([]string{testAD, "Out of host capacity"}, fallbacks...) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not name %q", err.Error(), want)
		}
	}
	distinct(t, *tokens)
	if s.id != "" {
		t.Errorf("spec.instanceId %q with no instance launched", s.id)
	}
}

func TestOutOfHostCapacityInAPinnedFaultDomainHasNoFallback(t *testing.T) {
	s := newScope()
	s.launch.FaultDomain, s.fallbacks = "FAULT-DOMAIN-2", nil
	m := mock_instance.NewMockClient(gomock.NewController(t))
	m.EXPECT().ListInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancesResponse{}, nil)
	launchesIn(m.EXPECT(), []string{"FAULT-DOMAIN-2"}, []error{outOfCapacity()})
	err := instance.New(s, m).Reconcile(context.Background())
	if !reason(infrav1.OutOfHostCapacityReason)(err) {
		t.Fatalf("Reconcile: %v, want a terminal OutOfHostCapacity error", err)
	}
	if strings.Contains(err.Error(), "also tried") || !strings.Contains(err.Error(), testAD) {
		t.Errorf("message %q: want the availability domain only", err.Error())
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(s *scope)
		expect  func(s *scope, m *mock_instance.MockClientMockRecorder)
		wantErr func(error) bool
		check   func(t *testing.T, s *scope)
	}{
		{
			name: "owned and running: terminated with the volumes kept as asked",
			edit: func(s *scope) { s.id, s.boot, s.data = "ocid1.instance.ours", ptr.To(true), ptr.To(false) },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
						Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())), nil),
					m.TerminateInstance(gomock.Any(), gomock.Cond(func(r core.TerminateInstanceRequest) bool {
						return *r.InstanceId == "ocid1.instance.ours" && r.PreserveBootVolume != nil && *r.PreserveBootVolume &&
							r.PreserveDataVolumesCreatedAtLaunch != nil && !*r.PreserveDataVolumesCreatedAtLaunch
					})).Return(core.TerminateInstanceResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "nothing said of the volumes: nothing sent",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), gomock.Any()).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())), nil)
				m.TerminateInstance(gomock.Any(), gomock.Cond(func(r core.TerminateInstanceRequest) bool {
					return r.PreserveBootVolume == nil && r.PreserveDataVolumesCreatedAtLaunch == nil
				})).Return(core.TerminateInstanceResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "STOPPED: terminated, not waited for",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				gomock.InOrder(
					m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
						Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateStopped, s.OwnedTags())), nil),
					m.TerminateInstance(gomock.Any(), gomock.Any()).Return(core.TerminateInstanceResponse{}, nil),
				)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "TERMINATING: not done, no second terminate",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateTerminating, s.OwnedTags())), nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "TERMINATED: done, and forgotten",
			edit: func(s *scope) {
				s.id = "ocid1.instance.ours"
				s.Remember(instance.Key, &async.Memo{OwnedID: s.id, Waits: 2})
			},
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.ours")).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateTerminated, s.OwnedTags())), nil)
			},
			check: func(t *testing.T, s *scope) {
				if s.memo() != (async.Memo{Deleted: true}) {
					t.Errorf("memo %+v, want the instance marked deleted", s.memo())
				}
			},
		},
		{
			name: "gone (404): done",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), gomock.Any()).Return(core.GetInstanceResponse{}, svctest.NotFound())
			},
		},
		{
			name: "not owned, given by ID: never terminated",
			edit: func(s *scope) { s.id = "ocid1.instance.byo" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), byID("ocid1.instance.byo")).
					Return(got(inst("ocid1.instance.byo", core.InstanceLifecycleStateRunning, nil)), nil)
			},
		},
		{
			name: "another cluster's, given by ID: never terminated",
			edit: func(s *scope) { s.id = "ocid1.instance.theirs" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), gomock.Any()).Return(got(inst("ocid1.instance.theirs", core.InstanceLifecycleStateRunning,
					map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "another"})), nil)
			},
		},
		{
			name: "never recorded: found by name and tags, then terminated",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.ListInstances(gomock.Any(), named()).Return(core.ListInstancesResponse{Items: []core.Instance{
					inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())}}, nil)
				m.TerminateInstance(gomock.Any(), byID("ocid1.instance.ours")).Return(core.TerminateInstanceResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "never recorded, and none of that name ours: done",
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.ListInstances(gomock.Any(), named()).Return(core.ListInstancesResponse{Items: []core.Instance{
					inst("ocid1.instance.byo", core.InstanceLifecycleStateRunning, nil)}}, nil)
			},
		},
		{
			name: "the launch cannot be resolved: the instance is still found by name",
			edit: func(s *scope) { s.launchErr = errors.New("the cluster reports no failure domains yet") },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.ListInstances(gomock.Any(), named()).Return(core.ListInstancesResponse{Items: []core.Instance{
					inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())}}, nil)
				m.TerminateInstance(gomock.Any(), byID("ocid1.instance.ours")).Return(core.TerminateInstanceResponse{}, nil)
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "the terminate answered 404: not an error",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), gomock.Any()).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())), nil)
				m.TerminateInstance(gomock.Any(), gomock.Any()).Return(core.TerminateInstanceResponse{}, svctest.NotFound())
			},
			wantErr: async.IsNotDone,
		},
		{
			name: "the terminate refused: classified",
			edit: func(s *scope) { s.id = "ocid1.instance.ours" },
			expect: func(s *scope, m *mock_instance.MockClientMockRecorder) {
				m.GetInstance(gomock.Any(), gomock.Any()).
					Return(got(inst("ocid1.instance.ours", core.InstanceLifecycleStateRunning, s.OwnedTags())), nil)
				m.TerminateInstance(gomock.Any(), gomock.Any()).Return(core.TerminateInstanceResponse{}, svctest.ServiceError(http.StatusForbidden, "NotAllowed"))
			},
			wantErr: reason(async.ReasonNotAuthorized),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			if tc.edit != nil {
				tc.edit(s)
			}
			svctest.Run(t, "Delete", s, mock_instance.NewMockClient, tc.expect, tc.wantErr, tc.check,
				func(m *mock_instance.MockClient) error { return instance.New(s, m).Delete(context.Background()) })
		})
	}
}

func TestName(t *testing.T) {
	if n := instance.New(newScope(), nil).Name(); n != "instance" {
		t.Errorf("Name %q, want instance", n)
	}
}
