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

// Package servicelbs removes, when a cluster is deleted, what the in-cluster cloud controller manager made for the
// cluster's Services of type LoadBalancer: load balancers and network load balancers in the subnets the provider
// created, and network security groups in the VCN it created. They carry none of the cluster's tags (the cloud
// controller manager makes them), so they are found by where they are; they would otherwise keep the subnets and
// the VCN from being deleted. Nothing in a subnet or VCN the user brought is ever touched, and nothing is done
// while the cluster lives.
//
// The one deletion outside the engine: these resources are no desired state of the cluster, so there is no spec to
// run. Each kind is found with one list per look and each resource deleted once (a 404 or a 409 for a change in
// progress is taken as on its way); the service says "not done" until the lists no longer show them.
package servicelbs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	nlbaas "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_servicelbs/client_mock.go -package=mock_servicelbs github.com/oracle/cluster-api-provider-oci/cloud/services/servicelbs LoadBalancerClient,NetworkLoadBalancerClient,NSGClient

// LoadBalancerClient is the part of the SDK's LoadBalancerClient the service calls.
type LoadBalancerClient interface {
	ListLoadBalancers(ctx context.Context, req lbaas.ListLoadBalancersRequest) (lbaas.ListLoadBalancersResponse, error)
	DeleteLoadBalancer(ctx context.Context, req lbaas.DeleteLoadBalancerRequest) (lbaas.DeleteLoadBalancerResponse, error)
}

// NetworkLoadBalancerClient is the part of the SDK's NetworkLoadBalancerClient the service calls.
type NetworkLoadBalancerClient interface {
	ListNetworkLoadBalancers(ctx context.Context, req nlbaas.ListNetworkLoadBalancersRequest) (nlbaas.ListNetworkLoadBalancersResponse, error)
	DeleteNetworkLoadBalancer(ctx context.Context, req nlbaas.DeleteNetworkLoadBalancerRequest) (nlbaas.DeleteNetworkLoadBalancerResponse, error)
}

// NSGClient is the part of the SDK's VirtualNetworkClient the service calls.
type NSGClient interface {
	ListNetworkSecurityGroups(ctx context.Context, req core.ListNetworkSecurityGroupsRequest) (core.ListNetworkSecurityGroupsResponse, error)
	DeleteNetworkSecurityGroup(ctx context.Context, req core.DeleteNetworkSecurityGroupRequest) (core.DeleteNetworkSecurityGroupResponse, error)
}

// Scope is what the service needs of a cluster.
type Scope interface {
	svc.Network
}

// Service removes the cloud controller manager's load balancers and NSGs of a cluster being deleted.
type Service struct {
	scope Scope
	lb    LoadBalancerClient
	nlb   NetworkLoadBalancerClient
	nsg   NSGClient
}

// New returns the service of scope.
func New(scope Scope, lb LoadBalancerClient, nlb NetworkLoadBalancerClient, nsg NSGClient) *Service {
	return &Service{scope: scope, lb: lb, nlb: nlb, nsg: nsg}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "servicelbs" }

// Reconcile does nothing: while the cluster lives, its Services' load balancers are the cloud controller
// manager's.
func (s *Service) Reconcile(context.Context) error { return nil }

// Delete deletes the load balancers in the subnets the provider created and the foreign NSGs of the VCN it
// created. It says "not done" while any is on its way out.
func (s *Service) Delete(ctx context.Context) error {
	if s.scope.Recorder(nil).Memo(memoKey).Deleted {
		return nil // found clean earlier in this delete
	}
	subnets := s.ownedSubnets()
	var pending []string
	if len(subnets) > 0 {
		lbs, err := s.deleteLoadBalancers(ctx, subnets)
		if err != nil {
			return err
		}
		nlbs, err := s.deleteNetworkLoadBalancers(ctx, subnets)
		if err != nil {
			return err
		}
		pending = append(pending, lbs...)
		pending = append(pending, nlbs...)
	}
	if len(pending) == 0 && s.ownsVCN() {
		nsgs, err := s.deleteNSGs(ctx)
		if err != nil {
			return err
		}
		pending = append(pending, nsgs...)
	}
	if len(pending) > 0 {
		memo := s.scope.Recorder(nil).Memo(memoKey)
		memo.Waits++
		s.scope.Recorder(nil).SetMemo(memoKey, memo)
		return &async.NotDoneError{Key: memoKey, What: "deleting what the cloud controller manager made for the cluster's Services: " +
			strings.Join(pending, ", "), RequeueAfter: async.Backoff(memo.Waits)}
	}
	s.scope.Recorder(nil).SetMemo(memoKey, async.Memo{Deleted: true})
	return nil
}

// memoKey counts the waits for the cleanup, so that its looks grow apart.
const memoKey = "servicelbs"

// ownedSubnets are the OCIDs of the subnets the provider created for the cluster.
func (s *Service) ownedSubnets() []string {
	rec := s.scope.Recorder(nil)
	var out []string
	for i := range s.scope.VCN().Subnets {
		sub := &s.scope.VCN().Subnets[i]
		if sub.ID != "" && rec.Memo("subnet/"+sub.Name).OwnedID == sub.ID {
			out = append(out, sub.ID)
		}
	}
	return out
}

// ownsVCN reports whether the provider created the cluster's VCN.
func (s *Service) ownsVCN() bool {
	id := s.scope.VCN().ID
	return id != "" && s.scope.Recorder(nil).Memo("vcn").OwnedID == id
}

