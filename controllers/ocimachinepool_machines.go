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
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/cluster-api/util/labels/format"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// machinePoolMachineKind is the kind of the infrastructure machines of an OCIMachinePool's instances.
const machinePoolMachineKind = "OCIMachinePoolMachine"

// selfManagedMachineType is spec.machineType of an OCIMachinePoolMachine, as the earlier provider wrote it.
const selfManagedMachineType = "SELF_MANAGED_TYPE"

// poolMachines are an OCIMachinePool's OCIMachinePoolMachines and, by their names, their Machines.
type poolMachines struct {
	infra    []infrav1exp.OCIMachinePoolMachine
	machines map[string]*clusterv1.Machine
}

// poolMachines lists the pool's OCIMachinePoolMachines (those it owns) and the MachinePool's Machines.
func (r *OCIMachinePoolReconciler) poolMachines(ctx context.Context, cluster *clusterv1.Cluster, mp *clusterv1.MachinePool, p *infrav1exp.OCIMachinePool) (*poolMachines, error) {
	pm := &poolMachines{machines: map[string]*clusterv1.Machine{}}
	list := &infrav1exp.OCIMachinePoolMachineList{}
	if err := r.Client.List(ctx, list, client.InNamespace(p.Namespace), client.MatchingLabels{clusterv1.ClusterNameLabel: cluster.Name}); err != nil {
		return nil, fmt.Errorf("listing the OCIMachinePoolMachines: %w", err)
	}
	for i := range list.Items {
		if o := &list.Items[i]; slices.ContainsFunc(o.OwnerReferences, func(ref metav1.OwnerReference) bool { return ref.UID == p.UID }) {
			pm.infra = append(pm.infra, *o)
		}
	}
	if mp.Name == "" {
		return pm, nil
	}
	machines := &clusterv1.MachineList{}
	if err := r.Client.List(ctx, machines, client.InNamespace(p.Namespace), client.MatchingLabels{
		clusterv1.ClusterNameLabel: cluster.Name, clusterv1.MachinePoolNameLabel: format.MustFormatValue(mp.Name)}); err != nil {
		return nil, fmt.Errorf("listing the MachinePool's Machines: %w", err)
	}
	for i := range machines.Items {
		m := &machines.Items[i]
		if m.Spec.InfrastructureRef.Kind == machinePoolMachineKind {
			pm.machines[m.Spec.InfrastructureRef.Name] = m
		}
	}
	return pm, nil
}

// states is what Kubernetes says of each instance (see instancepool.Machine).
func (pm *poolMachines) states() map[string]instancepool.Machine {
	out := map[string]instancepool.Machine{}
	for i := range pm.infra {
		o := &pm.infra[i]
		if o.Spec.OCID == "" {
			continue
		}
		st := instancepool.Machine{Release: !o.DeletionTimestamp.IsZero()}
		st.Leaving = st.Release
		if m := pm.machines[o.Name]; m != nil {
			st.Leaving = st.Leaving || !m.DeletionTimestamp.IsZero()
			_, st.Marked = m.Annotations[clusterv1.DeleteMachineAnnotation]
			st.Ready = conditions.IsTrue(m, clusterv1.MachineNodeReadyCondition)
		}
		out[o.Spec.OCID] = st
	}
	return out
}

// busy reports whether the pool is changing: not at its size with every instance's Node ready and up to date, or
// with machines leaving.
func (pm *poolMachines) busy(p *infrav1exp.OCIMachinePool, mp *clusterv1.MachinePool) bool {
	for _, st := range pm.states() {
		if st.Leaving {
			return true
		}
	}
	size := poolSize{replicas: p.Status.Replicas, ready: p.Status.ReadyReplicas, ids: int32(len(p.Spec.ProviderIDList))} //nolint:gosec // a pool's size fits
	return !size.settled(mp) || conditions.IsFalse(p, infrav1exp.InstancesUpToDateCondition)
}

