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
	"fmt"
	"slices"
	"time"

	"k8s.io/client-go/tools/events"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/cluster-api/util/predicates"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/virtualnodepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocivirtualmachinepools;ocivirtualmachinepools/status,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocivirtualmachinepools/finalizers,verbs=update

// OCIVirtualMachinePoolReconciler reconciles OCIVirtualMachinePools: OKE virtual node pools (ENHANCED clusters
// only), on Cluster API's MachinePool contract.
type OCIVirtualMachinePoolReconciler struct {
	Client   client.Client
	Cloud    Cloud
	Recorder events.EventRecorder
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

// readyVirtualPoolConditions are summarized into the OCIVirtualMachinePool's Ready.
var readyVirtualPoolConditions = []string{infrav1.IdentityReadyCondition, infrav1exp.VirtualNodePoolReadyCondition}

// ownedVirtualPoolConditions are the conditions the OCIVirtualMachinePool controller writes.
var ownedVirtualPoolConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition}, readyVirtualPoolConditions...)

// SetupWithManager watches OCIVirtualMachinePools, their MachinePools (a change of replicas), their Clusters, and
// the OCIManagedControlPlanes whose OKE cluster they wait for.
func (r *OCIVirtualMachinePoolReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	pools := poolMapper{client: r.Client, newList: func() client.ObjectList { return &infrav1exp.OCIVirtualMachinePoolList{} }}
	err := ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		For(&infrav1exp.OCIVirtualMachinePool{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		Watches(&clusterv1.MachinePool{}, handler.EnqueueRequestsFromMapFunc(
			util.MachinePoolToInfrastructureMapFunc(ctx, infrav1exp.GroupVersion.WithKind("OCIVirtualMachinePool")))).
		Watches(&clusterv1.Cluster{}, handler.EnqueueRequestsFromMapFunc(pools.clusterToPools),
			builder.WithPredicates(predicates.ClusterPausedTransitions(mgr.GetScheme(), log))).
		Watches(&infrav1.OCIManagedControlPlane{}, handler.EnqueueRequestsFromMapFunc(pools.controlPlaneToPools)).
		Named("ocivirtualmachinepool").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCIVirtualMachinePool controller: %w", err)
	}
	return nil
}

// Reconcile brings an OCIVirtualMachinePool's virtual node pool to what it and its MachinePool declare, or deletes
// it.
func (r *OCIVirtualMachinePoolReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	k := &skeleton[*infrav1exp.OCIVirtualMachinePool]{
		client: r.Client, cloud: r.Cloud, recorder: r.Recorder, finalizer: infrav1exp.VirtualMachinePoolFinalizer,
		owned:     ownedVirtualPoolConditions,
		newObject: func() *infrav1exp.OCIVirtualMachinePool { return &infrav1exp.OCIVirtualMachinePool{} },
		owner: func(ctx context.Context, p *infrav1exp.OCIVirtualMachinePool) (*clusterv1.Cluster, error) {
			return machinePoolCluster(r.Client)(ctx, p)
		},
		access:      managedAccess[*infrav1exp.OCIVirtualMachinePool](r.Client),
		run:         r.run,
		beforePatch: summarizeVirtualPool,
		spec: func(p *infrav1exp.OCIVirtualMachinePool) func() {
			before := p.Spec.DeepCopy()
			return func() { ownSpecWrite(p.Generation, before, &p.Spec, p.Status.Resources) }
		},
	}
	return k.reconcile(ctx, req)
}

// run creates, scales, updates or deletes the virtual node pool, and reports its virtual nodes as the MachinePool
// contract asks.
func (r *OCIVirtualMachinePoolReconciler) run(ctx context.Context, cluster *clusterv1.Cluster, p *infrav1exp.OCIVirtualMachinePool, a cloudAccess, deleting bool) outcome {
	parents, out, ok := okePoolParentsOf(ctx, r.Client, cluster, p, "virtualnodepool", deleting)
	if !ok {
		return out
	}
	mc, mp, cp := parents.managed, parents.machinePool, parents.controlPlane
	s := scope.NewVirtualMachinePoolScope(mp, mc, p, cp.Spec.ID, a.clients, r.Cloud.DriftInterval, !deleting && !virtualPoolSettled(p, mp))
	return okePoolRun{obj: p, finalizer: infrav1exp.VirtualMachinePoolFinalizer, controlPlane: cp, drift: s.DriftInterval(),
		step: step{condition: infrav1exp.VirtualNodePoolReadyCondition, service: "virtualnodepool", svc: virtualnodepool.New(s, a.clients.ContainerEngine)},
		observe: func() {
			if s.Observed != nil && s.Nodes != nil {
				observeVirtualPool(p, s)
			}
		},
		provisioned: func() { p.Status.Initialization.Provisioned, p.Status.Ready = ptr.To(true), true },
		settled:     func() bool { return virtualPoolSettled(p, mp) }, nodes: "virtual nodes",
	}.run(ctx, deleting)
}

// observeVirtualPool records the pool's virtual nodes: spec.providerIDList, status.replicas and readyReplicas, and
// the pool's state.
func observeVirtualPool(p *infrav1exp.OCIVirtualMachinePool, s *scope.VirtualMachinePoolScope) {
	ids := virtualnodepool.ProviderIDs(s.Nodes)
	if !slices.Equal(ids, p.Spec.ProviderIDList) {
		p.Spec.ProviderIDList = ids
	}
	p.Status.Replicas = int32(len(ids)) //nolint:gosec // a pool's size fits
	p.Status.ReadyReplicas = virtualnodepool.ReadyNodes(s.Nodes)
	p.Status.NodepoolLifecycleState = string(s.Observed.LifecycleState)
	if ptr.Deref(p.Spec.ProviderID, "") == "" && s.Observed.Id != nil {
		p.Spec.ProviderID = ptr.To(providerIDPrefix + *s.Observed.Id)
	}
}

// virtualPoolSettled reports whether the pool was last seen at the MachinePool's size with every node ready.
func virtualPoolSettled(p *infrav1exp.OCIVirtualMachinePool, mp *clusterv1.MachinePool) bool {
	return poolSize{replicas: p.Status.Replicas, ready: p.Status.ReadyReplicas, ids: int32(len(p.Spec.ProviderIDList))}.settled(mp) //nolint:gosec // a pool's size fits
}

// summarizeVirtualPool sets Ready, and the earlier provider's VirtualNodePoolReady and Ready.
func summarizeVirtualPool(p *infrav1exp.OCIVirtualMachinePool, out outcome, now time.Time) {
	deleting := !p.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(p, p, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyVirtualPoolConditions))
	scope.SetLegacyConditions(p, scope.LegacyVirtualNodePool, scope.Outcome{
		Ready:    !deleting && out.done && conditions.IsTrue(p, infrav1exp.VirtualNodePoolReadyCondition),
		Deleting: deleting && out.failed == "", FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
}
