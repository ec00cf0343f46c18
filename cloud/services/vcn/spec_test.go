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

package vcn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Freeform = map[string]string{"team": "a"}
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	tags := map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
	base := func(f func(*core.CreateVcnDetails)) core.CreateVcnDetails {
		d := core.CreateVcnDetails{CompartmentId: ptr.To(o.Compartment), DisplayName: ptr.To("c1"),
			CidrBlocks: []string{"10.0.0.0/16"}, FreeformTags: tags, DefinedTags: o.Defined}
		if f != nil {
			f(&d)
		}
		return d
	}
	for _, tc := range []struct {
		name string
		vcn  infrav1.VCN
		want core.CreateVcnDetails
	}{
		{"defaults: the cluster's name and 10.0.0.0/16", infrav1.VCN{}, base(nil)},
		{"name, cidr and dns label", infrav1.VCN{Name: "net", CIDR: "10.1.0.0/16", DNSLabel: "net"},
			base(func(d *core.CreateVcnDetails) {
				d.DisplayName, d.CidrBlocks, d.DnsLabel = ptr.To("net"), []string{"10.1.0.0/16"}, ptr.To("net")
			})},
		{"cidrs win over cidr", infrav1.VCN{CIDR: "10.1.0.0/16", CIDRs: []string{"10.2.0.0/16", "10.3.0.0/16"}},
			base(func(d *core.CreateVcnDetails) { d.CidrBlocks = []string{"10.2.0.0/16", "10.3.0.0/16"} })},
		{"IPv6 with OCI's addresses", infrav1.VCN{IsIPv6Enabled: ptr.To(true)},
			base(func(d *core.CreateVcnDetails) { d.IsIpv6Enabled = ptr.To(true) })},
		{"IPv6 without OCI's addresses", infrav1.VCN{IsIPv6Enabled: ptr.To(true), IsOracleGuaAllocationEnabled: ptr.To(false)},
			base(func(d *core.CreateVcnDetails) {
				d.IsIpv6Enabled, d.IsOracleGuaAllocationEnabled = ptr.To(true), ptr.To(false)
			})},
		{"GUA allocation is not sent without IPv6", infrav1.VCN{IsOracleGuaAllocationEnabled: ptr.To(true)}, base(nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NewSpec(o, "c1", &tc.vcn).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("CreateVcnDetails (-want +got):\n%s", d)
			}
		})
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := NewSpec(o, "c1", &infrav1.VCN{})
	for _, tc := range []struct {
		name     string
		existing core.Vcn
		want     any
	}{
		{"as desired, with tags of others kept", core.Vcn{DisplayName: ptr.To("c1"),
			FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}, nil},
		{"renamed behind our back", core.Vcn{DisplayName: ptr.To("other"), FreeformTags: owned},
			core.UpdateVcnDetails{DisplayName: ptr.To("c1"), FreeformTags: owned}},
		{"a tag removed: put back, others kept", core.Vcn{DisplayName: ptr.To("c1"),
			FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}},
			core.UpdateVcnDetails{DisplayName: ptr.To("c1"),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateVcnDetails", tc.want, got, err)
		})
	}
}
