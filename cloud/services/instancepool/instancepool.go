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

// Package instancepool keeps the OCI instance pool of an OCIMachinePool: created from the pool's current instance
// configuration and placed over the cluster's availability domains, pointed at each new configuration, attached to
// the load balancers the spec lists, and sized by a Plan. The plan reads the pool's instances and what Kubernetes
// says of each (its Machine's Node ready, its Machine marked or deleted): the pool grows by its size, and shrinks
// only by detaching chosen instances, so that OCI never chooses which instance goes.
package instancepool

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

//go:generate ${MOCKGEN} -destination=mock_instancepool/client_mock.go -package=mock_instancepool github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool Client

// Key is the instance pool's key in the OCIMachinePool's status.resources.
const Key = "instancepool"

// ProviderIDPrefix prefixes an instance's OCID in its provider ID.
const ProviderIDPrefix = "oci://"

// Scope is what the service needs of an OCIMachinePool.
type Scope interface {
	svc.Owner
	// PoolName is the pool's display name: the OCIMachinePool's name.
	PoolName() string
	// Pool is the OCIMachinePool's spec; the service records the pool's OCID in its OCID field.
	Pool() *infrav1exp.OCIMachinePoolSpec
	// ConfigurationID is the instance configuration new instances launch from; "" while there is none.
	ConfigurationID() string
	// Placements are the pool's placements (see Placements); an error names the field.
	Placements() ([]core.CreateInstancePoolPlacementConfigurationDetails, error)
	// Policy is the pool's size and replacement policy.
	Policy() Policy
	// Machines is what Kubernetes says of the pool's instances, by instance OCID; an instance it does not list has
	// no machine yet.
	Machines() map[string]Machine
	// UpToDate reports whether an instance launched from the configuration is up to date.
	UpToDate(configID string) bool
	// SetObserved is called with what a Reconcile read and decided, whenever it read the pool.
	SetObserved(o Observed)
}

// Observed is what one Reconcile read of the pool and decided.
type Observed struct {
	// Pool is the pool as read.
	Pool *core.InstancePool
	// Instances are the pool's instances that OCI is not terminating.
	Instances []core.InstanceSummary
	// Plan is the look's plan; its Remove is empty unless the pool was RUNNING.
	Plan Plan
	// Released are instances of machines being released that have left the pool and are terminated (or gone):
	// their OCIMachinePoolMachines may go.
	Released []string
}

// Service keeps an OCIMachinePool's instance pool.
type Service struct{ svc.Service[Scope, Client] }

var _ async.ServiceReconciler = (*Service)(nil)

// New returns the instance pool service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService(Key, scope, client)}
}

type adapter = svc.Adapter[core.InstancePool, core.CreateInstancePoolDetails, core.UpdateInstancePoolDetails]

func (s *Service) engine() (*adapter, *async.Engine[core.InstancePool]) {
	a := svc.NewAdapter(kind(s.Client, s.Scope.CompartmentID()), s.Scope.ResourceIdentifier())
	pool := s.Scope.Pool()
	return a, svc.NewEngine(s.Scope, a, func(_, id string) { pool.OCID = id })
}

