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
	"slices"
	"testing"

	"github.com/google/uuid"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func TestOCIManagedClusterDefault(t *testing.T) {
	c := &infrav1.OCIManagedCluster{}
	w := &OCIManagedCluster{}
	if err := w.Default(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := uuid.Parse(c.Spec.OCIResourceIdentifier); err != nil {
		t.Errorf("ociResourceIdentifier %q is not a UUID", c.Spec.OCIResourceIdentifier)
	}
	var roles []string
	for _, s := range c.Spec.NetworkSpec.VCN.Subnets {
		roles = append(roles, s.Role)
	}
	if want := []string{RoleControlPlaneEndpoint, RoleServiceLB, RoleWorker, RolePod}; !slices.Equal(roles, want) {
		t.Errorf("OKE subnet roles %v, want %v", roles, want)
	}
	if want := []string{RoleControlPlaneEndpoint, RoleWorker, RoleServiceLB, RolePod}; !slices.Equal(nsgRoles(c.Spec.NetworkSpec.VCN.NetworkSecurityGroup), want) {
		t.Errorf("OKE NSG roles %v, want %v", nsgRoles(c.Spec.NetworkSpec.VCN.NetworkSecurityGroup), want)
	}
	if c.Spec.NetworkSpec.VCN.CIDR != DefaultVCNCIDR {
		t.Errorf("OKE VCN CIDR %q, want %s as the earlier provider writes it", c.Spec.NetworkSpec.VCN.CIDR, DefaultVCNCIDR)
	}
	if c.Spec.NetworkSpec.APIServerLoadBalancer != nil || c.Spec.ControlPlaneEndpoint.Port != 0 {
		t.Errorf("OKE runs the API server; nothing to default there: %+v", c.Spec)
	}
	id := c.Spec.OCIResourceIdentifier
	if err := w.Default(context.Background(), c); err != nil || c.Spec.OCIResourceIdentifier != id {
		t.Errorf("second defaulting changed the identifier %q to %q (%v)", id, c.Spec.OCIResourceIdentifier, err)
	}
	_, err := w.ValidateCreate(context.Background(), c)
	expectFields(t, err)
}

func TestOCIManagedClusterValidate(t *testing.T) {
	w := &OCIManagedCluster{}
	base := &infrav1.OCIManagedCluster{ObjectMeta: metav1.ObjectMeta{Name: "m"},
		Spec: infrav1.OCIManagedClusterSpec{CompartmentID: compartmentID, OCIResourceIdentifier: resourceUUID}}
	if err := w.Default(context.Background(), base); err != nil {
		t.Fatal(err)
	}
	create := []struct {
		name   string
		mutate func(*infrav1.OCIManagedCluster)
		fields []string
	}{
		{"bad compartment", func(c *infrav1.OCIManagedCluster) { c.Spec.CompartmentID = "ocid2.x" }, []string{"spec.compartmentId"}},
		{"bad host URL", func(c *infrav1.OCIManagedCluster) {
			c.Spec.HostURL = &infrav1.ClientOverrides{ContainerEngineClientURL: "ftp://x"}
		}, []string{"spec.hostUrl.containerEngineClientUrl"}},
		{"pod subnet outside the VCN", func(c *infrav1.OCIManagedCluster) { c.Spec.NetworkSpec.VCN.Subnets[3].CIDR = "172.16.0.0/18" },
			[]string{"spec.networkSpec.vcn.subnets[3].cidr"}},
	}
	for _, tt := range create {
		t.Run(tt.name, func(t *testing.T) {
			c := base.DeepCopy()
			tt.mutate(c)
			_, err := w.ValidateCreate(context.Background(), c)
			expectFields(t, err, tt.fields...)
		})
	}
	update := []struct {
		name   string
		mutate func(*infrav1.OCIManagedCluster)
		fields []string
	}{
		{"endpoint filled", func(c *infrav1.OCIManagedCluster) { c.Spec.ControlPlaneEndpoint.Host = "x.oraclecloud.com" }, nil},
		{"identifier removed", func(c *infrav1.OCIManagedCluster) { c.Spec.OCIResourceIdentifier = "" }, []string{"spec.ociResourceIdentifier"}},
		{"VCN CIDR changed", func(c *infrav1.OCIManagedCluster) { c.Spec.NetworkSpec.VCN.CIDR = "10.2.0.0/16" }, []string{"spec.networkSpec.vcn.cidr"}},
		{"subnet type changed", func(c *infrav1.OCIManagedCluster) { c.Spec.NetworkSpec.VCN.Subnets[2].Type = SubnetPublic },
			[]string{"spec.networkSpec.vcn.subnets[2].type"}},
	}
	for _, tt := range update {
		t.Run(tt.name, func(t *testing.T) {
			c := base.DeepCopy()
			tt.mutate(c)
			_, err := w.ValidateUpdate(context.Background(), base, c)
			expectFields(t, err, tt.fields...)
		})
	}
}

func TestOCIManagedClusterTemplate(t *testing.T) {
	w := &OCIManagedClusterTemplate{}
	tmpl := &infrav1.OCIManagedClusterTemplate{ObjectMeta: metav1.ObjectMeta{Name: "t"}}
	_, err := w.ValidateCreate(context.Background(), tmpl)
	expectFields(t, err)
	bad := tmpl.DeepCopy()
	bad.Spec.Template.Spec.OCIResourceIdentifier = resourceUUID
	_, err = w.ValidateCreate(context.Background(), bad)
	expectFields(t, err, "spec.template.spec.ociResourceIdentifier")
	_, err = w.ValidateUpdate(context.Background(), tmpl, bad)
	expectFields(t, err, "spec.template.spec.ociResourceIdentifier")
}
