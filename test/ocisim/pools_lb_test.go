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

package ocisim

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"github.com/oracle/oci-go-sdk/v65/workrequests"
)

// workersSet and workersPort are the backend set pools attach to in these tests and the port of its backends.
const (
	workersSet  = "workers"
	workersPort = 30000
)

// poolLB holds the clients and the instance configuration of the pool and load balancer tests.
type poolLB struct {
	*fixture
	t    *testing.T
	cm   core.ComputeManagementClient
	lbc  loadbalancer.LoadBalancerClient
	nlbc nlb.NetworkLoadBalancerClient
	cfg  *string
}

// newPoolLB starts an emulator whose instances and pools take a minute to get RUNNING, with an instance
// configuration for VM.Standard2.1.
func newPoolLB(t *testing.T, opts Options) *poolLB {
	t.Helper()
	opts.Delays = map[string]time.Duration{KindInstance: time.Minute, KindInstancePool: time.Minute}
	p := &poolLB{fixture: newFixture(t, opts), t: t}
	p.cm = must(p.sim.ComputeManagementClient(iad))
	p.lbc = must(p.sim.LoadBalancerClient(iad))
	p.nlbc = must(p.sim.NetworkLoadBalancerClient(iad))
	p.cfg = must(p.cm.CreateInstanceConfiguration(p.ctx, core.CreateInstanceConfigurationRequest{
		CreateInstanceConfiguration: core.CreateInstanceConfigurationDetails{CompartmentId: common.String(p.sim.Tenancy()),
			InstanceDetails: core.ComputeInstanceDetails{LaunchDetails: &core.InstanceConfigurationLaunchInstanceDetails{
				Shape:         common.String("VM.Standard2.1"),
				SourceDetails: core.InstanceConfigurationInstanceSourceViaImageDetails{ImageId: common.String(p.sim.Images(iad)[0].ID)}}}}})).Id
	return p
}

// createLB creates a load balancer with the workers backend set and returns its OCID.
func (p *poolLB) createLB() *string {
	created := must(p.lbc.CreateLoadBalancer(p.ctx, loadbalancer.CreateLoadBalancerRequest{CreateLoadBalancerDetails: loadbalancer.CreateLoadBalancerDetails{
		CompartmentId: common.String(p.sim.Tenancy()), DisplayName: common.String("ingress"), ShapeName: common.String("flexible"),
		SubnetIds: []string{*p.subnet.Id}, BackendSets: map[string]loadbalancer.BackendSetDetails{workersSet: {Policy: common.String("ROUND_ROBIN"),
			HealthChecker: &loadbalancer.HealthCheckerDetails{Protocol: common.String("TCP"), Port: common.Int(workersPort)}}}}}))
	return must(p.lbc.GetWorkRequest(p.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId})).LoadBalancerId
}

// createNLB creates a network load balancer with the workers backend set and returns its OCID.
func (p *poolLB) createNLB() *string {
	return must(p.nlbc.CreateNetworkLoadBalancer(p.ctx, nlb.CreateNetworkLoadBalancerRequest{CreateNetworkLoadBalancerDetails: nlb.CreateNetworkLoadBalancerDetails{
		CompartmentId: common.String(p.sim.Tenancy()), DisplayName: common.String("ingress"), SubnetId: p.subnet.Id,
		BackendSets: map[string]nlb.BackendSetDetails{workersSet: {Policy: nlb.NetworkLoadBalancingPolicyFiveTuple,
			HealthChecker: &nlb.HealthChecker{Protocol: nlb.HealthCheckProtocolsTcp, Port: common.Int(workersPort)}}}}})).Id
}

// attachment is the workers backend set of a load balancer, as pools attach to it.
func attachment(lbID *string) core.AttachLoadBalancerDetails {
	return core.AttachLoadBalancerDetails{LoadBalancerId: lbID, BackendSetName: common.String(workersSet),
		Port: common.Int(workersPort), VnicSelection: common.String("PrimaryVnic")}
}

// createPool creates a pool of size instances attached to the backend sets of lbs.
func (p *poolLB) createPool(size int, lbs ...*string) core.InstancePool {
	p.t.Helper()
	d := core.CreateInstancePoolDetails{CompartmentId: common.String(p.sim.Tenancy()), InstanceConfigurationId: p.cfg,
		Size: common.Int(size), DisplayName: common.String("mp"),
		PlacementConfigurations: []core.CreateInstancePoolPlacementConfigurationDetails{{
			AvailabilityDomain: common.String(p.sim.ADNames(iad)[0]), PrimarySubnetId: p.subnet.Id}}}
	for _, id := range lbs {
		d.LoadBalancers = append(d.LoadBalancers, attachment(id))
	}
	return must(p.cm.CreateInstancePool(p.ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: d})).InstancePool
}

