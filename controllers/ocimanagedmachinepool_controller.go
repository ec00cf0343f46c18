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

	"k8s.io/client-go/tools/events"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util"
	"sigs.k8s.io/cluster-api/util/predicates"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedmachinepools;ocimanagedmachinepools/status,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedmachinepools/finalizers,verbs=update
// +kubebuilder:rbac:groups=cluster.x-k8s.io,resources=machinepools;machinepools/status,verbs=get;list;watch

// OCIManagedMachinePoolReconciler reconciles OCIManagedMachinePools: OKE node pools, on Cluster API's MachinePool
// contract.
type OCIManagedMachinePoolReconciler struct {
	Client   client.Client
	Cloud    Cloud
	Recorder events.EventRecorder
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

// SetupWithManager watches OCIManagedMachinePools, their MachinePools (a change of replicas or version), their
// Clusters, and the OCIManagedControlPlanes whose OKE cluster they wait for.
func (r *OCIManagedMachinePoolReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	pools := poolMapper{client: r.Client, newList: func() client.ObjectList { return &infrav1exp.OCIManagedMachinePoolList{} }}
	err := ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		For(&infrav1exp.OCIManagedMachinePool{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		Watches(&clusterv1.MachinePool{}, handler.EnqueueRequestsFromMapFunc(
			util.MachinePoolToInfrastructureMapFunc(ctx, infrav1exp.GroupVersion.WithKind("OCIManagedMachinePool")))).
		Watches(&clusterv1.Cluster{}, handler.EnqueueRequestsFromMapFunc(pools.clusterToPools),
			builder.WithPredicates(predicates.ClusterPausedTransitions(mgr.GetScheme(), log))).
		Watches(&infrav1.OCIManagedControlPlane{}, handler.EnqueueRequestsFromMapFunc(pools.controlPlaneToPools)).
		Named("ocimanagedmachinepool").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCIManagedMachinePool controller: %w", err)
	}
	return nil
}

// Reconcile brings an OCIManagedMachinePool's node pool to what it and its MachinePool declare, or deletes it.
func (r *OCIManagedMachinePoolReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	k := &skeleton[*infrav1exp.OCIManagedMachinePool]{
		client: r.Client, cloud: r.Cloud, recorder: r.Recorder, finalizer: infrav1exp.ManagedMachinePoolFinalizer,
		owned:     ownedNodePoolConditions,
		newObject: func() *infrav1exp.OCIManagedMachinePool { return &infrav1exp.OCIManagedMachinePool{} },
		owner: func(ctx context.Context, p *infrav1exp.OCIManagedMachinePool) (*clusterv1.Cluster, error) {
			return machinePoolCluster(r.Client)(ctx, p)
		},
		access:      managedAccess[*infrav1exp.OCIManagedMachinePool](r.Client),
		run:         r.run,
		beforePatch: summarizeNodePool,
		spec: func(p *infrav1exp.OCIManagedMachinePool) func() {
			before := p.Spec.DeepCopy()
			return func() { ownSpecWrite(p.Generation, before, &p.Spec, p.Status.Resources) }
		},
	}
	return k.reconcile(ctx, req)
}
