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
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

func newCluster(mutate ...func(*infrav1.OCICluster)) *infrav1.OCICluster {
	c := &infrav1.OCICluster{
		ObjectMeta: metav1.ObjectMeta{Name: "c", Namespace: "ns"},
		Spec:       infrav1.OCIClusterSpec{CompartmentID: compartmentID, OCIResourceIdentifier: resourceUUID},
	}
	for _, m := range mutate {
		m(c)
	}
	return c
}

func TestOCIClusterDefault(t *testing.T) {
	c := &infrav1.OCICluster{Spec: infrav1.OCIClusterSpec{CompartmentID: compartmentID}}
	if err := (&OCICluster{}).Default(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := uuid.Parse(c.Spec.OCIResourceIdentifier); err != nil {
		t.Errorf("ociResourceIdentifier %q is not a UUID", c.Spec.OCIResourceIdentifier)
	}
	want := []infrav1.Subnet{
		{Name: RoleControlPlaneEndpoint, Role: RoleControlPlaneEndpoint, CIDR: "10.0.0.8/29", Type: SubnetPublic},
		{Name: RoleControlPlane, Role: RoleControlPlane, CIDR: "10.0.0.0/29", Type: SubnetPrivate},
		{Name: RoleServiceLB, Role: RoleServiceLB, CIDR: "10.0.0.32/27", Type: SubnetPublic},
		{Name: RoleWorker, Role: RoleWorker, CIDR: "10.0.64.0/20", Type: SubnetPrivate},
	}
	if d := cmp.Diff(want, c.Spec.NetworkSpec.VCN.Subnets); d != "" {
		t.Errorf("subnets (-want +got):\n%s", d)
	}
	// As the earlier provider: the VCN CIDR, the load balancer and the port stay unset (the controller takes the
	// port from the Cluster, which a webhook cannot know).
	if c.Spec.NetworkSpec.VCN.CIDR != "" || c.Spec.ControlPlaneEndpoint.Port != 0 || c.Spec.NetworkSpec.APIServerLoadBalancer != nil {
		t.Errorf("VCN CIDR %q, port %d, load balancer %+v defaulted", c.Spec.NetworkSpec.VCN.CIDR,
			c.Spec.ControlPlaneEndpoint.Port, c.Spec.NetworkSpec.APIServerLoadBalancer)
	}
	if got := nsgRoles(c.Spec.NetworkSpec.VCN.NetworkSecurityGroup); !cmp.Equal(got, []string{RoleControlPlaneEndpoint, RoleControlPlane, RoleWorker, RoleServiceLB}) {
		t.Errorf("default NSGs %v", got)
	}
	// Defaulting is idempotent and keeps the identifier.
	again := c.DeepCopy()
	if err := (&OCICluster{}).Default(context.Background(), again); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(c, again); d != "" {
		t.Errorf("second defaulting changed the object:\n%s", d)
	}
	expectFields(t, mustValidateCreate(t, c))
}

func nsgRoles(g *infrav1.NetworkSecurityGroup) []string {
	var roles []string
	if g != nil {
		for _, n := range g.List {
			roles = append(roles, n.Role)
		}
	}
	return roles
}

func mustValidateCreate(t *testing.T, c *infrav1.OCICluster) error {
	t.Helper()
	_, err := (&OCICluster{}).ValidateCreate(context.Background(), c)
	return err
}

func TestOCIClusterValidateCreate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*infrav1.OCICluster)
		fields []string
	}{
		{"valid", func(*infrav1.OCICluster) {}, nil},
		{"bad compartment OCID", func(c *infrav1.OCICluster) { c.Spec.CompartmentID = "compartment" }, []string{"spec.compartmentId"}},
		{"bad region", func(c *infrav1.OCICluster) { c.Spec.Region = "US East" }, []string{"spec.region"}},
		{"identifier not a UUID", func(c *infrav1.OCICluster) { c.Spec.OCIResourceIdentifier = "abc" }, []string{"spec.ociResourceIdentifier"}},
		{"VCN CIDR does not parse", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDR = "10.0.0.0/33" }, []string{"spec.networkSpec.vcn.cidr"}},
		{"VCN CIDR with host bits", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDR = "10.0.0.1/16" }, []string{"spec.networkSpec.vcn.cidr"}},
		{"VCN CIDRs overlap", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDRs = []string{"10.0.0.0/16", "10.0.128.0/17"} },
			[]string{"spec.networkSpec.vcn.cidrs[1]"}},
		{"subnet outside the VCN", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.CIDR = "10.0.0.0/16"
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "a", Role: RoleWorker, CIDR: "10.1.0.0/24"}}
		}, []string{"spec.networkSpec.vcn.subnets[0].cidr"}},
		{"subnets overlap", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.CIDR = "10.0.0.0/16"
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "a", Role: RoleWorker, CIDR: "10.0.0.0/24"},
				{Name: "b", Role: RoleControlPlane, CIDR: "10.0.0.128/25"}}
		}, []string{"spec.networkSpec.vcn.subnets[1].cidr"}},
		{"subnet role unknown and type unknown", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "a", Role: "db", Type: "dmz"}}
		}, []string{"spec.networkSpec.vcn.subnets[0].role", "spec.networkSpec.vcn.subnets[0].type"}},
		{"subnet DNS label too long", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "a", Role: RoleWorker, DNSLabel: "averyveryverylonglabel"}}
		}, []string{"spec.networkSpec.vcn.subnets[0].dnsLabel"}},
		{"bad subnet and NSG OCIDs", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "a", Role: RoleWorker, ID: "subnet-1"}}
			c.Spec.NetworkSpec.VCN.NetworkSecurityGroup = &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "n", ID: "nsg"}}}
		}, []string{"spec.networkSpec.vcn.subnets[0].id", "spec.networkSpec.vcn.networkSecurityGroup.list[0].id"}},
		{"load balancer type unknown", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: "alb"}
		}, []string{"spec.networkSpec.apiServerLoadBalancer.loadBalancerType"}},
		{"load balancer types in upper case", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: "NLB"}
		}, nil},
		{"reserved IPs with an lb", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: LoadBalancerLB,
				NLBSpec: &infrav1.NLBSpec{ReservedIPIDs: []string{"ocid1.publicip.oc1.iad.aaaa"}}}
		}, []string{"spec.networkSpec.apiServerLoadBalancer.nlbSpec"}},
		{"an empty health checker with an lb, as the earlier provider stores it", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: LoadBalancerLB,
				NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{HealthChecker: &infrav1.HealthChecker{}}}}
		}, nil},
		{"an adopted load balancer that is not one", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerID: "ocid1.instance.oc1.iad.aaaa"}
		}, []string{"spec.networkSpec.apiServerLoadBalancer.loadBalancerId"}},
		{"health check timeout longer than interval", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{
				HealthChecker: &infrav1.HealthChecker{IntervalInMillis: ptr.To(1000), TimeoutInMillis: ptr.To(5000), Port: ptr.To(70000)}}}}
		}, []string{"spec.networkSpec.apiServerLoadBalancer.nlbSpec.backendSetDetails.healthChecker.timeoutInMillis",
			"spec.networkSpec.apiServerLoadBalancer.nlbSpec.backendSetDetails.healthChecker.port"}},
		{"identityRef of another kind", func(c *infrav1.OCICluster) {
			c.Spec.IdentityRef = &corev1.ObjectReference{Kind: "Secret", Name: "x"}
		}, []string{"spec.identityRef.kind"}},
		{"client override not a URL", func(c *infrav1.OCICluster) {
			c.Spec.ClientOverrides = &infrav1.ClientOverrides{ComputeClientURL: "compute.local"}
		}, []string{"spec.clientOverrides.computeClientUrl"}},
		{"fault domain misnamed", func(c *infrav1.OCICluster) {
			c.Spec.AvailabilityDomains = map[string]infrav1.OCIAvailabilityDomain{"ad1": {FaultDomains: []string{"FD-1"}}}
		}, []string{"spec.availabilityDomains[ad1].faultDomains[0]"}},
		{"peer route CIDR bad", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCNPeering = &infrav1.VCNPeering{PeerRouteRules: []infrav1.PeerRouteRule{{VCNCIDRRange: "x"}}}
		}, []string{"spec.networkSpec.vcnPeering.peerRouteRules[0].vcnCIDRRange"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectFields(t, mustValidateCreate(t, newCluster(tt.mutate)), tt.fields...)
		})
	}
}

