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

package okeaddons

import (
	"slices"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The reasons of an add-on's State.
const (
	// ReasonInstalling is the reason of an add-on being installed, or waiting for the OKE cluster to be.
	ReasonInstalling = "AddonInstalling"
	// ReasonUpdating is the reason of an add-on being brought to its declared version or configurations.
	ReasonUpdating = "AddonUpdating"
	// ReasonDisabling is the reason of an add-on being disabled: removed from the spec, or declared again while
	// a disable is under way.
	ReasonDisabling = "AddonDisabling"
	// ReasonFailed is the reason of a FAILED add-on, or of one OCI refused to install, update or disable.
	ReasonFailed = "AddonFailed"
	// ReasonNeedsAttention is the reason of an add-on OKE reports as NEEDS_ATTENTION: it is updated as declared.
	ReasonNeedsAttention = "AddonNeedsAttention"
	// ReasonReady is the reason of an ACTIVE add-on at its declared version and configurations.
	ReasonReady = "AddonReady"
)

// State is where one add-on stands after a reconcile, for its condition.
type State struct {
	// Name is the add-on's name.
	Name string
	// Ready is true when the add-on is ACTIVE at its declared version and configurations.
	Ready bool
	// Reason is one of the Reason constants.
	Reason string
	// Message says what the add-on is doing or what went wrong.
	Message string
}

// ConditionType is the type of the condition of the add-on called name: "Addon", the letters and digits of the
// name, "Ready" ("AddonCertManagerReady"), a valid Kubernetes condition type whatever the name.
func ConditionType(name string) string {
	var b strings.Builder
	b.WriteString("Addon")
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	b.WriteString("Ready")
	return b.String()
}

// versionOf is the version an install or update asks for: nil when the spec declares none (the latest on install,
// the one installed on update).
func versionOf(a *infrav1.Addon) *string {
	if a.Version == "" {
		return nil
	}
	return ptr.To(a.Version)
}

// configurations are the SDK's form of declared configurations; none is nil, or an empty list when empty is set.
func configurations(kvs []infrav1.KeyValue, empty bool) []containerengine.AddonConfiguration {
	if len(kvs) == 0 && !empty {
		return nil
	}
	out := make([]containerengine.AddonConfiguration, len(kvs))
	for i, kv := range kvs {
		out[i] = containerengine.AddonConfiguration{Key: ptr.To(kv.Key), Value: ptr.To(kv.Value)}
	}
	return out
}

// sameConfigurations reports whether the declared and the installed configurations are the same set of key/value
// pairs, whatever their order.
func sameConfigurations(want []infrav1.KeyValue, have []containerengine.AddonConfiguration) bool {
	w := make([]infrav1.KeyValue, len(want))
	copy(w, want)
	h := make([]infrav1.KeyValue, len(have))
	for i, c := range have {
		h[i] = infrav1.KeyValue{Key: ptr.Deref(c.Key, ""), Value: ptr.Deref(c.Value, "")}
	}
	return slices.Equal(normalized(w), normalized(h))
}

// normalized sorts kvs and drops repeated pairs.
func normalized(kvs []infrav1.KeyValue) []infrav1.KeyValue {
	slices.SortFunc(kvs, func(a, b infrav1.KeyValue) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return slices.Compact(kvs)
}

// statusOf is the status of an add-on as OKE reports it.
func statusOf(state containerengine.AddonLifecycleStateEnum, installed *string, e *containerengine.AddonError) infrav1.AddonStatus {
	st := infrav1.AddonStatus{LifecycleState: string(state), CurrentlyInstalledVersion: ptr.Deref(installed, "")}
	if e != nil {
		st.AddonError = &infrav1.AddonError{Code: ptr.Deref(e.Code, ""), Message: ptr.Deref(e.Message, ""),
			Status: ptr.Deref(e.Status, "")}
	}
	return st
}

// errorMessage is the message of an add-on's error, or what stands in for it when OKE gave none.
func errorMessage(e *containerengine.AddonError) string {
	if e == nil || ptr.Deref(e.Message, "") == "" {
		return "OKE gave no error message"
	}
	if code := ptr.Deref(e.Code, ""); code != "" {
		return code + ": " + *e.Message
	}
	return *e.Message
}
