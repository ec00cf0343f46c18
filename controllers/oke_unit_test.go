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

package controllers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"go.uber.org/mock/gomock"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/cluster-api/util/conditions"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons/mock_okeaddons"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

func TestSplitEndpoint(t *testing.T) {
	for _, c := range []struct {
		in   string
		host string
		port int32
		ok   bool
	}{
		{"10.0.0.10:6443", "10.0.0.10", 6443, true},
		{"[fd00::1]:443", "fd00::1", 443, true},
		{"api.example.com", "api.example.com", 6443, true},
		{"", "", 0, false},
		{"h:port", "", 0, false},
	} {
		host, port, ok := splitEndpoint(c.in)
		if host != c.host || port != c.port || ok != c.ok {
			t.Errorf("splitEndpoint(%q) = %q, %d, %v", c.in, host, port, ok)
		}
	}
}

// okeScope is a control plane scope over a network whose endpoint subnet has the given type.
func okeScope(cp *infrav1.OCIManagedControlPlane, endpointType string) okeClusterScope {
	mc := &infrav1.OCIManagedCluster{Spec: infrav1.OCIManagedClusterSpec{NetworkSpec: infrav1.NetworkSpec{VCN: infrav1.VCN{ID: "vcn",
		Subnets: []infrav1.Subnet{{Name: "ep", Role: scope.RoleControlPlaneEndpoint, Type: endpointType, ID: "s-ep"},
			{Name: "lb", Role: scope.RoleServiceLB, ID: "s-lb"}}}}}}
	cluster := &clusterv1.Cluster{Spec: clusterv1.ClusterSpec{ClusterNetwork: clusterv1.ClusterNetwork{
		Pods: clusterv1.NetworkRanges{CIDRBlocks: []string{"10.244.0.0/16"}}, Services: clusterv1.NetworkRanges{CIDRBlocks: []string{"10.96.0.0/16"}}}}}
	return okeClusterScope{scope.NewManagedControlPlaneScope(cluster, mc, cp, nil, time.Minute)}
}

func TestClusterNetworkOfTheControlPlane(t *testing.T) {
	n := okeScope(&infrav1.OCIManagedControlPlane{}, scope.SubnetPublic).ClusterNetwork()
	if n.VCNID != "vcn" || n.EndpointSubnetID != "s-ep" || !n.EndpointPublic || len(n.ServiceLBSubnetIDs) != 1 ||
		n.PodsCIDR != "10.244.0.0/16" || n.ServicesCIDR != "10.96.0.0/16" {
		t.Errorf("network: %+v", n)
	}
	if okeScope(&infrav1.OCIManagedControlPlane{}, "private").ClusterNetwork().EndpointPublic {
		t.Error("a private endpoint subnet made a public endpoint")
	}
}

func TestObserveOKECluster(t *testing.T) {
	c := &containerengine.Cluster{KubernetesVersion: ptr.To("v1.33.1"), VcnId: ptr.To("vcn"),
		EndpointConfig: &containerengine.ClusterEndpointConfig{SubnetId: ptr.To("s-ep")},
		Options: &containerengine.ClusterCreateOptions{KubernetesNetworkConfig: &containerengine.KubernetesNetworkConfig{
			PodsCidr: ptr.To("10.244.0.0/16"), ServicesCidr: ptr.To("10.96.0.0/16")}},
		Endpoints: &containerengine.ClusterEndpoints{PrivateEndpoint: ptr.To("10.0.0.10:6443"), PublicEndpoint: ptr.To("129.1.2.3:6443")}}
	cp := &infrav1.OCIManagedControlPlane{}
	observeOKECluster(cp, c, okeScope(cp, "private"))
	if cp.Spec.ControlPlaneEndpoint != (clusterv1.APIEndpoint{Host: "10.0.0.10", Port: 6443}) || cp.Status.Version != "v1.33.1" {
		t.Errorf("private: endpoint %+v, version %q", cp.Spec.ControlPlaneEndpoint, cp.Status.Version)
	}
	cp = &infrav1.OCIManagedControlPlane{}
	observeOKECluster(cp, c, okeScope(cp, scope.SubnetPublic))
	if cp.Spec.ControlPlaneEndpoint.Host != "129.1.2.3" {
		t.Errorf("public: endpoint %+v", cp.Spec.ControlPlaneEndpoint)
	}
	if !conditions.IsTrue(cp, infrav1.SpecAppliedCondition) {
		t.Errorf("SpecApplied: %+v", cp.Status.Conditions)
	}
	// The endpoint is set once; a pod network OKE cannot change is reported, not applied.
	cp.Spec.ClusterPodNetworkOptions = []infrav1.ClusterPodNetworkOptions{{CNIType: "FLANNEL_OVERLAY"}}
	c.ClusterPodNetworkOptions = []containerengine.ClusterPodNetworkOptionDetails{containerengine.OciVcnIpNativeClusterPodNetworkOptionDetails{}}
	c.Endpoints.PublicEndpoint = ptr.To("129.9.9.9:6443")
	observeOKECluster(cp, c, okeScope(cp, scope.SubnetPublic))
	if cp.Spec.ControlPlaneEndpoint.Host != "129.1.2.3" {
		t.Error("the endpoint changed after it was set")
	}
	if cond := conditions.Get(cp, infrav1.SpecAppliedCondition); cond == nil || cond.Status != metav1.ConditionFalse ||
		cond.Reason != infrav1.UnchangeableFieldsReason || !strings.Contains(cond.Message, "clusterPodNetworkOptions") {
		t.Errorf("SpecApplied for a CNI change: %+v", cond)
	}
}

