package ocisim

import (
	"net/http"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
)

// TestLoadBalancerThroughWorkRequests checks a load balancer created, changed and deleted through work requests.
func TestLoadBalancerThroughWorkRequests(t *testing.T) {
	f := newFixture(t, Options{LoadBalancerHost: "127.0.0.9", Delays: map[string]time.Duration{KindLoadBalancer: time.Minute}})
	tenancy := common.String(f.sim.Tenancy())
	lbc := must(f.sim.LoadBalancerClient(iad))
	created := must(lbc.CreateLoadBalancer(f.ctx, loadbalancer.CreateLoadBalancerRequest{CreateLoadBalancerDetails: loadbalancer.CreateLoadBalancerDetails{
		CompartmentId: tenancy, DisplayName: common.String("apiserver"), ShapeName: common.String("flexible"),
		SubnetIds: []string{*f.subnet.Id},
		BackendSets: map[string]loadbalancer.BackendSetDetails{"apiserver": {Policy: common.String("ROUND_ROBIN"),
			HealthChecker: &loadbalancer.HealthCheckerDetails{Protocol: common.String("TCP"), Port: common.Int(6443)}}},
		Listeners: map[string]loadbalancer.ListenerDetails{"apiserver": {DefaultBackendSetName: common.String("apiserver"),
			Port: common.Int(6443), Protocol: common.String("TCP")}}}}))
	wr := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId}))
	if wr.LifecycleState != loadbalancer.WorkRequestLifecycleStateAccepted {
		t.Fatalf("work request: %s", wr.LifecycleState)
	}
	f.sim.Advance(30 * time.Second)
	wr = must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId}))
	if wr.LifecycleState != loadbalancer.WorkRequestLifecycleStateInProgress {
		t.Fatalf("work request after half the delay: %s", wr.LifecycleState)
	}
	if lb := must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: wr.LoadBalancerId})); lb.LifecycleState != loadbalancer.LoadBalancerLifecycleStateCreating {
		t.Fatalf("load balancer during creation: %s", lb.LifecycleState)
	}
	f.sim.Advance(30 * time.Second)
	wr = must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId}))
	if wr.LifecycleState != loadbalancer.WorkRequestLifecycleStateSucceeded {
		t.Fatalf("work request after delay: %s", wr.LifecycleState)
	}
	lb := must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: wr.LoadBalancerId})).LoadBalancer
	if lb.LifecycleState != loadbalancer.LoadBalancerLifecycleStateActive || *lb.IpAddresses[0].IpAddress != "127.0.0.9" ||
		*lb.Listeners["apiserver"].Port != 6443 {
		t.Fatalf("load balancer: %+v", lb)
	}
	checkLBBackendsAndDelete(t, f, lbc, lb)
}

// checkLBBackendsAndDelete adds, retries and removes backends, renames the
// load balancer and deletes it.
func checkLBBackendsAndDelete(t *testing.T, f *fixture, lbc loadbalancer.LoadBalancerClient, lb loadbalancer.LoadBalancer) {
	t.Helper()
	tenancy := common.String(f.sim.Tenancy())
	bk := must(lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		CreateBackendDetails: loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.2"), Port: common.Int(6443)}}))
	if bk.OpcWorkRequestId == nil {
		t.Fatal("backend without work request")
	}
	// While its work request runs, the load balancer takes no other change (OCI's 409).
	_, err := lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		CreateBackendDetails: loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.9"), Port: common.Int(6443)}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	f.sim.Advance(time.Minute)
	_, err = lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		CreateBackendDetails: loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.2"), Port: common.Int(6443)}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	retried := must(lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		OpcRetryToken: common.String("backend-1"), CreateBackendDetails: loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.3"), Port: common.Int(6443)}}))
	again := must(lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		OpcRetryToken: common.String("backend-1"), CreateBackendDetails: loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.3"), Port: common.Int(6443)}}))
	if *retried.OpcWorkRequestId != *again.OpcWorkRequestId {
		t.Fatal("a retried CreateBackend started a second work request")
	}
	f.sim.Advance(time.Minute)
	must(lbc.DeleteBackend(f.ctx, loadbalancer.DeleteBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		BackendName: common.String("10.0.1.3:6443")}))
	lb = must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: lb.Id})).LoadBalancer
	if n := len(lb.BackendSets["apiserver"].Backends); n != 1 {
		t.Fatalf("want 1 backend, got %d", n)
	}
	f.sim.Advance(time.Minute)
	must(lbc.DeleteBackend(f.ctx, loadbalancer.DeleteBackendRequest{LoadBalancerId: lb.Id, BackendSetName: common.String("apiserver"),
		BackendName: common.String("10.0.1.2:6443")}))
	f.sim.Advance(time.Minute)
	must(lbc.UpdateLoadBalancer(f.ctx, loadbalancer.UpdateLoadBalancerRequest{LoadBalancerId: lb.Id,
		UpdateLoadBalancerDetails: loadbalancer.UpdateLoadBalancerDetails{DisplayName: common.String("renamed")}}))
	l := must(lbc.ListLoadBalancers(f.ctx, loadbalancer.ListLoadBalancersRequest{CompartmentId: tenancy, DisplayName: common.String("renamed")}))
	if len(l.Items) != 1 || len(l.Items[0].BackendSets["apiserver"].Backends) != 0 {
		t.Fatalf("list: %+v", l.Items)
	}
	f.sim.Advance(time.Minute)
	del := must(lbc.DeleteLoadBalancer(f.ctx, loadbalancer.DeleteLoadBalancerRequest{LoadBalancerId: lb.Id}))
	f.sim.Advance(time.Minute)
	wr := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: del.OpcWorkRequestId}))
	gone := must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: lb.Id}))
	if wr.LifecycleState != loadbalancer.WorkRequestLifecycleStateSucceeded || gone.LifecycleState != loadbalancer.LoadBalancerLifecycleStateDeleted {
		t.Fatalf("after delete: %s %s", wr.LifecycleState, gone.LifecycleState)
	}
}

