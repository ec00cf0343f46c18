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

package vcn

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the VCN service calls; core.VirtualNetworkClient is one.
type Client interface {
	GetVcn(ctx context.Context, req core.GetVcnRequest) (core.GetVcnResponse, error)
	ListVcns(ctx context.Context, req core.ListVcnsRequest) (core.ListVcnsResponse, error)
	CreateVcn(ctx context.Context, req core.CreateVcnRequest) (core.CreateVcnResponse, error)
	UpdateVcn(ctx context.Context, req core.UpdateVcnRequest) (core.UpdateVcnResponse, error)
	DeleteVcn(ctx context.Context, req core.DeleteVcnRequest) (core.DeleteVcnResponse, error)
}

// adapter runs VCNs for the engine.
type adapter struct {
	c           Client
	compartment string
	identifier  string
}

var _ async.Client[core.Vcn] = adapter{}

func newAdapter(c Client, compartment, identifier string) adapter {
	return adapter{c: c, compartment: compartment, identifier: identifier}
}

func (a adapter) Get(ctx context.Context, id string) (*core.Vcn, error) {
	r, err := a.c.GetVcn(clients.WithOperation(ctx, "GetVcn"), core.GetVcnRequest{VcnId: &id})
	if err != nil {
		return nil, err
	}
	return &r.Vcn, nil
}

// Find lists the compartment's VCNs of the spec's name and returns the one this cluster owns, if any.
func (a adapter) Find(ctx context.Context, spec async.Spec[core.Vcn]) (*core.Vcn, error) {
	own, err := svc.Body[*Spec]("finding the VCN", spec)
	if err != nil {
		return nil, err
	}
	name := own.Name()
	vcns, err := ociutil.ListAll(clients.WithOperation(ctx, "ListVcns"), func(ctx context.Context, page *string) ([]core.Vcn, *string, error) {
		r, err := a.c.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: &a.compartment, DisplayName: &name, Page: page})
		return r.Items, r.OpcNextPage, err
	})
	if err != nil {
		return nil, err
	}
	for i := range vcns {
		if svc.Owns(vcns[i].FreeformTags, a.identifier) && vcns[i].LifecycleState != core.VcnLifecycleStateTerminated {
			return &vcns[i], nil
		}
	}
	return nil, nil
}

func (a adapter) Create(ctx context.Context, details any, token string) (*core.Vcn, string, error) {
	d, err := svc.Body[core.CreateVcnDetails]("CreateVcn", details)
	if err != nil {
		return nil, "", err
	}
	r, err := a.c.CreateVcn(clients.WithOperation(ctx, "CreateVcn"), core.CreateVcnRequest{CreateVcnDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.Vcn, "", nil
}

func (a adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, err := svc.Body[core.UpdateVcnDetails]("UpdateVcn", details)
	if err != nil {
		return "", err
	}
	_, err = a.c.UpdateVcn(clients.WithOperation(ctx, "UpdateVcn"), core.UpdateVcnRequest{VcnId: &id, UpdateVcnDetails: d})
	return "", err
}

func (a adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteVcn(clients.WithOperation(ctx, "DeleteVcn"), core.DeleteVcnRequest{VcnId: &id})
	return "", err
}

func (a adapter) Observe(v *core.Vcn) async.Observed {
	return async.Observed{ID: ptr.Deref(v.Id, ""), State: string(v.LifecycleState),
		Phase: svc.PhaseOf(string(v.LifecycleState)), Foreign: !svc.Owns(v.FreeformTags, a.identifier)}
}

// WorkRequest is never called: VCN operations are synchronous.
func (a adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
