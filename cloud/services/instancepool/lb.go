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

package instancepool

import (
	"context"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// attachmentKey identifies a load-balancer attachment: a backend set of a load balancer.
func attachmentKey(lb, set *string) string { return ptr.Deref(lb, "") + "/" + ptr.Deref(set, "") }

// attachments attaches the first load balancer spec.loadBalancers lists that the pool lacks, or else detaches the
// first attachment it no longer lists, or else changes nothing. An attachment whose port or VNIC selection
// differs is detached, then attached again at the next look. One change is "not done".
func (s *Service) attachments(ctx context.Context, ip *core.InstancePool, want []core.AttachLoadBalancerDetails) error {
	id := ptr.Deref(ip.Id, "")
	have := map[string]core.InstancePoolLoadBalancerAttachment{}
	for _, a := range ip.LoadBalancers {
		if a.LifecycleState == core.InstancePoolLoadBalancerAttachmentLifecycleStateDetached {
			continue
		}
		have[attachmentKey(a.LoadBalancerId, a.BackendSetName)] = a
	}
	wanted := map[string]bool{}
	for _, w := range want {
		k := attachmentKey(w.LoadBalancerId, w.BackendSetName)
		wanted[k] = true
		h, ok := have[k]
		if ok && ptr.Deref(h.Port, 0) == ptr.Deref(w.Port, 0) && ptr.Deref(h.VnicSelection, "") == ptr.Deref(w.VnicSelection, "") {
			continue
		}
		if ok {
			return s.detachLB(ctx, id, h)
		}
		_, err := s.Client.AttachLoadBalancer(clients.WithOperation(ctx, "AttachLoadBalancer"),
			core.AttachLoadBalancerRequest{InstancePoolId: &id, AttachLoadBalancerDetails: w})
		if err != nil {
			return async.Classify(fmt.Sprintf("attaching instance pool %s to backend set %s", id, k), err)
		}
		return notDone("attaching to backend set " + k)
	}
	for _, a := range ip.LoadBalancers {
		if _, ok := have[attachmentKey(a.LoadBalancerId, a.BackendSetName)]; ok && !wanted[attachmentKey(a.LoadBalancerId, a.BackendSetName)] {
			return s.detachLB(ctx, id, a)
		}
	}
	return nil
}

// detachLB detaches the pool from one backend set; one already gone is not an error.
func (s *Service) detachLB(ctx context.Context, id string, a core.InstancePoolLoadBalancerAttachment) error {
	k := attachmentKey(a.LoadBalancerId, a.BackendSetName)
	_, err := s.Client.DetachLoadBalancer(clients.WithOperation(ctx, "DetachLoadBalancer"), core.DetachLoadBalancerRequest{
		InstancePoolId: &id, DetachLoadBalancerDetails: core.DetachLoadBalancerDetails{LoadBalancerId: a.LoadBalancerId,
			BackendSetName: a.BackendSetName}})
	if err != nil && !async.IsNotFound(err) {
		return async.Classify(fmt.Sprintf("detaching instance pool %s from backend set %s", id, k), err)
	}
	return notDone("detaching from backend set " + k)
}
