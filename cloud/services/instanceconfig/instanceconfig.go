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

// Package instanceconfig keeps the OCI instance configuration an OCIMachinePool's instance pool launches its
// instances from. Instance configurations cannot be changed: the launch details the pool's
// spec.instanceConfiguration declares (built as an OCIMachine's are, by instance.LaunchDetails, with the
// MachinePool's bootstrap data as user data) are hashed, and the configuration is named
// "<pool>-<first 10 hex characters of the hash>", as the earlier provider named them. When the details change, a
// configuration of the new name is found or created and recorded in spec.instanceConfiguration.instanceConfigurationId
// (the instance pool is then pointed at it), and the pool's configurations that nothing uses any more are
// deleted. A configuration the user recorded there, without the cluster's ownership tags, is used as it is: never
// replaced, never deleted.
//
// The bootstrap data is part of the details: every change of it makes a new configuration. Kubeadm's bootstrap
// data carries a bootstrap token, so each rotation of the token by the bootstrap controller makes one.
package instanceconfig

import (
	"context"
	"errors"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

//go:generate ${MOCKGEN} -destination=mock_instanceconfig/client_mock.go -package=mock_instanceconfig github.com/oracle/cluster-api-provider-oci/cloud/services/instanceconfig Client

// Key is the instance configuration's key in the pool's status.resources: its memo is the configuration in use's.
const Key = "instanceconfiguration"

// sweepKey is the key of the memo of the last sweep of the pool's old configurations: its spec hash is the hash
// of the configurations then in use (see sweepState).
const sweepKey = Key + "/sweep"

// Scope is what the service needs of an OCIMachinePool.
type Scope interface {
	svc.Owner
	// PoolName is the OCIMachinePool's name.
	PoolName() string
	// Config is spec.instanceConfiguration; the service records the configuration in use in its InstanceConfigurationID.
	Config() *infrav1exp.InstanceConfiguration
	// BootstrapData is the MachinePool's bootstrap data; nil while it is not there (the service then waits).
	BootstrapData() []byte
	// VNIC is the primary VNIC's subnet and NSGs, resolved against the cluster's network (the worker subnet and NSGs by default).
	VNIC() (subnetID string, nsgIDs []string, err error)
	// InUse are the OCIDs of instance configurations still in use (the instance pool's, or instances' being replaced): never deleted.
	InUse() []string
	// InPlace is called once the configuration recorded in spec.instanceConfiguration.instanceConfigurationId is in
	// place, with the hash of its template: its launch details without the bootstrap data. Two configurations of
	// one template launch equivalent instances.
	InPlace(id, templateHash string)
}

// Service keeps an OCIMachinePool's instance configuration.
type Service struct{ svc.Service[Scope, Client] }

var _ async.ServiceReconciler = (*Service)(nil)

// New returns the instance configuration service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("instanceconfiguration", scope, client)}
}

type adapter = svc.Adapter[core.InstanceConfiguration, core.CreateInstanceConfigurationDetails, struct{}]

// engine returns the adapter and the engine of one Reconcile or Delete, which share one listing of the
// compartment's configurations.
func (s *Service) engine() (*adapter, *async.Engine[core.InstanceConfiguration], *listing) {
	l := &listing{c: s.Client, compartment: s.Scope.CompartmentID()}
	a := svc.NewAdapter(kind(s.Client, l), s.Scope.ResourceIdentifier())
	cfg := s.Scope.Config()
	return a, svc.NewEngine(s.Scope, a, func(_, id string) { cfg.InstanceConfigurationID = id }), l
}

// Reconcile has the pool's desired configuration recorded in spec.instanceConfiguration.instanceConfigurationId.
// It waits for the bootstrap data. A recorded configuration of the desired name costs no call until its drift
// check is due (then one read; one that is gone is created again). Otherwise the configuration of the desired
// name that the cluster owns is found (one listing of the compartment's) or created, and recorded. Once it is in
// place, the pool's other configurations that the cluster owns and that are not in use are deleted: at most one
// listing each time the configurations in use change. A spec that cannot be sent is a terminal error naming the
// field.
func (s *Service) Reconcile(ctx context.Context) error {
	cfg := s.Scope.Config()
	if cfg == nil {
		return invalid(errors.New("spec.instanceConfiguration is not set: declare the pool's instances"))
	}
	data := s.Scope.BootstrapData()
	if data == nil {
		return svc.Waiting(Key, "the MachinePool's bootstrap data")
	}
	spec, err := NewSpec(s.Scope, cfg.InstanceConfigurationID, data)
	if err != nil {
		return err
	}
	a, e, l := s.engine()
	err = e.Reconcile(ctx, spec)
	if errors.Is(err, errSuperseded) {
		// Replaced, not changed: the desired configuration is found, or created under a retry token of its own (a
		// configuration of the same name may have been created and deleted before). A memo already cleared is
		// that of a replacement tried before, whose create is tried again under the same token.
		rec := s.Scope.Recorder(nil)
		if m := rec.Memo(Key); m.OwnedID != "" || m.SpecHash != "" {
			rec.SetMemo(Key, async.Memo{Attempt: m.Attempt + 1})
		}
		err = e.Reconcile(ctx, spec.recorded(s.Scope, ""))
	}
	if err != nil {
		return err
	}
	s.Scope.InPlace(cfg.InstanceConfigurationID, spec.template)
	return s.sweep(ctx, a, l)
}

// Delete deletes every configuration of the pool that the cluster owns and that is not in use; NotFound is
// success. While one is in use (the instance pool is not terminated yet) it is "not done". Once all are gone it
// makes no call again.
func (s *Service) Delete(ctx context.Context) error {
	rec := s.Scope.Recorder(nil)
	memo := rec.Memo(Key)
	if memo.Deleted {
		return nil
	}
	a, _, l := s.engine()
	configs, err := s.poolConfigs(ctx, l)
	if err != nil {
		return err
	}
	inUse := s.Scope.InUse()
	var out svc.Outcome
	var held []string
	deleted := map[string]bool{}
	for _, c := range configs {
		if slices.Contains(inUse, c.id) {
			held = append(held, c.name)
			continue
		}
		err := remove(ctx, a, c)
		if err == nil {
			deleted[c.id] = true
		}
		out.Add(err)
	}
	if err := out.Err(); err != nil {
		return err
	}
	if len(held) > 0 {
		return svc.Waiting(Key, "the instance pool to let go of instance configuration "+held[0])
	}
	if cfg := s.Scope.Config(); cfg != nil && cfg.InstanceConfigurationID != "" &&
		(deleted[cfg.InstanceConfigurationID] || memo.OwnedID == cfg.InstanceConfigurationID) {
		cfg.InstanceConfigurationID = ""
	}
	rec.SetMemo(Key, async.Memo{Deleted: true, Attempt: memo.Attempt})
	rec.SetMemo(sweepKey, async.Memo{})
	return nil
}
