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
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// subnetsOf returns "role:name cidr type" of each subnet, in order.
func subnetsOf(n *infrav1.NetworkSpec) []string {
	var out []string
	for i := range n.VCN.Subnets {
		s := &n.VCN.Subnets[i]
		out = append(out, s.Role+":"+s.Name+" "+s.CIDR+" "+s.Type)
	}
	return out
}

// ingressSources returns the sources of the ingress rules of the NSG with the given role whose description is desc.
func ingressSources(n *infrav1.NetworkSpec, role, desc string) []string {
	var out []string
	if g := n.VCN.NetworkSecurityGroup; g != nil {
		for _, nsg := range g.List {
			for _, r := range nsg.IngressRules {
				if nsg.Role == role && r.IngressRule.Description == desc {
					out = append(out, r.IngressRule.Source)
				}
			}
		}
	}
	return out
}

func TestDefaultSelfManagedNetwork(t *testing.T) {
	defaultSubnets := []string{
		"control-plane-endpoint:control-plane-endpoint 10.0.0.8/29 public",
		"control-plane:control-plane 10.0.0.0/29 private",
		"service-lb:service-lb 10.0.0.32/27 public",
		"worker:worker 10.0.64.0/20 private",
	}
	allNSGs := []string{RoleControlPlaneEndpoint, RoleControlPlane, RoleWorker, RoleServiceLB}
	tests := []struct {
		name    string
		in      infrav1.NetworkSpec
		subnets []string
		nsgs    []string
		check   func(*testing.T, *infrav1.NetworkSpec)
	}{
		{name: "empty", subnets: defaultSubnets, nsgs: allNSGs, check: func(t *testing.T, n *infrav1.NetworkSpec) {
			if n.VCN.CIDR != "" {
				t.Errorf("VCN CIDR %q written", n.VCN.CIDR)
			}
			if got := ingressSources(n, RoleControlPlane, "Worker Node to Control Plane(apiserver port) communication"); !slices.Equal(got, []string{"10.0.64.0/20"}) {
				t.Errorf("worker to API server rule sources %v", got)
			}
		}},
		{name: "network not managed", in: infrav1.NetworkSpec{SkipNetworkManagement: true}},
		{name: "a listed subnet keeps its name and type; missing roles are added",
			in: infrav1.NetworkSpec{VCN: infrav1.VCN{Subnets: []infrav1.Subnet{{Name: "w", Role: RoleWorker}}}},
			subnets: []string{"worker:w 10.0.64.0/20 ",
				"control-plane-endpoint:control-plane-endpoint 10.0.0.8/29 public",
				"control-plane:control-plane 10.0.0.0/29 private",
				"service-lb:service-lb 10.0.0.32/27 public"},
			nsgs: allNSGs},
		{name: "rules follow the subnets' own CIDRs",
			in: infrav1.NetworkSpec{VCN: infrav1.VCN{CIDR: "10.1.0.0/16", Subnets: []infrav1.Subnet{
				{Name: "w", Role: RoleWorker, CIDR: "10.1.16.0/20"}, {Name: "cp", Role: RoleControlPlane, CIDR: "10.1.1.0/24"}}}},
			subnets: []string{"worker:w 10.1.16.0/20 ", "control-plane:cp 10.1.1.0/24 ",
				"control-plane-endpoint:control-plane-endpoint 10.1.0.8/29 public",
				"service-lb:service-lb 10.1.0.32/27 public"},
			nsgs: allNSGs, check: func(t *testing.T, n *infrav1.NetworkSpec) {
				if got := ingressSources(n, RoleControlPlane, "Calico networking (BGP)"); !slices.Equal(got, []string{"10.1.1.0/24", "10.1.16.0/20"}) {
					t.Errorf("BGP rule sources %v", got)
				}
				if got := ingressSources(n, RoleWorker, "Path discovery"); !slices.Equal(got, []string{"10.1.0.0/16"}) {
					t.Errorf("path discovery sources %v", got)
				}
			}},
		{name: "layout in a VCN smaller than /16: no subnet CIDR, rules on the VCN",
			in:      infrav1.NetworkSpec{VCN: infrav1.VCN{CIDR: "10.0.0.0/20"}},
			subnets: []string{"control-plane-endpoint:control-plane-endpoint  public", "control-plane:control-plane  private", "service-lb:service-lb  public", "worker:worker  private"},
			nsgs:    allNSGs, check: func(t *testing.T, n *infrav1.NetworkSpec) {
				if got := ingressSources(n, RoleWorker, "Worker node to worker node Kubelet Communication"); !slices.Equal(got, []string{"10.0.0.0/20"}) {
					t.Errorf("kubelet rule sources %v", got)
				}
			}},
		{name: "NSGs skipped", in: infrav1.NetworkSpec{VCN: infrav1.VCN{NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{Skip: true}}},
			subnets: defaultSubnets},
		{name: "a partial NSG list gets the missing roles after it",
			in: infrav1.NetworkSpec{VCN: infrav1.VCN{NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{
				List: []infrav1.NSG{{Name: "mine", Role: RoleWorker}}}}},
			subnets: defaultSubnets, nsgs: []string{RoleWorker, RoleControlPlaneEndpoint, RoleControlPlane, RoleServiceLB},
			check: func(t *testing.T, n *infrav1.NetworkSpec) {
				if n.VCN.NetworkSecurityGroup.List[0].Name != "mine" || len(n.VCN.NetworkSecurityGroup.List[0].IngressRules) != 0 {
					t.Errorf("the user's NSG was changed: %+v", n.VCN.NetworkSecurityGroup.List[0])
				}
			}},
		{name: "a role with a security list gets no NSG",
			in: infrav1.NetworkSpec{VCN: infrav1.VCN{Subnets: []infrav1.Subnet{
				{Name: "cp", Role: RoleControlPlane, CIDR: "10.0.0.0/29", SecurityList: &infrav1.SecurityList{Name: "cp"}}}}},
			subnets: []string{"control-plane:cp 10.0.0.0/29 ",
				"control-plane-endpoint:control-plane-endpoint 10.0.0.8/29 public",
				"service-lb:service-lb 10.0.0.32/27 public",
				"worker:worker 10.0.64.0/20 private"},
			nsgs: []string{RoleControlPlaneEndpoint, RoleWorker, RoleServiceLB}},
		{name: "a brought VCN is laid out as the earlier provider does",
			in: infrav1.NetworkSpec{VCN: infrav1.VCN{ID: vcnID}}, subnets: defaultSubnets, nsgs: allNSGs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.in.DeepCopy()
			defaultSelfManagedNetwork(n)
			if d := cmp.Diff(tt.subnets, subnetsOf(n)); d != "" {
				t.Errorf("subnets (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.nsgs, nsgRoles(n.VCN.NetworkSecurityGroup)); d != "" {
				t.Errorf("NSG roles (-want +got):\n%s", d)
			}
			if tt.check != nil {
				tt.check(t, n)
			}
			again := n.DeepCopy()
			defaultSelfManagedNetwork(again)
			if d := cmp.Diff(n, again); d != "" {
				t.Errorf("defaulting twice changed the network:\n%s", d)
			}
		})
	}
}

