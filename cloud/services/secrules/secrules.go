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

// Package secrules translates the security rules of the API (of a security list or a network security group) to
// OCI's form, and tells when two rules in OCI's form are the same rule.
package secrules

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// The ways a rule's source or destination is given.
const (
	TypeCIDR    = "CIDR_BLOCK"
	TypeService = "SERVICE_CIDR_BLOCK"
	TypeNSG     = "NETWORK_SECURITY_GROUP"
)

// Rule is a rule of the API in OCI's form, but for its direction: the parts every kind of OCI rule has.
type Rule struct {
	Protocol    string
	Peer        string
	PeerType    string
	Stateless   *bool
	ICMP        *core.IcmpOptions
	TCP         *core.TcpOptions
	UDP         *core.UdpOptions
	Description *string
}

// Translator translates rules. ServiceLabel is the peer of every SERVICE_CIDR_BLOCK rule (the region's
// all-services CIDR label). NSG, when set, resolves the peer of a NETWORK_SECURITY_GROUP rule (path names the
// field for errors); without it that type is refused.
type Translator struct {
	ServiceLabel string
	NSG          func(path, value string) (string, error)
}

// Ingress translates an ingress rule; path names it in errors.
func (t Translator) Ingress(path string, r *infrav1.IngressSecurityRule) (Rule, error) {
	return t.rule(path, r.Protocol, path+".source", r.Source, r.SourceType, r.IsStateless, r.ICMPOptions, r.TCPOptions,
		r.UDPOptions, r.Description)
}

// Egress translates an egress rule; path names it in errors.
func (t Translator) Egress(path string, r *infrav1.EgressSecurityRule) (Rule, error) {
	return t.rule(path, r.Protocol, path+".destination", r.Destination, r.DestinationType, r.IsStateless, r.ICMPOptions,
		r.TCPOptions, r.UDPOptions, r.Description)
}

func (t Translator) rule(path, protocol, peerPath, peer, peerType string, stateless *bool, icmp *infrav1.ICMPOptions,
	tcp *infrav1.TCPOptions, udp *infrav1.UDPOptions, description string) (Rule, error) {
	proto, err := checkProtocol(path, protocol)
	if err != nil {
		return Rule{}, err
	}
	peer, peerType, err = t.endpoint(peerPath, peer, peerType)
	if err != nil {
		return Rule{}, err
	}
	r := Rule{Protocol: proto, Peer: peer, PeerType: peerType, Stateless: ptr.To(ptr.Deref(stateless, false)),
		ICMP: icmpOptions(icmp), TCP: tcpOptions(tcp), UDP: udpOptions(udp)}
	if description != "" {
		r.Description = &description
	}
	return r, nil
}

// endpoint returns a rule's source or destination in OCI's form and its type: a CIDR block (the default type),
// the region's all-services label for SERVICE_CIDR_BLOCK whatever the spec's value, or what NSG resolves.
func (t Translator) endpoint(path, value, typ string) (string, string, error) {
	switch {
	case typ == "" || typ == TypeCIDR:
		if _, err := netip.ParsePrefix(value); err != nil {
			return "", "", fmt.Errorf("%s %q is not a CIDR block", path, value)
		}
		return value, TypeCIDR, nil
	case typ == TypeService:
		return t.ServiceLabel, TypeService, nil
	case typ == TypeNSG && t.NSG != nil:
		id, err := t.NSG(path, value)
		return id, TypeNSG, err
	case t.NSG != nil:
		return "", "", fmt.Errorf("%sType %q is not one of %s, %s and %s", path, typ, TypeCIDR, TypeService, TypeNSG)
	default:
		return "", "", fmt.Errorf("%sType %q is not one of %s and %s", path, typ, TypeCIDR, TypeService)
	}
}

// ServiceLabel returns the region's all-services CIDR label, the peer of every SERVICE_CIDR_BLOCK rule, when
// needed (a rule to translate has such a peer), else "". rules names the rules in errors.
func ServiceLabel(ctx context.Context, n svc.Network, needed bool, rules string) (string, error) {
	if !needed {
		return "", nil
	}
	label, err := svc.ServiceCIDRLabel(ctx, n)
	if err != nil {
		return "", async.Classify("resolving the Oracle services CIDR label of the "+rules, err)
	}
	return label, nil
}

// FromService reports whether an ingress rule's source is the Oracle services (SERVICE_CIDR_BLOCK).
func FromService(r *infrav1.IngressSecurityRule) bool { return r != nil && r.SourceType == TypeService }

// ToService reports whether an egress rule's destination is the Oracle services (SERVICE_CIDR_BLOCK).
func ToService(r *infrav1.EgressSecurityRule) bool {
	return r != nil && r.DestinationType == TypeService
}

// checkProtocol checks a rule's protocol: "all" or an IP protocol number.
func checkProtocol(path, p string) (string, error) {
	if p == "all" {
		return p, nil
	}
	if n, err := strconv.Atoi(p); err != nil || n < 0 || n > 255 {
		return "", fmt.Errorf("%s.protocol %q is neither \"all\" nor an IP protocol number", path, p)
	}
	return p, nil
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
