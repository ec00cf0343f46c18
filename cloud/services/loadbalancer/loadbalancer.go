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

// Package loadbalancer reconciles the flexible load balancer (LBaaS) in front of a cluster's Kubernetes API
// server, for clusters whose apiServerLoadBalancer has loadBalancerType lb: created in the control-plane-endpoint
// subnets with one TCP listener on the API server port and one backend set (named as the earlier provider named
// them, so that the load balancers it made are adopted as they are), or brought by ID and then used as it is.
// Once the load balancer is in place, its address is the cluster's control plane endpoint.
package loadbalancer

import (
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/apiserverlb"
)

//go:generate ${MOCKGEN} -destination=mock_loadbalancer/client_mock.go -package=mock_loadbalancer github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer Client

// Key names the API server's load balancer among the cluster's resources.
const Key = "loadbalancer"

// Scope is what the load balancer service needs of a cluster.
type Scope = apiserverlb.Scope

// Service reconciles the API server's flexible load balancer.
type Service struct {
	*apiserverlb.Service[lbaas.LoadBalancer, lbaas.CreateLoadBalancerDetails, Update, Placement]
}

// New returns the load balancer service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{apiserverlb.NewService(scope, Key, client, kind, placement, NewSpec, EndpointHost)}
}

// EndpointHost is the address of lb that the control plane endpoint names: the first address of a private load
// balancer, or the first public address of a public one (where a reserved IP shows up).
func EndpointHost(lb *lbaas.LoadBalancer) (string, error) {
	return apiserverlb.EndpointHost("load balancer", lb.Id, lb.IsPrivate, lb.IpAddresses,
		func(ip *lbaas.IpAddress) (*string, *bool) { return ip.IpAddress, ip.IsPublic })
}
