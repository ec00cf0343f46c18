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

package controllers

import (
	"context"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons"
)

// addonScope gives the add-on service the control plane's add-ons and their status.
type addonScope struct {
	cp *infrav1.OCIManagedControlPlane
}

// ClusterID is the OKE cluster's OCID.
func (s addonScope) ClusterID() string { return s.cp.Spec.ID }

// Addons are the add-ons spec.addons declares.
func (s addonScope) Addons() []infrav1.Addon { return s.cp.Spec.Addons }

// AddonStatus is status.addonStatus.
func (s addonScope) AddonStatus() map[string]infrav1.AddonStatus { return s.cp.Status.AddonStatus }

// SetAddonStatus replaces status.addonStatus.
func (s addonScope) SetAddonStatus(m map[string]infrav1.AddonStatus) { s.cp.Status.AddonStatus = m }

// reconcileAddons installs, updates and disables the cluster's add-ons once it serves, and reports each in a
// condition of its own (Addon<Name>Ready) and all of them in AddonsReady. An add-on that is not in place does not
// make the control plane unavailable: it is reported, and looked at again. Add-ons in place for the current spec
// are looked at only at the drift check (due), not at every token refresh.
func reconcileAddons(ctx context.Context, cp *infrav1.OCIManagedControlPlane, c okeaddons.Client, due bool) outcome {
	if ready := conditions.Get(cp, infrav1.AddonsReadyCondition); !due && ready != nil &&
		ready.Status == metav1.ConditionTrue && ready.ObservedGeneration == cp.Generation {
		return outcome{done: true}
	}
	svc := okeaddons.New(addonScope{cp}, c)
	out := runSteps(ctx, cp, []step{{condition: infrav1.AddonsReadyCondition, service: "addons", svc: svc}}, false)
	states := svc.States()
	if out.err != nil && len(states) == 0 {
		return out // the add-ons could not be listed: their conditions stay as they were
	}
	keep := map[string]bool{}
	for _, st := range states {
		c := metav1.Condition{Type: okeaddons.ConditionType(st.Name), Status: metav1.ConditionTrue, Reason: st.Reason, Message: st.Message}
		if !st.Ready {
			c.Status = metav1.ConditionFalse
		}
		conditions.Set(cp, c)
		keep[c.Type] = true
	}
	for _, t := range addonConditionTypes(cp) {
		if !keep[t] {
			conditions.Delete(cp, t)
		}
	}
	return out
}

// addonConditionTypes are the per-add-on conditions the control plane has.
func addonConditionTypes(cp *infrav1.OCIManagedControlPlane) []string {
	var out []string
	for _, c := range cp.Status.Conditions {
		if c.Type != infrav1.AddonsReadyCondition && strings.HasPrefix(c.Type, "Addon") && strings.HasSuffix(c.Type, "Ready") {
			out = append(out, c.Type)
		}
	}
	return out
}
