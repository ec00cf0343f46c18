package ocisim

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

func TestRequestLogRecordsErrorsAndQueries(t *testing.T) {
	s := startSim(t, Options{RequestLogSize: 2})
	if log := s.RequestLog(); log == nil || len(log) != 0 {
		t.Fatalf("an empty log is %#v, want an empty list", log)
	}
	resp, err := http.Get(s.AdminURL() + "/log")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if string(body) != "[]\n" && string(body) != "[]" {
		t.Errorf("GET /log of an empty log: %q, want []", body)
	}

	vn := must(s.VirtualNetworkClient(iad))
	_, err = vn.GetVcn(context.Background(), core.GetVcnRequest{VcnId: common.String("ocid1.vcn.oc1.iad.missing")})
	if err == nil {
		t.Fatal("want NotFound")
	}
	_, _ = vn.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy()), Limit: common.Int(7)})
	log := s.RequestLog()
	if len(log) != 2 {
		t.Fatalf("%d entries", len(log))
	}
	if e := log[0]; e.Status != http.StatusNotFound || e.ErrorCode != "NotAuthorizedOrNotFound" || e.ErrorMessage == "" {
		t.Errorf("the failed call's entry %+v lacks its error code and message", e)
	}
	if e := log[1]; e.Query == "" || e.ErrorCode != "" {
		t.Errorf("the list's entry %+v lacks its query", e)
	}
	// The log keeps RequestLogSize entries, the newest.
	_, _ = vn.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())})
	if log := s.RequestLog(); len(log) != 2 || log[0].Operation != "ListVcns" {
		t.Errorf("log after a third call: %+v", log)
	}
}
