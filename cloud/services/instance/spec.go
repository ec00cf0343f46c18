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

package instance

import (
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// Spec is the desired state of a machine's instance: its launch request. An instance is never updated (a
// machine's spec does not change; Cluster API replaces machines).
type Spec struct {
	launch  Launch
	id      string
	name    string
	details *core.LaunchInstanceDetails
	err     error
}

var _ async.Spec[core.Instance] = (*Spec)(nil)

// NewSpec returns the desired state of the instance launched as l, recorded as id ("" before the launch).
func NewSpec(l Launch, id string) *Spec {
	s := &Spec{launch: l, id: id, name: l.Name}
	d, err := LaunchDetails(l)
	s.details, s.err = &d, err
	return s
}

// Key names the instance among the machine's resources.
func (s *Spec) Key() string { return Key }

// OCID is spec.instanceId.
func (s *Spec) OCID() string { return s.id }

// Name is the instance's display name: the OCIMachine's name, as the earlier provider named it.
func (s *Spec) Name() string { return s.name }

// CreateDetails is the LaunchInstance request body.
func (s *Spec) CreateDetails() (any, error) {
	if s.err != nil {
		return nil, s.err
	}
	return *s.details, nil
}

// UpdateDetails is always nil: an instance is not changed in place.
func (s *Spec) UpdateDetails(*core.Instance) (any, error) { return nil, nil }
