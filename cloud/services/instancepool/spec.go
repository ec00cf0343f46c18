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
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// Spec is the desired instance pool of an OCIMachinePool: named after it, launching from the current instance
// configuration, placed over the cluster's availability domains.
type Spec struct {
	svc.Desired
	configID   string
	size       int
	placements []core.CreateInstancePoolPlacementConfigurationDetails
	lbs        []core.AttachLoadBalancerDetails
}

var _ async.Spec[core.InstancePool] = (*Spec)(nil)

// NewSpec builds the desired pool of s, created with size instances (the size it starts with; later sizes are the plan's).
func NewSpec(s Scope, size int) (*Spec, error) {
	places, err := s.Placements()
	if err != nil {
		return nil, err
	}
	spec := &Spec{Desired: svc.NewDesired(s, Key, s.Pool().OCID, s.PoolName()), configID: s.ConfigurationID(),
		size: size, placements: places, lbs: LoadBalancers(s.Pool().LoadBalancers)}
	return spec, nil
}

// LoadBalancers are the attachments spec.loadBalancers asks for (the VNIC selection defaulting to the primary).
func LoadBalancers(in []infrav1exp.InstancePoolLoadBalancer) []core.AttachLoadBalancerDetails {
	out := make([]core.AttachLoadBalancerDetails, 0, len(in))
	for _, lb := range in {
		out = append(out, core.AttachLoadBalancerDetails{LoadBalancerId: ptr.To(lb.LoadBalancerID),
			BackendSetName: ptr.To(lb.BackendSetName), Port: ptr.To(int(lb.Port)),
			VnicSelection: ptr.To(cmp.Or(lb.VnicSelection, "PrimaryVnic"))})
	}
	return out
}

// CreateDetails is the CreateInstancePool request body: the earlier provider's (name, compartment, configuration,
// size, placements, freeform tags), with defined tags and the load balancers asked for.
func (s *Spec) CreateDetails() (any, error) {
	d := core.CreateInstancePoolDetails{CompartmentId: ptr.To(s.Compartment), DisplayName: ptr.To(s.Name()),
		InstanceConfigurationId: ptr.To(s.configID), Size: ptr.To(s.size), PlacementConfigurations: s.placements,
		FreeformTags: s.Tags, DefinedTags: s.Defined}
	for _, lb := range s.lbs {
		d.LoadBalancers = append(d.LoadBalancers, core.AttachLoadBalancerDetails{LoadBalancerId: lb.LoadBalancerId,
			BackendSetName: lb.BackendSetName, Port: lb.Port, VnicSelection: lb.VnicSelection})
	}
	return d, nil
}

// UpdateDetails points the pool at the current configuration and its placements, when they differ; nil when
// they do not. The size is not the spec's to change (see Plan), nor are the load-balancer attachments (attached
// and detached one by one).
func (s *Spec) UpdateDetails(existing *core.InstancePool) (any, error) {
	var d core.UpdateInstancePoolDetails
	changed := false
	if ptr.Deref(existing.InstanceConfigurationId, "") != s.configID {
		d.InstanceConfigurationId, changed = ptr.To(s.configID), true
	}
	if !samePlacements(existing.PlacementConfigurations, s.placements) {
		for _, p := range s.placements {
			d.PlacementConfigurations = append(d.PlacementConfigurations, core.UpdateInstancePoolPlacementConfigurationDetails{
				AvailabilityDomain: p.AvailabilityDomain, PrimarySubnetId: p.PrimarySubnetId, FaultDomains: p.FaultDomains})
		}
		changed = true
	}
	if !changed {
		return nil, nil
	}
	return d, nil
}

// samePlacements compares placements by availability domain, subnet and fault domains, in any order.
func samePlacements(have []core.InstancePoolPlacementConfiguration, want []core.CreateInstancePoolPlacementConfigurationDetails) bool {
	key := func(ad, subnet *string, fds []string) string {
		fds = slices.Clone(fds)
		slices.Sort(fds)
		return ptr.Deref(ad, "") + "|" + ptr.Deref(subnet, "") + "|" + strings.Join(fds, ",")
	}
	a := make([]string, 0, len(have))
	for _, p := range have {
		a = append(a, key(p.AvailabilityDomain, p.PrimarySubnetId, p.FaultDomains))
	}
	b := make([]string, 0, len(want))
	for _, p := range want {
		b = append(b, key(p.AvailabilityDomain, p.PrimarySubnetId, p.FaultDomains))
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// Placements places a pool's instances in subnet as the earlier provider did: in each availability domain of ads
// whose name ends with a number spec.placementDetails lists (all of them when it lists none), over its fault
// domains, in the order of their names. A number no availability domain ends with, or more placements than
// availability domains, is an error naming the field.
func Placements(ads map[string]infrav1.OCIAvailabilityDomain, details []infrav1exp.PlacementDetails, subnet string) ([]core.CreateInstancePoolPlacementConfigurationDetails, error) {
	fds := map[string][]string{}
	for key, ad := range ads {
		fds[cmp.Or(ad.Name, key)] = ad.FaultDomains
	}
	names := slices.Sorted(maps.Keys(fds))
	switch {
	case len(names) == 0:
		return nil, fmt.Errorf("the cluster lists no availability domains (spec.availabilityDomains) to place the pool's instances in")
	case len(details) > len(names):
		return nil, fmt.Errorf("spec.placementDetails lists %d placements, and the cluster has %d availability domains", len(details), len(names))
	}
	pick := names
	if len(details) > 0 {
		pick = nil
		for i, d := range details {
			j := slices.IndexFunc(names, func(n string) bool { return strings.HasSuffix(n, strconv.Itoa(d.AvailabilityDomain)) })
			if j < 0 {
				return nil, fmt.Errorf("spec.placementDetails[%d].availabilityDomain: the cluster has no availability domain %d (it has %s)",
					i, d.AvailabilityDomain, strings.Join(names, ", "))
			}
			if !slices.Contains(pick, names[j]) {
				pick = append(pick, names[j])
			}
		}
		slices.Sort(pick)
	}
	out := make([]core.CreateInstancePoolPlacementConfigurationDetails, 0, len(pick))
	for _, n := range pick {
		out = append(out, core.CreateInstancePoolPlacementConfigurationDetails{AvailabilityDomain: ptr.To(n),
			PrimarySubnetId: ptr.To(subnet), FaultDomains: slices.Clone(fds[n])})
	}
	return out, nil
}
