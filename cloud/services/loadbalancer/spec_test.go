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

package loadbalancer

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	lbaas "github.com/oracle/oci-go-sdk/v65/loadbalancer"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

var public = Placement{SubnetIDs: []string{"ocid1.subnet.cpe"}, NSGIDs: []string{"ocid1.nsg.cpe"}}

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	base := func(f func(*lbaas.CreateLoadBalancerDetails)) lbaas.CreateLoadBalancerDetails {
		d := lbaas.CreateLoadBalancerDetails{CompartmentId: ptr.To(o.Compartment), DisplayName: ptr.To("c1-apiserver"),
			ShapeName: ptr.To("flexible"), ShapeDetails: &lbaas.ShapeDetails{MinimumBandwidthInMbps: ptr.To(10), MaximumBandwidthInMbps: ptr.To(100)},
			SubnetIds: []string{"ocid1.subnet.cpe"}, IsPrivate: ptr.To(false), NetworkSecurityGroupIds: []string{"ocid1.nsg.cpe"},
			Listeners: map[string]lbaas.ListenerDetails{"apiserver-lb-listener": {DefaultBackendSetName: ptr.To("apiserver-lb-backendset"),
				Port: ptr.To(6443), Protocol: ptr.To("TCP")}},
			BackendSets: map[string]lbaas.BackendSetDetails{"apiserver-lb-backendset": {Policy: ptr.To("ROUND_ROBIN"),
				HealthChecker: &lbaas.HealthCheckerDetails{Protocol: ptr.To("TCP"), Port: ptr.To(6443)}, Backends: []lbaas.BackendDetails{}}},
			FreeformTags: o.OwnedTags(), DefinedTags: o.Defined}
		if f != nil {
			f(&d)
		}
		return d
	}
	for _, tc := range []struct {
		name  string
		lb    infrav1.LoadBalancer
		port  int32
		place Placement
		want  lbaas.CreateLoadBalancerDetails
	}{
		{name: "defaults: <cluster>-apiserver, flexible 10-100 Mbps, TCP on 6443", want: base(nil)},
		{name: "a name", lb: infrav1.LoadBalancer{Name: "api", LoadBalancerType: "lb"},
			want: base(func(d *lbaas.CreateLoadBalancerDetails) { d.DisplayName = ptr.To("api") })},
		{name: "another API server port: the listener's and the health check's", port: 7443,
			want: base(func(d *lbaas.CreateLoadBalancerDetails) {
				d.Listeners[ListenerName] = lbaas.ListenerDetails{DefaultBackendSetName: ptr.To(BackendSetName), Port: ptr.To(7443), Protocol: ptr.To("TCP")}
				d.BackendSets[BackendSetName].HealthChecker.Port = ptr.To(7443)
			})},
		{name: "two private AD subnets, no NSGs", place: Placement{SubnetIDs: []string{"ocid1.subnet.a", "ocid1.subnet.b"}, Private: true},
			want: base(func(d *lbaas.CreateLoadBalancerDetails) {
				d.SubnetIds, d.IsPrivate, d.NetworkSecurityGroupIds = []string{"ocid1.subnet.a", "ocid1.subnet.b"}, ptr.To(true), nil
			})},
		{name: "an empty NLB spec (as the earlier provider stored it) changes nothing",
			lb: infrav1.LoadBalancer{LoadBalancerType: "lb", NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{
				HealthChecker: &infrav1.HealthChecker{}}}}, want: base(nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			port, place := tc.port, tc.place
			if port == 0 {
				port = 6443
			}
			if len(place.SubnetIDs) == 0 {
				place = public
			}
			got, err := NewSpec(o, "c1", &tc.lb, port, place).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("CreateLoadBalancerDetails (-want +got):\n%s", d)
			}
		})
	}
}

