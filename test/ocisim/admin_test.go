package ocisim

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

func adminDo(t *testing.T, s *Sim, method, path string, body []byte, out any) {
	t.Helper()
	req := must(http.NewRequestWithContext(context.Background(), method, s.AdminURL()+path, bytes.NewReader(body)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode >= 300 {
		t.Fatalf("%s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("decoding %s: %v", path, err)
		}
	}
}

// TestObservabilityAndAdminEndpoint checks counters, snapshot, request log, clock, faults and endpoints over the admin endpoint.
func TestObservabilityAndAdminEndpoint(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindInstance: time.Minute}})
	must(f.launch(t, "a", "VM.Standard.E4.Flex"))
	var stats map[string]OpStats
	adminDo(t, f.sim, http.MethodGet, "/stats", nil, &stats)
	if stats["CreateVcn"].ByStatus[200] != 1 || stats["LaunchInstance"].Total != 1 || stats["LaunchInstance"].HandlerTime <= 0 {
		t.Fatalf("stats: %+v", stats)
	}
	var snap []Resource
	adminDo(t, f.sim, http.MethodGet, "/snapshot", nil, &snap)
	kinds := map[string]int{}
	for _, r := range snap {
		kinds[r.Kind]++
	}
	if kinds[KindVcn] != 1 || kinds[KindInstance] != 1 || kinds[kindVnic] != 1 || kinds[KindSubnet] != 1 {
		t.Fatalf("snapshot kinds: %v", kinds)
	}
	var log []RequestLogEntry
	adminDo(t, f.sim, http.MethodGet, "/log", nil, &log)
	if len(log) != 3 || log[2].Operation != "LaunchInstance" || log[2].RequestID == "" {
		t.Fatalf("log: %+v", log)
	}
	adminDo(t, f.sim, http.MethodPost, "/advance?by=1m", nil, nil)
	if in := f.sim.Live(KindInstance); in[0].LifecycleState != "RUNNING" {
		t.Fatalf("advance over admin: %s", in[0].LifecycleState)
	}
	adminDo(t, f.sim, http.MethodPost, "/faults", []byte(`{"ListVcns":{"errorRate":1,"status":503}}`), nil)
	_, err := f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: common.String(f.sim.Tenancy())})
	wantCode(t, err, http.StatusServiceUnavailable, "ServiceUnavailable")
	adminDo(t, f.sim, http.MethodPost, "/faults", []byte(`{}`), nil)
	var instances []Resource
	adminDo(t, f.sim, http.MethodGet, "/snapshot?kind=instance&live=true", nil, &instances)
	if len(instances) != 1 {
		t.Fatalf("filtered snapshot: %+v", instances)
	}
	adminDo(t, f.sim, http.MethodPost, "/reset", nil, nil)
	if n := len(f.sim.RequestLog()); n != 0 || len(f.sim.Live("")) == 0 {
		t.Fatalf("after resetting counters: %d log entries, %d live", n, len(f.sim.Live("")))
	}
	adminDo(t, f.sim, http.MethodPost, "/reset?state=true", nil, nil)
	if n := len(f.sim.Snapshot()); n != 0 {
		t.Fatalf("resources after resetting state: %d", n)
	}
	var added map[string]string
	adminDo(t, f.sim, http.MethodPost, "/compartments?name=team", nil, &added)
	var comps map[string]string
	adminDo(t, f.sim, http.MethodGet, "/compartments", nil, &comps)
	if comps[added["id"]] != "team" {
		t.Fatalf("compartments: %v", comps)
	}
	var eps map[string]map[string]string
	adminDo(t, f.sim, http.MethodGet, "/endpoints", nil, &eps)
	if eps[ServiceCore][phx] != f.sim.Endpoint(ServiceCore, phx) {
		t.Fatalf("endpoints: %v", eps)
	}
	if o := f.sim.ClientOverrides(phx); o["vCNClientUrl"] != eps[ServiceCore][phx] || o["workrequestClientUrl"] != eps[ServiceWorkRequests][phx] {
		t.Fatalf("client overrides: %v", o)
	}
}

// TestTLSEndpoints checks that an SDK client reaches a TLS endpoint through the generated CA.
func TestTLSEndpoints(t *testing.T) {
	s := startSim(t, Options{TLS: true, Regions: []string{"eu-frankfurt-1"}})
	if ep := s.Endpoint(ServiceCore, "eu-frankfurt-1"); ep[:8] != "https://" {
		t.Fatalf("endpoint %s", ep)
	}
	vn := must(s.VirtualNetworkClient("eu-frankfurt-1"))
	vcn := must(vn.CreateVcn(context.Background(), core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(s.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}}))
	if *vcn.Id == "" || len(s.CACertPEM()) == 0 {
		t.Fatal("no VCN over TLS")
	}
	if got := must(vn.ListServices(context.Background(), core.ListServicesRequest{})); *got.Items[0].CidrBlock != "all-fra-services-in-oracle-services-network" {
		t.Fatalf("OSN label %s", *got.Items[0].CidrBlock)
	}
}
