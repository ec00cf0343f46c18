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

// Package failuredomains tells Cluster API where a cluster's machines may go: the region's availability domains,
// or, in a region with one availability domain, its fault domains; each marked for the control plane, in the
// v1beta2 contract's list form and with the earlier provider's names ("1", "2", "3") and attributes, so that
// Machines it placed keep their failure domain.
package failuredomains

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/identity"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

//go:generate ${MOCKGEN} -destination=mock_failuredomains/client_mock.go -package=mock_failuredomains github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains Client

// Attribute names of a failure domain, as the earlier provider set them and the OCIMachine controller reads them.
const (
	AttributeAvailabilityDomain = "AvailabilityDomain"
	AttributeFaultDomain        = "FaultDomain"
)

// Client looks up the region's availability and fault domains; *clients.Clients is one (its answers are cached).
type Client interface {
	AvailabilityDomains(ctx context.Context, compartment string) ([]identity.AvailabilityDomain, error)
	FaultDomains(ctx context.Context, compartment, ad string) ([]identity.FaultDomain, error)
}

// Scope is what the service needs of a cluster.
type Scope interface {
	CompartmentID() string
	// AvailabilityDomains are spec.availabilityDomains: when given, they are used and OCI is not asked.
	AvailabilityDomains() map[string]infrav1.OCIAvailabilityDomain
	// SetFailureDomains writes status.failureDomains.
	SetFailureDomains([]clusterv1.FailureDomain)
}

// Service sets a cluster's failure domains.
type Service struct {
	scope  Scope
	client Client
}

// New returns the failure-domain service of scope, looking up with client.
func New(scope Scope, client Client) *Service { return &Service{scope: scope, client: client} }

// Name is the service's name in conditions and logs.
func (s *Service) Name() string { return "failuredomains" }

// Reconcile sets the failure domains.
func (s *Service) Reconcile(ctx context.Context) error {
	ads, err := s.availabilityDomains(ctx)
	if err != nil {
		return err
	}
	fds, err := FailureDomains(ads)
	if err != nil {
		return err
	}
	s.scope.SetFailureDomains(fds)
	return nil
}

// Delete has nothing to remove.
func (s *Service) Delete(context.Context) error { return nil }

// availabilityDomains returns spec's, or the region's with the fault domains of a single one.
func (s *Service) availabilityDomains(ctx context.Context) ([]infrav1.OCIAvailabilityDomain, error) {
	if given := s.scope.AvailabilityDomains(); len(given) > 0 {
		out := make([]infrav1.OCIAvailabilityDomain, 0, len(given))
		for _, k := range slices.Sorted(maps.Keys(given)) {
			out = append(out, given[k])
		}
		return out, nil
	}
	list, err := s.client.AvailabilityDomains(ctx, s.scope.CompartmentID())
	if err != nil {
		return nil, fmt.Errorf("listing the availability domains: %w", err)
	}
	out := make([]infrav1.OCIAvailabilityDomain, 0, len(list))
	for _, ad := range list {
		out = append(out, infrav1.OCIAvailabilityDomain{Name: ptr.Deref(ad.Name, "")})
	}
	if len(out) == 1 {
		fds, err := s.client.FaultDomains(ctx, s.scope.CompartmentID(), out[0].Name)
		if err != nil {
			return nil, fmt.Errorf("listing the fault domains of %s: %w", out[0].Name, err)
		}
		for _, fd := range fds {
			out[0].FaultDomains = append(out[0].FaultDomains, ptr.Deref(fd.Name, ""))
		}
	}
	return out, nil
}

// FailureDomains turns availability domains into failure domains: one per availability domain, named by the
// number that ends its name ("Uocm:PHX-AD-2" is "2"); with a single availability domain, one per fault domain,
// numbered from 1. Each is marked for the control plane.
func FailureDomains(ads []infrav1.OCIAvailabilityDomain) ([]clusterv1.FailureDomain, error) {
	switch {
	case len(ads) == 0:
		return nil, fmt.Errorf("the region lists no availability domain")
	case len(ads) == 1:
		if len(ads[0].FaultDomains) == 0 {
			return nil, fmt.Errorf("availability domain %s lists no fault domain", ads[0].Name)
		}
		out := make([]clusterv1.FailureDomain, 0, len(ads[0].FaultDomains))
		for i, fd := range ads[0].FaultDomains {
			out = append(out, clusterv1.FailureDomain{Name: strconv.Itoa(i + 1), ControlPlane: ptr.To(true),
				Attributes: map[string]string{AttributeAvailabilityDomain: ads[0].Name, AttributeFaultDomain: fd}})
		}
		return out, nil
	}
	out := make([]clusterv1.FailureDomain, 0, len(ads))
	for _, ad := range ads {
		name := ad.Name[strings.LastIndex(ad.Name, "-")+1:]
		if _, err := strconv.Atoi(name); err != nil || slices.ContainsFunc(out, func(f clusterv1.FailureDomain) bool { return f.Name == name }) {
			return nil, fmt.Errorf("availability domain %q does not end in a number of its own", ad.Name)
		}
		out = append(out, clusterv1.FailureDomain{Name: name, ControlPlane: ptr.To(true),
			Attributes: map[string]string{AttributeAvailabilityDomain: ad.Name}})
	}
	slices.SortFunc(out, func(a, b clusterv1.FailureDomain) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
