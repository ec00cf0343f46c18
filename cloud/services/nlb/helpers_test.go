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

package nlb_test

import (
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct{ *svctest.APIServer }

func (s *scope) memo() async.Memo             { return s.Memo(nlb.Key) }
func newScope(lb infrav1.LoadBalancer) *scope { return &scope{svctest.NewAPIServer(lb)} }

// active is an ACTIVE public network load balancer with a private and two public addresses, as created.
func active(id string, tags map[string]string) networkloadbalancer.NetworkLoadBalancer {
	return networkloadbalancer.NetworkLoadBalancer{Id: ptr.To(id), DisplayName: ptr.To("c1-apiserver"),
		LifecycleState: networkloadbalancer.LifecycleStateActive, IsPrivate: ptr.To(false), FreeformTags: tags,
		IpAddresses: []networkloadbalancer.IpAddress{{IpAddress: ptr.To("10.0.0.10"), IsPublic: ptr.To(false)},
			{IpAddress: ptr.To("192.0.2.1"), IsPublic: ptr.To(true)}, {IpAddress: ptr.To("192.0.2.2"), IsPublic: ptr.To(true)}},
		Listeners: map[string]networkloadbalancer.Listener{nlb.ListenerName: {Name: ptr.To(nlb.ListenerName),
			DefaultBackendSetName: ptr.To(nlb.BackendSetName), Port: ptr.To(6443), Protocol: networkloadbalancer.ListenerProtocolsTcp}},
		BackendSets: map[string]networkloadbalancer.BackendSet{nlb.BackendSetName: {Name: ptr.To(nlb.BackendSetName),
			HealthChecker: &networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsHttps,
				Port: ptr.To(6443), IntervalInMillis: ptr.To(10000), TimeoutInMillis: ptr.To(3000), Retries: ptr.To(3),
				UrlPath: ptr.To("/healthz"), ReturnCode: ptr.To(200)}}}}
}

func get(n networkloadbalancer.NetworkLoadBalancer) networkloadbalancer.GetNetworkLoadBalancerResponse {
	return networkloadbalancer.GetNetworkLoadBalancerResponse{NetworkLoadBalancer: n}
}

func workRequest(status networkloadbalancer.OperationStatusEnum) networkloadbalancer.GetWorkRequestResponse {
	return networkloadbalancer.GetWorkRequestResponse{WorkRequest: networkloadbalancer.WorkRequest{Id: ptr.To("wr"), Status: status,
		OperationType: networkloadbalancer.OperationTypeCreateNetworkLoadBalancer}}
}

func id(want string) gomock.Matcher {
	return gomock.Cond(func(r networkloadbalancer.GetNetworkLoadBalancerRequest) bool {
		return *r.NetworkLoadBalancerId == want
	})
}
