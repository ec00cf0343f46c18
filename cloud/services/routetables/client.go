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

package routetables

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the route table service calls; core.VirtualNetworkClient
// is one.
type Client interface {
	GetRouteTable(ctx context.Context, req core.GetRouteTableRequest) (core.GetRouteTableResponse, error)
	ListRouteTables(ctx context.Context, req core.ListRouteTablesRequest) (core.ListRouteTablesResponse, error)
	CreateRouteTable(ctx context.Context, req core.CreateRouteTableRequest) (core.CreateRouteTableResponse, error)
	UpdateRouteTable(ctx context.Context, req core.UpdateRouteTableRequest) (core.UpdateRouteTableResponse, error)
	DeleteRouteTable(ctx context.Context, req core.DeleteRouteTableRequest) (core.DeleteRouteTableResponse, error)
}

// adapter runs route tables for the engine. Its reads by ID are served by one list of the VCN's route tables, so
// that both tables are read with one call.
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	snap        *svc.Snapshot[core.RouteTable]
}

var _ async.Client[core.RouteTable] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.RouteTable, error) { return a.list(ctx, nil) },
		func(t *core.RouteTable) string { return ptr.Deref(t.Id, "") })
	return a
}

// list lists the compartment's route tables in the VCN, of the name when one is given.
func (a *adapter) list(ctx context.Context, name *string) ([]core.RouteTable, error) {
	req := core.ListRouteTablesRequest{CompartmentId: &a.compartment, DisplayName: name}
	if a.vcnID != "" {
		req.VcnId = &a.vcnID
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListRouteTables"),
		func(ctx context.Context, page *string) ([]core.RouteTable, *string, error) {
			req.Page = page
			r, err := a.c.ListRouteTables(ctx, req)
			return r.Items, r.OpcNextPage, err
		})
}

func (a *adapter) Get(ctx context.Context, id string) (*core.RouteTable, error) {
	return svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.RouteTable, error) {
		r, err := a.c.GetRouteTable(clients.WithOperation(ctx, "GetRouteTable"), core.GetRouteTableRequest{RtId: &id})
		if err != nil {
			return nil, err
		}
		return &r.RouteTable, nil
	})
}

// Find lists the VCN's route tables of the spec's name and returns the one this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[core.RouteTable]) (*core.RouteTable, error) {
	own, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("finding the RouteTable: the spec is a %T, not *Spec", spec)
	}
	name := own.Name()
	tables, err := a.list(ctx, ptr.To(name))
	if err != nil {
		return nil, err
	}
	for i := range tables {
		if svc.Owns(tables[i].FreeformTags, a.identifier) && tables[i].LifecycleState != core.RouteTableLifecycleStateTerminated {
			return &tables[i], nil
		}
	}
	return nil, nil
}

func (a *adapter) Create(ctx context.Context, details any, token string) (*core.RouteTable, string, error) {
	d, ok := details.(core.CreateRouteTableDetails)
	if !ok {
		return nil, "", fmt.Errorf("CreateRouteTable: the request body is a %T, not core.CreateRouteTableDetails", details)
	}
	r, err := a.c.CreateRouteTable(clients.WithOperation(ctx, "CreateRouteTable"),
		core.CreateRouteTableRequest{CreateRouteTableDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.RouteTable, "", nil
}

func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, ok := details.(core.UpdateRouteTableDetails)
	if !ok {
		return "", fmt.Errorf("UpdateRouteTable: the request body is a %T, not core.UpdateRouteTableDetails", details)
	}
	_, err := a.c.UpdateRouteTable(clients.WithOperation(ctx, "UpdateRouteTable"),
		core.UpdateRouteTableRequest{RtId: &id, UpdateRouteTableDetails: d})
	return "", err
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteRouteTable(clients.WithOperation(ctx, "DeleteRouteTable"), core.DeleteRouteTableRequest{RtId: &id})
	return "", err
}

func (a *adapter) Observe(t *core.RouteTable) async.Observed {
	return async.Observed{ID: ptr.Deref(t.Id, ""), State: string(t.LifecycleState),
		Phase: svc.PhaseOf(string(t.LifecycleState)), Foreign: !svc.Owns(t.FreeformTags, a.identifier)}
}

// WorkRequest is never called: route table operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
