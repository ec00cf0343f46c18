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

package instancepool_test

import (
	"context"
	"errors"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool/mock_instancepool"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// scope is an instancepool.Scope for tests: pool "mp" of 3, launching from "ocid1.ic.new", in one availability
// domain, with the instances of "ocid1.ic.old" out of date.
type scope struct {
	*svctest.Owner
	pool     infrav1exp.OCIMachinePoolSpec
	config   string
	policy   instancepool.Policy
	machines map[string]instancepool.Machine
	observed []instancepool.Observed
	placeErr error
}

var _ instancepool.Scope = (*scope)(nil)

func newScope() *scope {
	return &scope{Owner: svctest.NewOwner(), config: "ocid1.ic.new", policy: instancepool.Policy{Replicas: 3, MaxSurge: 1},
		machines: map[string]instancepool.Machine{}}
}

func (s *scope) PoolName() string                          { return "mp" }
func (s *scope) Pool() *infrav1exp.OCIMachinePoolSpec      { return &s.pool }
func (s *scope) ConfigurationID() string                   { return s.config }
func (s *scope) Policy() instancepool.Policy               { return s.policy }
func (s *scope) Machines() map[string]instancepool.Machine { return s.machines }
func (s *scope) UpToDate(id string) bool                   { return id != "ocid1.ic.old" }
func (s *scope) SetObserved(o instancepool.Observed)       { s.observed = append(s.observed, o) }
func (s *scope) Placements() ([]core.CreateInstancePoolPlacementConfigurationDetails, error) {
	return []core.CreateInstancePoolPlacementConfigurationDetails{{AvailabilityDomain: ptr.To("AD-1"),
		PrimarySubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}}}, s.placeErr
}

// recorded is the scope with the pool recorded and in place as of the current spec, its drift check due.
func recorded() *scope {
	s := newScope()
	s.pool.OCID = "ocid1.pool"
	s.Due = true
	return s
}

type mockClient = mock_instancepool.MockClientMockRecorder

func newMock(c *gomock.Controller) *mock_instancepool.MockClient {
	return mock_instancepool.NewMockClient(c)
}

// running is pool "ocid1.pool" RUNNING at size, launching from config, with the scope's placements and tags.
func running(s *scope, size int, config string) core.InstancePool {
	p, _ := s.Placements()
	placed := make([]core.InstancePoolPlacementConfiguration, 0, len(p))
	for _, pc := range p {
		placed = append(placed, core.InstancePoolPlacementConfiguration{AvailabilityDomain: pc.AvailabilityDomain,
			PrimarySubnetId: pc.PrimarySubnetId, FaultDomains: pc.FaultDomains})
	}
	return core.InstancePool{Id: ptr.To("ocid1.pool"), DisplayName: ptr.To("mp"), LifecycleState: core.InstancePoolLifecycleStateRunning,
		Size: ptr.To(size), InstanceConfigurationId: ptr.To(config), PlacementConfigurations: placed, FreeformTags: s.OwnedTags()}
}

// members are RUNNING instances "a", "b", ... of config.
func members(config string, ids ...string) []core.InstanceSummary {
	out := make([]core.InstanceSummary, 0, len(ids))
	for _, id := range ids {
		out = append(out, core.InstanceSummary{Id: ptr.To(id), State: ptr.To("Running"), InstanceConfigurationId: ptr.To(config)})
	}
	return out
}

func expectRead(m *mockClient, pool core.InstancePool, instances []core.InstanceSummary) {
	m.GetInstancePool(gomock.Any(), core.GetInstancePoolRequest{InstancePoolId: ptr.To("ocid1.pool")}).
		Return(core.GetInstancePoolResponse{InstancePool: pool}, nil)
	m.ListInstancePoolInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancePoolInstancesResponse{Items: instances}, nil)
}