// syncMachines keeps one OCIMachinePoolMachine per instance of the pool: it makes those of new instances, marks
// them provisioned once running, lets go of those whose instances were released, deletes those whose instances
// left the pool otherwise, and deletes the Machines of the instances the plan chose to remove (Cluster API drains
// their Nodes, then deletes their OCIMachinePoolMachines, which releases the instances).
func (r *OCIMachinePoolReconciler) syncMachines(ctx context.Context, cluster *clusterv1.Cluster, mp *clusterv1.MachinePool,
	p *infrav1exp.OCIMachinePool, pm *poolMachines, obs *instancepool.Observed) error {
	byID := map[string]*infrav1exp.OCIMachinePoolMachine{}
	names := map[string]bool{}
	for i := range pm.infra {
		byID[pm.infra[i].Spec.OCID] = &pm.infra[i]
		names[pm.infra[i].Name] = true
	}
	inPool := map[string]core.InstanceSummary{}
	for _, in := range obs.Instances {
		id := ptr.Deref(in.Id, "")
		inPool[id] = in
		if o := byID[id]; o != nil {
			if err := r.markProvisioned(ctx, o, in); err != nil {
				return err
			}
			continue
		}
		if err := r.createMachine(ctx, cluster, mp, p, in, names); err != nil {
			return err
		}
	}
	for i := range pm.infra {
		if err := r.settleMachine(ctx, &pm.infra[i], pm.machines[pm.infra[i].Name], inPool, obs.Released); err != nil {
			return err
		}
	}
	for _, id := range obs.Plan.Remove {
		if o := byID[id]; o != nil {
			if err := r.removeMachine(ctx, o, pm.machines[o.Name]); err != nil {
				return err
			}
		}
	}
	return nil
}

// machineName names an instance's OCIMachinePoolMachine after its display name, as the earlier provider did, or,
// when that is no valid name or already taken, after the pool and the instance's OCID.
func machineName(pool string, in core.InstanceSummary, taken map[string]bool) string {
	name := strings.ToLower(ptr.Deref(in.DisplayName, ""))
	if name != "" && len(validation.IsDNS1123Subdomain(name)) == 0 && !taken[name] {
		return name
	}
	sum := sha256.Sum256([]byte(ptr.Deref(in.Id, "")))
	return fmt.Sprintf("%s-%s", pool, hex.EncodeToString(sum[:5]))
}

// createMachine makes the OCIMachinePoolMachine of a new instance, labelled as Cluster API selects a MachinePool's
// infrastructure machines and owned (not controlled: its Machine will control it) by the pool.
func (r *OCIMachinePoolReconciler) createMachine(ctx context.Context, cluster *clusterv1.Cluster, mp *clusterv1.MachinePool,
	p *infrav1exp.OCIMachinePool, in core.InstanceSummary, taken map[string]bool) error {
	id := ptr.Deref(in.Id, "")
	o := &infrav1exp.OCIMachinePoolMachine{ObjectMeta: metav1.ObjectMeta{
		Name: machineName(p.Name, in, taken), Namespace: p.Namespace,
		Labels: map[string]string{clusterv1.ClusterNameLabel: cluster.Name, clusterv1.MachinePoolNameLabel: format.MustFormatValue(mp.Name)},
		OwnerReferences: []metav1.OwnerReference{{APIVersion: infrav1exp.GroupVersion.String(), Kind: "OCIMachinePool",
			Name: p.Name, UID: p.UID}},
		Finalizers: []string{infrav1exp.MachinePoolMachineFinalizer},
	}, Spec: infrav1exp.OCIMachinePoolMachineSpec{OCID: id, ProviderID: ptr.To(instancepool.ProviderIDPrefix + id),
		InstanceName: ptr.Deref(in.DisplayName, ""), MachineType: selfManagedMachineType}}
	if v, ok := p.Labels[clusterv1.WatchLabel]; ok {
		o.Labels[clusterv1.WatchLabel] = v
	}
	if err := r.Client.Create(ctx, o); err != nil {
		if apierrors.IsAlreadyExists(err) {
			return nil // made at the last look, not in the cache yet
		}
		return fmt.Errorf("creating the OCIMachinePoolMachine of instance %s: %w", id, err)
	}
	taken[o.Name] = true
	ctrl.LoggerFrom(ctx).Info("Instance joined the pool", "instance", id, "OCIMachinePoolMachine", o.Name)
	return r.markProvisioned(ctx, o, in)
}

