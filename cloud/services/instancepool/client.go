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

package instancepool

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's ComputeManagementClient the instance pool service calls, and the compute
// client's GetInstance and TerminateInstance (to see a released instance terminated); NewClient makes one of the two SDK clients.
type Client interface {
	GetInstancePool(ctx context.Context, req core.GetInstancePoolRequest) (core.GetInstancePoolResponse, error)
	ListInstancePools(ctx context.Context, req core.ListInstancePoolsRequest) (core.ListInstancePoolsResponse, error)
	CreateInstancePool(ctx context.Context, req core.CreateInstancePoolRequest) (core.CreateInstancePoolResponse, error)
	UpdateInstancePool(ctx context.Context, req core.UpdateInstancePoolRequest) (core.UpdateInstancePoolResponse, error)
	TerminateInstancePool(ctx context.Context, req core.TerminateInstancePoolRequest) (core.TerminateInstancePoolResponse, error)
	ListInstancePoolInstances(ctx context.Context, req core.ListInstancePoolInstancesRequest) (core.ListInstancePoolInstancesResponse, error)
	DetachInstancePoolInstance(ctx context.Context, req core.DetachInstancePoolInstanceRequest) (core.DetachInstancePoolInstanceResponse, error)
	AttachLoadBalancer(ctx context.Context, req core.AttachLoadBalancerRequest) (core.AttachLoadBalancerResponse, error)
	DetachLoadBalancer(ctx context.Context, req core.DetachLoadBalancerRequest) (core.DetachLoadBalancerResponse, error)
	GetInstance(ctx context.Context, req core.GetInstanceRequest) (core.GetInstanceResponse, error)
	TerminateInstance(ctx context.Context, req core.TerminateInstanceRequest) (core.TerminateInstanceResponse, error)
}

// sdkClient is a Client made of the SDK's compute management and compute clients.
type sdkClient struct {
	core.ComputeManagementClient
	compute core.ComputeClient
}

// GetInstance reads an instance with the compute client.
func (c sdkClient) GetInstance(ctx context.Context, req core.GetInstanceRequest) (core.GetInstanceResponse, error) {
	return c.compute.GetInstance(ctx, req)
}

// TerminateInstance terminates an instance with the compute client.
func (c sdkClient) TerminateInstance(ctx context.Context, req core.TerminateInstanceRequest) (core.TerminateInstanceResponse, error) {
	return c.compute.TerminateInstance(ctx, req)
}

// NewClient returns the Client of the SDK's clients.
func NewClient(cm core.ComputeManagementClient, compute core.ComputeClient) Client {
	return sdkClient{ComputeManagementClient: cm, compute: compute}
}

// poolKind is the kind the engine runs: instance pools, created from a CreateInstancePoolDetails and updated with
// an UpdateInstancePoolDetails. Creates, updates and terminations are synchronous; the pool's lifecycle state
// says when they are done.
type poolKind = svc.Kind[core.InstancePool, core.CreateInstancePoolDetails, core.UpdateInstancePoolDetails]

// pools reads the compartment's pools for the engine. A pool found by a listing is read in full before it is used,
// as the earlier provider read it.
type pools struct {
	c           Client
	compartment string

	// listed are the pools a listing returned: read in full before they are used.
	listed svc.Listed
}

func kind(c Client, compartment string) poolKind {
	p := &pools{c: c, compartment: compartment}
	return poolKind{
		Noun:     "InstancePool",
		Get:      p.get,
		List:     p.list,
		Complete: p.complete,
		Create: func(ctx context.Context, d core.CreateInstancePoolDetails, token string) (*core.InstancePool, string, error) {
			r, err := c.CreateInstancePool(ctx, core.CreateInstancePoolRequest{CreateInstancePoolDetails: d, OpcRetryToken: &token})
			if err != nil {
				return nil, "", err
			}
			return &r.InstancePool, "", nil
		},
		Update: func(ctx context.Context, id string, d core.UpdateInstancePoolDetails) (string, error) {
			_, err := c.UpdateInstancePool(ctx, core.UpdateInstancePoolRequest{InstancePoolId: &id, UpdateInstancePoolDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.TerminateInstancePool(ctx, core.TerminateInstancePoolRequest{InstancePoolId: &id})
			return "", err
		},
		DeleteOp: "TerminateInstancePool",
		Meta: func(ip *core.InstancePool) svc.Meta {
			return svc.Meta{ID: ip.Id, State: string(ip.LifecycleState), Tags: ip.FreeformTags}
		},
		Phase: phase,
	}
}

func (p *pools) get(ctx context.Context, id string) (*core.InstancePool, error) {
	r, err := p.c.GetInstancePool(ctx, core.GetInstancePoolRequest{InstancePoolId: &id})
	if err != nil {
		return nil, err
	}
	return &r.InstancePool, nil
}

func (p *pools) list(ctx context.Context, name, page *string) ([]core.InstancePool, *string, error) {
	r, err := p.c.ListInstancePools(ctx, core.ListInstancePoolsRequest{CompartmentId: &p.compartment, DisplayName: name, Page: page})
	if err != nil {
		return nil, nil, err
	}
	items := make([]core.InstancePool, len(r.Items))
	for i := range r.Items {
		s := &r.Items[i]
		items[i] = core.InstancePool{Id: s.Id, CompartmentId: s.CompartmentId, DisplayName: s.DisplayName,
			InstanceConfigurationId: s.InstanceConfigurationId, LifecycleState: core.InstancePoolLifecycleStateEnum(s.LifecycleState),
			Size: s.Size, FreeformTags: s.FreeformTags, DefinedTags: s.DefinedTags}
		p.listed.Mark(ptr.Deref(s.Id, ""))
	}
	return items, r.OpcNextPage, nil
}

func (p *pools) complete(ctx context.Context, ip *core.InstancePool) (*core.InstancePool, error) {
	return svc.Complete(ctx, &p.listed, ip, ptr.Deref(ip.Id, ""), "GetInstancePool", "instance pool", p.get)
}

// listInstances lists the pool's instances (every page).
func listInstances(ctx context.Context, c Client, compartment, id string) ([]core.InstanceSummary, error) {
	return ociutil.ListAll(clients.WithOperation(ctx, "ListInstancePoolInstances"),
		func(ctx context.Context, page *string) ([]core.InstanceSummary, *string, error) {
			r, err := c.ListInstancePoolInstances(ctx, core.ListInstancePoolInstancesRequest{CompartmentId: &compartment,
				InstancePoolId: &id, Page: page})
			if err != nil {
				return nil, nil, err
			}
			return r.Items, r.OpcNextPage, nil
		})
}
