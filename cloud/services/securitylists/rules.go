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

package securitylists

import (
	"fmt"
	"net/netip"
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
)

// rules translates a security list's rules from the API to OCI's form. serviceLabel is the CIDR label every
// SERVICE_CIDR_BLOCK rule gets; path is the spec field of the security list, for errors.
type rules struct {
	path         string
	serviceLabel string
}

func (b rules) ingress(j int, r *infrav1.IngressSecurityRule) (core.IngressSecurityRule, error) {
	path := fmt.Sprintf("%s.ingressRules[%d]", b.path, j)
	proto, err := protocol(path, r.Protocol)
	if err != nil {
		return core.IngressSecurityRule{}, err
	}
	source, typ, err := b.endpoint(path+".source", r.Source, r.SourceType)
	if err != nil {
		return core.IngressSecurityRule{}, err
	}
	return core.IngressSecurityRule{Protocol: &proto, Source: &source, SourceType: core.IngressSecurityRuleSourceTypeEnum(typ),
		IsStateless: ptr.To(ptr.Deref(r.IsStateless, false)), IcmpOptions: icmpOptions(r.ICMPOptions),
		TcpOptions: tcpOptions(r.TCPOptions), UdpOptions: udpOptions(r.UDPOptions), Description: description(r.Description)}, nil
}

func (b rules) egress(j int, r *infrav1.EgressSecurityRule) (core.EgressSecurityRule, error) {
	path := fmt.Sprintf("%s.egressRules[%d]", b.path, j)
	proto, err := protocol(path, r.Protocol)
	if err != nil {
		return core.EgressSecurityRule{}, err
	}
	dest, typ, err := b.endpoint(path+".destination", r.Destination, r.DestinationType)
	if err != nil {
		return core.EgressSecurityRule{}, err
	}
	return core.EgressSecurityRule{Protocol: &proto, Destination: &dest, DestinationType: core.EgressSecurityRuleDestinationTypeEnum(typ),
		IsStateless: ptr.To(ptr.Deref(r.IsStateless, false)), IcmpOptions: icmpOptions(r.ICMPOptions),
		TcpOptions: tcpOptions(r.TCPOptions), UdpOptions: udpOptions(r.UDPOptions), Description: description(r.Description)}, nil
}

// endpoint returns a rule's source or destination and its type: a CIDR block (the default type), or the
// region's all-services label for SERVICE_CIDR_BLOCK whatever the spec's value.
func (b rules) endpoint(path, value, typ string) (string, string, error) {
	switch typ {
	case "", typeCIDR:
		if _, err := netip.ParsePrefix(value); err != nil {
			return "", "", fmt.Errorf("%s %q is not a CIDR block", path, value)
		}
		return value, typeCIDR, nil
	case typeService:
		return b.serviceLabel, typeService, nil
	default:
		return "", "", fmt.Errorf("%sType %q is not one of %s and %s", path, typ, typeCIDR, typeService)
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

// ruleKey is what makes two rules the same rule: protocol, peer and its type, statelessness and options. The
// description does not count, and OCI's defaults (a CIDR block, stateful) equal their absence.
type ruleKey struct {
	protocol, peer, peerType string
	stateless                bool
	icmpType, icmpCode       int
	tcpSrc, tcpDst           portKey
	udpSrc, udpDst           portKey
}

// portKey is a port range; the zero value is "any port".
type portKey struct{ min, max int }

func ingressKey(r *core.IngressSecurityRule) ruleKey {
	k := ruleKey{protocol: strings.ToLower(ptr.Deref(r.Protocol, "")), stateless: ptr.Deref(r.IsStateless, false)}
	k.peerType, k.peer = peer(string(r.SourceType), ptr.Deref(r.Source, ""))
	k.options(r.IcmpOptions, r.TcpOptions, r.UdpOptions)
	return k
}

func egressKey(r *core.EgressSecurityRule) ruleKey {
	k := ruleKey{protocol: strings.ToLower(ptr.Deref(r.Protocol, "")), stateless: ptr.Deref(r.IsStateless, false)}
	k.peerType, k.peer = peer(string(r.DestinationType), ptr.Deref(r.Destination, ""))
	k.options(r.IcmpOptions, r.TcpOptions, r.UdpOptions)
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

func (k *ruleKey) options(icmp *core.IcmpOptions, tcp *core.TcpOptions, udp *core.UdpOptions) {
	k.icmpType, k.icmpCode = -1, -1
	if icmp != nil {
		k.icmpType, k.icmpCode = ptr.Deref(icmp.Type, -1), ptr.Deref(icmp.Code, -1)
	}
	if tcp != nil {
		k.tcpSrc, k.tcpDst = ports(tcp.SourcePortRange), ports(tcp.DestinationPortRange)
	}
	if udp != nil {
		k.udpSrc, k.udpDst = ports(udp.SourcePortRange), ports(udp.DestinationPortRange)
	}
}

func ports(r *core.PortRange) portKey {
	if r == nil {
		return portKey{}
	}
	return portKey{min: ptr.Deref(r.Min, 0), max: ptr.Deref(r.Max, 0)}
}
