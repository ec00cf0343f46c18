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
	"context"
	"fmt"

	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_loadbalancer/client_mock.go -package=mock_loadbalancer github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer Client

// Key names the API server's load balancer among the cluster's resources.
const Key = "loadbalancer"

// Scope is what the load balancer service needs of a cluster.
type Scope interface {
	svc.Network
	// APIServerLoadBalancer is the load balancer's spec; the service records the OCID in its LoadBalancerID.
	APIServerLoadBalancer() *infrav1.LoadBalancer
	// APIServerPort is the port the API server listens on (the Cluster's clusterNetwork.apiServerPort, or 6443).
	APIServerPort() int32
	// SetControlPlaneEndpoint records the address the cluster's API server is reached at.
	SetControlPlaneEndpoint(host string, port int32)
}

// Service reconciles the API server's flexible load balancer.
type Service struct {
	scope  Scope
	client Client
}

// New returns the load balancer service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{scope: scope, client: client}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "loadbalancer" }

func (s *Service) engine(a *adapter) *async.Engine[lbaas.LoadBalancer] {
	lb := s.scope.APIServerLoadBalancer()
	return svc.NewEngine(s.scope, a, func(_, id string) { lb.LoadBalancerID = id })
}

func (s *Service) newAdapter() *adapter {
	return newAdapter(s.client, s.scope.CompartmentID(), s.scope.ResourceIdentifier())
}

// Reconcile creates the load balancer, or finds it, keeps its name, tags, health checker and listener port as
// declared, and sets the control plane endpoint to its address once it is active.
func (s *Service) Reconcile(ctx context.Context) error {
	lb := s.scope.APIServerLoadBalancer()
	// The network is needed to create the load balancer: one the provider creates (or created) waits for its
	// subnets and NSGs, while one brought by ID is used wherever it is.
	strict := lb.LoadBalancerID == "" || s.scope.Recorder(nil).Memo(Key).OwnedID == lb.LoadBalancerID
	p, err := placement(s.scope.VCN(), strict)
	if err != nil {
		return err
	}
	a := s.newAdapter()
	if err := s.engine(a).Reconcile(ctx, NewSpec(s.scope, s.scope.ClusterName(), lb, s.scope.APIServerPort(), p)); err != nil {
		return err
	}
	if a.seen == nil {
		// In place and not read this time (its drift check is not due): the endpoint was set when it was read.
		return nil
	}
	host, err := EndpointHost(a.seen)
	if err != nil {
		return err
	}
	s.scope.SetControlPlaneEndpoint(host, s.scope.APIServerPort())
	return nil
}

// Delete deletes the load balancer when the provider created it; one brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	// A delete needs only the load balancer's OCID, or its name to find it by.
	spec := NewSpec(s.scope, s.scope.ClusterName(), s.scope.APIServerLoadBalancer(), s.scope.APIServerPort(), Placement{})
	return s.engine(s.newAdapter()).Delete(ctx, spec)
}

// EndpointHost is the address of lb that the control plane endpoint names: the first address of a private load
// balancer, or the first public address of a public one (where a reserved IP shows up).
func EndpointHost(lb *lbaas.LoadBalancer) (string, error) {
	private := ptr.Deref(lb.IsPrivate, false)
	for _, ip := range lb.IpAddresses {
		if host := ptr.Deref(ip.IpAddress, ""); host != "" && (private || ptr.Deref(ip.IsPublic, false)) {
			return host, nil
		}
	}
	kind := "public"
	if private {
		kind = "private"
	}
	return "", fmt.Errorf("load balancer %s has no %s IP address to be the control plane endpoint", ptr.Deref(lb.Id, ""), kind)
}
