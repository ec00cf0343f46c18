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
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/blockvolume"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/lbbackend"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/vnic"
)

// readyMachineConditions are the conditions Ready summarizes.
var readyMachineConditions = []string{infrav1.InstanceReadyCondition, infrav1.VNICAttachmentsReadyCondition,
	infrav1.BlockVolumeReadyCondition, infrav1.LoadBalancerBackendReadyCondition}

// ownedMachineConditions are the conditions the OCIMachine controller writes.
var ownedMachineConditions = append([]string{clusterv1.ReadyCondition, clusterv1.PausedCondition}, readyMachineConditions...)

// providerIDPrefix starts spec.providerID, as the OCI cloud controller manager writes it on Nodes.
const providerIDPrefix = "oci://"

// machineSteps are the OCIMachine's services in the order they run (delete runs them in reverse: the machine
// leaves the load balancer before its instance is terminated).
func machineSteps(s *scope.MachineScope) []step {
	c := s.Clients
	return []step{
		// The block volume is made before the instance, in its availability domain, and deleted after it.
		{condition: infrav1.BlockVolumeReadyCondition, service: "blockvolume", svc: blockvolume.NewVolume(s, c.Blockstorage)},
		{condition: infrav1.InstanceReadyCondition, service: "instance", svc: instance.New(s, c.Compute)},
		{condition: infrav1.VNICAttachmentsReadyCondition, service: "vnicattachments", afterPrevious: true,
			svc: vnic.New(s, vnic.SDK{Compute: c.Compute, Network: c.VirtualNetwork})},
		{condition: infrav1.BlockVolumeReadyCondition, service: "blockvolume", afterPrevious: true,
			svc: blockvolume.NewAttachment(s, c.Compute)},
		{condition: infrav1.LoadBalancerBackendReadyCondition, service: "loadbalancerbackend", afterPrevious: true,
			svc: lbbackend.New(s, c.NetworkLoadBalancer, c.LoadBalancer)},
	}
}

// reconcile runs the machine's services once the cluster's infrastructure and the bootstrap data are there.
func (r *OCIMachineReconciler) reconcile(ctx context.Context, cluster *clusterv1.Cluster, m *clusterv1.Machine, om *infrav1.OCIMachine) (ctrl.Result, outcome, error) {
	deleting := !om.DeletionTimestamp.IsZero()
	mc, err := r.infraCluster(ctx, cluster, om.Namespace)
	switch {
	case apierrors.IsNotFound(err) && deleting:
		// Without its cluster the machine has no identity to call OCI with: it lets go, and says what it leaves.
		r.warnf(om, "ClusterInfrastructureGone", "the %s is gone: instance %q, if any, is left in OCI", cluster.Spec.InfrastructureRef.Kind, om.Spec.InstanceID)
		controllerutil.RemoveFinalizer(om, infrav1.MachineFinalizer)
		return ctrl.Result{}, outcome{}, nil
	case err != nil:
		return ctrl.Result{}, outcome{}, err
	}
	if !deleting && !ptr.Deref(cluster.Status.Initialization.InfrastructureProvisioned, false) {
		return waiting(om, infrav1.WaitingForClusterInfrastructureReason, "waiting for the cluster's infrastructure to be provisioned")
	}
	s, err := r.machineScope(ctx, m, om, mc)
	if err != nil {
		return ctrl.Result{}, outcome{failed: "instance", terminal: true, message: err.Error()}, err
	}
	var out outcome
	if deleting {
		out = r.reconcileDelete(ctx, s)
	} else {
		if s.InstanceID() == "" {
			if s.BootstrapData, err = r.bootstrapData(ctx, m); err != nil {
				return ctrl.Result{}, outcome{}, err
			}
			if s.BootstrapData == nil {
				return waiting(om, infrav1.WaitingForBootstrapDataReason, "waiting for the Machine's bootstrap data")
			}
		}
		out = r.reconcileNormal(ctx, s)
	}
	res, err := out.result()
	return res, out, err
}

// waiting reports a machine that waits for something a watch brings it back for: no requeue, no OCI call.
func waiting(om *infrav1.OCIMachine, reason, message string) (ctrl.Result, outcome, error) {
	conditions.Set(om, metav1.Condition{Type: infrav1.InstanceReadyCondition, Status: metav1.ConditionFalse, Reason: reason, Message: message})
	return ctrl.Result{}, outcome{message: message}, nil
}

// machineCluster is what a machine needs of its Cluster's infrastructure: the cluster as the machine services see
// it, and the identity and region to call OCI with.
type machineCluster struct {
	scope  scope.MachineCluster
	access access
}

// infraCluster reads the Cluster's infrastructure cluster: an OCICluster, or the OCIManagedCluster of an OKE
// cluster whose self-managed nodes the OCIMachines are. Both give one MachineCluster, so that the machine's
// services are the same.
func (r *OCIMachineReconciler) infraCluster(ctx context.Context, cluster *clusterv1.Cluster, namespace string) (machineCluster, error) {
	return infraClusterOf(ctx, r.Client, cluster, namespace)
}

