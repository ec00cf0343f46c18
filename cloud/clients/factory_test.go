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

package clients

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"github.com/oracle/oci-go-sdk/v65/workrequests"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

const region = "us-ashburn-1"

func startSim(t *testing.T, opts ocisim.Options) *ocisim.Sim {
	t.Helper()
	if opts.Regions == nil {
		opts.Regions = []string{region, "us-phoenix-1"}
	}
	return ocisim.StartT(t, opts)
}

// overridesOf turns the emulator's endpoints into a cluster's spec.clientOverrides, as a user writes them.
func overridesOf(t *testing.T, sim *ocisim.Sim, r string) *infrav1.ClientOverrides {
	t.Helper()
	data, err := json.Marshal(sim.ClientOverrides(r))
	if err != nil {
		t.Fatal(err)
	}
	o := &infrav1.ClientOverrides{}
	if err := json.Unmarshal(data, o); err != nil {
		t.Fatal(err)
	}
	return o
}

func newTestFactory(t *testing.T, opts Options) (*Factory, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	m, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	opts.Metrics = m
	return NewFactory(opts), reg
}

// callEveryService makes one List call through each client of the set, each named for the metrics.
func callEveryService(ctx context.Context, t *testing.T, c *Clients, compartment string) {
	t.Helper()
	comp := common.String(compartment)
	calls := map[string]func(context.Context) error{
		"ListVcns": func(ctx context.Context) error {
			_, err := c.VirtualNetwork.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: comp})
			return err
		},
		"ListInstances": func(ctx context.Context) error {
			_, err := c.Compute.ListInstances(ctx, core.ListInstancesRequest{CompartmentId: comp})
			return err
		},
		"ListInstancePools": func(ctx context.Context) error {
			_, err := c.ComputeManagement.ListInstancePools(ctx, core.ListInstancePoolsRequest{CompartmentId: comp})
			return err
		},
		"ListVolumes": func(ctx context.Context) error {
			_, err := c.Blockstorage.ListVolumes(ctx, core.ListVolumesRequest{CompartmentId: comp})
			return err
		},
		"ListLoadBalancers": func(ctx context.Context) error {
			_, err := c.LoadBalancer.ListLoadBalancers(ctx, loadbalancer.ListLoadBalancersRequest{CompartmentId: comp})
			return err
		},
		"ListNetworkLoadBalancers": func(ctx context.Context) error {
			_, err := c.NetworkLoadBalancer.ListNetworkLoadBalancers(ctx, networkloadbalancer.ListNetworkLoadBalancersRequest{CompartmentId: comp})
			return err
		},
		"ListClusters": func(ctx context.Context) error {
			_, err := c.ContainerEngine.ListClusters(ctx, containerengine.ListClustersRequest{CompartmentId: comp})
			return err
		},
		"ListAvailabilityDomains": func(ctx context.Context) error {
			_, err := c.Identity.ListAvailabilityDomains(ctx, identity.ListAvailabilityDomainsRequest{CompartmentId: comp})
			return err
		},
		"ListWorkRequests": func(ctx context.Context) error {
			_, err := c.WorkRequests.ListWorkRequests(ctx, workrequests.ListWorkRequestsRequest{CompartmentId: comp})
			return err
		},
	}
	for op, call := range calls {
		if err := call(WithOperation(ctx, op)); err != nil {
			t.Errorf("%s through the factory's client: %v", op, err)
		}
	}
}

func TestEveryOverrideIsHonouredAndEveryCallCounted(t *testing.T) {
	sim := startSim(t, ocisim.Options{})
	f, reg := newTestFactory(t, Options{})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, region, EndpointsFromOverrides(overridesOf(t, sim, region)))
	if err != nil {
		t.Fatal(err)
	}
	callEveryService(context.Background(), t, c, sim.Tenancy())

	// Each client reached the emulator (no OCI endpoint was dialled), and the metrics count exactly what the
	// emulator served, operation by operation.
	stats := sim.Stats()
	counted := requestCounts(t, reg)
	if len(counted) != 9 {
		t.Errorf("metrics name %d operations, want the 9 called: %v", len(counted), counted)
	}
	for op, n := range counted {
		if got := stats[op].Total; got != n {
			t.Errorf("%s: metrics count %d requests, the emulator served %d", op, n, got)
		}
	}
}

