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
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/handler"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instanceconfig"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimachinepools;ocimachinepools/status,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimachinepools/finalizers,verbs=update
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimachinepoolmachines;ocimachinepoolmachines/status,verbs=get;list;watch;create;update;patch;delete
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimachinepoolmachines/finalizers,verbs=update
// +kubebuilder:rbac:groups=cluster.x-k8s.io,resources=machinepools;machinepools/status,verbs=get;list;watch
// +kubebuilder:rbac:groups=cluster.x-k8s.io,resources=machines;machines/status,verbs=get;list;watch;delete

// OCIMachinePoolReconciler reconciles OCIMachinePools: a MachinePool of self-managed workers kept by an OCI
// instance pool, launched from an instance configuration, each instance an OCIMachinePoolMachine (and so a Cluster
// API Machine).
type OCIMachinePoolReconciler struct {
	Client client.Client
	// APIReader reads the bootstrap data Secrets, which the manager does not cache.
	APIReader client.Reader
	Cloud     Cloud
	Recorder  events.EventRecorder
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

var readyMachinePoolConditions = []string{infrav1.IdentityReadyCondition, infrav1exp.InstanceConfigurationReadyCondition,
	infrav1exp.InstancePoolReadyCondition}

var ownedMachinePoolConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition,
	infrav1exp.InstancesUpToDateCondition}, readyMachinePoolConditions...)

