package ocisim

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// benchResources is how many resources the benchmark starts with.
const benchResources = 3000

// heapInUse returns the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkMixedSDK drives the emulator through the real, signing SDK client
// with 30% creates, 50% gets and 20% lists over a few thousand network
// security groups. It reports end-to-end operations per second, the
// emulator's own time per request and the heap held per resource.
func BenchmarkMixedSDK(b *testing.B) {
	f := newFixture(b, Options{})
	tenancy := common.String(f.sim.Tenancy())
	create := func() string {
		return *must(f.vn.CreateNetworkSecurityGroup(f.ctx, core.CreateNetworkSecurityGroupRequest{
			CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{CompartmentId: tenancy, VcnId: f.vcn.Id,
				DisplayName: common.String("nsg"), FreeformTags: map[string]string{"cluster": "bench"}}})).Id
	}
	before := heapInUse()
	ids := make([]string, 0, benchResources+b.N)
	for range benchResources {
		ids = append(ids, create())
	}
	perResource := float64(heapInUse()-before) / benchResources
	f.sim.ResetStats()
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		switch i % 10 {
		case 0, 1, 2:
			ids = append(ids, create())
		case 8, 9:
			must(f.vn.ListNetworkSecurityGroups(f.ctx, core.ListNetworkSecurityGroupsRequest{CompartmentId: tenancy,
				VcnId: f.vcn.Id, Limit: common.Int(20), Page: common.String("pg-" + itoa(i%benchResources))}))
		default:
			must(f.vn.GetNetworkSecurityGroup(f.ctx, core.GetNetworkSecurityGroupRequest{NetworkSecurityGroupId: &ids[(i*7919)%len(ids)]}))
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	handler, n := f.sim.HandlerTime()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "ops/s")
	b.ReportMetric(float64(handler.Microseconds())/float64(max(n, 1)), "emu-µs/op")
	b.ReportMetric(perResource, "B/resource")
}

func itoa(i int) string {
	return string(appendInt(nil, i))
}

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// signedRequest builds and signs an SDK request for a service endpoint once;
// the benchmark replays it (its date stays valid for minutes).
func signedRequest(b *testing.B, s *Sim, method, path string, req any) (*http.Request, []byte) {
	b.Helper()
	r := must(common.MakeDefaultHTTPRequestWithTaggedStruct(method, path, req))
	r.URL.Host = strings.TrimPrefix(s.Endpoint(ServiceCore, iad), "http://")
	r.URL.Scheme = "http"
	r.Host = r.URL.Host
	r.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	if err := common.DefaultRequestSigner(s.ConfigurationProvider()).Sign(&r); err != nil {
		b.Fatal(err)
	}
	var body []byte
	if r.Body != nil {
		body = must(io.ReadAll(r.Body))
	}
	return &r, body
}

// BenchmarkHandlerCPU measures the emulator's own cost per request (signature
// verification, routing, the operation and JSON encoding) without the SDK's
// signing or the network: the same mix as BenchmarkMixedSDK served in-process.
func BenchmarkHandlerCPU(b *testing.B) {
	f := newFixture(b, Options{})
	tenancy := common.String(f.sim.Tenancy())
	mux := f.sim.muxes[ServiceCore+"/"+iad]
	create, createBody := signedRequest(b, f.sim, http.MethodPost, "/20160918/networkSecurityGroups",
		core.CreateNetworkSecurityGroupRequest{CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{
			CompartmentId: tenancy, VcnId: f.vcn.Id, DisplayName: common.String("nsg")}})
	serve := func(r *http.Request, body []byte) *httptest.ResponseRecorder {
		rr := httptest.NewRecorder()
		clone := r.Clone(f.ctx)
		clone.Body = io.NopCloser(bytes.NewReader(body))
		mux.ServeHTTP(rr, clone)
		return rr
	}
	var first string
	for i := range benchResources {
		rr := serve(create, createBody)
		if i == 0 {
			var nsg core.NetworkSecurityGroup
			_ = json.Unmarshal(rr.Body.Bytes(), &nsg)
			first = *nsg.Id
		}
	}
	get, _ := signedRequest(b, f.sim, http.MethodGet, "/20160918/networkSecurityGroups/{networkSecurityGroupId}",
		core.GetNetworkSecurityGroupRequest{NetworkSecurityGroupId: &first})
	list, _ := signedRequest(b, f.sim, http.MethodGet, "/20160918/networkSecurityGroups",
		core.ListNetworkSecurityGroupsRequest{CompartmentId: tenancy, VcnId: f.vcn.Id, Limit: common.Int(20)})
	b.ResetTimer()
	for i := range b.N {
		var rr *httptest.ResponseRecorder
		switch i % 10 {
		case 0, 1, 2:
			rr = serve(create, createBody)
		case 8, 9:
			rr = serve(list, nil)
		default:
			rr = serve(get, nil)
		}
		if rr.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rr.Code, rr.Body.String())
		}
	}
}

// BenchmarkParallelGetsSDK runs gets from concurrent SDK callers, as
// concurrent controllers would, to show the state lock is not the limit.
func BenchmarkParallelGetsSDK(b *testing.B) {
	f := newFixture(b, Options{})
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: f.vcn.Id}))
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "ops/s")
}
