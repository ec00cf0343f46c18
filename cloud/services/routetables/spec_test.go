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

package routetables

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

const (
	label = "all-yyz-services-in-oracle-services-network"
	nat   = "ocid1.natgateway.test"
	sgw   = "ocid1.servicegateway.test"
	igw   = "ocid1.internetgateway.test"
	drg   = "ocid1.drg.test"
)

func subnets(types ...string) []infrav1.Subnet {
	roles := []string{"control-plane-endpoint", "control-plane", "service-lb", "worker"}
	out := make([]infrav1.Subnet, len(roles))
	for i, r := range roles {
		out[i] = infrav1.Subnet{Name: r, Role: r, Type: types[i]}
	}
	return out
}

// gatewayed is a VCN whose gateways are all recorded.
func gatewayed() *infrav1.VCN {
	return &infrav1.VCN{ID: "ocid1.vcn.test", NATGateway: &infrav1.NATGateway{ID: nat},
		ServiceGateway: &infrav1.ServiceGateway{ID: sgw}, InternetGateway: &infrav1.InternetGateway{ID: igw},
		Subnets: subnets("public", "private", "public", "private")}
}

func cidr(dest, target, description string) core.RouteRule {
	return core.RouteRule{DestinationType: core.RouteRuleDestinationTypeCidrBlock, Destination: ptr.To(dest),
		NetworkEntityId: ptr.To(target), Description: ptr.To(description)}
}

func services() core.RouteRule {
	return core.RouteRule{DestinationType: core.RouteRuleDestinationTypeServiceCidrBlock, Destination: ptr.To(label),
		NetworkEntityId: ptr.To(sgw), Description: ptr.To("traffic to OCI services")}
}

func TestTables(t *testing.T) {
	for _, tc := range []struct {
		name            string
		types           []string
		private, public bool
	}{
		{"mixed: both", []string{"public", "private", "public", "private"}, true, true},
		{"all private: the private one", []string{"private", "private", "private", "private"}, true, false},
		{"all public: the public one", []string{"public", "public", "public", "public"}, false, true},
		{"no type is public: the public one", []string{"", "", "", ""}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			private, public := Tables(&infrav1.VCN{Subnets: subnets(tc.types...)})
			if private != tc.private || public != tc.public {
				t.Errorf("private %v, public %v; want %v, %v", private, public, tc.private, tc.public)
			}
		})
	}
}

func TestPrivateCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	base := []core.RouteRule{cidr("0.0.0.0/0", nat, "traffic to the internet"), services()}
	for _, tc := range []struct {
		name    string
		peering *infrav1.VCNPeering
		rules   []core.RouteRule
	}{
		{"without peering: the internet and Oracle services", nil, base},
		{"peering without routes: no DRG needed", &infrav1.VCNPeering{}, base},
		{"peer routes through the DRG", &infrav1.VCNPeering{DRG: &infrav1.DRG{ID: drg},
			PeerRouteRules: []infrav1.PeerRouteRule{{VCNCIDRRange: "10.1.0.0/16"}, {VCNCIDRRange: "10.2.0.0/16"}}},
			append(append([]core.RouteRule{}, base...), cidr("10.1.0.0/16", drg, "traffic to peer DRG"),
				cidr("10.2.0.0/16", drg, "traffic to peer DRG"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := NewPrivateSpec(o, gatewayed(), tc.peering, label)
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			want := core.CreateRouteTableDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.test"),
				DisplayName: ptr.To("private-route-table"), RouteRules: tc.rules, FreeformTags: o.OwnedTags(), DefinedTags: o.Defined}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("CreateRouteTableDetails (-want +got):\n%s", d)
			}
			if spec.Key() != KeyPrivate {
				t.Errorf("key %q, want %q", spec.Key(), KeyPrivate)
			}
		})
	}
}

func TestPublicCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	for _, tc := range []struct {
		name  string
		ipv6  *bool
		rules []core.RouteRule
	}{
		{"IPv4: the internet", nil, []core.RouteRule{cidr("0.0.0.0/0", igw, "traffic to/from internet")}},
		{"IPv6 too", ptr.To(true), []core.RouteRule{cidr("0.0.0.0/0", igw, "traffic to/from internet"),
			cidr("::/0", igw, "ipv6 traffic to/from internet")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := gatewayed()
			v.IsIPv6Enabled = tc.ipv6
			spec, err := NewPublicSpec(o, v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			want := core.CreateRouteTableDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.test"),
				DisplayName: ptr.To("public-route-table"), RouteRules: tc.rules, FreeformTags: o.OwnedTags()}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("CreateRouteTableDetails (-want +got):\n%s", d)
			}
		})
	}
}

// notDone is a check that err is "not done" for key, saying what it waits for.
func notDone(key, what string) func(error) bool {
	return func(err error) bool {
		var nd *async.NotDoneError
		return errors.As(err, &nd) && nd.Key == key && strings.Contains(nd.What, what) && nd.RequeueAfter > 0
	}
}

// plain is a check that err is an error, not "not done", naming field.
func plain(field string) func(error) bool {
	return func(err error) bool {
		return err != nil && !async.IsNotDone(err) && strings.Contains(err.Error(), field)
	}
}

