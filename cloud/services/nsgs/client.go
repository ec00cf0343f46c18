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

package nsgs

import (
	"context"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// MaxRulesPerCall is the most rules OCI takes in one add, update or remove call.
const MaxRulesPerCall = 25

// Client is the part of the SDK's VirtualNetworkClient the NSG service calls; core.VirtualNetworkClient is one.
type Client interface {
	GetNetworkSecurityGroup(ctx context.Context, req core.GetNetworkSecurityGroupRequest) (core.GetNetworkSecurityGroupResponse, error)
	ListNetworkSecurityGroups(ctx context.Context, req core.ListNetworkSecurityGroupsRequest) (core.ListNetworkSecurityGroupsResponse, error)
	CreateNetworkSecurityGroup(ctx context.Context, req core.CreateNetworkSecurityGroupRequest) (core.CreateNetworkSecurityGroupResponse, error)
	UpdateNetworkSecurityGroup(ctx context.Context, req core.UpdateNetworkSecurityGroupRequest) (core.UpdateNetworkSecurityGroupResponse, error)
	DeleteNetworkSecurityGroup(ctx context.Context, req core.DeleteNetworkSecurityGroupRequest) (core.DeleteNetworkSecurityGroupResponse, error)
	ListNetworkSecurityGroupSecurityRules(ctx context.Context,
		req core.ListNetworkSecurityGroupSecurityRulesRequest) (core.ListNetworkSecurityGroupSecurityRulesResponse, error)
	AddNetworkSecurityGroupSecurityRules(ctx context.Context,
		req core.AddNetworkSecurityGroupSecurityRulesRequest) (core.AddNetworkSecurityGroupSecurityRulesResponse, error)
	RemoveNetworkSecurityGroupSecurityRules(ctx context.Context,
		req core.RemoveNetworkSecurityGroupSecurityRulesRequest) (core.RemoveNetworkSecurityGroupSecurityRulesResponse, error)
	UpdateNetworkSecurityGroupSecurityRules(ctx context.Context,
		req core.UpdateNetworkSecurityGroupSecurityRulesRequest) (core.UpdateNetworkSecurityGroupSecurityRulesResponse, error)
}

// kind is the NSGs of the VCN with vcnID (none when vcnID is ""), for the engine. Its reads by ID are served by
// one list of the VCN's NSGs; with readRules, the rules of each group it reads that the object with the identifier
// owns are listed with it (a delete needs no rules). Its calls are synchronous.
func kind(c Client, compartment, vcnID, identifier string, readRules bool) svc.Kind[Group, createDetails, Update] {
	k := groups{c: c, identifier: identifier, readRules: readRules}
	return svc.Kind[Group, createDetails, Update]{
		Noun: "NetworkSecurityGroup", Snapshot: true,
		Get: func(ctx context.Context, id string) (*Group, error) {
			r, err := c.GetNetworkSecurityGroup(ctx, core.GetNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id})
			return &Group{NetworkSecurityGroup: r.NetworkSecurityGroup}, err
		},
		List: func(ctx context.Context, name, page *string) ([]Group, *string, error) {
			if vcnID == "" {
				return nil, nil, nil
			}
			r, err := c.ListNetworkSecurityGroups(ctx, core.ListNetworkSecurityGroupsRequest{CompartmentId: &compartment,
				VcnId: &vcnID, DisplayName: name, Page: page})
			groups := make([]Group, len(r.Items))
			for i := range r.Items {
				groups[i].NetworkSecurityGroup = r.Items[i]
			}
			return groups, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d createDetails, token string) (*Group, string, error) {
			r, err := c.CreateNetworkSecurityGroup(ctx, core.CreateNetworkSecurityGroupRequest{
				CreateNetworkSecurityGroupDetails: d.Group, OpcRetryToken: &token})
			return &Group{NetworkSecurityGroup: r.NetworkSecurityGroup}, "", err
		},
		Update: k.update,
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteNetworkSecurityGroup(ctx, core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id})
			return "", err
		},
		Meta: func(g *Group) svc.Meta {
			return svc.Meta{ID: g.Id, State: string(g.LifecycleState), Tags: g.FreeformTags}
		},
		Complete: k.withRules,
	}
}

// groups makes the calls of NSGs beyond the group itself: those of its rules.
type groups struct {
	c          Client
	identifier string
	readRules  bool
}

// withRules reads the rules of a group the cluster owns that is ready: the only groups whose rules are managed.
func (k groups) withRules(ctx context.Context, n *Group) (*Group, error) {
	g := &Group{NetworkSecurityGroup: n.NetworkSecurityGroup}
	if !k.readRules || !svc.Owns(n.FreeformTags, k.identifier) || svc.PhaseOf(string(n.LifecycleState)) != async.Ready {
		return g, nil
	}
	rules, err := ociutil.ListAll(clients.WithOperation(ctx, "ListNetworkSecurityGroupSecurityRules"),
		func(ctx context.Context, page *string) ([]core.SecurityRule, *string, error) {
			r, err := k.c.ListNetworkSecurityGroupSecurityRules(ctx, core.ListNetworkSecurityGroupSecurityRulesRequest{
				NetworkSecurityGroupId: n.Id, Page: page})
			return r.Items, r.OpcNextPage, err
		})
	if err != nil {
		return nil, err
	}
	g.Rules = rules
	return g, nil
}

// update removes rules, adds rules and rewrites descriptions, each in calls of at most MaxRulesPerCall rules, then
// renames and retags.
func (k groups) update(ctx context.Context, id string, u Update) (string, error) {
	for ids := range slices.Chunk(u.Remove, MaxRulesPerCall) {
		if _, err := k.c.RemoveNetworkSecurityGroupSecurityRules(clients.WithOperation(ctx, "RemoveNetworkSecurityGroupSecurityRules"),
			core.RemoveNetworkSecurityGroupSecurityRulesRequest{NetworkSecurityGroupId: &id,
				RemoveNetworkSecurityGroupSecurityRulesDetails: core.RemoveNetworkSecurityGroupSecurityRulesDetails{SecurityRuleIds: ids}}); err != nil {
			return "", err
		}
	}
	for rules := range slices.Chunk(u.Add, MaxRulesPerCall) {
		if _, err := k.c.AddNetworkSecurityGroupSecurityRules(clients.WithOperation(ctx, "AddNetworkSecurityGroupSecurityRules"),
			core.AddNetworkSecurityGroupSecurityRulesRequest{NetworkSecurityGroupId: &id,
				AddNetworkSecurityGroupSecurityRulesDetails: core.AddNetworkSecurityGroupSecurityRulesDetails{SecurityRules: rules}}); err != nil {
			return "", err
		}
	}
	for rules := range slices.Chunk(u.Describe, MaxRulesPerCall) {
		if _, err := k.c.UpdateNetworkSecurityGroupSecurityRules(clients.WithOperation(ctx, "UpdateNetworkSecurityGroupSecurityRules"),
			core.UpdateNetworkSecurityGroupSecurityRulesRequest{NetworkSecurityGroupId: &id,
				UpdateNetworkSecurityGroupSecurityRulesDetails: core.UpdateNetworkSecurityGroupSecurityRulesDetails{SecurityRules: rules}}); err != nil {
			return "", err
		}
	}
	if u.Group != nil {
		if _, err := k.c.UpdateNetworkSecurityGroup(clients.WithOperation(ctx, "UpdateNetworkSecurityGroup"),
			core.UpdateNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id, UpdateNetworkSecurityGroupDetails: *u.Group}); err != nil {
			return "", err
		}
	}
	return "", nil
}
