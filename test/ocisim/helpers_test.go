package ocisim

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

const (
	iad = "us-ashburn-1"
	phx = "us-phoenix-1"
)

// startSim starts an emulator for a test and closes it at the end.
func startSim(t testing.TB, opts Options) *Sim {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, opts)
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(func() {
		recordCoverage(t, s)
		cancel()
		s.Close()
	})
	return s
}

// must returns v, panicking (and so failing the test binary with a stack)
// when err is set; it keeps SDK call chains readable.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
	return v
}

// wantCode fails the test unless err is an OCI service error with status and code.
func wantCode(t testing.TB, err error, status int, code string) {
	t.Helper()
	var se common.ServiceError
	if !errors.As(err, &se) {
		t.Fatalf("want %d %s, got %v", status, code, err)
	}
	if se.GetHTTPStatusCode() != status || se.GetCode() != code {
		t.Fatalf("want %d %s, got %d %s: %s", status, code, se.GetHTTPStatusCode(), se.GetCode(), se.GetMessage())
	}
}

// wantMessage fails the test unless err is an OCI service error with status and code whose message contains
// want.
func wantMessage(t testing.TB, err error, status int, code, want string) {
	t.Helper()
	wantCode(t, err, status, code)
	var se common.ServiceError
	if errors.As(err, &se) && !strings.Contains(se.GetMessage(), want) {
		t.Fatalf("want a message containing %q, got %q", want, se.GetMessage())
	}
}

// fixture holds clients and a VCN with one subnet.
type fixture struct {
	sim    *Sim
	vn     core.VirtualNetworkClient
	comp   core.ComputeClient
	vcn    core.Vcn
	subnet core.Subnet
	ctx    context.Context
}

func newFixture(t testing.TB, opts Options) *fixture {
	t.Helper()
	s := startSim(t, opts)
	f := &fixture{sim: s, ctx: context.Background()}
	f.vn = must(s.VirtualNetworkClient(iad))
	f.comp = must(s.ComputeClient(iad))
	f.vcn = must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(s.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"},
		DisplayName: common.String("vcn"), DnsLabel: common.String("vcn")}})).Vcn
	f.subnet = must(f.vn.CreateSubnet(f.ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
		CompartmentId: common.String(s.Tenancy()), VcnId: f.vcn.Id, CidrBlock: common.String("10.0.1.0/24"),
		DisplayName: common.String("subnet")}})).Subnet
	return f
}

// launch launches an instance in the fixture's subnet.
func (f *fixture) launch(t testing.TB, name, shape string) (core.Instance, error) {
	t.Helper()
	resp, err := f.comp.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: core.LaunchInstanceDetails{
		CompartmentId: common.String(f.sim.Tenancy()), AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]),
		Shape: common.String(shape), DisplayName: common.String(name),
		SourceDetails:     core.InstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id}}})
	return resp.Instance, err
}
