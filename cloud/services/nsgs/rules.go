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
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The ways a rule's source or destination is given.
const (
	typeCIDR    = "CIDR_BLOCK"
	typeService = "SERVICE_CIDR_BLOCK"
	typeNSG     = "NETWORK_SECURITY_GROUP"
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

// ingress translates an ingress rule; nil, nil when it names an NSG not created yet.
func (t *translator) ingress(j int, in *infrav1.IngressSecurityRuleForNSG) (*core.AddSecurityRuleDetails, error) {
	path := fmt.Sprintf("%s.ingressRules[%d].ingressRule", t.path, j)
	r := in.IngressRule
	if r == nil {
		return nil, fmt.Errorf("%s is missing", path)
	}
	proto, err := protocol(path, r.Protocol)
	if err != nil {
		return nil, err
	}
	source, typ, err := t.endpoint(path+".source", r.Source, r.SourceType)
	if err != nil || source == "" {
		return nil, err
	}
	return &core.AddSecurityRuleDetails{Direction: core.AddSecurityRuleDetailsDirectionIngress, Protocol: &proto,
		Source: &source, SourceType: core.AddSecurityRuleDetailsSourceTypeEnum(typ), IsStateless: ptr.To(ptr.Deref(r.IsStateless, false)),
		IcmpOptions: icmpOptions(r.ICMPOptions), TcpOptions: tcpOptions(r.TCPOptions), UdpOptions: udpOptions(r.UDPOptions),
		Description: description(r.Description)}, nil
}

// egress translates an egress rule; nil, nil when it names an NSG not created yet.
func (t *translator) egress(j int, in *infrav1.EgressSecurityRuleForNSG) (*core.AddSecurityRuleDetails, error) {
	path := fmt.Sprintf("%s.egressRules[%d].egressRule", t.path, j)
	r := in.EgressRule
	if r == nil {
		return nil, fmt.Errorf("%s is missing", path)
	}
	proto, err := protocol(path, r.Protocol)
	if err != nil {
		return nil, err
	}
	dest, typ, err := t.endpoint(path+".destination", r.Destination, r.DestinationType)
	if err != nil || dest == "" {
		return nil, err
	}
	return &core.AddSecurityRuleDetails{Direction: core.AddSecurityRuleDetailsDirectionEgress, Protocol: &proto,
		Destination: &dest, DestinationType: core.AddSecurityRuleDetailsDestinationTypeEnum(typ), IsStateless: ptr.To(ptr.Deref(r.IsStateless, false)),
		IcmpOptions: icmpOptions(r.ICMPOptions), TcpOptions: tcpOptions(r.TCPOptions), UdpOptions: udpOptions(r.UDPOptions),
		Description: description(r.Description)}, nil
}

// endpoint returns a rule's source or destination in OCI's form and its type: a CIDR block (the default type),
// the region's all-services label for SERVICE_CIDR_BLOCK, or for NETWORK_SECURITY_GROUP the OCID of the NSG of
// the list the spec names (an OCID is taken as it is). It returns "" when that NSG has no OCID yet.
func (t *translator) endpoint(path, value, typ string) (string, string, error) {
	switch typ {
	case "", typeCIDR:
		if _, err := netip.ParsePrefix(value); err != nil {
			return "", "", fmt.Errorf("%s %q is not a CIDR block", path, value)
		}
		return value, typeCIDR, nil
	case typeService:
		return t.serviceLabel, typeService, nil
	case typeNSG:
		if strings.HasPrefix(value, "ocid1.networksecuritygroup.") {
			return value, typeNSG, nil
		}
		i := slices.IndexFunc(t.list, func(n infrav1.NSG) bool { return n.Name == value })
		if i < 0 {
			return "", "", fmt.Errorf("%s %q names no network security group of spec.networkSpec.vcn.networkSecurityGroup.list", path, value)
		}
		if t.list[i].ID == "" {
			if !slices.Contains(t.waiting, value) {
				t.waiting = append(t.waiting, value)
			}
			return "", typeNSG, nil
		}
		return t.list[i].ID, typeNSG, nil
	default:
		return "", "", fmt.Errorf("%sType %q is not one of %s, %s and %s", path, typ, typeCIDR, typeService, typeNSG)
	}
}

// protocol checks a rule's protocol: "all" or an IP protocol number.
func protocol(path, p string) (string, error) {
	if p == "all" {
		return p, nil
	}
	if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 255 {
		return "", fmt.Errorf("%s.protocol %q is neither \"all\" nor an IP protocol number", path, p)
	}
	return p, nil
}

func description(d string) *string {
	if d == "" {
		return nil
	}
	return &d
}

func icmpOptions(o *infrav1.ICMPOptions) *core.IcmpOptions {
	if o == nil {
		return nil
	}
	return &core.IcmpOptions{Type: copyInt(o.Type), Code: copyInt(o.Code)}
}

func tcpOptions(o *infrav1.TCPOptions) *core.TcpOptions {
	if o == nil {
		return nil
	}
	return &core.TcpOptions{DestinationPortRange: portRange(o.DestinationPortRange), SourcePortRange: portRange(o.SourcePortRange)}
}

func udpOptions(o *infrav1.UDPOptions) *core.UdpOptions {
	if o == nil {
		return nil
	}
	return &core.UdpOptions{DestinationPortRange: portRange(o.DestinationPortRange), SourcePortRange: portRange(o.SourcePortRange)}
}

func portRange(r *infrav1.PortRange) *core.PortRange {
	if r == nil {
		return nil
	}
	return &core.PortRange{Min: copyInt(r.Min), Max: copyInt(r.Max)}
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	return ptr.To(*p)
}

// ruleKey is what makes two rules the same rule: direction, protocol, peer and its type, statelessness and
// options. The description and the rule's ID do not count, and OCI's defaults (a CIDR block, stateful) equal
// their absence.
type ruleKey struct {
	direction, protocol, peer, peerType string
	stateless                           bool
	icmpType, icmpCode                  int
	tcpSrc, tcpDst, udpSrc, udpDst      portKey
}

// portKey is a port range; the zero value is "any port".
type portKey struct{ min, max int }

// keyOfAdd is the key of a rule to add.
func keyOfAdd(r *core.AddSecurityRuleDetails) ruleKey {
	return makeKey(string(r.Direction), r.Protocol, r.Source, string(r.SourceType), r.Destination, string(r.DestinationType),
		r.IsStateless, r.IcmpOptions, r.TcpOptions, r.UdpOptions)
}

// keyOf is the key of a rule in place.
func keyOf(r *core.SecurityRule) ruleKey {
	return makeKey(string(r.Direction), r.Protocol, r.Source, string(r.SourceType), r.Destination, string(r.DestinationType),
		r.IsStateless, r.IcmpOptions, r.TcpOptions, r.UdpOptions)
}

func makeKey(direction string, proto, source *string, sourceType string, dest *string, destType string, stateless *bool,
	icmp *core.IcmpOptions, tcp *core.TcpOptions, udp *core.UdpOptions) ruleKey {
	k := ruleKey{direction: direction, protocol: strings.ToLower(ptr.Deref(proto, "")), stateless: ptr.Deref(stateless, false),
		icmpType: -1, icmpCode: -1}
	if direction == string(core.SecurityRuleDirectionIngress) {
		k.peerType, k.peer = peer(sourceType, ptr.Deref(source, ""))
	} else {
		k.peerType, k.peer = peer(destType, ptr.Deref(dest, ""))
	}
	if icmp != nil {
		k.icmpType, k.icmpCode = ptr.Deref(icmp.Type, -1), ptr.Deref(icmp.Code, -1)
	}
	if tcp != nil {
		k.tcpSrc, k.tcpDst = ports(tcp.SourcePortRange), ports(tcp.DestinationPortRange)
	}
	if udp != nil {
		k.udpSrc, k.udpDst = ports(udp.SourcePortRange), ports(udp.DestinationPortRange)
	}
	return k
}

// peer normalizes a source or destination: CIDR_BLOCK when no type is given, a CIDR block in canonical form.
func peer(typ, value string) (string, string) {
	if typ == "" {
		typ = typeCIDR
	}
	if p, err := netip.ParsePrefix(value); typ == typeCIDR && err == nil {
		value = p.Masked().String()
	}
	return typ, value
}

func ports(r *core.PortRange) portKey {
	if r == nil {
		return portKey{}
	}
	return portKey{min: ptr.Deref(r.Min, 0), max: ptr.Deref(r.Max, 0)}
}
