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

package loadbalancer

import (
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/apiserverlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// The listener and backend set of the API server's load balancer, named as the earlier provider named them.
const (
	ListenerName   = apiserverlb.ListenerName
	BackendSetName = apiserverlb.BackendSetName
)

// The load balancer's name suffix, shape, policy and protocol, as the earlier provider chose them.
const (
	NameSuffix       = apiserverlb.NameSuffix
	Shape            = "flexible"
	MinBandwidthMbps = 10
	MaxBandwidthMbps = 100
	Policy           = "ROUND_ROBIN"
	ProtocolTCP      = "TCP"
)

// The health checker settings OCI gives a TCP check that does not set them, sent back on an update (which must
// name them all).
const (
	defaultReturnCode = 200
	defaultRetries    = 3
	defaultTimeout    = 3000
	defaultInterval   = 10000
)

// Spec is the desired state of the API server's load balancer.
type Spec struct {
	svc.Desired
	place Placement
	port  int
}

var _ async.Spec[lbaas.LoadBalancer] = (*Spec)(nil)

// Update is the one change that brings a load balancer back to its desired state; exactly one field is set, and
// the adapter makes the call it names. The next differences are put back by the next reconciles.
type Update struct {
	// Listener is an UpdateListener of the API server's listener (its port).
	Listener *lbaas.UpdateListenerDetails
	// HealthChecker is an UpdateHealthChecker of the API server's backend set.
	HealthChecker *lbaas.UpdateHealthCheckerDetails
	// LoadBalancer is an UpdateLoadBalancer (display name and tags).
	LoadBalancer *lbaas.UpdateLoadBalancerDetails
}

// NewSpec builds the desired state of the load balancer from the cluster: its name (spec's, else
// "<cluster>-apiserver"), placement, API server port and tags. The NLB settings of spec do not apply.
func NewSpec(o svc.Owner, clusterName string, lb *infrav1.LoadBalancer, apiServerPort int32, p Placement) *Spec {
	return &Spec{Desired: svc.NewDesired(o, Key, lb.LoadBalancerID, apiserverlb.DisplayName(lb, clusterName)), place: p,
		port: int(apiServerPort)}
}

// CreateDetails is the CreateLoadBalancer request body: a flexible load balancer of 10 to 100 Mbps with a TCP
// listener on the API server port and a round-robin backend set, checked by TCP on that port, with no backends
// yet (the machines add themselves).
func (s *Spec) CreateDetails() (any, error) {
	return lbaas.CreateLoadBalancerDetails{CompartmentId: &s.Compartment, DisplayName: ptr.To(s.Name()), ShapeName: ptr.To(Shape),
		ShapeDetails: &lbaas.ShapeDetails{MinimumBandwidthInMbps: ptr.To(MinBandwidthMbps), MaximumBandwidthInMbps: ptr.To(MaxBandwidthMbps)},
		SubnetIds:    s.place.SubnetIDs, IsPrivate: ptr.To(s.place.Private), NetworkSecurityGroupIds: s.place.NSGIDs,
		Listeners: map[string]lbaas.ListenerDetails{ListenerName: {DefaultBackendSetName: ptr.To(BackendSetName),
			Port: ptr.To(s.port), Protocol: ptr.To(ProtocolTCP)}},
		BackendSets: map[string]lbaas.BackendSetDetails{BackendSetName: {Policy: ptr.To(Policy),
			HealthChecker: &lbaas.HealthCheckerDetails{Protocol: ptr.To(ProtocolTCP), Port: ptr.To(s.port)},
			Backends:      []lbaas.BackendDetails{}}},
		FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails returns the first change existing needs, in this order: the listener's port, the backend set's
// health check (TCP on the API server port), the display name and tags; nil when it is as desired. The shape,
// subnets and NSGs are not changed in place.
func (s *Spec) UpdateDetails(existing *lbaas.LoadBalancer) (any, error) {
	if l, ok := existing.Listeners[ListenerName]; ok && ptr.Deref(l.Port, 0) != s.port {
		return Update{Listener: s.listenerUpdate(&l)}, nil
	}
	if bs, ok := existing.BackendSets[BackendSetName]; ok && (bs.HealthChecker == nil ||
		ptr.Deref(bs.HealthChecker.Protocol, "") != ProtocolTCP || ptr.Deref(bs.HealthChecker.Port, 0) != s.port) {
		return Update{HealthChecker: s.healthCheckerUpdate(bs.HealthChecker)}, nil
	}
	if !s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
		return Update{LoadBalancer: &lbaas.UpdateLoadBalancerDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags,
			DefinedTags: defined}}, nil
	}
	return nil, nil
}

// listenerUpdate is the UpdateListener body that puts l on the API server port, keeping its other settings (an
// update replaces the listener; a TCP listener has no SSL settings).
func (s *Spec) listenerUpdate(l *lbaas.Listener) *lbaas.UpdateListenerDetails {
	return &lbaas.UpdateListenerDetails{DefaultBackendSetName: ptr.To(BackendSetName), Port: ptr.To(s.port),
		Protocol: ptr.To(ProtocolTCP), HostnameNames: l.HostnameNames, PathRouteSetName: l.PathRouteSetName,
		RoutingPolicyName: l.RoutingPolicyName, ConnectionConfiguration: l.ConnectionConfiguration, RuleSetNames: l.RuleSetNames}
}

// healthCheckerUpdate is the UpdateHealthChecker body that makes have a TCP check of the API server port, keeping
// its other settings (an update must name them all).
func (s *Spec) healthCheckerUpdate(have *lbaas.HealthChecker) *lbaas.UpdateHealthCheckerDetails {
	if have == nil {
		have = &lbaas.HealthChecker{}
	}
	return &lbaas.UpdateHealthCheckerDetails{Protocol: ptr.To(ProtocolTCP), Port: ptr.To(s.port),
		ReturnCode: ptr.To(ptr.Deref(have.ReturnCode, defaultReturnCode)), Retries: ptr.To(ptr.Deref(have.Retries, defaultRetries)),
		TimeoutInMillis:   ptr.To(ptr.Deref(have.TimeoutInMillis, defaultTimeout)),
		IntervalInMillis:  ptr.To(ptr.Deref(have.IntervalInMillis, defaultInterval)),
		ResponseBodyRegex: ptr.To(ptr.Deref(have.ResponseBodyRegex, "")), UrlPath: have.UrlPath, IsForcePlainText: have.IsForcePlainText}
}
