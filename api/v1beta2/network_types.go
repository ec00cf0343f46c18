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

package v1beta2

// NetworkSpec describes the networking of a cluster.
type NetworkSpec struct {
	// APIServerLoadBalancer is the load balancer in front of the Kubernetes API server.
	// +optional
	APIServerLoadBalancer *LoadBalancer `json:"apiServerLoadBalancer,omitempty"`

	// SkipNetworkManagement tells the controller to use the given network as is and create or change nothing in it.
	// +optional
	SkipNetworkManagement bool `json:"skipNetworkManagement,omitempty"`

	// VCN is the virtual cloud network of the cluster.
	// +optional
	VCN VCN `json:"vcn,omitempty"`

	// VCNPeering configures peering of the VCN with other networks through a DRG.
	// +optional
	VCNPeering *VCNPeering `json:"vcnPeering,omitempty"`
}