// markProvisioned marks an OCIMachinePoolMachine provisioned once its instance runs, so that its Machine looks for
// its Node.
func (r *OCIMachinePoolReconciler) markProvisioned(ctx context.Context, o *infrav1exp.OCIMachinePoolMachine, in core.InstanceSummary) error {
	state, _ := core.GetMappingInstanceLifecycleStateEnum(ptr.Deref(in.State, ""))
	if state != core.InstanceLifecycleStateRunning || ptr.Deref(o.Status.Initialization.Provisioned, false) {
		return nil
	}
	before := o.DeepCopy()
	o.Status.Initialization.Provisioned = ptr.To(true)
	conditions.Set(o, metav1.Condition{Type: clusterv1.ReadyCondition, Status: metav1.ConditionTrue, Reason: "InstanceRunning"})
	if err := r.Client.Status().Patch(ctx, o, client.MergeFrom(before)); err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("marking OCIMachinePoolMachine %s provisioned: %w", o.Name, err)
	}
	return nil
}

// settleMachine lets an OCIMachinePoolMachine go once its instance is released, and deletes one whose instance
// left the pool some other way (its Machine first, when it has one).
func (r *OCIMachinePoolReconciler) settleMachine(ctx context.Context, o *infrav1exp.OCIMachinePoolMachine, m *clusterv1.Machine,
	inPool map[string]core.InstanceSummary, released []string) error {
	_, in := inPool[o.Spec.OCID]
	switch {
	case !o.DeletionTimestamp.IsZero() && (slices.Contains(released, o.Spec.OCID) || o.Spec.OCID == ""):
		before := o.DeepCopy()
		if controllerutil.RemoveFinalizer(o, infrav1exp.MachinePoolMachineFinalizer) {
			if err := r.Client.Patch(ctx, o, client.MergeFrom(before)); err != nil && !apierrors.IsNotFound(err) {
				return fmt.Errorf("letting OCIMachinePoolMachine %s go: %w", o.Name, err)
			}
			ctrl.LoggerFrom(ctx).Info("Instance released", "instance", o.Spec.OCID, "OCIMachinePoolMachine", o.Name)
		}
	case o.DeletionTimestamp.IsZero() && !in:
		ctrl.LoggerFrom(ctx).Info("Instance left the pool outside Cluster API", "instance", o.Spec.OCID)
		return r.removeMachine(ctx, o, m)
	}
	return nil
}

// removeMachine deletes an instance's Machine, or its OCIMachinePoolMachine when it has no Machine yet.
func (r *OCIMachinePoolReconciler) removeMachine(ctx context.Context, o *infrav1exp.OCIMachinePoolMachine, m *clusterv1.Machine) error {
	var obj client.Object = o
	if m != nil {
		obj = m
	}
	if !obj.GetDeletionTimestamp().IsZero() {
		return nil
	}
	if err := r.Client.Delete(ctx, obj); err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("deleting %s %s: %w", obj.GetObjectKind().GroupVersionKind().Kind, obj.GetName(), err)
	}
	ctrl.LoggerFrom(ctx).Info("Removing an instance from the pool", "instance", o.Spec.OCID, "machine", obj.GetName())
	return nil
}