func TestReconcile(t *testing.T) {
	notDone := async.IsNotDone
	cases := []struct {
		name    string
		scope   func() *scope
		expect  func(*scope, *mockClient)
		wantErr func(error) bool
		check   func(*testing.T, *scope)
	}{
		{name: "waits for the configuration, with no call", scope: func() *scope { s := newScope(); s.config = ""; return s },
			wantErr: notDone},
		{name: "a placement that cannot be made is terminal", scope: func() *scope { s := newScope(); s.placeErr = errors.New("spec.placementDetails[0]"); return s },
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Terminal
			}},
		{name: "creates the pool at the replicas, in the placements, with the ownership tags", scope: newScope,
			expect: func(s *scope, m *mockClient) {
				m.ListInstancePools(gomock.Any(), gomock.Any()).Return(core.ListInstancePoolsResponse{}, nil)
				p, _ := s.Placements()
				m.CreateInstancePool(gomock.Any(), gomock.Any()).DoAndReturn(func(_ any, r core.CreateInstancePoolRequest) (core.CreateInstancePoolResponse, error) {
					want := core.CreateInstancePoolDetails{CompartmentId: ptr.To(s.Compartment), DisplayName: ptr.To("mp"),
						InstanceConfigurationId: ptr.To("ocid1.ic.new"), Size: ptr.To(3), PlacementConfigurations: p, FreeformTags: s.OwnedTags()}
					svctest.CheckUpdate(t, "CreateInstancePool", want, r.CreateInstancePoolDetails, nil)
					return core.CreateInstancePoolResponse{InstancePool: running(s, 3, "ocid1.ic.new")}, nil
				})
			},
			wantErr: notDone,
			check: func(t *testing.T, s *scope) {
				if s.pool.OCID != "ocid1.pool" {
					t.Errorf("OCID %q not recorded", s.pool.OCID)
				}
			}},
		{name: "grows by its size", scope: recorded,
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 1, "ocid1.ic.new"), members("ocid1.ic.new", "a"))
				m.UpdateInstancePool(gomock.Any(), core.UpdateInstancePoolRequest{InstancePoolId: ptr.To("ocid1.pool"),
					UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: ptr.To(3)}}).Return(core.UpdateInstancePoolResponse{}, nil)
			},
			wantErr: notDone,
			check: func(t *testing.T, s *scope) {
				if len(s.observed) != 1 || len(s.observed[0].Instances) != 1 {
					t.Errorf("observed %+v", s.observed)
				}
			}},
		{name: "points the pool at a new configuration", scope: recorded,
			expect: func(s *scope, m *mockClient) {
				m.GetInstancePool(gomock.Any(), gomock.Any()).Return(core.GetInstancePoolResponse{InstancePool: running(s, 3, "ocid1.ic.old")}, nil)
				m.UpdateInstancePool(gomock.Any(), core.UpdateInstancePoolRequest{InstancePoolId: ptr.To("ocid1.pool"),
					UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{InstanceConfigurationId: ptr.To("ocid1.ic.new")}}).
					Return(core.UpdateInstancePoolResponse{}, nil)
				m.ListInstancePoolInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancePoolInstancesResponse{Items: members("ocid1.ic.old", "a", "b", "c")}, nil)
			},
			wantErr: notDone,
			check: func(t *testing.T, s *scope) {
				if o := s.observed[0]; len(o.Plan.Remove) != 0 {
					t.Errorf("chose %v while the pool was being updated", o.Plan.Remove)
				}
			}},
		{name: "releases a deleted machine's instance, replacing it", scope: func() *scope {
			s := recorded()
			s.machines["b"] = instancepool.Machine{Leaving: true, Release: true}
			return s
		},
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 3, "ocid1.ic.new"), members("ocid1.ic.new", "a", "b", "c"))
				m.DetachInstancePoolInstance(gomock.Any(), core.DetachInstancePoolInstanceRequest{InstancePoolId: ptr.To("ocid1.pool"),
					DetachInstancePoolInstanceDetails: core.DetachInstancePoolInstanceDetails{InstanceId: ptr.To("b"),
						IsDecrementSize: ptr.To(false), IsAutoTerminate: ptr.To(true)}}).Return(core.DetachInstancePoolInstanceResponse{}, nil)
			},
			wantErr: notDone},
		{name: "a released instance out of the pool and terminated lets its machine go", scope: func() *scope {
			s := recorded()
			s.machines["b"] = instancepool.Machine{Leaving: true, Release: true}
			s.machines["x"] = instancepool.Machine{Leaving: true, Release: true}
			return s
		},
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 3, "ocid1.ic.new"), members("ocid1.ic.new", "a", "c", "d"))
				m.GetInstance(gomock.Any(), core.GetInstanceRequest{InstanceId: ptr.To("b")}).
					Return(core.GetInstanceResponse{Instance: core.Instance{LifecycleState: core.InstanceLifecycleStateTerminated}}, nil)
				m.GetInstance(gomock.Any(), core.GetInstanceRequest{InstanceId: ptr.To("x")}).Return(core.GetInstanceResponse{}, svctest.NotFound())
			},
			check: func(t *testing.T, s *scope) {
				if got := s.observed[0].Released; len(got) != 2 || got[0] != "b" || got[1] != "x" {
					t.Errorf("released %v", got)
				}
			}},
		{name: "a released instance still running outside the pool is terminated", scope: func() *scope {
			s := recorded()
			s.machines["b"] = instancepool.Machine{Leaving: true, Release: true}
			return s
		},
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 3, "ocid1.ic.new"), members("ocid1.ic.new", "a", "c", "d"))
				m.GetInstance(gomock.Any(), gomock.Any()).Return(core.GetInstanceResponse{Instance: core.Instance{LifecycleState: core.InstanceLifecycleStateRunning}}, nil)
				m.TerminateInstance(gomock.Any(), core.TerminateInstanceRequest{InstanceId: ptr.To("b"), PreserveBootVolume: ptr.To(false)}).
					Return(core.TerminateInstanceResponse{}, nil)
			},
			wantErr: notDone},
		{name: "a scaling pool is looked at, not changed", scope: recorded,
			expect: func(s *scope, m *mockClient) {
				p := running(s, 4, "ocid1.ic.new")
				p.LifecycleState = core.InstancePoolLifecycleStateScaling
				expectRead(m, p, members("ocid1.ic.old", "a", "b", "c"))
			},
			wantErr: notDone,
			check: func(t *testing.T, s *scope) {
				if m := s.Memo(instancepool.Key); m.Waits != 0 {
					t.Errorf("a scaling pool backs off: %d waits", m.Waits)
				}
			}},
		{name: "attaches a load balancer the spec lists", scope: func() *scope {
			s := recorded()
			s.pool.LoadBalancers = []infrav1exp.InstancePoolLoadBalancer{{LoadBalancerID: "ocid1.lb", BackendSetName: "ingress", Port: 80}}
			return s
		},
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 3, "ocid1.ic.new"), members("ocid1.ic.new", "a", "b", "c"))
				m.AttachLoadBalancer(gomock.Any(), core.AttachLoadBalancerRequest{InstancePoolId: ptr.To("ocid1.pool"),
					AttachLoadBalancerDetails: core.AttachLoadBalancerDetails{LoadBalancerId: ptr.To("ocid1.lb"), BackendSetName: ptr.To("ingress"),
						Port: ptr.To(80), VnicSelection: ptr.To("PrimaryVnic")}}).Return(core.AttachLoadBalancerResponse{}, nil)
			},
			wantErr: notDone},
		{name: "detaches a load balancer the spec no longer lists", scope: recorded,
			expect: func(s *scope, m *mockClient) {
				p := running(s, 3, "ocid1.ic.new")
				p.LoadBalancers = []core.InstancePoolLoadBalancerAttachment{{LoadBalancerId: ptr.To("ocid1.lb"), BackendSetName: ptr.To("old"),
					Port: ptr.To(80), VnicSelection: ptr.To("PrimaryVnic"), LifecycleState: core.InstancePoolLoadBalancerAttachmentLifecycleStateAttached}}
				expectRead(m, p, members("ocid1.ic.new", "a", "b", "c"))
				m.DetachLoadBalancer(gomock.Any(), core.DetachLoadBalancerRequest{InstancePoolId: ptr.To("ocid1.pool"),
					DetachLoadBalancerDetails: core.DetachLoadBalancerDetails{LoadBalancerId: ptr.To("ocid1.lb"), BackendSetName: ptr.To("old")}}).
					Return(core.DetachLoadBalancerResponse{}, nil)
			},
			wantErr: notDone},
		{name: "in place: nothing to do", scope: recorded,
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 3, "ocid1.ic.new"), members("ocid1.ic.new", "a", "b", "c"))
			}},
		{name: "a failed listing of the instances is an error", scope: recorded,
			expect: func(s *scope, m *mockClient) {
				m.GetInstancePool(gomock.Any(), gomock.Any()).Return(core.GetInstancePoolResponse{InstancePool: running(s, 3, "ocid1.ic.new")}, nil)
				m.ListInstancePoolInstances(gomock.Any(), gomock.Any()).Return(core.ListInstancePoolInstancesResponse{}, svctest.Conflict())
			},
			wantErr: func(err error) bool { return err != nil && !async.IsNotDone(err) }},
		{name: "a refused detach is an error", scope: func() *scope {
			s := recorded()
			s.machines["b"] = instancepool.Machine{Leaving: true, Release: true}
			return s
		},
			expect: func(s *scope, m *mockClient) {
				expectRead(m, running(s, 3, "ocid1.ic.new"), members("ocid1.ic.new", "a", "b", "c"))
				m.DetachInstancePoolInstance(gomock.Any(), gomock.Any()).Return(core.DetachInstancePoolInstanceResponse{}, svctest.Conflict())
			},
			wantErr: func(err error) bool { return err != nil && !async.IsNotDone(err) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scope()
			svctest.Run(t, "Reconcile", s, newMock, tc.expect, tc.wantErr, tc.check,
				func(c *mock_instancepool.MockClient) error {
					return instancepool.New(s, c).Reconcile(context.Background())
				})
		})
	}
}

