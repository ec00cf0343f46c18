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
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cluster-api/util/conditions"
	"sigs.k8s.io/controller-runtime/pkg/client"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// A cluster whose OCIClusterIdentity does not allow its namespace is told so in IdentityReady and makes no OCI
// call; once the identity allows it (a watched change), the cluster comes up signing with the identity's key.
func TestOCIClusterIdentityNotAllowedThenAllowed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "identities-"}}
	g.Expect(env.Client.Create(ctx, ns)).To(Succeed())
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: "user-principal"}, StringData: map[string]string{
		"tenancy": env.Sim.Tenancy(), "user": env.Sim.User(), "fingerprint": env.Sim.Fingerprint(), "key": env.Sim.PrivateKeyPEM(),
		"region": region, "passphrase": ""}}
	g.Expect(env.Client.Create(ctx, secret)).To(Succeed())
	id := &infrav1.OCIClusterIdentity{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: "team-a"},
		Spec: infrav1.OCIClusterIdentitySpec{Type: "UserPrincipal",
			PrincipalSecret: corev1.SecretReference{Namespace: ns.Name, Name: secret.Name}}}
	g.Expect(env.Client.Create(ctx, id)).To(Succeed())

	tc := newTestCluster(ctx, t, "identity", func(oc *infrav1.OCICluster) {
		oc.Spec.IdentityRef = &corev1.ObjectReference{Kind: "OCIClusterIdentity", Namespace: ns.Name, Name: id.Name}
	})
	g.Eventually(func(g Gomega) {
		c := conditions.Get(tc.get(ctx, g), infrav1.IdentityReadyCondition)
		g.Expect(c).NotTo(BeNil())
		g.Expect(c.Status).To(Equal(metav1.ConditionFalse))
		g.Expect(c.Reason).To(Equal(infrav1.NamespaceNotAllowedReason))
		g.Expect(c.Message).To(ContainSubstring("allowedNamespaces"))
	}).WithTimeout(time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	g.Expect(env.Sim.CallsIn(tc.Compartment, tc.Created)).To(BeEmpty())

	patch := client.MergeFrom(id.DeepCopy())
	id.Spec.AllowedNamespaces = &infrav1.AllowedNamespaces{}
	g.Expect(env.Client.Patch(ctx, id, patch)).To(Succeed())
	oc := tc.waitProvisioned(ctx, t)
	g.Expect(conditions.IsTrue(oc, infrav1.IdentityReadyCondition)).To(BeTrue())
	tc.deleteAndWait(ctx, t)
	g.Expect(env.Sim.Leaks(tc.Compartment)).To(BeEmpty())
}
