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

// Package clients builds the OCI SDK clients the provider calls, one set per identity and region, cached and
// reused across reconciles. Every client is configured on purpose: no SDK retries and no circuit breaker (a
// reconcile never sleeps inside the SDK; failures are retried by requeue), the endpoints of spec.clientOverrides
// or of a region mapping, the provider's user agent, a client-side rate limit per region and service that refuses
// rather than waits, and Prometheus metrics of every call.
package clients

import (
	"fmt"
	"net/http"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"github.com/oracle/oci-go-sdk/v65/workrequests"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Services, as the metrics and the endpoint overrides name them.
const (
	ServiceCompute             = "compute"
	ServiceComputeManagement   = "computemanagement"
	ServiceVirtualNetwork      = "virtualnetwork"
	ServiceBlockstorage        = "blockstorage"
	ServiceLoadBalancer        = "loadbalancer"
	ServiceNetworkLoadBalancer = "networkloadbalancer"
	ServiceContainerEngine     = "containerengine"
	ServiceIdentity            = "identity"
	ServiceWorkRequests        = "workrequests"
)

// Services lists every service a Clients set holds.
var Services = []string{
	ServiceCompute, ServiceComputeManagement, ServiceVirtualNetwork, ServiceBlockstorage, ServiceLoadBalancer,
	ServiceNetworkLoadBalancer, ServiceContainerEngine, ServiceIdentity, ServiceWorkRequests,
}

// Endpoints are the endpoints to call instead of OCI's, by service; a service without one uses the SDK's endpoint
// for the region.
type Endpoints map[string]string

// EndpointsFromOverrides maps a cluster's spec.clientOverrides to endpoints; every override is honoured.
func EndpointsFromOverrides(o *infrav1.ClientOverrides) Endpoints {
	if o == nil {
		return nil
	}
	e := Endpoints{}
	for svc, u := range map[string]string{
		ServiceCompute: o.ComputeClientURL, ServiceComputeManagement: o.ComputeManagementClientURL,
		ServiceVirtualNetwork: o.VCNClientURL, ServiceBlockstorage: o.VolumeClientURL,
		ServiceLoadBalancer: o.LoadBalancerClientURL, ServiceNetworkLoadBalancer: o.NetworkLoadBalancerClientURL,
		ServiceContainerEngine: o.ContainerEngineClientURL, ServiceIdentity: o.IdentityClientURL,
		ServiceWorkRequests: o.WorkrequestClientURL,
	} {
		if u != "" {
			e[svc] = u
		}
	}
	return e
}

// key returns a comparable form of the endpoints, for the cache.
func (e Endpoints) key() string {
	k := ""
	for _, svc := range Services {
		k += svc + "=" + e[svc] + ";"
	}
	return k
}

// Clients are the SDK clients of one identity in one region.
type Clients struct {
	Region              string
	Compute             core.ComputeClient
	ComputeManagement   core.ComputeManagementClient
	VirtualNetwork      core.VirtualNetworkClient
	Blockstorage        core.BlockstorageClient
	LoadBalancer        loadbalancer.LoadBalancerClient
	NetworkLoadBalancer networkloadbalancer.NetworkLoadBalancerClient
	ContainerEngine     containerengine.ContainerEngineClient
	Identity            identity.IdentityClient
	WorkRequests        workrequests.WorkRequestClient

	lookups *lookupCache
}

// newClients builds every client of a set with the configuration provider and configures each with cfg.
func newClients(p common.ConfigurationProvider, region string, cfg func(*common.BaseClient, string)) (*Clients, error) {
	c := &Clients{Region: region}
	steps := []struct {
		svc  string
		make func() (*common.BaseClient, error)
	}{
		{ServiceCompute, func() (b *common.BaseClient, err error) {
			c.Compute, err = core.NewComputeClientWithConfigurationProvider(p)
			if err == nil {
				c.Compute.SetRegion(region)
			}
			return &c.Compute.BaseClient, err
		}},
		{ServiceComputeManagement, func() (b *common.BaseClient, err error) {
			c.ComputeManagement, err = core.NewComputeManagementClientWithConfigurationProvider(p)
			if err == nil {
				c.ComputeManagement.SetRegion(region)
			}
			return &c.ComputeManagement.BaseClient, err
		}},
		{ServiceVirtualNetwork, func() (b *common.BaseClient, err error) {
			c.VirtualNetwork, err = core.NewVirtualNetworkClientWithConfigurationProvider(p)
			if err == nil {
				c.VirtualNetwork.SetRegion(region)
			}
			return &c.VirtualNetwork.BaseClient, err
		}},
		{ServiceBlockstorage, func() (b *common.BaseClient, err error) {
			c.Blockstorage, err = core.NewBlockstorageClientWithConfigurationProvider(p)
			if err == nil {
				c.Blockstorage.SetRegion(region)
			}
			return &c.Blockstorage.BaseClient, err
		}},
		{ServiceLoadBalancer, func() (b *common.BaseClient, err error) {
			c.LoadBalancer, err = loadbalancer.NewLoadBalancerClientWithConfigurationProvider(p)
			if err == nil {
				c.LoadBalancer.SetRegion(region)
			}
			return &c.LoadBalancer.BaseClient, err
		}},
		{ServiceNetworkLoadBalancer, func() (b *common.BaseClient, err error) {
			c.NetworkLoadBalancer, err = networkloadbalancer.NewNetworkLoadBalancerClientWithConfigurationProvider(p)
			if err == nil {
				c.NetworkLoadBalancer.SetRegion(region)
			}
			return &c.NetworkLoadBalancer.BaseClient, err
		}},
		{ServiceContainerEngine, func() (b *common.BaseClient, err error) {
			c.ContainerEngine, err = containerengine.NewContainerEngineClientWithConfigurationProvider(p)
			if err == nil {
				c.ContainerEngine.SetRegion(region)
			}
			return &c.ContainerEngine.BaseClient, err
		}},
		{ServiceIdentity, func() (b *common.BaseClient, err error) {
			c.Identity, err = identity.NewIdentityClientWithConfigurationProvider(p)
			if err == nil {
				c.Identity.SetRegion(region)
			}
			return &c.Identity.BaseClient, err
		}},
		{ServiceWorkRequests, func() (b *common.BaseClient, err error) {
			c.WorkRequests, err = workrequests.NewWorkRequestClientWithConfigurationProvider(p)
			if err == nil {
				c.WorkRequests.SetRegion(region)
			}
			return &c.WorkRequests.BaseClient, err
		}},
	}
	for _, s := range steps {
		b, err := s.make()
		if err != nil {
			return nil, fmt.Errorf("creating the %s client for %s: %w", s.svc, region, err)
		}
		cfg(b, s.svc)
	}
	return c, nil
}

// configure sets what the factory decides for every client: its endpoint, no SDK retries, no circuit
// breaker, the user agent and the instrumented dispatcher.
func configure(b *common.BaseClient, endpoint, userAgent string, d common.HTTPRequestDispatcher) {
	if endpoint != "" {
		b.Host = endpoint
	}
	// A client-level policy overrides the SDK's per-operation defaults, OCI_SDK_DEFAULT_RETRY_ENABLED and
	// common.GlobalRetry alike; the circuit breaker some constructors add is cleared after construction.
	policy := common.NoRetryPolicy()
	b.Configuration.RetryPolicy = &policy
	b.Configuration.CircuitBreaker = nil
	if userAgent != "" {
		b.UserAgent = userAgent
	}
	b.HTTPClient = d
}

// defaultHTTPClient is the transport of every client unless Options.HTTPClient says otherwise.
func defaultHTTPClient() *http.Client {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return &http.Client{Transport: t.Clone()}
	}
	return &http.Client{}
}
