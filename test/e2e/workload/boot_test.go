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

package workload

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/go-logr/logr/testr"
	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	bootstrapv1 "sigs.k8s.io/cluster-api/api/bootstrap/kubeadm/v1beta2"
	"sigs.k8s.io/cluster-api/bootstrap/kubeadm/pkg/cloudinit"
	certutil "sigs.k8s.io/cluster-api/util/certs"
	"sigs.k8s.io/cluster-api/util/secret"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

const region = "us-ashburn-1"

type bootFixture struct {
	t        *testing.T
	ctx      context.Context
	sim      *ocisim.Sim
	srv      *Server
	compute  core.ComputeClient
	subnet   string
	endpoint string
}

func newBootFixture(t *testing.T) *bootFixture {
	t.Helper()
	ctx := t.Context()
	sim := ocisim.StartT(t, ocisim.Options{})
	srv, err := New(ctx, sim, testr.New(t))
	if err != nil {
		t.Fatal(err)
	}
	vn := must(sim.VirtualNetworkClient(region))
	vcn := must(vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(sim.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}}))
	sub := must(vn.CreateSubnet(ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{
		CompartmentId: common.String(sim.Tenancy()), VcnId: vcn.Id, CidrBlock: common.String("10.0.0.0/24")}}))
	l := must((&net.ListenConfig{}).Listen(ctx, "tcp", Host+":0"))
	endpoint := l.Addr().String()
	_ = l.Close()
	return &bootFixture{t: t, ctx: ctx, sim: sim, srv: srv, compute: must(sim.ComputeClient(region)), subnet: *sub.Id, endpoint: endpoint}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// launch launches an instance carrying user data and makes the workload side look at it.
func (f *bootFixture) launch(name, userData string) string {
	f.t.Helper()
	resp, err := f.compute.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: core.LaunchInstanceDetails{
		CompartmentId: common.String(f.sim.Tenancy()), AvailabilityDomain: common.String(f.sim.ADNames(region)[0]),
		Shape: common.String("VM.Standard.E4.Flex"), DisplayName: common.String(name),
		Metadata:          map[string]string{"user_data": userData},
		SourceDetails:     core.InstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(region)[0].ID)},
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: &f.subnet}}})
	if err != nil {
		f.t.Fatal(err)
	}
	f.srv.Sync(f.ctx)
	return *resp.Id
}

func (f *bootFixture) machine(id string) Machine {
	for _, m := range f.srv.Machines() {
		if m.InstanceID == id {
			return m
		}
	}
	f.t.Fatalf("no machine for %s", id)
	return Machine{}
}

func (f *bootFixture) workloadClient() client.Client {
	f.t.Helper()
	cfg, err := f.srv.RESTConfig(f.endpoint)
	if err != nil {
		f.t.Fatal(err)
	}
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	c, err := client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *bootFixture) nodes(c client.Client) map[string]corev1.Node {
	f.t.Helper()
	list := &corev1.NodeList{}
	if err := c.List(f.ctx, list); err != nil {
		f.t.Fatal(err)
	}
	out := map[string]corev1.Node{}
	for i := range list.Items {
		out[list.Items[i].Name] = list.Items[i]
	}
	return out
}

func (f *bootFixture) joinUserData(certs secret.Certificates, token string, hashes []string, controlPlane bool) string {
	jc := joinConfiguration(f.endpoint, token, hashes, controlPlane)
	if !controlPlane {
		b, err := cloudinit.NewNode(&cloudinit.NodeInput{BaseUserData: cloudinit.BaseUserData{
			KubeadmCommand: "kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml"}, JoinConfiguration: jc})
		return userData(f.t, b, err)
	}
	join := secret.NewControlPlaneJoinCerts(&bootstrapv1.ClusterConfiguration{})
	for _, c := range join {
		if have := certs.GetByPurpose(c.Purpose); have != nil {
			c.KeyPair = have.KeyPair
		}
	}
	b, err := cloudinit.NewJoinControlPlane(&cloudinit.ControlPlaneJoinInput{Certificates: join, JoinConfiguration: jc,
		BaseUserData: cloudinit.BaseUserData{KubeadmCommand: "kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml"}})
	return userData(f.t, b, err)
}