// TestLoadBalancerWorkRequestFailure checks an injected work request failure.
func TestLoadBalancerWorkRequestFailure(t *testing.T) {
	f := newFixture(t, Options{Faults: map[string]Fault{"CreateLoadBalancer": {WorkRequest: "fail"}}})
	lbc := must(f.sim.LoadBalancerClient(iad))
	created := must(lbc.CreateLoadBalancer(f.ctx, loadbalancer.CreateLoadBalancerRequest{CreateLoadBalancerDetails: loadbalancer.CreateLoadBalancerDetails{
		CompartmentId: common.String(f.sim.Tenancy()), DisplayName: common.String("lb"), ShapeName: common.String("flexible"),
		SubnetIds: []string{*f.subnet.Id}}}))
	wr := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId}))
	if wr.LifecycleState != loadbalancer.WorkRequestLifecycleStateFailed || len(wr.ErrorDetails) != 1 {
		t.Fatalf("work request: %+v", wr.WorkRequest)
	}
	lb := must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: wr.LoadBalancerId}))
	if lb.LifecycleState != loadbalancer.LoadBalancerLifecycleStateFailed {
		t.Fatalf("load balancer: %s", lb.LifecycleState)
	}
}

// TestLoadBalancerListenerAndHealthCheckerUpdates checks the listener and health-checker changes, each through a
// work request.
func TestLoadBalancerListenerAndHealthCheckerUpdates(t *testing.T) {
	f := newFixture(t, Options{})
	lbc := must(f.sim.LoadBalancerClient(iad))
	created := must(lbc.CreateLoadBalancer(f.ctx, loadbalancer.CreateLoadBalancerRequest{CreateLoadBalancerDetails: loadbalancer.CreateLoadBalancerDetails{
		CompartmentId: common.String(f.sim.Tenancy()), DisplayName: common.String("apiserver"), ShapeName: common.String("flexible"),
		SubnetIds: []string{*f.subnet.Id},
		BackendSets: map[string]loadbalancer.BackendSetDetails{"apiserver": {Policy: common.String("ROUND_ROBIN"),
			HealthChecker: &loadbalancer.HealthCheckerDetails{Protocol: common.String("TCP"), Port: common.Int(6443)}}},
		Listeners: map[string]loadbalancer.ListenerDetails{"apiserver": {DefaultBackendSetName: common.String("apiserver"),
			Port: common.Int(6443), Protocol: common.String("TCP")}}}}))
	id := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId})).LoadBalancerId
	l := must(lbc.UpdateListener(f.ctx, loadbalancer.UpdateListenerRequest{LoadBalancerId: id, ListenerName: common.String("apiserver"),
		UpdateListenerDetails: loadbalancer.UpdateListenerDetails{DefaultBackendSetName: common.String("apiserver"),
			Port: common.Int(7443), Protocol: common.String("TCP")}}))
	if l.OpcWorkRequestId == nil {
		t.Fatal("listener update without a work request")
	}
	must(lbc.UpdateHealthChecker(f.ctx, loadbalancer.UpdateHealthCheckerRequest{LoadBalancerId: id, BackendSetName: common.String("apiserver"),
		UpdateHealthCheckerDetails: loadbalancer.UpdateHealthCheckerDetails{Protocol: common.String("HTTP"), Port: common.Int(7443),
			ReturnCode: common.Int(200), UrlPath: common.String("/healthz"), Retries: common.Int(3), TimeoutInMillis: common.Int(3000),
			IntervalInMillis: common.Int(10000), ResponseBodyRegex: common.String("")}}))
	lb := must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: id})).LoadBalancer
	if *lb.Listeners["apiserver"].Port != 7443 || *lb.BackendSets["apiserver"].HealthChecker.UrlPath != "/healthz" {
		t.Fatalf("after the updates: %+v %+v", lb.Listeners, lb.BackendSets["apiserver"].HealthChecker)
	}
	_, err := lbc.UpdateHealthChecker(f.ctx, loadbalancer.UpdateHealthCheckerRequest{LoadBalancerId: id, BackendSetName: common.String("none"),
		UpdateHealthCheckerDetails: loadbalancer.UpdateHealthCheckerDetails{Protocol: common.String("TCP"), Port: common.Int(1), ReturnCode: common.Int(200),
			Retries: common.Int(3), TimeoutInMillis: common.Int(3000), IntervalInMillis: common.Int(10000), ResponseBodyRegex: common.String("")}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

// TestLoadBalancerBackendsCollide checks that backend changes run as work requests under the operation's delay,
// that a second change while one runs is OCI's 409 "Invalid State Transition", that it succeeds once the first
// has finished, and that a duplicate backend is a 409 "Duplicate backend".
func TestLoadBalancerBackendsCollide(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{"loadbalancer/CreateBackend": time.Minute, "loadbalancer/DeleteBackend": time.Minute}})
	lbc := must(f.sim.LoadBalancerClient(iad))
	created := must(lbc.CreateLoadBalancer(f.ctx, loadbalancer.CreateLoadBalancerRequest{CreateLoadBalancerDetails: loadbalancer.CreateLoadBalancerDetails{
		CompartmentId: common.String(f.sim.Tenancy()), DisplayName: common.String("apiserver"), ShapeName: common.String("flexible"),
		SubnetIds:   []string{*f.subnet.Id},
		BackendSets: map[string]loadbalancer.BackendSetDetails{"apiserver": {Policy: common.String("ROUND_ROBIN")}}}}))
	id := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: created.OpcWorkRequestId})).LoadBalancerId
	set := common.String("apiserver")
	a := loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.2"), Port: common.Int(6443)}
	b := loadbalancer.CreateBackendDetails{IpAddress: common.String("10.0.1.3"), Port: common.Int(6443)}
	first := must(lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: id, BackendSetName: set, CreateBackendDetails: a}))
	f.sim.Advance(30 * time.Second)
	if w := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: first.OpcWorkRequestId})); w.LifecycleState != loadbalancer.WorkRequestLifecycleStateInProgress {
		t.Fatalf("first backend change half-way: %s", w.LifecycleState)
	}
	_, err := lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("second"), CreateBackendDetails: b})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition of LB lifeCycle state from Updating to Updating")
	_, err = lbc.DeleteBackend(f.ctx, loadbalancer.DeleteBackendRequest{LoadBalancerId: id, BackendSetName: set, BackendName: common.String("10.0.1.2:6443")})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition")
	_, err = lbc.DeleteLoadBalancer(f.ctx, loadbalancer.DeleteLoadBalancerRequest{LoadBalancerId: id})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition of LB lifeCycle state from Updating to Deleting")
	f.sim.Advance(30 * time.Second)
	second := must(lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("second"), CreateBackendDetails: b}))
	f.sim.Advance(time.Minute)
	if w := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: second.OpcWorkRequestId})); w.LifecycleState != loadbalancer.WorkRequestLifecycleStateSucceeded {
		t.Fatalf("second backend change: %s", w.LifecycleState)
	}
	_, err = lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: id, BackendSetName: set, CreateBackendDetails: a})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Duplicate backend")
	_, err = lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: id, BackendSetName: set,
		OpcRetryToken: common.String("third"), CreateBackendDetails: b})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Duplicate backend")
	lb := must(lbc.GetLoadBalancer(f.ctx, loadbalancer.GetLoadBalancerRequest{LoadBalancerId: id})).LoadBalancer
	if bs := lb.BackendSets["apiserver"].Backends; len(bs) != 2 || *bs[0].Name != "10.0.1.2:6443" || *bs[1].Name != "10.0.1.3:6443" {
		t.Fatalf("backends: %+v", bs)
	}
	_, err = lbc.DeleteBackend(f.ctx, loadbalancer.DeleteBackendRequest{LoadBalancerId: id, BackendSetName: set, BackendName: common.String("10.0.1.9:6443")})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	del := must(lbc.DeleteBackend(f.ctx, loadbalancer.DeleteBackendRequest{LoadBalancerId: id, BackendSetName: set, BackendName: common.String("10.0.1.2:6443")}))
	if w := must(lbc.GetWorkRequest(f.ctx, loadbalancer.GetWorkRequestRequest{WorkRequestId: del.OpcWorkRequestId})); w.LifecycleState == loadbalancer.WorkRequestLifecycleStateSucceeded {
		t.Fatal("the backend deletion finished before its delay")
	}
	_, err = lbc.CreateBackend(f.ctx, loadbalancer.CreateBackendRequest{LoadBalancerId: id, BackendSetName: set, CreateBackendDetails: a})
	wantMessage(t, err, http.StatusConflict, "Conflict", "Invalid State Transition")
}
