package ocisim

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"
	"github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"github.com/oracle/oci-go-sdk/v65/workrequests"
)

// Configure points an SDK client at the emulator's endpoint of a service in a
// region, turns off the SDK's retries and circuit breaker (so tests see every
// response), and trusts the emulator's CA when it serves TLS.
func (s *Sim) Configure(c *common.BaseClient, service, region string) error {
	u := s.Endpoint(service, region)
	if u == "" {
		return fmt.Errorf("configuring a %s client for %q: %w", service, region, ErrNotServed)
	}
	c.Host = u
	policy := common.NoRetryPolicy()
	c.Configuration.RetryPolicy = &policy
	c.Configuration.CircuitBreaker = nil
	if s.tlsCA != nil {
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(s.tlsCA)
		c.HTTPClient = &http.Client{Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	}
	return nil
}

// configured wraps the construction of an SDK client.
func configured[T any](s *Sim, service, region string, mk func(common.ConfigurationProvider) (T, error),
	base func(*T) *common.BaseClient) (T, error) {
	c, err := mk(s.ConfigurationProviderFor(region))
	if err != nil {
		return c, fmt.Errorf("creating a %s client: %w", service, err)
	}
	if err := s.Configure(base(&c), service, region); err != nil {
		return c, err
	}
	return c, nil
}

// ComputeClient returns a compute client for a region, pointed at the emulator.
func (s *Sim) ComputeClient(region string) (core.ComputeClient, error) {
	return configured(s, ServiceCore, region, core.NewComputeClientWithConfigurationProvider,
		func(c *core.ComputeClient) *common.BaseClient { return &c.BaseClient })
}

// ComputeManagementClient returns a compute management client for a region.
func (s *Sim) ComputeManagementClient(region string) (core.ComputeManagementClient, error) {
	return configured(s, ServiceCore, region, core.NewComputeManagementClientWithConfigurationProvider,
		func(c *core.ComputeManagementClient) *common.BaseClient { return &c.BaseClient })
}

// BlockstorageClient returns a block storage client for a region.
func (s *Sim) BlockstorageClient(region string) (core.BlockstorageClient, error) {
	return configured(s, ServiceCore, region, core.NewBlockstorageClientWithConfigurationProvider,
		func(c *core.BlockstorageClient) *common.BaseClient { return &c.BaseClient })
}

// VirtualNetworkClient returns a virtual network client for a region.
func (s *Sim) VirtualNetworkClient(region string) (core.VirtualNetworkClient, error) {
	return configured(s, ServiceCore, region, core.NewVirtualNetworkClientWithConfigurationProvider,
		func(c *core.VirtualNetworkClient) *common.BaseClient { return &c.BaseClient })
}

// LoadBalancerClient returns a load balancer client for a region.
func (s *Sim) LoadBalancerClient(region string) (loadbalancer.LoadBalancerClient, error) {
	return configured(s, ServiceLoadBalancer, region, loadbalancer.NewLoadBalancerClientWithConfigurationProvider,
		func(c *loadbalancer.LoadBalancerClient) *common.BaseClient { return &c.BaseClient })
}

// NetworkLoadBalancerClient returns a network load balancer client for a region.
func (s *Sim) NetworkLoadBalancerClient(region string) (networkloadbalancer.NetworkLoadBalancerClient, error) {
	return configured(s, ServiceNetworkLoadBalancer, region,
		networkloadbalancer.NewNetworkLoadBalancerClientWithConfigurationProvider,
		func(c *networkloadbalancer.NetworkLoadBalancerClient) *common.BaseClient { return &c.BaseClient })
}

// ContainerEngineClient returns a container engine client for a region.
func (s *Sim) ContainerEngineClient(region string) (containerengine.ContainerEngineClient, error) {
	return configured(s, ServiceContainerEngine, region, containerengine.NewContainerEngineClientWithConfigurationProvider,
		func(c *containerengine.ContainerEngineClient) *common.BaseClient { return &c.BaseClient })
}

// IdentityClient returns an identity client for a region.
func (s *Sim) IdentityClient(region string) (identity.IdentityClient, error) {
	return configured(s, ServiceIdentity, region, identity.NewIdentityClientWithConfigurationProvider,
		func(c *identity.IdentityClient) *common.BaseClient { return &c.BaseClient })
}

// WorkRequestClient returns a core work request client for a region.
func (s *Sim) WorkRequestClient(region string) (workrequests.WorkRequestClient, error) {
	return configured(s, ServiceWorkRequests, region, workrequests.NewWorkRequestClientWithConfigurationProvider,
		func(c *workrequests.WorkRequestClient) *common.BaseClient { return &c.BaseClient })
}

// ClientOverrides returns, for a region, the endpoint of each client as the
// provider's spec.clientOverrides fields name them (computeClientUrl,
// vCNClientUrl, ...), ready to be copied into an OCICluster or
// OCIManagedCluster.
func (s *Sim) ClientOverrides(region string) map[string]string {
	core := s.Endpoint(ServiceCore, region)
	return map[string]string{
		"computeClientUrl":             core,
		"computeManagementClientUrl":   core,
		"vCNClientUrl":                 core,
		"volumeClientUrl":              core,
		"loadBalancerClientUrl":        s.Endpoint(ServiceLoadBalancer, region),
		"networkLoadBalancerClientUrl": s.Endpoint(ServiceNetworkLoadBalancer, region),
		"containerEngineClientUrl":     s.Endpoint(ServiceContainerEngine, region),
		"identityClientUrl":            s.Endpoint(ServiceIdentity, region),
		"workrequestClientUrl":         s.Endpoint(ServiceWorkRequests, region),
	}
}
