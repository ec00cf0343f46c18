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

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func TestOCIClusterIdentityValidate(t *testing.T) {
	user := infrav1.OCIClusterIdentitySpec{Type: UserPrincipal, PrincipalSecret: corev1.SecretReference{Name: "key", Namespace: "capoci"}}
	tests := []struct {
		name     string
		spec     infrav1.OCIClusterIdentitySpec
		fields   []string
		warnings int
	}{
		{"user principal", user, nil, 0},
		{"instance principal, any namespace", infrav1.OCIClusterIdentitySpec{Type: InstancePrincipal,
			AllowedNamespaces: &infrav1.AllowedNamespaces{}}, nil, 0},
		{"workload principal with a needless secret", infrav1.OCIClusterIdentitySpec{Type: WorkloadPrincipal,
			PrincipalSecret: corev1.SecretReference{Name: "key"}}, nil, 1},
		{"workload principal as the earlier provider spells it", infrav1.OCIClusterIdentitySpec{Type: Workload}, nil, 0},
		{"no type", infrav1.OCIClusterIdentitySpec{}, []string{"spec.type"}, 0},
		{"workload in another case", infrav1.OCIClusterIdentitySpec{Type: "workload"}, []string{"spec.type"}, 0},
		{"unknown type", infrav1.OCIClusterIdentitySpec{Type: "ApiKey"}, []string{"spec.type"}, 0},
		{"user principal without secret", infrav1.OCIClusterIdentitySpec{Type: UserPrincipal}, []string{"spec.principalSecret.name"}, 0},
		{"bad secret namespace", infrav1.OCIClusterIdentitySpec{Type: UserPrincipal,
			PrincipalSecret: corev1.SecretReference{Name: "key", Namespace: "Cap_OCI"}}, []string{"spec.principalSecret.namespace"}, 0},
		{"bad namespace names", infrav1.OCIClusterIdentitySpec{Type: InstancePrincipal,
			AllowedNamespaces: &infrav1.AllowedNamespaces{List: []string{"ok", "Not OK", "ok"}}},
			[]string{"spec.allowedNamespaces.list[1]", "spec.allowedNamespaces.list[2]"}, 0},
		{"selector does not parse", infrav1.OCIClusterIdentitySpec{Type: InstancePrincipal,
			AllowedNamespaces: &infrav1.AllowedNamespaces{Selector: &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{
				{Key: "team", Operator: "Near", Values: []string{"a"}}}}}},
			[]string{"spec.allowedNamespaces.selector"}, 0},
	}
	w := &OCIClusterIdentity{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := &infrav1.OCIClusterIdentity{ObjectMeta: metav1.ObjectMeta{Name: "i"}, Spec: tt.spec}
			warnings, err := w.ValidateCreate(context.Background(), id)
			expectFields(t, err, tt.fields...)
			if len(warnings) != tt.warnings {
				t.Errorf("warnings %v, want %d", warnings, tt.warnings)
			}
			_, err = w.ValidateUpdate(context.Background(), id, id)
			expectFields(t, err, tt.fields...)
		})
	}
}
