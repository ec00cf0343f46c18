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

// Package webhooks holds the admission webhooks (defaulting and validation) of every kind of the provider, written
// against the hub version (v1beta3): the API server converts objects sent in v1beta1 or v1beta2 before calling them.
//
// Validation reports every problem with its exact field path. It checks only what the object itself says (CIDRs,
// OCIDs, names, enums, mutually exclusive options, fields OCI cannot change in place); checks that need another
// object, such as the Cluster's pod and service CIDRs against the VCN, are the controllers' work, reported as
// conditions, because under GitOps the objects may arrive in any order.
//
// OCIDs the controllers discover or create are written to spec and are write-once there: an empty ID may be filled,
// a set one may not be changed or cleared (see docs/book/src/topics/ocids-and-identity.md).
package webhooks
