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

package subnets

import (
	"context"
	"fmt"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's VirtualNetworkClient the subnet service calls; core.VirtualNetworkClient is one.
type Client interface {
	GetSubnet(ctx context.Context, req core.GetSubnetRequest) (core.GetSubnetResponse, error)
	ListSubnets(ctx context.Context, req core.ListSubnetsRequest) (core.ListSubnetsResponse, error)
	CreateSubnet(ctx context.Context, req core.CreateSubnetRequest) (core.CreateSubnetResponse, error)
	UpdateSubnet(ctx context.Context, req core.UpdateSubnetRequest) (core.UpdateSubnetResponse, error)
	DeleteSubnet(ctx context.Context, req core.DeleteSubnetRequest) (core.DeleteSubnetResponse, error)
	// GetVcn reads the VCN's IPv6 CIDR blocks, only when an IPv6 subnet is created.
	GetVcn(ctx context.Context, req core.GetVcnRequest) (core.GetVcnResponse, error)
}

// adapter runs subnets for the engine. Its reads by ID are served by one list of the VCN's subnets, made at most
// once per adapter (one adapter serves one Reconcile or Delete); so is the read of the VCN's IPv6 CIDRs.
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	snap        *svc.Snapshot[core.Subnet]
	vcnIPv6     []string
	vcnRead     bool
}

var _ async.Client[core.Subnet] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.Subnet, error) { return a.list(ctx, nil) },
		func(s *core.Subnet) string { return ptr.Deref(s.Id, "") })
	return a
}

// list lists the VCN's subnets, of one display name when name is set.
func (a *adapter) list(ctx context.Context, name *string) ([]core.Subnet, error) {
	if a.vcnID == "" {
		return nil, nil
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListSubnets"), func(ctx context.Context, page *string) ([]core.Subnet, *string, error) {
		r, err := a.c.ListSubnets(ctx, core.ListSubnetsRequest{CompartmentId: &a.compartment, VcnId: &a.vcnID, DisplayName: name, Page: page})
		return r.Items, r.OpcNextPage, err
	})
}

func (a *adapter) Get(ctx context.Context, id string) (*core.Subnet, error) {
	return svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.Subnet, error) {
		r, err := a.c.GetSubnet(clients.WithOperation(ctx, "GetSubnet"), core.GetSubnetRequest{SubnetId: &id})
		if err != nil {
			return nil, err
		}
		return &r.Subnet, nil
	})
}

// Find lists the VCN's subnets of the spec's name and returns the one this cluster owns, if any.
func (a *adapter) Find(ctx context.Context, spec async.Spec[core.Subnet]) (*core.Subnet, error) {
	s, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("subnet spec of type %T", spec)
	}
	subnets, err := a.list(ctx, &s.name)
	if err != nil {
		return nil, err
	}
	for i := range subnets {
		if svc.Owns(subnets[i].FreeformTags, a.identifier) && subnets[i].LifecycleState != core.SubnetLifecycleStateTerminated {
			return &subnets[i], nil
		}
	}
	return nil, nil
}

// Create creates the subnet, with its IPv6 /64 derived from the VCN's first IPv6 CIDR when it has a hextet.
func (a *adapter) Create(ctx context.Context, details any, token string) (*core.Subnet, string, error) {
	d, ok := details.(createDetails)
	if !ok {
		return nil, "", fmt.Errorf("subnet create details of type %T", details)
	}
	if d.IPv6Hextet != "" {
		block, err := a.ipv6Block(ctx, ptr.Deref(d.Subnet.DisplayName, ""), d.IPv6Hextet)
		if err != nil {
			return nil, "", err
		}
		d.Subnet.Ipv6CidrBlock = &block
	}
	r, err := a.c.CreateSubnet(clients.WithOperation(ctx, "CreateSubnet"),
		core.CreateSubnetRequest{CreateSubnetDetails: d.Subnet, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &r.Subnet, "", nil
}

// ipv6Block reads the VCN's IPv6 CIDRs (once) and returns the /64 of the hextet within the first, which is the
// one OCI allocates.
func (a *adapter) ipv6Block(ctx context.Context, name, hextet string) (string, error) {
	if !a.vcnRead {
		r, err := a.c.GetVcn(clients.WithOperation(ctx, "GetVcn"), core.GetVcnRequest{VcnId: &a.vcnID})
		if err != nil {
			return "", err
		}
		a.vcnIPv6, a.vcnRead = r.Ipv6CidrBlocks, true
	}
	refuse := func(msg string) error {
		return &async.Error{Class: async.Terminal, Reason: async.ReasonRequestRefused, Message: fmt.Sprintf(
			"%s%s: %s; enable IPv6 on the VCN, or remove the subnet's ipv6CidrBlockHextet", KeyPrefix, name, msg)}
	}
	if len(a.vcnIPv6) == 0 {
		return "", refuse(fmt.Sprintf("VCN %s has no IPv6 CIDR block to take the subnet's /64 from", a.vcnID))
	}
	h, err := strconv.ParseUint(hextet, 16, 8)
	if err != nil {
		return "", refuse(err.Error())
	}
	block, err := ipv6Block(a.vcnIPv6[0], byte(h))
	if err != nil {
		return "", refuse(err.Error())
	}
	return block, nil
}

func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	d, ok := details.(core.UpdateSubnetDetails)
	if !ok {
		return "", fmt.Errorf("subnet update details of type %T", details)
	}
	_, err := a.c.UpdateSubnet(clients.WithOperation(ctx, "UpdateSubnet"), core.UpdateSubnetRequest{SubnetId: &id, UpdateSubnetDetails: d})
	return "", err
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteSubnet(clients.WithOperation(ctx, "DeleteSubnet"), core.DeleteSubnetRequest{SubnetId: &id})
	return "", err
}

func (a *adapter) Observe(s *core.Subnet) async.Observed {
	return async.Observed{ID: ptr.Deref(s.Id, ""), State: string(s.LifecycleState),
		Phase: svc.PhaseOf(string(s.LifecycleState)), Foreign: !svc.Owns(s.FreeformTags, a.identifier)}
}

// WorkRequest is never called: subnet operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
