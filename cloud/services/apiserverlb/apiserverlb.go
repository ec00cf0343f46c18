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

// Package apiserverlb is what the services of the load balancer in front of a cluster's Kubernetes API server
// share, whichever its kind (a network load balancer, package nlb, or a flexible one, package loadbalancer): the
// scope they need, where in the network the load balancer goes, how it is run, and which of its addresses is the
// cluster's control plane endpoint.
package apiserverlb

import (
	"context"
	"errors"
	"fmt"

	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// RoleControlPlaneEndpoint is the role of the subnets and the network security groups of the API server's load
// balancer.
const RoleControlPlaneEndpoint = "control-plane-endpoint"

// The names of the load balancer's listener and backend set, as the earlier provider named them, and the end of
// its display name, after the cluster's, when spec gives no name.
const (
	ListenerName   = "apiserver-lb-listener"
	BackendSetName = "apiserver-lb-backendset"
	NameSuffix     = "-apiserver"
)

// DisplayName is the load balancer's display name: spec's, else "<cluster>-apiserver".
func DisplayName(lb *infrav1.LoadBalancer, clusterName string) string {
	if lb.Name != "" {
		return lb.Name
	}
	return clusterName + NameSuffix
}

// ErrNoSubnet is the error of a VCN without a subnet for the load balancer that the provider is to create.
var ErrNoSubnet = errors.New("spec.networkSpec.vcn.subnets has no subnet with role " + RoleControlPlaneEndpoint +
	" for the API server's load balancer")

// Scope is what a service of the API server's load balancer needs of a cluster.
type Scope interface {
	svc.Network
	// APIServerLoadBalancer is the load balancer's spec; the service records the OCID in its LoadBalancerID.
	APIServerLoadBalancer() *infrav1.LoadBalancer
	// APIServerPort is the port the API server listens on (the Cluster's clusterNetwork.apiServerPort, or 6443).
	APIServerPort() int32
	// SetControlPlaneEndpoint records the address the cluster's API server is reached at.
	SetControlPlaneEndpoint(host string, port int32)
}

// Strict reports whether the load balancer recorded under key waits for its network: one the provider creates
// (or created) waits for its subnets and NSGs, while one brought by ID is used wherever it is.
func Strict(s Scope, key string) bool {
	lb := s.APIServerLoadBalancer()
	return lb.LoadBalancerID == "" || s.Recorder(nil).Memo(key).OwnedID == lb.LoadBalancerID
}

// NSGIDs returns the OCIDs of the VCN's control-plane-endpoint network security groups. When strict (see Strict),
// a group without an OCID yet is "not done" for the load balancer recorded under key, unless the groups are
// skipped; otherwise the groups' recorded OCIDs are taken.
func NSGIDs(v *infrav1.VCN, key string, strict bool) ([]string, error) {
	if v.NetworkSecurityGroup == nil {
		return nil, nil
	}
	var ids []string
	for _, nsg := range v.NetworkSecurityGroup.List {
		switch {
		case nsg.Role != RoleControlPlaneEndpoint:
		case nsg.ID != "":
			ids = append(ids, nsg.ID)
		case strict && !v.NetworkSecurityGroup.Skip:
			return ids, svc.Waiting(key, "the control-plane-endpoint network security group "+nsg.Name)
		}
	}
	return ids, nil
}

// Service reconciles the API server's load balancer of one kind: T is the SDK's load balancer, C and U the bodies
// of its create and update requests, and P where in the network it goes.
type Service[T, C, U, P any] struct {
	scope Scope
	key   string
	// kind returns the kind's SDK calls in the cluster's compartment.
	kind func() svc.Kind[T, C, U]
	// placement reads where the load balancer goes from the VCN spec; when strict (see Strict) it waits for what
	// is not recorded yet, otherwise it takes what is.
	placement func(v *infrav1.VCN, strict bool) (P, error)
	// spec builds the load balancer's desired state at p (the zero P for a delete, which needs only its OCID or
	// name).
	spec func(p P) async.Spec[T]
	// host chooses the address of a load balancer that the control plane endpoint names.
	host func(*T) (string, error)
}

// NewService returns the service of scope's load balancer recorded under key, calling OCI with client. kind makes
// the kind's SDK calls in a compartment, placement reads where the load balancer goes from the VCN spec (when
// strict, see Strict, it waits for what is not recorded yet), newSpec builds its desired state and host chooses
// its address that the control plane endpoint names.
func NewService[T, C, U, P, Cl any, S async.Spec[T]](scope Scope, key string, client Cl,
	kind func(c Cl, compartment string) svc.Kind[T, C, U], placement func(v *infrav1.VCN, strict bool) (P, error),
	newSpec func(o svc.Owner, clusterName string, lb *infrav1.LoadBalancer, port int32, p P) S,
	host func(*T) (string, error)) *Service[T, C, U, P] {
	return &Service[T, C, U, P]{scope: scope, key: key, placement: placement, host: host,
		kind: func() svc.Kind[T, C, U] { return kind(client, scope.CompartmentID()) },
		spec: func(p P) async.Spec[T] {
			return newSpec(scope, scope.ClusterName(), scope.APIServerLoadBalancer(), scope.APIServerPort(), p)
		}}
}

// Name is the service's name in conditions and logs.
func (s *Service[T, C, U, P]) Name() string { return "loadbalancer" }

// Reconcile creates the load balancer, or finds it, and keeps it as declared; once it is read, the control plane
// endpoint is set to its address.
func (s *Service[T, C, U, P]) Reconcile(ctx context.Context) error {
	p, err := s.placement(s.scope.VCN(), Strict(s.scope, s.key))
	if err != nil {
		return err
	}
	a := svc.NewAdapter(s.kind(), s.scope.ResourceIdentifier())
	if err := s.engine(a).Reconcile(ctx, s.spec(p)); err != nil {
		return err
	}
	if a.Seen() == nil {
		// In place and not read this time (its drift check is not due): the endpoint was set when it was read.
		return nil
	}
	host, err := s.host(a.Seen())
	if err != nil {
		return err
	}
	s.scope.SetControlPlaneEndpoint(host, s.scope.APIServerPort())
	return nil
}

// Delete deletes the load balancer when the provider created it; one brought by ID is left alone.
func (s *Service[T, C, U, P]) Delete(ctx context.Context) error {
	var nowhere P
	return s.engine(svc.NewAdapter(s.kind(), s.scope.ResourceIdentifier())).Delete(ctx, s.spec(nowhere))
}

func (s *Service[T, C, U, P]) engine(a *svc.Adapter[T, C, U]) *async.Engine[T] {
	lb := s.scope.APIServerLoadBalancer()
	return svc.NewEngine(s.scope, a, func(_, id string) { lb.LoadBalancerID = id })
}

// EndpointHost is the address that the control plane endpoint names of the load balancer (what, id) with the IP
// addresses ips, each read by addr: the first address of a private load balancer, or the first public address of
// a public one (where a reserved IP shows up).
func EndpointHost[I any](what string, id *string, private *bool, ips []I, addr func(*I) (ip *string, public *bool)) (string, error) {
	for i := range ips {
		ip, public := addr(&ips[i])
		if host := ptr.Deref(ip, ""); host != "" && (ptr.Deref(private, false) || ptr.Deref(public, false)) {
			return host, nil
		}
	}
	kind := "public"
	if ptr.Deref(private, false) {
		kind = "private"
	}
	return "", fmt.Errorf("%s %s has no %s IP address to be the control plane endpoint", what, ptr.Deref(id, ""), kind)
}
