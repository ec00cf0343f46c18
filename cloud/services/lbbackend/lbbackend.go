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

// Package lbbackend makes a control-plane machine a backend of its cluster's API server load balancer (a network
// load balancer or a load balancer), and takes it out before the instance goes. Backends are changed by work
// request: the service records it and looks once per reconcile. A load balancer busy with another machine's change
// answers 409 "Invalid State Transition": the machine looks again a little later, it has not failed; a create
// replayed for a backend that is there answers 409 "Duplicate backend": it is in place.
package lbbackend

import (
	"context"
	"fmt"
	"strings"

	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/apiserverlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_lbbackend/client_mock.go -package=mock_lbbackend github.com/oracle/cluster-api-provider-oci/cloud/services/lbbackend NLBClient,LBClient

// Key names the backend among the machine's resources.
const Key = "backend"

// BackendSetName is the API server's backend set.
const BackendSetName = apiserverlb.BackendSetName

// Scope is what the backend service needs of a machine.
type Scope interface {
	svc.Owner
	// LaunchNonce is the random value the machine's retry tokens are made from.
	LaunchNonce() string
	// IsControlPlane reports whether the machine is a control-plane machine: only those are backends.
	IsControlPlane() bool
	// MachineName is the OCIMachine's name: a network load balancer's backend is named after it.
	MachineName() string
	// APIServerLoadBalancer is the OCID of the cluster's API server load balancer ("" when the cluster has none
	// the provider manages), and whether it is a load balancer rather than a network load balancer.
	APIServerLoadBalancer() (id string, classic bool)
	// BackendPort is the API server's port on the machine.
	BackendPort() int
	// Addresses are status.addresses: the backend's IP is the InternalIP.
	Addresses() []clusterv1.MachineAddress
}

// Service reconciles the machine's backend.
type Service struct {
	scope Scope
	nlb   NLBClient
	lb    LBClient
}

// New returns the backend service of scope, calling a network load balancer with n and a load balancer with l.
func New(scope Scope, n NLBClient, l LBClient) *Service {
	return &Service{scope: scope, nlb: n, lb: l}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "backend" }

// engine returns the engine of the backend, on the load balancer's client.
func (s *Service) engine(lbID string, classic bool) *async.Engine[Backend] {
	var c async.Client[Backend] = &nlbClient{c: s.nlb, lbID: lbID, compartment: s.scope.CompartmentID()}
	if classic {
		c = &lbClient{c: s.lb, lbID: lbID}
	}
	e := svc.NewEngine[Backend](s.scope, c, nil)
	e.Identifier = s.scope.LaunchNonce()
	return e
}

// spec returns the backend's desired state, or nil when the machine has no backend to be.
func (s *Service) spec(classic bool) *Spec {
	ip := internalIP(s.scope.Addresses())
	port := s.scope.BackendPort()
	name := s.scope.MachineName()
	if classic {
		name = fmt.Sprintf("%s:%d", ip, port) // OCI names a load balancer's backends so
	}
	return &Spec{id: s.scope.Recorder(nil).Memo(Key).OwnedID, name: name, ip: ip, port: port}
}

// Reconcile adds a control-plane machine to the backend set; it makes no call for a worker, or for a backend in
// place whose drift check is not due.
func (s *Service) Reconcile(ctx context.Context) error {
	id, classic := s.scope.APIServerLoadBalancer()
	if !s.scope.IsControlPlane() || id == "" {
		return nil
	}
	spec := s.spec(classic)
	if spec.ip == "" {
		return &async.NotDoneError{Key: Key, What: "waiting for the machine's address", RequeueAfter: async.QuickBackoff(1)}
	}
	return busy(s.engine(id, classic).Reconcile(ctx, spec), s.scope)
}

// Delete takes the machine out of the backend set and waits for the change by requeue.
func (s *Service) Delete(ctx context.Context) error {
	id, classic := s.scope.APIServerLoadBalancer()
	if !s.scope.IsControlPlane() || id == "" {
		return nil
	}
	spec := s.spec(classic)
	if spec.id == "" && spec.ip == "" {
		return nil // never added: the machine never had an address
	}
	return busy(s.engine(id, classic).Delete(ctx, spec), s.scope)
}

// busy turns the 409 of a load balancer busy with another change into a look a little later.
func busy(err error, o svc.Owner) error {
	if err == nil || !strings.Contains(err.Error(), "Invalid State Transition") {
		return err
	}
	waits := o.Recorder(nil).Memo(Key).Waits + 1
	return &async.Error{Class: async.Throttled, Reason: infrav1.LoadBalancerBusyReason, RetryAfter: async.Backoff(waits), Err: err,
		Message: "the API server's load balancer is busy with another change (another machine joining or leaving); trying again shortly"}
}

// internalIP is the machine's InternalIP address, "" when it has none yet.
func internalIP(addrs []clusterv1.MachineAddress) string {
	for _, a := range addrs {
		if a.Type == clusterv1.MachineInternalIP {
			return a.Address
		}
	}
	return ""
}
