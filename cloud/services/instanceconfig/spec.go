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
	"errors"
	"fmt"
	"maps"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Spec is the desired instance configuration of an OCIMachinePool: its launch details, and the name their hash
// gives it.
type Spec struct {
	svc.Desired
	details core.InstanceConfigurationLaunchInstanceDetails
	hash    string
	// template is the hash of the details without the bootstrap data.
	template string
}

var _ async.Spec[core.InstanceConfiguration] = (*Spec)(nil)

// NewSpec builds the desired configuration of s's pool with the bootstrap data userData, as recorded in id (""
// when none is): the launch details of the pool's spec.instanceConfiguration, in the cluster's compartment, with
// the cluster's tags, the VNIC the scope resolves and the bootstrap data as user data. A field that cannot be
// sent, or metadata over OCI's limit, is a terminal error naming the field.
func NewSpec(s Scope, id string, userData []byte) (*Spec, error) {
	subnet, nsgs, err := s.VNIC()
	if err != nil {
		return nil, fmt.Errorf("resolving the primary VNIC of the pool's instances: %w", err)
	}
	d, err := launchDetails(launch{config: s.Config(), pool: s.PoolName(), compartment: s.CompartmentID(),
		subnetID: subnet, nsgIDs: nsgs, userData: userData, tags: svc.Tags(s), definedTags: svc.DefinedTags(s)})
	if err != nil {
		return nil, err
	}
	h, err := Hash(&d)
	if err != nil {
		return nil, err
	}
	t := d
	t.Metadata = maps.Clone(d.Metadata)
	delete(t.Metadata, userDataKey)
	th, err := Hash(&t)
	if err != nil {
		return nil, err
	}
	return &Spec{Desired: svc.NewDesired(s, Key, id, Name(s.PoolName(), h)), details: d, hash: h, template: th}, nil
}

// recorded returns the spec as recorded in id instead.
func (s *Spec) recorded(o svc.Owner, id string) *Spec {
	out := *s
	out.Desired = svc.NewDesired(o, Key, id, s.Name())
	return &out
}

// userDataKey is the metadata key of the bootstrap data.
const userDataKey = "user_data"

// TemplateHash is the hash of the launch details without the bootstrap data.
func (s *Spec) TemplateHash() string { return s.template }

// Hash is the hash of the launch details (see Hash).
func (s *Spec) Hash() string { return s.hash }

// LaunchDetails are the launch details of the pool's instances.
func (s *Spec) LaunchDetails() core.InstanceConfigurationLaunchInstanceDetails { return s.details }

// CreateDetails is the CreateInstanceConfiguration request body: the launch details of a compute instance, in the
// cluster's compartment with its tags.
func (s *Spec) CreateDetails() (any, error) {
	d := s.details
	return core.CreateInstanceConfigurationDetails{CompartmentId: ptr.To(s.Compartment), DisplayName: ptr.To(s.Name()),
		FreeformTags: s.Tags, DefinedTags: s.Defined, InstanceDetails: core.ComputeInstanceDetails{LaunchDetails: &d}}, nil
}

// errSuperseded says the recorded configuration is not the desired one: a configuration cannot be changed, so
// the desired one is found or created instead.
var errSuperseded = errors.New("the instance configuration is superseded")

// UpdateDetails is nil for the configuration of the desired name, which has the desired details (the name ends
// with their hash). Any other one, recorded before the spec or the bootstrap data changed, is superseded: an
// error wrapping errSuperseded, on which the service finds or creates the desired one.
func (s *Spec) UpdateDetails(existing *core.InstanceConfiguration) (any, error) {
	if name := ptr.Deref(existing.DisplayName, ""); name != s.Name() {
		return nil, fmt.Errorf("%w: %s is %q, the pool's spec is now %q", errSuperseded, ptr.Deref(existing.Id, ""), name, s.Name())
	}
	return nil, nil
}
