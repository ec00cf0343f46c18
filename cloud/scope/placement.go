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

package scope

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains"
)

// The attributes of a cluster's failure domains.
const (
	attrAvailabilityDomain = failuredomains.AttributeAvailabilityDomain
	attrFaultDomain        = failuredomains.AttributeFaultDomain
)

// ociFaultDomains are the fault domains of every OCI availability domain.
var ociFaultDomains = []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}

// Placement is where a machine's instance goes.
type Placement struct {
	// FailureDomain is the Machine's failure domain (or the one chosen for a Machine without one).
	FailureDomain string
	// AvailabilityDomain and FaultDomain are its OCI names; FaultDomain is "" when OCI chooses.
	AvailabilityDomain, FaultDomain string
	// Fallbacks are the fault domains to try, in order, when OCI is out of host capacity: the availability
	// domain's others when no fault domain is pinned; none when the failure domain is a fault domain, which
	// Cluster API's contract says the machine must honour.
	Fallbacks []string
}

// Place resolves a Machine's failure domain among the cluster's. A Machine without one (a worker that no
// template placed) gets one chosen from its name, so that the choice is the same at every reconcile and the
// launch request, and its retry token, do not change.
func Place(machineName, failureDomain string, fds []clusterv1.FailureDomain, ads map[string]infrav1.OCIAvailabilityDomain) (Placement, error) {
	if len(fds) == 0 {
		return Placement{}, fmt.Errorf("the cluster reports no failure domains yet")
	}
	if failureDomain == "" {
		names := make([]string, 0, len(fds))
		for _, fd := range fds {
			names = append(names, fd.Name)
		}
		slices.Sort(names)
		h := fnv.New32a()
		_, _ = h.Write([]byte(machineName))
		failureDomain = names[int(h.Sum32()%uint32(len(names)))] //nolint:gosec // len(names) is small
	}
	i := slices.IndexFunc(fds, func(fd clusterv1.FailureDomain) bool { return fd.Name == failureDomain })
	if i < 0 {
		names := make([]string, 0, len(fds))
		for _, fd := range fds {
			names = append(names, fd.Name)
		}
		return Placement{}, fmt.Errorf("the Machine's spec.failureDomain %q is not one of the cluster's: %s",
			failureDomain, strings.Join(names, ", "))
	}
	p := Placement{FailureDomain: failureDomain, AvailabilityDomain: fds[i].Attributes[attrAvailabilityDomain],
		FaultDomain: fds[i].Attributes[attrFaultDomain]}
	if p.AvailabilityDomain == "" {
		return Placement{}, fmt.Errorf("the cluster's failure domain %q has no %s attribute", failureDomain, attrAvailabilityDomain)
	}
	if p.FaultDomain == "" {
		p.Fallbacks = faultDomainsOf(p.AvailabilityDomain, ads)
	}
	return p, nil
}

// faultDomainsOf returns the fault domains of an availability domain: spec.availabilityDomains' when it lists
// them, else OCI's three.
func faultDomainsOf(ad string, ads map[string]infrav1.OCIAvailabilityDomain) []string {
	for _, a := range ads {
		if a.Name == ad && len(a.FaultDomains) > 0 {
			return slices.Clone(a.FaultDomains)
		}
	}
	return slices.Clone(ociFaultDomains)
}
