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
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_nsgs/client_mock.go -package=mock_nsgs github.com/oracle/cluster-api-provider-oci/cloud/services/nsgs Client

// ReasonInUse is the reason of a group that OCI refuses to delete because something still uses it.
const ReasonInUse = "ResourceInUse"

// Scope is what the NSG service needs of a cluster, self-managed or OKE: its network spec, in whose NSG list it
// records the OCIDs, and the region's Oracle services for SERVICE_CIDR_BLOCK rules.
type Scope interface {
	svc.Network
}

// Service reconciles the network security groups.
type Service struct {
	scope  Scope
	client Client
}

// New returns the NSG service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{scope: scope, client: client}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "nsgs" }

// list returns the NSGs to reconcile: none when they are skipped.
func (s *Service) list() []infrav1.NSG {
	g := s.scope.VCN().NetworkSecurityGroup
	if g == nil || g.Skip {
		return nil
	}
	return g.List
}

func (s *Service) engine(readRules bool) *async.Engine[Group] {
	v := s.scope.VCN()
	a := newAdapter(s.client, s.scope.CompartmentID(), v.ID, s.scope.ResourceIdentifier(), readRules)
	return svc.NewEngine(s.scope, a, func(key, id string) {
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
	vcnID := s.scope.VCN().ID
	if vcnID == "" {
		return &async.NotDoneError{Key: "nsgs", What: "waiting for the VCN", RequeueAfter: async.Backoff(1)}
	}
	label, err := s.serviceLabel(ctx, list)
	if err != nil {
		return err
	}
	e := s.engine(true)
	var out outcome
	for i := range list {
		// Built in turn, so that a rule naming a group recorded earlier in this pass has its OCID.
		spec := NewSpec(s.scope, vcnID, list, i, label)
		err := e.Reconcile(ctx, spec)
		if w := spec.Waiting(); err == nil && len(w) > 0 {
			err = &async.NotDoneError{Key: spec.Key(), What: "waiting for the OCID of network security group " +
				strings.Join(w, ", "), RequeueAfter: async.Backoff(1)}
		}
		out.add(err)
	}
	return out.result()
}

// Delete deletes the groups the provider created; a group brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	list := s.list()
	if len(list) == 0 {
		return nil
	}
	e := s.engine(false)
	var out outcome
	for i := range list {
		spec := NewSpec(s.scope, s.scope.VCN().ID, list, i, "")
		out.add(inUse("network security group "+spec.Name(), e.Delete(ctx, spec)))
	}
	return out.result()
}

// serviceLabel returns the region's all-services CIDR label when a rule needs it, else "".
func (s *Service) serviceLabel(ctx context.Context, list []infrav1.NSG) (string, error) {
	for i := range list {
		if usesServiceLabel(&list[i]) {
			label, err := svc.ServiceCIDRLabel(ctx, s.scope)
			if err != nil {
				return "", async.Classify("resolving the Oracle services CIDR label of the network security group rules", err)
			}
			return label, nil
		}
	}
	return "", nil
}

func usesServiceLabel(n *infrav1.NSG) bool {
	for _, r := range n.IngressRules {
		if r.IngressRule != nil && r.IngressRule.SourceType == typeService {
			return true
		}
	}
	for _, r := range n.EgressRules {
		if r.EgressRule != nil && r.EgressRule.DestinationType == typeService {
			return true
		}
	}
	return false
}

// inUse turns OCI's refusal to delete a resource that something still uses into an error that says so.
func inUse(what string, err error) error {
	var se common.ServiceError
	if !errors.As(err, &se) || se.GetHTTPStatusCode() != http.StatusConflict || se.GetCode() == "IncorrectState" {
		return err
	}
	return &async.Error{Class: async.Transient, Reason: ReasonInUse, Err: err, Message: fmt.Sprintf(
		"%s cannot be deleted yet: %s; delete what uses it", what, strings.TrimSuffix(se.GetMessage(), "."))}
}

// outcome gathers the results of several resources: the first error wins, else the soonest "not done".
type outcome struct {
	err     error
	notDone *async.NotDoneError
}

func (o *outcome) add(err error) {
	var nd *async.NotDoneError
	switch {
	case err == nil:
	case errors.As(err, &nd):
		if o.notDone == nil || nd.RequeueAfter < o.notDone.RequeueAfter {
			o.notDone = nd
		}
	case o.err == nil:
		o.err = err
	}
}

func (o *outcome) result() error {
	if o.err != nil {
		return o.err
	}
	if o.notDone != nil {
		return o.notDone
	}
	return nil
}
