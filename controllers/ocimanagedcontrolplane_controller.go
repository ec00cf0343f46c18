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
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/predicates"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// DefaultTokenRefresh is how old the token in an OKE cluster's <cluster>-kubeconfig Secret may get before it is
// replaced: well within the few minutes OKE accepts a token for.
const DefaultTokenRefresh = 2 * time.Minute

// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedcontrolplanes;ocimanagedcontrolplanes/status,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedcontrolplanes/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get;list;watch;create;update;patch;delete

// OCIManagedControlPlaneReconciler reconciles OCIManagedControlPlanes: the OKE cluster, on the Cluster API
// control-plane contract for a control plane managed outside Cluster API, and the Secrets Cluster API and people
// use to reach it.
type OCIManagedControlPlaneReconciler struct {
	Client   client.Client
	Cloud    Cloud
	Recorder events.EventRecorder
	// TokenRefresh is how old the <cluster>-kubeconfig Secret's token may get; 0 takes DefaultTokenRefresh.
	TokenRefresh time.Duration
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

// SetupWithManager watches OCIManagedControlPlanes, their Clusters and the OCIManagedClusters whose network they
// wait for.
func (r *OCIManagedControlPlaneReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	err := ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		For(&infrav1.OCIManagedControlPlane{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		Watches(&clusterv1.Cluster{}, handler.EnqueueRequestsFromMapFunc(clusterToControlPlane),
			builder.WithPredicates(predicates.ClusterPausedTransitions(mgr.GetScheme(), log))).
		Watches(&infrav1.OCIManagedCluster{}, handler.EnqueueRequestsFromMapFunc(r.managedClusterToControlPlane)).
		Named("ocimanagedcontrolplane").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCIManagedControlPlane controller: %w", err)
	}
	return nil
}

// clusterToControlPlane maps a Cluster to its OCIManagedControlPlane.
func clusterToControlPlane(_ context.Context, o client.Object) []reconcile.Request {
	c, ok := o.(*clusterv1.Cluster)
	if !ok || c.Spec.ControlPlaneRef.Kind != "OCIManagedControlPlane" || c.Spec.ControlPlaneRef.Name == "" {
		return nil
	}
	return []reconcile.Request{{NamespacedName: client.ObjectKey{Namespace: c.Namespace, Name: c.Spec.ControlPlaneRef.Name}}}
}

// managedClusterToControlPlane maps an OCIManagedCluster to the OCIManagedControlPlane of its Cluster: a control
// plane waits for its network.
func (r *OCIManagedControlPlaneReconciler) managedClusterToControlPlane(ctx context.Context, o client.Object) []reconcile.Request {
	name := o.GetLabels()[clusterv1.ClusterNameLabel]
	if name == "" {
		return nil
	}
	c := &clusterv1.Cluster{}
	if err := r.Client.Get(ctx, client.ObjectKey{Namespace: o.GetNamespace(), Name: name}, c); err != nil {
		return nil
	}
	return clusterToControlPlane(ctx, c)
}

// Reconcile brings an OCIManagedControlPlane's OKE cluster to what it declares, or deletes it.
func (r *OCIManagedControlPlaneReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	k := &skeleton[*infrav1.OCIManagedControlPlane]{
		client: r.Client, cloud: r.Cloud, recorder: r.Recorder, finalizer: infrav1.ControlPlaneFinalizer,
		owned:       ownedControlPlaneConditions,
		ownedOf:     addonConditionTypes,
		newObject:   func() *infrav1.OCIManagedControlPlane { return &infrav1.OCIManagedControlPlane{} },
		access:      managedAccess[*infrav1.OCIManagedControlPlane](r.Client),
		run:         r.run,
		beforePatch: summarizeControlPlane,
		spec: func(cp *infrav1.OCIManagedControlPlane) func() {
			before := cp.Spec.DeepCopy()
			return func() { ownSpecWrite(cp.Generation, before, &cp.Spec, cp.Status.Resources) }
		},
	}
	return k.reconcile(ctx, req)
}

// managedAccess is the access of an object that calls OCI as its Cluster's OCIManagedCluster does: an OKE cluster's
// control plane and node pools.
func managedAccess[T any](c client.Client) func(context.Context, *clusterv1.Cluster, T) (access, error) {
	return func(ctx context.Context, cluster *clusterv1.Cluster, _ T) (access, error) {
		mc, err := managedClusterOf(ctx, c, cluster)
		if err != nil {
			return access{}, err
		}
		return managedClusterAccess(mc), nil
	}
}

// managedClusterOf reads the Cluster's infrastructure cluster, which must be an OCIManagedCluster.
func managedClusterOf(ctx context.Context, c client.Client, cluster *clusterv1.Cluster) (*infrav1.OCIManagedCluster, error) {
	ref := cluster.Spec.InfrastructureRef
	if ref.Kind != "OCIManagedCluster" {
		return nil, fmt.Errorf("the Cluster's infrastructure is a %q: OKE needs an OCIManagedCluster", ref.Kind)
	}
	mc := &infrav1.OCIManagedCluster{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: cluster.Namespace, Name: ref.Name}, mc); err != nil {
		return nil, fmt.Errorf("reading the OCIManagedCluster %s: %w", ref.Name, err)
	}
	return mc, nil
}

func (r *OCIManagedControlPlaneReconciler) tokenRefresh() time.Duration {
	if r.TokenRefresh > 0 {
		return r.TokenRefresh
	}
	return DefaultTokenRefresh
}