// members returns the OCIDs of a pool's instances, sorted.
func (p *poolLB) members(poolID *string) []string {
	l := must(p.cm.ListInstancePoolInstances(p.ctx, core.ListInstancePoolInstancesRequest{
		CompartmentId: common.String(p.sim.Tenancy()), InstancePoolId: poolID}))
	ids := make([]string, 0, len(l.Items))
	for _, in := range l.Items {
		ids = append(ids, *in.Id)
	}
	sort.Strings(ids)
	return ids
}

// ipOf returns the private IP of an instance's primary VNIC.
func (p *poolLB) ipOf(instanceID string) string {
	atts := must(p.comp.ListVnicAttachments(p.ctx, core.ListVnicAttachmentsRequest{
		CompartmentId: common.String(p.sim.Tenancy()), InstanceId: &instanceID}))
	return *must(p.vn.GetVnic(p.ctx, core.GetVnicRequest{VnicId: atts.Items[0].VnicId})).PrivateIp
}

// wantLBBackends fails the test unless the workers backend set of a load balancer holds exactly the backends
// "<ip>:30000" of the instances plus the extra names.
func (p *poolLB) wantLBBackends(lbID *string, instances []string, extra ...string) {
	p.t.Helper()
	want := slices.Clone(extra)
	for _, id := range instances {
		want = append(want, fmt.Sprintf("%s:%d", p.ipOf(id), workersPort))
	}
	lb := must(p.lbc.GetLoadBalancer(p.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: lbID}))
	var got []string
	for _, b := range lb.BackendSets[workersSet].Backends {
		got = append(got, *b.Name)
		if *b.Name != fmt.Sprintf("%s:%d", *b.IpAddress, *b.Port) {
			p.t.Fatalf("backend %s has address %s:%d", *b.Name, *b.IpAddress, *b.Port)
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if !slices.Equal(got, want) {
		p.t.Fatalf("backends %v, want %v", got, want)
	}
}

// detach detaches an instance from a pool.
func (p *poolLB) detach(poolID *string, instanceID string, decrement, terminate bool) (core.DetachInstancePoolInstanceResponse, error) {
	return p.cm.DetachInstancePoolInstance(p.ctx, core.DetachInstancePoolInstanceRequest{InstancePoolId: poolID,
		DetachInstancePoolInstanceDetails: core.DetachInstancePoolInstanceDetails{InstanceId: &instanceID,
			IsDecrementSize: &decrement, IsAutoTerminate: &terminate}})
}

// pool returns a pool as GetInstancePool shows it.
func (p *poolLB) pool(id *string) core.InstancePool {
	return must(p.cm.GetInstancePool(p.ctx, core.GetInstancePoolRequest{InstancePoolId: id})).InstancePool
}

// instanceState returns an instance's lifecycle state.
func (p *poolLB) instanceState(id string) core.InstanceLifecycleStateEnum {
	return must(p.comp.GetInstance(p.ctx, core.GetInstanceRequest{InstanceId: &id})).LifecycleState
}

// TestInstancePoolLBBackendsFollowInstances checks that a pool attached to a load balancer at creation keeps one
// backend per RUNNING instance as it scales out and in and is terminated.
func TestInstancePoolLBBackendsFollowInstances(t *testing.T) {
	p := newPoolLB(t, Options{})
	lbID := p.createLB()
	pool := p.createPool(2, lbID)
	if len(pool.LoadBalancers) != 1 || pool.LoadBalancers[0].LifecycleState != core.InstancePoolLoadBalancerAttachmentLifecycleStateAttached ||
		*pool.LoadBalancers[0].Port != workersPort || *pool.LoadBalancers[0].LoadBalancerId != *lbID {
		t.Fatalf("pool attachments: %+v", pool.LoadBalancers)
	}
	p.wantLBBackends(lbID, nil) // the instances are still provisioning
	p.sim.Advance(time.Minute)
	// Reading the load balancer first, before any pool operation, shows the instances that got RUNNING.
	lb := must(p.lbc.GetLoadBalancer(p.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: lbID}))
	if n := len(lb.BackendSets[workersSet].Backends); n != 2 {
		t.Fatalf("want 2 backends once the instances run, got %d", n)
	}
	first := p.members(pool.Id)
	p.wantLBBackends(lbID, first)
	must(p.cm.UpdateInstancePool(p.ctx, core.UpdateInstancePoolRequest{InstancePoolId: pool.Id,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: common.Int(3)}}))
	p.wantLBBackends(lbID, first)
	p.sim.Advance(time.Minute)
	three := p.members(pool.Id)
	if len(three) != 3 {
		t.Fatalf("want 3 pool instances, got %d", len(three))
	}
	p.wantLBBackends(lbID, three)
	must(p.cm.UpdateInstancePool(p.ctx, core.UpdateInstancePoolRequest{InstancePoolId: pool.Id,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: common.Int(1)}}))
	p.wantLBBackends(lbID, p.members(pool.Id))
	must(p.cm.TerminateInstancePool(p.ctx, core.TerminateInstancePoolRequest{InstancePoolId: pool.Id}))
	p.wantLBBackends(lbID, nil)
}

