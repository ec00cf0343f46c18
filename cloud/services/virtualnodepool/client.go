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

package virtualnodepool

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okewr"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's ContainerEngineClient the virtual node pool service calls;
// containerengine.ContainerEngineClient is one.
type Client interface {
	GetVirtualNodePool(ctx context.Context, req containerengine.GetVirtualNodePoolRequest) (containerengine.GetVirtualNodePoolResponse, error)
	ListVirtualNodePools(ctx context.Context, req containerengine.ListVirtualNodePoolsRequest) (containerengine.ListVirtualNodePoolsResponse, error)
	CreateVirtualNodePool(ctx context.Context, req containerengine.CreateVirtualNodePoolRequest) (containerengine.CreateVirtualNodePoolResponse, error)
	UpdateVirtualNodePool(ctx context.Context, req containerengine.UpdateVirtualNodePoolRequest) (containerengine.UpdateVirtualNodePoolResponse, error)
	DeleteVirtualNodePool(ctx context.Context, req containerengine.DeleteVirtualNodePoolRequest) (containerengine.DeleteVirtualNodePoolResponse, error)
	ListVirtualNodes(ctx context.Context, req containerengine.ListVirtualNodesRequest) (containerengine.ListVirtualNodesResponse, error)
	GetWorkRequest(ctx context.Context, req containerengine.GetWorkRequestRequest) (containerengine.GetWorkRequestResponse, error)
	ListWorkRequestErrors(ctx context.Context, req containerengine.ListWorkRequestErrorsRequest) (containerengine.ListWorkRequestErrorsResponse, error)
}

type vnpKind = svc.Kind[containerengine.VirtualNodePool, containerengine.CreateVirtualNodePoolDetails, containerengine.UpdateVirtualNodePoolDetails]

// pools makes the SDK calls of the virtual node pools of one OKE cluster.
type pools struct {
	c                    Client
	compartment, cluster string

	// listed are the pools a listing returned: read in full before they are used.
	listed svc.Listed
}

// kind is the virtual node pools of the OKE cluster in the compartment, for the engine: each call is
// asynchronous, with a work request, and the create answers with no body (the engine then finds the pool by name
// and tags).
func kind(c Client, compartment, cluster string) vnpKind {
	p := &pools{c: c, compartment: compartment, cluster: cluster}
	return vnpKind{
		Noun:     "VirtualNodePool",
		Get:      p.get,
		List:     p.list,
		Complete: p.complete,
		Create: func(ctx context.Context, d containerengine.CreateVirtualNodePoolDetails, token string) (*containerengine.VirtualNodePool, string, error) {
			r, err := c.CreateVirtualNodePool(ctx, containerengine.CreateVirtualNodePoolRequest{CreateVirtualNodePoolDetails: d, OpcRetryToken: &token})
			return nil, ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		Update: func(ctx context.Context, id string, d containerengine.UpdateVirtualNodePoolDetails) (string, error) {
			r, err := c.UpdateVirtualNodePool(ctx, containerengine.UpdateVirtualNodePoolRequest{VirtualNodePoolId: &id, UpdateVirtualNodePoolDetails: d})
			return ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			r, err := c.DeleteVirtualNodePool(ctx, containerengine.DeleteVirtualNodePoolRequest{VirtualNodePoolId: &id})
			return ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		WorkRequest: func(ctx context.Context, id string) (bool, string, error) {
			return okewr.Look(ctx, p.c, p.compartment, id)
		},
		Meta: func(vnp *containerengine.VirtualNodePool) svc.Meta {
			return svc.Meta{ID: vnp.Id, State: string(vnp.LifecycleState), Tags: vnp.FreeformTags}
		},
		Phase: phase,
	}
}

func (p *pools) get(ctx context.Context, id string) (*containerengine.VirtualNodePool, error) {
	r, err := p.c.GetVirtualNodePool(ctx, containerengine.GetVirtualNodePoolRequest{VirtualNodePoolId: &id})
	if err != nil {
		return nil, err
	}
	return &r.VirtualNodePool, nil
}

// list reads one page of the cluster's virtual node pools of a name; the items carry what finding a pool needs.
func (p *pools) list(ctx context.Context, name, page *string) ([]containerengine.VirtualNodePool, *string, error) {
	r, err := p.c.ListVirtualNodePools(ctx, containerengine.ListVirtualNodePoolsRequest{CompartmentId: &p.compartment,
		ClusterId: svc.StringOrNil(p.cluster), Name: name, Page: page})
	if err != nil {
		return nil, nil, err
	}
	items := make([]containerengine.VirtualNodePool, len(r.Items))
	for i := range r.Items {
		s := &r.Items[i]
		items[i] = containerengine.VirtualNodePool{Id: s.Id, DisplayName: s.DisplayName, CompartmentId: s.CompartmentId,
			ClusterId: s.ClusterId, LifecycleState: s.LifecycleState, LifecycleDetails: s.LifecycleDetails,
			FreeformTags: s.FreeformTags, DefinedTags: s.DefinedTags}
		p.listed.Mark(ptr.Deref(s.Id, ""))
	}
	return items, r.OpcNextPage, nil
}

// complete reads a listed pool in full; a pool read by OCID is complete already.
func (p *pools) complete(ctx context.Context, vnp *containerengine.VirtualNodePool) (*containerengine.VirtualNodePool, error) {
	return svc.Complete(ctx, &p.listed, vnp, ptr.Deref(vnp.Id, ""), "GetVirtualNodePool", "virtual node pool", p.get)
}

// listNodes lists all the virtual nodes of the pool with the OCID id, page by page.
func listNodes(ctx context.Context, c Client, id string) ([]containerengine.VirtualNodeSummary, error) {
	nodes, err := ociutil.ListAll(clients.WithOperation(ctx, "ListVirtualNodes"),
		func(ctx context.Context, page *string) ([]containerengine.VirtualNodeSummary, *string, error) {
			r, err := c.ListVirtualNodes(ctx, containerengine.ListVirtualNodesRequest{VirtualNodePoolId: &id, Page: page})
			if err != nil {
				return nil, nil, err
			}
			return r.Items, r.OpcNextPage, nil
		})
	if err != nil {
		return nil, err
	}
	if nodes == nil {
		nodes = []containerengine.VirtualNodeSummary{}
	}
	return nodes, nil
}