func TestOCIClusterValidateUpdate(t *testing.T) {
	defaulted := newCluster()
	if err := (&OCICluster{}).Default(context.Background(), defaulted); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		old    *infrav1.OCICluster
		mutate func(*infrav1.OCICluster)
		fields []string
	}{
		{"labels only", defaulted, func(c *infrav1.OCICluster) { c.Labels = map[string]string{"a": "b"} }, nil},
		{"stored before the defaults existed", newCluster(), func(*infrav1.OCICluster) {}, nil},
		{"controller fills the VCN and subnet IDs and the endpoint", defaulted, func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.ID = vcnID
			c.Spec.NetworkSpec.VCN.Subnets[0].ID = subnetID
			c.Spec.ControlPlaneEndpoint = clusterv1.APIEndpoint{Host: "1.2.3.4", Port: 6443}
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerID: "ocid1.networkloadbalancer.oc1.iad.aaaa"}
		}, nil},
		{"load balancer type rewritten in upper case", defaulted, func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: "NLB"}
		}, nil},
		{"compartment changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.CompartmentID = "ocid1.compartment.oc1..other" },
			[]string{"spec.compartmentId"}},
		{"region changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.Region = "us-phoenix-1" }, []string{"spec.region"}},
		{"identifier changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.OCIResourceIdentifier = uuid.NewString() },
			[]string{"spec.ociResourceIdentifier"}},
		{"VCN CIDR changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDR = "10.1.0.0/16" },
			[]string{"spec.networkSpec.vcn.cidr"}},
		{"subnet CIDR changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.Subnets[3].CIDR = "10.0.80.0/20" },
			[]string{"spec.networkSpec.vcn.subnets[3].cidr"}},
		{"load balancer kind changed", defaulted, func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: LoadBalancerLB}
		}, []string{"spec.networkSpec.apiServerLoadBalancer.loadBalancerType"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.old.DeepCopy()
			tt.mutate(n)
			if err := (&OCICluster{}).Default(context.Background(), n); err != nil {
				t.Fatal(err)
			}
			_, err := (&OCICluster{}).ValidateUpdate(context.Background(), tt.old, n)
			expectFields(t, err, tt.fields...)
		})
	}
}

