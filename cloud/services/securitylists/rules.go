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
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
)

// ingress is a translated ingress rule as a security list holds it.
func ingress(r secrules.Rule) core.IngressSecurityRule {
	return core.IngressSecurityRule{Protocol: &r.Protocol, Source: &r.Peer, SourceType: core.IngressSecurityRuleSourceTypeEnum(r.PeerType),
		IsStateless: r.Stateless, IcmpOptions: r.ICMP, TcpOptions: r.TCP, UdpOptions: r.UDP, Description: r.Description}
}

// egress is a translated egress rule as a security list holds it.
func egress(r secrules.Rule) core.EgressSecurityRule {
	return core.EgressSecurityRule{Protocol: &r.Protocol, Destination: &r.Peer,
		DestinationType: core.EgressSecurityRuleDestinationTypeEnum(r.PeerType), IsStateless: r.Stateless, IcmpOptions: r.ICMP,
		TcpOptions: r.TCP, UdpOptions: r.UDP, Description: r.Description}
}

func ingressKey(r *core.IngressSecurityRule) secrules.Key {
	return secrules.KeyOf("", r.Protocol, r.Source, string(r.SourceType), r.IsStateless, r.IcmpOptions, r.TcpOptions, r.UdpOptions)
}

func egressKey(r *core.EgressSecurityRule) secrules.Key {
	return secrules.KeyOf("", r.Protocol, r.Destination, string(r.DestinationType), r.IsStateless, r.IcmpOptions, r.TcpOptions,
		r.UdpOptions)
}