// SetupWithManager registers the controller: OCIMachinePools, their MachinePools, their OCIMachinePoolMachines and
// those machines' Machines (a Node ready, a Machine marked or deleted), and their Clusters' pause transitions.
func (r *OCIMachinePoolReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	pools := poolMapper{client: r.Client, newList: func() client.ObjectList { return &infrav1exp.OCIMachinePoolList{} }}
	err := ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		For(&infrav1exp.OCIMachinePool{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		Watches(&clusterv1.MachinePool{}, handler.EnqueueRequestsFromMapFunc(
			util.MachinePoolToInfrastructureMapFunc(ctx, infrav1exp.GroupVersion.WithKind("OCIMachinePool")))).
		Watches(&infrav1exp.OCIMachinePoolMachine{}, handler.EnqueueRequestForOwner(mgr.GetScheme(), mgr.GetRESTMapper(),
			&infrav1exp.OCIMachinePool{})).
		Watches(&clusterv1.Machine{}, handler.EnqueueRequestsFromMapFunc(r.machineToPool)).
		Watches(&clusterv1.Cluster{}, handler.EnqueueRequestsFromMapFunc(pools.clusterToPools),
			builder.WithPredicates(predicates.ClusterPausedTransitions(mgr.GetScheme(), log))).
		Named("ocimachinepool").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCIMachinePool controller: %w", err)
	}
	return nil
}

// Reconcile runs the skeleton with the pool's services.
func (r *OCIMachinePoolReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	k := &skeleton[*infrav1exp.OCIMachinePool]{
		client: r.Client, cloud: r.Cloud, recorder: r.Recorder, finalizer: infrav1exp.MachinePoolFinalizer,
		owned:     ownedMachinePoolConditions,
		newObject: func() *infrav1exp.OCIMachinePool { return &infrav1exp.OCIMachinePool{} },
		owner: func(ctx context.Context, p *infrav1exp.OCIMachinePool) (*clusterv1.Cluster, error) {
			return machinePoolCluster(r.Client)(ctx, p)
		},
		access: func(ctx context.Context, cluster *clusterv1.Cluster, p *infrav1exp.OCIMachinePool) (access, error) {
			mc, err := infraClusterOf(ctx, r.Client, cluster, p.Namespace)
			return mc.access, err
		},
		run:         r.run,
		beforePatch: summarizeMachinePool,
		spec: func(p *infrav1exp.OCIMachinePool) func() {
			before := p.Spec.DeepCopy()
			return func() { ownSpecWrite(p.Generation, before, &p.Spec, p.Status.Resources) }
		},
	}
	return k.reconcile(ctx, req)
}

// run reconciles (or deletes) the pool's instance configuration and instance pool, then its machines.
func (r *OCIMachinePoolReconciler) run(ctx context.Context, cluster *clusterv1.Cluster, p *infrav1exp.OCIMachinePool, a cloudAccess, deleting bool) outcome {
	mp, err := util.GetOwnerMachinePool(ctx, r.Client, metaOf(p))
	switch {
	case err != nil:
		return outcome{err: err, message: err.Error()}
	case mp == nil && !deleting:
		return outcome{message: "waiting for the MachinePool"}
	case mp == nil:
		mp = &clusterv1.MachinePool{}
	}
	if !deleting && !ptr.Deref(cluster.Status.Initialization.InfrastructureProvisioned, false) {
		// The Cluster is watched: its infrastructure becoming provisioned brings the pool back.
		msg := "waiting for the cluster's infrastructure"
		conditions.Set(p, metaCondition(infrav1exp.InstancePoolReadyCondition, infrav1.WaitingReason, msg))
		return outcome{message: msg}
	}
	mc, err := infraClusterOf(ctx, r.Client, cluster, p.Namespace)
	if err != nil {
		return outcome{err: err, failed: "instancepool", message: err.Error()}
	}
	pm, err := r.poolMachines(ctx, cluster, mp, p)
	if err != nil {
		return outcome{err: err, message: err.Error()}
	}
	s := scope.NewMachinePoolScope(mp, p, mc.scope, a.clients, r.Cloud.DriftInterval, deleting || pm.busy(p, mp))
	s.Instances = pm.states()
	if !deleting {
		if s.Bootstrap, err = r.bootstrapData(ctx, mp); err != nil {
			return outcome{err: err, message: err.Error()}
		}
	}
	steps := []step{
		{condition: infrav1exp.InstanceConfigurationReadyCondition, service: "instanceconfiguration",
			svc: instanceconfig.New(s, a.clients.ComputeManagement)},
		{condition: infrav1exp.InstancePoolReadyCondition, service: "instancepool",
			svc: instancepool.New(s.PoolScope(), instancepool.NewClient(a.clients.ComputeManagement, a.clients.Compute))},
	}
	if deleting {
		return r.runDelete(ctx, p, pm, steps)
	}
	out := runSteps(ctx, p, steps, false)
	if s.Observed != nil {
		if err := r.syncMachines(ctx, cluster, mp, p, pm, s.Observed); err != nil {
			return outcome{err: err, message: err.Error()}
		}
		observeMachinePool(p, s)
	}
	return settleMachinePool(p, mp, pm, out, s.DriftInterval())
}

// runDelete terminates the pool and deletes its configurations; once they are gone its machines go too.
func (r *OCIMachinePoolReconciler) runDelete(ctx context.Context, p *infrav1exp.OCIMachinePool, pm *poolMachines, steps []step) outcome {
	out := runSteps(ctx, p, steps, true)
	if !out.done {
		return out
	}
	if err := r.releaseAll(ctx, pm); err != nil {
		return outcome{err: err, message: err.Error()}
	}
	controllerutil.RemoveFinalizer(p, infrav1exp.MachinePoolFinalizer)
	ctrl.LoggerFrom(ctx).Info("Instance pool deleted")
	return out
}

// settleMachinePool marks the pool provisioned once its instance pool is in place, and looks again soon while the
// pool is not at its size with every instance's Node ready and up to date.
func settleMachinePool(p *infrav1exp.OCIMachinePool, mp *clusterv1.MachinePool, pm *poolMachines, out outcome, drift time.Duration) outcome {
	if p.Spec.OCID != "" && (out.done || conditions.IsTrue(p, infrav1exp.InstancePoolReadyCondition) || p.Status.Replicas > 0) {
		p.Status.Initialization.Provisioned, p.Status.Ready = ptr.To(true), true
	}
	if !out.done {
		return out
	}
	out.requeueAfter = async.Jitter(drift)
	if pm.busy(p, mp) {
		out.requeueAfter = settleRequeue
		conditions.Set(p, metaCondition(infrav1exp.InstancePoolReadyCondition, infrav1.ProvisioningReason,
			fmt.Sprintf("%d of %d instances have a ready Node", p.Status.ReadyReplicas, scope.MachinePoolReplicas(mp, p.Spec.OCID != "", p.Status.Replicas))))
	}
	return out
}

// summarizeMachinePool sets Ready from the pool's conditions and the earlier provider's conditions.
func summarizeMachinePool(p *infrav1exp.OCIMachinePool, out outcome, now time.Time) {
	deleting := !p.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(p, p, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyMachinePoolConditions))
	scope.SetLegacyConditions(p, scope.LegacyInstancePool, scope.Outcome{
		Ready:    !deleting && out.done && conditions.IsTrue(p, infrav1exp.InstancePoolReadyCondition),
		Deleting: deleting && out.failed == "", FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
}
