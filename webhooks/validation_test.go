// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package webhooks

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func TestValidateOCID(t *testing.T) {
	good := []string{
		"ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq",
		"ocid1.instance.oc1.phx.abuw4ljrlsfiqw6vzzxb43vyypt4pkodawglp3wqxjqofakrwvou52gb6s5a",
		"ocid1.vcn.oc1.iad.aaaaaaaaexample", "ocid1.image.oc1.iad.oraclelinux8",
		"ocid1.dedicatedvmhost.oc1.iad.future.aaaa",
	}
	for _, id := range good {
		if errs := validateOCID(field.NewPath("id"), id); len(errs) > 0 {
			t.Errorf("%s: %v", id, errs)
		}
	}
	bad := []string{"vcn-123", "ocid1.vcn", "ocid2.vcn.oc1.iad.aaaa", "ocid1.vcn.oc1.iad.", "ocid1..oc1.iad.aaaa", "OCID1.VCN.OC1.IAD.AAAA"}
	for _, id := range bad {
		errs := validateOCID(field.NewPath("spec", "id"), id)
		if len(errs) != 1 || errs[0].Field != "spec.id" {
			t.Errorf("%s: want one error at spec.id, got %v", id, errs)
		}
	}
}

func TestCIDRHelpers(t *testing.T) {
	p := field.NewPath("cidr")
	if _, errs := parseCIDR(p, "10.0.0.0/16"); errs != nil {
		t.Errorf("valid CIDR refused: %v", errs)
	}
	for _, c := range []string{"10.0.0.0", "10.0.0.0/40", "10.0.1.0/16", "x"} {
		if _, errs := parseCIDR(p, c); len(errs) != 1 {
			t.Errorf("%s: want one error, got %v", c, errs)
		}
	}
	vcn, _ := parseCIDR(p, "10.0.0.0/16")
	inside, _ := parseCIDR(p, "10.0.64.0/20")
	wider, _ := parseCIDR(p, "10.0.0.0/8")
	if !contains(vcn, inside) || contains(vcn, wider) || contains(inside, vcn) {
		t.Error("contains is wrong")
	}
	errs := noOverlaps([]namedPrefix{{p.Index(0), vcn}, {p.Index(1), inside}, {p.Index(2), wider}})
	if len(errs) != 2 || errs[0].Field != "cidr[1]" || errs[1].Field != "cidr[2]" {
		t.Errorf("overlaps: %v", errs)
	}
}

func TestUpdateRules(t *testing.T) {
	p := field.NewPath("spec", "id")
	cases := []struct {
		old, new string
		want     int
	}{{"", "", 0}, {"", "a", 0}, {"a", "a", 0}, {"a", "b", 1}, {"a", "", 1}}
	for _, c := range cases {
		if got := len(writeOnce(p, c.old, c.new)); got != c.want {
			t.Errorf("writeOnce(%q, %q): %d errors, want %d", c.old, c.new, got, c.want)
		}
	}
	type s struct {
		A string `json:"a"`
		B *int   `json:"b,omitempty"`
		C string `json:"c"`
	}
	// Values are compared, never pointers: two pointers to equal ints are the same value.
	errs := immutableStruct(field.NewPath("spec"), &s{A: "x", B: ptr.To(1)}, &s{A: "y", B: ptr.To(1), C: "z"}, "c")
	if len(errs) != 1 || errs[0].Field != "spec.a" {
		t.Errorf("immutableStruct: %v", errs)
	}
	if errs := immutable(p, ptr.Deref(ptr.To(true), false), ptr.Deref(ptr.To(true), false)); errs != nil {
		t.Errorf("equal values reported: %v", errs)
	}
}

func TestUpdatesOfDeletedObjectsAreAllowed(t *testing.T) {
	v := deletionSafe[*infrav1.OCIMachine]{&OCIMachine{}}
	old := newMachine()
	changed := newMachine()
	changed.Spec.ImageID = "not-an-ocid"
	if _, err := v.ValidateUpdate(context.Background(), old, changed); err == nil {
		t.Fatal("an invalid update was allowed")
	}
	changed.DeletionTimestamp = ptr.To(metav1.Now())
	if _, err := v.ValidateUpdate(context.Background(), old, changed); err != nil {
		t.Errorf("an update of an object being deleted was refused: %v", err)
	}
}
