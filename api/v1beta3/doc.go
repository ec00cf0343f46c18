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

// Package v1beta3 holds the v1beta3 API of the OCI infrastructure provider: the hub and storage version,
// implementing the Cluster API v1beta2 contract. Controllers read and write only this version.
//
// The spec carries every spec field of v1beta1 and v1beta2. Where the spokes differ, the hub has the v1beta2 shape
// plus what only v1beta1 had:
//   - v1beta1 vcn.internetGatewayId, natGatewayId, serviceGatewayId: vcn.internetGateway.id, natGateway.id,
//     serviceGateway.id;
//   - v1beta1 vcn.privateRouteTableId, publicRouteTableId: vcn.routeTable.privateRouteTableId, publicRouteTableId;
//   - v1beta1 vcn.networkSecurityGroups: vcn.networkSecurityGroup.list; the ids of its ingress and egress rules
//     (egressRules[].id, ingressRules[].id), which v1beta2 dropped, are kept;
//   - v1beta1 OCIMachine spec.nsgName is kept as spec.nsgName;
//   - v1beta1 status.availabilityDomains of OCICluster and OCIManagedCluster: spec.availabilityDomains (where v1beta2
//     has it).
//
// Status follows the v1beta2 contract: status.ready becomes status.initialization.provisioned (and
// OCIManagedControlPlane status.initialized becomes status.initialization.controlPlaneInitialized), the failure
// domain map becomes a list, conditions are metav1.Condition; the old conditions, failureReason, failureMessage(s)
// and the control plane's ready move to status.deprecated.v1beta1. Templates gain spec.template.metadata.
//
// +kubebuilder:object:generate=true
// +groupName=infrastructure.cluster.x-k8s.io
package v1beta3
