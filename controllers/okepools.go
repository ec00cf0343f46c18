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

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util"
	"sigs.k8s.io/cluster-api/util/conditions"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// The OKE pools (OCIManagedMachinePool: node pools; OCIVirtualMachinePool: virtual node pools) share how they
// find their Cluster, their MachinePool and their control plane, what brings them back, and when they are settled.

// machinePoolCluster returns the Cluster of an infrastructure machine pool: its owner MachinePool's; nil while the
// MachinePool has not taken the pool over yet.
func machinePoolCluster(c client.Client) func(ctx context.Context, obj client.Object) (*clusterv1.Cluster, error) {
	return func(ctx context.Context, obj client.Object) (*clusterv1.Cluster, error) {
		mp, err := util.GetOwnerMachinePool(ctx, c, metaOf(obj))
		if err != nil || mp == nil {
			return nil, err
		}
		cluster, err := util.GetClusterFromMetadata(ctx, c, mp.ObjectMeta)
		if err != nil {
			return nil, fmt.Errorf("reading the MachinePool's Cluster: %w", err)
		}
		return cluster, nil
	}
}

// okeControlPlaneOf reads the Cluster's OCIManagedControlPlane.
func okeControlPlaneOf(ctx context.Context, c client.Client, cluster *clusterv1.Cluster) (*infrav1.OCIManagedControlPlane, error) {
	cp := &infrav1.OCIManagedControlPlane{}
	ref := cluster.Spec.ControlPlaneRef
	if err := c.Get(ctx, client.ObjectKey{Namespace: cluster.Namespace, Name: ref.Name}, cp); err != nil {
		return nil, fmt.Errorf("reading the OCIManagedControlPlane %s: %w", ref.Name, err)
	}
	return cp, nil
}

// okePoolParents are what an OKE pool's reconcile reads first: its OCIManagedCluster (the network), its MachinePool
// (size and version) and its OCIManagedControlPlane (the OKE cluster's OCID).
type okePoolParents struct {
	managed      *infrav1.OCIManagedCluster
	machinePool  *clusterv1.MachinePool
	controlPlane *infrav1.OCIManagedControlPlane
}

// okePoolParentsOf reads a pool's parents; ok is false, with the outcome to report, while one cannot be read. A
// pool being deleted needs nothing of a control plane that is gone: its own OCID is recorded.
func okePoolParentsOf(ctx context.Context, c client.Client, cluster *clusterv1.Cluster, obj client.Object, service string, deleting bool) (okePoolParents, outcome, bool) {
	var p okePoolParents
	var err error
	if p.managed, err = managedClusterOf(ctx, c, cluster); err != nil {
		return p, outcome{err: err, failed: service, message: err.Error()}, false
	}
	p.machinePool, err = util.GetOwnerMachinePool(ctx, c, metaOf(obj))
	if err != nil || p.machinePool == nil {
		return p, outcome{err: err, message: "waiting for the MachinePool"}, false
	}
	p.controlPlane, err = okeControlPlaneOf(ctx, c, cluster)
	switch {
	case deleting && apierrors.IsNotFound(err):
		p.controlPlane = &infrav1.OCIManagedControlPlane{}
	case err != nil:
		return p, outcome{err: err, failed: service, message: err.Error()}, false
	}
	return p, outcome{}, true
}

// okePoolRun is what one reconcile of an OKE pool does once its scope is made: its one service step, deleted
// (and the finalizer released), or run once the OKE cluster serves, with what it read recorded and the pool
// marked provisioned and looked at again soon while its nodes are not all ready.
type okePoolRun struct {
	obj          conditions.Setter
	step         step
	finalizer    string
	controlPlane *infrav1.OCIManagedControlPlane
	// observe records what the step read; settled says whether the pool is at its size with every node ready;
	// provisioned marks the pool provisioned (and status.ready, which Cluster API v1.14 reads).
	observe, provisioned func()
	settled              func() bool
	drift                time.Duration
	// nodes names the pool's nodes in messages ("nodes", "virtual nodes").
	nodes string
}

