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

package capi

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

const namespace = "default"

// TestControllers runs the three controller managers against envtest and checks that the API server reaches
// the admission and conversion webhooks of each of them.
func TestControllers(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 14*time.Minute)
	defer cancel()
	cl, ctrls := startControllers(ctx, t)

	t.Run("the core validating webhook refuses a Cluster without references", func(t *testing.T) {
		refusesInvalidCluster(ctx, t, cl)
	})
	t.Run("a v1beta2 Cluster reads back as v1beta1", func(t *testing.T) {
		convertsCluster(ctx, t, cl)
	})
	t.Run("the core mutating webhook defaults a MachineDeployment", func(t *testing.T) {
		defaultsMachineDeployment(ctx, t, cl)
	})
	t.Run("kubeadm objects read back as v1beta1", func(t *testing.T) {
		convertsKubeadmObjects(ctx, t, cl)
	})
	t.Run("the controllers start again after Stop", func(t *testing.T) {
		if err := ctrls.Stop(); err != nil {
			t.Fatal(err)
		}
		if err := ctrls.Start(ctx); err != nil {
			t.Fatal(err)
		}
		readyCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		if err := ctrls.WaitReady(readyCtx); err != nil {
			t.Fatal(err)
		}
		getAs(ctx, t, cl, "cluster.x-k8s.io/v1beta1", "Cluster", "demo")
	})
}

func refusesInvalidCluster(ctx context.Context, t *testing.T, cl client.Client) {
	bad := &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: "invalid"}}
	bad.Spec.ClusterNetwork.Pods.CIDRBlocks = []string{"not-a-cidr"}
	err := cl.Create(ctx, bad)
	if !apierrors.IsInvalid(err) {
		t.Fatalf("creating an invalid Cluster: got %v, want an Invalid error", err)
	}
	for _, want := range []string{
		`admission webhook "validation.cluster.cluster.x-k8s.io" denied the request`,
		"one of spec.controlPlaneRef, spec.infrastructureRef or spec.topology must be set",
		"not-a-cidr",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func convertsCluster(ctx context.Context, t *testing.T, cl client.Client) {
	cluster := &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: "demo"}}
	cluster.Spec.InfrastructureRef = clusterv1.ContractVersionedObjectReference{
		APIGroup: "infrastructure.cluster.x-k8s.io", Kind: "OCICluster", Name: "demo",
	}
	if err := cl.Create(ctx, cluster); err != nil {
		t.Fatalf("creating a Cluster: %v", err)
	}
	old := getAs(ctx, t, cl, "cluster.x-k8s.io/v1beta1", "Cluster", "demo")
	// The conversion webhook finds the apiVersion in the contract labels of the OCICluster CRD.
	ref, _, _ := unstructured.NestedStringMap(old.Object, "spec", "infrastructureRef")
	if ref["kind"] != "OCICluster" || ref["apiVersion"] != "infrastructure.cluster.x-k8s.io/v1beta3" {
		t.Errorf("v1beta1 spec.infrastructureRef = %v, want an OCICluster of infrastructure.cluster.x-k8s.io/v1beta3", ref)
	}
}

func defaultsMachineDeployment(ctx context.Context, t *testing.T, cl client.Client) {
	md := machineDeployment("demo", "demo-md")
	if err := cl.Create(ctx, md); err != nil {
		t.Fatalf("creating a MachineDeployment: %v", err)
	}
	if got := md.Labels[clusterv1.ClusterNameLabel]; got != "demo" {
		t.Errorf("label %s = %q, want demo", clusterv1.ClusterNameLabel, got)
	}
	if got := md.Spec.Rollout.Strategy.Type; got != clusterv1.RollingUpdateMachineDeploymentStrategyType {
		t.Errorf("spec.rollout.strategy.type = %q, want RollingUpdate", got)
	}
	if got := md.Spec.Selector.MatchLabels[clusterv1.MachineDeploymentNameLabel]; got != "demo-md" {
		t.Errorf("selector label %s = %q, want demo-md", clusterv1.MachineDeploymentNameLabel, got)
	}
}

// convertsKubeadmObjects goes through the conversion webhooks of the bootstrap and control plane providers.
func convertsKubeadmObjects(ctx context.Context, t *testing.T, cl client.Client) {
	spec := map[string]any{"preKubeadmCommands": []any{"echo hello"}}
	for _, obj := range []*unstructured.Unstructured{
		object("bootstrap.cluster.x-k8s.io/v1beta2", "KubeadmConfigTemplate", "demo",
			map[string]any{"template": map[string]any{"spec": spec}}),
		object("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlane", "demo", map[string]any{
			"version":           "v1.34.0",
			"kubeadmConfigSpec": spec,
			"machineTemplate": map[string]any{"spec": map[string]any{"infrastructureRef": map[string]any{
				"apiGroup": "infrastructure.cluster.x-k8s.io", "kind": "OCIMachineTemplate", "name": "demo-cp",
			}}},
		}),
	} {
		if err := cl.Create(ctx, obj); err != nil {
			t.Fatalf("creating a %s: %v", obj.GetKind(), err)
		}
		group := strings.TrimSuffix(obj.GetAPIVersion(), "/v1beta2")
		getAs(ctx, t, cl, group+"/v1beta1", obj.GetKind(), obj.GetName())
	}
}

