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
	// MachineFinalizer lets the OCIMachine controller take the instance out of the load balancer and terminate
	// it before the object goes.
	MachineFinalizer = "ocimachine.infrastructure.cluster.x-k8s.io"
	// ManagedClusterFinalizer lets the OCIManagedCluster controller delete an OKE cluster's network before the
	// object goes.
	ManagedClusterFinalizer = "ocimanagedcluster.infrastructure.cluster.x-k8s.io"
	// ControlPlaneFinalizer lets the OCIManagedControlPlane controller delete the OKE cluster before the object
	// goes.
	ControlPlaneFinalizer = "ocimanagedcontrolplane.infrastructure.cluster.x-k8s.io"
)

// Conditions of an OCIManagedControlPlane. Ready summarizes OKEClusterReady and KubeconfigReady; Available is the
// control-plane contract's condition.
const (
	// OKEClusterReadyCondition is True when the OKE cluster is ACTIVE and as its spec asks, as far as OKE can
	// change it.
	OKEClusterReadyCondition = "OKEClusterReady"
	// KubeconfigReadyCondition is True when the <cluster>-kubeconfig Secret holds a token that is not about to
	// expire.
	KubeconfigReadyCondition = "KubeconfigReady"
	// AddonsReadyCondition is True when every add-on of spec.addons is installed as declared and every add-on
	// removed from it is disabled; each add-on also has a condition of its own, Addon<Name>Ready.
	AddonsReadyCondition = "AddonsReady"
	// SpecAppliedCondition is False when the spec asks for a change OKE cannot make in place (its message names
	// the fields); the cluster keeps running as it is.
	SpecAppliedCondition = "SpecApplied"
)

// Reasons of the OCIManagedControlPlane conditions.
const (
	// UnchangeableFieldsReason: the spec differs from the OKE cluster in fields OKE cannot change in place.
	UnchangeableFieldsReason = "UnchangeableFields"
	// AvailableReason: the OKE cluster serves its API.
	AvailableReason = "Available"
	// NotAvailableReason: the OKE cluster does not serve its API yet (or any more).
	NotAvailableReason = "NotAvailable"
	// WaitingForNetworkReason: the OCIManagedCluster's network is not provisioned yet.
	WaitingForNetworkReason = "WaitingForNetwork"
)

// Conditions of an OCIMachine. Ready summarizes them; the Machine shows it as InfrastructureReady, so a
// MachineHealthCheck can act on InfrastructureReady False (an instance terminated outside Cluster API).
const (
	// InstanceReadyCondition is True when the instance is running and its addresses are known.
	InstanceReadyCondition = "InstanceReady"
	// VNICAttachmentsReadyCondition is True when the secondary VNICs of spec.vnicAttachments are attached.
	VNICAttachmentsReadyCondition = "VNICAttachmentsReady"
	// BlockVolumeReadyCondition is True when the block volume of spec.blockvolumeSpec is attached.
	BlockVolumeReadyCondition = "BlockVolumeReady"
	// LoadBalancerBackendReadyCondition is True when a control-plane machine is a backend of the API server's
	// load balancer (always True for workers).
	LoadBalancerBackendReadyCondition = "LoadBalancerBackendReady"
)

// Reasons of the OCIMachine conditions.
const (
	// WaitingForClusterInfrastructureReason: the cluster's infrastructure is not provisioned yet.
	WaitingForClusterInfrastructureReason = "WaitingForClusterInfrastructure"
	// WaitingForBootstrapDataReason: the Machine's bootstrap data Secret is not there yet.
	WaitingForBootstrapDataReason = "WaitingForBootstrapData"
	// InstanceTerminatedReason: the instance was terminated (or stopped being found) outside Cluster API. The
	// machine is not replaced in place: a MachineHealthCheck on InfrastructureReady replaces the Machine.
	InstanceTerminatedReason = "InstanceTerminated"
	// InstanceNotRunningReason: the instance is stopped, stopping or moving.
	InstanceNotRunningReason = "InstanceNotRunning"
	// OutOfHostCapacityReason: OCI has no capacity for the shape where the machine may go.
	OutOfHostCapacityReason = "OutOfHostCapacity"
	// BootstrapDataTooLargeReason: the bootstrap data and metadata are over OCI's 32,000-byte limit.
	BootstrapDataTooLargeReason = "BootstrapDataTooLarge"
	// LoadBalancerBusyReason: the load balancer is changing for another machine; the backend is added after.
	LoadBalancerBusyReason = "LoadBalancerBusy"
)

// LaunchNonceAnnotation on an OCIMachine is the random value its instance's launch retry token is made from. It
// is written before the first launch; unlike the UID it survives clusterctl move, and a machine deleted and made
// again under the same name gets a new one.
const LaunchNonceAnnotation = "ocimachine.infrastructure.cluster.x-k8s.io/launch-nonce"

// DeleteMachineOnInstanceTerminationAnnotation on a Machine makes the controller delete the Machine when its
// instance is terminated outside Cluster API, as with the earlier provider.
const DeleteMachineOnInstanceTerminationAnnotation = "ociclusters.x-k8s.io/delete-machine-on-instance-termination"

// SkipAPIServerLoadBalancerAnnotation on an OCICluster tells the controller to leave the API server's load
// balancer alone (neither create nor delete it) and to keep spec.controlPlaneEndpoint as the user set it, as the
// earlier provider did.
const SkipAPIServerLoadBalancerAnnotation = "cluster.x-k8s.io/skip-apiserver-lb-management"