// Reconcile has the pool exist with the current configuration and placements. Whenever it reads the pool (its
// spec changed, or the drift check is due, as it is at every look while the pool settles) it lists the pool's
// instances, plans, and, while the pool is RUNNING, carries out the plan's detaches, then its growth, then one
// load-balancer attachment change, each look doing one kind of change. A change made is "not done".
func (s *Service) Reconcile(ctx context.Context) error {
	if s.Scope.ConfigurationID() == "" {
		return svc.Waiting(Key, "the instance configuration")
	}
	pol := s.Scope.Policy()
	spec, err := NewSpec(s.Scope, pol.Replicas)
	if err != nil {
		return &async.Error{Class: async.Terminal, Reason: infrav1.ReconcileFailedReason, Message: err.Error(), Err: err}
	}
	a, e := s.engine()
	err = e.Reconcile(ctx, spec)
	ip := a.Seen()
	if ip == nil || phase(string(ip.LifecycleState)) == async.Gone || (err != nil && !async.IsNotDone(err)) {
		return err
	}
	if err != nil && ip.LifecycleState == core.InstancePoolLifecycleStateScaling {
		// A pool scales for seconds after each change of its size or members: its looks do not back off, so that a
		// rolling replacement's steps follow each other.
		rec := s.Scope.Recorder(nil)
		m := rec.Memo(Key)
		m.Waits = 0
		rec.SetMemo(Key, m)
		err = notDone("scaling")
	}
	id := ptr.Deref(ip.Id, "")
	all, lerr := listInstances(ctx, s.Client, s.Scope.CompartmentID(), id)
	if lerr != nil {
		if async.IsNotFound(lerr) {
			return err
		}
		return async.Classify(fmt.Sprintf("listing the instances of instance pool %s", id), lerr)
	}
	obs := Observed{Pool: ip, Instances: live(all)}
	obs.Plan = NewPlan(pol, ptr.Deref(ip.Size, 0), s.members(obs.Instances))
	running := err == nil && ip.LifecycleState == core.InstancePoolLifecycleStateRunning
	if !running {
		obs.Plan.Remove = nil
	}
	var rerr error
	obs.Released, rerr = s.released(ctx, obs.Instances)
	if running {
		err = s.act(ctx, ip, spec, obs.Plan)
	}
	s.Scope.SetObserved(obs)
	return cmp.Or(err, rerr)
}

// members are the instances as a plan sees them.
func (s *Service) members(instances []core.InstanceSummary) []Member {
	machines := s.Scope.Machines()
	out := make([]Member, 0, len(instances))
	for _, in := range instances {
		id := ptr.Deref(in.Id, "")
		m := Member{Machine: machines[id], ID: id, Outdated: !s.Scope.UpToDate(ptr.Deref(in.InstanceConfigurationId, ""))}
		if in.TimeCreated != nil {
			m.Created = in.TimeCreated.Time
		}
		out = append(out, m)
	}
	return out
}

// live are the instances OCI is not terminating.
func live(all []core.InstanceSummary) []core.InstanceSummary {
	out := make([]core.InstanceSummary, 0, len(all))
	for _, in := range all {
		if st := instanceState(in.State); st == core.InstanceLifecycleStateTerminating || st == core.InstanceLifecycleStateTerminated {
			continue
		}
		out = append(out, in)
	}
	return out
}

// instanceState reads an instance summary's state, which pools spell "Running" rather than "RUNNING".
func instanceState(s *string) core.InstanceLifecycleStateEnum {
	st, _ := core.GetMappingInstanceLifecycleStateEnum(ptr.Deref(s, ""))
	return st
}

// notDone is the "not done" of a change just made to the pool.
func notDone(what string) error {
	return &async.NotDoneError{Key: Key, What: what, RequeueAfter: async.QuickBackoff(0)}
}

// act carries out a plan on a RUNNING pool: every detach (one instance after another), else the growth, else one
// load-balancer attachment change.
func (s *Service) act(ctx context.Context, ip *core.InstancePool, spec *Spec, plan Plan) error {
	id := ptr.Deref(ip.Id, "")
	if len(plan.Detach) > 0 {
		for _, d := range plan.Detach {
			_, err := s.Client.DetachInstancePoolInstance(clients.WithOperation(ctx, "DetachInstancePoolInstance"),
				core.DetachInstancePoolInstanceRequest{InstancePoolId: &id, DetachInstancePoolInstanceDetails: core.DetachInstancePoolInstanceDetails{
					InstanceId: ptr.To(d.ID), IsDecrementSize: ptr.To(d.Decrement), IsAutoTerminate: ptr.To(true)}})
			if err != nil && !async.IsNotFound(err) {
				return async.Classify(fmt.Sprintf("detaching instance %s from instance pool %s", d.ID, id), err)
			}
		}
		return notDone("releasing instances")
	}
	if plan.Size != nil {
		_, err := s.Client.UpdateInstancePool(clients.WithOperation(ctx, "UpdateInstancePool"), core.UpdateInstancePoolRequest{
			InstancePoolId: &id, UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: plan.Size}})
		if err != nil {
			return async.Classify(fmt.Sprintf("resizing instance pool %s to %d", id, *plan.Size), err)
		}
		return notDone(fmt.Sprintf("growing to %d instances", *plan.Size))
	}
	return s.attachments(ctx, ip, spec.lbs)
}

