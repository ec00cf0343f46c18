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

// Package natgateway reconciles the NAT gateway of a cluster's VCN: the way out to the internet of its private
// subnets. A VCN whose subnets are all public has none.
package natgateway

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_natgateway/client_mock.go -package=mock_natgateway github.com/oracle/cluster-api-provider-oci/cloud/services/natgateway Client

// Key names the NAT gateway among the cluster's resources.
const Key = "natgateway"

// Scope is what the NAT gateway service needs of a cluster, self-managed or OKE.
type Scope = svc.Network

// Service reconciles the NAT gateway.
type Service struct{ svc.Service[Scope, Client] }

// New returns the NAT gateway service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("natgateway", scope, client)}
}

func (s *Service) engine() *async.Engine[core.NatGateway] {
	v := s.Scope.VCN()
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), v.ID), func(_, id string) {
		if v.NATGateway == nil {
			v.NATGateway = &infrav1.NATGateway{}
		}
		v.NATGateway.ID = id
	})
}

func skipped(v *infrav1.VCN) bool { return v.NATGateway != nil && v.NATGateway.Skip }

// Reconcile creates the NAT gateway, or finds it, and keeps its name and tags as declared. It makes no call when
// the gateway is skipped or every subnet is public.
func (s *Service) Reconcile(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) || svc.AllSubnetsPublic(v) {
		return nil
	}
	if v.ID == "" {
		return svc.VCNNotReady("NAT gateway")
	}
	return s.engine().Reconcile(ctx, NewSpec(s.Scope, v))
}

// Delete deletes the NAT gateway when the provider created it; one brought by ID is left alone. It makes no call
// when the gateway is skipped, or when neither it nor the VCN was ever recorded.
func (s *Service) Delete(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) {
		return nil
	}
	return svc.DeleteInVCN(ctx, s.engine(), v, NewSpec(s.Scope, v))
}
