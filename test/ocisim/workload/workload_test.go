// Package workload_test checks OKE workload identity against the emulator. It
// is its own test binary because the SDK dials a fixed port (12250) and reads
// its configuration from the process environment.
package workload_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/common/auth"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestWorkloadIdentity checks OKE workload identity through the SDK.
func TestWorkloadIdentity(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := ocisim.Start(ctx, ocisim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	env, err := s.WorkloadIdentityEnv(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	provider, err := auth.OkeWorkloadIdentityConfigurationProviderWithServiceAccountTokenProvider(
		auth.NewSuppliedServiceAccountTokenProvider(ocisim.ServiceAccountToken("system:serviceaccount:default:capoci")))
	if err != nil {
		t.Fatalf("workload identity provider: %v", err)
	}
	vn, err := core.NewVirtualNetworkClientWithConfigurationProvider(provider)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Configure(&vn.BaseClient, ocisim.ServiceCore, "us-ashburn-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(s.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}}); err != nil {
		t.Fatalf("create with a workload identity: %v", err)
	}
	if n := len(s.Live(ocisim.KindVcn)); n != 1 {
		t.Fatalf("want 1 VCN, got %d", n)
	}
}
