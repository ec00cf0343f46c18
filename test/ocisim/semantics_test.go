package ocisim

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

func createVcnWithToken(f *fixture, token, cidr string) (core.CreateVcnResponse, error) {
	return f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{OpcRetryToken: common.String(token), CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(f.sim.Tenancy()), CidrBlocks: []string{cidr}, DisplayName: common.String("retry")}})
}

// TestRetryTokens checks OCI retry token semantics.
func TestRetryTokens(t *testing.T) {
	f := newFixture(t, Options{})
	first := must(createVcnWithToken(f, "token-1", "172.16.0.0/16"))
	again := must(createVcnWithToken(f, "token-1", "172.16.0.0/16"))
	if *first.Id != *again.Id {
		t.Fatalf("retry created a second VCN: %s %s", *first.Id, *again.Id)
	}
	_, err := createVcnWithToken(f, "token-1", "172.17.0.0/16")
	wantCode(t, err, http.StatusConflict, "Conflict")
	_, err = createVcnWithToken(f, strings.Repeat("x", 65), "172.18.0.0/16")
	wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	must(f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: first.Id}))
	_, err = createVcnWithToken(f, "token-1", "172.16.0.0/16")
	wantCode(t, err, http.StatusConflict, "InvalidatedRetryToken")
	f.sim.Advance(25 * time.Hour)
	fresh := must(createVcnWithToken(f, "token-1", "172.16.0.0/16"))
	if *fresh.Id == *first.Id {
		t.Fatal("an expired token replayed its old response")
	}
	if n := len(f.sim.Live(KindVcn)); n != 2 {
		t.Fatalf("want 2 live VCNs, got %d", n)
	}
}

// TestPaginationAndFilters checks paging and list filters.
func TestPaginationAndFilters(t *testing.T) {
	f := newFixture(t, Options{PageSize: 2})
	tenancy := common.String(f.sim.Tenancy())
	other := f.sim.AddCompartment("other")
	for i, name := range []string{"d", "c", "a-first", "b"} {
		must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: tenancy,
			DisplayName: common.String(name), CidrBlocks: []string{"10." + string(rune('1'+i)) + ".0.0/16"}}}))
	}
	must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: &other,
		CidrBlocks: []string{"10.9.0.0/16"}}}))
	var ids []string
	var page *string
	pages := 0
	for {
		resp := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy, Page: page}))
		pages++
		for _, v := range resp.Items {
			ids = append(ids, *v.Id)
		}
		if page = resp.OpcNextPage; page == nil {
			break
		}
	}
	if len(ids) != 5 || pages != 3 {
		t.Fatalf("want 5 VCNs over 3 pages, got %d over %d", len(ids), pages)
	}
	big := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy, Limit: common.Int(10)}))
	if len(big.Items) != 5 || big.OpcNextPage != nil {
		t.Fatalf("limit 10: %d items, next %v", len(big.Items), big.OpcNextPage)
	}
	desc := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy, Limit: common.Int(10),
		SortBy: core.ListVcnsSortByTimecreated, SortOrder: core.ListVcnsSortOrderDesc}))
	if *desc.Items[0].Id != ids[len(ids)-1] {
		t.Fatalf("descending order starts with %s", *desc.Items[0].Id)
	}
	byName := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy, Limit: common.Int(10),
		SortBy: core.ListVcnsSortByDisplayname}))
	if *byName.Items[0].DisplayName != "a-first" {
		t.Fatalf("by name starts with %s", *byName.Items[0].DisplayName)
	}
	inOther := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: &other}))
	if len(inOther.Items) != 1 {
		t.Fatalf("compartment filter: %d", len(inOther.Items))
	}
	must(f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: inOther.Items[0].Id}))
	avail := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy, LifecycleState: core.VcnLifecycleStateAvailable, Limit: common.Int(10)}))
	if len(avail.Items) != 5 {
		t.Fatalf("lifecycle filter: %d", len(avail.Items))
	}
	_, err := f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String("ocid1.compartment.oc1..unknown"), CidrBlocks: []string{"10.8.0.0/16"}}})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

// TestEventualConsistency checks a list lag injected on creates.
func TestEventualConsistency(t *testing.T) {
	f := newFixture(t, Options{Faults: map[string]Fault{"CreateNatGateway": {ListLag: time.Minute}}})
	tenancy := common.String(f.sim.Tenancy())
	nat := must(f.vn.CreateNatGateway(f.ctx, core.CreateNatGatewayRequest{CreateNatGatewayDetails: core.CreateNatGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id}}))
	must(f.vn.GetNatGateway(f.ctx, core.GetNatGatewayRequest{NatGatewayId: nat.Id}))
	if l := must(f.vn.ListNatGateways(f.ctx, core.ListNatGatewaysRequest{CompartmentId: tenancy})); len(l.Items) != 0 {
		t.Fatal("new NAT gateway listed before the lag")
	}
	f.sim.Advance(time.Minute)
	if l := must(f.vn.ListNatGateways(f.ctx, core.ListNatGatewaysRequest{CompartmentId: tenancy})); len(l.Items) != 1 {
		t.Fatal("NAT gateway missing after the lag")
	}
	f.sim.SetFault("CreateInternetGateway", Fault{GetLag: time.Minute})
	igw := must(f.vn.CreateInternetGateway(f.ctx, core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: core.CreateInternetGatewayDetails{
		CompartmentId: tenancy, VcnId: f.vcn.Id, IsEnabled: common.Bool(true)}}))
	_, err := f.vn.GetInternetGateway(f.ctx, core.GetInternetGatewayRequest{IgId: igw.Id})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	f.sim.Advance(time.Minute)
	must(f.vn.GetInternetGateway(f.ctx, core.GetInternetGatewayRequest{IgId: igw.Id}))
}

// TestInjectedErrorsAndLatency checks injected errors, latency and the counters.
func TestInjectedErrorsAndLatency(t *testing.T) {
	f := newFixture(t, Options{})
	tenancy := common.String(f.sim.Tenancy())
	for status, code := range map[int]string{429: "TooManyRequests", 500: "InternalServerError", 503: "ServiceUnavailable"} {
		f.sim.SetFault("ListVcns", Fault{ErrorRate: 1, Status: status})
		_, err := f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy})
		wantCode(t, err, status, code)
	}
	f.sim.SetFault("*", Fault{Latency: 30 * time.Millisecond})
	start := time.Now()
	must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: f.vcn.Id}))
	if time.Since(start) < 30*time.Millisecond {
		t.Fatal("latency not injected")
	}
	f.sim.ClearFaults()
	must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: tenancy}))
	if n := f.sim.Count("ListVcns", http.StatusTooManyRequests); n != 1 {
		t.Fatalf("want one 429 counted, got %d", n)
	}
	if n := f.sim.Count("ListVcns", http.StatusOK); n != 1 {
		t.Fatalf("want one 200 counted, got %d", n)
	}
}
