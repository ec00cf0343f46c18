package ocisim

import (
	"net/netip"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestParseCIDR checks CIDR validation as OCI applies it.
func TestParseCIDR(t *testing.T) {
	cases := []struct {
		cidr string
		min  int
		ok   bool
	}{
		{"10.0.0.0/16", 16, true},
		{"10.0.0.0/30", 16, true},
		{"10.0.0.0/31", 16, false},
		{"10.0.0.0/8", 16, false},
		{"10.0.0.1/24", 16, false},
		{"fd00::/64", 16, false},
		{"10.0.0.0", 16, false},
	}
	for _, tc := range cases {
		if _, err := parseCIDR(tc.cidr, tc.min); (err == nil) != tc.ok {
			t.Errorf("parseCIDR(%q) error %v, want ok=%v", tc.cidr, err, tc.ok)
		}
	}
	outer, inner := netip.MustParsePrefix("10.0.0.0/16"), netip.MustParsePrefix("10.0.5.0/24")
	if !contains(outer, inner) || contains(inner, outer) || !overlaps(inner, outer) {
		t.Fatal("prefix relations are wrong")
	}
	if got := hostAt(inner, 1).String(); got != "10.0.5.1" {
		t.Fatalf("hostAt: %s", got)
	}
}

// TestCopyFieldsAndMandatory checks the reflection helpers the engine uses.
func TestCopyFieldsAndMandatory(t *testing.T) {
	name := "vcn"
	d := &core.CreateVcnDetails{DisplayName: &name, CidrBlocks: []string{"10.0.0.0/16"}, FreeformTags: map[string]string{"a": "b"}}
	v := &core.Vcn{}
	copyFields(v, d)
	if *v.DisplayName != "vcn" || v.CidrBlocks[0] != "10.0.0.0/16" || v.FreeformTags["a"] != "b" {
		t.Fatalf("copyFields: %+v", v)
	}
	setField(v, "LifecycleState", "AVAILABLE")
	if v.LifecycleState != core.VcnLifecycleStateAvailable {
		t.Fatalf("setField: %s", v.LifecycleState)
	}
	if err := checkMandatory(d); err == nil {
		t.Fatal("a missing compartmentId passed")
	}
	d.CompartmentId = &name
	if err := checkMandatory(d); err != nil {
		t.Fatal(err)
	}
}
