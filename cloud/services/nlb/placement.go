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

package nlb

import (
	"slices"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/apiserverlb"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// RoleControlPlaneEndpoint is the role of the subnet and the network security groups of the API server's load
// balancer.
const RoleControlPlaneEndpoint = apiserverlb.RoleControlPlaneEndpoint

// Placement is where the load balancer goes in the cluster's network.
type Placement struct {
	// SubnetID is the OCID of the control-plane-endpoint subnet.
	SubnetID string
	// Private is true when that subnet is private: the load balancer then has no public address.
	Private bool
	// NSGIDs are the OCIDs of the control-plane-endpoint network security groups.
	NSGIDs []string
}

// placement reads the load balancer's subnet and network security groups from the VCN spec. When strict (the
// provider is to create the load balancer) it waits for their OCIDs; otherwise it takes what is recorded.
func placement(v *infrav1.VCN, strict bool) (Placement, error) {
	var p Placement
	subnet := slices.IndexFunc(v.Subnets, func(s infrav1.Subnet) bool { return s.Role == RoleControlPlaneEndpoint })
	switch {
	case subnet < 0 && strict:
		return p, apiserverlb.ErrNoSubnet
	case subnet < 0:
	case v.Subnets[subnet].ID == "" && strict:
		return p, svc.Waiting(Key, "the control-plane-endpoint subnet")
	default:
		p.SubnetID, p.Private = v.Subnets[subnet].ID, svc.SubnetIsPrivate(&v.Subnets[subnet])
	}
	var err error
	p.NSGIDs, err = apiserverlb.NSGIDs(v, Key, strict)
	return p, err
}
