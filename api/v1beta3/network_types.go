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
