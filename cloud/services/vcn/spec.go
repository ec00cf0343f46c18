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
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// DefaultCIDR is the VCN's CIDR when spec gives none, as the earlier provider chose it.
const DefaultCIDR = "10.0.0.0/16"

// Spec is the desired state of a cluster's VCN.
type Spec struct {
	svc.Desired
	cidrs    []string
	dnsLabel string
	ipv6     bool
	gua      *bool
}

var _ async.Spec[core.Vcn] = (*Spec)(nil)

// NewSpec builds the VCN's desired state from the cluster: its name (the cluster's when spec has none), its
// CIDRs (cidrs, else cidr, else DefaultCIDR), DNS label, IPv6 and tags.
func NewSpec(o svc.Owner, clusterName string, v *infrav1.VCN) *Spec {
	name := v.Name
	if name == "" {
		name = clusterName
	}
	s := &Spec{Desired: svc.NewDesired(o, Key, v.ID, name), cidrs: v.CIDRs, dnsLabel: v.DNSLabel,
		ipv6: ptr.Deref(v.IsIPv6Enabled, false)}
	if len(s.cidrs) == 0 && v.CIDR != "" {
		s.cidrs = []string{v.CIDR}
	}
	if len(s.cidrs) == 0 {
		s.cidrs = []string{DefaultCIDR}
	}
	if s.ipv6 {
		// OCI allocates the VCN a /56 of its global unicast addresses unless told not to.
		s.gua = v.IsOracleGuaAllocationEnabled
	}
	return s
}

// CreateDetails is the CreateVcn request body.
func (s *Spec) CreateDetails() (any, error) {
	d := core.CreateVcnDetails{CompartmentId: &s.Compartment, DisplayName: ptr.To(s.Name()), CidrBlocks: s.cidrs,
		FreeformTags: s.Tags, DefinedTags: s.Defined}
	if s.dnsLabel != "" {
		d.DnsLabel = &s.dnsLabel
	}
	if s.ipv6 {
		d.IsIpv6Enabled = ptr.To(true)
		d.IsOracleGuaAllocationEnabled = s.gua
	}
	return d, nil
}

// UpdateDetails brings the VCN's display name and tags back; the CIDRs, DNS label and IPv6 of a VCN are not
// changed in place (a change of them is refused by admission).
func (s *Spec) UpdateDetails(existing *core.Vcn) (any, error) {
	if s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	return core.UpdateVcnDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}, nil
}
