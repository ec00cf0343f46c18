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

package nodepool

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/okewr"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's ContainerEngineClient the node pool service calls;
// containerengine.ContainerEngineClient is one.
type Client interface {
	GetNodePool(ctx context.Context, req containerengine.GetNodePoolRequest) (containerengine.GetNodePoolResponse, error)
	ListNodePools(ctx context.Context, req containerengine.ListNodePoolsRequest) (containerengine.ListNodePoolsResponse, error)
	CreateNodePool(ctx context.Context, req containerengine.CreateNodePoolRequest) (containerengine.CreateNodePoolResponse, error)
	UpdateNodePool(ctx context.Context, req containerengine.UpdateNodePoolRequest) (containerengine.UpdateNodePoolResponse, error)
	DeleteNodePool(ctx context.Context, req containerengine.DeleteNodePoolRequest) (containerengine.DeleteNodePoolResponse, error)
	GetNodePoolOptions(ctx context.Context, req containerengine.GetNodePoolOptionsRequest) (containerengine.GetNodePoolOptionsResponse, error)
	GetWorkRequest(ctx context.Context, req containerengine.GetWorkRequestRequest) (containerengine.GetWorkRequestResponse, error)
	ListWorkRequestErrors(ctx context.Context, req containerengine.ListWorkRequestErrorsRequest) (containerengine.ListWorkRequestErrorsResponse, error)
}

// pools makes the SDK calls of the node pools of one OKE cluster.
type pools struct {
	c                    Client
	compartment, cluster string

	// listed are the pools a listing returned: read in full before they are used.
	listed svc.Listed
}

// kind is the node pools of the OKE cluster in the compartment, for the engine: each call is asynchronous, with a
// work request, and the create answers with no body (the engine then finds the pool by name and tags).
func kind(c Client, compartment, cluster string) svc.Kind[containerengine.NodePool, containerengine.CreateNodePoolDetails, containerengine.UpdateNodePoolDetails] {
	p := &pools{c: c, compartment: compartment, cluster: cluster}
	return svc.Kind[containerengine.NodePool, containerengine.CreateNodePoolDetails, containerengine.UpdateNodePoolDetails]{
		Noun:     "NodePool",
		Get:      p.get,
		List:     p.list,
		Complete: p.complete,
		Create: func(ctx context.Context, d containerengine.CreateNodePoolDetails, token string) (*containerengine.NodePool, string, error) {
			r, err := c.CreateNodePool(ctx, containerengine.CreateNodePoolRequest{CreateNodePoolDetails: d, OpcRetryToken: &token})
			return nil, ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		Update: func(ctx context.Context, id string, d containerengine.UpdateNodePoolDetails) (string, error) {
			r, err := c.UpdateNodePool(ctx, containerengine.UpdateNodePoolRequest{NodePoolId: &id, UpdateNodePoolDetails: d})
			return ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			r, err := c.DeleteNodePool(ctx, containerengine.DeleteNodePoolRequest{NodePoolId: &id})
			return ptr.Deref(r.OpcWorkRequestId, ""), err
		},
		WorkRequest: func(ctx context.Context, id string) (bool, string, error) {
			return okewr.Look(ctx, p.c, p.compartment, id)
		},
		Meta: func(np *containerengine.NodePool) svc.Meta {
			return svc.Meta{ID: np.Id, State: string(np.LifecycleState), Tags: np.FreeformTags}
		},
		Phase: phase,
	}
}

func (p *pools) get(ctx context.Context, id string) (*containerengine.NodePool, error) {
	r, err := p.c.GetNodePool(ctx, containerengine.GetNodePoolRequest{NodePoolId: &id})
	if err != nil {
		return nil, err
	}
	return &r.NodePool, nil
}

// list reads one page of the cluster's node pools of a name; the items carry what finding a pool needs.
func (p *pools) list(ctx context.Context, name, page *string) ([]containerengine.NodePool, *string, error) {
	r, err := p.c.ListNodePools(ctx, containerengine.ListNodePoolsRequest{CompartmentId: &p.compartment,
		ClusterId: svc.StringOrNil(p.cluster), Name: name, Page: page})
	if err != nil {
		return nil, nil, err
	}
	items := make([]containerengine.NodePool, len(r.Items))
	for i := range r.Items {
		s := &r.Items[i]
		items[i] = containerengine.NodePool{Id: s.Id, Name: s.Name, CompartmentId: s.CompartmentId, ClusterId: s.ClusterId,
			LifecycleState: s.LifecycleState, LifecycleDetails: s.LifecycleDetails, FreeformTags: s.FreeformTags,
			DefinedTags: s.DefinedTags}
		p.listed.Mark(ptr.Deref(s.Id, ""))
	}
	return items, r.OpcNextPage, nil
}

// complete reads a listed pool in full; a pool read by OCID is complete already.
func (p *pools) complete(ctx context.Context, np *containerengine.NodePool) (*containerengine.NodePool, error) {
	return svc.Complete(ctx, &p.listed, np, ptr.Deref(np.Id, ""), "GetNodePool", "node pool", p.get)
}