// TestMachinesBootIntoTheirCluster boots a control plane from KubeadmConfig's init user data, then a worker
// whose join waits until its bootstrap token exists in the workload cluster, a second control plane, and a
// worker with the wrong CA hash that never joins; a terminated worker's node goes.
func TestMachinesBootIntoTheirCluster(t *testing.T) {
	f := newBootFixture(t)
	certs := newCerts(t)
	cp0 := f.launch("Demo-CP-0", initUserData(t, certs, f.endpoint))
	if m := f.machine(cp0); m.Phase != PhaseRunning || m.Role != RoleInit || m.Node != "demo-cp-0" {
		t.Fatalf("the first control plane did not boot: %+v", m)
	}
	c := f.workloadClient()
	node := f.nodes(c)["demo-cp-0"]
	if node.Spec.ProviderID != "oci://"+cp0 || len(node.Spec.Taints) != 1 || node.Status.NodeInfo.KubeletVersion != "v1.34.1" {
		t.Errorf("control-plane node: %+v", node)
	}
	cm := &corev1.ConfigMap{}
	if err := c.Get(f.ctx, client.ObjectKey{Namespace: "kube-system", Name: "kubeadm-config"}, cm); err != nil ||
		!strings.Contains(cm.Data["ClusterConfiguration"], f.endpoint) {
		t.Errorf("kubeadm-config: %v %v", cm.Data, err)
	}

	hash := CACertHash(must(certutil.DecodeCertPEM(certs.GetByPurpose(secret.ClusterCA).KeyPair.Cert)))
	worker := f.launch("worker-0", f.joinUserData(certs, "abcdef.0123456789abcdef", []string{hash}, false))
	if m := f.machine(worker); m.Phase != PhaseBooting || !strings.Contains(m.Err, "not known to the cluster") {
		t.Fatalf("a join with a token the cluster lacks must wait: %+v", m)
	}
	tok := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: "kube-system", Name: "bootstrap-token-abcdef"},
		Type: "bootstrap.kubernetes.io/token", Data: map[string][]byte{"token-id": []byte("abcdef"),
			"token-secret": []byte("0123456789abcdef"), "usage-bootstrap-authentication": []byte("true")}}
	if err := c.Create(f.ctx, tok); err != nil {
		t.Fatal(err)
	}
	f.srv.Sync(f.ctx)
	if m := f.machine(worker); m.Phase != PhaseRunning {
		t.Fatalf("the worker did not join once its token existed: %+v", m)
	}
	cp1 := f.launch("demo-cp-1", f.joinUserData(certs, "abcdef.0123456789abcdef", []string{hash}, true))
	if m := f.machine(cp1); m.Phase != PhaseRunning || m.Role != RoleJoinControlPlane {
		t.Fatalf("the second control plane did not join: %+v", m)
	}
	pods := &corev1.PodList{}
	if err := c.List(f.ctx, pods, client.InNamespace("kube-system"), client.MatchingLabels{"component": "etcd"}); err != nil || len(pods.Items) != 2 {
		t.Fatalf("want two etcd members, got %d (%v)", len(pods.Items), err)
	}
	if _, mirror := pods.Items[0].Annotations["kubernetes.io/config.mirror"]; !mirror {
		t.Error("a static pod is not marked as the kubelet's mirror pod: a node drain would try to evict it")
	}
	bad := f.launch("worker-bad", f.joinUserData(certs, "abcdef.0123456789abcdef", []string{"sha256:00"}, false))
	if m := f.machine(bad); m.Phase != PhaseFailed || !strings.Contains(m.Err, "caCertHashes") {
		t.Errorf("a join with the wrong CA hash must fail: %+v", m)
	}
	if _, err := f.compute.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: &worker}); err != nil {
		t.Fatal(err)
	}
	f.srv.Sync(f.ctx)
	if _, ok := f.nodes(c)["worker-0"]; ok || f.machine(worker).Phase != PhaseGone {
		t.Error("the terminated worker's node is still there")
	}
	if got := len(f.nodes(c)); got != 2 {
		t.Errorf("want the two control-plane nodes, got %d", got)
	}
}

// TestClusterGoesWithItsLastMachine terminates a one-machine cluster: its listener stops and its endpoint is
// free for a new cluster, which a second init then creates.
func TestClusterGoesWithItsLastMachine(t *testing.T) {
	f := newBootFixture(t)
	cp := f.launch("cp", initUserData(t, newCerts(t), f.endpoint))
	if got := f.srv.Clusters(); len(got) != 1 || got[0] != f.endpoint {
		t.Fatalf("want the cluster at %s, got %v", f.endpoint, got)
	}
	if _, err := f.compute.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: &cp}); err != nil {
		t.Fatal(err)
	}
	f.srv.Sync(f.ctx)
	if got := f.srv.Clusters(); len(got) != 0 {
		t.Fatalf("the cluster outlived its last machine: %v", got)
	}
	again := f.launch("cp-again", initUserData(t, newCerts(t), f.endpoint))
	if m := f.machine(again); m.Phase != PhaseRunning {
		t.Errorf("a new cluster at the freed endpoint did not boot: %+v", m)
	}
	other := f.launch("cp-elsewhere", initUserData(t, newCerts(t), "10.0.0.10:6443"))
	if m := f.machine(other); m.Phase != PhaseFailed || !strings.Contains(m.Err, "not an address this emulator serves") {
		t.Errorf("an endpoint off loopback must fail the boot: %+v", m)
	}
}
