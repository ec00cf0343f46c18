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

// Package subnets reconciles the subnets of a cluster's VCN, in spec order: each subnet that is not skipped is
// created with its CIDR, DNS label, privacy (a private subnet prohibits public IPs and internet ingress), route
// table, security list, IPv6 /64 and tags, or found, or brought by ID and then used as it is.
//
// A subnet waits (not done) for what it is created with: the VCN, the route table of its kind when route tables
// are managed, and its security list when it declares one. In place, its display name and tags are put back and
// its security list is attached again if it was detached; its CIDR is never changed, and a CIDR that differs
// from the spec is reported. A subnet that OCI refuses to delete because something still uses it (VNICs of
// instances, load balancers the cluster made) is reported with what OCI says blocks it.
package subnets

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_subnets/client_mock.go -package=mock_subnets github.com/oracle/cluster-api-provider-oci/cloud/services/subnets Client

// ReasonInUse is the reason of a subnet that OCI refuses to delete because something still uses it.
const ReasonInUse = "ResourceInUse"

// Scope is what the subnet service needs of a cluster, self-managed or OKE: its network spec, in which it reads
// the VCN, route table and security list OCIDs and records the subnets'.
type Scope interface {
	svc.Network
}

// Service reconciles the subnets.
type Service struct {
	scope  Scope
	client Client
}

// New returns the subnet service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{scope: scope, client: client}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "subnets" }

// todo returns the indexes of the subnets that are not skipped.
func (s *Service) todo() []int {
	var out []int
	subnets := s.scope.VCN().Subnets
	for i := range subnets {
		if sn := &subnets[i]; !sn.Skip {
			out = append(out, i)
		}
	}
	return out
}

func (s *Service) engine() *async.Engine[core.Subnet] {
	v := s.scope.VCN()
	a := newAdapter(s.client, s.scope.CompartmentID(), v.ID, s.scope.ResourceIdentifier())
	return svc.NewEngine(s.scope, a, func(key, id string) {
		for i := range v.Subnets {
			if KeyPrefix+v.Subnets[i].Name == key {
				v.Subnets[i].ID = id
			}
		}
	})
}

// Reconcile creates each subnet, or finds it, and keeps its name, tags and security list as declared.
func (s *Service) Reconcile(ctx context.Context) error {
	todo := s.todo()
	if len(todo) == 0 {
		return nil
	}
	v := s.scope.VCN()
	if v.ID == "" {
		return &async.NotDoneError{Key: "subnets", What: "waiting for the VCN", RequeueAfter: async.Backoff(1)}
	}
	e := s.engine()
	var out outcome
	for _, i := range todo {
		spec := NewSpec(s.scope, v, i)
		if w := spec.Waiting(); w != "" {
			out.add(&async.NotDoneError{Key: spec.Key(), What: "waiting for " + w, RequeueAfter: async.Backoff(1)})
			continue
		}
		out.add(e.Reconcile(ctx, spec))
	}
	return out.result()
}

// Delete deletes the subnets the provider created; a subnet brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	todo := s.todo()
	if len(todo) == 0 {
		return nil
	}
	v := s.scope.VCN()
	e := s.engine()
	var out outcome
	for _, i := range todo {
		spec := NewSpec(s.scope, v, i)
		out.add(inUse("subnet "+spec.Name(), e.Delete(ctx, spec)))
	}
	return out.result()
}

// inUse turns OCI's refusal to delete a resource that something still uses into an error that says so.
func inUse(what string, err error) error {
	var se common.ServiceError
	if !errors.As(err, &se) || se.GetHTTPStatusCode() != http.StatusConflict || se.GetCode() == "IncorrectState" {
		return err
	}
	return &async.Error{Class: async.Transient, Reason: ReasonInUse, Err: err, Message: fmt.Sprintf(
		"%s cannot be deleted yet: %s; delete what uses it", what, strings.TrimSuffix(se.GetMessage(), "."))}
}

// outcome gathers the results of several resources: the first error wins, else the soonest "not done".
type outcome struct {
	err     error
	notDone *async.NotDoneError
}

func (o *outcome) add(err error) {
	var nd *async.NotDoneError
	switch {
	case err == nil:
	case errors.As(err, &nd):
		if o.notDone == nil || nd.RequeueAfter < o.notDone.RequeueAfter {
			o.notDone = nd
		}
	case o.err == nil:
		o.err = err
	}
}

func (o *outcome) result() error {
	if o.err != nil {
		return o.err
	}
	if o.notDone != nil {
		return o.notDone
	}
	return nil
}
