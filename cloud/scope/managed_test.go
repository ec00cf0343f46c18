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

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/failuredomains"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// okeNetwork is an OCIManagedCluster with OKE's subnets and an endpoint NSG, some with OCIDs.
func okeNetwork() *infrav1.OCIManagedCluster {
	return &infrav1.OCIManagedCluster{Spec: infrav1.OCIManagedClusterSpec{CompartmentID: "ocid1.compartment.oc1..c",
		OCIResourceIdentifier: "uid", FreeformTags: map[string]string{"team": "a"},
		NetworkSpec: infrav1.NetworkSpec{VCN: infrav1.VCN{ID: "vcn",
			Subnets: []infrav1.Subnet{{Name: "ep", Role: RoleControlPlaneEndpoint, Type: SubnetPublic, ID: "s-ep"},
				{Name: "lb", Role: RoleServiceLB, ID: "s-lb"}, {Name: "worker", Role: "worker", ID: "s-w"}, {Name: "pod", Role: "pod"}},
			NetworkSecurityGroup: &infrav1.NetworkSecurityGroup{List: []infrav1.NSG{{Name: "ep", Role: RoleControlPlaneEndpoint, ID: "n-ep"},
				{Name: "w", Role: "worker"}}}}}}}
}

func TestManagedClusterScopeSharesTheNetwork(t *testing.T) {
	mc := okeNetwork()
	mc.Name, mc.Generation = "oke", 3
	mc.Spec.AvailabilityDomains = map[string]infrav1.OCIAvailabilityDomain{"ad1": {Name: "AD-1"}}
	s := NewManagedClusterScope(&clusterv1.Cluster{}, mc, nil, time.Minute)
	if s.ClusterName() != "oke" || s.CompartmentID() != mc.Spec.CompartmentID || s.ResourceIdentifier() != "uid" || s.Generation() != 3 {
		t.Errorf("network of the managed cluster: %+v", s.Network)
	}
	if s.VCN() != &mc.Spec.NetworkSpec.VCN || len(s.AvailabilityDomains()) != 1 {
		t.Error("the scope does not point at the OCIManagedCluster's spec")
	}
	s.SetFailureDomains([]clusterv1.FailureDomain{{Name: "1"}})
	if len(mc.Status.FailureDomains) != 1 {
		t.Error("failure domains not written to status")
	}
}

func TestNetworkLookups(t *testing.T) {
	mc := okeNetwork()
	n := &Network{Spec: &mc.Spec.NetworkSpec}
	if got := n.SubnetsByRole(RoleControlPlaneEndpoint); len(got) != 1 || got[0].ID != "s-ep" {
		t.Errorf("SubnetsByRole = %+v", got)
	}
	if got := n.NSGIDsByRole(RoleControlPlaneEndpoint); len(got) != 1 || got[0] != "n-ep" {
		t.Errorf("NSGIDsByRole = %v", got)
	}
	if got := n.NSGIDsByRole("worker"); len(got) != 0 {
		t.Errorf("an NSG without an OCID yet is not listed: %v", got)
	}
	for _, c := range []struct {
		name, want, err string
		lookup          func(string) (string, error)
	}{
		{"worker", "s-w", "", n.SubnetID},
		{"pod", "", `subnet "pod" has no OCID yet`, n.SubnetID},
		{"nope", "", `no subnet named "nope" in the OCIManagedCluster's network`, n.SubnetID},
		{"ep", "n-ep", "", n.NSGID},
		{"w", "", `network security group "w" has no OCID yet`, n.NSGID},
		{"nope", "", `no network security group named "nope" in the OCIManagedCluster's network`, n.NSGID},
	} {
		got, err := c.lookup(c.name)
		if got != c.want || (err == nil) != (c.err == "") || (err != nil && err.Error() != c.err) {
			t.Errorf("lookup(%q) = %q, %v; want %q, %q", c.name, got, err, c.want, c.err)
		}
	}
	if _, err := (&Network{Spec: &infrav1.NetworkSpec{}}).NSGID("x"); err == nil {
		t.Error("a network without NSGs found one")
	}
}

