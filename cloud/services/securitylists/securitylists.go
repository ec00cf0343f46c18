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

// Package securitylists reconciles the security lists of a cluster's subnets: one for each subnet (not skipped)
// whose spec declares a security list, created in the cluster's VCN with the declared rules and attached to the
// subnet by the subnets service.
//
// A security list is not the provider's alone: the cloud controller manager that runs in the cluster adds rules
// to the security lists of its load balancers' subnets. So drift is repaired by addition only: a desired rule
// missing from the list is put back (the update sends the list's rules followed by the missing ones), while a
// rule that is in the list but not in the spec is kept, whoever added it. Removing a rule from the spec therefore
// does not remove it from OCI. The display name and the ownership and user tags are put back as well.
package securitylists

import (
	"context"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_securitylists/client_mock.go -package=mock_securitylists github.com/oracle/cluster-api-provider-oci/cloud/services/securitylists Client

// Scope is what the security list service needs of a cluster, self-managed or OKE: its network spec, in whose
// subnets it records the OCIDs, and the region's Oracle services for SERVICE_CIDR_BLOCK rules.
type Scope = svc.Network

// Service reconciles the security lists of the subnets.
type Service struct{ svc.Service[Scope, Client] }

// New returns the security list service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("securitylists", scope, client)}
}

// withList returns the indexes of the subnets, not skipped, that declare a security list.
func (s *Service) withList() []int {
	return svc.SubnetsWhere(s.Scope.VCN(), func(sn *infrav1.Subnet) bool { return sn.SecurityList != nil })
}

func (s *Service) engine() *async.Engine[core.SecurityList] {
	v := s.Scope.VCN()
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), v.ID), func(key, id string) {
		for i := range v.Subnets {
			if sl := v.Subnets[i].SecurityList; sl != nil && KeyPrefix+v.Subnets[i].Name == key {
				sl.ID = id
			}
		}
	})
}

// Reconcile creates each declared security list, or finds it, and puts back its missing rules, name and tags.
func (s *Service) Reconcile(ctx context.Context) error {
	todo := s.withList()
	if len(todo) == 0 {
		return nil
	}
	v := s.Scope.VCN()
	if v.ID == "" {
		return svc.Waiting("securitylists", "the VCN")
	}
	label, err := s.serviceLabel(ctx, todo)
	if err != nil {
		return err
	}
	e := s.engine()
	var out svc.Outcome
	for _, i := range todo {
		out.Add(e.Reconcile(ctx, NewSpec(s.Scope, v.ID, i, &v.Subnets[i], label)))
	}
	return out.Err()
}

// Delete deletes the declared security lists the provider created; one brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	v, todo := s.Scope.VCN(), s.withList()
	return svc.DeleteEach(ctx, s.engine, "security list", len(todo), func(j int) *Spec {
		return NewSpec(s.Scope, v.ID, todo[j], &v.Subnets[todo[j]], "")
	})
}

// serviceLabel returns the region's all-services CIDR label when a rule of the subnets todo needs it, else "".
func (s *Service) serviceLabel(ctx context.Context, todo []int) (string, error) {
	subnets := s.Scope.VCN().Subnets
	needed := slices.ContainsFunc(todo, func(i int) bool { return usesServiceLabel(subnets[i].SecurityList) })
	return secrules.ServiceLabel(ctx, s.Scope, needed, "security list rules")
}

func usesServiceLabel(sl *infrav1.SecurityList) bool {
	for i := range sl.IngressRules {
		if secrules.FromService(&sl.IngressRules[i]) {
			return true
		}
	}
	for i := range sl.EgressRules {
		if secrules.ToService(&sl.EgressRules[i]) {
			return true
		}
	}
	return false
}
