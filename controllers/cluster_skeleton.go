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
	"slices"
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
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/identity"
)

// infraObject is an object a cluster skeleton reconciles: an OCICluster, an OCIManagedCluster, an
// OCIManagedControlPlane.
type infraObject interface {
	client.Object
	conditions.Setter
}

// access is where an object's OCI calls go: the identity it uses, its region and its endpoint overrides.
type access struct {
	namespace string
	identity  *corev1.ObjectReference
	region    string
	overrides *infrav1.ClientOverrides
}

// skeleton is what differs between the controllers that share the Cluster API skeleton of a cluster-level object:
// the object's kind, its finalizer and conditions, and what a reconcile or a delete does with its clients.
type skeleton[T infraObject] struct {
	client   client.Client
	cloud    Cloud
	recorder events.EventRecorder
	// newObject returns an empty object of the kind.
	newObject func() T
	finalizer string
	// owned are the conditions the controller writes; ownedOf, when set, adds those an object has of its own (one
	// per OKE add-on).
	owned   []string
	ownedOf func(obj T) []string
	// owner returns the object's Cluster, nil while it is not known; nil reads the Cluster owner reference.
	owner func(ctx context.Context, obj T) (*clusterv1.Cluster, error)
	// access says where the object's calls go; an error is reported as an identity failure.
	access func(ctx context.Context, cluster *clusterv1.Cluster, obj T) (access, error)
	// run reconciles (or, deleting, deletes) the object's resources with its clients.
	run func(ctx context.Context, cluster *clusterv1.Cluster, obj T, c cloudAccess, deleting bool) outcome
	// beforePatch sets the summarized conditions from the outcome; it runs just before the deferred patch.
	beforePatch func(obj T, out outcome, now time.Time)
	// spec returns a function that, called before the patch, keeps the controller's own spec writes from
	// counting as a change (see ownSpecWrite).
	spec func(obj T) func()
}

// cloudAccess is an object's identity and its clients in its region.
type cloudAccess struct {
	identity clients.Identity
	clients  *clients.Clients
}

// reconcile is the skeleton: get the object and its owner Cluster, leave it alone when externally managed or
// paused, ensure the finalizer, resolve the identity and clients, run, and patch with summarized conditions.
func (k *skeleton[T]) reconcile(ctx context.Context, req ctrl.Request) (_ ctrl.Result, reterr error) {
	log := ctrl.LoggerFrom(ctx)
	obj := k.newObject()
	if err := k.client.Get(ctx, req.NamespacedName, obj); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	cluster, err := k.ownerCluster(ctx, obj)
	if err != nil {
		return ctrl.Result{}, err
	}
	if cluster == nil {
		log.Info("Waiting for Cluster API to set the owner reference")
		return ctrl.Result{}, nil
	}
	log = log.WithValues("Cluster", klog.KObj(cluster))
	ctx = ctrl.LoggerInto(ctx, log)
	if annotations.IsExternallyManaged(obj) {
		log.V(4).Info("Infrastructure is managed outside Cluster API: leaving it alone")
		return ctrl.Result{}, nil
	}
	// The Paused condition is patched at once when it changes; that patch is no event the controller watches,
	// so an object that is not paused goes on.
	if isPaused, _, err := paused.EnsurePausedCondition(ctx, k.client, cluster, obj); err != nil || isPaused {
		return ctrl.Result{}, err
	}
	if obj.GetDeletionTimestamp().IsZero() {
		// The finalizer is in place before any OCI resource is made.
		if _, err := finalizers.EnsureFinalizer(ctx, k.client, obj, k.finalizer); err != nil {
			return ctrl.Result{}, err
		}
	}
	helper, err := patch.NewHelper(obj, k.client)
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("creating the patch helper: %w", err)
	}
	var out outcome
	ownWrites := k.spec(obj)
	defer func() {
		k.beforePatch(obj, out, time.Now())
		ownWrites()
		owned := k.owned
		if k.ownedOf != nil {
			owned = append(slices.Clone(owned), k.ownedOf(obj)...)
		}
		if err := helper.Patch(ctx, obj, patch.WithOwnedConditions{Conditions: owned}); err != nil {
			reterr = kerrors.NewAggregate([]error{reterr, fmt.Errorf("patching the %T: %w", obj, err)})
		}
	}()
	c, err := k.clients(ctx, cluster, obj)
	if err != nil {
		out = outcome{failed: "identity", terminal: true, message: err.Error()}
		return k.identityFailed(obj, err)
	}
	out = k.run(ctx, cluster, obj, c, !obj.GetDeletionTimestamp().IsZero())
	return out.result()
}

// ownerCluster returns the object's Cluster, nil while its owner is not set.
func (k *skeleton[T]) ownerCluster(ctx context.Context, obj T) (*clusterv1.Cluster, error) {
	if k.owner != nil {
		return k.owner(ctx, obj)
	}
	cluster, err := util.GetOwnerCluster(ctx, k.client, metaOf(obj))
	if err != nil {
		return nil, fmt.Errorf("reading the owner Cluster: %w", err)
	}
	return cluster, nil
}

// metaOf returns an object's metadata.
func metaOf(o client.Object) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: o.GetName(), Namespace: o.GetNamespace(), OwnerReferences: o.GetOwnerReferences()}
}

// clients resolves the object's identity and its clients; it sets IdentityReady.
func (k *skeleton[T]) clients(ctx context.Context, cluster *clusterv1.Cluster, obj T) (cloudAccess, error) {
	a, err := k.access(ctx, cluster, obj)
	if err != nil {
		return cloudAccess{}, err
	}
	id, c, err := k.cloud.clientsFor(ctx, a)
	if err != nil {
		return cloudAccess{}, err
	}
	conditions.Set(obj, metav1.Condition{Type: infrav1.IdentityReadyCondition, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason})
	return cloudAccess{identity: id, clients: c}, nil
}

// clientsFor returns the identity of a and its clients in a's region (the manager's when a names none).
func (c Cloud) clientsFor(ctx context.Context, a access) (clients.Identity, *clients.Clients, error) {
	id, err := c.Identities.Resolve(ctx, a.namespace, a.identity)
	if err != nil {
		return id, nil, err
	}
	region := a.region
	if region == "" {
		region = c.DefaultRegion
	}
	cl, err := c.Clients.ClientsFor(id, region, clients.EndpointsFromOverrides(a.overrides))
	return id, cl, err
}

// identityFailed reports an identity the object may not use, or cannot read, and makes no OCI call. An object
// that is being deleted keeps its finalizer: its resources are still in OCI.
func (k *skeleton[T]) identityFailed(obj T, err error) (ctrl.Result, error) {
	reason := infrav1.IdentityNotFoundReason
	if errors.Is(err, identity.ErrNotAllowed) {
		reason = infrav1.NamespaceNotAllowedReason
	}
	conditions.Set(obj, metav1.Condition{Type: infrav1.IdentityReadyCondition, Status: metav1.ConditionFalse,
		Reason: reason, Message: err.Error()})
	if k.recorder != nil {
		k.recorder.Eventf(obj, nil, corev1.EventTypeWarning, reason, "ResolveIdentity", "%s", err.Error())
	}
	if reason == infrav1.NamespaceNotAllowedReason || apierrors.IsNotFound(errors.Unwrap(err)) {
		// A change of the identity (or its Secret) brings the object back: it is watched.
		return ctrl.Result{}, nil
	}
	return ctrl.Result{}, err
}
