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

// kind is the subnets of the VCN with vcnID (none when vcnID is ""), for the engine. Its reads by ID are served
// by one list of the VCN's subnets; so is the read of the VCN's IPv6 CIDRs, made at most once. Its calls are
// synchronous.
func kind(c Client, compartment, vcnID string) svc.Kind[core.Subnet, createDetails, core.UpdateSubnetDetails] {
	v := &creator{c: c, vcnID: vcnID}
	return svc.Kind[core.Subnet, createDetails, core.UpdateSubnetDetails]{
		Noun: "Subnet", Snapshot: true,
		Get: func(ctx context.Context, id string) (*core.Subnet, error) {
			r, err := c.GetSubnet(ctx, core.GetSubnetRequest{SubnetId: &id})
			return &r.Subnet, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.Subnet, *string, error) {
			if vcnID == "" {
				return nil, nil, nil
			}
			r, err := c.ListSubnets(ctx, core.ListSubnetsRequest{CompartmentId: &compartment, VcnId: &vcnID, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: v.create,
		Update: func(ctx context.Context, id string, d core.UpdateSubnetDetails) (string, error) {
			_, err := c.UpdateSubnet(ctx, core.UpdateSubnetRequest{SubnetId: &id, UpdateSubnetDetails: d})
			return "", err
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteSubnet(ctx, core.DeleteSubnetRequest{SubnetId: &id})
			return "", err
		},
		Meta: func(s *core.Subnet) svc.Meta {
			return svc.Meta{ID: s.Id, State: string(s.LifecycleState), Tags: s.FreeformTags}
		},
	}
}

// creator creates the subnets of a VCN, reading its IPv6 CIDRs (once) for an IPv6 subnet.
type creator struct {
	c     Client
	vcnID string
	ipv6  []string
	read  bool
}

// create creates the subnet, with its IPv6 /64 derived from the VCN's first IPv6 CIDR when it has a hextet.
func (v *creator) create(ctx context.Context, d createDetails, token string) (*core.Subnet, string, error) {
	if d.IPv6Hextet != "" {
		block, err := v.ipv6Block(ctx, ptr.Deref(d.Subnet.DisplayName, ""), d.IPv6Hextet)
		if err != nil {
			return nil, "", err
		}
		d.Subnet.Ipv6CidrBlock = &block
	}
	r, err := v.c.CreateSubnet(ctx, core.CreateSubnetRequest{CreateSubnetDetails: d.Subnet, OpcRetryToken: &token})
	return &r.Subnet, "", err
}

// ipv6Block reads the VCN's IPv6 CIDRs (once) and returns the /64 of the hextet within the first, which is the
// one OCI allocates.
func (v *creator) ipv6Block(ctx context.Context, name, hextet string) (string, error) {
	if !v.read {
		r, err := v.c.GetVcn(clients.WithOperation(ctx, "GetVcn"), core.GetVcnRequest{VcnId: &v.vcnID})
		if err != nil {
			return "", err
		}
		v.ipv6, v.read = r.Ipv6CidrBlocks, true
	}
	refuse := func(msg string) error {
		return &async.Error{Class: async.Terminal, Reason: async.ReasonRequestRefused, Message: fmt.Sprintf(
			"%s%s: %s; enable IPv6 on the VCN, or remove the subnet's ipv6CidrBlockHextet", KeyPrefix, name, msg)}
	}
	if len(v.ipv6) == 0 {
		return "", refuse(fmt.Sprintf("VCN %s has no IPv6 CIDR block to take the subnet's /64 from", v.vcnID))
	}
	h, err := strconv.ParseUint(hextet, 16, 8)
	if err != nil {
		return "", refuse(err.Error())
	}
	block, err := ipv6Block(v.ipv6[0], byte(h))
	if err != nil {
		return "", refuse(err.Error())
	}
	return block, nil
}
