package ocisim

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// okeFixture has an ACTIVE cluster.
type okeFixture struct {
	*fixture
	ce      ce.ContainerEngineClient
	cluster string
}

func newOKEFixture(t *testing.T, opts Options) *okeFixture {
	t.Helper()
	f := &okeFixture{fixture: newFixture(t, opts)}
	f.ce = must(f.sim.ContainerEngineClient(iad))
	resp := must(f.ce.CreateCluster(f.ctx, ce.CreateClusterRequest{CreateClusterDetails: ce.CreateClusterDetails{
		Name: common.String("oke"), CompartmentId: common.String(f.sim.Tenancy()), VcnId: f.vcn.Id,
		KubernetesVersion: common.String("v1.32.1"), Type: ce.ClusterTypeEnhancedCluster,
		EndpointConfig:           &ce.CreateClusterEndpointConfigDetails{SubnetId: f.subnet.Id, IsPublicIpEnabled: common.Bool(true)},
		ClusterPodNetworkOptions: []ce.ClusterPodNetworkOptionDetails{ce.OciVcnIpNativeClusterPodNetworkOptionDetails{}}}}))
	wr := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId}))
	if len(wr.Resources) != 1 || *wr.Resources[0].EntityType != "cluster" {
		t.Fatalf("cluster work request resources: %+v", wr.Resources)
	}
	f.cluster = *wr.Resources[0].Identifier
	return f
}

// TestOKEClusterLifecycle checks an OKE cluster, its kubeconfig, upgrade and deletion.
func TestOKEClusterLifecycle(t *testing.T) {
	f := newOKEFixture(t, Options{KubeconfigServer: "https://127.0.0.1:7443", Delays: map[string]time.Duration{KindCluster: time.Minute}})
	c := must(f.ce.GetCluster(f.ctx, ce.GetClusterRequest{ClusterId: &f.cluster}))
	if c.LifecycleState != ce.ClusterLifecycleStateCreating || *c.Endpoints.PublicEndpoint != "127.0.0.1:7443" {
		t.Fatalf("cluster: %+v", c.Cluster)
	}
	if _, ok := c.ClusterPodNetworkOptions[0].(ce.OciVcnIpNativeClusterPodNetworkOptionDetails); !ok {
		t.Fatalf("pod network options: %#v", c.ClusterPodNetworkOptions)
	}
	_, err := f.ce.CreateKubeconfig(f.ctx, ce.CreateKubeconfigRequest{ClusterId: &f.cluster})
	wantCode(t, err, http.StatusConflict, "IncorrectState")
	f.sim.Advance(time.Minute)
	kc := must(f.ce.CreateKubeconfig(f.ctx, ce.CreateKubeconfigRequest{ClusterId: &f.cluster}))
	body := must(io.ReadAll(kc.Content))
	if !strings.Contains(string(body), "server: https://127.0.0.1:7443") {
		t.Fatalf("kubeconfig: %s", body)
	}
	upd := must(f.ce.UpdateCluster(f.ctx, ce.UpdateClusterRequest{ClusterId: &f.cluster,
		UpdateClusterDetails: ce.UpdateClusterDetails{KubernetesVersion: common.String("v1.33.1")}}))
	_, err = f.ce.UpdateCluster(f.ctx, ce.UpdateClusterRequest{ClusterId: &f.cluster,
		UpdateClusterDetails: ce.UpdateClusterDetails{KubernetesVersion: common.String("v1.31.1")}})
	wantCode(t, err, http.StatusBadRequest, "InvalidParameter")
	f.sim.Advance(time.Minute)
	if w := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: upd.OpcWorkRequestId})); w.Status != ce.WorkRequestStatusSucceeded {
		t.Fatalf("update work request: %s", w.Status)
	}
	l := must(f.ce.ListClusters(f.ctx, ce.ListClustersRequest{CompartmentId: common.String(f.sim.Tenancy()), Name: common.String("oke"),
		LifecycleState: []ce.ClusterLifecycleStateEnum{ce.ClusterLifecycleStateCreating, ce.ClusterLifecycleStateActive}}))
	if len(l.Items) != 1 || *l.Items[0].KubernetesVersion != "v1.33.1" || l.Items[0].LifecycleState != ce.ClusterLifecycleStateActive {
		t.Fatalf("list: %+v", l.Items)
	}
	must(f.ce.DeleteCluster(f.ctx, ce.DeleteClusterRequest{ClusterId: &f.cluster}))
	f.sim.Advance(time.Minute)
	if l = must(f.ce.ListClusters(f.ctx, ce.ListClustersRequest{CompartmentId: common.String(f.sim.Tenancy()),
		LifecycleState: []ce.ClusterLifecycleStateEnum{ce.ClusterLifecycleStateCreating, ce.ClusterLifecycleStateActive}})); len(l.Items) != 0 {
		t.Fatalf("deleted cluster listed as active: %+v", l.Items)
	}
	if g := must(f.ce.GetCluster(f.ctx, ce.GetClusterRequest{ClusterId: &f.cluster})); g.LifecycleState != ce.ClusterLifecycleStateDeleted {
		t.Fatalf("after delete: %s", g.LifecycleState)
	}
}

