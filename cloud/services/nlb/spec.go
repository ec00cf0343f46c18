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

package nlb

import (
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/apiserverlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// The listener and backend set of the API server's load balancer, named as the earlier provider named them, and
// the end of its display name, after the cluster's, when spec gives no name.
const (
	ListenerName   = apiserverlb.ListenerName
	BackendSetName = apiserverlb.BackendSetName
	NameSuffix     = apiserverlb.NameSuffix
)

// Spec is the desired state of the API server's network load balancer.
type Spec struct {
	svc.Desired
	place      Placement
	reservedIP string
	port       int
	backendSet infrav1.BackendSetDetails
	health     networkloadbalancer.HealthChecker
	healthErr  error
}

var _ async.Spec[networkloadbalancer.NetworkLoadBalancer] = (*Spec)(nil)

// Update is the one change that brings a network load balancer back to its desired state; exactly one field is
// set, and the adapter makes the call it names. The next differences are put back by the next reconciles.
type Update struct {
	// Listener is an UpdateListener of the API server's listener (its port).
	Listener *networkloadbalancer.UpdateListenerDetails
	// HealthChecker is an UpdateHealthChecker of the API server's backend set.
	HealthChecker *networkloadbalancer.UpdateHealthCheckerDetails
	// NetworkLoadBalancer is an UpdateNetworkLoadBalancer (display name and tags).
	NetworkLoadBalancer *networkloadbalancer.UpdateNetworkLoadBalancerDetails
}

// NewSpec builds the desired state of the network load balancer from the cluster: its name (spec's, else
// "<cluster>-apiserver"), placement, API server port, reserved IP (the first of reservedIpIds), backend set
// settings, health checker and tags.
func NewSpec(o svc.Owner, clusterName string, lb *infrav1.LoadBalancer, apiServerPort int32, p Placement) *Spec {
	s := &Spec{Desired: svc.NewDesired(o, Key, lb.LoadBalancerID, apiserverlb.DisplayName(lb, clusterName)), place: p,
		port: int(apiServerPort)}
	var hc *infrav1.HealthChecker
	if n := lb.NLBSpec; n != nil {
		if len(n.ReservedIPIDs) > 0 {
			s.reservedIP = n.ReservedIPIDs[0]
		}
		if n.BackendSetDetails != nil {
			s.backendSet = *n.BackendSetDetails
			hc = n.BackendSetDetails.HealthChecker
		}
	}
	s.health, s.healthErr = HealthChecker(hc, s.port)
	return s
}

// CreateDetails is the CreateNetworkLoadBalancer request body: a listener on the API server port sending TCP to
// a five-tuple backend set with no backends yet (the machines add themselves).
func (s *Spec) CreateDetails() (any, error) {
	if s.healthErr != nil {
		return nil, s.healthErr
	}
	health := s.health
	d := networkloadbalancer.CreateNetworkLoadBalancerDetails{CompartmentId: &s.Compartment, DisplayName: ptr.To(s.Name()),
		SubnetId: &s.place.SubnetID, IsPrivate: ptr.To(s.place.Private), NetworkSecurityGroupIds: s.place.NSGIDs,
		Listeners: map[string]networkloadbalancer.ListenerDetails{ListenerName: {Name: ptr.To(ListenerName),
			DefaultBackendSetName: ptr.To(BackendSetName), Port: ptr.To(s.port), Protocol: networkloadbalancer.ListenerProtocolsTcp}},
		BackendSets: map[string]networkloadbalancer.BackendSetDetails{BackendSetName: {
			Policy:                   networkloadbalancer.NetworkLoadBalancingPolicyFiveTuple,
			IsPreserveSource:         ptr.To(ptr.Deref(s.backendSet.IsPreserveSource, false)),
			IsFailOpen:               s.backendSet.IsFailOpen,
			IsInstantFailoverEnabled: s.backendSet.IsInstantFailoverEnabled,
			HealthChecker:            &health,
			Backends:                 []networkloadbalancer.Backend{},
		}},
		FreeformTags: s.Tags, DefinedTags: s.Defined}
	if s.reservedIP != "" {
		d.ReservedIps = []networkloadbalancer.ReservedIp{{Id: ptr.To(s.reservedIP)}}
	}
	return d, nil
}

// UpdateDetails returns the first change existing needs, in this order: the listener's port, the backend set's
// health checker, the display name and tags; nil when it is as desired. The subnet, NSGs, reserved IP and the
// backend set's other settings are not changed in place (UpdateBackendSet would also replace the backends, which
// the machines manage).
func (s *Spec) UpdateDetails(existing *networkloadbalancer.NetworkLoadBalancer) (any, error) {
	if s.healthErr != nil {
		return nil, s.healthErr
	}
	if l, ok := existing.Listeners[ListenerName]; ok && ptr.Deref(l.Port, 0) != s.port {
		return Update{Listener: &networkloadbalancer.UpdateListenerDetails{DefaultBackendSetName: ptr.To(BackendSetName),
			Port: ptr.To(s.port), Protocol: networkloadbalancer.ListenerProtocolsTcp}}, nil
	}
	if bs, ok := existing.BackendSets[BackendSetName]; ok && !healthCheckerEqual(bs.HealthChecker, &s.health) {
		return Update{HealthChecker: healthCheckerUpdate(&s.health)}, nil
	}
	if !s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
		return Update{NetworkLoadBalancer: &networkloadbalancer.UpdateNetworkLoadBalancerDetails{DisplayName: ptr.To(s.Name()),
			FreeformTags: tags, DefinedTags: defined}}, nil
	}
	return nil, nil
}
