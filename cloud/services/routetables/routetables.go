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

// Package routetables reconciles the route tables of a cluster's VCN: the private one (the internet through the
// NAT gateway, Oracle services through the service gateway, peered networks through the DRG) and the public one
// (the internet through the internet gateway). Their rules are kept as declared.
package routetables

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_routetables/client_mock.go -package=mock_routetables github.com/oracle/cluster-api-provider-oci/cloud/services/routetables Client

// Scope is what the route table service needs of a cluster, self-managed or OKE.
type Scope interface {
	svc.Network
	// VCNPeering is the cluster's VCN peering spec, nil without peering: its peer routes go in the private table.
	VCNPeering() *infrav1.VCNPeering
}

// Service reconciles the route tables.
type Service struct{ svc.Service[Scope, Client] }

// New returns the route table service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("routetables", scope, client)}
}

func (s *Service) engine() *async.Engine[core.RouteTable] {
	v := s.Scope.VCN()
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), v.ID), func(key, id string) {
		if v.RouteTable == nil {
			v.RouteTable = &infrav1.RouteTable{}
		}
		if key == KeyPrivate {
			v.RouteTable.PrivateRouteTableID = id
		} else {
			v.RouteTable.PublicRouteTableID = id
		}
	})
}

func skipped(v *infrav1.VCN) bool { return v.RouteTable != nil && v.RouteTable.Skip }

// Reconcile creates the route tables the subnets need (see Tables), or finds them, and keeps their rules, names
// and tags as declared. A table whose gateways are not recorded yet is "not done"; it makes no call when the
// route tables are skipped.
func (s *Service) Reconcile(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) {
		return nil
	}
	if v.ID == "" {
		return svc.VCNNotReady("route tables")
	}
	private, public := Tables(v)
	e := s.engine()
	var steps []func() error
	if private {
		steps = append(steps, func() error { return s.reconcilePrivate(ctx, e) })
	}
	if public {
		steps = append(steps, func() error {
			spec, err := NewPublicSpec(s.Scope, v)
			if err != nil {
				return err
			}
			return e.Reconcile(ctx, spec)
		})
	}
	return svc.RunAll(steps)
}

func (s *Service) reconcilePrivate(ctx context.Context, e *async.Engine[core.RouteTable]) error {
	label, err := svc.ServiceCIDRLabel(ctx, s.Scope)
	if err != nil {
		return fmt.Errorf("choosing the private route table's route to Oracle services: %w", err)
	}
	spec, err := NewPrivateSpec(s.Scope, s.Scope.VCN(), s.Scope.VCNPeering(), label)
	if err != nil {
		return err
	}
	return e.Reconcile(ctx, spec)
}

// Delete deletes both route tables when the provider created them, whichever the subnets need now; tables
// brought by ID are left alone. It makes no call when the route tables are skipped, nor for a table when neither
// it nor the VCN was ever recorded.
func (s *Service) Delete(ctx context.Context) error {
	v := s.Scope.VCN()
	if skipped(v) {
		return nil
	}
	e := s.engine()
	var steps []func() error
	for _, key := range []string{KeyPrivate, KeyPublic} {
		spec := newSpec(s.Scope, v, key)
		steps = append(steps, func() error { return svc.DeleteInVCN(ctx, e, v, spec) })
	}
	return svc.RunAll(steps)
}