// TestOKENodePools checks node pool options and node pools with their nodes.
func TestOKENodePools(t *testing.T) {
	f := newOKEFixture(t, Options{Delays: map[string]time.Duration{KindNodePool: time.Minute}})
	opts := must(f.ce.GetNodePoolOptions(f.ctx, ce.GetNodePoolOptionsRequest{NodePoolOptionId: &f.cluster}))
	src, ok := opts.Sources[0].(ce.NodeSourceViaImageOption)
	if !ok || len(opts.KubernetesVersions) == 0 {
		t.Fatalf("node pool options: %+v", opts.NodePoolOptions)
	}
	placement := []ce.NodePoolPlacementConfigDetails{{AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), SubnetId: f.subnet.Id}}
	resp := must(f.ce.CreateNodePool(f.ctx, ce.CreateNodePoolRequest{CreateNodePoolDetails: ce.CreateNodePoolDetails{
		CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &f.cluster, Name: common.String("np"),
		KubernetesVersion: common.String("v1.32.1"), NodeShape: common.String("VM.Standard.E4.Flex"),
		NodeShapeConfig:   &ce.CreateNodeShapeConfigDetails{Ocpus: common.Float32(2), MemoryInGBs: common.Float32(32)},
		NodeSourceDetails: ce.NodeSourceViaImageDetails{ImageId: src.ImageId},
		NodeConfigDetails: &ce.CreateNodePoolNodeConfigDetails{Size: common.Int(3), PlacementConfigs: placement,
			NodePoolPodNetworkOptionDetails: ce.OciVcnIpNativeNodePoolPodNetworkOptionDetails{PodSubnetIds: []string{*f.subnet.Id}}}}}))
	wr := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId}))
	npID := wr.Resources[0].Identifier
	np := must(f.ce.GetNodePool(f.ctx, ce.GetNodePoolRequest{NodePoolId: npID}))
	if np.LifecycleState != ce.NodePoolLifecycleStateCreating || len(np.Nodes) != 3 || np.Nodes[0].LifecycleState != ce.NodeLifecycleStateCreating {
		t.Fatalf("node pool while creating: %s with %d nodes", np.LifecycleState, len(np.Nodes))
	}
	f.sim.Advance(time.Minute)
	np = must(f.ce.GetNodePool(f.ctx, ce.GetNodePoolRequest{NodePoolId: npID}))
	if np.Nodes[2].LifecycleState != ce.NodeLifecycleStateActive {
		t.Fatalf("node after creation: %s", np.Nodes[2].LifecycleState)
	}
	if *wr.Resources[0].EntityType != "nodepool" || len(np.Nodes) != 3 || np.Nodes[0].PrivateIp == nil {
		t.Fatalf("node pool: %+v", np.NodePool)
	}
	if _, ok := np.NodeConfigDetails.NodePoolPodNetworkOptionDetails.(ce.OciVcnIpNativeNodePoolPodNetworkOptionDetails); !ok {
		t.Fatalf("pod network: %#v", np.NodeConfigDetails.NodePoolPodNetworkOptionDetails)
	}
	must(f.ce.UpdateNodePool(f.ctx, ce.UpdateNodePoolRequest{NodePoolId: npID, UpdateNodePoolDetails: ce.UpdateNodePoolDetails{
		NodeConfigDetails: &ce.UpdateNodePoolNodeConfigDetails{Size: common.Int(1)}}}))
	f.sim.Advance(time.Minute)
	if np = must(f.ce.GetNodePool(f.ctx, ce.GetNodePoolRequest{NodePoolId: npID})); len(np.Nodes) != 1 {
		t.Fatalf("after scale-in: %d nodes", len(np.Nodes))
	}
	l := must(f.ce.ListNodePools(f.ctx, ce.ListNodePoolsRequest{CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &f.cluster}))
	if len(l.Items) != 1 || *l.Items[0].Id != *npID {
		t.Fatalf("list: %+v", l.Items)
	}
	must(f.ce.DeleteNodePool(f.ctx, ce.DeleteNodePoolRequest{NodePoolId: npID}))
	f.sim.Advance(time.Minute)
	if np = must(f.ce.GetNodePool(f.ctx, ce.GetNodePoolRequest{NodePoolId: npID})); np.LifecycleState != ce.NodePoolLifecycleStateDeleted || len(np.Nodes) != 0 {
		t.Fatalf("after delete: %s with %d nodes", np.LifecycleState, len(np.Nodes))
	}
}

