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

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_subnets/client_mock.go -package=mock_subnets github.com/oracle/cluster-api-provider-oci/cloud/services/subnets Client

// Scope is what the subnet service needs of a cluster, self-managed or OKE: its network spec, in which it reads
// the VCN, route table and security list OCIDs and records the subnets'.
type Scope = svc.Network

// Service reconciles the subnets.
type Service struct{ svc.Service[Scope, Client] }

// New returns the subnet service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("subnets", scope, client)}
}

// todo returns the indexes of the subnets that are not skipped.
func (s *Service) todo() []int {
	return svc.SubnetsWhere(s.Scope.VCN(), func(*infrav1.Subnet) bool { return true })
}

func (s *Service) engine() *async.Engine[core.Subnet] {
	v := s.Scope.VCN()
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), v.ID), func(key, id string) {
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
	v := s.Scope.VCN()
	if v.ID == "" {
		return svc.Waiting("subnets", "the VCN")
	}
	e := s.engine()
	var out svc.Outcome
	for _, i := range todo {
		spec := NewSpec(s.Scope, v, i)
		if w := spec.Waiting(); w != "" {
			out.Add(svc.Waiting(spec.Key(), w))
			continue
		}
		out.Add(e.Reconcile(ctx, spec))
	}
	return out.Err()
}

// Delete deletes the subnets the provider created; a subnet brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	v, todo := s.Scope.VCN(), s.todo()
	return svc.DeleteEach(ctx, s.engine, "subnet", len(todo), func(j int) *Spec { return NewSpec(s.Scope, v, todo[j]) })
}