func TestDefaultManagedNetwork(t *testing.T) {
	tests := []struct {
		name    string
		in      infrav1.NetworkSpec
		cidr    string
		subnets []string
		nsgs    []string
	}{
		{name: "empty", cidr: DefaultVCNCIDR, subnets: []string{
			"control-plane-endpoint:control-plane-endpoint 10.0.0.8/29 public",
			"service-lb:service-lb 10.0.0.32/27 public",
			"worker:worker 10.0.64.0/20 private",
			"pod:pod 10.0.128.0/18 private"}, nsgs: []string{RoleControlPlaneEndpoint, RoleWorker, RoleServiceLB, RolePod}},
		{name: "listed subnets and NSGs are left as they are",
			in: infrav1.NetworkSpec{VCN: infrav1.VCN{CIDR: "10.2.0.0/16", Subnets: []infrav1.Subnet{{Name: "w", Role: RoleWorker}},
				NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "w", Role: RoleWorker}}}}},
			cidr: "10.2.0.0/16", subnets: []string{"worker:w  "}, nsgs: []string{RoleWorker}},
		{name: "NSGs skipped", in: infrav1.NetworkSpec{VCN: infrav1.VCN{CIDR: "192.168.0.0/16",
			NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{Skip: true}}},
			cidr: "192.168.0.0/16", subnets: []string{
				"control-plane-endpoint:control-plane-endpoint 192.168.0.8/29 public",
				"service-lb:service-lb 192.168.0.32/27 public",
				"worker:worker 192.168.64.0/20 private",
				"pod:pod 192.168.128.0/18 private"}},
		{name: "network not managed", in: infrav1.NetworkSpec{SkipNetworkManagement: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.in.DeepCopy()
			defaultManagedNetwork(n)
			if n.VCN.CIDR != tt.cidr {
				t.Errorf("VCN CIDR %q, want %q", n.VCN.CIDR, tt.cidr)
			}
			if d := cmp.Diff(tt.subnets, subnetsOf(n)); d != "" {
				t.Errorf("subnets (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tt.nsgs, nsgRoles(n.VCN.NetworkSecurityGroup)); d != "" {
				t.Errorf("NSG roles (-want +got):\n%s", d)
			}
		})
	}
}
