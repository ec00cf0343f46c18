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
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	kerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/tools/events"
	"k8s.io/klog/v2"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util"
	"sigs.k8s.io/cluster-api/util/annotations"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/cluster-api/util/finalizers"
	"sigs.k8s.io/cluster-api/util/patch"
	"sigs.k8s.io/cluster-api/util/paused"
	"sigs.k8s.io/cluster-api/util/predicates"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/identity"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
)

// Cloud is what the controllers call OCI with.
type Cloud struct {
	// Clients builds and caches the clients of each identity and region.
	Clients *clients.Factory
	// Identities resolves identityRefs.
	Identities *identity.Resolver
	// DriftInterval is the time between drift checks of a resource in place.
	DriftInterval time.Duration
	// DefaultRegion is the region of clusters whose spec has none: the manager's own.
	DefaultRegion string
}

// +kubebuilder:rbac:groups=cluster.x-k8s.io,resources=clusters;clusters/status,verbs=get;list;watch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ociclusters/finalizers,verbs=update

// OCIClusterReconciler reconciles OCIClusters: the network and the API server's load balancer of self-managed
// clusters.
type OCIClusterReconciler struct {
	Client   client.Client
	Cloud    Cloud
	Recorder events.EventRecorder
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

// SetupWithManager watches OCIClusters, their Clusters, the OCIClusterIdentities they use and those identities'
// Secrets (metadata only).
func (r *OCIClusterReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	if err := indexIdentityRefs(ctx, mgr); err != nil {
		return err
	}
	err := ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		// The controller's own status patches do not bring the object back: a resource that is on its way is
		// looked at again after the engine's growing delay, not at once.
		For(&infrav1.OCICluster{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		WithEventFilter(predicates.ResourceIsNotExternallyManaged(mgr.GetScheme(), log)).
		Watches(&clusterv1.Cluster{},
			handler.EnqueueRequestsFromMapFunc(util.ClusterToInfrastructureMapFunc(ctx,
				infrav1.GroupVersion.WithKind("OCICluster"), mgr.GetClient(), &infrav1.OCICluster{})),
			builder.WithPredicates(predicates.ClusterPausedTransitions(mgr.GetScheme(), log))).
		Watches(&infrav1.OCIClusterIdentity{}, handler.EnqueueRequestsFromMapFunc(r.identityToClusters)).
		Watches(&corev1.Secret{}, handler.EnqueueRequestsFromMapFunc(r.secretToClusters), builder.OnlyMetadata).
		Named("ocicluster").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCICluster controller: %w", err)
	}
	return nil
}

// Reconcile brings an OCICluster's OCI resources to what it declares, or deletes them.
func (r *OCIClusterReconciler) Reconcile(ctx context.Context, req ctrl.Request) (_ ctrl.Result, reterr error) {
	log := ctrl.LoggerFrom(ctx)
	oc := &infrav1.OCICluster{}
	if err := r.Client.Get(ctx, req.NamespacedName, oc); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	cluster, err := util.GetOwnerCluster(ctx, r.Client, oc.ObjectMeta)
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("reading the owner Cluster: %w", err)
	}
	if cluster == nil {
		log.Info("Waiting for the Cluster controller to set the owner reference")
		return ctrl.Result{}, nil
	}
	log = log.WithValues("Cluster", klog.KObj(cluster))
	ctx = ctrl.LoggerInto(ctx, log)
	if annotations.IsExternallyManaged(oc) {
		log.V(4).Info("Infrastructure is managed outside Cluster API: leaving it alone")
		return ctrl.Result{}, nil
	}
	// The Paused condition is patched at once when it changes; that patch is no event the controller watches,
	// so an object that is not paused goes on.
	if isPaused, _, err := paused.EnsurePausedCondition(ctx, r.Client, cluster, oc); err != nil || isPaused {
		return ctrl.Result{}, err
	}
	if oc.DeletionTimestamp.IsZero() {
		// The finalizer is in place before any OCI resource is made; adding it is no event the controller
		// watches, so the reconcile goes on.
		if _, err := finalizers.EnsureFinalizer(ctx, r.Client, oc, infrav1.ClusterFinalizer); err != nil {
			return ctrl.Result{}, err
		}
	}
	helper, err := patch.NewHelper(oc, r.Client)
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("creating the patch helper: %w", err)
	}
	var out outcome
	specBefore := oc.Spec.DeepCopy()
	defer func() {
		summarizeCluster(oc, out, time.Now())
		ownSpecWrite(oc.Generation, specBefore, &oc.Spec, oc.Status.Resources)
		if err := helper.Patch(ctx, oc, patch.WithOwnedConditions{Conditions: ownedClusterConditions}); err != nil {
			reterr = kerrors.NewAggregate([]error{reterr, fmt.Errorf("patching the OCICluster: %w", err)})
		}
	}()
	s, err := r.scope(ctx, cluster, oc)
	if err != nil {
		out = outcome{failed: "identity", terminal: true, message: err.Error()}
		return r.identityFailed(oc, err)
	}
	if !oc.DeletionTimestamp.IsZero() {
		out = r.reconcileDelete(ctx, s)
		return out.result()
	}
	out = r.reconcileNormal(ctx, s)
	return out.result()
}

// scope resolves the cluster's identity and clients; it sets IdentityReady.
func (r *OCIClusterReconciler) scope(ctx context.Context, cluster *clusterv1.Cluster, oc *infrav1.OCICluster) (*scope.ClusterScope, error) {
	id, c, err := r.Cloud.clusterClients(ctx, oc)
	if err != nil {
		return nil, err
	}
	conditions.Set(oc, metav1.Condition{Type: infrav1.IdentityReadyCondition, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason})
	s := scope.NewClusterScope(cluster, oc, c, r.Cloud.DriftInterval)
	s.RegionClients = func(other string) (*clients.Clients, error) { return r.Cloud.Clients.ClientsFor(id, other, nil) }
	return s, nil
}

// identityFailed reports an identity the cluster may not use, or cannot read, and makes no OCI call. A cluster
// that is being deleted keeps its finalizer: its resources are still in OCI.
func (r *OCIClusterReconciler) identityFailed(oc *infrav1.OCICluster, err error) (ctrl.Result, error) {
	reason := infrav1.IdentityNotFoundReason
	if errors.Is(err, identity.ErrNotAllowed) {
		reason = infrav1.NamespaceNotAllowedReason
	}
	conditions.Set(oc, metav1.Condition{Type: infrav1.IdentityReadyCondition, Status: metav1.ConditionFalse,
		Reason: reason, Message: err.Error()})
	if r.Recorder != nil {
		r.Recorder.Eventf(oc, nil, corev1.EventTypeWarning, reason, "ResolveIdentity", "%s", err.Error())
	}
	if reason == infrav1.NamespaceNotAllowedReason || apierrors.IsNotFound(errors.Unwrap(err)) {
		// A change of the identity (or its Secret) brings the cluster back: it is watched.
		return ctrl.Result{}, nil
	}
	return ctrl.Result{}, err
}
