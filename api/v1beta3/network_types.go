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

import "strings"

// NetworkSpec describes the networking of a cluster.
type NetworkSpec struct {
	// APIServerLoadBalancer is the load balancer in front of the Kubernetes API server.
	// +optional
	APIServerLoadBalancer *LoadBalancer `json:"apiServerLoadBalancer,omitempty"`

	// SkipNetworkManagement tells the controller to use the given network as is and create or change nothing in it.
	// +optional
	SkipNetworkManagement bool `json:"skipNetworkManagement,omitempty"`

	// VCN is the virtual cloud network of the cluster.
	// +optional
	VCN VCN `json:"vcn,omitempty"`

	// VCNPeering configures peering of the VCN with other networks through a DRG.
	// +optional
	VCNPeering *VCNPeering `json:"vcnPeering,omitempty"`
}

// LoadBalancer describes the load balancer in front of the Kubernetes API server.
type LoadBalancer struct {
	// LoadBalancerID is the OCID of the load balancer.
	// +optional
	LoadBalancerID string `json:"loadBalancerId,omitempty"`

	// LoadBalancerType selects the kind of load balancer: the exact value lb makes a flexible load balancer, any
	// other (nlb when empty; NLB and LB are accepted and stored as written) a network load balancer, as with the
	// earlier provider. When LoadBalancerID is set, its OCID decides instead.
	// +optional
	LoadBalancerType string `json:"loadBalancerType,omitempty"`

	// Name is the display name of the load balancer.
	// +optional
	Name string `json:"name,omitempty"`

	// NLBSpec holds the network load balancer settings.
	// +optional
	NLBSpec *NLBSpec `json:"nlbSpec,omitempty"`
}

// IsFlexibleLoadBalancer reports whether the API server's load balancer is a flexible (classic) load balancer
// rather than a network load balancer: by the OCID of LoadBalancerID when it is set, else only for the exact type
// "lb". A nil LoadBalancer is a network load balancer.
func (lb *LoadBalancer) IsFlexibleLoadBalancer() bool {
	switch {
	case lb == nil:
		return false
	case strings.HasPrefix(lb.LoadBalancerID, "ocid1.loadbalancer."):
		return true
	case strings.HasPrefix(lb.LoadBalancerID, "ocid1.networkloadbalancer."):
		return false
	default:
		return lb.LoadBalancerType == "lb"
	}
}

// NLBSpec holds network load balancer settings.
type NLBSpec struct {
	// BackendSetDetails configures the backend set of the network load balancer.
	// +optional
	BackendSetDetails *BackendSetDetails `json:"backendSetDetails,omitempty"`

	// ReservedIPIDs are the OCIDs of reserved public IPs to assign to the network load balancer.
	// +optional
	ReservedIPIDs []string `json:"reservedIpIds,omitempty"`
}

// BackendSetDetails configures the backend set of a network load balancer.
type BackendSetDetails struct {
	// HealthChecker configures the health check of the backends.
	// +optional
	HealthChecker *HealthChecker `json:"healthChecker,omitempty"`

	// IsFailOpen sends traffic to all backends when every backend is unhealthy.
	// +optional
	IsFailOpen *bool `json:"isFailOpen,omitempty"`

	// IsInstantFailoverEnabled enables instant failover of connections when a backend becomes unhealthy.
	// +optional
	IsInstantFailoverEnabled *bool `json:"isInstantFailoverEnabled,omitempty"`

	// IsPreserveSource preserves the source address of the client.
	// +optional
	IsPreserveSource *bool `json:"isPreserveSource,omitempty"`
}

// HealthChecker configures the health check of load balancer backends.
type HealthChecker struct {
	// IntervalInMillis is the interval between health checks in milliseconds.
	// +optional
	IntervalInMillis *int `json:"intervalInMillis,omitempty"`

	// Port is the backend port the health check connects to.
	// +optional
	Port *int `json:"port,omitempty"`

	// Protocol is the health check protocol: HTTP, HTTPS, TCP or UDP.
	// +optional
	Protocol string `json:"protocol,omitempty"`

	// RequestData is the payload sent by UDP and TCP health checks.
	// +optional
	RequestData string `json:"requestData,omitempty"`

	// ResponseBodyRegex is a regular expression the HTTP response body must match.
	// +optional
	ResponseBodyRegex string `json:"responseBodyRegex,omitempty"`

	// ResponseData is the payload expected back from UDP and TCP health checks.
	// +optional
	ResponseData string `json:"responseData,omitempty"`

	// Retries is the number of retries before a backend is considered unhealthy.
	// +optional
	Retries *int `json:"retries,omitempty"`

	// ReturnCode is the HTTP status code a healthy backend returns.
	// +optional
	ReturnCode *int `json:"returnCode,omitempty"`

	// TimeoutInMillis is the timeout of one health check in milliseconds.
	// +optional
	TimeoutInMillis *int `json:"timeoutInMillis,omitempty"`

	// URLPath is the path of the HTTP health check.
	// +optional
	URLPath string `json:"urlPath,omitempty"`
}

