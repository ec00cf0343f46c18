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

package apiservertest

import (
	"context"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
)

// TestStatusReadAsV1beta2ShowsTheEarlierProvidersConditions writes an OCICluster's status as the controllers will
// (v1beta3, with the shared status helper) and reads it as the earlier provider's v1beta2: `ready` and the
// ClusterReady and Ready conditions are there, as scripts and `kubectl wait --for=condition=ClusterReady` expect.
func TestStatusReadAsV1beta2ShowsTheEarlierProvidersConditions(t *testing.T) {
	ctx := context.Background()
	c := &infrav1.OCICluster{ObjectMeta: meta("legacy-status"), Spec: infrav1.OCIClusterSpec{CompartmentID: compartmentID}}
	if err := k8s.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	scope.SetLegacyConditions(c, scope.LegacyCluster, scope.Outcome{FailedService: "subnet", Message: "subnet worker: OCI answered 500"}, time.Now())
	if err := k8s.Status().Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	got := readV1beta2(ctx, t, c)
	if ready, _, _ := unstructured.NestedBool(got.Object, "status", "ready"); ready {
		t.Error("ready before the cluster is provisioned")
	}
	expectLegacyCondition(t, got, "ClusterReady", "False", "SubnetReconciliationFailed", "Warning")

	c.Status.Initialization.Provisioned = ptr.To(true)
	scope.SetLegacyConditions(c, scope.LegacyCluster, scope.Outcome{Ready: true}, time.Now())
	if err := k8s.Status().Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	got = readV1beta2(ctx, t, c)
	if ready, _, _ := unstructured.NestedBool(got.Object, "status", "ready"); !ready {
		t.Error("status.ready is not true once provisioned")
	}
	expectLegacyCondition(t, got, "ClusterReady", "True", "", "")
	expectLegacyCondition(t, got, "Ready", "True", "", "")
}

// TestResourceMemosSurviveV1beta2Writes checks that what the engine remembers in status.resources (hub only)
// survives a status update sent as v1beta2, as the earlier provider's manager sends during an in-place switch.
func TestResourceMemosSurviveV1beta2Writes(t *testing.T) {
	ctx := context.Background()
	c := &infrav1.OCICluster{ObjectMeta: meta("resource-memos"), Spec: infrav1.OCIClusterSpec{CompartmentID: compartmentID}}
	if err := k8s.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	c.Status.Resources = []infrav1.OCIResource{{Key: "vcn", ID: "ocid1.vcn.oc1.iad.aaaaaaaaowned", SpecHash: "h", ObservedGeneration: 1}}
	if err := k8s.Status().Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	spoke := readV1beta2(ctx, t, c)
	if err := unstructured.SetNestedField(spoke.Object, true, "status", "ready"); err != nil {
		t.Fatal(err)
	}
	if err := k8s.Status().Update(ctx, spoke); err != nil {
		t.Fatalf("a v1beta2 status update: %v", err)
	}
	got := &infrav1.OCICluster{}
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(c), got); err != nil {
		t.Fatal(err)
	}
	if len(got.Status.Resources) != 1 || got.Status.Resources[0].ID != "ocid1.vcn.oc1.iad.aaaaaaaaowned" ||
		!ptr.Deref(got.Status.Initialization.Provisioned, false) {
		t.Errorf("after a v1beta2 status update: resources %+v, provisioned %v", got.Status.Resources, got.Status.Initialization.Provisioned)
	}
}

func readV1beta2(ctx context.Context, t *testing.T, obj client.Object) *unstructured.Unstructured {
	t.Helper()
	u := &unstructured.Unstructured{}
	u.SetAPIVersion(group + "/v1beta2")
	u.SetKind("OCICluster")
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(obj), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func expectLegacyCondition(t *testing.T, u *unstructured.Unstructured, typ, status, reason, severity string) {
	t.Helper()
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] != typ {
			continue
		}
		if m["status"] != status || (reason != "" && m["reason"] != reason) || (severity != "" && m["severity"] != severity) {
			t.Errorf("v1beta2 condition %s: %v, want %s %s %s", typ, m, status, reason, severity)
		}
		return
	}
	t.Errorf("v1beta2 status.conditions has no %s: %v", typ, conds)
}
