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

// Package instance reconciles a machine's compute instance: it launches it once (a retry token made from the
// machine's launch nonce, the OCID recorded at once, found by name and ownership tags when it was not), falls back
// to the other fault domains of the availability domain when OCI is out of host capacity, watches it run, and
// terminates it. An instance terminated outside Cluster API is reported, never launched again in place: Cluster
// API replaces the Machine.
package instance

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_instance/client_mock.go -package=mock_instance github.com/oracle/cluster-api-provider-oci/cloud/services/instance Client

// Key names the instance among the machine's resources.
const Key = "instance"

// Scope is what the instance service needs of a machine.
type Scope interface {
	svc.Owner
	// LaunchNonce is the random value written on the object before the first launch; the launch's retry tokens
	// are made from it.
	LaunchNonce() string
	// InstanceID is spec.instanceId, "" before the launch.
	InstanceID() string
	// SetInstanceID records spec.instanceId.
	SetInstanceID(id string)
	// Launch is the instance's launch, and the fault domains to fall back to, in order, when OCI is out of host
	// capacity for it (none when the placement pins a fault domain).
	Launch() (Launch, []string, error)
	// PreserveVolumes says what the termination keeps: the boot volume, and the data volumes made at launch.
	PreserveVolumes() (boot, data *bool)
	// Observed receives the instance each time it is read.
	Observed(in *core.Instance)
}

// Service reconciles the instance.
type Service struct{ svc.Service[Scope, Client] }

// New returns the instance service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("instance", scope, client)}
}

// engine returns the engine of the instance: its retry tokens are made from the launch nonce (not the cluster's
// identifier, which every machine shares), and an instance gone from OCI is reported, not replaced.
func (s *Service) engine(phase func(string) async.Phase) *async.Engine[core.Instance] {
	boot, data := s.Scope.PreserveVolumes()
	a := svc.NewAdapter(kind(s.Client, s.Scope.CompartmentID(), boot, data, s.Scope.Observed, phase), s.Scope.ResourceIdentifier())
	e := svc.NewEngine(s.Scope, a, func(_, id string) { s.Scope.SetInstanceID(id) })
	e.Identifier = s.Scope.LaunchNonce()
	e.KeepGone = true
	return e
}

// Reconcile launches the instance, or finds it, and reports it: nil once it runs, a *async.NotDoneError while it
// is on its way. On "Out of host capacity" it tries the fallback fault domains in turn, each under its own retry
// token; when none has room the error says so with OutOfHostCapacityReason.
func (s *Service) Reconcile(ctx context.Context) error {
	l, fallbacks, err := s.Scope.Launch()
	switch {
	case err != nil && s.Scope.InstanceID() == "":
		return err
	case err != nil:
		// The instance is there: it is only read, and what the launch would need of the cluster (a subnet being
		// replaced) does not matter.
		fallbacks = nil
	}
	e := s.engine(phase)
	var capacity error
	for _, fd := range append([]string{l.FaultDomain}, fallbacks...) {
		l.FaultDomain = fd
		err := e.Reconcile(ctx, NewSpec(l, s.Scope.InstanceID()))
		if !IsOutOfCapacity(err) || s.Scope.InstanceID() != "" {
			return reported(err)
		}
		capacity = err
	}
	return &async.Error{Class: async.Terminal, Reason: infrav1.OutOfHostCapacityReason, Err: capacity,
		Message: fmt.Sprintf("no room for the instance in %s: %s", where(l.AvailabilityDomain, fallbacks), capacity)}
}

// where says where the launch was tried.
func where(ad string, fallbacks []string) string {
	if len(fallbacks) == 0 {
		return ad
	}
	return fmt.Sprintf("%s (also tried %s)", ad, strings.Join(fallbacks, ", "))
}

// Delete terminates the instance (keeping the volumes spec.preserveBootVolume and
// spec.preserveDataVolumesCreatedAtLaunch say), and waits for TERMINATED by requeue. An instance never recorded
// is looked up by name and ownership tags; one the provider does not own is left alone.
func (s *Service) Delete(ctx context.Context) error {
	l, _, err := s.Scope.Launch()
	if err != nil {
		// A launch that cannot be built still has a name to find the instance by.
		l = Launch{Name: l.Name}
	}
	return reported(s.engine(deletePhase).Delete(ctx, &Spec{id: s.Scope.InstanceID(), name: l.Name}))
}

// reported gives an instance gone from OCI its machine reason.
func reported(err error) error {
	var e *async.Error
	if errors.As(err, &e) && e.Reason == async.ReasonResourceGone {
		return &async.Error{Class: async.Terminal, Reason: infrav1.InstanceTerminatedReason, Err: err,
			Message: "the instance was terminated outside Cluster API: the machine is not launched again; " +
				"delete the Machine, or let a MachineHealthCheck on InfrastructureReady replace it (" + e.Message + ")"}
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		return &async.Error{Class: async.Terminal, Reason: infrav1.BootstrapDataTooLargeReason, Err: err, Message: tl.Error()}
	}
	return err
}

// IsOutOfCapacity reports whether err is OCI's "Out of host capacity" answer to a launch.
func IsOutOfCapacity(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "out of host capacity")
}
