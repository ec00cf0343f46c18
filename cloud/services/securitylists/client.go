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

package securitylists

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

// Client is the part of the SDK's VirtualNetworkClient the security list service calls; core.VirtualNetworkClient
// is one.
type Client interface {
	GetSecurityList(ctx context.Context, req core.GetSecurityListRequest) (core.GetSecurityListResponse, error)
	ListSecurityLists(ctx context.Context, req core.ListSecurityListsRequest) (core.ListSecurityListsResponse, error)
	CreateSecurityList(ctx context.Context, req core.CreateSecurityListRequest) (core.CreateSecurityListResponse, error)
	UpdateSecurityList(ctx context.Context, req core.UpdateSecurityListRequest) (core.UpdateSecurityListResponse, error)
	DeleteSecurityList(ctx context.Context, req core.DeleteSecurityListRequest) (core.DeleteSecurityListResponse, error)
}

// adapter runs security lists for the engine. Its reads by ID are served by one list of the VCN's security
// lists, made at most once per adapter (one adapter serves one Reconcile or Delete).
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	snap        *svc.Snapshot[core.SecurityList]
}

var _ async.Client[core.SecurityList] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.SecurityList, error) { return a.list(ctx, nil) },
		func(l *core.SecurityList) string { return ptr.Deref(l.Id, "") })
	return a
}

// list lists the VCN's security lists, of one display name when name is set.
func (a *adapter) list(ctx context.Context, name *string) ([]core.SecurityList, error) {
	if a.vcnID == "" {
		return nil, nil
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListSecurityLists"), func(ctx context.Context, page *string) ([]core.SecurityList, *string, error) {
		r, err := a.c.ListSecurityLists(ctx, core.ListSecurityListsRequest{CompartmentId: &a.compartment, VcnId: &a.vcnID,
			DisplayName: name, Page: page})
		return r.Items, r.OpcNextPage, err
	})
}

func (a *adapter) Get(ctx context.Context, id string) (*core.SecurityList, error) {
	return svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.SecurityList, error) {
		r, err := a.c.GetSecurityList(clients.WithOperation(ctx, "GetSecurityList"), core.GetSecurityListRequest{SecurityListId: &id})
		if err != nil {
			return nil, err
		}
		return &r.SecurityList, nil
	})
}

// Find lists the VCN's security lists of the spec's name and returns the one this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[core.SecurityList]) (*core.SecurityList, error) {
	s, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("security list spec of type %T", spec)
	}
	lists, err := a.list(ctx, &s.name)
	if err != nil {
		return nil, err
	}
	for i := range lists {
		if svc.Owns(lists[i].FreeformTags, a.identifier) && lists[i].LifecycleState != core.SecurityListLifecycleStateTerminated {
			return &lists[i], nil
		}
	}
	return nil, nil
}

func (a *adapter) Create(ctx context.Context, details any, token string) (*core.SecurityList, string, error) {
	d, ok := details.(core.CreateSecurityListDetails)
	if !ok {
		return nil, "", fmt.Errorf("security list create details of type %T", details)
	}
	r, err := a.c.CreateSecurityList(clients.WithOperation(ctx, "CreateSecurityList"),
		core.CreateSecurityListRequest{CreateSecurityListDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.SecurityList, "", nil
}

func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, ok := details.(core.UpdateSecurityListDetails)
	if !ok {
		return "", fmt.Errorf("security list update details of type %T", details)
	}
	_, err := a.c.UpdateSecurityList(clients.WithOperation(ctx, "UpdateSecurityList"),
		core.UpdateSecurityListRequest{SecurityListId: &id, UpdateSecurityListDetails: d})
	return "", err
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteSecurityList(clients.WithOperation(ctx, "DeleteSecurityList"), core.DeleteSecurityListRequest{SecurityListId: &id})
	return "", err
}

func (a *adapter) Observe(l *core.SecurityList) async.Observed {
	return async.Observed{ID: ptr.Deref(l.Id, ""), State: string(l.LifecycleState),
		Phase: svc.PhaseOf(string(l.LifecycleState)), Foreign: !svc.Owns(l.FreeformTags, a.identifier)}
}

// WorkRequest is never called: security list operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
