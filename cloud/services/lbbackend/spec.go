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

package lbbackend

import (
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// Backend is a backend of the API server's backend set, as the engine sees it.
type Backend struct {
	// Name is the backend's name in its set.
	Name string
	// Gone is true when the set has no backend of that name.
	Gone bool
}

// Details is the create request of a backend, which each client turns into its SDK's.
type Details struct {
	Name string
	IP   string
	Port int
}

// Spec is the desired state of the machine's backend.
type Spec struct {
	id, name, ip string
	port         int
}

var _ async.Spec[Backend] = (*Spec)(nil)

// Key names the backend among the machine's resources.
func (s *Spec) Key() string { return Key }

// OCID is the backend's name once it was added (backends have no OCID).
func (s *Spec) OCID() string { return s.id }

// Name is the backend's name.
func (s *Spec) Name() string { return s.name }

// CreateDetails is the backend's create request: the machine's address and the API server's port.
func (s *Spec) CreateDetails() (any, error) {
	return Details{Name: s.name, IP: s.ip, Port: s.port}, nil
}

// UpdateDetails is nil: a backend is added or removed, never changed.
func (s *Spec) UpdateDetails(*Backend) (any, error) { return nil, nil }