func TestDelete(t *testing.T) {
	terminated := func(s *scope) core.InstancePool {
		p := running(s, 3, "ocid1.ic.new")
		p.LifecycleState = core.InstancePoolLifecycleStateTerminated
		return p
	}
	cases := []struct {
		name    string
		expect  func(*scope, *mockClient)
		wantErr func(error) bool
	}{
		{name: "terminates the pool", expect: func(s *scope, m *mockClient) {
			m.GetInstancePool(gomock.Any(), gomock.Any()).Return(core.GetInstancePoolResponse{InstancePool: running(s, 3, "ocid1.ic.new")}, nil)
			m.TerminateInstancePool(gomock.Any(), core.TerminateInstancePoolRequest{InstancePoolId: ptr.To("ocid1.pool")}).
				Return(core.TerminateInstancePoolResponse{}, nil)
		}, wantErr: async.IsNotDone},
		{name: "done once it is terminated", expect: func(s *scope, m *mockClient) {
			m.GetInstancePool(gomock.Any(), gomock.Any()).Return(core.GetInstancePoolResponse{InstancePool: terminated(s)}, nil)
		}},
		{name: "done once it is gone", expect: func(_ *scope, m *mockClient) {
			m.GetInstancePool(gomock.Any(), gomock.Any()).Return(core.GetInstancePoolResponse{}, svctest.NotFound())
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := recorded()
			svctest.Run(t, "Delete", s, newMock, tc.expect, tc.wantErr, nil,
				func(c *mock_instancepool.MockClient) error {
					return instancepool.New(s, c).Delete(context.Background())
				})
		})
	}
}

