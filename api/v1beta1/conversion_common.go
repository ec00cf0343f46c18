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

//nolint:staticcheck // Converting reads and writes the deprecated v1beta1 contract fields: keeping them is the point.
package v1beta1

// This file holds the conversion functions conversion-gen cannot write: fields whose shape differs between this
// version and the hub (api/v1beta3). They map what both versions can express; what only the hub can express is
// kept in an annotation by the converters in webhooks/conversion, which stay out of this package so that it holds
// types and pure functions only.

import (
	"slices"
	"strings"

	apimachineryconversion "k8s.io/apimachinery/pkg/conversion"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape this version keeps
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// FailureDomainsToHub converts the v1beta1 contract's failure domain map to the v1beta2 contract's list, sorted by
// name; controlPlane false becomes unset.
func FailureDomainsToHub(in clusterv1beta1.FailureDomains) []clusterv1.FailureDomain {
	if in == nil {
		return nil
	}
	out := make([]clusterv1.FailureDomain, 0, len(in))
	for name, fd := range in {
		item := clusterv1.FailureDomain{Name: name, Attributes: fd.Attributes}
		if fd.ControlPlane {
			item.ControlPlane = new(true)
		}
		out = append(out, item)
	}
	slices.SortFunc(out, func(a, b clusterv1.FailureDomain) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// FailureDomainsFromHub converts the v1beta2 contract's failure domain list to the v1beta1 contract's map.
func FailureDomainsFromHub(in []clusterv1.FailureDomain) clusterv1beta1.FailureDomains {
	if in == nil {
		return nil
	}
	out := make(clusterv1beta1.FailureDomains, len(in))
	for _, fd := range in {
		out[fd.Name] = clusterv1beta1.FailureDomainSpec{
			ControlPlane: fd.ControlPlane != nil && *fd.ControlPlane,
			Attributes:   fd.Attributes,
		}
	}
	return out
}

// provisionedToHub converts the v1beta1 contract's ready flag: true is provisioned, false is not yet reported.
func provisionedToHub(ready bool) *bool {
	if ready {
		return new(true)
	}
	return nil
}

// Convert_v1beta1_VCN_To_v1beta3_VCN converts a VCN to the hub, where gateway, route table and network security
// group settings are grouped per resource.
func Convert_v1beta1_VCN_To_v1beta3_VCN(in *VCN, out *infrav1.VCN, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta1_VCN_To_v1beta3_VCN(in, out, s); err != nil {
		return err
	}
	if in.InternetGatewayID != "" {
		out.InternetGateway = &infrav1.InternetGateway{ID: in.InternetGatewayID}
	}
	if in.NATGatewayID != "" {
		out.NATGateway = &infrav1.NATGateway{ID: in.NATGatewayID}
	}
	if in.ServiceGatewayID != "" {
		out.ServiceGateway = &infrav1.ServiceGateway{ID: in.ServiceGatewayID}
	}
	if in.PrivateRouteTableID != "" || in.PublicRouteTableID != "" {
		out.RouteTable = &infrav1.RouteTable{
			PrivateRouteTableID: in.PrivateRouteTableID,
			PublicRouteTableID:  in.PublicRouteTableID,
		}
	}
	if in.NetworkSecurityGroups != nil {
		out.NetworkSecurityGroup = &infrav1.NetworkSecurityGroup{}
		out.NetworkSecurityGroup.List = make([]infrav1.NSG, len(in.NetworkSecurityGroups))
		for i := range in.NetworkSecurityGroups {
			if err := Convert_v1beta1_NSG_To_v1beta3_NSG(&in.NetworkSecurityGroups[i], &out.NetworkSecurityGroup.List[i], s); err != nil {
				return err
			}
		}
	}
	return nil
}

// Convert_v1beta3_VCN_To_v1beta1_VCN converts a VCN from the hub; the skip flags of gateways, route tables and
// network security groups have no place in v1beta1.
func Convert_v1beta3_VCN_To_v1beta1_VCN(in *infrav1.VCN, out *VCN, s apimachineryconversion.Scope) error {
	if err := autoConvert_v1beta3_VCN_To_v1beta1_VCN(in, out, s); err != nil {
		return err
	}
	if in.InternetGateway != nil {
		out.InternetGatewayID = in.InternetGateway.ID
	}
	if in.NATGateway != nil {
		out.NATGatewayID = in.NATGateway.ID
	}
	if in.ServiceGateway != nil {
		out.ServiceGatewayID = in.ServiceGateway.ID
	}
	if in.RouteTable != nil {
		out.PrivateRouteTableID = in.RouteTable.PrivateRouteTableID
		out.PublicRouteTableID = in.RouteTable.PublicRouteTableID
	}
	if in.NetworkSecurityGroup != nil && in.NetworkSecurityGroup.List != nil {
		out.NetworkSecurityGroups = make([]NSG, len(in.NetworkSecurityGroup.List))
		for i := range in.NetworkSecurityGroup.List {
			if err := Convert_v1beta3_NSG_To_v1beta1_NSG(&in.NetworkSecurityGroup.List[i], &out.NetworkSecurityGroups[i], s); err != nil {
				return err
			}
		}
	}
	return nil
}

// Convert_v1beta3_ClusterOptions_To_v1beta1_ClusterOptions converts OKE cluster options from the hub; the OpenID
// Connect options have no place in v1beta1.
func Convert_v1beta3_ClusterOptions_To_v1beta1_ClusterOptions(in *infrav1.ClusterOptions, out *ClusterOptions, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_ClusterOptions_To_v1beta1_ClusterOptions(in, out, s)
}

// Convert_v1beta3_LoadBalancer_To_v1beta1_LoadBalancer converts a load balancer from the hub; its type has no place
// in v1beta1.
func Convert_v1beta3_LoadBalancer_To_v1beta1_LoadBalancer(in *infrav1.LoadBalancer, out *LoadBalancer, s apimachineryconversion.Scope) error {
	return autoConvert_v1beta3_LoadBalancer_To_v1beta1_LoadBalancer(in, out, s)
}

// Convert_v1beta1_OCIClusterIdentityStatus_To_v1beta3_OCIClusterIdentityStatus keeps the v1beta1 contract's
// conditions under status.deprecated.v1beta1.
func Convert_v1beta1_OCIClusterIdentityStatus_To_v1beta3_OCIClusterIdentityStatus(in *OCIClusterIdentityStatus, out *infrav1.OCIClusterIdentityStatus, _ apimachineryconversion.Scope) error {
	out.Conditions = nil
	out.Deprecated = nil
	if in.Conditions != nil {
		out.Deprecated = &infrav1.OCIClusterIdentityDeprecatedStatus{
			V1Beta1: &infrav1.OCIClusterIdentityV1Beta1DeprecatedStatus{Conditions: in.Conditions},
		}
	}
	return nil
}

// Convert_v1beta3_OCIClusterIdentityStatus_To_v1beta1_OCIClusterIdentityStatus shows the v1beta1 contract's
// conditions.
func Convert_v1beta3_OCIClusterIdentityStatus_To_v1beta1_OCIClusterIdentityStatus(in *infrav1.OCIClusterIdentityStatus, out *OCIClusterIdentityStatus, _ apimachineryconversion.Scope) error {
	out.Conditions = nil
	if in.Deprecated != nil && in.Deprecated.V1Beta1 != nil {
		out.Conditions = in.Deprecated.V1Beta1.Conditions
	}
	return nil
}
