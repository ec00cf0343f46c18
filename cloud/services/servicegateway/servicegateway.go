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

// Package servicegateway reconciles the service gateway of a cluster's VCN: the private subnets' way to the
// region's Oracle services without the internet. A VCN whose subnets are all public has none.
package servicegateway

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_servicegateway/client_mock.go -package=mock_servicegateway github.com/oracle/cluster-api-provider-oci/cloud/services/servicegateway Client

// Key names the service gateway among the cluster's resources.
const Key = "servicegateway"

// Scope is what the service gateway service needs of a cluster, self-managed or OKE.
type Scope = svc.Network

// Service reconciles the service gateway.
type Service struct{ svc.Service[Scope, Client] }

// New returns the service gateway service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("servicegateway", scope, client)}
}

func (s *Service) engine() *async.Engine[core.ServiceGateway] {
	v := s.Scope.VCN()
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), v.ID), func(_, id string) {
		if v.ServiceGateway == nil {
			v.ServiceGateway = &infrav1.ServiceGateway{}
		}
		v.ServiceGateway.ID = id
	})
}

func skipped(v *infrav1.VCN) bool { return v.ServiceGateway != nil && v.ServiceGateway.Skip }

// Reconcile creates the service gateway to all of the region's Oracle services, or finds it, and keeps its name,
// services and tags as declared. It makes no call when the gateway is skipped or every subnet is public.
func (s *Service) Reconcile(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) || svc.AllSubnetsPublic(v) {
		return nil
	}
	if v.ID == "" {
		return svc.VCNNotReady("service gateway")
	}
	all, err := svc.AllServices(ctx, s.Scope)
	if err != nil {
		return fmt.Errorf("choosing the service gateway's services: %w", err)
	}
	return s.engine().Reconcile(ctx, NewSpec(s.Scope, v, ptr.Deref(all.Id, "")))
}

// Delete deletes the service gateway when the provider created it; one brought by ID is left alone. It makes no
// call when the gateway is skipped, or when neither it nor the VCN was ever recorded.
func (s *Service) Delete(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) {
		return nil
	}
	return svc.DeleteInVCN(ctx, s.engine(), v, NewSpec(s.Scope, v, ""))
}