// releaseAll lets every OCIMachinePoolMachine of a deleted pool go, and deletes it and its Machine: their
// instances went with the pool. (Cluster API leaves a deleted MachinePool's Machines to the garbage collector;
// deleting them here does not wait for it.)
func (r *OCIMachinePoolReconciler) releaseAll(ctx context.Context, pm *poolMachines) error {
	for i := range pm.infra {
		o := &pm.infra[i]
		if m := pm.machines[o.Name]; m != nil && m.DeletionTimestamp.IsZero() {
			if err := r.Client.Delete(ctx, m); err != nil && !apierrors.IsNotFound(err) {
				return fmt.Errorf("deleting Machine %s of a deleted pool: %w", m.Name, err)
			}
		}
		before := o.DeepCopy()
		if controllerutil.RemoveFinalizer(o, infrav1exp.MachinePoolMachineFinalizer) {
			if err := r.Client.Patch(ctx, o, client.MergeFrom(before)); err != nil && !apierrors.IsNotFound(err) {
				return fmt.Errorf("letting OCIMachinePoolMachine %s go: %w", o.Name, err)
			}
		}
		if o.DeletionTimestamp.IsZero() {
			if err := r.Client.Delete(ctx, o); err != nil && !apierrors.IsNotFound(err) {
				return fmt.Errorf("deleting OCIMachinePoolMachine %s: %w", o.Name, err)
			}
		}
	}
	return nil
}

// observeMachinePool writes what the instance pool service read: the provider IDs, the replicas and ready
// replicas, the machines' kind and whether every instance is up to date.
func observeMachinePool(p *infrav1exp.OCIMachinePool, s *scope.MachinePoolScope) {
	obs := s.Observed
	if ids := instancepool.ProviderIDs(obs.Instances); !slices.Equal(ids, p.Spec.ProviderIDList) {
		p.Spec.ProviderIDList = ids
	}
	if ptr.Deref(p.Spec.ProviderID, "") == "" && obs.Pool.Id != nil {
		p.Spec.ProviderID = ptr.To(providerIDPrefix + *obs.Pool.Id)
	}
	var ready, outdated int32
	for _, in := range obs.Instances {
		if s.Instances[ptr.Deref(in.Id, "")].Ready {
			ready++
		}
		if !s.UpToDate(ptr.Deref(in.InstanceConfigurationId, "")) {
			outdated++
		}
	}
	n := int32(len(obs.Instances)) //nolint:gosec // a pool's size fits
	p.Status.Replicas, p.Status.ReadyReplicas = n, ready
	p.Status.InfrastructureMachineKind = machinePoolMachineKind
	if outdated > 0 {
		conditions.Set(p, metaCondition(infrav1exp.InstancesUpToDateCondition, infrav1exp.RollingUpdateInProgressReason,
			fmt.Sprintf("%d of %d instances launched from the current template", n-outdated, n)))
		return
	}
	conditions.Set(p, metav1.Condition{Type: infrav1exp.InstancesUpToDateCondition, Status: metav1.ConditionTrue, Reason: infrav1exp.UpToDateReason})
}

// metaCondition is a False condition.
func metaCondition(t, reason, message string) metav1.Condition {
	return metav1.Condition{Type: t, Status: metav1.ConditionFalse, Reason: reason, Message: message}
}

// bootstrapData reads the MachinePool's bootstrap data Secret; nil while it names none.
func (r *OCIMachinePoolReconciler) bootstrapData(ctx context.Context, mp *clusterv1.MachinePool) ([]byte, error) {
	return readBootstrapData(ctx, r.APIReader, mp.Namespace, ptr.Deref(mp.Spec.Template.Spec.Bootstrap.DataSecretName, ""))
}

// machineToPool maps a MachinePool's Machine to the MachinePool's OCIMachinePool.
func (r *OCIMachinePoolReconciler) machineToPool(ctx context.Context, o client.Object) []reconcile.Request {
	name, ok := o.GetLabels()[clusterv1.MachinePoolNameLabel]
	if !ok {
		return nil
	}
	mps := &clusterv1.MachinePoolList{}
	if err := r.Client.List(ctx, mps, client.InNamespace(o.GetNamespace()),
		client.MatchingLabels{clusterv1.ClusterNameLabel: o.GetLabels()[clusterv1.ClusterNameLabel]}); err != nil {
		return nil
	}
	for i := range mps.Items {
		mp := &mps.Items[i]
		ref := mp.Spec.Template.Spec.InfrastructureRef
		if format.MustFormatValue(mp.Name) == name && ref.Kind == "OCIMachinePool" {
			return []reconcile.Request{{NamespacedName: client.ObjectKey{Namespace: mp.Namespace, Name: ref.Name}}}
		}
	}
	return nil
}
