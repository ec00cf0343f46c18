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
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster"
)

// readyControlPlaneConditions are summarized into the OCIManagedControlPlane's Ready.
var readyControlPlaneConditions = []string{infrav1.IdentityReadyCondition, infrav1.OKEClusterReadyCondition,
	infrav1.KubeconfigReadyCondition, infrav1.AddonsReadyCondition}

// ownedControlPlaneConditions are the conditions the OCIManagedControlPlane controller writes.
var ownedControlPlaneConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition,
	clusterv1.AvailableCondition, infrav1.SpecAppliedCondition}, readyControlPlaneConditions...)

// okeClusterScope gives the OKE cluster service the network the cluster is placed in.
type okeClusterScope struct {
	*scope.ManagedControlPlaneScope
}

// ClusterNetwork is the OCIManagedCluster's VCN, control-plane endpoint subnet and NSGs, service load-balancer
// subnets, and the Cluster's pod and service CIDRs.
func (s okeClusterScope) ClusterNetwork() okecluster.Network {
	n := okecluster.Network{VCNID: s.Spec.VCN.ID, EndpointNSGIDs: s.NSGIDsByRole(scope.RoleControlPlaneEndpoint)}
	if eps := s.SubnetsByRole(scope.RoleControlPlaneEndpoint); len(eps) > 0 {
		n.EndpointSubnetID, n.EndpointPublic = eps[0].ID, eps[0].Type == scope.SubnetPublic
	}
	for _, lb := range s.SubnetsByRole(scope.RoleServiceLB) {
		n.ServiceLBSubnetIDs = append(n.ServiceLBSubnetIDs, lb.ID)
	}
	if c := s.Cluster; c != nil {
		if b := c.Spec.ClusterNetwork.Pods.CIDRBlocks; len(b) > 0 {
			n.PodsCIDR = b[0]
		}
		if b := c.Spec.ClusterNetwork.Services.CIDRBlocks; len(b) > 0 {
			n.ServicesCIDR = b[0]
		}
	}
	return n
}

// run creates, updates or deletes the OKE cluster, and writes the Secrets Cluster API and people reach it with.
func (r *OCIManagedControlPlaneReconciler) run(ctx context.Context, cluster *clusterv1.Cluster, cp *infrav1.OCIManagedControlPlane, a cloudAccess, deleting bool) outcome {
	mc, err := managedClusterOf(ctx, r.Client, cluster)
	if err != nil {
		return outcome{err: err, failed: "okecluster", message: err.Error()}
	}
	s := scope.NewManagedControlPlaneScope(cluster, mc, cp, a.clients, r.Cloud.DriftInterval)
	steps := []step{{condition: infrav1.OKEClusterReadyCondition, service: "okecluster",
		svc: okecluster.New(okeClusterScope{s}, a.clients.ContainerEngine)}}
	if deleting {
		out := runSteps(ctx, cp, steps, true)
		if out.done {
			controllerutil.RemoveFinalizer(cp, infrav1.ControlPlaneFinalizer)
			ctrl.LoggerFrom(ctx).Info("OKE cluster deleted")
		}
		return out
	}
	cp.Status.ExternalManagedControlPlane = ptr.To(true)
	if !ptr.Deref(mc.Status.Initialization.Provisioned, false) {
		// The OCIManagedCluster is watched: its network being provisioned brings the control plane back.
		msg := "waiting for the OCIManagedCluster's network"
		conditions.Set(cp, metav1.Condition{Type: infrav1.OKEClusterReadyCondition, Status: metav1.ConditionFalse,
			Reason: infrav1.WaitingForNetworkReason, Message: msg})
		return outcome{message: msg}
	}
	out := runSteps(ctx, cp, steps, false)
	if s.Observed != nil {
		observeOKECluster(cp, s.Observed, okeClusterScope{s})
	}
	if !out.done {
		return out
	}
	refreshIn, err := r.reconcileSecrets(ctx, cluster, cp, s.Observed, a)
	if err != nil {
		conditions.Set(cp, metav1.Condition{Type: infrav1.KubeconfigReadyCondition, Status: metav1.ConditionFalse,
			Reason: infrav1.ReconcileFailedReason, Message: err.Error()})
		return outcome{err: err, failed: "kubeconfig", message: err.Error()}
	}
	conditions.Set(cp, metav1.Condition{Type: infrav1.KubeconfigReadyCondition, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason})
	cp.Status.Initialization.ControlPlaneInitialized = ptr.To(true)
	// The next look is the token's refresh, or the drift check, or an add-on's next look, whichever comes first.
	out.requeueAfter = min(async.Jitter(s.DriftInterval()), refreshIn)
	if addons := reconcileAddons(ctx, cp, a.clients.ContainerEngine, s.DriftDue()); addons.requeueAfter > 0 {
		out.requeueAfter = min(out.requeueAfter, addons.requeueAfter)
	} else if addons.err != nil {
		out.err = addons.err
	}
	return out
}

