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

package instanceconfig

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/go-logr/logr"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// poolConfig is one of the pool's instance configurations.
type poolConfig struct{ id, name string }

// poolConfigs lists the configurations of the pool that the cluster owns: its ownership tags, and a name the
// provider gives the pool's configurations (see isPoolConfiguration).
func (s *Service) poolConfigs(ctx context.Context, l *listing) ([]poolConfig, error) {
	all, err := l.load(clients.WithOperation(ctx, "ListInstanceConfigurations"))
	if err != nil {
		return nil, async.Classify("listing the instance configurations", err)
	}
	var out []poolConfig
	for i := range all {
		c := &all[i]
		name := ptr.Deref(c.DisplayName, "")
		if svc.Owns(c.FreeformTags, s.Scope.ResourceIdentifier()) && isPoolConfiguration(name, s.Scope.PoolName()) {
			out = append(out, poolConfig{id: ptr.Deref(c.Id, ""), name: name})
		}
	}
	return out, nil
}

// sweep deletes the pool's configurations that are neither the recorded one nor in use. It lists them only when
// the configurations in use changed since the last sweep (a new one recorded, an old one let go of), so that a
// pool in place costs no call. One that OCI says something still uses (which the scope does not know of) is left
// until the configurations in use next change, or the pool is deleted.
func (s *Service) sweep(ctx context.Context, a *adapter, l *listing) error {
	current := s.Scope.Config().InstanceConfigurationID
	inUse := s.Scope.InUse()
	state := sweepState(current, inUse)
	rec := s.Scope.Recorder(nil)
	if rec.Memo(sweepKey).SpecHash == state {
		return nil
	}
	configs, err := s.poolConfigs(ctx, l)
	if err != nil {
		return err
	}
	var out svc.Outcome
	for _, c := range configs {
		if c.id == current || slices.Contains(inUse, c.id) {
			continue
		}
		err := remove(ctx, a, c)
		var e *async.Error
		if errors.As(err, &e) && e.Reason == svc.ReasonInUse {
			logr.FromContextOrDiscard(ctx).Info("An old instance configuration is still in use; it is left", "name", c.name, "id", c.id)
			continue
		}
		out.Add(err)
	}
	if err := out.Err(); err != nil {
		return err
	}
	rec.SetMemo(sweepKey, async.Memo{SpecHash: state})
	return nil
}

// sweepState is the hash of the configurations in use: the recorded one and the scope's.
func sweepState(current string, inUse []string) string {
	ids := append([]string{current}, inUse...)
	slices.Sort(ids[1:])
	sum := sha256.Sum256([]byte(strings.Join(ids, "\x00")))
	return hex.EncodeToString(sum[:16])
}

// remove deletes the configuration c; one already gone is deleted. OCI's refusal to delete one that an instance
// pool uses is an error with svc.ReasonInUse.
func remove(ctx context.Context, a *adapter, c poolConfig) error {
	_, err := a.Delete(ctx, c.id)
	if err == nil || async.IsNotFound(err) {
		return nil
	}
	what := "instance configuration " + c.name
	return async.Classify("deleting "+what, svc.InUse(what, err))
}
