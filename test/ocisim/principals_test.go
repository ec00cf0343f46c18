package ocisim

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/common/auth"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// forgedToken signs with a session token the emulator never issued.
type forgedToken struct{ common.ConfigurationProvider }

// KeyID returns a session token the emulator never issued.
func (f forgedToken) KeyID() (string, error) { return "ST$eyJhbGciOiJub25lIn0.e30.x", nil }

// TestInstancePrincipals checks instance principal federation and ST$ signatures.
func TestInstancePrincipals(t *testing.T) {
	s := startSim(t, Options{})
	for k, v := range s.InstancePrincipalEnv() {
		t.Setenv(k, v)
	}
	provider, err := auth.InstancePrincipalConfigurationProvider()
	if err != nil {
		t.Fatalf("instance principal provider: %v", err)
	}
	if tenancy := must(provider.TenancyOCID()); tenancy != s.Tenancy() {
		t.Fatalf("tenancy from the certificate: %s", tenancy)
	}
	vn := must(core.NewVirtualNetworkClientWithConfigurationProvider(provider))
	if err := s.Configure(&vn.BaseClient, ServiceCore, iad); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	must(vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(s.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}}))
	if n := len(s.Live(KindVcn)); n != 1 {
		t.Fatalf("want 1 VCN created with an instance principal, got %d", n)
	}
	if keyID := must(provider.KeyID()); !strings.HasPrefix(keyID, "ST$") {
		t.Fatalf("instance principal key id %q", keyID)
	}
	forged := must(core.NewVirtualNetworkClientWithConfigurationProvider(forgedToken{provider}))
	if err := s.Configure(&forged.BaseClient, ServiceCore, iad); err != nil {
		t.Fatal(err)
	}
	_, err = forged.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())})
	wantCode(t, err, http.StatusUnauthorized, "NotAuthenticated")
}