// observeOKECluster records what the OKE cluster says: the endpoint (once), the version, and the changes the spec
// asks for that OKE cannot make in place.
func observeOKECluster(cp *infrav1.OCIManagedControlPlane, c *containerengine.Cluster, s okeClusterScope) {
	if cp.Spec.ControlPlaneEndpoint.Host == "" && c.Endpoints != nil {
		ep := ptr.Deref(c.Endpoints.PrivateEndpoint, "")
		if s.ClusterNetwork().EndpointPublic || ep == "" {
			ep = ptr.Deref(c.Endpoints.PublicEndpoint, ptr.Deref(c.Endpoints.Kubernetes, ""))
		}
		if host, port, ok := splitEndpoint(ep); ok {
			cp.Spec.ControlPlaneEndpoint = clusterv1.APIEndpoint{Host: host, Port: port}
		}
	}
	if v := ptr.Deref(c.KubernetesVersion, ""); v != "" {
		cp.Status.Version = v
	}
	applied := metav1.Condition{Type: infrav1.SpecAppliedCondition, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason}
	if fields := okecluster.Unchangeable(okecluster.NewSpec(s), c); len(fields) > 0 {
		applied.Status, applied.Reason = metav1.ConditionFalse, infrav1.UnchangeableFieldsReason
		applied.Message = "OKE cannot change these in place; the cluster keeps running as it is: " + strings.Join(fields, "; ")
	}
	conditions.Set(cp, applied)
}

// splitEndpoint splits an OKE endpoint ("10.0.0.10:6443") into host and port (6443 when it has none).
func splitEndpoint(ep string) (string, int32, bool) {
	if ep == "" {
		return "", 0, false
	}
	host, p, err := net.SplitHostPort(ep)
	if err != nil {
		return ep, 6443, true
	}
	port, err := strconv.ParseInt(p, 10, 32)
	if err != nil {
		return "", 0, false
	}
	return host, int32(port), true
}

// summarizeControlPlane sets Ready, the contract's Available, and the earlier provider's ControlPlaneReady and
// Ready.
func summarizeControlPlane(cp *infrav1.OCIManagedControlPlane, out outcome, now time.Time) {
	deleting := !cp.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(cp, cp, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyControlPlaneConditions),
		conditions.IgnoreTypesIfMissing{infrav1.AddonsReadyCondition})
	available := !deleting && conditions.IsTrue(cp, infrav1.OKEClusterReadyCondition) && conditions.IsTrue(cp, infrav1.KubeconfigReadyCondition)
	c := metav1.Condition{Type: clusterv1.AvailableCondition, Status: metav1.ConditionTrue, Reason: infrav1.AvailableReason}
	if !available {
		c.Status, c.Reason = metav1.ConditionFalse, infrav1.NotAvailableReason
		c.Message = "the OKE cluster is not serving yet"
		if deleting {
			c.Message = "the OKE cluster is being deleted"
		}
	}
	conditions.Set(cp, c)
	scope.SetLegacyConditions(cp, scope.LegacyControlPlane, scope.Outcome{
		Ready: available && out.done, Deleting: deleting && out.failed == "",
		FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
	if cp.Status.Deprecated != nil && cp.Status.Deprecated.V1Beta1 != nil {
		cp.Status.Deprecated.V1Beta1.Ready = available //nolint:staticcheck // the earlier provider's status.ready, for v1beta1/v1beta2 readers
	}
}
