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

package secrules

import (
	"net/netip"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"
)

// Key is what makes two rules the same rule: direction, protocol, peer and its type, statelessness and options.
// The description and the rule's ID do not count, and OCI's defaults (a CIDR block, stateful) equal their
// absence.
type Key struct {
	direction, protocol, peer, peerType string
	stateless                           bool
	icmpType, icmpCode                  int
	tcpSrc, tcpDst, udpSrc, udpDst      portKey
}

// portKey is a port range; the zero value is "any port".
type portKey struct{ min, max int }

// KeyOf is the key of a rule in OCI's form, given by its parts: its direction ("" where a list holds one
// direction), protocol, peer (the source of an ingress rule, the destination of an egress one) and its type,
// statelessness and options.
func KeyOf(direction string, protocol, peer *string, peerType string, stateless *bool, icmp *core.IcmpOptions,
	tcp *core.TcpOptions, udp *core.UdpOptions) Key {
	k := Key{direction: direction, protocol: strings.ToLower(ptr.Deref(protocol, "")), stateless: ptr.Deref(stateless, false),
		icmpType: -1, icmpCode: -1}
	k.peerType, k.peer = normalPeer(peerType, ptr.Deref(peer, ""))
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

// normalPeer normalizes a source or destination: CIDR_BLOCK when no type is given, a CIDR block in canonical form.
func normalPeer(typ, value string) (string, string) {
	if typ == "" {
		typ = TypeCIDR
	}
	if p, err := netip.ParsePrefix(value); typ == TypeCIDR && err == nil {
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