// TestDetachInstancePoolInstance checks detaching with and without decrementing the size and terminating, the
// work request, and the 409 and 404 answers.
func TestDetachInstancePoolInstance(t *testing.T) {
	p := newPoolLB(t, Options{})
	lbID := p.createLB()
	pool := p.createPool(3, lbID)
	p.sim.Advance(time.Minute)
	members := p.members(pool.Id)
	gone := members[0]
	resp := must(p.detach(pool.Id, gone, true, true))
	if resp.RawResponse.StatusCode != http.StatusAccepted || resp.OpcWorkRequestId == nil {
		t.Fatalf("detach: %d, work request %v", resp.RawResponse.StatusCode, resp.OpcWorkRequestId)
	}
	if got := p.pool(pool.Id); *got.Size != 2 || got.LifecycleState != core.InstancePoolLifecycleStateScaling {
		t.Fatalf("pool after a decrementing detach: size %d, %s", *got.Size, got.LifecycleState)
	}
	if got := p.members(pool.Id); !slices.Equal(got, members[1:]) || len(p.sim.Live(KindInstance)) != 2 {
		t.Fatalf("members %v (want %v), %d live instances: a replacement was launched", got, members[1:], len(p.sim.Live(KindInstance)))
	}
	if st := p.instanceState(gone); st != core.InstanceLifecycleStateTerminating {
		t.Fatalf("auto-terminated instance: %s", st)
	}
	p.wantLBBackends(lbID, members[1:])
	_, err := p.detach(pool.Id, gone, true, true)
	wantCode(t, err, http.StatusConflict, "Conflict")
	p.checkDetachWorkRequest(pool.Id, workrequests.WorkRequestSummaryStatusAccepted)
	p.sim.Advance(time.Minute)
	p.checkDetachWorkRequest(pool.Id, workrequests.WorkRequestSummaryStatusSucceeded)
	if got := p.pool(pool.Id); got.LifecycleState != core.InstancePoolLifecycleStateRunning {
		t.Fatalf("pool after the detach: %s", got.LifecycleState)
	}
	_, err = p.detach(pool.Id, gone, true, true)
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	p.checkDetachKeepingSize(lbID, pool.Id, members[1], members[2])
}

