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

package controllers

import (
	"context"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vcn"
)

// networkConditions are the conditions of the network services, in the order they run.
var networkConditions = []string{
	infrav1.DRGReadyCondition, infrav1.VCNReadyCondition, infrav1.InternetGatewayReadyCondition, infrav1.NATGatewayReadyCondition,
	infrav1.ServiceGatewayReadyCondition, infrav1.NetworkSecurityGroupsReadyCondition, infrav1.RouteTablesReadyCondition,
	infrav1.SecurityListsReadyCondition, infrav1.SubnetsReadyCondition, infrav1.VCNPeeringReadyCondition,
}

// readyClusterConditions are summarized into the OCICluster's Ready.
var readyClusterConditions = append(append([]string{infrav1.IdentityReadyCondition}, networkConditions...),
	infrav1.FailureDomainsReadyCondition, infrav1.APIServerLoadBalancerReadyCondition)

// ownedClusterConditions are the conditions the OCICluster controller writes.
var ownedClusterConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition,
	infrav1.ClusterNetworkValidCondition}, readyClusterConditions...)

// infraSteps are the services of every cluster's infrastructure, self-managed or OKE, in the order they run: the
// DRG and the VCN, the rest of the network, peering, and the failure domains. Unmanaged lists the conditions of
// the services that do not run (the network is the user's).
func infraSteps(n *scope.Network, fd failuredomains.Scope) (steps []step, unmanaged []string) {
	c := n.Clients
	if !n.Spec.SkipNetworkManagement {
		steps = append(steps,
			step{condition: infrav1.DRGReadyCondition, service: "drg", svc: drg.New(n, c.VirtualNetwork)},
			step{condition: infrav1.VCNReadyCondition, service: "vcn", svc: vcn.New(n, c.VirtualNetwork)},
		)
		steps = append(steps, networkSteps(n)...)
		steps = append(steps, peeringSteps(n)...)
	} else {
		unmanaged = append(unmanaged, networkConditions...)
	}
	steps = append(steps, step{condition: infrav1.FailureDomainsReadyCondition, service: "failuredomains", svc: failuredomains.New(fd, c)})
	return steps, unmanaged
}

// clusterSteps are the OCICluster's services in the order they run (delete runs them in reverse): the cluster's
// infrastructure, then the API server's load balancer.
func clusterSteps(s *scope.ClusterScope) (steps []step, unmanaged []string) {
	steps, unmanaged = infraSteps(&s.Network, s)
	if _, skip := s.OCICluster.Annotations[infrav1.SkipAPIServerLoadBalancerAnnotation]; skip {
		unmanaged = append(unmanaged, infrav1.APIServerLoadBalancerReadyCondition)
	} else {
		steps = append(steps, step{condition: infrav1.APIServerLoadBalancerReadyCondition, service: "loadbalancer", svc: apiServerLoadBalancerStep(s)})
	}
	return steps, unmanaged
}

// reconcileNormal provisions the cluster's resources; once every one is in place the cluster is provisioned
// (status.initialization.provisioned, never reset).
func (r *OCIClusterReconciler) reconcileNormal(ctx context.Context, s *scope.ClusterScope) outcome {
	steps, unmanaged := clusterSteps(s)
	for _, c := range unmanaged {
		conditions.Set(s.OCICluster, metav1.Condition{Type: c, Status: metav1.ConditionTrue, Reason: infrav1.NotManagedReason})
	}
	setClusterNetworkCondition(s.OCICluster, s.Cluster)
	out := runSteps(ctx, s.OCICluster, steps, false)
	if out.done {
		s.OCICluster.Status.Initialization.Provisioned = ptr.To(true)
		ctrl.LoggerFrom(ctx).V(2).Info("Cluster infrastructure in place")
		// Nothing to wait for: the next look is the drift check.
		out.requeueAfter = async.Jitter(s.DriftInterval())
	}
	return out
}

// reconcileDelete deletes the cluster's resources in reverse order and then lets the object go.
func (r *OCIClusterReconciler) reconcileDelete(ctx context.Context, s *scope.ClusterScope) outcome {
	steps, _ := clusterSteps(s)
	out := runSteps(ctx, s.OCICluster, steps, true)
	if out.done {
		controllerutil.RemoveFinalizer(s.OCICluster, infrav1.ClusterFinalizer)
		ctrl.LoggerFrom(ctx).Info("Cluster infrastructure deleted")
	}
	return out
}

// summarizeCluster sets Ready from the services' conditions, and the earlier provider's ClusterReady and Ready.
func summarizeCluster(oc *infrav1.OCICluster, out outcome, now time.Time) {
	deleting := !oc.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(oc, oc, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyClusterConditions))
	scope.SetLegacyConditions(oc, scope.LegacyCluster, scope.Outcome{
		Ready:         !deleting && out.done && ptr.Deref(oc.Status.Initialization.Provisioned, false),
		Deleting:      deleting && out.failed == "",
		FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
}