// inPlace is a load balancer as NewSpec creates it, with what OCI adds.
func inPlace(tags map[string]string) lbaas.LoadBalancer {
	return lbaas.LoadBalancer{DisplayName: ptr.To("c1-apiserver"), FreeformTags: tags,
		Listeners: map[string]lbaas.Listener{ListenerName: {Name: ptr.To(ListenerName), DefaultBackendSetName: ptr.To(BackendSetName),
			Port: ptr.To(6443), Protocol: ptr.To("TCP"), RuleSetNames: []string{"theirs"}}},
		BackendSets: map[string]lbaas.BackendSet{BackendSetName: {Name: ptr.To(BackendSetName), Policy: ptr.To("ROUND_ROBIN"),
			HealthChecker: &lbaas.HealthChecker{Protocol: ptr.To("TCP"), Port: ptr.To(6443), ReturnCode: ptr.To(200),
				ResponseBodyRegex: ptr.To(""), UrlPath: ptr.To("/"), Retries: ptr.To(3), TimeoutInMillis: ptr.To(3000),
				IntervalInMillis: ptr.To(10000)}}}}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	for _, tc := range []struct {
		name   string
		port   int32
		change func(lb *lbaas.LoadBalancer)
		want   any
	}{
		{name: "as desired, with tags of others", change: func(lb *lbaas.LoadBalancer) {
			lb.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}
		}},
		{name: "the API server port changed: the listener first, its other settings kept", port: 7443,
			want: Update{Listener: &lbaas.UpdateListenerDetails{DefaultBackendSetName: ptr.To(BackendSetName), Port: ptr.To(7443),
				Protocol: ptr.To("TCP"), RuleSetNames: []string{"theirs"}}}},
		{name: "the listener in place, the health check's port changed", port: 7443,
			change: func(lb *lbaas.LoadBalancer) {
				l := lb.Listeners[ListenerName]
				l.Port = ptr.To(7443)
				lb.Listeners[ListenerName] = l
			},
			want: Update{HealthChecker: &lbaas.UpdateHealthCheckerDetails{Protocol: ptr.To("TCP"), Port: ptr.To(7443),
				ReturnCode: ptr.To(200), Retries: ptr.To(3), TimeoutInMillis: ptr.To(3000), IntervalInMillis: ptr.To(10000),
				ResponseBodyRegex: ptr.To(""), UrlPath: ptr.To("/")}}},
		{name: "health check turned to HTTP behind our back: TCP again, other settings kept",
			change: func(lb *lbaas.LoadBalancer) {
				h := lb.BackendSets[BackendSetName].HealthChecker
				h.Protocol, h.Retries = ptr.To("HTTP"), ptr.To(5)
			},
			want: Update{HealthChecker: &lbaas.UpdateHealthCheckerDetails{Protocol: ptr.To("TCP"), Port: ptr.To(6443),
				ReturnCode: ptr.To(200), Retries: ptr.To(5), TimeoutInMillis: ptr.To(3000), IntervalInMillis: ptr.To(10000),
				ResponseBodyRegex: ptr.To(""), UrlPath: ptr.To("/")}}},
		{name: "no health checker read: OCI's defaults named",
			change: func(lb *lbaas.LoadBalancer) {
				bs := lb.BackendSets[BackendSetName]
				bs.HealthChecker = nil
				lb.BackendSets[BackendSetName] = bs
			},
			want: Update{HealthChecker: &lbaas.UpdateHealthCheckerDetails{Protocol: ptr.To("TCP"), Port: ptr.To(6443),
				ReturnCode: ptr.To(200), Retries: ptr.To(3), TimeoutInMillis: ptr.To(3000), IntervalInMillis: ptr.To(10000),
				ResponseBodyRegex: ptr.To("")}}},
		{name: "renamed behind our back", change: func(lb *lbaas.LoadBalancer) { lb.DisplayName = ptr.To("x") },
			want: Update{LoadBalancer: &lbaas.UpdateLoadBalancerDetails{DisplayName: ptr.To("c1-apiserver"), FreeformTags: owned}}},
		{name: "a tag removed: put back, others kept",
			change: func(lb *lbaas.LoadBalancer) {
				lb.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}
			},
			want: Update{LoadBalancer: &lbaas.UpdateLoadBalancerDetails{DisplayName: ptr.To("c1-apiserver"),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			port := tc.port
			if port == 0 {
				port = 6443
			}
			existing := inPlace(owned)
			if tc.change != nil {
				tc.change(&existing)
			}
			got, err := NewSpec(o, "c1", &infrav1.LoadBalancer{}, port, public).UpdateDetails(&existing)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("update (-want +got):\n%s", d)
			}
		})
	}
}

