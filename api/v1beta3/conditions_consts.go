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

package v1beta3

// Conditions of an OCICluster (the v1beta2 contract's metav1.Conditions). Ready summarizes one condition per
// OCI service; each says, when False, what is wrong and what to do.
const (
	// IdentityReadyCondition is True when the cluster may sign its OCI calls with its identity (spec.identityRef,
	// or the manager's own).
	IdentityReadyCondition = "IdentityReady"
	// VCNReadyCondition is True when the VCN is in place.
	VCNReadyCondition = "VCNReady"
	// InternetGatewayReadyCondition is True when the internet gateway is in place (or not needed).
	InternetGatewayReadyCondition = "InternetGatewayReady"
	// NATGatewayReadyCondition is True when the NAT gateway is in place (or not needed).
	NATGatewayReadyCondition = "NATGatewayReady"
	// ServiceGatewayReadyCondition is True when the service gateway is in place (or not needed).
	ServiceGatewayReadyCondition = "ServiceGatewayReady"
	// NetworkSecurityGroupsReadyCondition is True when the NSGs and their rules are in place.
	NetworkSecurityGroupsReadyCondition = "NetworkSecurityGroupsReady"
	// RouteTablesReadyCondition is True when the route tables and their rules are in place.
	RouteTablesReadyCondition = "RouteTablesReady"
	// SecurityListsReadyCondition is True when the subnets' security lists are in place.
	SecurityListsReadyCondition = "SecurityListsReady"
	// SubnetsReadyCondition is True when the subnets are in place.
	SubnetsReadyCondition = "SubnetsReady"
	// DRGReadyCondition is True when the DRG of spec.networkSpec.vcnPeering is in place (or not asked for).
	DRGReadyCondition = "DRGReady"
	// VCNPeeringReadyCondition is True when the VCN is attached to the DRG and the remote peering connections are
	// peered (or no peering is asked for).
	VCNPeeringReadyCondition = "VCNPeeringReady"
	// FailureDomainsReadyCondition is True when status.failureDomains is set.
	FailureDomainsReadyCondition = "FailureDomainsReady"
	// APIServerLoadBalancerReadyCondition is True when the API server's load balancer is in place and
	// spec.controlPlaneEndpoint is set.
	APIServerLoadBalancerReadyCondition = "APIServerLoadBalancerReady"
	// ClusterNetworkValidCondition is False when the Cluster's pod or service CIDRs overlap the VCN's (pods or
	// services then route to the wrong place). It does not hold the cluster back: the earlier provider accepted
	// such clusters.
	ClusterNetworkValidCondition = "ClusterNetworkValid"
)

// Reasons of the OCICluster's conditions (an OCI error gives its own: OCIRequestRefused, OCINotAuthorized, ...).
const (
	// ProvisionedReason is the reason of a True service condition.
	ProvisionedReason = "Provisioned"
	// ProvisioningReason is the reason of a service condition whose resources are on their way.
	ProvisioningReason = "Provisioning"
	// DeletingReason is the reason of a service condition whose resources are being deleted.
	DeletingReason = "Deleting"
	// NotManagedReason is the reason of a True service condition whose resources the provider does not manage
	// (spec.networkSpec.skipNetworkManagement, or infrastructure managed outside Cluster API).
	NotManagedReason = "NotManaged"
	// WaitingReason is the reason of a service condition that waits for another service.
	WaitingReason = "Waiting"
	// ReconcileFailedReason is the reason of a service condition whose reconcile failed without an OCI error.
	ReconcileFailedReason = "ReconcileFailed"
	// NamespaceNotAllowedReason is the reason of a False IdentityReady whose OCIClusterIdentity does not allow the
	// cluster's namespace (spec.allowedNamespaces), named as the earlier provider named it.
	NamespaceNotAllowedReason = "NamespaceNotAllowedByIdentity"
	// IdentityNotFoundReason is the reason of a False IdentityReady whose identity could not be read.
	IdentityNotFoundReason = "IdentityNotFound"
	// CIDROverlapReason is the reason of a False ClusterNetworkValid.
	CIDROverlapReason = "CIDROverlap"
	// ValidReason is the reason of a True ClusterNetworkValid.
	ValidReason = "Valid"
)

// Finalizers, named as the earlier provider named them (objects it stored carry them).
const (
	// ClusterFinalizer lets the OCICluster controller delete the cluster's OCI resources before the object goes.
	ClusterFinalizer = "ocicluster.infrastructure.cluster.x-k8s.io"
)

// SkipAPIServerLoadBalancerAnnotation on an OCICluster tells the controller to leave the API server's load
// balancer alone (neither create nor delete it) and to keep spec.controlPlaneEndpoint as the user set it, as the
// earlier provider did.
const SkipAPIServerLoadBalancerAnnotation = "cluster.x-k8s.io/skip-apiserver-lb-management"
