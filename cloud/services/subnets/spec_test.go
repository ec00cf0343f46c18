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

package subnets

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func vcn(subnets ...infrav1.Subnet) *infrav1.VCN {
	return &infrav1.VCN{ID: "ocid1.vcn.x", Subnets: subnets,
		RouteTable: &infrav1.RouteTable{PrivateRouteTableID: "ocid1.rt.private", PublicRouteTableID: "ocid1.rt.public"}}
}

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	base := func(name, cidr string, private bool, rt string, f func(*core.CreateSubnetDetails)) createDetails {
		d := core.CreateSubnetDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.x"), CidrBlock: ptr.To(cidr),
			DisplayName: ptr.To(name), ProhibitPublicIpOnVnic: ptr.To(private), ProhibitInternetIngress: ptr.To(private),
			RouteTableId: ptr.To(rt), FreeformTags: o.OwnedTags()}
		if f != nil {
			f(&d)
		}
		return createDetails{Subnet: d}
	}
	for _, tc := range []struct {
		name string
		vcn  *infrav1.VCN
		want createDetails
	}{
		{"private: no public IPs, no internet ingress, the private route table",
			vcn(infrav1.Subnet{Name: "worker", CIDR: "10.0.64.0/20", Type: "private"}),
			base("worker", "10.0.64.0/20", true, "ocid1.rt.private", nil)},
		{"public, with a DNS label: the public route table",
			vcn(infrav1.Subnet{Name: "cpe", CIDR: "10.0.0.8/29", Type: "public", DNSLabel: "cpe"}),
			base("cpe", "10.0.0.8/29", false, "ocid1.rt.public", func(d *core.CreateSubnetDetails) { d.DnsLabel = ptr.To("cpe") })},
		{"no type is public", vcn(infrav1.Subnet{Name: "lb", CIDR: "10.0.0.32/27"}),
			base("lb", "10.0.0.32/27", false, "ocid1.rt.public", nil)},
		{"its security list, alone", vcn(infrav1.Subnet{Name: "lb", CIDR: "10.0.0.32/27",
			SecurityList: &infrav1.SecurityList{ID: "ocid1.sl.lb"}}),
			base("lb", "10.0.0.32/27", false, "ocid1.rt.public", func(d *core.CreateSubnetDetails) { d.SecurityListIds = []string{"ocid1.sl.lb"} })},
		{"route tables skipped and none given: the VCN's default table",
			&infrav1.VCN{ID: "ocid1.vcn.x", RouteTable: &infrav1.RouteTable{Skip: true},
				Subnets: []infrav1.Subnet{{Name: "w", CIDR: "10.0.64.0/20", Type: "private"}}},
			base("w", "10.0.64.0/20", true, "", func(d *core.CreateSubnetDetails) { d.RouteTableId = nil })},
		{"route tables skipped, one given: that one",
			&infrav1.VCN{ID: "ocid1.vcn.x", RouteTable: &infrav1.RouteTable{Skip: true, PrivateRouteTableID: "ocid1.rt.byo"},
				Subnets: []infrav1.Subnet{{Name: "w", CIDR: "10.0.64.0/20", Type: "private"}}},
			base("w", "10.0.64.0/20", true, "ocid1.rt.byo", nil)},
		{"IPv6 VCN with a hextet: the hextet beside the request, two digits",
			func() *infrav1.VCN {
				v := vcn(infrav1.Subnet{Name: "w", CIDR: "10.0.64.0/20", Type: "private", IPv6CIDRBlockHextet: "A"})
				v.IsIPv6Enabled = ptr.To(true)
				return v
			}(),
			func() createDetails {
				d := base("w", "10.0.64.0/20", true, "ocid1.rt.private", nil)
				d.IPv6Hextet = "0a"
				return d
			}()},
		{"a hextet without IPv6 on the VCN is not used",
			vcn(infrav1.Subnet{Name: "w", CIDR: "10.0.64.0/20", Type: "private", IPv6CIDRBlockHextet: "0a"}),
			base("w", "10.0.64.0/20", true, "ocid1.rt.private", nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := NewSpec(o, tc.vcn, 0)
			if w := spec.Waiting(); w != "" {
				t.Fatalf("waiting for %s", w)
			}
			got, err := spec.CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("create details (-want +got):\n%s", d)
			}
		})
	}
}

