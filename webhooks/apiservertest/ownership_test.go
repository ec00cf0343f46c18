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
	"strings"
	"testing"
	"time"

	eventsv1 "k8s.io/api/events/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/webhooks"
)

const (
	ownedVCN   = "ocid1.vcn.oc1.iad.aaaaaaaaowned"
	broughtVCN = "ocid1.vcn.oc1.iad.aaaaaaaabrought"
	newVCN     = "ocid1.vcn.oc1.iad.aaaaaaaareplacement"
)

// managerClient is a client that authenticates as the manager under test.
func managerClient(t *testing.T) client.Client {
	t.Helper()
	u, err := testEnv.AddUser(envtest.User{Name: managerUser, Groups: []string{"system:masters"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(u.Config(), client.Options{Scheme: k8s.Scheme()})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clusterWithVCN creates an OCICluster whose VCN the provider created (owned) or the user brought.
func clusterWithVCN(ctx context.Context, t *testing.T, name, vcn string, owned bool) *infrav1.OCICluster {
	t.Helper()
	c := &infrav1.OCICluster{ObjectMeta: meta(name), Spec: infrav1.OCIClusterSpec{CompartmentID: compartmentID}}
	c.Spec.NetworkSpec.VCN.ID = vcn
	if err := k8s.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	if owned {
		c.Status.Resources = []infrav1.OCIResource{{Key: "vcn", ID: vcn}}
		if err := k8s.Status().Update(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestOnlyTheManagerReplacesOwnedOCIDs(t *testing.T) {
	ctx := context.Background()
	mgr := managerClient(t)

	owned := clusterWithVCN(ctx, t, "owned-vcn", ownedVCN, true)
	owned.Spec.NetworkSpec.VCN.ID = newVCN
	expectRejectedAt(t, k8s.Update(ctx, owned.DeepCopy()), "spec.networkSpec.vcn.id") // a user: refused
	if err := mgr.Update(ctx, owned); err != nil {
		t.Fatalf("the manager replacing the OCID of a VCN it created and lost was refused: %v", err)
	}
	expectEvent(ctx, t, owned.Name, ownedVCN)

	brought := clusterWithVCN(ctx, t, "brought-vcn", broughtVCN, false)
	brought.Spec.NetworkSpec.VCN.ID = newVCN
	expectRejectedAt(t, mgr.Update(ctx, brought), "spec.networkSpec.vcn.id") // never a brought ID

	// Removing an owned OCID (to have the resource created again) is the manager's too.
	again := clusterWithVCN(ctx, t, "owned-vcn-cleared", ownedVCN, true)
	again.Spec.NetworkSpec.VCN.ID = ""
	expectRejectedAt(t, k8s.Update(ctx, again.DeepCopy()), "spec.networkSpec.vcn.id")
	if err := mgr.Update(ctx, again); err != nil {
		t.Fatalf("the manager clearing an owned OCID was refused: %v", err)
	}
}

// expectEvent waits for the Event the webhook records on an object (Events are written asynchronously).
func expectEvent(ctx context.Context, t *testing.T, name, oldID string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		list := &eventsv1.EventList{}
		if err := k8s.List(ctx, list, client.InNamespace("default")); err != nil {
			t.Fatal(err)
		}
		for i := range list.Items {
			if e := &list.Items[i]; e.Regarding.Name == name && e.Reason == webhooks.ReasonOwnedOCIDReplaced && strings.Contains(e.Note, oldID) {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Errorf("no %s Event on %s naming %s", webhooks.ReasonOwnedOCIDReplaced, name, oldID)
}
