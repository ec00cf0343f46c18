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
	"errors"
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
type Scope interface {
	svc.Network
}

// Service reconciles the service gateway.
type Service struct {
	scope  Scope
	client Client
}

// New returns the service gateway service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{scope: scope, client: client}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "servicegateway" }

func (s *Service) engine() *async.Engine[core.ServiceGateway] {
	v := s.scope.VCN()
	a := newAdapter(s.client, s.scope.CompartmentID(), v.ID, s.scope.ResourceIdentifier())
	return svc.NewEngine(s.scope, a, func(_, id string) {
		if v.ServiceGateway == nil {
			v.ServiceGateway = &infrav1.ServiceGateway{}
		}
		v.ServiceGateway.ID = id
	})
}

// Reconcile creates the service gateway to all of the region's Oracle services, or finds it, and keeps its name,
// services and tags as declared. It makes no call when the gateway is skipped or every subnet is public.
func (s *Service) Reconcile(ctx context.Context) error {
	v := s.scope.VCN()
	if (v.ServiceGateway != nil && v.ServiceGateway.Skip) || svc.AllSubnetsPublic(v) {
		return nil
	}
	if v.ID == "" {
		return errors.New("the VCN is not ready: its OCID is not recorded yet, so its service gateway cannot be created")
	}
	all, err := svc.AllServices(ctx, s.scope)
	if err != nil {
		return fmt.Errorf("choosing the service gateway's services: %w", err)
	}
	return s.engine().Reconcile(ctx, NewSpec(s.scope, v, ptr.Deref(all.Id, "")))
}

// Delete deletes the service gateway when the provider created it; one brought by ID is left alone. It makes no
// call when the gateway is skipped, or when neither it nor the VCN was ever recorded.
func (s *Service) Delete(ctx context.Context) error {
	v := s.scope.VCN()
	if v.ServiceGateway != nil && v.ServiceGateway.Skip {
		return nil
	}
	spec := NewSpec(s.scope, v, "")
	if v.ID == "" && spec.OCID() == "" {
		return nil
	}
	return s.engine().Delete(ctx, spec)
}
