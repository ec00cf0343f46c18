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
func (r *OCIClusterReconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	k := &skeleton[*infrav1.OCICluster]{
		client: r.Client, cloud: r.Cloud, recorder: r.Recorder, finalizer: infrav1.ClusterFinalizer, owned: ownedClusterConditions,
		newObject: func() *infrav1.OCICluster { return &infrav1.OCICluster{} },
		access: func(_ context.Context, _ *clusterv1.Cluster, oc *infrav1.OCICluster) (access, error) {
			return access{namespace: oc.Namespace, identity: oc.Spec.IdentityRef, region: oc.Spec.Region, overrides: oc.Spec.ClientOverrides}, nil
		},
		run:         r.run,
		beforePatch: summarizeCluster,
		spec: func(oc *infrav1.OCICluster) func() {
			before := oc.Spec.DeepCopy()
			return func() { ownSpecWrite(oc.Generation, before, &oc.Spec, oc.Status.Resources) }
		},
	}
	return k.reconcile(ctx, req)
}

// run reconciles or deletes the OCICluster's resources.
func (r *OCIClusterReconciler) run(ctx context.Context, cluster *clusterv1.Cluster, oc *infrav1.OCICluster, a cloudAccess, deleting bool) outcome {
	s := scope.NewClusterScope(cluster, oc, a.clients, r.Cloud.DriftInterval)
	s.RegionClients = func(other string) (*clients.Clients, error) {
		return r.Cloud.Clients.ClientsFor(a.identity, other, nil)
	}
	if deleting {
		return r.reconcileDelete(ctx, s)
	}
	return r.reconcileNormal(ctx, s)
}
