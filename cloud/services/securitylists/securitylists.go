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

// Package securitylists reconciles the security lists of a cluster's subnets: one for each subnet (not skipped)
// whose spec declares a security list, created in the cluster's VCN with the declared rules and attached to the
// subnet by the subnets service.
//
// A security list is not the provider's alone: the cloud controller manager that runs in the cluster adds rules
// to the security lists of its load balancers' subnets. So drift is repaired by addition only: a desired rule
// missing from the list is put back (the update sends the list's rules followed by the missing ones), while a
// rule that is in the list but not in the spec is kept, whoever added it. Removing a rule from the spec therefore
// does not remove it from OCI. The display name and the ownership and user tags are put back as well.
package securitylists

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_securitylists/client_mock.go -package=mock_securitylists github.com/oracle/cluster-api-provider-oci/cloud/services/securitylists Client

// ReasonInUse is the reason of a security list that OCI refuses to delete because a subnet still uses it.
const ReasonInUse = "ResourceInUse"

// Scope is what the security list service needs of a cluster, self-managed or OKE: its network spec, in whose
// subnets it records the OCIDs, and the region's Oracle services for SERVICE_CIDR_BLOCK rules.
type Scope interface {
	svc.Network
}

// Service reconciles the security lists of the subnets.
type Service struct {
	scope  Scope
	client Client
}

// New returns the security list service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{scope: scope, client: client}
}

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "securitylists" }

// withList returns the indexes of the subnets, not skipped, that declare a security list.
func (s *Service) withList() []int {
	var out []int
	subnets := s.scope.VCN().Subnets
	for i := range subnets {
		if sn := &subnets[i]; !sn.Skip && sn.SecurityList != nil {
			out = append(out, i)
		}
	}
	return out
}

func (s *Service) engine() *async.Engine[core.SecurityList] {
	v := s.scope.VCN()
	a := newAdapter(s.client, s.scope.CompartmentID(), v.ID, s.scope.ResourceIdentifier())
	return svc.NewEngine(s.scope, a, func(key, id string) {
		for i := range v.Subnets {
			if sl := v.Subnets[i].SecurityList; sl != nil && KeyPrefix+v.Subnets[i].Name == key {
				sl.ID = id
			}
		}
	})
}

// Reconcile creates each declared security list, or finds it, and puts back its missing rules, name and tags.
func (s *Service) Reconcile(ctx context.Context) error {
	todo := s.withList()
	if len(todo) == 0 {
		return nil
	}
	v := s.scope.VCN()
	if v.ID == "" {
		return &async.NotDoneError{Key: "securitylists", What: "waiting for the VCN", RequeueAfter: async.Backoff(1)}
	}
	label, err := s.serviceLabel(ctx, todo)
	if err != nil {
		return err
	}
	e := s.engine()
	var out outcome
	for _, i := range todo {
		out.add(e.Reconcile(ctx, NewSpec(s.scope, v.ID, i, &v.Subnets[i], label)))
	}
	return out.result()
}

// Delete deletes the declared security lists the provider created; one brought by ID is left alone.
func (s *Service) Delete(ctx context.Context) error {
	todo := s.withList()
	if len(todo) == 0 {
		return nil
	}
	v := s.scope.VCN()
	e := s.engine()
	var out outcome
	for _, i := range todo {
		spec := NewSpec(s.scope, v.ID, i, &v.Subnets[i], "")
		out.add(inUse("security list "+spec.Name(), e.Delete(ctx, spec)))
	}
	return out.result()
}

// serviceLabel returns the region's all-services CIDR label when a rule of the subnets todo needs it, else "".
func (s *Service) serviceLabel(ctx context.Context, todo []int) (string, error) {
	for _, i := range todo {
		if usesServiceLabel(s.scope.VCN().Subnets[i].SecurityList) {
			label, err := svc.ServiceCIDRLabel(ctx, s.scope)
			if err != nil {
				return "", async.Classify("resolving the Oracle services CIDR label of the security list rules", err)
			}
			return label, nil
		}
	}
	return "", nil
}

func usesServiceLabel(sl *infrav1.SecurityList) bool {
	for _, r := range sl.IngressRules {
		if r.SourceType == typeService {
			return true
		}
	}
	for _, r := range sl.EgressRules {
		if r.DestinationType == typeService {
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
