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

package instancepool_test

import (
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// member is a ready, up-to-date member created at minute n.
func member(id string, n int, edit ...func(*instancepool.Member)) instancepool.Member {
	m := instancepool.Member{ID: id, Machine: instancepool.Machine{Ready: true}, Created: time.Unix(int64(n)*60, 0)}
	for _, e := range edit {
		e(&m)
	}
	return m
}

var (
	outdated = func(m *instancepool.Member) { m.Outdated = true }
	notReady = func(m *instancepool.Member) { m.Ready = false }
	marked   = func(m *instancepool.Member) { m.Marked = true }
	leaving  = func(m *instancepool.Member) { m.Leaving = true }
	release  = func(m *instancepool.Member) { m.Leaving, m.Release = true, true }
)

func TestPlan(t *testing.T) {
	surge1 := instancepool.Policy{Replicas: 3, MaxSurge: 1}
	for _, tc := range []struct {
		name    string
		policy  instancepool.Policy
		size    int
		members []instancepool.Member
		want    instancepool.Plan
	}{
		{name: "in place: nothing", policy: surge1, size: 3,
			members: []instancepool.Member{member("a", 1), member("b", 2), member("c", 3)},
			want:    instancepool.Plan{Target: 3}},
		{name: "scale up grows the size", policy: instancepool.Policy{Replicas: 5, MaxSurge: 1}, size: 3,
			members: []instancepool.Member{member("a", 1), member("b", 2), member("c", 3)},
			want:    instancepool.Plan{Target: 5, Size: ptr.To(5)}},
		{name: "scale down removes marked first, then not ready, then oldest", policy: instancepool.Policy{Replicas: 2, MaxSurge: 1}, size: 5,
			members: []instancepool.Member{member("a", 1), member("b", 2, marked), member("c", 3), member("d", 4, notReady), member("e", 5)},
			want:    instancepool.Plan{Target: 2, Remove: []string{"b", "d", "a"}}},
		{name: "released members leave, lowering the size while above the target", policy: instancepool.Policy{Replicas: 2, MaxSurge: 1}, size: 4,
			members: []instancepool.Member{member("a", 1, release), member("b", 2, release), member("c", 3), member("d", 4)},
			want:    instancepool.Plan{Target: 2, Detach: []instancepool.Detach{{ID: "a", Decrement: true}, {ID: "b", Decrement: true}}}},
		{name: "a remediated member is replaced", policy: surge1, size: 3,
			members: []instancepool.Member{member("a", 1, release), member("b", 2), member("c", 3)},
			want:    instancepool.Plan{Target: 3, Detach: []instancepool.Detach{{ID: "a"}}}},
		{name: "leaving members are not chosen again", policy: instancepool.Policy{Replicas: 2, MaxSurge: 1}, size: 4,
			members: []instancepool.Member{member("a", 1, leaving), member("b", 2, leaving), member("c", 3), member("d", 4)},
			want:    instancepool.Plan{Target: 2}},
		{name: "a roll surges first", policy: surge1, size: 3,
			members: []instancepool.Member{member("a", 1, outdated), member("b", 2, outdated), member("c", 3, outdated)},
			want:    instancepool.Plan{Target: 4, Size: ptr.To(4)}},
		{name: "a roll waits for the surged instance's Node", policy: surge1, size: 4,
			members: []instancepool.Member{member("a", 1, outdated), member("b", 2, outdated), member("c", 3, outdated), member("d", 4, notReady)},
			want:    instancepool.Plan{Target: 4}},
		{name: "a roll removes the oldest outdated once the new one is ready", policy: surge1, size: 4,
			members: []instancepool.Member{member("a", 1, outdated), member("b", 2, outdated), member("c", 3, outdated), member("d", 4)},
			want:    instancepool.Plan{Target: 4, Remove: []string{"a"}}},
		{name: "a roll step's release is replaced, the last one lowers the size", policy: surge1, size: 4,
			members: []instancepool.Member{member("a", 1, outdated, release), member("c", 3, outdated), member("d", 4), member("e", 5)},
			want:    instancepool.Plan{Target: 4, Detach: []instancepool.Detach{{ID: "a"}}}},
		{name: "the last outdated release lowers the size", policy: surge1, size: 4,
			members: []instancepool.Member{member("c", 3, outdated, release), member("d", 4), member("e", 5), member("f", 6)},
			want:    instancepool.Plan{Target: 3, Detach: []instancepool.Detach{{ID: "c", Decrement: true}}}},
		{name: "max unavailable replaces in place, within its bound", policy: instancepool.Policy{Replicas: 3, MaxUnavailable: 1}, size: 3,
			members: []instancepool.Member{member("a", 1, outdated), member("b", 2, outdated), member("c", 3, outdated)},
			want:    instancepool.Plan{Target: 3, Remove: []string{"a"}}},
		{name: "outdated members that are not ready go at once", policy: instancepool.Policy{Replicas: 3, MaxUnavailable: 1}, size: 3,
			members: []instancepool.Member{member("a", 1, outdated, notReady), member("b", 2, outdated, notReady), member("c", 3, outdated)},
			want:    instancepool.Plan{Target: 3, Remove: []string{"a", "b"}}},
		{name: "an externally sized pool is never resized, and a released member is replaced", policy: instancepool.Policy{Replicas: 5, External: true, MaxSurge: 1}, size: 2,
			members: []instancepool.Member{member("a", 1, release), member("b", 2, outdated)},
			want:    instancepool.Plan{Target: 2, Detach: []instancepool.Detach{{ID: "a"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			NewWithT(t).Expect(instancepool.NewPlan(tc.policy, tc.size, tc.members)).To(Equal(tc.want))
		})
	}
}

func TestPlacements(t *testing.T) {
	g := NewWithT(t)
	ads := map[string]infrav1.OCIAvailabilityDomain{
		"x": {Name: "Uocm:PHX-AD-2", FaultDomains: []string{"FAULT-DOMAIN-1"}},
		"y": {Name: "Uocm:PHX-AD-1", FaultDomains: []string{"FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}},
	}
	all, err := instancepool.Placements(ads, nil, "subnet")
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(all).To(Equal([]core.CreateInstancePoolPlacementConfigurationDetails{
		{AvailabilityDomain: ptr.To("Uocm:PHX-AD-1"), PrimarySubnetId: ptr.To("subnet"), FaultDomains: []string{"FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}},
		{AvailabilityDomain: ptr.To("Uocm:PHX-AD-2"), PrimarySubnetId: ptr.To("subnet"), FaultDomains: []string{"FAULT-DOMAIN-1"}},
	}))
	two, err := instancepool.Placements(ads, []infrav1exp.PlacementDetails{{AvailabilityDomain: 2}}, "subnet")
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(two).To(HaveLen(1))
	g.Expect(two[0].AvailabilityDomain).To(HaveValue(Equal("Uocm:PHX-AD-2")))
	_, err = instancepool.Placements(ads, []infrav1exp.PlacementDetails{{AvailabilityDomain: 3}}, "subnet")
	g.Expect(err).To(MatchError(ContainSubstring("spec.placementDetails[0].availabilityDomain")))
	_, err = instancepool.Placements(ads, []infrav1exp.PlacementDetails{{AvailabilityDomain: 1}, {AvailabilityDomain: 2}, {AvailabilityDomain: 3}}, "subnet")
	g.Expect(err).To(MatchError(ContainSubstring("spec.placementDetails lists 3 placements")))
	_, err = instancepool.Placements(nil, nil, "subnet")
	g.Expect(err).To(MatchError(ContainSubstring("no availability domains")))
}

func TestLoadBalancers(t *testing.T) {
	got := instancepool.LoadBalancers([]infrav1exp.InstancePoolLoadBalancer{{LoadBalancerID: "lb", BackendSetName: "ingress", Port: 80}})
	NewWithT(t).Expect(got).To(Equal([]core.AttachLoadBalancerDetails{{LoadBalancerId: ptr.To("lb"), BackendSetName: ptr.To("ingress"),
		Port: ptr.To(80), VnicSelection: ptr.To("PrimaryVnic")}}))
}
