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

package scope

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// testOCICluster is an OCICluster with a compartment, an identifier, tags, a VCN and one resource checked an hour
// ago.
func testOCICluster() *infrav1.OCICluster {
	return &infrav1.OCICluster{
		ObjectMeta: metav1.ObjectMeta{Name: "c1", Generation: 7},
		Spec: infrav1.OCIClusterSpec{CompartmentID: "ocid1.compartment.oc1..c", OCIResourceIdentifier: "uid",
			FreeformTags: map[string]string{"a": "b"}, DefinedTags: map[string]map[string]string{"ns": {"k": "v"}},
			AvailabilityDomains: map[string]infrav1.OCIAvailabilityDomain{"ad-1": {Name: ad1}},
			NetworkSpec: infrav1.NetworkSpec{VCN: infrav1.VCN{ID: "ocid1.vcn.oc1..v"},
				VCNPeering: &infrav1.VCNPeering{}}},
		Status: infrav1.OCIClusterStatus{Resources: []infrav1.OCIResource{
			{Key: "vcn", LastChecked: metav1.NewTime(time.Now().Add(-time.Hour))}}},
	}
}

func TestNewClusterScope(t *testing.T) {
	oc := testOCICluster()
	s := NewClusterScope(&clusterv1.Cluster{}, oc, nil, 10*time.Minute)
	if s.CompartmentID() != "ocid1.compartment.oc1..c" || s.ResourceIdentifier() != "uid" || s.ClusterName() != "c1" ||
		s.Generation() != 7 || s.DriftInterval() != 10*time.Minute || !s.DriftDue() {
		t.Errorf("compartment %q, identifier %q, name %q, generation %d, drift %s, due %v", s.CompartmentID(),
			s.ResourceIdentifier(), s.ClusterName(), s.Generation(), s.DriftInterval(), s.DriftDue())
	}
	if d := cmp.Diff(map[string]string{"a": "b"}, s.FreeformTags()); d != "" {
		t.Errorf("freeform tags (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[string]map[string]any{"ns": {"k": "v"}}, s.DefinedTags()); d != "" {
		t.Errorf("defined tags (-want +got):\n%s", d)
	}
	if s.VCN() != &oc.Spec.NetworkSpec.VCN || s.VCNPeering() != oc.Spec.NetworkSpec.VCNPeering {
		t.Error("the VCN and its peering are not the OCICluster's own")
	}
	s.Recorder(nil).SetMemo("subnet/worker", async.Memo{OwnedID: "ocid1.subnet.oc1..w"})
	if len(oc.Status.Resources) != 2 || oc.Status.Resources[1].ID != "ocid1.subnet.oc1..w" {
		t.Errorf("status.resources %+v, want the memo kept there", oc.Status.Resources)
	}
	if d := cmp.Diff(oc.Spec.AvailabilityDomains, s.AvailabilityDomains()); d != "" {
		t.Errorf("availability domains (-want +got):\n%s", d)
	}
	fds := adDomains()
	s.SetFailureDomains(fds)
	if d := cmp.Diff(fds, oc.Status.FailureDomains); d != "" {
		t.Errorf("status.failureDomains (-want +got):\n%s", d)
	}
	s.SetControlPlaneEndpoint("lb.example", 6443)
	if oc.Spec.ControlPlaneEndpoint != (clusterv1.APIEndpoint{Host: "lb.example", Port: 6443}) {
		t.Errorf("spec.controlPlaneEndpoint %+v", oc.Spec.ControlPlaneEndpoint)
	}
}

func TestNetworkDefinedTagsWithoutAny(t *testing.T) {
	oc := testOCICluster()
	oc.Spec.DefinedTags = nil
	if got := NewClusterScope(nil, oc, nil, 0).DefinedTags(); got != nil {
		t.Errorf("defined tags %v, want none", got)
	}
}

func TestClusterScopeAPIServer(t *testing.T) {
	oc := testOCICluster()
	s := NewClusterScope(nil, oc, nil, 0)
	if p := s.APIServerPort(); p != 6443 {
		t.Errorf("port %d without a Cluster, want 6443", p)
	}
	s.Cluster = &clusterv1.Cluster{}
	if p := s.APIServerPort(); p != 6443 {
		t.Errorf("port %d without spec.clusterNetwork.apiServerPort, want 6443", p)
	}
	s.Cluster.Spec.ClusterNetwork.APIServerPort = 7443
	if p := s.APIServerPort(); p != 7443 {
		t.Errorf("port %d, want the Cluster's 7443", p)
	}
	lb := s.APIServerLoadBalancer()
	if lb == nil || oc.Spec.NetworkSpec.APIServerLoadBalancer != lb {
		t.Fatal("the API server load balancer is not allocated in the OCICluster's spec")
	}
	lb.LoadBalancerID = "ocid1.networkloadbalancer.oc1..n"
	if s.APIServerLoadBalancer().LoadBalancerID != "ocid1.networkloadbalancer.oc1..n" {
		t.Error("a second call does not return the same load balancer")
	}
}
