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

package nsgs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
)

// translator turns the rules of one NSG of the spec into OCI's form.
type translator struct {
	path string
	// list is the spec's NSG list: a NETWORK_SECURITY_GROUP peer names one of them.
	list []infrav1.NSG
	// serviceLabel is the peer of every SERVICE_CIDR_BLOCK rule.
	serviceLabel string
	// waiting are the NSGs of the list that rules name and whose OCIDs are not recorded yet.
	waiting []string
}

func (t *translator) rules() secrules.Translator {
	return secrules.Translator{ServiceLabel: t.serviceLabel, NSG: t.nsg}
}

// ingress translates an ingress rule; nil, nil when it names an NSG not created yet.
func (t *translator) ingress(j int, in *infrav1.IngressSecurityRuleForNSG) (*core.AddSecurityRuleDetails, error) {
	path := fmt.Sprintf("%s.ingressRules[%d].ingressRule", t.path, j)
	if in.IngressRule == nil {
		return nil, fmt.Errorf("%s is missing", path)
	}
	r, err := t.rules().Ingress(path, in.IngressRule)
	if err != nil || r.Peer == "" {
		return nil, err
	}
	return &core.AddSecurityRuleDetails{Direction: core.AddSecurityRuleDetailsDirectionIngress, Protocol: &r.Protocol,
		Source: &r.Peer, SourceType: core.AddSecurityRuleDetailsSourceTypeEnum(r.PeerType), IsStateless: r.Stateless,
		IcmpOptions: r.ICMP, TcpOptions: r.TCP, UdpOptions: r.UDP, Description: r.Description}, nil
}

// egress translates an egress rule; nil, nil when it names an NSG not created yet.
func (t *translator) egress(j int, in *infrav1.EgressSecurityRuleForNSG) (*core.AddSecurityRuleDetails, error) {
	path := fmt.Sprintf("%s.egressRules[%d].egressRule", t.path, j)
	if in.EgressRule == nil {
		return nil, fmt.Errorf("%s is missing", path)
	}
	r, err := t.rules().Egress(path, in.EgressRule)
	if err != nil || r.Peer == "" {
		return nil, err
	}
	return &core.AddSecurityRuleDetails{Direction: core.AddSecurityRuleDetailsDirectionEgress, Protocol: &r.Protocol,
		Destination: &r.Peer, DestinationType: core.AddSecurityRuleDetailsDestinationTypeEnum(r.PeerType), IsStateless: r.Stateless,
		IcmpOptions: r.ICMP, TcpOptions: r.TCP, UdpOptions: r.UDP, Description: r.Description}, nil
}

// nsg returns the peer of a NETWORK_SECURITY_GROUP rule: the OCID of the NSG of the list the spec names (an OCID
// is taken as it is), or "" when that NSG has no OCID yet.
func (t *translator) nsg(path, value string) (string, error) {
	if strings.HasPrefix(value, "ocid1.networksecuritygroup.") {
		return value, nil
	}
	i := slices.IndexFunc(t.list, func(n infrav1.NSG) bool { return n.Name == value })
	if i < 0 {
		return "", fmt.Errorf("%s %q names no network security group of spec.networkSpec.vcn.networkSecurityGroup.list", path, value)
	}
	if t.list[i].ID == "" {
		if !slices.Contains(t.waiting, value) {
			t.waiting = append(t.waiting, value)
		}
		return "", nil
	}
	return t.list[i].ID, nil
}

// keyOfAdd is the key of a rule to add.
func keyOfAdd(r *core.AddSecurityRuleDetails) secrules.Key {
	return makeKey(string(r.Direction), r.Protocol, r.Source, string(r.SourceType), r.Destination, string(r.DestinationType),
		r.IsStateless, r.IcmpOptions, r.TcpOptions, r.UdpOptions)
}

// keyOf is the key of a rule in place.
func keyOf(r *core.SecurityRule) secrules.Key {
	return makeKey(string(r.Direction), r.Protocol, r.Source, string(r.SourceType), r.Destination, string(r.DestinationType),
		r.IsStateless, r.IcmpOptions, r.TcpOptions, r.UdpOptions)
}

// makeKey is the key of a rule whose peer is its source when it is an ingress rule, its destination otherwise.
func makeKey(direction string, proto, source *string, sourceType string, dest *string, destType string, stateless *bool,
	icmp *core.IcmpOptions, tcp *core.TcpOptions, udp *core.UdpOptions) secrules.Key {
	if direction == string(core.SecurityRuleDirectionIngress) {
		return secrules.KeyOf(direction, proto, source, sourceType, stateless, icmp, tcp, udp)
	}
	return secrules.KeyOf(direction, proto, dest, destType, stateless, icmp, tcp, udp)
}