// startControllers starts envtest and the controllers, stopping both when the test ends.
func startControllers(ctx context.Context, t *testing.T) (client.Client, *Controllers) {
	t.Helper()
	began := time.Now()
	bins, err := Build(ctx)
	if err != nil {
		t.Fatalf("building Cluster API: %v", err)
	}
	t.Logf("Cluster API %s binaries in %s (%s)", bins.Version, bins.Dir, time.Since(began).Round(time.Millisecond))

	// The provider's CRDs, for the contract labels Cluster API reads when it converts references to them.
	env, err := testenv.Start(testenv.Options{Webhooks: envtest.WebhookInstallOptions{LocalServingHost: loopback}})
	if err != nil {
		t.Fatalf("starting envtest: %v", err)
	}
	t.Cleanup(func() {
		if err := env.Stop(); err != nil {
			t.Errorf("stopping envtest: %v", err)
		}
	})
	if err := LabelCRDs(ctx, env.Config, filepath.Join(testenv.RepoRoot(), "config", "crd")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := env.WriteKubeconfig(kubeconfig); err != nil {
		t.Fatal(err)
	}
	ctrls, err := New(ctx, Options{
		Binaries:   bins,
		Kubeconfig: kubeconfig,
		CertDir:    env.WebhookInstallOptions.LocalServingCertDir,
		CAData:     env.WebhookInstallOptions.LocalServingCAData,
		// Kept with `go test -artifacts -outputdir DIR`.
		LogDir: t.ArtifactDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	began = time.Now()
	if err := ctrls.Install(ctx, env.Config); err != nil {
		t.Fatalf("installing Cluster API: %v", err)
	}
	t.Logf("CRDs and webhooks installed in %s", time.Since(began).Round(time.Millisecond))

	began = time.Now()
	if err := ctrls.Start(ctx); err != nil {
		t.Fatalf("starting Cluster API: %v", err)
	}
	t.Cleanup(func() { stopControllers(t, ctrls) })
	readyCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := ctrls.WaitReady(readyCtx); err != nil {
		t.Fatal(err)
	}
	t.Logf("controllers ready in %s; logs: %v", time.Since(began).Round(time.Millisecond), ctrls.LogFiles())
	return newTestClient(t, env), ctrls
}

func stopControllers(t *testing.T, ctrls *Controllers) {
	began := time.Now()
	if err := ctrls.Stop(); err != nil {
		t.Errorf("stopping Cluster API: %v", err)
	}
	t.Logf("controllers stopped in %s", time.Since(began).Round(time.Millisecond))
	if !t.Failed() {
		return
	}
	for _, in := range ctrls.Instances() {
		t.Logf("end of %s:\n%s", in.LogFile, tail(in.LogFile))
	}
}

func newTestClient(t *testing.T, env *testenv.Environment) client.Client {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := corev1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	if err := clusterv1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	cfg := rest.CopyConfig(env.Config)
	cfg.QPS, cfg.Burst = 100, 200 // The default 5 requests per second throttles discovery.
	cl, err := client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		t.Fatalf("creating a client: %v", err)
	}
	return cl
}

func machineDeployment(cluster, name string) *clusterv1.MachineDeployment {
	md := &clusterv1.MachineDeployment{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name}}
	md.Spec.ClusterName = cluster
	md.Spec.Template.Spec.ClusterName = cluster
	md.Spec.Template.Spec.Bootstrap.DataSecretName = new("bootstrap-data")
	md.Spec.Template.Spec.InfrastructureRef = clusterv1.ContractVersionedObjectReference{
		APIGroup: "infrastructure.cluster.x-k8s.io", Kind: "OCIMachineTemplate", Name: name,
	}
	return md
}

func object(apiVersion, kind, name string, spec map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"spec": spec}}
	u.SetAPIVersion(apiVersion)
	u.SetKind(kind)
	u.SetNamespace(namespace)
	u.SetName(name)
	return u
}

// getAs reads an object at an API version, which the API server converts with the conversion webhook.
func getAs(ctx context.Context, t *testing.T, cl client.Client, apiVersion, kind, name string) *unstructured.Unstructured {
	t.Helper()
	u := &unstructured.Unstructured{}
	u.SetAPIVersion(apiVersion)
	u.SetKind(kind)
	if err := cl.Get(ctx, client.ObjectKey{Namespace: namespace, Name: name}, u); err != nil {
		t.Fatalf("reading %s %s as %s: %v", kind, name, apiVersion, err)
	}
	if u.GetAPIVersion() != apiVersion {
		t.Errorf("read %s %s as %s, got %s", kind, name, apiVersion, u.GetAPIVersion())
	}
	return u
}