// VCN describes the virtual cloud network of a cluster.
type VCN struct {
	// CIDR is the IPv4 CIDR block of the VCN.
	// +optional
	CIDR string `json:"cidr,omitempty"`

	// CIDRs are the IPv4 CIDR blocks of the VCN.
	// +optional
	CIDRs []string `json:"cidrs,omitempty"`

	// DNSLabel is the DNS label used in host names within the network.
	// +optional
	DNSLabel string `json:"dnsLabel,omitempty"`

	// ID is the OCID of the VCN; set it to bring an existing VCN.
	// +optional
	ID string `json:"id,omitempty"`

	// InternetGateway is the internet gateway of the VCN.
	// +optional
	InternetGateway *InternetGateway `json:"internetGateway,omitempty"`

	// IsIPv6Enabled enables IPv6 on the VCN.
	// +optional
	IsIPv6Enabled *bool `json:"isIpv6Enabled,omitempty"`

	// IsOracleGuaAllocationEnabled lets Oracle allocate a global unicast IPv6 prefix to the VCN.
	// +optional
	IsOracleGuaAllocationEnabled *bool `json:"isOracleGuaAllocationEnabled,omitempty"`

	// Name is the display name of the VCN.
	// +optional
	Name string `json:"name,omitempty"`

	// NATGateway is the NAT gateway of the VCN.
	// +optional
	NATGateway *NATGateway `json:"natGateway,omitempty"`

	// NetworkSecurityGroup holds the network security groups of the VCN.
	// +optional
	NetworkSecurityGroup *NetworkSecurityGroup `json:"networkSecurityGroup,omitempty"`

	// RouteTable holds the route tables of the VCN.
	// +optional
	RouteTable *RouteTable `json:"routeTable,omitempty"`

	// ServiceGateway is the service gateway of the VCN.
	// +optional
	ServiceGateway *ServiceGateway `json:"serviceGateway,omitempty"`

	// Skip tells the controller not to create or manage the VCN.
	// +optional
	Skip bool `json:"skip,omitempty"`

	// Subnets are the subnets of the VCN, keyed by name.
	// +optional
	// +listType=map
	// +listMapKey=name
	Subnets []Subnet `json:"subnets,omitempty"`
}

// InternetGateway describes the internet gateway of a VCN.
type InternetGateway struct {
	// ID is the OCID of the internet gateway.
	// +optional
	ID string `json:"id,omitempty"`

	// Skip tells the controller not to create or manage the internet gateway.
	// +optional
	Skip bool `json:"skip,omitempty"`
}

// NATGateway describes the NAT gateway of a VCN.
type NATGateway struct {
	// ID is the OCID of the NAT gateway.
	// +optional
	ID string `json:"id,omitempty"`

	// Skip tells the controller not to create or manage the NAT gateway.
	// +optional
	Skip bool `json:"skip,omitempty"`
}

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

// RouteTable holds the route tables of a VCN.
type RouteTable struct {
	// PrivateRouteTableID is the OCID of the route table of private subnets.
	// +optional
	PrivateRouteTableID string `json:"privateRouteTableId,omitempty"`

	// PublicRouteTableID is the OCID of the route table of public subnets.
	// +optional
	PublicRouteTableID string `json:"publicRouteTableId,omitempty"`

	// Skip tells the controller not to create or manage route tables.
	// +optional
	Skip bool `json:"skip,omitempty"`
}

// ServiceGateway describes the service gateway of a VCN.
type ServiceGateway struct {
	// ID is the OCID of the service gateway.
	// +optional
	ID string `json:"id,omitempty"`

	// Skip tells the controller not to create or manage the service gateway.
	// +optional
	Skip bool `json:"skip,omitempty"`
}

