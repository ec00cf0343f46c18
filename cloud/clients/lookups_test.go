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

package clients

import (
	"context"
	"testing"
	"time"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

func TestLookupsAreCachedUntilTheyExpire(t *testing.T) {
	sim := startSim(t, ocisim.Options{PageSize: 2})
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	f, _ := newTestFactory(t, Options{RateLimit: -1, LookupTTL: time.Hour, Now: func() time.Time { return now }})
	c, err := f.ClientsFor(Identity{Provider: sim.ConfigurationProvider()}, region, EndpointsFromOverrides(overridesOf(t, sim, region)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tenancy := sim.Tenancy()
	look := func() {
		t.Helper()
		ads, err := c.AvailabilityDomains(ctx, tenancy)
		if err != nil || len(ads) != 3 {
			t.Fatalf("availability domains %d, %v", len(ads), err)
		}
		fds, err := c.FaultDomains(ctx, tenancy, *ads[0].Name)
		if err != nil || len(fds) != 3 {
			t.Fatalf("fault domains %d, %v", len(fds), err)
		}
		svcs, err := c.Services(ctx)
		if err != nil || len(svcs) < 2 {
			t.Fatalf("services %d, %v", len(svcs), err)
		}
		shapes, err := c.Shapes(ctx, tenancy)
		if err != nil || len(shapes) != len(sim.Shapes()) {
			t.Fatalf("shapes %d of %d (every page), %v", len(shapes), len(sim.Shapes()), err)
		}
		image := sim.Images(region)[1]
		images, err := c.ImagesNamed(ctx, tenancy, image.DisplayName)
		if err != nil || len(images) != 1 || *images[0].Id != image.ID {
			t.Fatalf("images named %q: %+v, %v", image.DisplayName, images, err)
		}
	}
	look()
	first := sim.Stats()
	look()
	now = now.Add(59 * time.Minute)
	look()
	for _, op := range []string{"ListAvailabilityDomains", "ListFaultDomains", "ListServices", "ListShapes", "ListImages"} {
		if got := sim.Stats()[op].Total; got != first[op].Total || got == 0 {
			t.Errorf("%s: %d calls after looking three times within the hour, want the %d of the first look", op, got, first[op].Total)
		}
	}
	now = now.Add(2 * time.Minute)
	look()
	if got := sim.Stats()["ListAvailabilityDomains"].Total; got != 2*first["ListAvailabilityDomains"].Total {
		t.Errorf("an expired look-up was not asked again: %d calls", got)
	}
}