// requestCounts sums capoci_oci_requests_total by operation.
func requestCounts(t *testing.T, reg *prometheus.Registry) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, mf := range gather(t, reg, "capoci_oci_requests_total") {
		out[label(mf, "operation")] += int(mf.GetCounter().GetValue())
	}
	return out
}

func gather(t *testing.T, reg *prometheus.Registry, name string) []*dto.Metric {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == name {
			return f.GetMetric()
		}
	}
	return nil
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// TestOneFailedCreateIsOneRequest is the proof that the SDK's own retries and circuit breaker are off, whatever
// the process environment and the SDK's global retry say: one injected 500 on a create is one request.
func TestOneFailedCreateIsOneRequest(t *testing.T) {
	t.Setenv("OCI_SDK_DEFAULT_RETRY_ENABLED", "true")
	t.Setenv("OCI_SDK_DEFAULT_CIRCUITBREAKER_ENABLED", "true")
	policy := common.DefaultRetryPolicy()
	common.GlobalRetry = &policy
	t.Cleanup(func() { common.GlobalRetry = nil })

	sim := startSim(t, ocisim.Options{Faults: map[string]ocisim.Fault{"CreateVcn": {ErrorRate: 1, Status: 500}}})
	f, _ := newTestFactory(t, Options{})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, region, EndpointsFromOverrides(overridesOf(t, sim, region)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.VirtualNetwork.CreateVcn(WithOperation(context.Background(), "CreateVcn"), core.CreateVcnRequest{
		CreateVcnDetails: core.CreateVcnDetails{CompartmentId: common.String(sim.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}},
		OpcRetryToken:    common.String("capoci-test-token"),
	})
	if se, ok := common.IsServiceError(err); !ok || se.GetHTTPStatusCode() != http.StatusInternalServerError {
		t.Fatalf("want the injected 500, got %v", err)
	}
	if n := sim.Stats()["CreateVcn"].Total; n != 1 {
		t.Errorf("the emulator saw %d CreateVcn requests for one call, want exactly 1", n)
	}
}

func TestRetryAfterOfA429ReachesTheHint(t *testing.T) {
	sim := startSim(t, ocisim.Options{Faults: ocisim.Throttling(1)})
	f, _ := newTestFactory(t, Options{RateLimit: -1})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, region, EndpointsFromOverrides(overridesOf(t, sim, region)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, hint := WithHint(context.Background())
	_, err = c.VirtualNetwork.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: common.String(sim.Tenancy())})
	if se, ok := common.IsServiceError(err); !ok || se.GetHTTPStatusCode() != http.StatusTooManyRequests {
		t.Fatalf("want the injected 429, got %v", err)
	}
	if hint.RetryAfter != time.Second {
		t.Errorf("Retry-After %s, want the emulator's 1s", hint.RetryAfter)
	}
}

func TestClientsAreCachedPerIdentityRegionAndEndpoints(t *testing.T) {
	sim := startSim(t, ocisim.Options{})
	f, _ := newTestFactory(t, Options{})
	ep := EndpointsFromOverrides(overridesOf(t, sim, region))
	id := Identity{Name: "ns/id", Version: "1", Provider: sim.ConfigurationProvider()}
	a, err := f.ClientsFor(id, region, ep)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := f.ClientsFor(id, region, ep); b != a {
		t.Error("the same identity, region and endpoints built a second set of clients")
	}
	if _, err := f.ClientsFor(id, "us-phoenix-1", EndpointsFromOverrides(overridesOf(t, sim, "us-phoenix-1"))); err != nil || f.Len() != 2 {
		t.Errorf("another region: %v, %d sets cached, want 2", err, f.Len())
	}
	// A changed Secret (a new version) rebuilds the identity's clients and forgets the old ones.
	id.Version = "2"
	c, err := f.ClientsFor(id, region, ep)
	if err != nil || c == a || f.Len() != 1 {
		t.Errorf("new version: rebuilt %v, %d sets cached (want 1), err %v", c != a, f.Len(), err)
	}
	if _, err := f.ClientsFor(id, "", ep); !errors.Is(err, ErrNoRegion) {
		t.Errorf("no region: %v", err)
	}
}

