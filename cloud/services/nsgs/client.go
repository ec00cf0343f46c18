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
	"fmt"
	"slices"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// MaxRulesPerCall is the most rules OCI takes in one add or remove call.
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
}

// adapter runs NSGs for the engine. Its reads by ID are served by one list of the VCN's NSGs, made at most once
// per adapter (one adapter serves one Reconcile or Delete); with readRules, the rules of each group it reads are
// listed with it (a delete needs no rules).
type adapter struct {
	c           Client
	compartment string
	vcnID       string
	identifier  string
	readRules   bool
	snap        *svc.Snapshot[core.NetworkSecurityGroup]
}

var _ async.Client[Group] = (*adapter)(nil)

func newAdapter(c Client, compartment, vcnID, identifier string, readRules bool) *adapter {
	a := &adapter{c: c, compartment: compartment, vcnID: vcnID, identifier: identifier, readRules: readRules}
	a.snap = svc.NewSnapshot(func(ctx context.Context) ([]core.NetworkSecurityGroup, error) { return a.list(ctx, nil) },
		func(n *core.NetworkSecurityGroup) string { return ptr.Deref(n.Id, "") })
	return a
}

// list lists the VCN's NSGs, of one display name when name is set.
func (a *adapter) list(ctx context.Context, name *string) ([]core.NetworkSecurityGroup, error) {
	if a.vcnID == "" {
		return nil, nil
	}
	return ociutil.ListAll(clients.WithOperation(ctx, "ListNetworkSecurityGroups"),
		func(ctx context.Context, page *string) ([]core.NetworkSecurityGroup, *string, error) {
			r, err := a.c.ListNetworkSecurityGroups(ctx, core.ListNetworkSecurityGroupsRequest{CompartmentId: &a.compartment,
				VcnId: &a.vcnID, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		})
}

// withRules reads the rules of a group the cluster owns that is ready: the only groups whose rules are managed.
func (a *adapter) withRules(ctx context.Context, n *core.NetworkSecurityGroup) (*Group, error) {
	g := &Group{NetworkSecurityGroup: *n}
	if !a.readRules || !svc.Owns(n.FreeformTags, a.identifier) || svc.PhaseOf(string(n.LifecycleState)) != async.Ready {
		return g, nil
	}
	rules, err := ociutil.ListAll(clients.WithOperation(ctx, "ListNetworkSecurityGroupSecurityRules"),
		func(ctx context.Context, page *string) ([]core.SecurityRule, *string, error) {
			r, err := a.c.ListNetworkSecurityGroupSecurityRules(ctx, core.ListNetworkSecurityGroupSecurityRulesRequest{
				NetworkSecurityGroupId: n.Id, Page: page})
			return r.Items, r.OpcNextPage, err
		})
	if err != nil {
		return nil, err
	}
	g.Rules = rules
	return g, nil
}

func (a *adapter) Get(ctx context.Context, id string) (*Group, error) {
	n, err := svc.Cached(ctx, a.snap, id, func(ctx context.Context, id string) (*core.NetworkSecurityGroup, error) {
		r, err := a.c.GetNetworkSecurityGroup(clients.WithOperation(ctx, "GetNetworkSecurityGroup"),
			core.GetNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id})
		if err != nil {
			return nil, err
		}
		return &r.NetworkSecurityGroup, nil
	})
	if err != nil {
		return nil, err
	}
	return a.withRules(ctx, n)
}

// Find lists the VCN's NSGs of the spec's name and returns the one this cluster owns, if any, with its rules.
func (a *adapter) Find(ctx context.Context, spec async.Spec[Group]) (*Group, error) {
	s, ok := spec.(*Spec)
	if !ok {
		return nil, fmt.Errorf("network security group spec of type %T", spec)
	}
	groups, err := a.list(ctx, &s.name)
	if err != nil {
		return nil, err
	}
	for i := range groups {
		if svc.Owns(groups[i].FreeformTags, a.identifier) && groups[i].LifecycleState != core.NetworkSecurityGroupLifecycleStateTerminated {
			return a.withRules(ctx, &groups[i])
		}
	}
	return nil, nil
}

// Create creates the group without rules.
func (a *adapter) Create(ctx context.Context, details any, token string) (*Group, string, error) {
	d, ok := details.(createDetails)
	if !ok {
		return nil, "", fmt.Errorf("network security group create details of type %T", details)
	}
	r, err := a.c.CreateNetworkSecurityGroup(clients.WithOperation(ctx, "CreateNetworkSecurityGroup"),
		core.CreateNetworkSecurityGroupRequest{CreateNetworkSecurityGroupDetails: d.Group, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return &Group{NetworkSecurityGroup: r.NetworkSecurityGroup}, "", nil
}

// Update removes rules, adds rules, each in calls of at most MaxRulesPerCall rules, then renames and retags.
func (a *adapter) Update(ctx context.Context, id string, details any) (string, error) {
	u, ok := details.(Update)
	if !ok {
		return "", fmt.Errorf("network security group update of type %T", details)
	}
	for ids := range slices.Chunk(u.Remove, MaxRulesPerCall) {
		if _, err := a.c.RemoveNetworkSecurityGroupSecurityRules(clients.WithOperation(ctx, "RemoveNetworkSecurityGroupSecurityRules"),
			core.RemoveNetworkSecurityGroupSecurityRulesRequest{NetworkSecurityGroupId: &id,
				RemoveNetworkSecurityGroupSecurityRulesDetails: core.RemoveNetworkSecurityGroupSecurityRulesDetails{SecurityRuleIds: ids}}); err != nil {
			return "", err
		}
	}
	for rules := range slices.Chunk(u.Add, MaxRulesPerCall) {
		if _, err := a.c.AddNetworkSecurityGroupSecurityRules(clients.WithOperation(ctx, "AddNetworkSecurityGroupSecurityRules"),
			core.AddNetworkSecurityGroupSecurityRulesRequest{NetworkSecurityGroupId: &id,
				AddNetworkSecurityGroupSecurityRulesDetails: core.AddNetworkSecurityGroupSecurityRulesDetails{SecurityRules: rules}}); err != nil {
			return "", err
		}
	}
	if u.Group != nil {
		if _, err := a.c.UpdateNetworkSecurityGroup(clients.WithOperation(ctx, "UpdateNetworkSecurityGroup"),
			core.UpdateNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id, UpdateNetworkSecurityGroupDetails: *u.Group}); err != nil {
			return "", err
		}
	}
	return "", nil
}

func (a *adapter) Delete(ctx context.Context, id string) (string, error) {
	_, err := a.c.DeleteNetworkSecurityGroup(clients.WithOperation(ctx, "DeleteNetworkSecurityGroup"),
		core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id})
	return "", err
}

func (a *adapter) Observe(g *Group) async.Observed {
	return async.Observed{ID: ptr.Deref(g.Id, ""), State: string(g.LifecycleState),
		Phase: svc.PhaseOf(string(g.LifecycleState)), Foreign: !svc.Owns(g.FreeformTags, a.identifier)}
}

// WorkRequest is never called: NSG operations are synchronous.
func (a *adapter) WorkRequest(context.Context, string) (bool, string, error) { return true, "", nil }