// infraClusterOf reads the Cluster's infrastructure cluster with c (see OCIMachineReconciler.infraCluster): the
// machines of an OCIMachinePool run where an OCIMachine's would.
func infraClusterOf(ctx context.Context, c client.Client, cluster *clusterv1.Cluster, namespace string) (machineCluster, error) {
	ref := cluster.Spec.InfrastructureRef
	key := client.ObjectKey{Namespace: namespace, Name: ref.Name}
	switch ref.Kind {
	case "OCICluster":
		oc := &infrav1.OCICluster{}
		if err := c.Get(ctx, key, oc); err != nil {
			return machineCluster{}, fmt.Errorf("reading the OCICluster %s: %w", ref.Name, err)
		}
		return machineCluster{scope: scope.MachineClusterOf(oc), access: access{namespace: oc.Namespace,
			identity: oc.Spec.IdentityRef, region: oc.Spec.Region, overrides: oc.Spec.ClientOverrides}}, nil
	case "OCIManagedCluster":
		mc := &infrav1.OCIManagedCluster{}
		if err := c.Get(ctx, key, mc); err != nil {
			return machineCluster{}, fmt.Errorf("reading the OCIManagedCluster %s: %w", ref.Name, err)
		}
		return machineCluster{scope: scope.MachineClusterOfManaged(mc), access: managedClusterAccess(mc)}, nil
	default:
		return machineCluster{}, fmt.Errorf("the Cluster's infrastructure is a %q: OCIMachines run in OCIClusters and OCIManagedClusters", ref.Kind)
	}
}

// machineScope resolves the cluster's identity and clients: a machine calls OCI as its cluster does.
func (r *OCIMachineReconciler) machineScope(ctx context.Context, m *clusterv1.Machine, om *infrav1.OCIMachine, mc machineCluster) (*scope.MachineScope, error) {
	_, c, err := r.Cloud.clientsFor(ctx, mc.access)
	if err != nil {
		return nil, fmt.Errorf("the cluster's identity: %w", err)
	}
	return scope.NewMachineScope(m, om, mc.scope, c, r.Cloud.DriftInterval), nil
}

// reconcileNormal launches the instance and makes it part of the cluster. Once it runs with its addresses the
// machine is provisioned (status.initialization.provisioned, never reset), with spec.providerID and
// status.failureDomain.
func (r *OCIMachineReconciler) reconcileNormal(ctx context.Context, s *scope.MachineScope) outcome {
	om := s.OCIMachine
	out := runSteps(ctx, om, machineSteps(s), false)
	if conditions.IsTrue(om, infrav1.InstanceReadyCondition) && len(om.Status.Addresses) > 0 {
		om.Spec.ProviderID = ptr.To(providerIDPrefix + s.InstanceID())
		if p, err := s.Placement(); err == nil {
			om.Status.FailureDomain = p.FailureDomain
		}
		if !ptr.Deref(om.Status.Initialization.Provisioned, false) {
			ctrl.LoggerFrom(ctx).Info("Machine provisioned", "instance", s.InstanceID())
		}
		om.Status.Initialization.Provisioned = ptr.To(true)
	}
	if out.failed == "instance" && conditions.GetReason(om, infrav1.InstanceReadyCondition) == infrav1.InstanceTerminatedReason {
		r.instanceTerminated(ctx, s)
	}
	if out.done {
		// Nothing to wait for: the next look is the drift check, which finds an instance terminated behind
		// Cluster API's back.
		out.requeueAfter = async.Jitter(s.DriftInterval())
	}
	return out
}

// instanceTerminated reports an instance terminated outside Cluster API, and deletes the Machine when it asks
// for it (the earlier provider's annotation).
func (r *OCIMachineReconciler) instanceTerminated(ctx context.Context, s *scope.MachineScope) {
	r.warnf(s.OCIMachine, infrav1.InstanceTerminatedReason, "instance %s was terminated outside Cluster API", s.InstanceID())
	if _, ok := s.Machine.Annotations[infrav1.DeleteMachineOnInstanceTerminationAnnotation]; !ok || !s.Machine.DeletionTimestamp.IsZero() {
		return
	}
	if err := r.Client.Delete(ctx, s.Machine); err != nil && !apierrors.IsNotFound(err) {
		ctrl.LoggerFrom(ctx).Error(err, "Deleting the Machine of a terminated instance")
		return
	}
	ctrl.LoggerFrom(ctx).Info("Deleted the Machine of a terminated instance, as its annotation asks")
}

// reconcileDelete takes the machine out of the load balancer, terminates the instance and then lets the object go.
func (r *OCIMachineReconciler) reconcileDelete(ctx context.Context, s *scope.MachineScope) outcome {
	out := runSteps(ctx, s.OCIMachine, machineSteps(s), true)
	if out.done {
		controllerutil.RemoveFinalizer(s.OCIMachine, infrav1.MachineFinalizer)
		ctrl.LoggerFrom(ctx).Info("Machine deleted", "instance", s.InstanceID())
	}
	return out
}

// warnf records a Warning event on the OCIMachine.
func (r *OCIMachineReconciler) warnf(om *infrav1.OCIMachine, reason, format string, args ...any) {
	if r.Recorder != nil {
		r.Recorder.Eventf(om, nil, corev1.EventTypeWarning, reason, "Reconcile", format, args...)
	}
}

// summarizeMachine sets Ready from the services' conditions, and the earlier provider's InstanceReady and Ready.
func summarizeMachine(om *infrav1.OCIMachine, out outcome, now time.Time) {
	deleting := !om.DeletionTimestamp.IsZero()
	_ = conditions.SetSummaryCondition(om, om, clusterv1.ReadyCondition, conditions.ForConditionTypes(readyMachineConditions),
		conditions.IgnoreTypesIfMissing{infrav1.VNICAttachmentsReadyCondition, infrav1.BlockVolumeReadyCondition,
			infrav1.LoadBalancerBackendReadyCondition})
	scope.SetLegacyConditions(om, scope.LegacyMachine, scope.Outcome{
		Ready:         !deleting && out.done && ptr.Deref(om.Status.Initialization.Provisioned, false),
		Deleting:      deleting && out.failed == "",
		FailedService: out.failed, Terminal: out.terminal, Message: out.message,
	}, now)
}
