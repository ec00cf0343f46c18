package main

import (
	"os"
	"strings"
	"testing"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestWriteFilesAndPrint checks the files the command writes and what it prints.
func TestWriteFilesAndPrint(t *testing.T) {
	c, err := parseFlags([]string{"-regions", "us-ashburn-1", "-dir", t.TempDir(), "-tls", "-realistic-delays"})
	if err != nil {
		t.Fatal(err)
	}
	sim, err := ocisim.Start(t.Context(), c.options())
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	d, err := writeFiles(c, sim)
	if err != nil {
		t.Fatal(err)
	}
	key, err := os.ReadFile(d.KeyFile)
	if err != nil || !strings.Contains(string(key), "PRIVATE KEY") {
		t.Fatalf("key file: %v", err)
	}
	var out strings.Builder
	if err := printDetails(&out, d, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{sim.Tenancy(), sim.Fingerprint(), sim.Endpoint(ocisim.ServiceCore, "us-ashburn-1"), "https://"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
	var js strings.Builder
	if err := printDetails(&js, d, true); err != nil || !strings.Contains(js.String(), `"fingerprint"`) {
		t.Fatalf("json output: %v %s", err, js.String())
	}
}
