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

// Package capiconversion holds the conversion functions between Cluster API's core v1beta1 and v1beta2 types that
// our spokes and the hub embed. conversion-gen reads it as a peer package of the spokes (hack/generate-go.sh); the
// functions live here, once, because conversion-gen refuses a conversion defined in two of its input packages.
package capiconversion

import (
	apimachineryconversion "k8s.io/apimachinery/pkg/conversion"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the deprecated v1beta1 contract types are the shape the spokes keep
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
)

// Convert_v1beta1_APIEndpoint_To_v1beta2_APIEndpoint converts a control plane endpoint to the hub's type.
func Convert_v1beta1_APIEndpoint_To_v1beta2_APIEndpoint( //nolint:revive // conversion-gen finds conversions by this name pattern
	in *clusterv1beta1.APIEndpoint, out *clusterv1.APIEndpoint, s apimachineryconversion.Scope) error {
	return clusterv1beta1.Convert_v1beta1_APIEndpoint_To_v1beta2_APIEndpoint(in, out, s)
}

// Convert_v1beta2_APIEndpoint_To_v1beta1_APIEndpoint converts a control plane endpoint from the hub's type.
func Convert_v1beta2_APIEndpoint_To_v1beta1_APIEndpoint( //nolint:revive // conversion-gen finds conversions by this name pattern
	in *clusterv1.APIEndpoint, out *clusterv1beta1.APIEndpoint, s apimachineryconversion.Scope) error {
	return clusterv1beta1.Convert_v1beta2_APIEndpoint_To_v1beta1_APIEndpoint(in, out, s)
}
