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

// Package vcn reconciles a cluster's virtual cloud network: created with the cluster's name, CIDRs and tags, or
// brought by ID and then used as it is.
package vcn

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_vcn/client_mock.go -package=mock_vcn github.com/oracle/cluster-api-provider-oci/cloud/services/vcn Client

// Key names the VCN among the cluster's resources.
const Key = "vcn"

// Scope is what the VCN service needs of a cluster, self-managed or OKE.
type Scope interface {
	svc.Owner
	// ClusterName names the VCN when spec does not.
	ClusterName() string
	// VCN is the cluster's VCN spec; the service records the OCID in it.
	VCN() *infrav1.VCN
}

// Service reconciles the VCN.
type Service struct{ svc.Service[Scope, Client] }

// New returns the VCN service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("vcn", scope, client)}
}

func (s *Service) engineAndSpec() (*async.Engine[core.Vcn], *Spec) {
	v := s.Scope.VCN()
	spec := NewSpec(s.Scope, s.Scope.ClusterName(), v)
	e := svc.EngineOf(s.Scope, kind(s.Client, s.Scope.CompartmentID()), func(_, id string) { v.ID = id })
	return e, spec
}

// Reconcile creates the VCN, or finds it, and keeps its name and tags as declared.
func (s *Service) Reconcile(ctx context.Context) error {
	if s.Scope.VCN().Skip {
		if s.Scope.VCN().ID == "" {
			return fmt.Errorf("spec.networkSpec.vcn.skip is set without spec.networkSpec.vcn.id: give the ID of the VCN to use")
		}
		return nil
	}
	e, spec := s.engineAndSpec()
	return e.Reconcile(ctx, spec)
}

// Delete deletes the VCN when the provider created it; a VCN brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	if s.Scope.VCN().Skip {
		return nil
	}
	e, spec := s.engineAndSpec()
	return e.Delete(ctx, spec)
}
