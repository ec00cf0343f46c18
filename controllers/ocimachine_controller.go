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
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	kerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/tools/events"
	"k8s.io/klog/v2"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util"
	"sigs.k8s.io/cluster-api/util/annotations"
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
)

// +kubebuilder:rbac:groups=cluster.x-k8s.io,resources=machines;machines/status,verbs=get;list;watch;delete
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimachines;ocimachines/status,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=infrastructure.cluster.x-k8s.io,resources=ocimachines/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=secrets,verbs=get

// OCIMachineReconciler reconciles OCIMachines: the compute instances of self-managed clusters, their VNICs and
// their place in the API server's load balancer.
type OCIMachineReconciler struct {
	Client client.Client
	// APIReader reads the bootstrap data Secrets uncached: the manager does not keep every Secret in memory.
	APIReader client.Reader
	Cloud     Cloud
	Recorder  events.EventRecorder
	// WatchFilterValue limits the controller to objects with the cluster.x-k8s.io/watch-filter label of that value.
	WatchFilterValue string
}

// SetupWithManager watches OCIMachines, their Machines and their Clusters (a cluster whose infrastructure becomes
// provisioned brings its waiting machines back, with no OCI call while they wait).
func (r *OCIMachineReconciler) SetupWithManager(ctx context.Context, mgr ctrl.Manager, opts controller.Options) error {
	log := ctrl.LoggerFrom(ctx)
	clusterToMachines, err := util.ClusterToTypedObjectsMapper(mgr.GetClient(), &infrav1.OCIMachineList{}, mgr.GetScheme())
	if err != nil {
		return fmt.Errorf("setting up the OCIMachine controller: %w", err)
	}
	err = ctrl.NewControllerManagedBy(mgr).
		WithOptions(opts).
		For(&infrav1.OCIMachine{}, builder.WithPredicates(ownChanges())).
		WithEventFilter(predicates.ResourceHasFilterLabel(mgr.GetScheme(), log, r.WatchFilterValue)).
		Watches(&clusterv1.Machine{}, handler.EnqueueRequestsFromMapFunc(
			util.MachineToInfrastructureMapFunc(infrav1.GroupVersion.WithKind("OCIMachine")))).
		Watches(&clusterv1.Cluster{}, handler.EnqueueRequestsFromMapFunc(clusterToMachines),
			builder.WithPredicates(predicates.ClusterPausedTransitionsOrInfrastructureProvisioned(mgr.GetScheme(), log))).
		Named("ocimachine").
		Complete(r)
	if err != nil {
		return fmt.Errorf("setting up the OCIMachine controller: %w", err)
	}
	return nil
}

// Reconcile brings an OCIMachine's instance to what it declares, or terminates it.
func (r *OCIMachineReconciler) Reconcile(ctx context.Context, req ctrl.Request) (_ ctrl.Result, reterr error) {
	log := ctrl.LoggerFrom(ctx)
	om := &infrav1.OCIMachine{}
	if err := r.Client.Get(ctx, req.NamespacedName, om); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	machine, err := util.GetOwnerMachine(ctx, r.Client, om.ObjectMeta)
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("reading the owner Machine: %w", err)
	}
	if machine == nil {
		log.Info("Waiting for the Machine controller to set the owner reference")
		return ctrl.Result{}, nil
	}
	log = log.WithValues("Machine", klog.KObj(machine))
	cluster, err := util.GetClusterFromMetadata(ctx, r.Client, machine.ObjectMeta)
	if err != nil {
		log.Info("Waiting for the Machine's Cluster", "reason", err.Error())
		return ctrl.Result{}, nil
	}
	log = log.WithValues("Cluster", klog.KObj(cluster))
	ctx = ctrl.LoggerInto(ctx, log)
	if annotations.IsExternallyManaged(cluster) {
		log.V(4).Info("Infrastructure is managed outside Cluster API: leaving it alone")
		return ctrl.Result{}, nil
	}
	if isPaused, _, err := paused.EnsurePausedCondition(ctx, r.Client, cluster, om); err != nil || isPaused {
		return ctrl.Result{}, err
	}
	if om.DeletionTimestamp.IsZero() {
		if _, err := finalizers.EnsureFinalizer(ctx, r.Client, om, infrav1.MachineFinalizer); err != nil {
			return ctrl.Result{}, err
		}
		if err := r.ensureLaunchNonce(ctx, om); err != nil {
			return ctrl.Result{}, err
		}
	}
	helper, err := patch.NewHelper(om, r.Client)
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("creating the patch helper: %w", err)
	}
	var out outcome
	specBefore := om.Spec.DeepCopy()
	defer func() {
		summarizeMachine(om, out, time.Now())
		ownSpecWrite(om.Generation, specBefore, &om.Spec, om.Status.Resources)
		if err := helper.Patch(ctx, om, patch.WithOwnedConditions{Conditions: ownedMachineConditions}); err != nil && !apierrors.IsNotFound(err) {
			reterr = kerrors.NewAggregate([]error{reterr, fmt.Errorf("patching the OCIMachine: %w", err)})
		}
	}()
	var res ctrl.Result
	res, out, err = r.reconcile(ctx, cluster, machine, om)
	return res, err
}

// ensureLaunchNonce writes the launch nonce annotation, at once, before anything is launched: the launch's retry
// tokens are made from it, so they must be the same after a restart and after clusterctl move.
func (r *OCIMachineReconciler) ensureLaunchNonce(ctx context.Context, om *infrav1.OCIMachine) error {
	if om.Annotations[infrav1.LaunchNonceAnnotation] != "" {
		return nil
	}
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return fmt.Errorf("making the launch nonce: %w", err)
	}
	before := om.DeepCopy()
	if om.Annotations == nil {
		om.Annotations = map[string]string{}
	}
	om.Annotations[infrav1.LaunchNonceAnnotation] = hex.EncodeToString(b)
	if err := r.Client.Patch(ctx, om, client.MergeFrom(before)); err != nil {
		return fmt.Errorf("writing the launch nonce: %w", err)
	}
	return nil
}

// bootstrapData reads the Machine's bootstrap data Secret; nil when the Machine names none yet.
func (r *OCIMachineReconciler) bootstrapData(ctx context.Context, m *clusterv1.Machine) ([]byte, error) {
	return readBootstrapData(ctx, r.APIReader, m.Namespace, ptr.Deref(m.Spec.Bootstrap.DataSecretName, ""))
}

// readBootstrapData reads the value of the bootstrap data Secret name in namespace, as Cluster API's bootstrap
// providers write it; nil when name is "" (the bootstrap provider has not written it yet).
func readBootstrapData(ctx context.Context, r client.Reader, namespace, name string) ([]byte, error) {
	if name == "" {
		return nil, nil
	}
	secret := &corev1.Secret{}
	key := client.ObjectKey{Namespace: namespace, Name: name}
	if err := r.Get(ctx, key, secret); err != nil {
		return nil, fmt.Errorf("reading the bootstrap data Secret %s: %w", key, err)
	}
	value, ok := secret.Data["value"]
	if !ok {
		return nil, fmt.Errorf("the bootstrap data Secret %s has no value key", key)
	}
	return value, nil
}