func (s *Service) deleteLoadBalancers(ctx context.Context, subnets []string) ([]string, error) {
	comp := s.scope.CompartmentID()
	lbs, err := ociutil.ListAll(clients.WithOperation(ctx, "ListLoadBalancers"), func(ctx context.Context, page *string) ([]lbaas.LoadBalancer, *string, error) {
		r, err := s.lb.ListLoadBalancers(ctx, lbaas.ListLoadBalancersRequest{CompartmentId: &comp, Page: page})
		return r.Items, r.OpcNextPage, err
	})
	if err != nil {
		return nil, async.Classify("listing the load balancers", err)
	}
	var pending []string
	for i := range lbs {
		lb := &lbs[i]
		if svc.Owns(lb.FreeformTags, s.scope.ResourceIdentifier()) || !slices.ContainsFunc(lb.SubnetIds, func(id string) bool { return slices.Contains(subnets, id) }) {
			continue
		}
		name := fmt.Sprintf("load balancer %s (%s)", ptr.Deref(lb.DisplayName, ""), ptr.Deref(lb.Id, ""))
		pending = append(pending, name)
		if lb.LifecycleState != lbaas.LoadBalancerLifecycleStateActive && lb.LifecycleState != lbaas.LoadBalancerLifecycleStateFailed {
			continue // on its way
		}
		_, err := s.lb.DeleteLoadBalancer(clients.WithOperation(ctx, "DeleteLoadBalancer"), lbaas.DeleteLoadBalancerRequest{LoadBalancerId: lb.Id})
		if err = ignoreGoneOrBusy(err); err != nil {
			return nil, async.Classify("deleting "+name, err)
		}
	}
	return pending, nil
}

func (s *Service) deleteNetworkLoadBalancers(ctx context.Context, subnets []string) ([]string, error) {
	comp := s.scope.CompartmentID()
	nlbs, err := ociutil.ListAll(clients.WithOperation(ctx, "ListNetworkLoadBalancers"), func(ctx context.Context, page *string) ([]nlbaas.NetworkLoadBalancerSummary, *string, error) {
		r, err := s.nlb.ListNetworkLoadBalancers(ctx, nlbaas.ListNetworkLoadBalancersRequest{CompartmentId: &comp, Page: page})
		return r.Items, r.OpcNextPage, err
	})
	if err != nil {
		return nil, async.Classify("listing the network load balancers", err)
	}
	var pending []string
	for i := range nlbs {
		n := &nlbs[i]
		if svc.Owns(n.FreeformTags, s.scope.ResourceIdentifier()) || !slices.Contains(subnets, ptr.Deref(n.SubnetId, "")) ||
			n.LifecycleState == nlbaas.LifecycleStateDeleted {
			continue
		}
		name := fmt.Sprintf("network load balancer %s (%s)", ptr.Deref(n.DisplayName, ""), ptr.Deref(n.Id, ""))
		pending = append(pending, name)
		if n.LifecycleState != nlbaas.LifecycleStateActive && n.LifecycleState != nlbaas.LifecycleStateFailed {
			continue
		}
		_, err := s.nlb.DeleteNetworkLoadBalancer(clients.WithOperation(ctx, "DeleteNetworkLoadBalancer"),
			nlbaas.DeleteNetworkLoadBalancerRequest{NetworkLoadBalancerId: n.Id})
		if err = ignoreGoneOrBusy(err); err != nil {
			return nil, async.Classify("deleting "+name, err)
		}
	}
	return pending, nil
}

// deleteNSGs deletes the NSGs of the VCN that the provider did not create and that the spec does not name.
func (s *Service) deleteNSGs(ctx context.Context) ([]string, error) {
	comp, vcn := s.scope.CompartmentID(), s.scope.VCN().ID
	nsgs, err := ociutil.ListAll(clients.WithOperation(ctx, "ListNetworkSecurityGroups"), func(ctx context.Context, page *string) ([]core.NetworkSecurityGroup, *string, error) {
		r, err := s.nsg.ListNetworkSecurityGroups(ctx, core.ListNetworkSecurityGroupsRequest{CompartmentId: &comp, VcnId: &vcn, Page: page})
		return r.Items, r.OpcNextPage, err
	})
	if err != nil {
		return nil, async.Classify("listing the network security groups", err)
	}
	var named []string
	if g := s.scope.VCN().NetworkSecurityGroup; g != nil {
		for i := range g.List {
			named = append(named, g.List[i].ID)
		}
	}
	var pending []string
	for i := range nsgs {
		n := &nsgs[i]
		id := ptr.Deref(n.Id, "")
		if svc.Owns(n.FreeformTags, s.scope.ResourceIdentifier()) || slices.Contains(named, id) ||
			n.LifecycleState == core.NetworkSecurityGroupLifecycleStateTerminated {
			continue
		}
		name := fmt.Sprintf("network security group %s (%s)", ptr.Deref(n.DisplayName, ""), id)
		pending = append(pending, name)
		if n.LifecycleState == core.NetworkSecurityGroupLifecycleStateTerminating {
			continue
		}
		_, err := s.nsg.DeleteNetworkSecurityGroup(clients.WithOperation(ctx, "DeleteNetworkSecurityGroup"),
			core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id})
		if err = ignoreGoneOrBusy(err); err != nil {
			return nil, async.Classify("deleting "+name, err)
		}
	}
	return pending, nil
}

// ignoreGoneOrBusy treats a resource already gone, or busy with a change of its own (OCI's 409), as on its way.
func ignoreGoneOrBusy(err error) error {
	var se interface{ GetHTTPStatusCode() int }
	if err == nil || async.IsNotFound(err) || (errors.As(err, &se) && se.GetHTTPStatusCode() == 409) {
		return nil
	}
	return err
}
