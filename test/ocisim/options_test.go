package ocisim

import (
	"errors"
	"testing"
	"time"
)

// TestTimeScale checks that the time scale shortens delays.
func TestTimeScale(t *testing.T) {
	f := newFixture(t, Options{TimeScale: 0.5, Delays: map[string]time.Duration{KindInstance: time.Minute}})
	in := must(f.launch(t, "fast", "VM.Standard.E4.Flex"))
	f.sim.Advance(29 * time.Second)
	if got := f.sim.Live(KindInstance); got[0].LifecycleState != "PROVISIONING" || *in.Id != got[0].ID {
		t.Fatalf("before half the delay: %+v", got)
	}
	f.sim.Advance(time.Second)
	if got := f.sim.Live(KindInstance); got[0].LifecycleState != "RUNNING" {
		t.Fatalf("after half the delay: %+v", got)
	}
}

// TestEndpointAndAddressErrors checks the errors for unknown regions and
// non-loopback addresses.
func TestEndpointAndAddressErrors(t *testing.T) {
	f := newFixture(t, Options{})
	if _, err := Start(t.Context(), Options{LoadBalancerHost: "10.0.0.1"}); !errors.Is(err, ErrNotLoopback) {
		t.Fatalf("a non-loopback load balancer host: %v", err)
	}
	if _, err := f.sim.EndpointFunc(ServiceCore)("ap-tokyo-1"); !errors.Is(err, ErrNotServed) {
		t.Fatalf("an unknown region: %v", err)
	}
	if u, err := f.sim.EndpointFunc(ServiceIdentity)(phx); err != nil || u != f.sim.Endpoint(ServiceIdentity, phx) {
		t.Fatalf("endpoint func: %q %v", u, err)
	}
	if _, err := f.sim.ServeWorkloadIdentity("0.0.0.0:0"); !errors.Is(err, ErrNotLoopback) {
		t.Fatalf("a non-loopback workload identity address: %v", err)
	}
}

// TestInjectedClock checks that Options.Clock drives lifecycles.
func TestInjectedClock(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f := newFixture(t, Options{Clock: func() time.Time { return now }, Delays: map[string]time.Duration{KindInstance: time.Hour}})
	in := must(f.launch(t, "clocked", "VM.Standard.E4.Flex"))
	if in.TimeCreated.Time != now {
		t.Fatalf("created at %s", in.TimeCreated.Time)
	}
	f.sim.Advance(time.Hour)
	if got := f.sim.Live(KindInstance); got[0].LifecycleState != "RUNNING" {
		t.Fatalf("after an hour of injected time: %s", got[0].LifecycleState)
	}
}
