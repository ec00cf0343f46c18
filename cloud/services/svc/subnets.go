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

package svc

import (
	"slices"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// SubnetPrivate is the type of a private subnet. Any other type, empty included, is public, as the earlier
// provider read it.
const SubnetPrivate = "private"

// The subnet roles that decide which gateways and route tables a VCN needs.
const (
	roleControlPlaneEndpoint = "control-plane-endpoint"
	roleControlPlane         = "control-plane"
	roleWorker               = "worker"
	roleServiceLB            = "service-lb"
)

// SubnetIsPrivate reports whether s is a private subnet: one without public IPs, routed through the private
// route table. A subnet of no type is public.
func SubnetIsPrivate(s *infrav1.Subnet) bool { return s.Type == SubnetPrivate }

// AllSubnetsPrivate reports whether the VCN's subnets are all private and include a control-plane-endpoint and a
// service-lb subnet: then the VCN needs no internet gateway and no public route table.
func AllSubnetsPrivate(v *infrav1.VCN) bool {
	for i := range v.Subnets {
		if !SubnetIsPrivate(&v.Subnets[i]) {
			return false
		}
	}
	return hasRole(v, roleControlPlaneEndpoint) && hasRole(v, roleServiceLB)
}

// AllSubnetsPublic reports whether none of the VCN's subnets is private and they include a control-plane and a
// worker subnet: then the VCN needs no NAT gateway, no service gateway and no private route table.
func AllSubnetsPublic(v *infrav1.VCN) bool {
	for i := range v.Subnets {
		if SubnetIsPrivate(&v.Subnets[i]) {
			return false
		}
	}
	return hasRole(v, roleControlPlane) && hasRole(v, roleWorker)
}

// SubnetsWhere returns the indexes of the VCN's subnets that are not skipped and for which keep is true.
func SubnetsWhere(v *infrav1.VCN, keep func(*infrav1.Subnet) bool) []int {
	var out []int
	for i := range v.Subnets {
		if s := &v.Subnets[i]; !s.Skip && keep(s) {
			out = append(out, i)
		}
	}
	return out
}

func hasRole(v *infrav1.VCN, role string) bool {
	return slices.ContainsFunc(v.Subnets, func(s infrav1.Subnet) bool { return s.Role == role })
}
