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

package v1beta3

// Network security groups and their rules.

// NetworkSecurityGroup holds the network security groups of a VCN.
type NetworkSecurityGroup struct {
	// List are the network security groups, keyed by name.
	// +optional
	// +listType=map
	// +listMapKey=name
	List []NSG `json:"list,omitempty"`

	// Skip tells the controller not to create or manage network security groups.
	// +optional
	Skip bool `json:"skip,omitempty"`
}

// NSG describes a network security group.
type NSG struct {
	// EgressRules are the egress rules.
	// +optional
	EgressRules []EgressSecurityRuleForNSG `json:"egressRules,omitempty"`

	// ID is the OCID of the network security group.
	// +optional
	ID string `json:"id,omitempty"`

	// IngressRules are the ingress rules.
	// +optional
	IngressRules []IngressSecurityRuleForNSG `json:"ingressRules,omitempty"`

	// Name is the name of the network security group, unique within the VCN spec.
	// +required
	Name string `json:"name"`

	// Role is the role of the network security group in the cluster, for example control-plane-endpoint,
	// control-plane, worker or service-lb.
	// +optional
	Role string `json:"role,omitempty"`
}

// EgressSecurityRuleForNSG is an egress rule of a network security group.
type EgressSecurityRuleForNSG struct {
	// EgressRule is the egress rule.
	// +optional
	EgressRule *EgressSecurityRule `json:"egressRule,omitempty"`

	// ID is the OCID of the rule.
	// +optional
	ID string `json:"id,omitempty"`
}

// EgressSecurityRule is an egress security rule.
type EgressSecurityRule struct {
	// Description is a free-form description.
	// +optional
	Description string `json:"description,omitempty"`

	// Destination is the destination of the traffic, a CIDR block or a service CIDR label.
	// +optional
	Destination string `json:"destination,omitempty"`

	// DestinationType tells how destination is given, for example CIDR_BLOCK or SERVICE_CIDR_BLOCK.
	// +optional
	DestinationType string `json:"destinationType,omitempty"`

	// ICMPOptions restricts the rule to an ICMP type and code.
	// +optional
	ICMPOptions *ICMPOptions `json:"icmpOptions,omitempty"`

	// IsStateless makes the rule stateless.
	// +optional
	IsStateless *bool `json:"isStateless,omitempty"`

	// Protocol is the IP protocol number, or "all".
	// +optional
	Protocol string `json:"protocol,omitempty"`

	// TCPOptions restricts the rule to TCP ports.
	// +optional
	TCPOptions *TCPOptions `json:"tcpOptions,omitempty"`

	// UDPOptions restricts the rule to UDP ports.
	// +optional
	UDPOptions *UDPOptions `json:"udpOptions,omitempty"`
}

// ICMPOptions restricts a rule to an ICMP type and code.
type ICMPOptions struct {
	// Code is the ICMP code.
	// +optional
	Code *int `json:"code,omitempty"`

	// Type is the ICMP type.
	// +optional
	Type *int `json:"type,omitempty"`
}

// TCPOptions restricts a rule to TCP ports.
type TCPOptions struct {
	// DestinationPortRange is the range of destination ports.
	// +optional
	DestinationPortRange *PortRange `json:"destinationPortRange,omitempty"`

	// SourcePortRange is the range of source ports.
	// +optional
	SourcePortRange *PortRange `json:"sourcePortRange,omitempty"`
}

// PortRange is an inclusive range of ports.
type PortRange struct {
	// Max is the last port of the range, inclusive.
	// +optional
	Max *int `json:"max,omitempty"`

	// Min is the first port of the range.
	// +optional
	Min *int `json:"min,omitempty"`
}

// UDPOptions restricts a rule to UDP ports.
type UDPOptions struct {
	// DestinationPortRange is the range of destination ports.
	// +optional
	DestinationPortRange *PortRange `json:"destinationPortRange,omitempty"`

	// SourcePortRange is the range of source ports.
	// +optional
	SourcePortRange *PortRange `json:"sourcePortRange,omitempty"`
}

// IngressSecurityRuleForNSG is an ingress rule of a network security group.
type IngressSecurityRuleForNSG struct {
	// ID is the OCID of the rule.
	// +optional
	ID string `json:"id,omitempty"`

	// IngressRule is the ingress rule.
	// +optional
	IngressRule *IngressSecurityRule `json:"ingressRule,omitempty"`
}

// IngressSecurityRule is an ingress security rule.
type IngressSecurityRule struct {
	// Description is a free-form description.
	// +optional
	Description string `json:"description,omitempty"`

	// ICMPOptions restricts the rule to an ICMP type and code.
	// +optional
	ICMPOptions *ICMPOptions `json:"icmpOptions,omitempty"`

	// IsStateless makes the rule stateless.
	// +optional
	IsStateless *bool `json:"isStateless,omitempty"`

	// Protocol is the IP protocol number, or "all".
	// +optional
	Protocol string `json:"protocol,omitempty"`

	// Source is the source of the traffic, a CIDR block or a service CIDR label.
	// +optional
	Source string `json:"source,omitempty"`

	// SourceType tells how source is given, for example CIDR_BLOCK or SERVICE_CIDR_BLOCK.
	// +optional
	SourceType string `json:"sourceType,omitempty"`

	// TCPOptions restricts the rule to TCP ports.
	// +optional
	TCPOptions *TCPOptions `json:"tcpOptions,omitempty"`

	// UDPOptions restricts the rule to UDP ports.
	// +optional
	UDPOptions *UDPOptions `json:"udpOptions,omitempty"`
}
