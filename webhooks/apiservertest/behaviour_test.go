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

	"github.com/google/uuid"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// The behaviours that need the API server: defaults stored, write-once IDs, immutable templates with Cluster
// API's dry runs let through, requests in v1beta1, and the identity CRD's move label.

func TestDefaultsAreStoredOnce(t *testing.T) {
	ctx := context.Background()
	c := &infrav1.OCICluster{ObjectMeta: meta("defaults"), Spec: infrav1.OCIClusterSpec{CompartmentID: compartmentID}}
	if err := k8s.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	got := &infrav1.OCICluster{}
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(c), got); err != nil {
		t.Fatal(err)
	}
	id := got.Spec.OCIResourceIdentifier
	if _, err := uuid.Parse(id); err != nil {
		t.Errorf("ociResourceIdentifier %q is not a UUID", id)
	}
	if n := len(got.Spec.NetworkSpec.VCN.Subnets); n != 4 || got.Spec.NetworkSpec.VCN.NetworkSecurityGroup == nil ||
		len(got.Spec.NetworkSpec.VCN.NetworkSecurityGroup.List) != 4 {
		t.Errorf("defaults not stored: %+v", got.Spec)
	}
	got.Labels = map[string]string{"touched": "yes"}
	if err := k8s.Update(ctx, got); err != nil {
		t.Fatalf("a metadata update was refused: %v", err)
	}
	if got.Spec.OCIResourceIdentifier != id {
		t.Errorf("the identifier changed on update from %s to %s", id, got.Spec.OCIResourceIdentifier)
	}

	tmpl := &infrav1.OCIManagedClusterTemplate{ObjectMeta: meta("defaults")}
	if err := k8s.Create(ctx, tmpl); err != nil {
		t.Fatal(err)
	}
	if s := tmpl.Spec.Template.Spec; s.OCIResourceIdentifier != "" || len(s.NetworkSpec.VCN.Subnets) != 0 {
		t.Errorf("template: identifier %q, %d subnets; templates get no defaults", s.OCIResourceIdentifier, len(s.NetworkSpec.VCN.Subnets))
	}
}

func TestIDsAreWriteOnce(t *testing.T) {
	ctx := context.Background()
	c := &infrav1.OCIManagedCluster{ObjectMeta: meta("write-once"), Spec: infrav1.OCIManagedClusterSpec{CompartmentID: compartmentID}}
	if err := k8s.Create(ctx, c); err != nil {
		t.Fatal(err)
	}
	// The controller fills the IDs it created or found.
	c.Spec.NetworkSpec.VCN.ID = "ocid1.vcn.oc1.iad.aaaaaaaafilled"
	c.Spec.NetworkSpec.VCN.Subnets[0].ID = subnetID
	c.Spec.ControlPlaneEndpoint = clusterv1.APIEndpoint{Host: "10.0.0.10", Port: 6443}
	if err := k8s.Update(ctx, c); err != nil {
		t.Fatalf("filling empty IDs was refused: %v", err)
	}
	refused := []struct {
		field  string
		mutate func(*infrav1.OCIManagedCluster)
	}{
		{"spec.networkSpec.vcn.id", func(o *infrav1.OCIManagedCluster) { o.Spec.NetworkSpec.VCN.ID = "ocid1.vcn.oc1.iad.aaaaaaaaother" }},
		{"spec.networkSpec.vcn.subnets[0].id", func(o *infrav1.OCIManagedCluster) { o.Spec.NetworkSpec.VCN.Subnets[0].ID = "" }},
		{"spec.ociResourceIdentifier", func(o *infrav1.OCIManagedCluster) { o.Spec.OCIResourceIdentifier = uuid.NewString() }},
		{"spec.compartmentId", func(o *infrav1.OCIManagedCluster) { o.Spec.CompartmentID = "ocid1.compartment.oc1..aaaaaaaaother" }},
		{"spec.networkSpec.vcn.cidr", func(o *infrav1.OCIManagedCluster) { o.Spec.NetworkSpec.VCN.CIDR = "10.9.0.0/16" }},
		{"spec.controlPlaneEndpoint.host", func(o *infrav1.OCIManagedCluster) { o.Spec.ControlPlaneEndpoint.Host = "10.0.0.11" }},
	}
	for _, r := range refused {
		t.Run(r.field, func(t *testing.T) {
			o := c.DeepCopy()
			r.mutate(o)
			expectRejectedAt(t, k8s.Update(ctx, o), r.field)
		})
	}
}