func TestOCIClusterWriteOnceIDs(t *testing.T) {
	old := newCluster(func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.ID = vcnID })
	for name, id := range map[string]string{"changed": otherID, "removed": ""} {
		t.Run(name, func(t *testing.T) {
			n := old.DeepCopy()
			n.Spec.NetworkSpec.VCN.ID = id
			_, err := (&OCICluster{}).ValidateUpdate(context.Background(), old, n)
			expectFields(t, err, "spec.networkSpec.vcn.id")
		})
	}
}

func TestOCIClusterTemplate(t *testing.T) {
	w := &OCIClusterTemplate{}
	tmpl := &infrav1.OCIClusterTemplate{ObjectMeta: metav1.ObjectMeta{Name: "t"}}
	tmpl.Spec.Template.Spec.CompartmentID = compartmentID
	_, err := w.ValidateCreate(context.Background(), tmpl)
	expectFields(t, err)

	upper := tmpl.DeepCopy()
	upper.Spec.Template.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: "LB"}
	warnings, err := w.ValidateCreate(context.Background(), upper)
	expectFields(t, err)
	if len(warnings) != 1 || !strings.Contains(warnings[0], "spec.template.spec.networkSpec.apiServerLoadBalancer.loadBalancerType") {
		t.Errorf("warnings %q, want one about the LB type", warnings)
	}

	withID := tmpl.DeepCopy()
	withID.Spec.Template.Spec.OCIResourceIdentifier = resourceUUID
	_, err = w.ValidateCreate(context.Background(), withID)
	expectFields(t, err, "spec.template.spec.ociResourceIdentifier")

	changed := tmpl.DeepCopy()
	changed.Spec.Template.Spec.Region = "us-ashburn-1"
	_, err = w.ValidateUpdate(context.Background(), tmpl, changed)
	expectFields(t, err, "spec.template.spec.region")

	changed.Annotations = dryRunAnnotations
	_, err = w.ValidateUpdate(dryRunContext(), tmpl, changed)
	expectFields(t, err)

	relabeled := tmpl.DeepCopy()
	relabeled.Labels = map[string]string{"a": "b"}
	_, err = w.ValidateUpdate(context.Background(), tmpl, relabeled)
	expectFields(t, err)
}
