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

// Package nsgs reconciles the network security groups of a cluster's VCN: one for each entry of
// spec.networkSpec.vcn.networkSecurityGroup.list (none when skipped), created empty and then given its rules.
//
// The rules of a group the provider owns are managed exactly: a desired rule that is missing is added, and a rule
// in place that is not desired is removed (rules are compared on direction, protocol, peer, statelessness and
// options, not on descriptions). Adds and removes go in calls of at most 25 rules, OCI's limit. A rule may name
// another group of the list by its name as its peer (type NETWORK_SECURITY_GROUP); it waits until that group has
// an OCID, and no rule is removed from the group meanwhile. A SERVICE_CIDR_BLOCK peer is the region's
// all-services label. A group brought by ID is used as it is: neither its rules nor its name are changed.
//
// Groups are deleted before the subnets. A group that OCI refuses to delete because VNICs still use it is
// reported with what OCI says blocks it.
package nsgs

import (
	"context"
	"slices"
	"strings"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/secrules"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_nsgs/client_mock.go -package=mock_nsgs github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs Client

// Scope is what the NSG service needs of a cluster, self-managed or OKE: its network spec, in whose NSG list it
// records the OCIDs, and the region's Oracle services for SERVICE_CIDR_BLOCK rules.
type Scope = svc.Network

// Service reconciles the network security groups.
type Service struct{ svc.Service[Scope, Client] }

// New returns the NSG service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("nsgs", scope, client)}
}

// list returns the NSGs to reconcile: none when they are skipped.
func (s *Service) list() []infrav1.NSG {
	g := s.Scope.VCN().NetworkSecurityGroup
	if g == nil || g.Skip {
		return nil
	}
	return g.List
}

func (s *Service) engine(readRules bool) *async.Engine[Group] {
	v := s.Scope.VCN()
	k := kind(s.Client, s.Scope.CompartmentID(), v.ID, s.Scope.ResourceIdentifier(), readRules)
	return svc.EngineOf(s.Scope, k, func(key, id string) {
		list := v.NetworkSecurityGroup.List
		for i := range list {
			if KeyPrefix+list[i].Name == key {
				list[i].ID = id
			}
		}
	})
}

// Reconcile creates each group, or finds it, and keeps its rules, name and tags as declared.
func (s *Service) Reconcile(ctx context.Context) error {
	list := s.list()
	if len(list) == 0 {
		return nil
	}
	vcnID := s.Scope.VCN().ID
	if vcnID == "" {
		return svc.Waiting("nsgs", "the VCN")
	}
	label, err := s.serviceLabel(ctx, list)
	if err != nil {
		return err
	}
	e := s.engine(true)
	var out svc.Outcome
	for i := range list {
		// Built in turn, so that a rule naming a group recorded earlier in this pass has its OCID.
		spec := NewSpec(s.Scope, vcnID, list, i, label)
		err := e.Reconcile(ctx, spec)
		if w := spec.Waiting(); err == nil && len(w) > 0 {
			err = svc.Waiting(spec.Key(), "the OCID of network security group "+strings.Join(w, ", "))
		}
		out.Add(err)
	}
	return out.Err()
}

// Delete deletes the groups the provider created; a group brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	list := s.list()
	return svc.DeleteEach(ctx, func() *async.Engine[Group] { return s.engine(false) }, "network security group", len(list),
		func(i int) *Spec { return NewSpec(s.Scope, s.Scope.VCN().ID, list, i, "") })
}

// serviceLabel returns the region's all-services CIDR label when a rule needs it, else "".
func (s *Service) serviceLabel(ctx context.Context, list []infrav1.NSG) (string, error) {
	needed := slices.ContainsFunc(list, func(n infrav1.NSG) bool { return usesServiceLabel(&n) })
	return secrules.ServiceLabel(ctx, s.Scope, needed, "network security group rules")
}

func usesServiceLabel(n *infrav1.NSG) bool {
	for _, r := range n.IngressRules {
		if secrules.FromService(r.IngressRule) {
			return true
		}
	}
	for _, r := range n.EgressRules {
		if secrules.ToService(r.EgressRule) {
			return true
		}
	}
	return false
}
