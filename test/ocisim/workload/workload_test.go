// Package workload_test checks OKE workload identity against the emulator. It
// is its own test binary because the SDK dials a fixed port (12250) and reads
// its configuration from the process environment.
package workload_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/common/auth"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// serve binds the workload identity endpoint on the first free 127.0.0.x.
func serve(t *testing.T, s *ocisim.Sim) (string, []byte) {
	t.Helper()
	for i := 1; i < 10; i++ {
		host := fmt.Sprintf("127.0.0.%d", i)
		ca, err := s.ServeWorkloadIdentity(fmt.Sprintf("%s:%d", host, ocisim.WorkloadIdentityPort))
		if err == nil {
			return host, ca
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			t.Fatalf("serving workload identity: %v", err)
		}
	}
	t.Fatal("port 12250 is taken on 127.0.0.1-9")
	return "", nil
}

// serviceAccountToken returns an unsigned JWT shaped like a Kubernetes
// service account token, valid for an hour.
func serviceAccountToken() string {
	enc := base64.RawURLEncoding
	claims := fmt.Sprintf(`{"sub":"system:serviceaccount:default:capoci","iat":%d,"exp":%d}`,
		time.Now().Unix(), time.Now().Add(time.Hour).Unix())
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(claims)) + ".c2ln"
}

// TestWorkloadIdentity checks OKE workload identity through the SDK.
func TestWorkloadIdentity(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := ocisim.Start(ctx, ocisim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	host, ca := serve(t, s)
	caPath := filepath.Join(t.TempDir(), "ca.crt")
	if err := os.WriteFile(caPath, ca, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OCI_RESOURCE_PRINCIPAL_VERSION", "2.2")
	t.Setenv("OCI_RESOURCE_PRINCIPAL_REGION", "us-ashburn-1")
	t.Setenv("KUBERNETES_SERVICE_HOST", host)
	t.Setenv("OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH", caPath)
	provider, err := auth.OkeWorkloadIdentityConfigurationProviderWithServiceAccountTokenProvider(
		auth.NewSuppliedServiceAccountTokenProvider(serviceAccountToken()))
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