// released returns the instances of machines being released that are out of the pool and terminated or gone.
// One out of the pool and still running (detached by hand, without termination) is terminated.
func (s *Service) released(ctx context.Context, inPool []core.InstanceSummary) ([]string, error) {
	var out []string
	var errs svc.Outcome
	ids := make([]string, 0, len(inPool))
	for _, in := range inPool {
		ids = append(ids, ptr.Deref(in.Id, ""))
	}
	for id, m := range s.Scope.Machines() {
		if !m.Release || slices.Contains(ids, id) {
			continue
		}
		r, err := s.Client.GetInstance(clients.WithOperation(ctx, "GetInstance"), core.GetInstanceRequest{InstanceId: &id})
		switch {
		case async.IsNotFound(err):
			out = append(out, id)
		case err != nil:
			errs.Add(async.Classify("reading released instance "+id, err))
		case r.LifecycleState == core.InstanceLifecycleStateTerminated:
			out = append(out, id)
		case r.LifecycleState == core.InstanceLifecycleStateTerminating:
			errs.Add(&async.NotDoneError{Key: Key, What: "terminating released instances", RequeueAfter: async.QuickBackoff(0)})
		default:
			errs.Add(async.Classify("terminating released instance "+id, s.terminate(ctx, id)))
		}
	}
	slices.Sort(out)
	return out, errs.Err()
}

// terminate terminates an instance that left the pool without being terminated; its "not done" follows.
func (s *Service) terminate(ctx context.Context, id string) error {
	_, err := s.Client.TerminateInstance(clients.WithOperation(ctx, "TerminateInstance"),
		core.TerminateInstanceRequest{InstanceId: &id, PreserveBootVolume: ptr.To(false)})
	if err != nil {
		return err
	}
	return &async.NotDoneError{Key: Key, What: "terminating released instances", RequeueAfter: async.QuickBackoff(0)}
}

// Delete terminates the pool (and so its instances); it is done once the pool is TERMINATED or gone.
func (s *Service) Delete(ctx context.Context) error {
	_, e := s.engine()
	return e.Delete(ctx, deleteSpec(s.Scope))
}

// deleteSpec is the spec Delete finds the pool by: its recorded OCID, else its name and the cluster's tags.
func deleteSpec(s Scope) *Spec {
	return &Spec{Desired: svc.NewDesired(s, Key, s.Pool().OCID, s.PoolName())}
}

// ProviderIDs are the provider IDs of instances, sorted.
func ProviderIDs(instances []core.InstanceSummary) []string {
	ids := make([]string, 0, len(instances))
	for _, in := range instances {
		if in.Id != nil {
			ids = append(ids, ProviderIDPrefix+*in.Id)
		}
	}
	slices.Sort(ids)
	return ids
}

// phase maps an instance pool's lifecycle state.
func phase(state string) async.Phase {
	switch core.InstancePoolLifecycleStateEnum(state) {
	case core.InstancePoolLifecycleStateProvisioning, core.InstancePoolLifecycleStateScaling,
		core.InstancePoolLifecycleStateStarting, core.InstancePoolLifecycleStateStopping, core.InstancePoolLifecycleStateTerminating:
		return async.Transitioning
	case core.InstancePoolLifecycleStateTerminated:
		return async.Gone
	default:
		return async.Ready
	}
}