// A pool created but not recorded (a crash before the patch) is found by its name and the cluster's tags, read in
// full and terminated.
func TestDeleteFindsAnUnrecordedPool(t *testing.T) {
	s := newScope()
	svctest.Run(t, "Delete", s, newMock, func(s *scope, m *mockClient) {
		m.ListInstancePools(gomock.Any(), gomock.Any()).Return(core.ListInstancePoolsResponse{Items: []core.InstancePoolSummary{
			{Id: ptr.To("ocid1.other"), DisplayName: ptr.To("mp"), LifecycleState: core.InstancePoolSummaryLifecycleStateRunning},
			{Id: ptr.To("ocid1.pool"), DisplayName: ptr.To("mp"), LifecycleState: core.InstancePoolSummaryLifecycleStateRunning, FreeformTags: s.OwnedTags()}}}, nil)
		m.GetInstancePool(gomock.Any(), core.GetInstancePoolRequest{InstancePoolId: ptr.To("ocid1.pool")}).
			Return(core.GetInstancePoolResponse{InstancePool: running(s, 3, "ocid1.ic.new")}, nil)
		m.TerminateInstancePool(gomock.Any(), core.TerminateInstancePoolRequest{InstancePoolId: ptr.To("ocid1.pool")}).
			Return(core.TerminateInstancePoolResponse{}, nil)
	}, async.IsNotDone, nil, func(c *mock_instancepool.MockClient) error {
		return instancepool.New(s, c).Delete(context.Background())
	})
}
