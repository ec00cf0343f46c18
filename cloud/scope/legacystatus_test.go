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

package scope

import (
	"testing"
	"time"

	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the earlier provider's conditions are in the v1beta1 contract's shape

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func TestSetLegacyConditions(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		kind     LegacyKind
		outcome  Outcome
		status   string
		reason   string
		severity clusterv1beta1.ConditionSeverity
	}{
		{"ready", LegacyCluster, Outcome{Ready: true}, "True", "", ""},
		{"waiting", LegacyMachine, Outcome{Message: "waiting for the instance"}, "False", "InstanceNotReady", "Info"},
		{"a service failed, retried", LegacyCluster, Outcome{FailedService: "subnet", Message: "boom"}, "False", "SubnetReconciliationFailed", "Warning"},
		{"a service failed for good", LegacyCluster, Outcome{FailedService: "loadbalancer", Terminal: true}, "False", "APIServerLoadBalancerReconciliationFailed", "Error"},
		{"a service without its own reason", LegacyNodePool, Outcome{FailedService: "nodepool", Terminal: true}, "False", "NodePoolProvisionFailed", "Error"},
		{"deleting", LegacyControlPlane, Outcome{Deleting: true}, "False", "Deleting", "Info"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obj := &infrav1.OCICluster{}
			SetLegacyConditions(obj, tt.kind, tt.outcome, t0)
			conds := obj.GetV1Beta1Conditions()
			if len(conds) != 2 || conds[0].Type != clusterv1beta1.ReadyCondition || conds[1].Type != tt.kind.Type {
				t.Fatalf("conditions %+v, want Ready then %s", conds, tt.kind.Type)
			}
			for _, c := range conds {
				if string(c.Status) != tt.status || c.Reason != tt.reason || c.Severity != tt.severity || c.Message != tt.outcome.Message {
					t.Errorf("%s: %+v", c.Type, c)
				}
			}
		})
	}
}

func TestSetLegacyConditionsKeepsTransitionTimes(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	obj := &infrav1.OCIMachine{}
	SetLegacyConditions(obj, LegacyMachine, Outcome{Message: "waiting"}, t0)
	SetLegacyConditions(obj, LegacyMachine, Outcome{Message: "waiting"}, t0.Add(time.Minute))
	if got := obj.GetV1Beta1Conditions()[1].LastTransitionTime.Time; !got.Equal(t0) {
		t.Errorf("an unchanged condition moved its transition time to %s", got)
	}
	SetLegacyConditions(obj, LegacyMachine, Outcome{Ready: true}, t0.Add(2*time.Minute))
	if got := obj.GetV1Beta1Conditions()[1].LastTransitionTime.Time; !got.Equal(t0.Add(2 * time.Minute)) {
		t.Errorf("a changed condition kept the transition time %s", got)
	}
}
