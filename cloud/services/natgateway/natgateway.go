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
	"errors"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_natgateway/client_mock.go -package=mock_natgateway github.com/oracle/cluster-api-provider-oci/cloud/services/natgateway Client

// Key names the NAT gateway among the cluster's resources.
const Key = "natgateway"

// Scope is what the NAT gateway service needs of a cluster, self-managed or OKE.
type Scope interface {
	svc.Network
}

// Service reconciles the NAT gateway.
type Service struct {
	scope  Scope
	client Client
}

// New returns the NAT gateway service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{scope: scope, client: client}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "natgateway" }

func (s *Service) engine() *async.Engine[core.NatGateway] {
	v := s.scope.VCN()
	a := newAdapter(s.client, s.scope.CompartmentID(), v.ID, s.scope.ResourceIdentifier())
	return svc.NewEngine(s.scope, a, func(_, id string) {
		if v.NATGateway == nil {
			v.NATGateway = &infrav1.NATGateway{}
		}
		v.NATGateway.ID = id
	})
}

// Reconcile creates the NAT gateway, or finds it, and keeps its name and tags as declared. It makes no call when
// the gateway is skipped or every subnet is public.
func (s *Service) Reconcile(ctx context.Context) error {
	v := s.scope.VCN()
	if (v.NATGateway != nil && v.NATGateway.Skip) || svc.AllSubnetsPublic(v) {
		return nil
	}
	if v.ID == "" {
		return errors.New("the VCN is not ready: its OCID is not recorded yet, so its NAT gateway cannot be created")
	}
	return s.engine().Reconcile(ctx, NewSpec(s.scope, v))
}

// Delete deletes the NAT gateway when the provider created it; one brought by ID is left alone. It makes no call
// when the gateway is skipped, or when neither it nor the VCN was ever recorded.
func (s *Service) Delete(ctx context.Context) error {
	v := s.scope.VCN()
	if v.NATGateway != nil && v.NATGateway.Skip {
		return nil
	}
	spec := NewSpec(s.scope, v)
	if v.ID == "" && spec.OCID() == "" {
		return nil
	}
	return s.engine().Delete(ctx, spec)
}
