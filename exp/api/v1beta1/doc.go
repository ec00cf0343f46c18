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

// Package v1beta1 holds the v1beta1 API of the experimental OCI machine pool kinds: the wire format of
// existing templates, served and converted to the storage version.
//
// +kubebuilder:object:generate=true
// +k8s:conversion-gen=github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3
// +groupName=infrastructure.cluster.x-k8s.io
package v1beta1
