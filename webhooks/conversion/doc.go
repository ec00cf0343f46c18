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

// Package conversion converts the provider's objects between the API versions it serves: v1beta1 and v1beta2 (the
// spokes, the wire format of the earlier provider) and v1beta3 (the hub and storage version).
//
// # Why this shape
//
// Each kind has a controller-runtime hub/spoke converter (webhook/conversion.NewHubSpokeConverter with one
// NewSpokeConverter per spoke), registered with the manager's webhook builder, as Cluster API v1.14 does for its own
// types. We chose it over making the API types implement conversion.Convertible because:
//   - the API packages stay pure types plus the functions conversion-gen writes (and a few hand-written ones for
//     fields whose shape differs); they import neither controller-runtime's webhook packages nor annotation logic;
//   - the converters are plain functions with a context, which Cluster API's SpokeConverterFuzzTestFunc fuzzes
//     directly, in both directions, for every kind and spoke;
//   - registering a converter per group-kind is explicit: a kind without a converter is not silently served.
//
// # Lossless in every direction
//
// Spoke to hub to spoke: every spoke field has a place in the hub (api/v1beta3/doc.go lists where the spoke-only
// ones live), so the generated and hand-written functions alone carry them.
//
// Hub to spoke to hub: what a spoke cannot express (template metadata, conditions in the v1beta2 contract shape,
// versions, externalManagedControlPlane, skip flags a v1beta1 VCN lacks, NSG rule ids v1beta2 lacks, an explicit
// false against unset, the order of failure domains, ...) is kept in the spoke's DataAnnotation as the hub's spec
// and status in JSON. Converting back, the spoke's values win wherever the spoke can express them (a user may have
// edited them through that version); the annotation fills in the rest and restores the hub's shape where it carries
// the same information as the spoke (unset versus false, nil versus empty, list order).
//
// Where a spoke was edited, the rules are: a field the spoke cannot express keeps its hub value (a skip flag stays
// when a v1beta1 client clears the gateway id; the OpenID Connect options stay when it drops clusterOptions);
// v1beta2 network security group rules take back the id of the old rule with the same content, so rules inserted or
// removed through v1beta2 do not take each other's ids; v1beta1 OCICluster and OCIManagedCluster keep the hub's
// spec.availabilityDomains when the v1beta1 object carries no status.availabilityDomains (a write without status).
//
// The annotation has our own name, not Cluster API's cluster.x-k8s.io/conversion-data: objects written through the
// earlier provider's v1beta1 may carry that one with a v1beta2 object inside, which is not a v1beta3 hub.
package conversion
