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
	"encoding/base64"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestOKESelfManagedWorkerJoins runs a self-managed node of an OKE cluster: an OCIMachine of a Cluster whose
// infrastructure is an OCIManagedCluster, bootstrapped with the <cluster>-self-managed Secret the control plane
// writes. Its instance runs OKE's join script in the cluster's worker subnet with the worker NSGs and the cluster's
// ownership tags, joins no load balancer, and goes before the cluster does, leaving nothing.
func TestOKESelfManagedWorkerJoins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	k := newTestOKE(ctx, t, "okeself", okeOpts{cni: "FLANNEL_OVERLAY", clusterType: "ENHANCED_CLUSTER", pool: "none"})
	k.waitAvailable(ctx, t)
	join := &corev1.Secret{}
	g.Expect(env.Client.Get(ctx, client.ObjectKey{Namespace: k.Cluster.Namespace, Name: okeauth.SelfManagedSecretName(k.Cluster.Name)}, join)).To(Succeed())
	g.Expect(join.Data).To(HaveKey("value"))
	markInfrastructureProvisioned(ctx, t, k.Cluster)

	tm := newMachineOf(ctx, t, k.Cluster, "self-0", machineOpts{dataSecret: join.Name})
	om := tm.waitProvisioned(ctx, t)
	g.Expect(om.Spec.ProviderID).To(HaveValue(Equal("oci://" + om.Spec.InstanceID)))
	g.Eventually(func(g Gomega) {
		g.Expect(conditions.IsTrue(tm.get(ctx, g), clusterv1.ReadyCondition)).To(BeTrue())
	}).WithTimeout(time.Minute).Should(Succeed())

	mc := &infrav1.OCIManagedCluster{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(k.Managed), mc)).To(Succeed())
	in := instance(ctx, t, om.Spec.InstanceID)
	g.Expect(in.FreeformTags).To(HaveKeyWithValue("ClusterResourceIdentifier", mc.Spec.OCIResourceIdentifier))
	ud, err := base64.StdEncoding.DecodeString(in.Metadata["user_data"])
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(ud).To(Equal(join.Data["value"]), "the instance runs OKE's join script")
	vnic := primaryVNIC(ctx, t, om.Spec.InstanceID, k.Compartment)
	g.Expect(*vnic.SubnetId).To(Equal(roleID(mc.Spec.NetworkSpec.VCN.Subnets, "worker")))
	worker := ""
	for _, nsg := range mc.Spec.NetworkSpec.VCN.NetworkSecurityGroup.List {
		if nsg.Role == "worker" {
			worker = nsg.ID
		}
	}
	g.Expect(vnic.NsgIds).To(ConsistOf(worker))

	g.Expect(liveKindsIn(k.Compartment)).To(And(HaveKeyWithValue(ocisim.KindInstance, 1), Not(HaveKey(ocisim.KindNLB))),
		"OKE runs the control plane: no load balancer for the node to join")

	tm.deleteAndWait(ctx, t)
	g.Expect(liveKindsIn(k.Compartment)).NotTo(HaveKey(ocisim.KindInstance))
	k.deleteAll(ctx, t)
}

// markInfrastructureProvisioned does what Cluster API's Cluster controller does once the infrastructure cluster is
// provisioned.
func markInfrastructureProvisioned(ctx context.Context, t testing.TB, cluster *clusterv1.Cluster) {
	t.Helper()
	g := NewWithT(t)
	g.Eventually(func(g Gomega) {
		c := &clusterv1.Cluster{}
		g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(cluster), c)).To(Succeed())
		c.Status.Initialization.InfrastructureProvisioned = ptr.To(true)
		g.Expect(env.Client.Status().Update(ctx, c)).To(Succeed())
	}).WithTimeout(time.Minute).Should(Succeed())
}

// primaryVNIC reads the VNIC of an instance's first attachment.
func primaryVNIC(ctx context.Context, t testing.TB, instanceID, compartment string) core.Vnic {
	t.Helper()
	compute, err := env.Sim.ComputeClient(region)
	if err != nil {
		t.Fatal(err)
	}
	atts, err := compute.ListVnicAttachments(ctx, core.ListVnicAttachmentsRequest{CompartmentId: &compartment, InstanceId: &instanceID})
	if err != nil || len(atts.Items) == 0 {
		t.Fatalf("listing the VNIC attachments of %s: %v (%d)", instanceID, err, len(atts.Items))
	}
	vn := virtualNetwork(t)
	r, err := vn.GetVnic(ctx, core.GetVnicRequest{VnicId: atts.Items[0].VnicId})
	if err != nil {
		t.Fatal(err)
	}
	return r.Vnic
}

// roleID is the OCID of the first subnet of a role.
func roleID(subnets []infrav1.Subnet, role string) string {
	for i := range subnets {
		if subnets[i].Role == role {
			return subnets[i].ID
		}
	}
	return ""
}

// liveKindsIn counts the emulator's live resources of a compartment by kind.
func liveKindsIn(compartment string) map[string]int {
	live := map[string]int{}
	for _, r := range env.Sim.Leaks(compartment) {
		live[r.Kind]++
	}
	return live
}
