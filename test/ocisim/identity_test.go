package ocisim

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"
	"github.com/oracle/oci-go-sdk/v65/workrequests"
)

// TestIdentityDomainsAndRegions checks availability domains, fault domains and regions.
func TestIdentityDomainsAndRegions(t *testing.T) {
	s := startSim(t, Options{ADs: 1, FDs: 3})
	ctx := context.Background()
	id := must(s.IdentityClient(phx))
	ads := must(id.ListAvailabilityDomains(ctx, identity.ListAvailabilityDomainsRequest{CompartmentId: common.String(s.Tenancy())}))
	if len(ads.Items) != 1 || *ads.Items[0].Name != "Uocm:US-PHOENIX-AD-1" {
		t.Fatalf("availability domains: %+v", ads.Items)
	}
	fds := must(id.ListFaultDomains(ctx, identity.ListFaultDomainsRequest{CompartmentId: common.String(s.Tenancy()),
		AvailabilityDomain: ads.Items[0].Name}))
	if len(fds.Items) != 3 || *fds.Items[2].Name != "FAULT-DOMAIN-3" {
		t.Fatalf("fault domains: %+v", fds.Items)
	}
	regions := must(id.ListRegions(ctx))
	if len(regions.Items) != 2 || *regions.Items[0].Name != iad || *regions.Items[1].Key != "PHX" {
		t.Fatalf("regions: %+v", regions.Items)
	}
}

// TestCoreWorkRequests checks the core work requests of instance operations and their errors.
func TestCoreWorkRequests(t *testing.T) {
	f := newFixture(t, Options{Faults: map[string]Fault{"TerminateInstance": {WorkRequest: "fail"}}})
	wc := must(f.sim.WorkRequestClient(iad))
	in := must(f.launch(t, "x", "VM.Standard.E4.Flex"))
	term := must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: in.Id}))
	l := must(wc.ListWorkRequests(f.ctx, workrequests.ListWorkRequestsRequest{CompartmentId: common.String(f.sim.Tenancy()),
		ResourceId: in.Id}))
	if len(l.Items) != 2 || *l.Items[0].OperationType != "LaunchInstance" || l.Items[0].Status != workrequests.WorkRequestSummaryStatusSucceeded {
		t.Fatalf("work requests: %+v", l.Items)
	}
	errs := must(wc.ListWorkRequestErrors(f.ctx, workrequests.ListWorkRequestErrorsRequest{WorkRequestId: term.OpcWorkRequestId}))
	if len(errs.Items) != 1 || l.Items[1].Status != workrequests.WorkRequestSummaryStatusFailed {
		t.Fatalf("work request errors: %+v", errs.Items)
	}
}
