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

package svctest

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/apiserverlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Network is an svc.Network for tests: the scope of a cluster named "c1" whose VCN spec is Spec. OracleServices
// answers Services and ServicesErr, and counts its calls in ServiceLists.
type Network struct {
	*Owner
	Spec         infrav1.VCN
	Services     []core.Service
	ServicesErr  error
	ServiceLists int
}

var _ svc.Network = (*Network)(nil)

// NewNetwork returns a Network of the test owner (see NewOwner) with the VCN spec v.
func NewNetwork(v infrav1.VCN) *Network { return &Network{Owner: NewOwner(), Spec: v} }

// ClusterName implements svc.Network.
func (n *Network) ClusterName() string { return "c1" }

// VCN implements svc.Network.
func (n *Network) VCN() *infrav1.VCN { return &n.Spec }

// OracleServices implements svc.Network.
func (n *Network) OracleServices(context.Context) ([]core.Service, error) {
	n.ServiceLists++
	return n.Services, n.ServicesErr
}

// DefaultSubnets are the subnets of the default layout: the control-plane-endpoint and service-lb subnets are
// public, the control-plane and worker subnets private.
func DefaultSubnets() []infrav1.Subnet {
	return []infrav1.Subnet{
		{Name: "control-plane-endpoint", Role: "control-plane-endpoint", Type: "public"},
		{Name: "control-plane", Role: "control-plane", Type: "private"},
		{Name: "service-lb", Role: "service-lb", Type: "public"},
		{Name: "worker", Role: "worker", Type: "private"}}
}

// AllOfType returns v with every subnet of type typ ("private" or "public").
func AllOfType(v infrav1.VCN, typ string) infrav1.VCN {
	v.Subnets = append([]infrav1.Subnet(nil), v.Subnets...)
	for i := range v.Subnets {
		v.Subnets[i].Type = typ
	}
	return v
}

// APIServer is an apiserverlb.Scope for tests: a Network whose API server's load balancer spec is LB and port
// Port. The control plane endpoints set, "host:port", are in Endpoints.
type APIServer struct {
	*Network
	LB        infrav1.LoadBalancer
	Port      int32
	Endpoints []string
}

var _ apiserverlb.Scope = (*APIServer)(nil)

// NewAPIServer returns an APIServer with the load balancer spec lb on port 6443, in a VCN with a
// control-plane-endpoint subnet and network security group, both recorded.
func NewAPIServer(lb infrav1.LoadBalancer) *APIServer {
	return &APIServer{Network: NewNetwork(infrav1.VCN{
		Subnets: []infrav1.Subnet{{Name: "cpe", Role: "control-plane-endpoint", ID: "ocid1.subnet.cpe"}},
		NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{
			{Name: "cpe", Role: "control-plane-endpoint", ID: "ocid1.nsg.cpe"}}}}), LB: lb, Port: 6443}
}

// APIServerLoadBalancer implements apiserverlb.Scope.
func (s *APIServer) APIServerLoadBalancer() *infrav1.LoadBalancer { return &s.LB }

// APIServerPort implements apiserverlb.Scope.
func (s *APIServer) APIServerPort() int32 { return s.Port }

// SetControlPlaneEndpoint implements apiserverlb.Scope.
func (s *APIServer) SetControlPlaneEndpoint(host string, port int32) {
	s.Endpoints = append(s.Endpoints, fmt.Sprintf("%s:%d", host, port))
}