func TestSummarizeControlPlane(t *testing.T) {
	cp := &infrav1.OCIManagedControlPlane{}
	summarizeControlPlane(cp, outcome{}, time.Now())
	if conditions.IsTrue(cp, clusterv1.AvailableCondition) {
		t.Error("available before the OKE cluster is")
	}
	for _, c := range []string{infrav1.IdentityReadyCondition, infrav1.OKEClusterReadyCondition, infrav1.KubeconfigReadyCondition} {
		conditions.Set(cp, metav1.Condition{Type: c, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason})
	}
	summarizeControlPlane(cp, outcome{done: true}, time.Now())
	if !conditions.IsTrue(cp, clusterv1.AvailableCondition) || !conditions.IsTrue(cp, clusterv1.ReadyCondition) {
		t.Errorf("not available with every condition True: %+v", cp.Status.Conditions)
	}
	if cp.Status.Deprecated == nil || cp.Status.Deprecated.V1Beta1 == nil || !cp.Status.Deprecated.V1Beta1.Ready { //nolint:staticcheck // the earlier provider's status.ready
		t.Error("the earlier provider's ready is not set")
	}
	now := metav1.Now()
	cp.DeletionTimestamp = &now
	summarizeControlPlane(cp, outcome{}, time.Now())
	if cond := conditions.Get(cp, clusterv1.AvailableCondition); cond.Status != metav1.ConditionFalse || !strings.Contains(cond.Message, "deleted") {
		t.Errorf("Available while deleting: %+v", cond)
	}
}

func TestPoolSettled(t *testing.T) {
	mp := &clusterv1.MachinePool{Spec: clusterv1.MachinePoolSpec{Replicas: ptr.To[int32](2)}}
	p := &infrav1exp.OCIManagedMachinePool{}
	p.Status.Replicas, p.Status.ReadyReplicas, p.Spec.ProviderIDList = 2, 1, []string{"a", "b"}
	if poolSettled(p, mp) {
		t.Error("settled with a node not ready")
	}
	p.Status.ReadyReplicas = 2
	if !poolSettled(p, mp) {
		t.Error("not settled at its size with every node ready")
	}
	mp.Annotations = map[string]string{clusterv1.ReplicasManagedByAnnotation: "cluster-autoscaler"}
	mp.Spec.Replicas = ptr.To[int32](9)
	if !poolSettled(p, mp) {
		t.Error("an externally sized pool is settled at the size OKE has")
	}
}

func TestClusterToControlPlane(t *testing.T) {
	c := &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Namespace: "ns"}, Spec: clusterv1.ClusterSpec{
		ControlPlaneRef: clusterv1.ContractVersionedObjectReference{Kind: "OCIManagedControlPlane", Name: "cp"}}}
	if got := clusterToControlPlane(context.Background(), c); len(got) != 1 || got[0].Name != "cp" || got[0].Namespace != "ns" {
		t.Errorf("clusterToControlPlane = %v", got)
	}
	c.Spec.ControlPlaneRef.Kind = "KubeadmControlPlane"
	if got := clusterToControlPlane(context.Background(), c); len(got) != 0 {
		t.Errorf("a kubeadm control plane mapped: %v", got)
	}
}

func TestMachineInfrastructureKinds(t *testing.T) {
	r := &OCIMachineReconciler{}
	cluster := &clusterv1.Cluster{Spec: clusterv1.ClusterSpec{InfrastructureRef: clusterv1.ContractVersionedObjectReference{Kind: "DockerCluster", Name: "c"}}}
	_, err := r.infraCluster(context.Background(), cluster, "ns")
	if err == nil || !strings.Contains(err.Error(), `"DockerCluster"`) {
		t.Errorf("an unknown infrastructure kind gave %v", err)
	}
	mc := &infrav1.OCIManagedCluster{Spec: infrav1.OCIManagedClusterSpec{CompartmentID: "comp", OCIResourceIdentifier: "id",
		ControlPlaneEndpoint: clusterv1.APIEndpoint{Host: "10.0.0.10", Port: 6443}}}
	got := scope.MachineClusterOfManaged(mc)
	if got.APIServerLB != nil || got.Compartment != "comp" || got.Identifier != "id" || got.Network != &mc.Spec.NetworkSpec ||
		got.ControlPlaneEndpoint.Port != 6443 {
		t.Errorf("the machine's view of an OCIManagedCluster: %+v", got)
	}
}

func TestAddonsInPlaceAreLookedAtOnlyAtTheDriftCheck(t *testing.T) {
	cp := &infrav1.OCIManagedControlPlane{ObjectMeta: metav1.ObjectMeta{Generation: 3},
		Spec: infrav1.OCIManagedControlPlaneSpec{ID: "ocid1.cluster.oc1.iad.x", Addons: []infrav1.Addon{{Name: "CertManager"}}}}
	conditions.Set(cp, metav1.Condition{Type: infrav1.AddonsReadyCondition, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason})
	ctrl := gomock.NewController(t)
	c := mock_okeaddons.NewMockClient(ctrl) // no call expected
	if out := reconcileAddons(context.Background(), cp, c, false); !out.done {
		t.Errorf("add-ons in place, not due: %+v", out)
	}
	// The spec changed since: the add-ons are looked at (one list), due or not.
	cp.Generation = 4
	c.EXPECT().ListAddons(gomock.Any(), gomock.Any()).Return(containerengine.ListAddonsResponse{}, nil)
	c.EXPECT().InstallAddon(gomock.Any(), gomock.Any()).Return(containerengine.InstallAddonResponse{}, nil)
	if out := reconcileAddons(context.Background(), cp, c, false); out.done {
		t.Errorf("an add-on being installed is not done: %+v", out)
	}
}
