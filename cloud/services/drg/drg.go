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

// Package drg reconciles the dynamic routing gateway (DRG) a cluster's VCN peers through, when the cluster
// manages it (spec.networkSpec.vcnPeering.drg.manage): the DRG is created in the cluster's compartment, or found
// by its name and the cluster's tags, and its name and tags are kept as declared. A DRG the cluster does not
// manage is given by OCID, and the service makes no call for it. The VCN's attachment to the DRG (package
// drgattachment) and the remote peering connections on it (package rpc) read its OCID with ID.
package drg

import (
	"context"
	"errors"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_drg/client_mock.go -package=mock_drg github.com/oracle/cluster-api-provider-oci/cloud/services/drg Client

// Key names the DRG among the cluster's resources.
const Key = "drg"

// ErrNoDRG is the error of peering that needs a DRG (for remote peering connections) without one declared.
var ErrNoDRG = errors.New("spec.networkSpec.vcnPeering.drg is not set: the VCN peers through a DRG; declare one")

// ErrNoID is the error of a DRG the cluster does not manage that is given without its OCID.
var ErrNoID = errors.New("spec.networkSpec.vcnPeering.drg.id is not set and drg.manage is false: give the OCID of " +
	"the DRG the VCN peers through, or set drg.manage to have one created")

// Scope is what the DRG service needs of a cluster, self-managed or OKE.
type Scope interface {
	svc.Network
	// VCNPeering is the cluster's VCN peering spec, nil without peering; the service records the DRG's OCID in
	// its DRG.ID.
	VCNPeering() *infrav1.VCNPeering
}

// Service reconciles the DRG.
type Service struct{ svc.Service[Scope, Client] }

// New returns the DRG service of scope, calling OCI with client. Its name is the earlier provider's, so that
// the cluster's conditions keep their reasons.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("drg", scope, client)}
}

// ID returns the OCID of the DRG that the resource with key is made on or routes through: a *async.NotDoneError
// while the DRG the cluster manages is not recorded yet, ErrNoDRG without a DRG and ErrNoID for a DRG that the
// cluster does not manage given without its OCID.
func ID(p *infrav1.VCNPeering, key string) (string, error) {
	switch d := p.DRG; {
	case d == nil:
		return "", ErrNoDRG
	case d.ID != "":
		return d.ID, nil
	case !d.Manage:
		return "", ErrNoID
	}
	return "", svc.Waiting(key, "the DRG")
}

// managed is the DRG spec when the cluster manages its DRG, else nil.
func managed(p *infrav1.VCNPeering) *infrav1.DRG {
	if p == nil || p.DRG == nil || !p.DRG.Manage {
		return nil
	}
	return p.DRG
}

func (s *Service) engine(d *infrav1.DRG) *async.Engine[core.Drg] {
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID()), func(_, id string) { d.ID = id })
}

// Reconcile creates the DRG, or finds it, and keeps its name and tags as declared. It makes no call without
// peering, without a DRG, or for a DRG that the cluster does not manage; such a DRG without an OCID is ErrNoID.
func (s *Service) Reconcile(ctx context.Context) error {
	p := s.Scope.VCNPeering()
	if p == nil || p.DRG == nil {
		return nil
	}
	d := managed(p)
	if d == nil {
		if p.DRG.ID == "" {
			return ErrNoID
		}
		return nil
	}
	return s.engine(d).Reconcile(ctx, NewSpec(s.Scope, s.Scope.ClusterName(), d))
}

// Delete deletes the DRG when the provider created it; one brought by ID is left alone, and one that the
// cluster does not manage is not looked at. A DRG that still has attachments or connections is reported as in
// use (they are deleted first, by the services that made them).
func (s *Service) Delete(ctx context.Context) error {
	d := managed(s.Scope.VCNPeering())
	if d == nil {
		return nil
	}
	spec := NewSpec(s.Scope, s.Scope.ClusterName(), d)
	return svc.InUse("DRG "+spec.Name(), s.engine(d).Delete(ctx, spec))
}