func TestEndpointHost(t *testing.T) {
	ip := func(addr string, public bool) lbaas.IpAddress {
		return lbaas.IpAddress{IpAddress: ptr.To(addr), IsPublic: ptr.To(public)}
	}
	for _, tc := range []struct {
		name    string
		private bool
		ips     []lbaas.IpAddress
		want    string
	}{
		{"private: the first address", true, []lbaas.IpAddress{ip("10.0.0.10", false), ip("10.0.0.11", false)}, "10.0.0.10"},
		{"public: the first public address, not the last", false,
			[]lbaas.IpAddress{ip("10.0.0.10", false), ip("192.0.2.1", true), ip("192.0.2.2", true)}, "192.0.2.1"},
		{"public without a public address: none", false, []lbaas.IpAddress{ip("10.0.0.10", false)}, ""},
		{"no address yet: none", true, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EndpointHost(&lbaas.LoadBalancer{Id: ptr.To("ocid1.lb"), IsPrivate: ptr.To(tc.private), IpAddresses: tc.ips})
			if got != tc.want || (tc.want == "") != (err != nil) {
				t.Errorf("EndpointHost = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestPlacement(t *testing.T) {
	subnet := func(name, role, id, typ string) infrav1.Subnet {
		return infrav1.Subnet{Name: name, Role: role, ID: id, Type: typ}
	}
	cp := subnet("cp", "control-plane", "ocid1.subnet.cp", "private")
	nsgs := func(skip bool, ids ...string) *infrav1.NetworkSecurityGroup {
		g := &infrav1.NetworkSecurityGroup{Skip: skip, List: []infrav1.NSG{{Name: "w", Role: "worker"}}}
		for i, id := range ids {
			g.List = append(g.List, infrav1.NSG{Name: string(rune('a' + i)), Role: "control-plane-endpoint", ID: id})
		}
		return g
	}
	for _, tc := range []struct {
		name    string
		vcn     infrav1.VCN
		strict  bool
		want    Placement
		notDone bool
		wantErr bool
	}{
		{name: "public subnet and NSGs", strict: true, vcn: infrav1.VCN{Subnets: []infrav1.Subnet{cp,
			subnet("cpe", "control-plane-endpoint", "ocid1.subnet.cpe", "public")}, NetworkSecurityGroup: nsgs(false, "ocid1.nsg.a")},
			want: Placement{SubnetIDs: []string{"ocid1.subnet.cpe"}, NSGIDs: []string{"ocid1.nsg.a"}}},
		{name: "two private subnets", strict: true, vcn: infrav1.VCN{Subnets: []infrav1.Subnet{cp,
			subnet("a", "control-plane-endpoint", "ocid1.subnet.a", "private"), subnet("b", "control-plane-endpoint", "ocid1.subnet.b", "private")}},
			want: Placement{SubnetIDs: []string{"ocid1.subnet.a", "ocid1.subnet.b"}, Private: true}},
		{name: "a subnet has no ID yet: waits", strict: true, vcn: infrav1.VCN{Subnets: []infrav1.Subnet{
			subnet("a", "control-plane-endpoint", "ocid1.subnet.a", ""), subnet("b", "control-plane-endpoint", "", "")}}, notDone: true},
		{name: "an NSG has no ID yet: waits", strict: true, vcn: infrav1.VCN{Subnets: []infrav1.Subnet{
			subnet("a", "control-plane-endpoint", "ocid1.subnet.a", "")}, NetworkSecurityGroup: nsgs(false, "")}, notDone: true},
		{name: "NSGs skipped: those with IDs", strict: true, vcn: infrav1.VCN{Subnets: []infrav1.Subnet{
			subnet("a", "control-plane-endpoint", "ocid1.subnet.a", "")}, NetworkSecurityGroup: nsgs(true, "", "ocid1.nsg.b")},
			want: Placement{SubnetIDs: []string{"ocid1.subnet.a"}, NSGIDs: []string{"ocid1.nsg.b"}}},
		{name: "no control-plane-endpoint subnet: an error", strict: true, vcn: infrav1.VCN{Subnets: []infrav1.Subnet{cp}}, wantErr: true},
		{name: "brought by ID: what is recorded, no wait", vcn: infrav1.VCN{Subnets: []infrav1.Subnet{
			subnet("a", "control-plane-endpoint", "", "private")}, NetworkSecurityGroup: nsgs(false, "")}, want: Placement{Private: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := placement(&tc.vcn, tc.strict)
			var nd *async.NotDoneError
			switch {
			case tc.notDone:
				if !errors.As(err, &nd) || !strings.Contains(nd.What, "waiting for the control-plane-endpoint") {
					t.Fatalf("placement: %v, want waiting", err)
				}
			case tc.wantErr:
				if err == nil || errors.As(err, &nd) {
					t.Fatalf("placement: %v, want an error", err)
				}
			case err != nil:
				t.Fatal(err)
			default:
				if d := cmp.Diff(tc.want, got); d != "" {
					t.Errorf("placement (-want +got):\n%s", d)
				}
			}
		})
	}
}
