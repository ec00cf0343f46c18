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
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The availability domains of the tests.
const (
	ad1 = "Uocm:PHX-AD-1"
	ad2 = "Uocm:PHX-AD-2"
)

// adDomain is a failure domain that is an availability domain: OCI chooses the fault domain.
func adDomain(name, ad string) clusterv1.FailureDomain {
	return clusterv1.FailureDomain{Name: name, Attributes: map[string]string{"AvailabilityDomain": ad}}
}

// fdDomain is a failure domain that is a fault domain of an availability domain.
func fdDomain(name, ad, fd string) clusterv1.FailureDomain {
	return clusterv1.FailureDomain{Name: name, Attributes: map[string]string{"AvailabilityDomain": ad, "FaultDomain": fd}}
}

// adDomains are the failure domains of a region with two availability domains.
func adDomains() []clusterv1.FailureDomain {
	return []clusterv1.FailureDomain{adDomain("1", ad1), adDomain("2", ad2)}
}

// fdDomains are the failure domains of a region with one availability domain: its three fault domains.
func fdDomains() []clusterv1.FailureDomain {
	return []clusterv1.FailureDomain{fdDomain("1", ad1, "FAULT-DOMAIN-1"), fdDomain("2", ad1, "FAULT-DOMAIN-2"),
		fdDomain("3", ad1, "FAULT-DOMAIN-3")}
}

func TestPlace(t *testing.T) {
	ociFDs := []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}
	for _, tc := range []struct {
		name    string
		fd      string
		fds     []clusterv1.FailureDomain
		ads     map[string]infrav1.OCIAvailabilityDomain
		want    Placement
		wantErr string
	}{
		{
			name: "an availability domain: OCI chooses the fault domain, the three of OCI are the fallbacks",
			fd:   "2", fds: adDomains(),
			want: Placement{FailureDomain: "2", AvailabilityDomain: ad2, Fallbacks: ociFDs},
		},
		{
			name: "an availability domain whose fault domains spec.availabilityDomains lists: those are the fallbacks",
			fd:   "1", fds: adDomains(),
			ads: map[string]infrav1.OCIAvailabilityDomain{
				"ad-2": {Name: ad2, FaultDomains: []string{"FAULT-DOMAIN-9"}},
				"ad-1": {Name: ad1, FaultDomains: []string{"FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}}},
			want: Placement{FailureDomain: "1", AvailabilityDomain: ad1, Fallbacks: []string{"FAULT-DOMAIN-2", "FAULT-DOMAIN-3"}},
		},
		{
			name: "an availability domain spec.availabilityDomains lists without fault domains: OCI's three",
			fd:   "1", fds: adDomains(),
			ads:  map[string]infrav1.OCIAvailabilityDomain{"ad-1": {Name: ad1}},
			want: Placement{FailureDomain: "1", AvailabilityDomain: ad1, Fallbacks: ociFDs},
		},
		{
			name: "a fault domain: pinned, no fallbacks",
			fd:   "3", fds: fdDomains(),
			want: Placement{FailureDomain: "3", AvailabilityDomain: ad1, FaultDomain: "FAULT-DOMAIN-3"},
		},
		{
			name: "a failure domain the cluster does not have: an error listing the cluster's",
			fd:   "9", fds: adDomains(),
			wantErr: `spec.failureDomain "9" is not one of the cluster's: 1, 2`,
		},
		{
			name:    "no failure domains reported yet: an error",
			fd:      "1",
			wantErr: "the cluster reports no failure domains yet",
		},
		{
			name: "a failure domain without an availability domain: an error",
			fd:   "x", fds: []clusterv1.FailureDomain{{Name: "x"}},
			wantErr: `failure domain "x" has no AvailabilityDomain attribute`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Place("machine-1", tc.fd, tc.fds, tc.ads)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Place: %v, %v; want an error with %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("placement (-want +got):\n%s", d)
			}
		})
	}
}

func TestPlaceWithoutAFailureDomainChoosesOneFromTheName(t *testing.T) {
	fds := fdDomains()
	reversed := slices.Clone(fds)
	slices.Reverse(reversed)
	chosen := map[string]bool{}
	for i := range 30 {
		name := fmt.Sprintf("worker-%d", i)
		p, err := Place(name, "", fds, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(fds, func(fd clusterv1.FailureDomain) bool { return fd.Name == p.FailureDomain }) {
			t.Fatalf("%s: failure domain %q is not one of the cluster's", name, p.FailureDomain)
		}
		if p.FaultDomain != fds[slices.IndexFunc(fds, func(fd clusterv1.FailureDomain) bool { return fd.Name == p.FailureDomain })].Attributes["FaultDomain"] {
			t.Errorf("%s: placement %+v does not resolve the chosen failure domain", name, p)
		}
		again, _ := Place(name, "", fds, nil)
		other, _ := Place(name, "", reversed, nil)
		if !cmp.Equal(again, p) || !cmp.Equal(other, p) {
			t.Errorf("%s: chose %+v, then %+v, then (failure domains in another order) %+v; want the same each time", name, p, again, other)
		}
		chosen[p.FailureDomain] = true
	}
	if len(chosen) < 2 {
		t.Errorf("30 machines all went to %v: the choice must spread them", chosen)
	}
}

func TestPlaceFallbacksAreTheCallersOwn(t *testing.T) {
	ads := map[string]infrav1.OCIAvailabilityDomain{"ad-1": {Name: ad1, FaultDomains: []string{"FAULT-DOMAIN-1"}}}
	for _, ads := range []map[string]infrav1.OCIAvailabilityDomain{nil, ads} {
		p, err := Place("m", "1", adDomains(), ads)
		if err != nil {
			t.Fatal(err)
		}
		p.Fallbacks[0] = "changed"
		again, _ := Place("m", "1", adDomains(), ads)
		if again.Fallbacks[0] != "FAULT-DOMAIN-1" {
			t.Errorf("fallbacks %v: changing one placement's fallbacks changed the next", again.Fallbacks)
		}
	}
}
