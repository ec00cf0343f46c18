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

package v1beta1

// KeyValue is a key/value pair.
type KeyValue struct {
	// Key is the key of a label OKE puts on the nodes of a node pool or virtual node pool.
	// +optional
	Key string `json:"key,omitempty"`

	// Value is the value given to Key.
	// +optional
	Value string `json:"value,omitempty"`
}