func TestSpecsWaitForTheirGateways(t *testing.T) {
	o := svctest.NewOwner()
	peer := []infrav1.PeerRouteRule{{VCNCIDRRange: "10.1.0.0/16"}}
	for _, tc := range []struct {
		name    string
		change  func(v *infrav1.VCN, p *infrav1.VCNPeering)
		public  bool
		wantErr func(error) bool
	}{
		{"NAT gateway not recorded yet", func(v *infrav1.VCN, _ *infrav1.VCNPeering) { v.NATGateway = nil },
			false, notDone(KeyPrivate, "NAT gateway")},
		{"service gateway not recorded yet", func(v *infrav1.VCN, _ *infrav1.VCNPeering) { v.ServiceGateway.ID = "" },
			false, notDone(KeyPrivate, "service gateway")},
		{"NAT gateway skipped without an ID", func(v *infrav1.VCN, _ *infrav1.VCNPeering) {
			v.NATGateway = &infrav1.NATGateway{Skip: true}
		}, false, plain("natGateway.id")},
		{"managed DRG not recorded yet", func(_ *infrav1.VCN, p *infrav1.VCNPeering) {
			p.DRG, p.PeerRouteRules = &infrav1.DRG{Manage: true}, peer
		}, false, notDone(KeyPrivate, "DRG")},
		{"unmanaged DRG without an ID", func(_ *infrav1.VCN, p *infrav1.VCNPeering) {
			p.DRG, p.PeerRouteRules = &infrav1.DRG{}, peer
		}, false, plain("drg.id")},
		{"peer routes without a DRG", func(_ *infrav1.VCN, p *infrav1.VCNPeering) { p.PeerRouteRules = peer },
			false, plain("vcnPeering.drg")},
		{"internet gateway not recorded yet", func(v *infrav1.VCN, _ *infrav1.VCNPeering) { v.InternetGateway = nil },
			true, notDone(KeyPublic, "internet gateway")},
		{"internet gateway skipped without an ID", func(v *infrav1.VCN, _ *infrav1.VCNPeering) {
			v.InternetGateway = &infrav1.InternetGateway{Skip: true}
		}, true, plain("internetGateway.id")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, p := gatewayed(), &infrav1.VCNPeering{}
			tc.change(v, p)
			var err error
			if tc.public {
				_, err = NewPublicSpec(o, v)
			} else {
				_, err = NewPrivateSpec(o, v, p, label)
			}
			if !tc.wantErr(err) {
				t.Errorf("error %v, not the one wanted", err)
			}
		})
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec, err := NewPrivateSpec(o, gatewayed(), nil, label)
	if err != nil {
		t.Fatal(err)
	}
	desired := []core.RouteRule{cidr("0.0.0.0/0", nat, "traffic to the internet"), services()}
	table := func(rules ...core.RouteRule) core.RouteTable {
		return core.RouteTable{DisplayName: ptr.To("private-route-table"), RouteRules: rules, FreeformTags: owned}
	}
	legacy := core.RouteRule{CidrBlock: ptr.To("0.0.0.0/0"), NetworkEntityId: ptr.To(nat)}
	local := core.RouteRule{Destination: ptr.To("10.0.0.0/16"), NetworkEntityId: ptr.To("ocid1.vcn.test"),
		RouteType: core.RouteRuleRouteTypeLocal}
	for _, tc := range []struct {
		name     string
		existing core.RouteTable
		want     any
	}{
		{"as desired", table(desired...), nil},
		{"other order, other descriptions, OCI's local rule, the deprecated cidrBlock form",
			table(services(), local, legacy), nil},
		{"a rule gone: all the rules put back", table(services()),
			core.UpdateRouteTableDetails{DisplayName: ptr.To("private-route-table"), FreeformTags: owned, RouteRules: desired}},
		{"a rule added: all the rules put back", table(append([]core.RouteRule{cidr("10.9.0.0/16", nat, "")}, desired...)...),
			core.UpdateRouteTableDetails{DisplayName: ptr.To("private-route-table"), FreeformTags: owned, RouteRules: desired}},
		{"a rule through another gateway: all the rules put back",
			table(cidr("0.0.0.0/0", "ocid1.internetgateway.other", "traffic to the internet"), services()),
			core.UpdateRouteTableDetails{DisplayName: ptr.To("private-route-table"), FreeformTags: owned, RouteRules: desired}},
		{"a rule twice: all the rules put back", table(append(append([]core.RouteRule{}, desired...), desired[0])...),
			core.UpdateRouteTableDetails{DisplayName: ptr.To("private-route-table"), FreeformTags: owned, RouteRules: desired}},
		{"renamed: renamed back, rules not sent",
			core.RouteTable{DisplayName: ptr.To("other"), RouteRules: desired, FreeformTags: owned},
			core.UpdateRouteTableDetails{DisplayName: ptr.To("private-route-table"), FreeformTags: owned}},
		{"a tag removed: put back, others kept, rules not sent",
			core.RouteTable{DisplayName: ptr.To("private-route-table"), RouteRules: desired,
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}},
			core.UpdateRouteTableDetails{DisplayName: ptr.To("private-route-table"),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateRouteTableDetails", tc.want, got, err)
		})
	}
}

func TestNewSpecReadsTheRecordedIDs(t *testing.T) {
	o := svctest.NewOwner()
	v := &infrav1.VCN{RouteTable: &infrav1.RouteTable{PrivateRouteTableID: "ocid1.routetable.private",
		PublicRouteTableID: "ocid1.routetable.public"}}
	if id := newSpec(o, v, KeyPrivate).OCID(); id != "ocid1.routetable.private" {
		t.Errorf("private OCID %q", id)
	}
	if id := newSpec(o, v, KeyPublic).OCID(); id != "ocid1.routetable.public" {
		t.Errorf("public OCID %q", id)
	}
	if id := newSpec(o, &infrav1.VCN{}, KeyPublic).OCID(); id != "" {
		t.Errorf("OCID %q without a route table spec, want none", id)
	}
}
