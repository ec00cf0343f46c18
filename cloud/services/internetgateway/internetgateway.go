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

// Package internetgateway reconciles the internet gateway of a cluster's VCN: the way in and out of the internet
// of its public subnets. A VCN whose subnets are all private has none.
package internetgateway

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_internetgateway/client_mock.go -package=mock_internetgateway github.com/oracle/cluster-api-provider-oci/cloud/services/internetgateway Client

// Key names the internet gateway among the cluster's resources.
const Key = "internetgateway"

// Scope is what the internet gateway service needs of a cluster, self-managed or OKE.
type Scope = svc.Network

// Service reconciles the internet gateway.
type Service struct{ svc.Service[Scope, Client] }

// New returns the internet gateway service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("internetgateway", scope, client)}
}

func (s *Service) engine() *async.Engine[core.InternetGateway] {
	v := s.Scope.VCN()
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), v.ID), func(_, id string) {
		if v.InternetGateway == nil {
			v.InternetGateway = &infrav1.InternetGateway{}
		}
		v.InternetGateway.ID = id
	})
}

func skipped(v *infrav1.VCN) bool { return v.InternetGateway != nil && v.InternetGateway.Skip }

// Reconcile creates the internet gateway, or finds it, and keeps its name, state and tags as declared. It makes
// no call when the gateway is skipped or every subnet is private.
func (s *Service) Reconcile(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) || svc.AllSubnetsPrivate(v) {
		return nil
	}
	if v.ID == "" {
		return svc.VCNNotReady("internet gateway")
	}
	return s.engine().Reconcile(ctx, NewSpec(s.Scope, v))
}

// Delete deletes the internet gateway when the provider created it; one brought by ID is left alone. It makes no
// call when the gateway is skipped, or when neither it nor the VCN was ever recorded.
func (s *Service) Delete(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) {
		return nil
	}
	return svc.DeleteInVCN(ctx, s.engine(), v, NewSpec(s.Scope, v))
}
