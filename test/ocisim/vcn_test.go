package ocisim

import (
	"net/http"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestVcnLifecycle checks VCN states, updates with etags, filters and delete integrity.
func TestVcnLifecycle(t *testing.T) {
	f := newFixture(t, Options{})
	if f.vcn.LifecycleState != core.VcnLifecycleStateProvisioning {
		t.Fatalf("create returned %s, want PROVISIONING", f.vcn.LifecycleState)
	}
	if !strings.HasPrefix(*f.vcn.Id, "ocid1.vcn.oc1.iad.") {
		t.Fatalf("unexpected OCID %s", *f.vcn.Id)
	}
	got := must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: f.vcn.Id}))
	if got.LifecycleState != core.VcnLifecycleStateAvailable || *got.VcnDomainName != "vcn.oraclevcn.com" {
		t.Fatalf("got %s %v", got.LifecycleState, got.VcnDomainName)
	}
	upd := must(f.vn.UpdateVcn(f.ctx, core.UpdateVcnRequest{VcnId: f.vcn.Id, IfMatch: got.Etag,
		UpdateVcnDetails: core.UpdateVcnDetails{DisplayName: common.String("renamed"),
			FreeformTags: map[string]string{"cluster": "a"}}}))
	if *upd.DisplayName != "renamed" || upd.FreeformTags["cluster"] != "a" || *upd.Etag == *got.Etag {
		t.Fatalf("update not applied: %+v", upd.Vcn)
	}
	_, err := f.vn.UpdateVcn(f.ctx, core.UpdateVcnRequest{VcnId: f.vcn.Id, IfMatch: got.Etag,
		UpdateVcnDetails: core.UpdateVcnDetails{DisplayName: common.String("stale")}})
	wantCode(t, err, http.StatusPreconditionFailed, "NoEtagMatch")
	list := must(f.vn.ListVcns(f.ctx, core.ListVcnsRequest{CompartmentId: common.String(f.sim.Tenancy()),
		DisplayName: common.String("renamed")}))
	if len(list.Items) != 1 || *list.Items[0].Id != *f.vcn.Id {
		t.Fatalf("list by name: %d items", len(list.Items))
	}
	_, err = f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(f.vn.DeleteSubnet(f.ctx, core.DeleteSubnetRequest{SubnetId: f.subnet.Id}))
	must(f.vn.DeleteVcn(f.ctx, core.DeleteVcnRequest{VcnId: f.vcn.Id}))
	gone := must(f.vn.GetVcn(f.ctx, core.GetVcnRequest{VcnId: f.vcn.Id}))
	if gone.LifecycleState != core.VcnLifecycleStateTerminated {
		t.Fatalf("after delete: %s", gone.LifecycleState)
	}
	if live := f.sim.Live(""); len(live) != 0 {
		t.Fatalf("leaked resources: %+v", live)
	}
}
