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

package earlier

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/oracle/oci-go-sdk/v65/identity"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/apimachinery/pkg/util/uuid"
	"k8s.io/utils/ptr"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the earlier provider's objects are in the v1beta1 contract's shape

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// Cluster is what the earlier provider made in OCI for one cluster, and what it wrote of it into the OCICluster.
type Cluster struct {
	Name, Namespace, Compartment, Region string
	// Identifier is the OCICluster's spec.ociResourceIdentifier, which every resource's tag carries.
	Identifier string
	// Port is the API server's port, its load balancer's listener's.
	Port int32
	// Spec is the OCICluster's spec as the earlier provider leaves it: its defaults, every OCID, the endpoint.
	Spec infrav1beta2.OCIClusterSpec
	// FailureDomains are the OCICluster's status.failureDomains.
	FailureDomains clusterv1beta1.FailureDomains
}

// Seed makes, through OCI's API, a cluster's network as the earlier provider makes the default one, in the order
// its OCICluster controller does (controllers/ocicluster_controller.go: reconcile): the VCN, internet, NAT and
// service gateways, network security groups with their rules, route tables, subnets, then the failure domains
// and the API server's network load balancer on port. Machines are the Provider's.
func Seed(ctx context.Context, sim *ocisim.Sim, name, namespace, compartment string, port int32) (*Cluster, error) {
	region := sim.Regions()[0]
	vn, err := sim.VirtualNetworkClient(region)
	if err != nil {
		return nil, fmt.Errorf("virtual network client: %w", err)
	}
	s := &seeder{vn: vn, c: &Cluster{Name: name, Namespace: namespace, Compartment: compartment, Region: region,
		Identifier: string(uuid.NewUUID()), Port: port}}
	if s.nlb, err = sim.NetworkLoadBalancerClient(region); err != nil {
		return nil, fmt.Errorf("network load balancer client: %w", err)
	}
	if s.id, err = sim.IdentityClient(region); err != nil {
		return nil, fmt.Errorf("identity client: %w", err)
	}
	s.c.Spec = infrav1beta2.OCIClusterSpec{CompartmentID: compartment, OCIResourceIdentifier: s.c.Identifier}
	s.c.Spec.NetworkSpec.VCN.NetworkSecurityGroup = &infrav1beta2.NetworkSecurityGroup{}
	for _, step := range []func(context.Context) error{s.vcn, s.gateways, s.nsgs, s.routeTables, s.subnets,
		s.failureDomains, s.apiServerLoadBalancer} {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	return s.c, nil
}

type seeder struct {
	vn  core.VirtualNetworkClient
	nlb nlb.NetworkLoadBalancerClient
	id  identity.IdentityClient
	c   *Cluster
}

func (s *seeder) tags() map[string]string { return Tags(s.c.Identifier) }

func (s *seeder) vcn(ctx context.Context) error {
	r, err := s.vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: &s.c.Compartment, DisplayName: &s.c.Name, CidrBlocks: []string{vcnCIDR},
		FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
	if err != nil {
		return fmt.Errorf("creating the VCN: %w", err)
	}
	s.c.Spec.NetworkSpec.VCN.ID = *r.Id
	return nil
}

func (s *seeder) gateways(ctx context.Context) error {
	v := &s.c.Spec.NetworkSpec.VCN
	vcn := &v.ID
	igw, err := s.vn.CreateInternetGateway(ctx, core.CreateInternetGatewayRequest{CreateInternetGatewayDetails: core.CreateInternetGatewayDetails{
		CompartmentId: &s.c.Compartment, DisplayName: ptr.To(InternetGatewayName), IsEnabled: ptr.To(true), VcnId: vcn,
		FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
	if err != nil {
		return fmt.Errorf("creating the internet gateway: %w", err)
	}
	nat, err := s.vn.CreateNatGateway(ctx, core.CreateNatGatewayRequest{CreateNatGatewayDetails: core.CreateNatGatewayDetails{
		CompartmentId: &s.c.Compartment, DisplayName: ptr.To(NATGatewayName), VcnId: vcn,
		FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
	if err != nil {
		return fmt.Errorf("creating the NAT gateway: %w", err)
	}
	service, err := s.allServices(ctx)
	if err != nil {
		return err
	}
	sgw, err := s.vn.CreateServiceGateway(ctx, core.CreateServiceGatewayRequest{CreateServiceGatewayDetails: core.CreateServiceGatewayDetails{
		CompartmentId: &s.c.Compartment, DisplayName: ptr.To(ServiceGatewayName), VcnId: vcn,
		Services:     []core.ServiceIdRequestDetails{{ServiceId: service.Id}},
		FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
	if err != nil {
		return fmt.Errorf("creating the service gateway: %w", err)
	}
	v.InternetGateway = &infrav1beta2.InternetGateway{ID: *igw.Id}
	v.NATGateway = &infrav1beta2.NATGateway{ID: *nat.Id}
	v.ServiceGateway = &infrav1beta2.ServiceGateway{ID: *sgw.Id}
	return nil
}

// allServices is the Oracle Services Network's "all services" entry, the first whose CIDR label has its suffix
// (cloud/scope/service_gateway_reconciler.go: CreateServiceGateway).
func (s *seeder) allServices(ctx context.Context) (core.Service, error) {
	r, err := s.vn.ListServices(ctx, core.ListServicesRequest{})
	if err != nil {
		return core.Service{}, fmt.Errorf("listing services: %w", err)
	}
	for _, svc := range r.Items {
		if strings.HasSuffix(ptr.Deref(svc.CidrBlock, ""), servicesSuffix) {
			return svc, nil
		}
	}
	return core.Service{}, errors.New("no Oracle Services Network service for all services")
}

// nsgs makes every default network security group, then adds each one's rules, stateful, as the earlier
// provider does (cloud/scope/nsg_reconciler.go: ReconcileNSG, UpdateNSGSecurityRulesIfNeeded,
// generateAddSecurityRuleFromSpec); its spec keeps the rules with isStateless set to false.
func (s *seeder) nsgs(ctx context.Context) error {
	list := &s.c.Spec.NetworkSpec.VCN.NetworkSecurityGroup.List
	for _, d := range defaultNSGs {
		r, err := s.vn.CreateNetworkSecurityGroup(ctx, core.CreateNetworkSecurityGroupRequest{CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{
			CompartmentId: &s.c.Compartment, VcnId: &s.c.Spec.NetworkSpec.VCN.ID, DisplayName: ptr.To(d.role),
			FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
		if err != nil {
			return fmt.Errorf("creating network security group %s: %w", d.role, err)
		}
		*list = append(*list, d.spec(*r.Id))
	}
	for i, d := range defaultNSGs {
		_, err := s.vn.AddNetworkSecurityGroupSecurityRules(ctx, core.AddNetworkSecurityGroupSecurityRulesRequest{
			NetworkSecurityGroupId:                      &(*list)[i].ID,
			AddNetworkSecurityGroupSecurityRulesDetails: core.AddNetworkSecurityGroupSecurityRulesDetails{SecurityRules: d.sdk()}})
		if err != nil {
			return fmt.Errorf("adding the rules of network security group %s: %w", d.role, err)
		}
	}
	return nil
}

// routeTables makes the private then the public route table (cloud/scope/route_table_reconciler.go:
// GetDesiredRouteTables, CreateRouteTable).
func (s *seeder) routeTables(ctx context.Context) error {
	v := &s.c.Spec.NetworkSpec.VCN
	services, err := s.allServices(ctx)
	if err != nil {
		return err
	}
	private := []core.RouteRule{
		{DestinationType: core.RouteRuleDestinationTypeCidrBlock, Destination: ptr.To(anywhere), NetworkEntityId: &v.NATGateway.ID,
			Description: ptr.To(routeToInternetViaNAT)},
		{DestinationType: core.RouteRuleDestinationTypeServiceCidrBlock, Destination: services.CidrBlock,
			NetworkEntityId: &v.ServiceGateway.ID, Description: ptr.To(routeToServices)},
	}
	public := []core.RouteRule{{DestinationType: core.RouteRuleDestinationTypeCidrBlock, Destination: ptr.To(anywhere),
		NetworkEntityId: &v.InternetGateway.ID, Description: ptr.To(routeToInternetViaIGW)}}
	v.RouteTable = &infrav1beta2.RouteTable{}
	for _, rt := range []struct {
		name  string
		rules []core.RouteRule
		id    *string
	}{{PrivateRouteTableName, private, &v.RouteTable.PrivateRouteTableID}, {PublicRouteTableName, public, &v.RouteTable.PublicRouteTableID}} {
		r, err := s.vn.CreateRouteTable(ctx, core.CreateRouteTableRequest{CreateRouteTableDetails: core.CreateRouteTableDetails{
			VcnId: &v.ID, CompartmentId: &s.c.Compartment, DisplayName: ptr.To(rt.name), RouteRules: rt.rules,
			FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
		if err != nil {
			return fmt.Errorf("creating route table %s: %w", rt.name, err)
		}
		*rt.id = *r.Id
	}
	return nil
}

// subnets makes the default subnets, a private one with the private route table and no public addresses
// (cloud/scope/subnet_reconciler.go: CreateSubnet); none has a security list of its own.
func (s *seeder) subnets(ctx context.Context) error {
	v := &s.c.Spec.NetworkSpec.VCN
	for _, d := range defaultSubnets {
		private := d.kind == typePrivate
		rt := v.RouteTable.PublicRouteTableID
		if private {
			rt = v.RouteTable.PrivateRouteTableID
		}
		r, err := s.vn.CreateSubnet(ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
			CompartmentId: &s.c.Compartment, CidrBlock: ptr.To(d.cidr), VcnId: &v.ID, DisplayName: ptr.To(d.role),
			ProhibitInternetIngress: ptr.To(private), ProhibitPublicIpOnVnic: ptr.To(private), RouteTableId: &rt,
			FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
		if err != nil {
			return fmt.Errorf("creating subnet %s: %w", d.role, err)
		}
		v.Subnets = append(v.Subnets, infrav1beta2.Subnet{Role: d.role, Name: d.role, CIDR: d.cidr, Type: d.kind, ID: *r.Subnet.Id})
	}
	return nil
}

// failureDomains reads the availability domains and their fault domains into spec.availabilityDomains, and with
// three of them makes failure domain "n" of the domain ending in -AD-n (cloud/scope/cluster.go: setFailureDomains,
// setAvailabiltyDomainSpec).
func (s *seeder) failureDomains(ctx context.Context) error {
	ads, err := s.id.ListAvailabilityDomains(ctx, identity.ListAvailabilityDomainsRequest{CompartmentId: &s.c.Compartment})
	if err != nil {
		return fmt.Errorf("listing availability domains: %w", err)
	}
	if len(ads.Items) != 3 {
		return fmt.Errorf("the earlier provider's failure domains need 3 availability domains, not %d", len(ads.Items))
	}
	s.c.Spec.AvailabilityDomains = map[string]infrav1beta2.OCIAvailabilityDomain{}
	s.c.FailureDomains = clusterv1beta1.FailureDomains{}
	for _, ad := range ads.Items {
		fds, err := s.id.ListFaultDomains(ctx, identity.ListFaultDomainsRequest{CompartmentId: &s.c.Compartment, AvailabilityDomain: ad.Name})
		if err != nil {
			return fmt.Errorf("listing the fault domains of %s: %w", *ad.Name, err)
		}
		var names []string
		for _, fd := range fds.Items {
			names = append(names, *fd.Name)
		}
		s.c.Spec.AvailabilityDomains[*ad.Name] = infrav1beta2.OCIAvailabilityDomain{Name: *ad.Name, FaultDomains: names}
		n := (*ad.Name)[strings.LastIndex(*ad.Name, "-")+1:]
		if _, err := strconv.Atoi(n); err != nil {
			return fmt.Errorf("availability domain %s does not end in its number", *ad.Name)
		}
		s.c.FailureDomains[n] = clusterv1beta1.FailureDomainSpec{ControlPlane: true,
			Attributes: map[string]string{AvailabilityDomainAttribute: *ad.Name}}
	}
	return nil
}

// apiServerLoadBalancer makes the public network load balancer <cluster>-apiserver in the endpoint subnet with
// the endpoint's network security group, its TCP listener on the API server's port and its empty backend set
// (cloud/scope/network_load_balancer_reconciler.go: CreateNLB, buildNLBHealthChecker), and records its OCID and
// the endpoint at its public address.
func (s *seeder) apiServerLoadBalancer(ctx context.Context) error {
	v := &s.c.Spec.NetworkSpec.VCN
	port := int(s.c.Port)
	hc := &nlb.HealthChecker{Protocol: nlb.HealthCheckProtocolsHttps, Port: &port, IntervalInMillis: ptr.To(healthCheckIntervalMs),
		TimeoutInMillis: ptr.To(healthCheckTimeoutMs), Retries: ptr.To(healthCheckRetries), UrlPath: ptr.To(healthCheckPath),
		ReturnCode: ptr.To(healthCheckReturnCode)}
	r, err := s.nlb.CreateNetworkLoadBalancer(ctx, nlb.CreateNetworkLoadBalancerRequest{CreateNetworkLoadBalancerDetails: nlb.CreateNetworkLoadBalancerDetails{
		CompartmentId: &s.c.Compartment, DisplayName: ptr.To(s.c.Name + APIServerSuffix), SubnetId: &v.Subnets[0].ID,
		IsPrivate: ptr.To(false), NetworkSecurityGroupIds: []string{v.NetworkSecurityGroup.List[0].ID},
		Listeners: map[string]nlb.ListenerDetails{ListenerName: {Name: ptr.To(ListenerName), Protocol: nlb.ListenerProtocolsTcp,
			Port: &port, DefaultBackendSetName: ptr.To(BackendSetName)}},
		BackendSets: map[string]nlb.BackendSetDetails{BackendSetName: {Policy: nlb.NetworkLoadBalancingPolicyFiveTuple,
			IsPreserveSource: ptr.To(false), HealthChecker: hc, Backends: []nlb.Backend{}}},
		FreeformTags: s.tags(), DefinedTags: map[string]map[string]any{}}})
	if err != nil {
		return fmt.Errorf("creating the API server's network load balancer: %w", err)
	}
	lb, err := s.activeLoadBalancer(ctx, *r.Id)
	if err != nil {
		return err
	}
	for _, ip := range lb.IpAddresses {
		if ptr.Deref(ip.IsPublic, false) {
			s.c.Spec.ControlPlaneEndpoint = clusterv1beta1.APIEndpoint{Host: *ip.IpAddress, Port: s.c.Port}
		}
	}
	if s.c.Spec.ControlPlaneEndpoint.Host == "" {
		return errors.New("the API server's network load balancer has no public address")
	}
	s.c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1beta2.LoadBalancer{LoadBalancerID: *r.Id}
	return nil
}

// activeLoadBalancer waits until the network load balancer is active, as the earlier provider awaits its work
// request.
func (s *seeder) activeLoadBalancer(ctx context.Context, id string) (nlb.NetworkLoadBalancer, error) {
	for {
		r, err := s.nlb.GetNetworkLoadBalancer(ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id})
		if err != nil {
			return nlb.NetworkLoadBalancer{}, fmt.Errorf("reading the API server's network load balancer: %w", err)
		}
		if r.LifecycleState == nlb.LifecycleStateActive {
			return r.NetworkLoadBalancer, nil
		}
		select {
		case <-ctx.Done():
			return nlb.NetworkLoadBalancer{}, fmt.Errorf("waiting for the network load balancer to be active: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
