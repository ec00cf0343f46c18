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

package controllers_test

import (
	"context"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// An OCIMachine the earlier provider created (read as v1beta2: its instanceId and providerID in spec, none of our
// status or annotations), whose instance carries the earlier provider's tags, is adopted with no launch.
func TestOCIMachineStoredByTheEarlierProviderIsAdopted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	tc := newTestCluster(ctx, t, "earlier-machine", nil)
	oc := tc.waitProvisioned(ctx, t)
	tc.infrastructureProvisioned(ctx, t)
	id := launchAsTheEarlierProvider(ctx, t, tc, oc, "old-worker")

	since := time.Now()
	tm := tc.newMachine(ctx, t, "old-worker", machineOpts{failureDomain: "1", mutate: func(om *infrav1.OCIMachine) {
		om.Spec.InstanceID = id
	}})
	// The same object, as the earlier provider stored it in v1beta2.
	g.Expect(env.Client.Delete(ctx, tm.OCIMachine)).To(Succeed())
	g.Eventually(func() error { return env.Client.Get(ctx, objectKey(tm), &infrav1.OCIMachine{}) }).WithTimeout(time.Minute).ShouldNot(Succeed())
	stored := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": infrav1.GroupVersion.Group + "/v1beta2", "kind": "OCIMachine",
		"metadata": map[string]any{"name": "old-worker", "namespace": tc.Cluster.Namespace,
			"labels": map[string]any{"cluster.x-k8s.io/cluster-name": tc.Cluster.Name}},
		"spec": map[string]any{"instanceId": id, "providerID": "oci://" + id, "shape": "VM.Standard.E4.Flex",
			"imageId": env.Sim.Images(region)[0].ID}}}
	stored.SetOwnerReferences([]metav1.OwnerReference{{APIVersion: "cluster.x-k8s.io/v1beta2", Kind: "Machine",
		Name: tm.Machine.Name, UID: tm.Machine.UID}})
	g.Expect(env.Client.Create(ctx, stored)).To(Succeed())
	om := tm.waitProvisioned(ctx, t)
	g.Expect(om.Spec.InstanceID).To(Equal(id))
	g.Expect(om.Status.Addresses).NotTo(BeEmpty())
	g.Expect(operations(ocisim.Mutating(env.Sim.CallsIn(tc.Compartment, since)))).To(BeEmpty())
	tm.deleteAndWait(ctx, t)
	g.Expect(string(instance(ctx, t, id).LifecycleState)).To(Equal("TERMINATED"))
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}

// launchAsTheEarlierProvider launches an instance as the earlier provider did for a worker: named after the
// OCIMachine, tagged with the cluster's ownership tags, in the worker subnet.
func launchAsTheEarlierProvider(ctx context.Context, t testing.TB, tc *testCluster, oc *infrav1.OCICluster, name string) string {
	t.Helper()
	c, err := env.Sim.ComputeClient(region)
	if err != nil {
		t.Fatal(err)
	}
	var subnet string
	for i := range oc.Spec.NetworkSpec.VCN.Subnets {
		if s := &oc.Spec.NetworkSpec.VCN.Subnets[i]; s.Role == "worker" {
			subnet = s.ID
		}
	}
	r, err := c.LaunchInstance(ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: core.LaunchInstanceDetails{
		CompartmentId: &tc.Compartment, DisplayName: &name, Shape: ptr.To("VM.Standard.E4.Flex"),
		AvailabilityDomain: ptr.To(oc.Status.FailureDomains[0].Attributes["AvailabilityDomain"]),
		SourceDetails:      core.InstanceSourceViaImageDetails{ImageId: ptr.To(env.Sim.Images(region)[0].ID)},
		CreateVnicDetails:  &core.CreateVnicDetails{SubnetId: &subnet},
		FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider",
			"ClusterResourceIdentifier": oc.Spec.OCIResourceIdentifier}}})
	if err != nil {
		t.Fatal(err)
	}
	return *r.Id
}
