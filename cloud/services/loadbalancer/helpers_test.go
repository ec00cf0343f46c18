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

package loadbalancer_test

import (
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/loadbalancer"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

type scope struct{ *svctest.APIServer }

func (s *scope) memo() async.Memo { return s.Memo(loadbalancer.Key) }

func newScope(lb infrav1.LoadBalancer) *scope {
	lb.LoadBalancerType = "lb"
	return &scope{svctest.NewAPIServer(lb)}
}

// active is an ACTIVE public load balancer with a private and two public addresses, as created.
func active(id string, tags map[string]string) lbaas.LoadBalancer {
	return lbaas.LoadBalancer{Id: ptr.To(id), DisplayName: ptr.To("c1-apiserver"), LifecycleState: lbaas.LoadBalancerLifecycleStateActive,
		IsPrivate: ptr.To(false), FreeformTags: tags,
		IpAddresses: []lbaas.IpAddress{{IpAddress: ptr.To("10.0.0.10"), IsPublic: ptr.To(false)},
			{IpAddress: ptr.To("192.0.2.1"), IsPublic: ptr.To(true)}, {IpAddress: ptr.To("192.0.2.2"), IsPublic: ptr.To(true)}},
		Listeners: map[string]lbaas.Listener{loadbalancer.ListenerName: {Name: ptr.To(loadbalancer.ListenerName),
			DefaultBackendSetName: ptr.To(loadbalancer.BackendSetName), Port: ptr.To(6443), Protocol: ptr.To("TCP")}},
		BackendSets: map[string]lbaas.BackendSet{loadbalancer.BackendSetName: {Name: ptr.To(loadbalancer.BackendSetName),
			HealthChecker: &lbaas.HealthChecker{Protocol: ptr.To("TCP"), Port: ptr.To(6443)}}}}
}

func get(lb lbaas.LoadBalancer) lbaas.GetLoadBalancerResponse {
	return lbaas.GetLoadBalancerResponse{LoadBalancer: lb}
}

func workRequest(state lbaas.WorkRequestLifecycleStateEnum, lbID string, errs ...string) lbaas.GetWorkRequestResponse {
	w := lbaas.WorkRequest{Id: ptr.To("wr"), LoadBalancerId: ptr.To(lbID), Type: ptr.To("CreateLoadBalancer"), LifecycleState: state,
		Message: ptr.To("CreateLoadBalancer " + string(state))}
	for _, e := range errs {
		w.ErrorDetails = append(w.ErrorDetails, lbaas.WorkRequestError{ErrorCode: lbaas.WorkRequestErrorErrorCodeInternalError, Message: ptr.To(e)})
	}
	return lbaas.GetWorkRequestResponse{WorkRequest: w}
}

func id(want string) gomock.Matcher {
	return gomock.Cond(func(r lbaas.GetLoadBalancerRequest) bool { return *r.LoadBalancerId == want })
}
