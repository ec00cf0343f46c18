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

package controllers_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	. "github.com/onsi/gomega"
	"go.uber.org/zap/zapcore"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/test/ctrlenv"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// env runs the manager against a real API server and the OCI emulator (lists paged by 2).
var env *ctrlenv.Env

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	flag.Parse()
	pageSize := 2 // every List the provider makes follows the pages
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		pageSize = 0 // benchmarks count calls as OCI's default page size makes them
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logFile, err := os.CreateTemp("", "capoci-controllers-test-*.log")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = logFile.Close() }()
	// The manager's log goes to a file (printed), not into the test output.
	fmt.Fprintln(os.Stderr, "manager log:", logFile.Name())
	ctrl.SetLogger(zap.New(zap.WriteTo(logFile), zap.UseDevMode(true), zap.Level(zapcore.Level(-4))))
	okeServer, okeCA := startOKEAPI()
	defer okeAPI.Close()
	env, err = ctrlenv.Start(ctx, ctrlenv.Options{Sim: ocisim.Options{PageSize: pageSize, RequestLogSize: 500000, StrictPlacement: true,
		KubeconfigServer: okeServer, KubeconfigCAData: okeCA, ClusterTokenLifetime: okeTokenLifetime}, DriftInterval: driftInterval,
		// The suite's clusters run side by side; the default limit is for one manager's share of a tenancy. OKE
		// tokens live okeTokenLifetime here, so that a test sees them replaced.
		ManagerArgs: []string{"--oci-rate-limit=100", "--oci-rate-burst=200", "--oke-token-refresh=" + (okeTokenLifetime / 3).String()}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer env.Stop()
	return m.Run()
}

// driftInterval is the suite's drift interval: short, so that drift repair is seen within a test.
const driftInterval = 10 * time.Second

// okeTokenLifetime is how long the emulator's OKE clusters accept a token: short, so that a test sees several.
const okeTokenLifetime = 6 * time.Second

// region is the emulator's home region, the manager's own.
const region = "us-ashburn-1"

// testCluster is a Cluster and its OCICluster in a namespace and an emulator compartment of their own.
type testCluster struct {
	Cluster     *clusterv1.Cluster
	OCICluster  *infrav1.OCICluster
	Compartment string
	// Created is when the test made the cluster: its calls are those of the compartment since then.
	Created time.Time
}

// newTestCluster creates a namespace, a Cluster and an OCICluster (owned by the Cluster, as Cluster API's
// controller would make it) with the emulator's endpoints; mutate edits the OCICluster before it is created.
func newTestCluster(ctx context.Context, t testing.TB, name string, mutate func(*infrav1.OCICluster)) *testCluster {
	t.Helper()
	g := NewWithT(t)
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: name + "-"}}
	g.Expect(env.Client.Create(ctx, ns)).To(Succeed())
	tc := &testCluster{Compartment: env.Sim.AddCompartment(ns.Name), Created: time.Now()}
	tc.Cluster = &clusterv1.Cluster{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: name},
		Spec: clusterv1.ClusterSpec{InfrastructureRef: clusterv1.ContractVersionedObjectReference{
			APIGroup: infrav1.GroupVersion.Group, Kind: "OCICluster", Name: name}},
	}
	g.Expect(env.Client.Create(ctx, tc.Cluster)).To(Succeed())
	oc := &infrav1.OCICluster{ObjectMeta: metav1.ObjectMeta{Namespace: ns.Name, Name: name, OwnerReferences: ownedBy(tc.Cluster)},
		Spec: infrav1.OCIClusterSpec{CompartmentID: tc.Compartment, Region: region, ClientOverrides: emulatorOverrides(t)}}
	if mutate != nil {
		mutate(oc)
	}
	g.Expect(env.Client.Create(ctx, oc)).To(Succeed())
	tc.OCICluster = oc
	return tc
}

// emulatorOverrides are the emulator's endpoints as spec.clientOverrides.
func emulatorOverrides(t testing.TB) *infrav1.ClientOverrides {
	t.Helper()
	data, err := json.Marshal(env.Sim.ClientOverrides(region))
	if err != nil {
		t.Fatal(err)
	}
	o := &infrav1.ClientOverrides{}
	if err := json.Unmarshal(data, o); err != nil {
		t.Fatal(err)
	}
	return o
}

// get reads the OCICluster again.
func (tc *testCluster) get(ctx context.Context, g Gomega) *infrav1.OCICluster {
	oc := &infrav1.OCICluster{}
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(tc.OCICluster), oc)).To(Succeed())
	return oc
}

// waitProvisioned waits until the OCICluster says it is provisioned and returns it.
func (tc *testCluster) waitProvisioned(ctx context.Context, t testing.TB) *infrav1.OCICluster {
	t.Helper()
	var oc *infrav1.OCICluster
	NewWithT(t).Eventually(func(g Gomega) {
		oc = tc.get(ctx, g)
		g.Expect(oc.Status.Initialization.Provisioned).To(HaveValue(BeTrue()), "conditions: %v", oc.Status.Conditions)
	}).WithTimeout(3 * time.Minute).WithPolling(250 * time.Millisecond).Should(Succeed())
	return oc
}

// deleteAndWait deletes the OCICluster and waits until it is gone.
func (tc *testCluster) deleteAndWait(ctx context.Context, t testing.TB) {
	t.Helper()
	deleteAndWait(ctx, t, tc.OCICluster, func() any { return tc.get(ctx, NewWithT(t)).Status.Conditions })
}

// deleteAndWait deletes obj and waits until it is gone; status says, when it is not, what it shows.
func deleteAndWait(ctx context.Context, t testing.TB, obj client.Object, status func() any) {
	t.Helper()
	g := NewWithT(t)
	g.Expect(env.Client.Delete(ctx, obj)).To(Succeed())
	gone := func() bool {
		err := env.Client.Get(ctx, client.ObjectKeyFromObject(obj), obj.DeepCopyObject().(client.Object))
		return client.IgnoreNotFound(err) == nil && err != nil
	}
	g.Eventually(gone).WithTimeout(3*time.Minute).WithPolling(250*time.Millisecond).Should(BeTrue(), func() string {
		return fmt.Sprintf("%s is still there: %+v", obj.GetName(), status())
	})
}

// liveKinds counts the emulator's live resources of the cluster's compartment by kind.
func (tc *testCluster) liveKinds() map[string]int {
	out := map[string]int{}
	for _, r := range env.Sim.Leaks(tc.Compartment) {
		out[r.Kind]++
	}
	return out
}

// ownedBy is the owner reference to a Cluster that Cluster API's controller sets on its infrastructure cluster.
func ownedBy(c *clusterv1.Cluster) []metav1.OwnerReference {
	return []metav1.OwnerReference{{APIVersion: clusterv1.GroupVersion.String(), Kind: "Cluster", Name: c.Name, UID: c.UID}}
}