// TestOKEVirtualNodePools checks virtual node pools and virtual nodes.
func TestOKEVirtualNodePools(t *testing.T) {
	f := newOKEFixture(t, Options{})
	placement := []ce.PlacementConfiguration{{AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]), SubnetId: f.subnet.Id,
		FaultDomain: []string{"FAULT-DOMAIN-1"}}}
	resp := must(f.ce.CreateVirtualNodePool(f.ctx, ce.CreateVirtualNodePoolRequest{CreateVirtualNodePoolDetails: ce.CreateVirtualNodePoolDetails{
		CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &f.cluster, DisplayName: common.String("vnp"), Size: common.Int(2),
		PlacementConfigurations: placement, PodConfiguration: &ce.PodConfiguration{SubnetId: f.subnet.Id, Shape: common.String("Pod.Standard.E4.Flex")}}}))
	wr := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId}))
	id := wr.Resources[0].Identifier
	if *wr.Resources[0].EntityType != "VirtualNodePool" {
		t.Fatalf("entity type %s", *wr.Resources[0].EntityType)
	}
	if v := must(f.ce.GetVirtualNodePool(f.ctx, ce.GetVirtualNodePoolRequest{VirtualNodePoolId: id})); v.LifecycleState != ce.VirtualNodePoolLifecycleStateActive {
		t.Fatalf("virtual node pool: %s", v.LifecycleState)
	}
	nodes := must(f.ce.ListVirtualNodes(f.ctx, ce.ListVirtualNodesRequest{VirtualNodePoolId: id}))
	if len(nodes.Items) != 2 || *nodes.Items[0].FaultDomain != "FAULT-DOMAIN-1" {
		t.Fatalf("virtual nodes: %+v", nodes.Items)
	}
	must(f.ce.UpdateVirtualNodePool(f.ctx, ce.UpdateVirtualNodePoolRequest{VirtualNodePoolId: id,
		UpdateVirtualNodePoolDetails: ce.UpdateVirtualNodePoolDetails{Size: common.Int(3)}}))
	if n := must(f.ce.ListVirtualNodes(f.ctx, ce.ListVirtualNodesRequest{VirtualNodePoolId: id})); len(n.Items) != 3 {
		t.Fatalf("after scale-out: %d", len(n.Items))
	}
	l := must(f.ce.ListVirtualNodePools(f.ctx, ce.ListVirtualNodePoolsRequest{CompartmentId: common.String(f.sim.Tenancy()), ClusterId: &f.cluster}))
	if len(l.Items) != 1 {
		t.Fatalf("want 1 virtual node pool, got %d", len(l.Items))
	}
	must(f.ce.DeleteVirtualNodePool(f.ctx, ce.DeleteVirtualNodePoolRequest{VirtualNodePoolId: id}))
	if v := must(f.ce.GetVirtualNodePool(f.ctx, ce.GetVirtualNodePoolRequest{VirtualNodePoolId: id})); v.LifecycleState != ce.VirtualNodePoolLifecycleStateDeleted {
		t.Fatalf("after delete: %s", v.LifecycleState)
	}
}

// TestOKEAddons checks installing, updating and disabling add-ons.
func TestOKEAddons(t *testing.T) {
	f := newOKEFixture(t, Options{})
	must(f.ce.InstallAddon(f.ctx, ce.InstallAddonRequest{ClusterId: &f.cluster, InstallAddonDetails: ce.InstallAddonDetails{
		AddonName: common.String("CertManager"), Version: common.String("v1.14.5")}}))
	_, err := f.ce.InstallAddon(f.ctx, ce.InstallAddonRequest{ClusterId: &f.cluster, InstallAddonDetails: ce.InstallAddonDetails{
		AddonName: common.String("CertManager")}})
	wantCode(t, err, http.StatusConflict, "Conflict")
	must(f.ce.UpdateAddon(f.ctx, ce.UpdateAddonRequest{ClusterId: &f.cluster, AddonName: common.String("CertManager"),
		UpdateAddonDetails: ce.UpdateAddonDetails{Version: common.String("v1.15.3"),
			Configurations: []ce.AddonConfiguration{{Key: common.String("numOfReplicas"), Value: common.String("2")}}}}))
	a := must(f.ce.GetAddon(f.ctx, ce.GetAddonRequest{ClusterId: &f.cluster, AddonName: common.String("CertManager")}))
	if a.LifecycleState != ce.AddonLifecycleStateActive || *a.CurrentInstalledVersion != "v1.15.3" || len(a.Configurations) != 1 {
		t.Fatalf("addon: %+v", a.Addon)
	}
	l := must(f.ce.ListAddons(f.ctx, ce.ListAddonsRequest{ClusterId: &f.cluster}))
	if len(l.Items) != 1 || *l.Items[0].Name != "CertManager" {
		t.Fatalf("list: %+v", l.Items)
	}
	must(f.ce.DisableAddon(f.ctx, ce.DisableAddonRequest{ClusterId: &f.cluster, AddonName: common.String("CertManager"),
		IsRemoveExistingAddOn: common.Bool(true)}))
	if a = must(f.ce.GetAddon(f.ctx, ce.GetAddonRequest{ClusterId: &f.cluster, AddonName: common.String("CertManager")})); a.LifecycleState != ce.AddonLifecycleStateDeleted {
		t.Fatalf("after disable: %s", a.LifecycleState)
	}
	must(f.ce.InstallAddon(f.ctx, ce.InstallAddonRequest{ClusterId: &f.cluster, InstallAddonDetails: ce.InstallAddonDetails{
		AddonName: common.String("CertManager")}}))
}
