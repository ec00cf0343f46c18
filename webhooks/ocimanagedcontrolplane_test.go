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

package webhooks

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func newControlPlane() *infrav1.OCIManagedControlPlane {
	return &infrav1.OCIManagedControlPlane{ObjectMeta: metav1.ObjectMeta{Name: "cp"}, Spec: infrav1.OCIManagedControlPlaneSpec{
		ClusterType: EnhancedCluster, Version: "v1.34.1",
		ClusterPodNetworkOptions: []infrav1.ClusterPodNetworkOptions{{CNIType: CNIVCNNative}},
	}}
}

func TestOCIManagedControlPlaneValidateCreate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1.OCIManagedControlPlane)
		fields []string
	}{
		{"valid", func(*infrav1.OCIManagedControlPlane) {}, nil},
		{"cluster type unknown", func(c *infrav1.OCIManagedControlPlane) { c.Spec.ClusterType = "PREMIUM" }, []string{"spec.clusterType"}},
		{"version without v", func(c *infrav1.OCIManagedControlPlane) { c.Spec.Version = "1.34" }, []string{"spec.version"}},
		{"CNI unknown", func(c *infrav1.OCIManagedControlPlane) { c.Spec.ClusterPodNetworkOptions[0].CNIType = "CALICO" },
			[]string{"spec.clusterPodNetworkOptions[0].cniType"}},
		{"add-ons on a basic cluster, duplicated", func(c *infrav1.OCIManagedControlPlane) {
			c.Spec.ClusterType = BasicCluster
			c.Spec.Addons = []infrav1.Addon{{Name: "CertManager"}, {Name: "CertManager"}}
		}, []string{"spec.addons", "spec.addons[1]"}},
		{"image policy without keys", func(c *infrav1.OCIManagedControlPlane) {
			c.Spec.ImagePolicyConfig = &infrav1.ImagePolicyConfig{IsPolicyEnabled: ptr.To(true)}
		}, []string{"spec.imagePolicyConfig.keyDetails"}},
		{"OIDC without issuer or client", func(c *infrav1.OCIManagedControlPlane) {
			c.Spec.ClusterOptions = &infrav1.ClusterOptions{OpenIDConnectTokenAuthenticationConfig: &infrav1.OpenIDConnectTokenAuthenticationConfig{
				IsOpenIDConnectAuthEnabled: true, IssuerURL: "http://issuer"}}
		}, []string{"spec.clusterOptions.openIdConnectTokenAuthenticationConfig.issuerUrl",
			"spec.clusterOptions.openIdConnectTokenAuthenticationConfig.clientId"}},
		{"bad KMS key", func(c *infrav1.OCIManagedControlPlane) { c.Spec.KMSKeyID = "key" }, []string{"spec.kmsKeyId"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newControlPlane()
			tt.mutate(c)
			_, err := (&OCIManagedControlPlane{}).ValidateCreate(context.Background(), c)
			expectFields(t, err, tt.fields...)
		})
	}
}

func TestOCIManagedControlPlaneValidateUpdate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1.OCIManagedControlPlane)
		fields []string
	}{
		{"upgrade and fill the ID", func(c *infrav1.OCIManagedControlPlane) { c.Spec.Version = "v1.35.0"; c.Spec.ID = clusterID }, nil},
		{"downgrade", func(c *infrav1.OCIManagedControlPlane) { c.Spec.Version = "v1.33.2" }, []string{"spec.version"}},
		{"enhanced to basic", func(c *infrav1.OCIManagedControlPlane) { c.Spec.ClusterType = BasicCluster }, []string{"spec.clusterType"}},
		{"pod network changed", func(c *infrav1.OCIManagedControlPlane) { c.Spec.ClusterPodNetworkOptions[0].CNIType = CNIFlannel },
			[]string{"spec.clusterPodNetworkOptions"}},
		{"KMS key changed", func(c *infrav1.OCIManagedControlPlane) { c.Spec.KMSKeyID = "ocid1.key.oc1.iad.aaaa" }, []string{"spec.kmsKeyId"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, c := newControlPlane(), newControlPlane()
			tt.mutate(c)
			_, err := (&OCIManagedControlPlane{}).ValidateUpdate(context.Background(), old, c)
			expectFields(t, err, tt.fields...)
		})
	}
	withID := newControlPlane()
	withID.Spec.ID = clusterID
	changed := withID.DeepCopy()
	changed.Spec.ID = ""
	_, err := (&OCIManagedControlPlane{}).ValidateUpdate(context.Background(), withID, changed)
	expectFields(t, err, "spec.id")
}

func TestOCIManagedControlPlaneTemplate(t *testing.T) {
	w := &OCIManagedControlPlaneTemplate{}
	tmpl := &infrav1.OCIManagedControlPlaneTemplate{ObjectMeta: metav1.ObjectMeta{Name: "t"}}
	tmpl.Spec.Template.Spec = newControlPlane().Spec
	_, err := w.ValidateCreate(context.Background(), tmpl)
	expectFields(t, err)
	changed := tmpl.DeepCopy()
	changed.Spec.Template.Spec.Version = "v1.35.0"
	_, err = w.ValidateUpdate(context.Background(), tmpl, changed)
	expectFields(t, err, "spec.template.spec.version")
}
