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

package controllers

import (
	"errors"
	"fmt"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drgattachment"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/internetgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/natgateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/routetables"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/securitylists"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicegateway"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/servicelbs"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/subnets"
)

// networkSteps are the network services after the VCN, shared by self-managed and OKE clusters, in the order
// they run: gateways before the route tables that name them, route tables and security lists before the subnets
// that use them. Deleting runs them in reverse, so nothing goes while something still uses it.
func networkSteps(s *scope.Network) []step {
	vn := s.Clients.VirtualNetwork
	return []step{
		{condition: infrav1.InternetGatewayReadyCondition, service: "internetgateway", svc: internetgateway.New(s, vn)},
		{condition: infrav1.NATGatewayReadyCondition, service: "natgateway", svc: natgateway.New(s, vn)},
		{condition: infrav1.ServiceGatewayReadyCondition, service: "servicegateway", svc: servicegateway.New(s, vn)},
		{condition: infrav1.NetworkSecurityGroupsReadyCondition, service: "nsg", svc: nsgs.New(s, vn)},
		{condition: infrav1.RouteTablesReadyCondition, service: "routetable", svc: routetables.New(s, vn)},
		{condition: infrav1.SecurityListsReadyCondition, service: "securitylist", svc: securitylists.New(s, vn)},
		{condition: infrav1.SubnetsReadyCondition, service: "subnet", svc: subnets.New(s, vn)},
		// Deleted before the subnets (delete runs in reverse): what the cloud controller manager made in them.
		{condition: infrav1.SubnetsReadyCondition, service: "subnet", svc: servicelbs.New(s, s.Clients.LoadBalancer, s.Clients.NetworkLoadBalancer, vn), deleteOnly: true},
	}
}

// apiServerLoadBalancerStep is the API server's network load balancer, or its flexible load balancer when
// spec.networkSpec.apiServerLoadBalancer says so (loadBalancerType "lb", or the OCID of one).
func apiServerLoadBalancerStep(s *scope.ClusterScope) async.ServiceReconciler {
	if s.APIServerLoadBalancer().IsFlexibleLoadBalancer() {
		return loadbalancer.New(s, s.Clients.LoadBalancer)
	}
	return nlb.New(s, s.Clients.NetworkLoadBalancer)
}

// peeringSteps attach the VCN to the DRG (local peering, and the way to remote peers) and make the remote peering
// connections; they run after the subnets and are deleted before them.
func peeringSteps(s *scope.Network) []step {
	vn := s.Clients.VirtualNetwork
	return []step{
		{condition: infrav1.VCNPeeringReadyCondition, service: "drgvcnattachment", svc: drgattachment.New(s, vn)},
		{condition: infrav1.VCNPeeringReadyCondition, service: "drgrpcattachment", svc: rpc.New(peeringScope{s}, vn)},
	}
}

// peeringScope gives the remote peering service clients of the peer's region, signed with the cluster's identity.
type peeringScope struct{ *scope.Network }

// PeerClient returns the cluster's virtual network client in region.
func (p peeringScope) PeerClient(region string) (rpc.Client, error) {
	if p.RegionClients == nil {
		return nil, errors.New("no clients for other regions")
	}
	c, err := p.RegionClients(region)
	if err != nil {
		return nil, fmt.Errorf("clients of region %s: %w", region, err)
	}
	return c.VirtualNetwork, nil
}
