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

// Package drgattachment reconciles the attachment of a cluster's VCN to the DRG it peers through
// (spec.networkSpec.vcnPeering.drg). Local peering in OCI is two VCNs attached to one DRG, with routes to each
// other through it (the private route table's peer routes); remote peering adds connections between DRGs
// (package rpc). The attachment waits for the VCN and the DRG to be recorded, and its name and tags are kept as
// declared.
package drgattachment

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_drgattachment/client_mock.go -package=mock_drgattachment github.com/oracle/cluster-api-provider-oci/cloud/services/drgattachment Client

// Key names the VCN's DRG attachment among the cluster's resources.
const Key = "drgattachment"

// Scope is what the DRG attachment service needs of a cluster, self-managed or OKE.
type Scope interface {
	svc.Network
	// VCNPeering is the cluster's VCN peering spec, nil without peering: the service reads the DRG's OCID in its
	// DRG.ID and records the attachment's in its DRG.VCNAttachmentID.
	VCNPeering() *infrav1.VCNPeering
}

// Service reconciles the VCN's DRG attachment.
type Service struct{ svc.Service[Scope, Client] }

// New returns the DRG attachment service of scope, calling OCI with client. Its name is the earlier provider's,
// so that the cluster's conditions keep their reasons.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("drgvcnattachment", scope, client)}
}

// attached is the DRG spec when the cluster peers through a DRG, else nil.
func attached(p *infrav1.VCNPeering) *infrav1.DRG {
	if p == nil {
		return nil
	}
	return p.DRG
}

func (s *Service) engine(d *infrav1.DRG) *async.Engine[core.DrgAttachment] {
	return svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID(), d.ID, s.Scope.VCN().ID),
		func(_, id string) { d.VCNAttachmentID = id })
}

func (s *Service) spec(d *infrav1.DRG) *Spec {
	return NewSpec(s.Scope, s.Scope.ClusterName(), d.VCNAttachmentID, d.ID, s.Scope.VCN().ID)
}

// Reconcile attaches the VCN to the DRG, or finds the attachment, and keeps its name and tags as declared. It is
// "not done" until the VCN and a DRG the cluster manages are recorded; it makes no call without peering or
// without a DRG.
func (s *Service) Reconcile(ctx context.Context) error {
	p := s.Scope.VCNPeering()
	d := attached(p)
	if d == nil {
		return nil
	}
	if s.Scope.VCN().ID == "" {
		return svc.Waiting(Key, "the VCN")
	}
	if _, err := drg.ID(p, Key); err != nil {
		return err
	}
	return s.engine(d).Reconcile(ctx, s.spec(d))
}

// Delete detaches the VCN from the DRG when the provider attached it; an attachment brought by ID is left
// alone. It makes no call without peering or a DRG, nor when the attachment was never recorded and the VCN or
// the DRG was not either (then it was never made).
func (s *Service) Delete(ctx context.Context) error {
	d := attached(s.Scope.VCNPeering())
	if d == nil {
		return nil
	}
	spec := s.spec(d)
	if spec.OCID() == "" && (s.Scope.VCN().ID == "" || d.ID == "") {
		return nil
	}
	return s.engine(d).Delete(ctx, spec)
}