func TestWaiting(t *testing.T) {
	for _, tc := range []struct {
		name string
		vcn  *infrav1.VCN
		want string
	}{
		{"the private route table not recorded yet", &infrav1.VCN{Subnets: []infrav1.Subnet{{Name: "w", CIDR: "10.0.64.0/20", Type: "private"}},
			RouteTable: &infrav1.RouteTable{PublicRouteTableID: "ocid1.rt.public"}}, "the private route table"},
		{"route tables managed by default", &infrav1.VCN{Subnets: []infrav1.Subnet{{Name: "w", CIDR: "10.0.64.0/20"}}}, "the public route table"},
		{"its security list not recorded yet", vcn(infrav1.Subnet{Name: "w", CIDR: "10.0.64.0/20",
			SecurityList: &infrav1.SecurityList{Name: "sl"}}), "its security list"},
		{"a spec error is reported rather than waited on", &infrav1.VCN{Subnets: []infrav1.Subnet{{Name: "w", CIDR: "bad"}}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NewSpec(svctest.NewOwner(), tc.vcn, 0).Waiting(); got != tc.want {
				t.Errorf("waiting for %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCreateDetailsRefusesSpecErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		subnet infrav1.Subnet
		field  string
	}{
		{"no CIDR", infrav1.Subnet{Name: "w"}, "spec.networkSpec.vcn.subnets[1].cidr"},
		{"an IPv6 CIDR", infrav1.Subnet{Name: "w", CIDR: "fd00::/64"}, "spec.networkSpec.vcn.subnets[1].cidr"},
		{"a hextet of three digits", infrav1.Subnet{Name: "w", CIDR: "10.0.0.0/24", IPv6CIDRBlockHextet: "100"},
			"spec.networkSpec.vcn.subnets[1].ipv6CidrBlockHextet"},
		{"a hextet not hex", infrav1.Subnet{Name: "w", CIDR: "10.0.0.0/24", IPv6CIDRBlockHextet: "g1"},
			"spec.networkSpec.vcn.subnets[1].ipv6CidrBlockHextet"},
		{"a hextet of a whole group", infrav1.Subnet{Name: "w", CIDR: "10.0.0.0/24", IPv6CIDRBlockHextet: "1111"},
			"spec.networkSpec.vcn.subnets[1].ipv6CidrBlockHextet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := vcn(infrav1.Subnet{Name: "first", CIDR: "10.0.1.0/24"}, tc.subnet)
			v.IsIPv6Enabled = ptr.To(true)
			_, err := NewSpec(svctest.NewOwner(), v, 1).CreateDetails()
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Fatalf("CreateDetails: %v, want an error naming %s", err, tc.field)
			}
		})
	}
}

func TestIPv6Block(t *testing.T) {
	for _, tc := range []struct {
		vcn     string
		hextet  byte
		want    string
		wantErr bool
	}{
		{vcn: "2603:c020:4000:9a00::/56", hextet: 0x0a, want: "2603:c020:4000:9a0a::/64"},
		{vcn: "2603:c020:4000:9a00::/56", hextet: 0, want: "2603:c020:4000:9a00::/64"},
		{vcn: "2603:c020:4000:9a00::/56", hextet: 0xff, want: "2603:c020:4000:9aff::/64"},
		{vcn: "2603:c020:4000:9a42::/56", hextet: 0x01, want: "2603:c020:4000:9a01::/64"},
		{vcn: "2001:db8:1::/48", hextet: 0x11, want: "2001:db8:1:11::/64"},
		{vcn: "2001:db8:1:1::/64", hextet: 1, wantErr: true},
		{vcn: "10.0.0.0/16", hextet: 1, wantErr: true},
		{vcn: "::ffff:10.0.0.0/104", hextet: 1, wantErr: true},
		{vcn: "not a prefix", hextet: 1, wantErr: true},
	} {
		got, err := ipv6Block(tc.vcn, tc.hextet)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ipv6Block(%s, %02x) = %q, %v; want %q (error %v)", tc.vcn, tc.hextet, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := NewSpec(o, vcn(infrav1.Subnet{Name: "w", CIDR: "10.0.64.0/20", Type: "private",
		SecurityList: &infrav1.SecurityList{ID: "ocid1.sl.ours"}}), 0)
	existing := func(f func(*core.Subnet)) core.Subnet {
		s := core.Subnet{DisplayName: ptr.To("w"), CidrBlock: ptr.To("10.0.64.0/20"), FreeformTags: owned,
			SecurityListIds: []string{"ocid1.sl.ours"}, RouteTableId: ptr.To("ocid1.rt.private")}
		if f != nil {
			f(&s)
		}
		return s
	}
	for _, tc := range []struct {
		name     string
		existing core.Subnet
		want     any
		wantErr  string
	}{
		{"as desired, with another's tag: nothing to do",
			existing(func(s *core.Subnet) {
				s.FreeformTags = map[string]string{"x": "y", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
			}), nil, ""},
		{"renamed: renamed back", existing(func(s *core.Subnet) { s.DisplayName = ptr.To("renamed") }),
			core.UpdateSubnetDetails{DisplayName: ptr.To("w"), FreeformTags: owned}, ""},
		{"its security list detached: attached again, the others kept",
			existing(func(s *core.Subnet) { s.SecurityListIds = []string{"ocid1.sl.default"} }),
			core.UpdateSubnetDetails{DisplayName: ptr.To("w"), FreeformTags: owned, SecurityListIds: []string{"ocid1.sl.default", "ocid1.sl.ours"}}, ""},
		{"moved to another route table: moved back", existing(func(s *core.Subnet) { s.RouteTableId = ptr.To("ocid1.rt.default") }),
			core.UpdateSubnetDetails{DisplayName: ptr.To("w"), FreeformTags: owned, RouteTableId: ptr.To("ocid1.rt.private")}, ""},
		{"another CIDR in OCI: reported, not changed", existing(func(s *core.Subnet) { s.CidrBlock = ptr.To("10.0.80.0/20") }), nil,
			"the CIDR of subnet w is 10.0.80.0/20 in OCI and 10.0.64.0/20 in spec and cannot be changed in place"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("UpdateDetails: %v, want an error saying %q", err, tc.wantErr)
				}
				return
			}
			svctest.CheckUpdate(t, "UpdateSubnetDetails", tc.want, got, err)
		})
	}
}
