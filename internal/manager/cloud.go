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

package manager

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/pflag"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/credentials"
	"github.com/oracle/cluster-api-provider-oci/cloud/identity"
	"github.com/oracle/cluster-api-provider-oci/controllers"
)

// OCIOptions are the manager's settings of its OCI calls.
type OCIOptions struct {
	RateLimit     float64
	RateBurst     int
	DriftInterval time.Duration
	// OKETokenRefresh is how old the token in an OKE cluster's <cluster>-kubeconfig Secret may get before the
	// control plane controller replaces it.
	OKETokenRefresh time.Duration
	// RegionEndpoint maps a service and a region to its endpoint for clients of regions other than a cluster's
	// own (remote VCN peering); nil uses OCI's. Not a flag: tests point it at the OCI emulator.
	RegionEndpoint func(service, region string) string
}

func (o *OCIOptions) addFlags(fs *pflag.FlagSet) {
	fs.Float64Var(&o.RateLimit, "oci-rate-limit", clients.DefaultRateLimit,
		"Requests per second to one OCI service in one region, shared by every cluster; 0 turns the limit off.")
	fs.IntVar(&o.RateBurst, "oci-rate-burst", clients.DefaultBurst, "Requests to one OCI service in one region that may go at once above --oci-rate-limit.")
	fs.DurationVar(&o.DriftInterval, "oci-drift-interval", async.DefaultDriftInterval,
		"How long a provisioned OCI resource whose desired state has not changed goes without being read again.")
	fs.DurationVar(&o.OKETokenRefresh, "oke-token-refresh", controllers.DefaultTokenRefresh,
		"How old the token in an OKE cluster's <cluster>-kubeconfig Secret may get before it is replaced; keep it well under the lifetime OKE gives tokens.")
}

func (o *OCIOptions) validate() []error {
	var errs []error
	if o.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("invalid value %q for --oci-rate-limit: must be 0 (off) or positive", fmt.Sprint(o.RateLimit)))
	}
	if o.RateBurst < 1 {
		errs = append(errs, fmt.Errorf("invalid value %q for --oci-rate-burst: must be at least 1", fmt.Sprint(o.RateBurst)))
	}
	if o.DriftInterval < time.Minute {
		errs = append(errs, fmt.Errorf("invalid value %q for --oci-drift-interval: must be at least 1m", o.DriftInterval))
	}
	if o.OKETokenRefresh < time.Second {
		errs = append(errs, fmt.Errorf("invalid value %q for --oke-token-refresh: must be at least 1s", o.OKETokenRefresh))
	}
	return errs
}

// Cloud is what the controllers call OCI with: the client factory, the identity resolver and the drift interval.
type Cloud struct {
	Clients       *clients.Factory
	Identities    *identity.Resolver
	DriftInterval time.Duration
	// DefaultRegion is the manager's own region: clusters without spec.region use it.
	DefaultRegion string
}

// NewCloud builds the cloud layer from the options and the manager's own credentials; its metrics are registered
// with reg (the manager's /metrics registry), once per process.
func NewCloud(o *Options, creds *credentials.Credentials, reader client.Reader, reg prometheus.Registerer) (*Cloud, error) {
	m, err := clients.NewMetrics(reg)
	if err != nil {
		return nil, err
	}
	limit := o.OCI.RateLimit
	if limit == 0 {
		limit = -1 // the factory's "off"
	}
	c := &Cloud{
		Clients: clients.NewFactory(clients.Options{Metrics: m, RateLimit: limit, Burst: o.OCI.RateBurst,
			RegionEndpoint: o.OCI.RegionEndpoint}),
		Identities:    &identity.Resolver{Client: reader},
		DriftInterval: o.OCI.DriftInterval,
	}
	if creds != nil {
		p, err := creds.ConfigurationProvider()
		if err != nil {
			return nil, err
		}
		c.Identities.Default = clients.Identity{Provider: p}
		c.DefaultRegion = creds.Region
	}
	return c, nil
}
