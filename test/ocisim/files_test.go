package ocisim

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/identity"
)

// TestWriteCredentials checks that the SDK's own file-based configuration
// provider signs accepted requests from the written files.
func TestWriteCredentials(t *testing.T) {
	s := startSim(t, Options{})
	files := must(s.WriteCredentials(t.TempDir()))
	provider := must(common.ConfigurationProviderFromFile(files.ConfigFile, ""))
	client := must(identity.NewIdentityClientWithConfigurationProvider(provider))
	if err := s.Configure(&client.BaseClient, ServiceIdentity, iad); err != nil {
		t.Fatal(err)
	}
	ads := must(client.ListAvailabilityDomains(context.Background(), identity.ListAvailabilityDomainsRequest{
		CompartmentId: common.String(s.Tenancy())}))
	if len(ads.Items) != 3 || files.CAFile != "" {
		t.Fatalf("availability domains %d, CA file %q", len(ads.Items), files.CAFile)
	}
	for name, want := range map[string]string{"tenancy": s.Tenancy(), "user": s.User(), "fingerprint": s.Fingerprint(),
		"region": iad, "key": s.PrivateKeyPEM(), "useInstancePrincipal": "false", "passphrase": ""} {
		got, err := os.ReadFile(filepath.Join(files.AuthConfigDir, name))
		if err != nil || string(got) != want {
			t.Fatalf("auth-config/%s: %q, %v", name, got, err)
		}
	}
}