func TestTemplatesAreImmutableExceptInTopologyDryRuns(t *testing.T) {
	ctx := context.Background()
	tmpl := &infrav1.OCIMachineTemplate{ObjectMeta: meta("immutable")}
	tmpl.Spec.Template.Spec = machineSpec()
	if err := k8s.Create(ctx, tmpl); err != nil {
		t.Fatal(err)
	}
	changed := tmpl.DeepCopy()
	changed.Spec.Template.Spec.Shape = "VM.Standard3.Flex"
	expectRejectedAt(t, k8s.Update(ctx, changed), "spec.template.spec.shape")

	// Cluster API's topology controller checks a ClusterClass change with a server-side dry run of the template.
	changed.Annotations = map[string]string{clusterv1.TopologyDryRunAnnotation: ""}
	if err := k8s.Update(ctx, changed, client.DryRunAll); err != nil {
		t.Fatalf("the topology dry run was refused: %v", err)
	}
	stored := &infrav1.OCIMachineTemplate{}
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(tmpl), stored); err != nil {
		t.Fatal(err)
	}
	if stored.Spec.Template.Spec.Shape != tmpl.Spec.Template.Spec.Shape {
		t.Errorf("a dry run changed the stored template's shape to %s", stored.Spec.Template.Spec.Shape)
	}
	// A real update carrying the annotation is still refused.
	expectRejectedAt(t, k8s.Update(ctx, changed), "spec.template.spec.shape")
}

func TestV1beta1AndV1beta2RequestsAreDefaultedAndValidated(t *testing.T) {
	ctx := context.Background()
	bad := spokeObject("v1beta1", "OCICluster", "v1beta1-bad", map[string]any{"compartmentId": "prod"})
	expectRejectedAt(t, k8s.Create(ctx, bad), "spec.compartmentId")
	badMachine := spokeObject("v1beta1", "OCIMachine", "v1beta1-bad", map[string]any{"imageId": "ol8", "shape": "VM.Standard.E5.Flex"})
	expectRejectedAt(t, k8s.Create(ctx, badMachine), "spec.imageId")

	badPool := spokeObject("v1beta2", "OCIManagedMachinePool", "v1beta2-bad", map[string]any{"version": "1.34"})
	expectRejectedAt(t, k8s.Create(ctx, badPool), "spec.version")
	badIdentity := spokeObject("v1beta2", "OCIClusterIdentity", "v1beta2-bad", map[string]any{"type": "UserPrincipal"})
	expectRejectedAt(t, k8s.Create(ctx, badIdentity), "spec.principalSecret.name")

	good := spokeObject("v1beta1", "OCICluster", "v1beta1-good", map[string]any{"compartmentId": compartmentID})
	if err := k8s.Create(ctx, good); err != nil {
		t.Fatalf("a good v1beta1 OCICluster was refused: %v", err)
	}
	hub := &infrav1.OCICluster{}
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(good), hub); err != nil {
		t.Fatal(err)
	}
	if _, err := uuid.Parse(hub.Spec.OCIResourceIdentifier); err != nil || len(hub.Spec.NetworkSpec.VCN.Subnets) != 4 {
		t.Errorf("a v1beta1 OCICluster was not defaulted: %+v", hub.Spec)
	}
}

// spokeObject builds an object of kind in one of the earlier provider's versions, as users' manifests hold them.
func spokeObject(version, kind, name string, spec map[string]any) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": group + "/" + version, "kind": kind,
		"metadata": map[string]any{"name": name, "namespace": "default"},
		"spec":     spec,
	}}
}

func TestIdentityCRDMovesWithClusterctl(t *testing.T) {
	crd := &apiextensionsv1.CustomResourceDefinition{}
	if err := k8s.Get(context.Background(), client.ObjectKey{Name: "ociclusteridentities." + group}, crd); err != nil {
		t.Fatal(err)
	}
	if v := crd.Labels["clusterctl.cluster.x-k8s.io/move-hierarchy"]; v != "true" {
		t.Errorf("OCIClusterIdentity CRD label clusterctl.cluster.x-k8s.io/move-hierarchy = %q, want \"true\"", v)
	}
}

func TestObjectsBeingDeletedCanBeUpdated(t *testing.T) {
	ctx := context.Background()
	m := &infrav1.OCIMachine{ObjectMeta: meta("deleting"), Spec: machineSpec()}
	m.Finalizers = []string{"ocimachine.infrastructure.cluster.x-k8s.io"}
	if err := k8s.Create(ctx, m); err != nil {
		t.Fatal(err)
	}
	changed := m.DeepCopy()
	changed.Spec.Shape = "VM.Standard3.Flex"
	expectRejectedAt(t, k8s.Update(ctx, changed), "spec.shape")
	if err := k8s.Delete(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(m), m); err != nil {
		t.Fatal(err)
	}
	// The controller records what it deleted and removes its finalizer, whatever the rules say.
	m.Spec.Shape, m.Finalizers = "VM.Standard3.Flex", nil
	if err := k8s.Update(ctx, m); err != nil {
		t.Errorf("an update of an object being deleted was refused: %v", err)
	}
}
