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

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
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
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
)

// readyManagedClusterConditions are summarized into the OCIManagedCluster's Ready: its identity, its network and its
// failure domains. OKE brings the API server's endpoint, so there is no load balancer of ours.
var readyManagedClusterConditions = append(append([]string{infrav1.IdentityReadyCondition}, networkConditions...),
	infrav1.FailureDomainsReadyCondition)

// ownedManagedClusterConditions are the conditions the OCIManagedCluster controller writes.
var ownedManagedClusterConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition}, readyManagedClusterConditions...)

// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedclusters;ocimanagedclusters/status,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimanagedclusters/finalizers,verbs=update

// OCIManagedClusterReconciler reconciles OCIManagedClusters: the network, and the failure domains, of OKE clusters.
// It runs the same network services as the OCICluster controller.
type OCIManagedClusterReconciler struct {
	Client   client.Client
	Cloud    Cloud
	Recorder events.EventRecorder
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

// SetupWithManager watches OCIManagedClusters, their Clusters, and the OCIClusterIdentities they use and those
// identities' Secrets (metadata only).
func (r *OCIManagedClusterReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	err := ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		For(&infrav1.OCIManagedCluster{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		WithEventFilter(predicates.ResourceIsNotExternallyManaged(mgr.GetScheme(), log)).
		Watches(&clusterv1.Cluster{},
			handler.EnqueueRequestsFromMapFunc(util.ClusterToInfrastructureMapFunc(ctx,
				infrav1.GroupVersion.WithKind("OCIManagedCluster"), mgr.GetClient(), &infrav1.OCIManagedCluster{})),
			builder.WithPredicates(predicates.ClusterPausedTransitions(mgr.GetScheme(), log))).
		Watches(&infrav1.OCIClusterIdentity{}, handler.EnqueueRequestsFromMapFunc(r.identityToClusters)).
		Watches(&corev1.Secret{}, handler.EnqueueRequestsFromMapFunc(r.secretToClusters), builder.OnlyMetadata).
		Named("ocimanagedcluster").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCIManagedCluster controller: %w", err)
	}
	return nil
}

// Reconcile brings an OCIManagedCluster's network to what it declares, or deletes it.
func (r *OCIManagedClusterReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	k := &skeleton[*infrav1.OCIManagedCluster]{
		client: r.Client, cloud: r.Cloud, recorder: r.Recorder, finalizer: infrav1.ManagedClusterFinalizer,
		owned:     ownedManagedClusterConditions,
		newObject: func() *infrav1.OCIManagedCluster { return &infrav1.OCIManagedCluster{} },
		access: func(_ context.Context, _ *clusterv1.Cluster, mc *infrav1.OCIManagedCluster) (access, error) {
			return managedClusterAccess(mc), nil
		},
		run:         r.run,
		beforePatch: summarizeManagedCluster,
		spec: func(mc *infrav1.OCIManagedCluster) func() {
			before := mc.Spec.DeepCopy()
			return func() { ownSpecWrite(mc.Generation, before, &mc.Spec, mc.Status.Resources) }
		},
	}
	return k.reconcile(ctx, req)
}

// managedClusterAccess is where an OKE cluster's calls go; its control plane and node pools call as it does.
func managedClusterAccess(mc *infrav1.OCIManagedCluster) access {
	return access{namespace: mc.Namespace, identity: mc.Spec.IdentityRef, region: mc.Spec.Region, overrides: mc.Spec.HostURL}
}

// run provisions the OKE cluster's network, or deletes it.
func (r *OCIManagedClusterReconciler) run(ctx context.Context, cluster *clusterv1.Cluster, mc *infrav1.OCIManagedCluster, a cloudAccess, deleting bool) outcome {
	s := scope.NewManagedClusterScope(cluster, mc, a.clients, r.Cloud.DriftInterval)
	s.RegionClients = func(other string) (*clients.Clients, error) {
		return r.Cloud.Clients.ClientsFor(a.identity, other, nil)
	}
	steps, unmanaged := infraSteps(&s.Network, s)
	if deleting {
		out := runSteps(ctx, mc, steps, true)
		if out.done {
			controllerutil.RemoveFinalizer(mc, infrav1.ManagedClusterFinalizer)
			ctrl.LoggerFrom(ctx).Info("OKE cluster network deleted")
		}
		return out
	}
	for _, c := range unmanaged {
		conditions.Set(mc, metav1.Condition{Type: c, Status: metav1.ConditionTrue, Reason: infrav1.NotManagedReason})
	}
	out := runSteps(ctx, mc, steps, false)
	if out.done {
		mc.Status.Initialization.Provisioned = ptr.To(true)
		ctrl.LoggerFrom(ctx).V(2).Info("OKE cluster network in place")
		out.requeueAfter = async.Jitter(s.DriftInterval())
	}
	return out
}

// summarizeManagedCluster sets Ready from the services' conditions, and the earlier provider's ClusterReady and
// Ready.
func summarizeManagedCluster(mc *infrav1.OCIManagedCluster, out outcome, now time.Time) {
	deleting := !mc.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(mc, mc, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyManagedClusterConditions))
	scope.SetLegacyConditions(mc, scope.LegacyCluster, scope.Outcome{
		Ready:         !deleting && out.done && ptr.Deref(mc.Status.Initialization.Provisioned, false),
		Deleting:      deleting && out.failed == "",
		FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
}

// identityToClusters maps an OCIClusterIdentity to the OCIManagedClusters that use it.
func (r *OCIManagedClusterReconciler) identityToClusters(ctx context.Context, o client.Object) []reconcile.Request {
	return r.clustersUsing(ctx, o.GetNamespace()+"/"+o.GetName())
}

// secretToClusters maps an identity's Secret to the OCIManagedClusters whose identity reads it.
func (r *OCIManagedClusterReconciler) secretToClusters(ctx context.Context, o client.Object) []reconcile.Request {
	ids := identitiesReading(ctx, r.Client, o)
	out := make([]reconcile.Request, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.clustersUsing(ctx, id)...)
	}
	return out
}

// clustersUsing lists the OCIManagedClusters whose identityRef is identity ("namespace/name").
func (r *OCIManagedClusterReconciler) clustersUsing(ctx context.Context, identity string) []reconcile.Request {
	list := &infrav1.OCIManagedClusterList{}
	if err := r.Client.List(ctx, list); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing the OCIManagedClusters of an identity", "identity", identity)
		return nil
	}
	var out []reconcile.Request
	for i := range list.Items {
		mc := &list.Items[i]
		if ref := mc.Spec.IdentityRef; ref != nil && refKey(ref, mc.Namespace) == identity {
			out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(mc)})
		}
	}
	return out
}