// run deletes the pool, or reconciles it.
func (r okePoolRun) run(ctx context.Context, deleting bool) outcome {
	steps := []step{r.step}
	if deleting {
		out := runSteps(ctx, r.obj, steps, true)
		if o, ok := r.obj.(client.Object); ok && out.done {
			controllerutil.RemoveFinalizer(o, r.finalizer)
			ctrl.LoggerFrom(ctx).Info("Pool deleted", "service", r.step.service)
		}
		return out
	}
	cp := r.controlPlane
	if cp.Spec.ID == "" || !ptr.Deref(cp.Status.Initialization.ControlPlaneInitialized, false) {
		// The control plane is watched: its OKE cluster becoming ACTIVE brings the pool back.
		msg := "waiting for the OKE cluster"
		conditions.Set(r.obj, metav1.Condition{Type: r.step.condition, Status: metav1.ConditionFalse,
			Reason: infrav1.WaitingReason, Message: msg})
		return outcome{message: msg}
	}
	out := runSteps(ctx, r.obj, steps, false)
	r.observe()
	if out.done {
		r.provisioned()
		out.requeueAfter = async.Jitter(r.drift)
		if !r.settled() {
			// OKE brings nodes up after the pool's work request: look again soon, until every node is ready.
			out.requeueAfter = settleRequeue
			conditions.Set(r.obj, metav1.Condition{Type: r.step.condition, Status: metav1.ConditionFalse,
				Reason: infrav1.ProvisioningReason, Message: "waiting for the pool's " + r.nodes + " to be ready"})
		}
	}
	return out
}

// poolMapper maps a Cluster, or its OCIManagedControlPlane, to the pools of one kind labelled with the Cluster's
// name.
type poolMapper struct {
	client  client.Client
	newList func() client.ObjectList
}

// clusterToPools maps a Cluster to its pools.
func (m poolMapper) clusterToPools(ctx context.Context, o client.Object) []reconcile.Request {
	return m.poolsOf(ctx, o.GetNamespace(), o.GetName())
}

// controlPlaneToPools maps an OCIManagedControlPlane to the pools of its Cluster.
func (m poolMapper) controlPlaneToPools(ctx context.Context, o client.Object) []reconcile.Request {
	cluster, err := util.GetOwnerCluster(ctx, m.client, metaOf(o))
	if err != nil || cluster == nil {
		return nil
	}
	return m.poolsOf(ctx, cluster.Namespace, cluster.Name)
}

// poolsOf lists the pools labelled with a Cluster's name.
func (m poolMapper) poolsOf(ctx context.Context, namespace, cluster string) []reconcile.Request {
	list := m.newList()
	if err := m.client.List(ctx, list, client.InNamespace(namespace), client.MatchingLabels{clusterv1.ClusterNameLabel: cluster}); err != nil {
		ctrl.LoggerFrom(ctx).Error(err, "Listing the pools of a Cluster", "cluster", cluster)
		return nil
	}
	items, err := meta.ExtractList(list)
	if err != nil {
		return nil
	}
	out := make([]reconcile.Request, 0, len(items))
	for _, item := range items {
		if o, ok := item.(client.Object); ok {
			out = append(out, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(o)})
		}
	}
	return out
}

// poolSize is what a pool last saw of its nodes.
type poolSize struct{ replicas, ready, ids int32 }

// settled reports whether the pool was last seen at the MachinePool's size with every node ready.
func (s poolSize) settled(mp *clusterv1.MachinePool) bool {
	want := ptr.Deref(mp.Spec.Replicas, 1)
	if _, external := mp.Annotations[clusterv1.ReplicasManagedByAnnotation]; external && s.replicas > 0 {
		want = s.replicas // sized by something else: settled when every node it has is ready
	}
	return s.replicas == want && s.ready == want && s.ids == want
}
