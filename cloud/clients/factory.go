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
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"golang.org/x/time/rate"

	"github.com/oracle/cluster-api-provider-oci/internal/version"
)

// Defaults of the client-side rate limit, per service and region: well under the rates OCI's APIs allow a tenancy,
// so that a management cluster reconciling many clusters backs off on its own before OCI answers 429.
const (
	DefaultRateLimit = 10.0
	DefaultBurst     = 20
)

// Identity is whose credentials a set of clients signs with.
type Identity struct {
	// Name identifies the identity: "" for the manager's own, namespace/name for an OCIClusterIdentity.
	Name string
	// Version changes when the identity's credentials change (its Secret's resource version): a new version
	// replaces the identity's cached clients.
	Version string
	// Provider signs the requests.
	Provider common.ConfigurationProvider
}

// Options configure a Factory.
type Options struct {
	// UserAgent is sent with every request; empty takes "cluster-api-provider-oci/<version>".
	UserAgent string
	// Metrics records every call; nil records nothing.
	Metrics *Metrics
	// RateLimit is the steady number of requests per second sent to one service in one region; negative turns
	// the limit off, 0 takes DefaultRateLimit.
	RateLimit float64
	// Burst is how many requests may go at once above the steady rate; 0 takes DefaultBurst.
	Burst int
	// RegionEndpoint maps a service and a region without an override to its endpoint (remote peering reaches
	// other regions); nil, or "", uses the SDK's endpoint for the region.
	RegionEndpoint func(service, region string) string
	// HTTPClient sends the requests; nil uses a clone of http.DefaultTransport.
	HTTPClient *http.Client
	// LookupTTL is how long look-ups that do not change are reused; 0 takes DefaultLookupTTL.
	LookupTTL time.Duration
	// Now tells the time of the look-up cache; nil uses time.Now.
	Now func() time.Time
}

// Factory builds and caches the clients of each identity, region and set of endpoints. It is safe for concurrent
// use by every reconciler of the manager.
type Factory struct {
	opts     Options
	mu       sync.Mutex
	sets     map[setKey]*Clients
	versions map[string]string
	limiters map[string]*rate.Limiter
}

type setKey struct {
	identity, version, region, endpoints string
}

// NewFactory returns a factory with opts, defaults filled.
func NewFactory(opts Options) *Factory {
	if opts.RateLimit == 0 {
		opts.RateLimit = DefaultRateLimit
	}
	if opts.Burst == 0 {
		opts.Burst = DefaultBurst
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = defaultHTTPClient()
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "cluster-api-provider-oci/" + version.Get().GitVersion
	}
	return &Factory{opts: opts, sets: map[setKey]*Clients{}, versions: map[string]string{}, limiters: map[string]*rate.Limiter{}}
}

// ErrNoRegion is returned for a request of clients without a region.
var ErrNoRegion = errors.New("no region: set spec.region or the region of the identity")

// ClientsFor returns the clients of an identity in a region with the given endpoint overrides, building them on
// first use. A new Version of an identity drops the clients built with the old one.
func (f *Factory) ClientsFor(id Identity, region string, ep Endpoints) (*Clients, error) {
	if region == "" {
		return nil, ErrNoRegion
	}
	key := setKey{identity: id.Name, version: id.Version, region: region, endpoints: ep.key()}
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.sets[key]; ok {
		return c, nil
	}
	if old, ok := f.versions[id.Name]; ok && old != id.Version {
		for k := range f.sets {
			if k.identity == id.Name {
				delete(f.sets, k)
			}
		}
	}
	c, err := newClients(id.Provider, region, func(b *common.BaseClient, svc string) {
		configure(b, f.endpoint(ep, svc, region), f.opts.UserAgent, &dispatcher{
			next: f.opts.HTTPClient, service: svc, region: region, limiter: f.limiter(svc, region), metrics: f.opts.Metrics,
		})
	})
	if err != nil {
		return nil, err
	}
	c.lookups = newLookupCache(f.opts.LookupTTL, f.opts.Now)
	f.sets[key] = c
	f.versions[id.Name] = id.Version
	return c, nil
}

// Len returns how many client sets are cached.
func (f *Factory) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sets)
}

// endpoint is the override of a service, else the region mapping's endpoint, else "" (the SDK's).
func (f *Factory) endpoint(ep Endpoints, svc, region string) string {
	if u := ep[svc]; u != "" {
		return u
	}
	if f.opts.RegionEndpoint != nil {
		return f.opts.RegionEndpoint(svc, region)
	}
	return ""
}

// limiter returns the rate limiter of a service in a region, shared by every identity (OCI limits a tenancy's
// rate per region), or nil when the limit is off. The caller holds f.mu.
func (f *Factory) limiter(svc, region string) *rate.Limiter {
	if f.opts.RateLimit < 0 {
		return nil
	}
	k := svc + "/" + region
	l, ok := f.limiters[k]
	if !ok {
		l = rate.NewLimiter(rate.Limit(f.opts.RateLimit), f.opts.Burst)
		f.limiters[k] = l
	}
	return l
}
