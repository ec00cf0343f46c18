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

package nlb

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

var public = Placement{SubnetID: "ocid1.subnet.cpe", NSGIDs: []string{"ocid1.nsg.cpe"}}

// defaultHealth is the health checker of a spec that sets none, on the API server port.
func defaultHealth(port int) *networkloadbalancer.HealthChecker {
	return &networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsHttps, Port: ptr.To(port),
		IntervalInMillis: ptr.To(10000), TimeoutInMillis: ptr.To(3000), Retries: ptr.To(3), UrlPath: ptr.To("/healthz"),
		ReturnCode: ptr.To(200)}
}

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	base := func(f func(*networkloadbalancer.CreateNetworkLoadBalancerDetails)) networkloadbalancer.CreateNetworkLoadBalancerDetails {
		d := networkloadbalancer.CreateNetworkLoadBalancerDetails{CompartmentId: ptr.To(o.Compartment),
			DisplayName: ptr.To("c1-apiserver"), SubnetId: ptr.To("ocid1.subnet.cpe"), IsPrivate: ptr.To(false),
			NetworkSecurityGroupIds: []string{"ocid1.nsg.cpe"},
			Listeners: map[string]networkloadbalancer.ListenerDetails{"apiserver-lb-listener": {Name: ptr.To("apiserver-lb-listener"),
				DefaultBackendSetName: ptr.To("apiserver-lb-backendset"), Port: ptr.To(6443), Protocol: networkloadbalancer.ListenerProtocolsTcp}},
			BackendSets: map[string]networkloadbalancer.BackendSetDetails{"apiserver-lb-backendset": {
				Policy: networkloadbalancer.NetworkLoadBalancingPolicyFiveTuple, IsPreserveSource: ptr.To(false),
				HealthChecker: defaultHealth(6443), Backends: []networkloadbalancer.Backend{}}},
			FreeformTags: o.OwnedTags(), DefinedTags: o.Defined}
		if f != nil {
			f(&d)
		}
		return d
	}
	withHealth := func(h *networkloadbalancer.HealthChecker) func(*networkloadbalancer.CreateNetworkLoadBalancerDetails) {
		return func(d *networkloadbalancer.CreateNetworkLoadBalancerDetails) {
			bs := d.BackendSets[BackendSetName]
			bs.HealthChecker = h
			d.BackendSets[BackendSetName] = bs
		}
	}
	hc := func(h infrav1.HealthChecker) infrav1.LoadBalancer {
		return infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{HealthChecker: &h}}}
	}
	for _, tc := range []struct {
		name  string
		lb    infrav1.LoadBalancer
		port  int32
		place Placement
		want  networkloadbalancer.CreateNetworkLoadBalancerDetails
	}{
		{name: "defaults: <cluster>-apiserver, TCP on 6443, HTTPS /healthz health check", want: base(nil)},
		{name: "a name", lb: infrav1.LoadBalancer{Name: "api"},
			want: base(func(d *networkloadbalancer.CreateNetworkLoadBalancerDetails) { d.DisplayName = ptr.To("api") })},
		{name: "another API server port: the listener's and the health check's", port: 7443,
			want: base(func(d *networkloadbalancer.CreateNetworkLoadBalancerDetails) {
				l := d.Listeners[ListenerName]
				l.Port = ptr.To(7443)
				d.Listeners[ListenerName] = l
				withHealth(defaultHealth(7443))(d)
			})},
		{name: "a private subnet, no NSGs", place: Placement{SubnetID: "ocid1.subnet.cpe", Private: true},
			want: base(func(d *networkloadbalancer.CreateNetworkLoadBalancerDetails) {
				d.IsPrivate, d.NetworkSecurityGroupIds = ptr.To(true), nil
			})},
		{name: "the first reserved IP only",
			lb: infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{ReservedIPIDs: []string{"ocid1.publicip.a", "ocid1.publicip.b"}}},
			want: base(func(d *networkloadbalancer.CreateNetworkLoadBalancerDetails) {
				d.ReservedIps = []networkloadbalancer.ReservedIp{{Id: ptr.To("ocid1.publicip.a")}}
			})},
		{name: "backend set settings", lb: infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{
			IsPreserveSource: ptr.To(true), IsFailOpen: ptr.To(true), IsInstantFailoverEnabled: ptr.To(false)}}},
			want: base(func(d *networkloadbalancer.CreateNetworkLoadBalancerDetails) {
				bs := d.BackendSets[BackendSetName]
				bs.IsPreserveSource, bs.IsFailOpen, bs.IsInstantFailoverEnabled = ptr.To(true), ptr.To(true), ptr.To(false)
				d.BackendSets[BackendSetName] = bs
			})},
		{name: "HTTP health check with its path, code and body, protocol in any case",
			lb: hc(infrav1.HealthChecker{Protocol: "http", URLPath: "/livez", ReturnCode: ptr.To(204), ResponseBodyRegex: "ok",
				Port: ptr.To(10256), Retries: ptr.To(5), IntervalInMillis: ptr.To(5000), TimeoutInMillis: ptr.To(1000)}),
			want: base(withHealth(&networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsHttp,
				Port: ptr.To(10256), IntervalInMillis: ptr.To(5000), TimeoutInMillis: ptr.To(1000), Retries: ptr.To(5),
				UrlPath: ptr.To("/livez"), ReturnCode: ptr.To(204), ResponseBodyRegex: ptr.To("ok")}))},
		{name: "TCP health check: no path or code, data base64-decoded",
			lb: hc(infrav1.HealthChecker{Protocol: "TCP", RequestData: "cGluZw==", ResponseData: "cG9uZw=="}),
			want: base(withHealth(&networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsTcp,
				Port: ptr.To(6443), IntervalInMillis: ptr.To(10000), TimeoutInMillis: ptr.To(3000), Retries: ptr.To(3),
				RequestData: []byte("ping"), ResponseData: []byte("pong")}))},
		{name: "UDP health check without data",
			lb: hc(infrav1.HealthChecker{Protocol: "UDP", Port: ptr.To(53)}),
			want: base(withHealth(&networkloadbalancer.HealthChecker{Protocol: networkloadbalancer.HealthCheckProtocolsUdp,
				Port: ptr.To(53), IntervalInMillis: ptr.To(10000), TimeoutInMillis: ptr.To(3000), Retries: ptr.To(3)}))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			port, place := tc.port, tc.place
			if port == 0 {
				port = 6443
			}
			if place.SubnetID == "" {
				place = public
			}
			got, err := NewSpec(o, "c1", &tc.lb, port, place).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("CreateNetworkLoadBalancerDetails (-want +got):\n%s", d)
			}
		})
	}
}

func TestHealthCheckerRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		hc   infrav1.HealthChecker
		want string
	}{
		{"request data not base64", infrav1.HealthChecker{Protocol: "TCP", RequestData: "not base64!"}, "requestData: not base64-encoded"},
		{"response data not base64", infrav1.HealthChecker{Protocol: "UDP", ResponseData: "%%"}, "responseData: not base64-encoded"},
		{"data on an HTTPS check", infrav1.HealthChecker{RequestData: "cGluZw=="}, "apply only to TCP and UDP"},
		{"a path on a TCP check", infrav1.HealthChecker{Protocol: "TCP", URLPath: "/healthz"}, "apply only to HTTP and HTTPS"},
		{"an unknown protocol", infrav1.HealthChecker{Protocol: "DNS"}, "is not one of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lb := infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{HealthChecker: &tc.hc}}}
			spec := NewSpec(svctest.NewOwner(), "c1", &lb, 6443, public)
			if _, err := spec.CreateDetails(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("CreateDetails: %v, want an error with %q", err, tc.want)
			}
			if _, err := spec.UpdateDetails(&networkloadbalancer.NetworkLoadBalancer{}); err == nil {
				t.Errorf("UpdateDetails: no error")
			}
		})
	}
}

// inPlace is a network load balancer as NewSpec with lb and no NLB spec creates it, with what OCI adds.
func inPlace(tags map[string]string) networkloadbalancer.NetworkLoadBalancer {
	return networkloadbalancer.NetworkLoadBalancer{DisplayName: ptr.To("c1-apiserver"), FreeformTags: tags,
		Listeners: map[string]networkloadbalancer.Listener{ListenerName: {Name: ptr.To(ListenerName),
			DefaultBackendSetName: ptr.To(BackendSetName), Port: ptr.To(6443), Protocol: networkloadbalancer.ListenerProtocolsTcp}},
		BackendSets: map[string]networkloadbalancer.BackendSet{BackendSetName: {Name: ptr.To(BackendSetName),
			HealthChecker: defaultHealth(6443)}}}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	for _, tc := range []struct {
		name   string
		lb     infrav1.LoadBalancer
		port   int32
		change func(n *networkloadbalancer.NetworkLoadBalancer)
		want   any
	}{
		{name: "as desired, with tags of others and OCI's empty regex", change: func(n *networkloadbalancer.NetworkLoadBalancer) {
			n.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}
			n.BackendSets[BackendSetName].HealthChecker.ResponseBodyRegex = ptr.To("")
		}},
		{name: "a TCP check with what OCI fills in for HTTP: as desired",
			lb: infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{
				HealthChecker: &infrav1.HealthChecker{Protocol: "TCP"}}}},
			change: func(n *networkloadbalancer.NetworkLoadBalancer) {
				h := n.BackendSets[BackendSetName].HealthChecker
				h.Protocol, h.ReturnCode = networkloadbalancer.HealthCheckProtocolsTcp, ptr.To(0)
			}},
		{name: "the API server port changed: the listener first", port: 7443,
			want: Update{Listener: &networkloadbalancer.UpdateListenerDetails{DefaultBackendSetName: ptr.To(BackendSetName),
				Port: ptr.To(7443), Protocol: networkloadbalancer.ListenerProtocolsTcp}}},
		{name: "the listener in place and the port of the health check changed", port: 7443,
			change: func(n *networkloadbalancer.NetworkLoadBalancer) {
				l := n.Listeners[ListenerName]
				l.Port = ptr.To(7443)
				n.Listeners[ListenerName] = l
			},
			want: Update{HealthChecker: healthCheckerUpdate(defaultHealth(7443))}},
		{name: "health checker changed behind our back",
			change: func(n *networkloadbalancer.NetworkLoadBalancer) {
				n.BackendSets[BackendSetName].HealthChecker.UrlPath = ptr.To("/")
			},
			want: Update{HealthChecker: healthCheckerUpdate(defaultHealth(6443))}},
		{name: "TCP data changed",
			lb: infrav1.LoadBalancer{NLBSpec: &infrav1.NLBSpec{BackendSetDetails: &infrav1.BackendSetDetails{
				HealthChecker: &infrav1.HealthChecker{Protocol: "TCP", RequestData: "cGluZw=="}}}},
			change: func(n *networkloadbalancer.NetworkLoadBalancer) {
				n.BackendSets[BackendSetName].HealthChecker.Protocol = networkloadbalancer.HealthCheckProtocolsTcp
			},
			want: Update{HealthChecker: &networkloadbalancer.UpdateHealthCheckerDetails{Protocol: networkloadbalancer.HealthCheckProtocolsTcp,
				Port: ptr.To(6443), Retries: ptr.To(3), TimeoutInMillis: ptr.To(3000), IntervalInMillis: ptr.To(10000),
				RequestData: []byte("ping")}}},
		{name: "renamed behind our back", change: func(n *networkloadbalancer.NetworkLoadBalancer) { n.DisplayName = ptr.To("x") },
			want: Update{NetworkLoadBalancer: &networkloadbalancer.UpdateNetworkLoadBalancerDetails{DisplayName: ptr.To("c1-apiserver"),
				FreeformTags: owned}}},
		{name: "a tag removed: put back, others kept",
			change: func(n *networkloadbalancer.NetworkLoadBalancer) {
				n.FreeformTags = map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}
			},
			want: Update{NetworkLoadBalancer: &networkloadbalancer.UpdateNetworkLoadBalancerDetails{DisplayName: ptr.To("c1-apiserver"),
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
			got, err := NewSpec(o, "c1", &tc.lb, port, public).UpdateDetails(&existing)
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
	ip := func(addr string, public bool) networkloadbalancer.IpAddress {
		return networkloadbalancer.IpAddress{IpAddress: ptr.To(addr), IsPublic: ptr.To(public)}
	}
	for _, tc := range []struct {
		name    string
		private bool
		ips     []networkloadbalancer.IpAddress
		want    string
	}{
		{"private: the first address", true, []networkloadbalancer.IpAddress{ip("10.0.0.10", false), ip("10.0.0.11", false)}, "10.0.0.10"},
		{"public: the first public address, not the last", false,
			[]networkloadbalancer.IpAddress{ip("10.0.0.10", false), ip("192.0.2.1", true), ip("192.0.2.2", true)}, "192.0.2.1"},
		{"public without a public address: none", false, []networkloadbalancer.IpAddress{ip("10.0.0.10", false)}, ""},
		{"no address yet: none", true, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EndpointHost(&networkloadbalancer.NetworkLoadBalancer{Id: ptr.To("ocid1.nlb"), IsPrivate: ptr.To(tc.private), IpAddresses: tc.ips})
			if got != tc.want || (tc.want == "") != (err != nil) {
				t.Errorf("EndpointHost = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestPlacement(t *testing.T) {
	subnets := func(id, typ string) []infrav1.Subnet {
		return []infrav1.Subnet{{Name: "cp", Role: "control-plane", ID: "ocid1.subnet.cp"},
			{Name: "cpe", Role: "control-plane-endpoint", ID: id, Type: typ}}
	}
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
		{name: "public subnet and NSGs", strict: true, vcn: infrav1.VCN{Subnets: subnets("ocid1.subnet.cpe", "public"),
			NetworkSecurityGroup: nsgs(false, "ocid1.nsg.a", "ocid1.nsg.b")},
			want: Placement{SubnetID: "ocid1.subnet.cpe", NSGIDs: []string{"ocid1.nsg.a", "ocid1.nsg.b"}}},
		{name: "private subnet, no NSGs", strict: true, vcn: infrav1.VCN{Subnets: subnets("ocid1.subnet.cpe", "private")},
			want: Placement{SubnetID: "ocid1.subnet.cpe", Private: true}},
		{name: "the subnet has no ID yet: waits", strict: true, vcn: infrav1.VCN{Subnets: subnets("", "")}, notDone: true},
		{name: "an NSG has no ID yet: waits", strict: true, vcn: infrav1.VCN{Subnets: subnets("ocid1.subnet.cpe", ""),
			NetworkSecurityGroup: nsgs(false, "ocid1.nsg.a", "")}, notDone: true},
		{name: "NSGs skipped: those with IDs", strict: true, vcn: infrav1.VCN{Subnets: subnets("ocid1.subnet.cpe", ""),
			NetworkSecurityGroup: nsgs(true, "ocid1.nsg.a", "")},
			want: Placement{SubnetID: "ocid1.subnet.cpe", NSGIDs: []string{"ocid1.nsg.a"}}},
		{name: "no control-plane-endpoint subnet: an error", strict: true, vcn: infrav1.VCN{Subnets: subnets("x", "")[:1]}, wantErr: true},
		{name: "brought by ID: what is recorded, no wait", vcn: infrav1.VCN{Subnets: subnets("", ""),
			NetworkSecurityGroup: nsgs(false, "ocid1.nsg.a", "")}, want: Placement{NSGIDs: []string{"ocid1.nsg.a"}}},
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
