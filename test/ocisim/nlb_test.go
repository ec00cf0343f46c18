package ocisim

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
)

func createTestNLB(t *testing.T, f *fixture, c nlb.NetworkLoadBalancerClient) nlb.CreateNetworkLoadBalancerResponse {
	t.Helper()
	return must(c.CreateNetworkLoadBalancer(f.ctx, nlb.CreateNetworkLoadBalancerRequest{CreateNetworkLoadBalancerDetails: nlb.CreateNetworkLoadBalancerDetails{
		CompartmentId: common.String(f.sim.Tenancy()), DisplayName: common.String("apiserver"), SubnetId: f.subnet.Id,
		BackendSets: map[string]nlb.BackendSetDetails{"apiserver": {Policy: nlb.NetworkLoadBalancingPolicyFiveTuple,
			HealthChecker: &nlb.HealthChecker{Protocol: nlb.HealthCheckProtocolsTcp, Port: common.Int(6443)}}},
		Listeners: map[string]nlb.ListenerDetails{"apiserver": {Name: common.String("apiserver"),
			DefaultBackendSetName: common.String("apiserver"), Port: common.Int(6443), Protocol: nlb.ListenerProtocolsTcp}}}}))
}

// TestNetworkLoadBalancer checks a network load balancer through its work requests.
func TestNetworkLoadBalancer(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindNLB: time.Minute}})
	c := must(f.sim.NetworkLoadBalancerClient(iad))
	created := createTestNLB(t, f, c)
	if created.LifecycleState != nlb.LifecycleStateCreating || *created.IpAddresses[0].IpAddress != "127.0.0.1" {
		t.Fatalf("create: %+v", created.NetworkLoadBalancer)
	}
	f.sim.Advance(time.Minute)
	wr := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId}))
	if wr.Status != nlb.OperationStatusSucceeded || *wr.Resources[0].Identifier != *created.Id {
		t.Fatalf("work request: %+v", wr.WorkRequest)
	}
	id := created.Id
	must(c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: common.String("apiserver"),
		CreateBackendDetails: nlb.CreateBackendDetails{IpAddress: common.String("10.0.1.2"), Port: common.Int(6443)}}))
	// A second change while the first one's work request runs is OCI's 409.
	_, err := c.UpdateHealthChecker(f.ctx, nlb.UpdateHealthCheckerRequest{NetworkLoadBalancerId: id, BackendSetName: common.String("apiserver"),
		UpdateHealthCheckerDetails: nlb.UpdateHealthCheckerDetails{Protocol: nlb.HealthCheckProtocolsHttps, Port: common.Int(6443)}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	f.sim.Advance(time.Minute)
	hc := must(c.UpdateHealthChecker(f.ctx, nlb.UpdateHealthCheckerRequest{NetworkLoadBalancerId: id, BackendSetName: common.String("apiserver"),
		UpdateHealthCheckerDetails: nlb.UpdateHealthCheckerDetails{Protocol: nlb.HealthCheckProtocolsHttps, Port: common.Int(6443),
			UrlPath: common.String("/healthz")}}))
	got := must(c.GetNetworkLoadBalancer(f.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: id}))
	set := got.BackendSets["apiserver"]
	if got.LifecycleState != nlb.LifecycleStateUpdating || len(set.Backends) != 1 || *set.HealthChecker.UrlPath != "/healthz" {
		t.Fatalf("after changes: %s %+v", got.LifecycleState, set)
	}
	f.sim.Advance(time.Minute)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: hc.OpcWorkRequestId})); w.Status != nlb.OperationStatusSucceeded {
		t.Fatalf("health checker work request: %s", w.Status)
	}
	must(c.DeleteBackend(f.ctx, nlb.DeleteBackendRequest{NetworkLoadBalancerId: id, BackendSetName: common.String("apiserver"),
		BackendName: common.String("10.0.1.2:6443")}))
	f.sim.Advance(time.Minute)
	_, err = c.DeleteBackend(f.ctx, nlb.DeleteBackendRequest{NetworkLoadBalancerId: id, BackendSetName: common.String("apiserver"),
		BackendName: common.String("10.0.1.2:6443")})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	must(c.UpdateNetworkLoadBalancer(f.ctx, nlb.UpdateNetworkLoadBalancerRequest{NetworkLoadBalancerId: id,
		UpdateNetworkLoadBalancerDetails: nlb.UpdateNetworkLoadBalancerDetails{DisplayName: common.String("renamed")}}))
	l := must(c.ListNetworkLoadBalancers(f.ctx, nlb.ListNetworkLoadBalancersRequest{CompartmentId: common.String(f.sim.Tenancy()),
		DisplayName: common.String("renamed")}))
	if len(l.Items) != 1 || *l.Items[0].Id != *id {
		t.Fatalf("list: %+v", l.Items)
	}
	f.sim.Advance(time.Minute)
	must(c.DeleteNetworkLoadBalancer(f.ctx, nlb.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: id}))
	f.sim.Advance(time.Minute)
	if g := must(c.GetNetworkLoadBalancer(f.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: id})); g.LifecycleState != nlb.LifecycleStateDeleted {
		t.Fatalf("after delete: %s", g.LifecycleState)
	}
}