// checkDetachKeepingSize detaches kept from a pool without decrementing its size or terminating it: a
// replacement launches and becomes a backend once RUNNING while kept runs on outside the pool.
func (p *poolLB) checkDetachKeepingSize(lbID, poolID *string, kept, other string) {
	p.t.Helper()
	must(p.detach(poolID, kept, false, false))
	if got := p.pool(poolID); *got.Size != 2 {
		p.t.Fatalf("pool size after a detach without decrement: %d", *got.Size)
	}
	members := p.members(poolID)
	if len(members) != 2 || slices.Contains(members, kept) || !slices.Contains(members, other) {
		p.t.Fatalf("members after a detach without decrement: %v", members)
	}
	replacement := members[0]
	if replacement == other {
		replacement = members[1]
	}
	if st := p.instanceState(kept); st != core.InstanceLifecycleStateRunning {
		p.t.Fatalf("detached instance: %s, want RUNNING", st)
	}
	p.wantLBBackends(lbID, []string{other}) // the replacement is still provisioning
	p.sim.Advance(time.Minute)
	p.wantLBBackends(lbID, []string{other, replacement})
	_, err := p.detach(poolID, kept, true, true)
	wantCode(p.t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	if st := p.instanceState(kept); st != core.InstanceLifecycleStateRunning {
		p.t.Fatalf("instance outside the pool after a refused detach: %s", st)
	}
}

// checkDetachWorkRequest fails the test unless a pool has one DetachInstancePoolInstance work request, in status.
func (p *poolLB) checkDetachWorkRequest(poolID *string, status workrequests.WorkRequestSummaryStatusEnum) {
	p.t.Helper()
	wc := must(p.sim.WorkRequestClient(iad))
	l := must(wc.ListWorkRequests(p.ctx, workrequests.ListWorkRequestsRequest{CompartmentId: common.String(p.sim.Tenancy()),
		ResourceId: poolID}))
	if len(l.Items) != 1 || *l.Items[0].OperationType != "DetachInstancePoolInstance" || l.Items[0].Status != status {
		p.t.Fatalf("work requests of the pool: %+v, want one DetachInstancePoolInstance %s", l.Items, status)
	}
}

// TestInstancePoolAttachDetachLoadBalancer checks AttachLoadBalancer and DetachLoadBalancer on a running pool,
// their refusals, and that backends others added stay.
func TestInstancePoolAttachDetachLoadBalancer(t *testing.T) {
	p := newPoolLB(t, Options{})
	lbID := p.createLB()
	pool := p.createPool(2)
	p.sim.Advance(time.Minute)
	p.wantLBBackends(lbID, nil)
	attached := must(p.cm.AttachLoadBalancer(p.ctx, core.AttachLoadBalancerRequest{InstancePoolId: pool.Id,
		AttachLoadBalancerDetails: attachment(lbID)}))
	if len(attached.LoadBalancers) != 1 || attached.LoadBalancers[0].LifecycleState != core.InstancePoolLoadBalancerAttachmentLifecycleStateAttached ||
		*attached.LoadBalancers[0].BackendSetName != workersSet || *attached.LoadBalancers[0].VnicSelection != "PrimaryVnic" {
		t.Fatalf("attachments after AttachLoadBalancer: %+v", attached.LoadBalancers)
	}
	p.wantLBBackends(lbID, p.members(pool.Id))
	must(p.lbc.CreateBackend(p.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: lbID, BackendSetName: common.String(workersSet),
		CreateBackendDetails: loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.250"), Port: common.Int(80)}}))
	p.checkAttachRefusals(pool.Id, lbID)
	detached := must(p.cm.DetachLoadBalancer(p.ctx, core.DetachLoadBalancerRequest{InstancePoolId: pool.Id,
		DetachLoadBalancerDetails: core.DetachLoadBalancerDetails{LoadBalancerId: lbID, BackendSetName: common.String(workersSet)}}))
	if len(detached.LoadBalancers) != 0 || len(p.pool(pool.Id).LoadBalancers) != 0 {
		t.Fatalf("attachments after DetachLoadBalancer: %+v", detached.LoadBalancers)
	}
	p.wantLBBackends(lbID, nil, "10.0.1.250:80")
	_, err := p.cm.DetachLoadBalancer(p.ctx, core.DetachLoadBalancerRequest{InstancePoolId: pool.Id,
		DetachLoadBalancerDetails: core.DetachLoadBalancerDetails{LoadBalancerId: lbID, BackendSetName: common.String(workersSet)}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	// Scaling a detached pool leaves the backend set alone.
	must(p.cm.UpdateInstancePool(p.ctx, core.UpdateInstancePoolRequest{InstancePoolId: pool.Id,
		UpdateInstancePoolDetails: core.UpdateInstancePoolDetails{Size: common.Int(3)}}))
	p.sim.Advance(time.Minute)
	p.wantLBBackends(lbID, nil, "10.0.1.250:80")
}

// checkAttachRefusals checks that a second attachment to the same backend set, an unknown backend set or load
// balancer and a secondary VNIC are refused.
func (p *poolLB) checkAttachRefusals(poolID, lbID *string) {
	p.t.Helper()
	attach := func(d core.AttachLoadBalancerDetails) error {
		_, err := p.cm.AttachLoadBalancer(p.ctx, core.AttachLoadBalancerRequest{InstancePoolId: poolID, AttachLoadBalancerDetails: d})
		return err
	}
	wantCode(p.t, attach(attachment(lbID)), http.StatusConflict, "Conflict")
	unknownSet := attachment(lbID)
	unknownSet.BackendSetName = common.String("nope")
	wantCode(p.t, attach(unknownSet), http.StatusBadRequest, "InvalidParameter")
	secondary := attachment(lbID)
	secondary.VnicSelection = common.String("storage")
	wantCode(p.t, attach(secondary), http.StatusBadRequest, "InvalidParameter")
	unknownLB := attachment(common.String(newOCID("loadbalancer", iad)))
	wantCode(p.t, attach(unknownLB), http.StatusNotFound, "NotAuthorizedOrNotFound")
	if n := len(p.pool(poolID).LoadBalancers); n != 1 {
		p.t.Fatalf("refused attachments changed the pool: %d attachments", n)
	}
}

// TestInstancePoolNLBBackends checks a pool attached to a network load balancer: backends given by target, the
// instance, with its private IP.
func TestInstancePoolNLBBackends(t *testing.T) {
	p := newPoolLB(t, Options{})
	nlbID := p.createNLB()
	pool := p.createPool(2, nlbID)
	p.sim.Advance(time.Minute)
	// Reading the network load balancer first, before any pool operation, shows the instances that got RUNNING.
	n := must(p.nlbc.GetNetworkLoadBalancer(p.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: nlbID}))
	if got := len(n.BackendSets[workersSet].Backends); got != 2 {
		t.Fatalf("want 2 backends once the instances run, got %d", got)
	}
	p.wantNLBBackends(nlbID, p.members(pool.Id))
	must(p.detach(pool.Id, p.members(pool.Id)[0], true, true))
	p.wantNLBBackends(nlbID, p.members(pool.Id))
	must(p.cm.DetachLoadBalancer(p.ctx, core.DetachLoadBalancerRequest{InstancePoolId: pool.Id,
		DetachLoadBalancerDetails: core.DetachLoadBalancerDetails{LoadBalancerId: nlbID, BackendSetName: common.String(workersSet)}}))
	p.wantNLBBackends(nlbID, nil)
}

// wantNLBBackends fails the test unless the workers backend set of a network load balancer holds exactly one
// backend per instance: "<instance OCID>:30000", with the instance as target and its private IP.
func (p *poolLB) wantNLBBackends(nlbID *string, instances []string) {
	p.t.Helper()
	n := must(p.nlbc.GetNetworkLoadBalancer(p.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: nlbID}))
	backends := n.BackendSets[workersSet].Backends
	if len(backends) != len(instances) {
		p.t.Fatalf("want %d backends, got %+v", len(instances), backends)
	}
	for _, id := range instances {
		i := slices.IndexFunc(backends, func(b nlb.Backend) bool { return b.TargetId != nil && *b.TargetId == id })
		if i < 0 {
			p.t.Fatalf("no backend for instance %s in %+v", id, backends)
		}
		b := backends[i]
		if *b.Name != fmt.Sprintf("%s:%d", id, workersPort) || *b.Port != workersPort || *b.IpAddress != p.ipOf(id) {
			p.t.Fatalf("backend of %s: %+v", id, b)
		}
	}
}

// TestDetachInstancePoolInstanceWithoutRoom checks that a detach whose replacement cannot be placed is refused
// and changes nothing.
func TestDetachInstancePoolInstanceWithoutRoom(t *testing.T) {
	p := newPoolLB(t, Options{FDs: 1, Capacity: map[string]int{"VM.Standard2.1": 2}})
	lbID := p.createLB()
	pool := p.createPool(2, lbID)
	p.sim.Advance(time.Minute)
	members := p.members(pool.Id)
	_, err := p.detach(pool.Id, members[0], false, false)
	wantMessage(t, err, http.StatusInternalServerError, "InternalError", "Out of host capacity")
	if got := p.members(pool.Id); !slices.Equal(got, members) || *p.pool(pool.Id).Size != 2 || len(p.sim.Live(KindInstance)) != 2 {
		t.Fatalf("a refused detach changed the pool: members %v, want %v", got, members)
	}
	p.wantLBBackends(lbID, members)
	_, err = p.detach(pool.Id, members[0], true, false)
	if err != nil {
		t.Fatalf("detach with decrement after a refused one: %v", err)
	}
	p.wantLBBackends(lbID, members[1:])
}