func TestRegionMappingReachesOtherRegions(t *testing.T) {
	sim := startSim(t, ocisim.Options{})
	f, _ := newTestFactory(t, Options{RegionEndpoint: func(svc, r string) string {
		if svc == ServiceVirtualNetwork {
			return sim.Endpoint(ocisim.ServiceCore, r)
		}
		return ""
	}})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, "us-phoenix-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.VirtualNetwork.Host, sim.Endpoint(ocisim.ServiceCore, "us-phoenix-1"); got != want {
		t.Errorf("phoenix VCN client host %q, want the mapping's %q", got, want)
	}
	// A service the mapping leaves out keeps the SDK's endpoint for the region (never dialled here).
	if got := c.Compute.Host; !strings.HasPrefix(got, "https://iaas.us-phoenix-1.") {
		t.Errorf("compute host %q, want the SDK's endpoint in us-phoenix-1", got)
	}
	if _, err := c.VirtualNetwork.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(sim.Tenancy())}); err != nil {
		t.Errorf("listing VCNs in phoenix through the mapping: %v", err)
	}
}

func TestRateLimitRefusesWithoutWaiting(t *testing.T) {
	sim := startSim(t, ocisim.Options{})
	f, reg := newTestFactory(t, Options{RateLimit: 0.001, Burst: 1})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, region, EndpointsFromOverrides(overridesOf(t, sim, region)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithOperation(context.Background(), "ListVcns")
	req := core.ListVcnsRequest{CompartmentId: common.String(sim.Tenancy())}
	if _, err := c.VirtualNetwork.ListVcns(ctx, req); err != nil {
		t.Fatal(err)
	}
	_, err = c.VirtualNetwork.ListVcns(ctx, req)
	var te *ThrottledError
	if !errors.As(err, &te) || !errors.Is(err, ErrThrottled) || te.RetryAfter <= 0 {
		t.Fatalf("the second call within the burst: want a ThrottledError with a delay, got %v", err)
	}
	if n := sim.Stats()["ListVcns"].Total; n != 1 {
		t.Errorf("the emulator saw %d requests, want 1: a throttled call is not sent", n)
	}
	if n := len(gather(t, reg, "capoci_oci_requests_throttled_total")); n != 1 {
		t.Errorf("%d throttle series, want 1", n)
	}
	// Other services in the region have their own limit.
	if _, err := c.Compute.ListInstances(WithOperation(context.Background(), "ListInstances"),
		core.ListInstancesRequest{CompartmentId: common.String(sim.Tenancy())}); err != nil {
		t.Errorf("compute shares the VCN client's limit: %v", err)
	}
}

func TestUserAgentAndUnnamedCalls(t *testing.T) {
	agents := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents <- r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"ocid1.vcn.oc1.iad.aaaa"}`))
	}))
	defer srv.Close()
	sim := startSim(t, ocisim.Options{})
	f, reg := newTestFactory(t, Options{UserAgent: "cluster-api-provider-oci/v9.9.9", RateLimit: -1})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, region, Endpoints{ServiceVirtualNetwork: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.VirtualNetwork.GetVcn(context.Background(), core.GetVcnRequest{VcnId: common.String("ocid1.vcn.oc1.iad.aaaa")}); err != nil {
		t.Fatal(err)
	}
	if ua := <-agents; ua != "cluster-api-provider-oci/v9.9.9" {
		t.Errorf("user agent %q", ua)
	}
	if got := requestCounts(t, reg); got["unnamed GET"] != 1 {
		t.Errorf("an unnamed call is counted by its method: %v", got)
	}
}
