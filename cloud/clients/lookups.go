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
	"sync"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"

	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
)

// DefaultLookupTTL is how long the answers of look-ups that do not change (availability and fault domains, the
// region's services, shapes, images by name) are reused before they are asked again.
const DefaultLookupTTL = time.Hour

// lookupCache keeps look-up answers of one set of clients for a while.
type lookupCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	now     func() time.Time
	entries map[string]lookupEntry
}

type lookupEntry struct {
	value   any
	expires time.Time
}

func newLookupCache(ttl time.Duration, now func() time.Time) *lookupCache {
	if ttl <= 0 {
		ttl = DefaultLookupTTL
	}
	if now == nil {
		now = time.Now
	}
	return &lookupCache{ttl: ttl, now: now, entries: map[string]lookupEntry{}}
}

// cachedLookup returns the cached answer of key, or loads and keeps it; a failed load is not kept.
func cachedLookup[T any](c *lookupCache, key string, load func() (T, error)) (T, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && c.now().Before(e.expires) {
		if v, ok := e.value.(T); ok {
			return v, nil
		}
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	c.entries[key] = lookupEntry{value: v, expires: c.now().Add(c.ttl)}
	c.mu.Unlock()
	return v, nil
}

// AvailabilityDomains lists the region's availability domains, cached.
func (c *Clients) AvailabilityDomains(ctx context.Context, compartment string) ([]identity.AvailabilityDomain, error) {
	return cachedLookup(c.lookups, "ads/"+compartment, func() ([]identity.AvailabilityDomain, error) {
		r, err := c.Identity.ListAvailabilityDomains(WithOperation(ctx, "ListAvailabilityDomains"),
			identity.ListAvailabilityDomainsRequest{CompartmentId: common.String(compartment)})
		return r.Items, err
	})
}

// FaultDomains lists the fault domains of an availability domain, cached.
func (c *Clients) FaultDomains(ctx context.Context, compartment, ad string) ([]identity.FaultDomain, error) {
	return cachedLookup(c.lookups, "fds/"+compartment+"/"+ad, func() ([]identity.FaultDomain, error) {
		r, err := c.Identity.ListFaultDomains(WithOperation(ctx, "ListFaultDomains"),
			identity.ListFaultDomainsRequest{CompartmentId: common.String(compartment), AvailabilityDomain: common.String(ad)})
		return r.Items, err
	})
}

// Services lists the region's Oracle Services Network services (for service gateways and SERVICE_CIDR_BLOCK
// rules), every page, cached.
func (c *Clients) Services(ctx context.Context) ([]core.Service, error) {
	return cachedLookup(c.lookups, "services", func() ([]core.Service, error) {
		return ociutil.ListAll(WithOperation(ctx, "ListServices"), func(ctx context.Context, page *string) ([]core.Service, *string, error) {
			r, err := c.VirtualNetwork.ListServices(ctx, core.ListServicesRequest{Page: page})
			return r.Items, r.OpcNextPage, err
		})
	})
}

// Shapes lists the compute shapes available in a compartment, every page, cached.
func (c *Clients) Shapes(ctx context.Context, compartment string) ([]core.Shape, error) {
	return cachedLookup(c.lookups, "shapes/"+compartment, func() ([]core.Shape, error) {
		return ociutil.ListAll(WithOperation(ctx, "ListShapes"), func(ctx context.Context, page *string) ([]core.Shape, *string, error) {
			r, err := c.Compute.ListShapes(ctx, core.ListShapesRequest{CompartmentId: common.String(compartment), Page: page})
			return r.Items, r.OpcNextPage, err
		})
	})
}

// ImagesNamed lists the images of a compartment with a display name, every page, cached.
func (c *Clients) ImagesNamed(ctx context.Context, compartment, name string) ([]core.Image, error) {
	return cachedLookup(c.lookups, "images/"+compartment+"/"+name, func() ([]core.Image, error) {
		return ociutil.ListAll(WithOperation(ctx, "ListImages"), func(ctx context.Context, page *string) ([]core.Image, *string, error) {
			r, err := c.Compute.ListImages(ctx, core.ListImagesRequest{CompartmentId: common.String(compartment),
				DisplayName: common.String(name), Page: page})
			return r.Items, r.OpcNextPage, err
		})
	})
}
