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

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

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
	c := &infrav1.OCICluster{}
	if err := (&OCICluster{}).Default(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if _, err := uuid.Parse(c.Spec.OCIResourceIdentifier); err != nil {
		t.Errorf("ociResourceIdentifier %q is not a UUID", c.Spec.OCIResourceIdentifier)
	}
	want := []infrav1.Subnet{
		{Name: RoleControlPlaneEndpoint, Role: RoleControlPlaneEndpoint, CIDR: "10.0.0.8/29", Type: SubnetPublic},
		{Name: RoleControlPlane, Role: RoleControlPlane, CIDR: "10.0.0.0/29", Type: SubnetPrivate},
		{Name: RoleWorker, Role: RoleWorker, CIDR: "10.0.64.0/20", Type: SubnetPrivate},
		{Name: RoleServiceLB, Role: RoleServiceLB, CIDR: "10.0.0.32/27", Type: SubnetPublic},
	}
	if d := cmp.Diff(want, c.Spec.NetworkSpec.VCN.Subnets); d != "" {
		t.Errorf("subnets (-want +got):\n%s", d)
	}
	if c.Spec.NetworkSpec.VCN.CIDR != DefaultVCNCIDR || c.Spec.ControlPlaneEndpoint.Port != DefaultAPIServerPort {
		t.Errorf("VCN CIDR %q, port %d", c.Spec.NetworkSpec.VCN.CIDR, c.Spec.ControlPlaneEndpoint.Port)
	}
	lb := c.Spec.NetworkSpec.APIServerLoadBalancer
	wantHC := &infrav1.HealthChecker{Protocol: "HTTPS", Port: ptr.To(6443), URLPath: "/healthz", ReturnCode: ptr.To(200),
		IntervalInMillis: ptr.To(10000), TimeoutInMillis: ptr.To(3000), Retries: ptr.To(3)}
	if lb.LoadBalancerType != LoadBalancerNLB || !cmp.Equal(wantHC, lb.NLBSpec.BackendSetDetails.HealthChecker) {
		t.Errorf("load balancer %+v, health checker %s", lb, cmp.Diff(wantHC, lb.NLBSpec.BackendSetDetails.HealthChecker))
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

func mustValidateCreate(t *testing.T, c *infrav1.OCICluster) error {
	t.Helper()
	_, err := (&OCICluster{}).ValidateCreate(context.Background(), c)
	return err
}

func TestOCIClusterDefaultKeepsUserValues(t *testing.T) {
	tests := []struct {
		name  string
		in    func(*infrav1.OCICluster)
		check func(*testing.T, *infrav1.OCICluster)
	}{
		{"brought VCN is not laid out", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.ID = vcnID },
			func(t *testing.T, c *infrav1.OCICluster) {
				if c.Spec.NetworkSpec.VCN.CIDR != "" || len(c.Spec.NetworkSpec.VCN.Subnets) != 0 {
					t.Errorf("network of a brought VCN was defaulted: %+v", c.Spec.NetworkSpec.VCN)
				}
			}},
		{"unmanaged network is left alone", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.SkipNetworkManagement = true },
			func(t *testing.T, c *infrav1.OCICluster) {
				if c.Spec.NetworkSpec.VCN.CIDR != "" {
					t.Errorf("VCN CIDR defaulted to %q", c.Spec.NetworkSpec.VCN.CIDR)
				}
			}},
		{"listed subnets get type and CIDR from their role", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "w", Role: RoleWorker}, {Name: "cp", Role: RoleControlPlane, CIDR: "10.0.1.0/24"}}
		}, func(t *testing.T, c *infrav1.OCICluster) {
			want := []infrav1.Subnet{{Name: "w", Role: RoleWorker, CIDR: "10.0.64.0/20", Type: SubnetPrivate},
				{Name: "cp", Role: RoleControlPlane, CIDR: "10.0.1.0/24", Type: SubnetPrivate}}
			if d := cmp.Diff(want, c.Spec.NetworkSpec.VCN.Subnets); d != "" {
				t.Errorf("subnets (-want +got):\n%s", d)
			}
		}},
		{"layout moved into the VCN's block", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.VCN.CIDR = "192.168.0.0/16"
			c.Spec.NetworkSpec.VCN.Subnets = []infrav1.Subnet{{Name: "w", Role: RoleWorker}}
		}, func(t *testing.T, c *infrav1.OCICluster) {
			if got := c.Spec.NetworkSpec.VCN.Subnets[0].CIDR; got != "192.168.64.0/20" {
				t.Errorf("worker CIDR %q, want 192.168.64.0/20", got)
			}
		}},
		{"whole layout in a custom VCN", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDR = "172.16.0.0/12" },
			func(t *testing.T, c *infrav1.OCICluster) {
				if got := c.Spec.NetworkSpec.VCN.Subnets[3].CIDR; got != "172.16.0.32/27" {
					t.Errorf("service-lb CIDR %q, want 172.16.0.32/27", got)
				}
				if _, err := (&OCICluster{}).ValidateCreate(context.Background(), c); err != nil {
					t.Errorf("the defaulted layout is invalid: %v", err)
				}
			}},
		{"no default CIDR in a VCN smaller than /16", func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDR = "10.0.0.0/20" },
			func(t *testing.T, c *infrav1.OCICluster) {
				if got := c.Spec.NetworkSpec.VCN.Subnets[2].CIDR; got != "" {
					t.Errorf("worker CIDR %q defaulted outside a /20 VCN", got)
				}
			}},
		{"identifier, port and lb type are kept", func(c *infrav1.OCICluster) {
			c.Spec.ControlPlaneEndpoint.Port = 443
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: LoadBalancerLB}
		}, func(t *testing.T, c *infrav1.OCICluster) {
			if c.Spec.OCIResourceIdentifier != resourceUUID || c.Spec.ControlPlaneEndpoint.Port != 443 ||
				c.Spec.NetworkSpec.APIServerLoadBalancer.NLBSpec != nil {
				t.Errorf("user values overwritten: %+v", c.Spec)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCluster(tt.in)
			if err := (&OCICluster{}).Default(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
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
		{"nlbSpec with an lb", func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer = &infrav1.LoadBalancer{LoadBalancerType: LoadBalancerLB, NLBSpec: &infrav1.NLBSpec{}}
		}, []string{"spec.networkSpec.apiServerLoadBalancer.nlbSpec"}},
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
			c.Spec.ControlPlaneEndpoint.Host = "1.2.3.4"
			c.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerID = "ocid1.networkloadbalancer.oc1.iad.aaaa"
		}, nil},
		{"compartment changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.CompartmentID = "ocid1.compartment.oc1..other" },
			[]string{"spec.compartmentId"}},
		{"region changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.Region = "us-phoenix-1" }, []string{"spec.region"}},
		{"identifier changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.OCIResourceIdentifier = uuid.NewString() },
			[]string{"spec.ociResourceIdentifier"}},
		{"VCN CIDR changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.CIDR = "10.1.0.0/16" },
			[]string{"spec.networkSpec.vcn.cidr"}},
		{"subnet CIDR changed", defaulted, func(c *infrav1.OCICluster) { c.Spec.NetworkSpec.VCN.Subnets[2].CIDR = "10.0.80.0/20" },
			[]string{"spec.networkSpec.vcn.subnets[2].cidr"}},
		{"load balancer type changed", defaulted, func(c *infrav1.OCICluster) {
			c.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerType = LoadBalancerLB
			c.Spec.NetworkSpec.APIServerLoadBalancer.NLBSpec = nil
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
	if err := w.Default(context.Background(), tmpl); err != nil {
		t.Fatal(err)
	}
	if tmpl.Spec.Template.Spec.OCIResourceIdentifier != "" {
		t.Errorf("a template got a stable identifier %q", tmpl.Spec.Template.Spec.OCIResourceIdentifier)
	}
	if len(tmpl.Spec.Template.Spec.NetworkSpec.VCN.Subnets) != 4 {
		t.Errorf("template subnets not defaulted: %+v", tmpl.Spec.Template.Spec.NetworkSpec.VCN.Subnets)
	}
	_, err := w.ValidateCreate(context.Background(), tmpl)
	expectFields(t, err)

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
