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
	"slices"
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
	"github.com/oracle/cluster-api-provider-oci/cloud/services/nodepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// readyNodePoolConditions are summarized into the OCIManagedMachinePool's Ready.
var readyNodePoolConditions = []string{infrav1.IdentityReadyCondition, infrav1exp.NodePoolReadyCondition}

// ownedNodePoolConditions are the conditions the OCIManagedMachinePool controller writes.
var ownedNodePoolConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition}, readyNodePoolConditions...)

// settleRequeue is how soon a node pool whose nodes are not all ready yet is looked at again.
const settleRequeue = 15 * time.Second

// run creates, scales, upgrades or deletes the node pool, and reports its nodes as the MachinePool contract asks.
func (r *OCIManagedMachinePoolReconciler) run(ctx context.Context, cluster *clusterv1.Cluster, p *infrav1exp.OCIManagedMachinePool, a cloudAccess, deleting bool) outcome {
	parents, out, ok := okePoolParentsOf(ctx, r.Client, cluster, p, "nodepool", deleting)
	if !ok {
		return out
	}
	mc, mp, cp := parents.managed, parents.machinePool, parents.controlPlane
	settling := !deleting && !poolSettled(p, mp)
	s := scope.NewManagedMachinePoolScope(mp, mc, p, cp.Spec.ID, a.clients, r.Cloud.DriftInterval, settling)
	steps := []step{{condition: infrav1exp.NodePoolReadyCondition, service: "nodepool", svc: nodepool.New(s, a.clients.ContainerEngine)}}
	if deleting {
		out := runSteps(ctx, p, steps, true)
		if out.done {
			controllerutil.RemoveFinalizer(p, infrav1exp.ManagedMachinePoolFinalizer)
			ctrl.LoggerFrom(ctx).Info("Node pool deleted")
		}
		return out
	}
	if cp.Spec.ID == "" || !ptr.Deref(cp.Status.Initialization.ControlPlaneInitialized, false) {
		// The control plane is watched: its OKE cluster becoming ACTIVE brings the pool back.
		msg := "waiting for the OKE cluster"
		conditions.Set(p, metav1.Condition{Type: infrav1exp.NodePoolReadyCondition, Status: metav1.ConditionFalse,
			Reason: infrav1.WaitingReason, Message: msg})
		return outcome{message: msg}
	}
	out = runSteps(ctx, p, steps, false)
	if s.Observed != nil {
		observeNodePool(p, s.Observed)
	}
	if out.done {
		p.Status.Initialization.Provisioned = ptr.To(true)
		p.Status.Ready = true // what Cluster API v1.14's MachinePool controller reads
		out.requeueAfter = async.Jitter(s.DriftInterval())
		if !poolSettled(p, mp) {
			// OKE brings nodes up after the pool's work request: look again soon, until every node is ready.
			out.requeueAfter = settleRequeue
			conditions.Set(p, metav1.Condition{Type: infrav1exp.NodePoolReadyCondition, Status: metav1.ConditionFalse,
				Reason: infrav1.ProvisioningReason, Message: "waiting for the pool's nodes to be ready"})
		}
	}
	return out
}

// observeNodePool records the pool's nodes: spec.providerIDList, status.replicas and the pool's state.
func observeNodePool(p *infrav1exp.OCIManagedMachinePool, np *containerengine.NodePool) {
	ids := nodepool.ProviderIDs(np)
	if !slices.Equal(ids, p.Spec.ProviderIDList) {
		p.Spec.ProviderIDList = ids
	}
	p.Status.Replicas = int32(len(ids)) //nolint:gosec // a pool's size fits
	p.Status.NodepoolLifecycleState = string(np.LifecycleState)
	if ptr.Deref(p.Spec.ProviderID, "") == "" && np.Id != nil {
		p.Spec.ProviderID = ptr.To(providerIDPrefix + *np.Id)
	}
	p.Status.ReadyReplicas = nodepool.ReadyNodes(np)
}

// poolSettled reports whether the pool was last seen at the MachinePool's size with every node ready.
func poolSettled(p *infrav1exp.OCIManagedMachinePool, mp *clusterv1.MachinePool) bool {
	return poolSize{replicas: p.Status.Replicas, ready: p.Status.ReadyReplicas, ids: int32(len(p.Spec.ProviderIDList))}.settled(mp) //nolint:gosec // a pool's size fits
}

// summarizeNodePool sets Ready, and the earlier provider's NodePoolReady and Ready.
func summarizeNodePool(p *infrav1exp.OCIManagedMachinePool, out outcome, now time.Time) {
	deleting := !p.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(p, p, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyNodePoolConditions))
	scope.SetLegacyConditions(p, scope.LegacyNodePool, scope.Outcome{
		Ready:    !deleting && out.done && conditions.IsTrue(p, infrav1exp.NodePoolReadyCondition),
		Deleting: deleting && out.failed == "", FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
}
