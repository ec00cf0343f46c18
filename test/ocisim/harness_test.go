package ocisim

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

func TestLeaksDuplicatesAndMutatingCalls(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	comp := s.AddCompartment("cluster-a")
	vn := must(s.VirtualNetworkClient(iad))
	create := func(name, cidr string) core.Vcn {
		return must(vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
			CompartmentId: common.String(comp), DisplayName: common.String(name), CidrBlocks: []string{cidr}}})).Vcn
	}
	a := create("vcn", "10.0.0.0/16")
	b := create("vcn", "10.1.0.0/16") // the same name again: a duplicate
	create("other", "10.2.0.0/16")
	if n := s.MutatingCalls(); n != 3 {
		t.Errorf("%d mutating calls, want the 3 creates", n)
	}
	if d := s.Duplicates(comp); len(d) != 1 || len(d[0]) != 2 || d[0][0].ID != *a.Id || d[0][1].ID != *b.Id {
		t.Errorf("duplicates %+v, want the two VCNs named vcn", d)
	}
	s.ResetStats()
	must(vn.GetVcn(ctx, core.GetVcnRequest{VcnId: a.Id}))
	if n := s.MutatingCalls(); n != 0 {
		t.Errorf("a read counted as %d mutating calls", n)
	}
	for _, id := range []*string{a.Id, b.Id} {
		must(vn.DeleteVcn(ctx, core.DeleteVcnRequest{VcnId: id}))
	}
	// What is left is the VCN named other, with the default route table and security list OCI made in it.
	leaks := s.Leaks(comp)
	if len(leaks) != 3 {
		t.Errorf("leaks %+v, want the VCN named other and its two defaults", leaks)
	}
	for _, l := range leaks {
		if !strings.HasSuffix(l.DisplayName, "other") {
			t.Errorf("leaked %s %q", l.Kind, l.DisplayName)
		}
	}
	if l := s.Leaks(s.Tenancy()); len(l) != 0 {
		t.Errorf("another compartment's leaks: %+v", l)
	}
}

func TestFaultPresets(t *testing.T) {
	s := startSim(t, Options{Faults: Throttling(1)})
	vn := must(s.VirtualNetworkClient(iad))
	_, err := vn.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())})
	wantCode(t, err, http.StatusTooManyRequests, "TooManyRequests")

	s = startSim(t, Options{Faults: Flaky5xx(1)})
	vn = must(s.VirtualNetworkClient(iad))
	_, err = vn.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())})
	wantCode(t, err, http.StatusInternalServerError, "InternalServerError")

	// Unreliable: a request the server-error rate spares can still be throttled.
	s = startSim(t, Options{Faults: Unreliable(0, 1, 0)})
	vn = must(s.VirtualNetworkClient(iad))
	_, err = vn.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())})
	wantCode(t, err, http.StatusTooManyRequests, "TooManyRequests")
	s = startSim(t, Options{Faults: Unreliable(1, 1, 0)})
	vn = must(s.VirtualNetworkClient(iad))
	_, err = vn.ListVcns(context.Background(), core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())})
	wantCode(t, err, http.StatusInternalServerError, "InternalServerError")

	s = startSim(t, Options{Faults: EventuallyConsistent(time.Minute)})
	vn = must(s.VirtualNetworkClient(iad))
	v := must(vn.CreateVcn(context.Background(), core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(s.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}}))
	_, err = vn.GetVcn(context.Background(), core.GetVcnRequest{VcnId: v.Id})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	s.Advance(time.Minute)
	must(vn.GetVcn(context.Background(), core.GetVcnRequest{VcnId: v.Id}))
}

func TestCatalogShapesAndImages(t *testing.T) {
	s := startSim(t, Options{PageSize: 4})
	comp := must(s.ComputeClient(iad))
	ctx := context.Background()
	shapes := must(comp.ListShapes(ctx, core.ListShapesRequest{CompartmentId: common.String(s.Tenancy())}))
	if len(shapes.Items) != 4 || shapes.OpcNextPage == nil || *shapes.Items[0].Shape != s.Shapes()[0].Name {
		t.Errorf("first page of shapes: %d items, next %v", len(shapes.Items), shapes.OpcNextPage)
	}
	want := s.Images(iad)[1]
	images := must(comp.ListImages(ctx, core.ListImagesRequest{CompartmentId: common.String(s.Tenancy()), DisplayName: common.String(want.DisplayName)}))
	if len(images.Items) != 1 || *images.Items[0].Id != want.ID || *images.Items[0].OperatingSystem != "Canonical Ubuntu" {
		t.Errorf("images named %q: %+v", want.DisplayName, images.Items)
	}
	if got := must(comp.GetImage(ctx, core.GetImageRequest{ImageId: common.String(want.ID)})); *got.DisplayName != want.DisplayName {
		t.Errorf("image %s: %q", want.ID, *got.DisplayName)
	}
	_, err := comp.GetImage(ctx, core.GetImageRequest{ImageId: common.String("ocid1.image.oc1.iad.missing")})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

func TestCallsInACompartment(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	a, b := s.AddCompartment("a"), s.AddCompartment("b")
	vn := must(s.VirtualNetworkClient(iad))
	since := time.Now()
	create := func(comp string) core.Vcn {
		return must(vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
			CompartmentId: common.String(comp), DisplayName: common.String("vcn"), CidrBlocks: []string{"10.0.0.0/16"}}})).Vcn
	}
	va := create(a)
	create(b)
	must(vn.GetVcn(ctx, core.GetVcnRequest{VcnId: va.Id}))
	must(vn.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: common.String(a)}))
	must(vn.DeleteVcn(ctx, core.DeleteVcnRequest{VcnId: va.Id}))
	var ops []string
	for _, e := range s.CallsIn(a, since) {
		ops = append(ops, e.Operation)
	}
	if strings.Join(ops, " ") != "CreateVcn GetVcn ListVcns DeleteVcn" {
		t.Errorf("calls in compartment a: %v", ops)
	}
	var mutating []string
	for _, e := range Mutating(s.CallsIn(a, since)) {
		mutating = append(mutating, e.Operation)
	}
	if strings.Join(mutating, " ") != "CreateVcn DeleteVcn" {
		t.Errorf("mutating calls in compartment a: %v", mutating)
	}
	if n := len(s.CallsIn(b, since)); n != 1 {
		t.Errorf("%d calls in compartment b, want its create", n)
	}
	if n := len(s.CallsIn(a, time.Now().Add(time.Hour))); n != 0 {
		t.Errorf("%d calls after the last one", n)
	}
}
