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

// Package scope holds what the controllers share about the object they reconcile: its status, both ways.
package scope

import (
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the earlier provider's conditions are in the v1beta1 contract's shape
)

// The earlier provider's conditions. Objects read as v1beta1 or v1beta2 show them (status.conditions there is
// status.deprecated.v1beta1.conditions here), so the scripts, dashboards and `kubectl wait --for=condition=...` that
// users run against those versions keep working.

// LegacyKind is the earlier provider's condition of one kind: its type, the reason it gave while waiting, and the
// reason it gave when one of our services failed, by service name.
type LegacyKind struct {
	Type          clusterv1beta1.ConditionType
	WaitingReason string
	FailedReasons map[string]string
	// DefaultFailedReason is the reason of a failed service without its own.
	DefaultFailedReason string
}

// The earlier provider's condition of each kind, with its reasons.
var (
	LegacyCluster = LegacyKind{Type: "ClusterReady", WaitingReason: "ClusterNotReady",
		DefaultFailedReason: "VcnReconciliationFailed",
		FailedReasons: map[string]string{
			"vcn": "VcnReconciliationFailed", "drg": "DRGReconciliationFailed",
			"drgvcnattachment": "DRGVCNAttachmentReconciliationFailed", "drgrpcattachment": "DRGRPCAttachmentReconciliationFailed",
			"internetgateway": "InternetGatewayReconciliationFailed", "natgateway": "NatGatewayReconciliationFailed",
			"servicegateway": "ServiceGatewayReconciliationFailed", "nsg": "NSGReconciliationFailed",
			"routetable": "RouteTableReconciliationFailed", "subnet": "SubnetReconciliationFailed",
			"securitylist": "SecurityListReconciliationFailed", "loadbalancer": "APIServerLoadBalancerReconciliationFailed",
			"failuredomains": "FailureDomainFailedReconciliationFailed",
		}}
	LegacyMachine = LegacyKind{Type: "InstanceReady", WaitingReason: "InstanceNotReady",
		DefaultFailedReason: "InstanceProvisionFailed",
		FailedReasons: map[string]string{
			"instance": "InstanceProvisionFailed", "loadbalancerbackend": "BackendAdditionFailed",
			"vnicattachments": "VnicAttachmentFailed",
		}}
	LegacyControlPlane     = LegacyKind{Type: "ControlPlaneReady", WaitingReason: "ControlPlaneNotReady", DefaultFailedReason: "ControlPlaneProvisionFailed"}
	LegacyNodePool         = LegacyKind{Type: "NodePoolReady", WaitingReason: "NodePoolNotReady", DefaultFailedReason: "NodePoolProvisionFailed"}
	LegacyVirtualNodePool  = LegacyKind{Type: "VirtualNodePoolReady", WaitingReason: "VirtualNodePoolNotReady", DefaultFailedReason: "VirtualNodePoolProvisionFailed"}
	LegacyInstancePool     = LegacyKind{Type: "InstancePoolReady", WaitingReason: "InstancePoolNotReady", DefaultFailedReason: "InstancePoolProvisionFailed"}
	legacyReadyType        = clusterv1beta1.ReadyCondition
	legacyDeletingReason   = clusterv1beta1.DeletingReason
	legacyWaitingSeverity  = clusterv1beta1.ConditionSeverityInfo
	legacyFailedSeverity   = clusterv1beta1.ConditionSeverityError
	legacyRetryingSeverity = clusterv1beta1.ConditionSeverityWarning
)

// V1Beta1Object is an object with conditions in the v1beta1 contract's shape (status.deprecated.v1beta1).
type V1Beta1Object interface {
	GetV1Beta1Conditions() clusterv1beta1.Conditions
	SetV1Beta1Conditions(clusterv1beta1.Conditions)
}

// Outcome is where a reconcile left the object, as the earlier provider's conditions tell it.
type Outcome struct {
	// Ready is true when everything is in place.
	Ready bool
	// Deleting is true while the object is being deleted.
	Deleting bool
	// FailedService is the service that failed, "" when none did (then the object is waiting).
	FailedService string
	// Terminal is true when the failure needs a person (Error severity); else it is retried (Warning).
	Terminal bool
	// Message says what is going on.
	Message string
}

// SetLegacyConditions writes the kind's condition and Ready, as the earlier provider did: True when ready, else
// False with its waiting reason (Info), the failed service's reason (Warning while retried, Error when a person is
// needed), or Deleting. A condition keeps its transition time when nothing of it changes.
func SetLegacyConditions(obj V1Beta1Object, kind LegacyKind, o Outcome, now time.Time) {
	c := clusterv1beta1.Condition{Type: kind.Type, Status: "True"}
	switch {
	case o.Ready:
	case o.Deleting:
		c = falseCondition(kind.Type, legacyDeletingReason, legacyWaitingSeverity, o.Message)
	case o.FailedService != "":
		reason := kind.FailedReasons[o.FailedService]
		if reason == "" {
			reason = kind.DefaultFailedReason
		}
		severity := legacyRetryingSeverity
		if o.Terminal {
			severity = legacyFailedSeverity
		}
		c = falseCondition(kind.Type, reason, severity, o.Message)
	default:
		c = falseCondition(kind.Type, kind.WaitingReason, legacyWaitingSeverity, o.Message)
	}
	ready := c
	ready.Type = legacyReadyType
	conds := obj.GetV1Beta1Conditions()
	conds = setLegacy(conds, ready, now)
	conds = setLegacy(conds, c, now)
	obj.SetV1Beta1Conditions(conds)
}

func falseCondition(t clusterv1beta1.ConditionType, reason string, severity clusterv1beta1.ConditionSeverity, msg string) clusterv1beta1.Condition {
	return clusterv1beta1.Condition{Type: t, Status: "False", Reason: reason, Severity: severity, Message: msg}
}

// setLegacy puts c into conds (Ready first, the others by type), keeping the transition time of an unchanged one.
func setLegacy(conds clusterv1beta1.Conditions, c clusterv1beta1.Condition, now time.Time) clusterv1beta1.Conditions {
	c.LastTransitionTime = metav1.NewTime(now.UTC().Truncate(time.Second))
	for i := range conds {
		if conds[i].Type != c.Type {
			continue
		}
		old := conds[i]
		if old.Status == c.Status && old.Reason == c.Reason && old.Severity == c.Severity && old.Message == c.Message {
			return conds
		}
		conds[i] = c
		return conds
	}
	if c.Type == legacyReadyType {
		return append(clusterv1beta1.Conditions{c}, conds...)
	}
	return append(conds, c)
}
