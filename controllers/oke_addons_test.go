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
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// TestOKEAddons installs an add-on on an ENHANCED cluster with a configuration, reconfigures it, moves it to
// another version and disables it by taking it out of spec.addons; each step shows in status.addonStatus, in the
// add-on's own condition and in OKE. On a BASIC cluster the same add-on is refused at admission, naming the field.
func TestOKEAddons(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := NewWithT(t)
	k := newTestOKE(ctx, t, "okeaddons", okeOpts{clusterType: "ENHANCED_CLUSTER", pool: "none"})
	cp := k.waitAvailable(ctx, t)

	setVersion(ctx, t, k.ControlPlane, func() {
		k.ControlPlane.Spec.Addons = []infrav1.Addon{{Name: "CertManager", Version: "v1.14.5",
			Configurations: []infrav1.KeyValue{{Key: "numOfReplicas", Value: "1"}}}}
	})
	k.waitAddon(ctx, t, "v1.14.5", map[string]string{"numOfReplicas": "1"})

	setVersion(ctx, t, k.ControlPlane, func() { k.ControlPlane.Spec.Addons[0].Configurations[0].Value = "2" })
	k.waitAddon(ctx, t, "v1.14.5", map[string]string{"numOfReplicas": "2"})

	setVersion(ctx, t, k.ControlPlane, func() { k.ControlPlane.Spec.Addons[0].Version = "v1.15.3" })
	k.waitAddon(ctx, t, "v1.15.3", map[string]string{"numOfReplicas": "2"})

	setVersion(ctx, t, k.ControlPlane, func() { k.ControlPlane.Spec.Addons = nil })
	g.Eventually(func(g Gomega) {
		cp = k.controlPlane(ctx, g)
		g.Expect(cp.Status.AddonStatus).NotTo(HaveKey("CertManager"))
		g.Expect(conditions.Has(cp, "AddonCertManagerReady")).To(BeFalse())
		g.Expect(conditions.IsTrue(cp, infrav1.AddonsReadyCondition)).To(BeTrue())
		a, err := addon(ctx, cp.Spec.ID, "CertManager")
		if err == nil {
			g.Expect(a.LifecycleState).To(Equal(containerengine.AddonLifecycleStateDeleted), "disabled in OKE")
		}
	}).WithTimeout(2 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())

	basic := &infrav1.OCIManagedControlPlane{ObjectMeta: metav1.ObjectMeta{Namespace: k.Cluster.Namespace, Name: "basic"},
		Spec: infrav1.OCIManagedControlPlaneSpec{Version: "v1.32.1", ClusterType: "BASIC_CLUSTER",
			Addons: []infrav1.Addon{{Name: "CertManager"}}}}
	err := env.Client.Create(ctx, basic)
	g.Expect(err).To(MatchError(ContainSubstring("spec.addons")))
	k.deleteAll(ctx, t)
}

// waitAddon waits until CertManager is installed at version with configs, as status, its condition and OKE say.
func (k *testOKE) waitAddon(ctx context.Context, t testing.TB, version string, configs map[string]string) {
	t.Helper()
	NewWithT(t).Eventually(func(g Gomega) {
		cp := k.controlPlane(ctx, g)
		g.Expect(cp.Status.AddonStatus).To(HaveKeyWithValue("CertManager", HaveField("CurrentlyInstalledVersion", version)))
		g.Expect(conditions.IsTrue(cp, "AddonCertManagerReady")).To(BeTrue(), "conditions: %v", cp.Status.Conditions)
		g.Expect(conditions.IsTrue(cp, infrav1.AddonsReadyCondition)).To(BeTrue())
		a, err := addon(ctx, cp.Spec.ID, "CertManager")
		g.Expect(err).NotTo(HaveOccurred())
		got := map[string]string{}
		for _, c := range a.Configurations {
			got[*c.Key] = *c.Value
		}
		g.Expect(got).To(Equal(configs))
		g.Expect(*a.Version).To(Equal(version))
	}).WithTimeout(2 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
}

// addon reads an add-on of an OKE cluster through the SDK.
func addon(ctx context.Context, cluster, name string) (containerengine.Addon, error) {
	ce, err := env.Sim.ContainerEngineClient(region)
	if err != nil {
		return containerengine.Addon{}, err
	}
	r, err := ce.GetAddon(ctx, containerengine.GetAddonRequest{ClusterId: &cluster, AddonName: &name})
	return r.Addon, err
}
