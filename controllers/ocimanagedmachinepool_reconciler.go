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
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
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
	return okePoolRun{obj: p, finalizer: infrav1exp.ManagedMachinePoolFinalizer, controlPlane: cp, drift: s.DriftInterval(),
		step: step{condition: infrav1exp.NodePoolReadyCondition, service: "nodepool", svc: nodepool.New(s, a.clients.ContainerEngine)},
		observe: func() {
			if s.Observed != nil {
				observeNodePool(p, s.Observed)
			}
		},
		provisioned: func() { p.Status.Initialization.Provisioned, p.Status.Ready = ptr.To(true), true },
		settled:     func() bool { return poolSettled(p, mp) }, nodes: "nodes",
	}.run(ctx, deleting)
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