// TestNetworkLoadBalancerWorkRequestErrors checks failed and stuck work requests.
func TestNetworkLoadBalancerWorkRequestErrors(t *testing.T) {
	f := newFixture(t, Options{Faults: map[string]Fault{"CreateNetworkLoadBalancer": {WorkRequest: "fail"}}})
	c := must(f.sim.NetworkLoadBalancerClient(iad))
	created := createTestNLB(t, f, c)
	wr := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId}))
	errs := must(c.ListWorkRequestErrors(f.ctx, nlb.ListWorkRequestErrorsRequest{WorkRequestId: created.OpcWorkRequestId,
		CompartmentId: common.String(f.sim.Tenancy())}))
	if wr.Status != nlb.OperationStatusFailed || len(errs.Items) != 1 || *errs.Items[0].Code != "InternalError" {
		t.Fatalf("failed work request: %s %+v", wr.Status, errs.Items)
	}
	f.sim.SetFault("networkloadbalancer/CreateNetworkLoadBalancer", Fault{WorkRequest: "stuck"})
	stuck := createTestNLB(t, f, c)
	f.sim.Advance(time.Hour)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: stuck.OpcWorkRequestId})); w.Status != nlb.OperationStatusInProgress {
		t.Fatalf("stuck work request: %s", w.Status)
	}
}

// TestDelaysPerOperation checks that a change to an NLB takes its operation's delay, not the NLB's creation time.
func TestDelaysPerOperation(t *testing.T) {
	f := newFixture(t, Options{Delays: RealisticDelays()})
	c := must(f.sim.NetworkLoadBalancerClient(iad))
	created := createTestNLB(t, f, c)
	f.sim.Advance(time.Minute)
	bk := must(c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: created.Id, BackendSetName: common.String("apiserver"),
		CreateBackendDetails: nlb.CreateBackendDetails{IpAddress: common.String("10.0.1.2"), Port: common.Int(6443)}}))
	f.sim.Advance(10 * time.Second)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: bk.OpcWorkRequestId})); w.Status == nlb.OperationStatusSucceeded {
		t.Fatal("the backend change finished before its delay")
	}
	f.sim.Advance(5 * time.Second)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: bk.OpcWorkRequestId})); w.Status != nlb.OperationStatusSucceeded {
		t.Fatalf("the backend change after 15 s (its delay, not the NLB's 60 s): %s", w.Status)
	}
	vcn := must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(f.sim.Tenancy()), CidrBlocks: []string{"10.9.0.0/16"}}}))
	f.sim.Advance(2 * time.Second)
	if v := must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: vcn.Id})); v.LifecycleState != core.VcnLifecycleStateAvailable {
		t.Fatalf("a VCN after 2 s: %s", v.LifecycleState)
	}
}