func TestManagedControlPlaneScope(t *testing.T) {
	mc := okeNetwork()
	cp := &infrav1.OCIManagedControlPlane{}
	cp.Name, cp.Generation = "oke-cp", 7
	s := NewManagedControlPlaneScope(&clusterv1.Cluster{}, mc, cp, nil, time.Minute)
	if s.OKEClusterName() != "oke-cp" || s.ControlPlane() != &cp.Spec || s.Generation() != 7 || s.Resources != &cp.Status.Resources {
		t.Error("the control plane's name, spec, generation and resources are its own")
	}
	if s.CompartmentID() != mc.Spec.CompartmentID || s.FreeformTags()["team"] != "a" {
		t.Error("the compartment and tags are the managed cluster's")
	}
	c := &containerengine.Cluster{Id: ptr.To("x")}
	s.SetObserved(c)
	if s.Observed != c {
		t.Error("SetObserved did not keep the cluster")
	}
}

func TestManagedMachinePoolScope(t *testing.T) {
	mc := okeNetwork()
	pool := &infrav1exp.OCIManagedMachinePool{Spec: infrav1exp.OCIManagedMachinePoolSpec{Version: "v1.31.1"}}
	pool.Name = "np"
	s := NewManagedMachinePoolScope(nil, mc, pool, "ocid1.cluster", nil, time.Minute, true)
	if s.NodePoolName() != "np" || s.ClusterID() != "ocid1.cluster" || s.Pool() != &pool.Spec || !s.DriftDue() {
		t.Error("name, cluster, spec or settling")
	}
	if s.Replicas() != 1 || s.KubernetesVersion() != "v1.31.1" {
		t.Errorf("without a MachinePool: replicas %d, version %q", s.Replicas(), s.KubernetesVersion())
	}
	mp := &clusterv1.MachinePool{Spec: clusterv1.MachinePoolSpec{Replicas: ptr.To[int32](3),
		Template: clusterv1.MachineTemplateSpec{Spec: clusterv1.MachineSpec{Version: "v1.33.1"}}}}
	s = NewManagedMachinePoolScope(mp, mc, pool, "ocid1.cluster", nil, time.Minute, false)
	if s.Replicas() != 3 || s.KubernetesVersion() != "v1.33.1" {
		t.Errorf("the MachinePool's replicas and version win: %d, %q", s.Replicas(), s.KubernetesVersion())
	}
	mp.Annotations = map[string]string{clusterv1.ReplicasManagedByAnnotation: ""}
	if s.Replicas() != 3 {
		t.Error("an externally sized pool is made at the MachinePool's size")
	}
	pool.Spec.ID, pool.Status.Replicas = "ocid1.nodepool", 5
	if s.Replicas() != 5 {
		t.Errorf("an externally sized pool keeps OKE's size: %d", s.Replicas())
	}
	s.SetObserved(&containerengine.NodePool{})
	if s.Observed == nil {
		t.Error("SetObserved did not keep the pool")
	}
}

func TestManagedMachinePoolAvailabilityDomains(t *testing.T) {
	mc := okeNetwork()
	s := NewManagedMachinePoolScope(nil, mc, &infrav1exp.OCIManagedMachinePool{}, "", nil, time.Minute, false)
	ad, fd := failuredomains.AttributeAvailabilityDomain, failuredomains.AttributeFaultDomain
	mc.Status.FailureDomains = []clusterv1.FailureDomain{{Name: "1", Attributes: map[string]string{ad: "AD-1", fd: "FAULT-DOMAIN-1"}},
		{Name: "2", Attributes: map[string]string{ad: "AD-1", fd: "FAULT-DOMAIN-2"}}, {Name: "x"}}
	got := s.AvailabilityDomains()
	if len(got) != 1 || got["AD-1"].Name != "AD-1" || len(got["AD-1"].FaultDomains) != 2 {
		t.Errorf("from the failure domains of a one-AD region: %+v", got)
	}
	mc.Spec.AvailabilityDomains = map[string]infrav1.OCIAvailabilityDomain{"a": {Name: "AD-9"}}
	if got := s.AvailabilityDomains(); len(got) != 1 || got["a"].Name != "AD-9" {
		t.Errorf("spec.availabilityDomains wins: %+v", got)
	}
}