// Subnet describes a subnet of a VCN.
type Subnet struct {
	// CIDR is the IPv4 CIDR block of the subnet; it must lie within the VCN.
	// +optional
	CIDR string `json:"cidr,omitempty"`

	// DNSLabel is the DNS label used in host names within the network.
	// +optional
	DNSLabel string `json:"dnsLabel,omitempty"`

	// ID is the OCID of the subnet; set it to bring an existing subnet.
	// +optional
	ID string `json:"id,omitempty"`

	// IPv6CIDRBlockHextet is the hextet used to derive the IPv6 CIDR block of the subnet from the VCN's.
	// +optional
	IPv6CIDRBlockHextet string `json:"ipv6CidrBlockHextet,omitempty"`

	// Name is the name of the subnet, unique within the VCN spec.
	// +required
	Name string `json:"name"`

	// Role is the role of the subnet in the cluster, for example control-plane-endpoint, control-plane, worker or
	// service-lb.
	// +required
	Role string `json:"role"`

	// SecurityList is the security list of the subnet.
	// +optional
	SecurityList *SecurityList `json:"securityList,omitempty"`

	// Skip tells the controller not to create or manage this subnet.
	// +optional
	Skip bool `json:"skip,omitempty"`

	// Type tells whether the subnet is public or private.
	// +optional
	Type string `json:"type,omitempty"`
}

// SecurityList describes the security list of a subnet.
type SecurityList struct {
	// EgressRules are the egress rules.
	// +optional
	EgressRules []EgressSecurityRule `json:"egressRules,omitempty"`

	// ID is the OCID of the security list.
	// +optional
	ID string `json:"id,omitempty"`

	// IngressRules are the ingress rules.
	// +optional
	IngressRules []IngressSecurityRule `json:"ingressRules,omitempty"`

	// Name is the display name of the security list.
	// +optional
	Name string `json:"name,omitempty"`
}

// VCNPeering configures peering of a VCN through a dynamic routing gateway.
type VCNPeering struct {
	// DRG is the dynamic routing gateway used for peering.
	// +optional
	DRG *DRG `json:"drg,omitempty"`

	// PeerRouteRules are routes to peered networks sent through the DRG.
	// +optional
	PeerRouteRules []PeerRouteRule `json:"peerRouteRules,omitempty"`

	// RemotePeeringConnections are remote peering connections to DRGs in other regions.
	// +optional
	RemotePeeringConnections []RemotePeeringConnection `json:"remotePeeringConnections,omitempty"`
}

// DRG describes a dynamic routing gateway.
type DRG struct {
	// ID is the OCID of the DRG.
	// +optional
	ID string `json:"id,omitempty"`

	// Manage tells the controller to create and delete the DRG.
	// +optional
	Manage bool `json:"manage,omitempty"`

	// Name is the display name of the DRG.
	// +optional
	Name string `json:"name,omitempty"`

	// VCNAttachmentID is the OCID of the attachment of the VCN to the DRG.
	// +optional
	VCNAttachmentID string `json:"vcnAttachmentId,omitempty"`
}

// PeerRouteRule is a route to a peered network.
type PeerRouteRule struct {
	// VCNCIDRRange is the CIDR block of the peered network.
	// +optional
	VCNCIDRRange string `json:"vcnCIDRRange,omitempty"`
}

// RemotePeeringConnection describes a remote peering connection to a DRG in another region.
type RemotePeeringConnection struct {
	// ManagePeerRPC tells the controller to create the remote peering connection on the peer side too.
	// +optional
	ManagePeerRPC bool `json:"managePeerRPC,omitempty"`

	// Name is the display name of the remote peering connection.
	// +optional
	Name string `json:"name,omitempty"`

	// PeerDRGID is the OCID of the peer DRG.
	// +optional
	PeerDRGID string `json:"peerDRGId,omitempty"`

	// PeerRPCConnectionID is the OCID of the peer remote peering connection.
	// +optional
	PeerRPCConnectionID string `json:"peerRPCConnectionId,omitempty"`

	// PeerRegionName is the region of the peer DRG.
	// +optional
	PeerRegionName string `json:"peerRegionName,omitempty"`

	// RPCConnectionID is the OCID of the local remote peering connection.
	// +optional
	RPCConnectionID string `json:"rpcConnectionId,omitempty"`
}