// TestNetworkLoadBalancerListenerUpdate checks that a listener's port is changed through a work request.
func TestNetworkLoadBalancerListenerUpdate(t *testing.T) {
	f := newFixture(t, Options{})
	c := must(f.sim.NetworkLoadBalancerClient(iad))
	id := createTestNLB(t, f, c).Id
	must(c.UpdateListener(f.ctx, nlb.UpdateListenerRequest{NetworkLoadBalancerId: id, ListenerName: common.String("apiserver"),
		UpdateListenerDetails: nlb.UpdateListenerDetails{Port: common.Int(7443)}}))
	got := must(c.GetNetworkLoadBalancer(f.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: id}))
	if l := got.Listeners["apiserver"]; *l.Port != 7443 || *l.DefaultBackendSetName != "apiserver" {
		t.Fatalf("listener after the update: %+v", l)
	}
	_, err := c.UpdateListener(f.ctx, nlb.UpdateListenerRequest{NetworkLoadBalancerId: id, ListenerName: common.String("none"),
		UpdateListenerDetails: nlb.UpdateListenerDetails{Port: common.Int(7443)}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

// TestNetworkLoadBalancerBackendsCollide checks that backend changes run as work requests under the operation's
// delay, that a second change while one runs is OCI's 409 "Invalid State Transition", that it succeeds once the
// first has finished, that a duplicate backend is a 409 "Duplicate backend", and OCI's backend names.
func TestNetworkLoadBalancerBackendsCollide(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindNLB: time.Minute, "networkloadbalancer/CreateBackend": time.Minute,
		"DeleteBackend": time.Minute}})
	c := must(f.sim.NetworkLoadBalancerClient(iad))
	id := createTestNLB(t, f, c).Id
	set := common.String("apiserver")
	byIP := nlb.CreateBackendDetails{IpAddress: common.String("10.0.1.2"), Port: common.Int(6443)}
	target := "ocid1.instance.oc1.iad.worker"
	byTarget := nlb.CreateBackendDetails{TargetId: common.String(target), IpAddress: common.String("10.0.1.3"), Port: common.Int(6443)}
	_, err := c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, CreateBackendDetails: byIP})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition of NLB lifeCycle state from Creating to Updating")
	f.sim.Advance(time.Minute)
	first := must(c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, CreateBackendDetails: byIP}))
	f.sim.Advance(30 * time.Second)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: first.OpcWorkRequestId})); w.Status != nlb.OperationStatusInProgress {
		t.Fatalf("first backend change half-way: %s", w.Status)
	}
	_, err = c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("second"), CreateBackendDetails: byTarget})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition of NLB lifeCycle state from Updating to Updating")
	_, err = c.DeleteBackend(f.ctx, nlb.DeleteBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, BackendName: common.String("10.0.1.2:6443")})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition")
	_, err = c.DeleteNetworkLoadBalancer(f.ctx, nlb.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: id})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition of NLB lifeCycle state from Updating to Deleting")
	f.sim.Advance(30 * time.Second)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: first.OpcWorkRequestId})); w.Status != nlb.OperationStatusSucceeded {
		t.Fatalf("first backend change after its delay: %s", w.Status)
	}
	second := must(c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("second"), CreateBackendDetails: byTarget}))
	f.sim.Advance(time.Minute)
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: second.OpcWorkRequestId})); w.Status != nlb.OperationStatusSucceeded {
		t.Fatalf("second backend change: %s", w.Status)
	}
	// The same token and body replay the accepted answer; a duplicate under another token, or none, is refused.
	replayed := must(c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("second"), CreateBackendDetails: byTarget}))
	if *replayed.OpcWorkRequestId != *second.OpcWorkRequestId {
		t.Fatal("a retried CreateBackend started another work request")
	}
	_, err = c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, CreateBackendDetails: byIP})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Duplicate backend")
	_, err = c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("third"), CreateBackendDetails: nlb.CreateBackendDetails{TargetId: common.String(target),
			Port: common.Int(6443), Name: common.String("renamed")}})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Duplicate backend")
	got := must(c.GetNetworkLoadBalancer(f.ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: id}))
	var names []string
	for _, b := range got.BackendSets["apiserver"].Backends {
		names = append(names, *b.Name)
	}
	if want := []string{"10.0.1.2:6443", target + ":6443"}; fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("backend names %v, want %v", names, want)
	}
	_, err = c.DeleteBackend(f.ctx, nlb.DeleteBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, BackendName: common.String("10.0.1.9:6443")})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	del := must(c.DeleteBackend(f.ctx, nlb.DeleteBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, BackendName: common.String(target + ":6443")}))
	if w := must(c.GetWorkRequest(f.ctx, nlb.GetWorkRequestRequest{WorkRequestId: del.OpcWorkRequestId})); w.Status == nlb.OperationStatusSucceeded {
		t.Fatal("the backend deletion finished before its delay")
	}
	_, err = c.CreateBackend(f.ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: id, BackendSetName: set, CreateBackendDetails: byTarget})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition")
}
