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

// Package okeaddons reconciles the add-ons of an ENHANCED OKE cluster: those spec.addons declares are installed,
// kept at their declared version and configurations, and updated when OKE says they need attention; those
// status.addonStatus still reports but the spec no longer declares are disabled, and dropped from the status once
// gone. Each reconcile lists the cluster's add-ons once, reads whole only the declared ACTIVE add-ons whose
// configurations must be compared, and makes only the installs, updates and disables needed. It never waits: an
// add-on being installed, updated or disabled is "not done", and the controller looks again later.
package okeaddons

import (
	"context"
	"maps"
	"slices"
	"strings"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Name is the service's name in conditions and logs.
const Name = "addons"

// Scope is what the add-on service needs of an OCIManagedControlPlane.
type Scope interface {
	// ClusterID is the OKE cluster's OCID ("" while it is not made: the service then does nothing and reports
	// waiting).
	ClusterID() string
	// Addons are the add-ons the spec declares.
	Addons() []infrav1.Addon
	// AddonStatus is status.addonStatus, which the service keeps (never nil after New: the service initializes it).
	AddonStatus() map[string]infrav1.AddonStatus
	// SetAddonStatus writes status.addonStatus.
	SetAddonStatus(m map[string]infrav1.AddonStatus)
}

// Service reconciles the add-ons of an OKE cluster.
type Service struct {
	svc.Service[Scope, Client]
	states []State
}

var _ async.ServiceReconciler = (*Service)(nil)

// New returns the add-on service of scope, calling OCI with client; it initializes the scope's add-on status.
func New(scope Scope, client Client) *Service {
	if scope.AddonStatus() == nil {
		scope.SetAddonStatus(map[string]infrav1.AddonStatus{})
	}
	return &Service{Service: svc.NewService(Name, scope, client)}
}

// Reconcile brings the cluster's add-ons to the spec. It returns nil when every declared add-on is ACTIVE at its
// version and configurations and every removed one is gone, a *async.NotDoneError while some are on their way,
// and a terminal *async.Error when OCI refused a request (its message names the add-on and the field to check)
// or an add-on FAILED. A control plane that declares no add-on and reports none costs no call.
func (s *Service) Reconcile(ctx context.Context) error {
	s.states = nil
	addons, status := s.Scope.Addons(), s.Scope.AddonStatus()
	if len(addons) == 0 && len(status) == 0 {
		return nil
	}
	cluster := s.Scope.ClusterID()
	if cluster == "" {
		for _, a := range addons {
			s.states = append(s.states, State{Name: a.Name, Reason: ReasonInstalling, Message: "waiting for the OKE cluster"})
		}
		sortStates(s.states)
		return svc.Waiting(Name, "the OKE cluster")
	}
	listed, err := list(ctx, s.Client, cluster)
	if err != nil {
		return async.Classify("listing the add-ons of OKE cluster "+cluster, err)
	}
	p := &pass{client: s.Client, cluster: cluster, listed: listed, status: map[string]infrav1.AddonStatus{}}
	declared := make(map[string]bool, len(addons))
	for i := range addons {
		declared[addons[i].Name] = true
		p.declared(ctx, i, &addons[i])
	}
	for _, name := range slices.Sorted(maps.Keys(status)) {
		if !declared[name] {
			p.removed(ctx, name)
		}
	}
	s.Scope.SetAddonStatus(p.status)
	s.states = p.states
	sortStates(s.states)
	return p.result()
}

// Delete does nothing: the add-ons go with the OKE cluster.
func (s *Service) Delete(context.Context) error { return nil }

// States are where the add-ons stood at the last Reconcile, one per declared add-on and per removed one not gone
// yet, sorted by name. They are empty when that Reconcile could not list the add-ons (the error says why).
func (s *Service) States() []State { return slices.Clone(s.states) }

func sortStates(states []State) {
	slices.SortFunc(states, func(a, b State) int { return strings.Compare(a.Name, b.Name) })
}
