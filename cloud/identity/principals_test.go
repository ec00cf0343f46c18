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

package identity

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/common/auth"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The instance and workload principals through the SDK's own providers, against the emulator's metadata,
// federation and workload-identity endpoints. The SDK reads their addresses from the process environment, so
// these tests set it (t.Setenv: never in parallel).

func startSim(t *testing.T) *ocisim.Sim {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sim, err := ocisim.Start(ctx, ocisim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	return sim
}

// createVcnAs resolves the identity named id and creates a VCN with it through the client factory.
func createVcnAs(t *testing.T, sim *ocisim.Sim, r *Resolver) {
	t.Helper()
	ctx := context.Background()
	got, err := r.Resolve(ctx, "capoci", &corev1.ObjectReference{Name: "id"})
	if err != nil {
		t.Fatal(err)
	}
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(got, region,
		clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.VirtualNetwork.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(sim.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}}); err != nil {
		t.Fatalf("a create signed by the principal: %v", err)
	}
	if n := len(sim.Live(ocisim.KindVcn)); n != 1 {
		t.Errorf("%d VCNs, want 1", n)
	}
}

func TestInstancePrincipalAgainstTheEmulator(t *testing.T) {
	sim := startSim(t)
	for k, v := range sim.InstancePrincipalEnv() {
		t.Setenv(k, v)
	}
	createVcnAs(t, sim, &Resolver{Client: fakeClient(t, identity("capoci", infrav1.OCIClusterIdentitySpec{Type: "InstancePrincipal"}))})
}

func TestWorkloadIdentityAgainstTheEmulator(t *testing.T) {
	sim := startSim(t)
	host, ca := serveWorkloadIdentity(t, sim)
	caPath := filepath.Join(t.TempDir(), "ca.crt")
	if err := os.WriteFile(caPath, ca, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("OCI_RESOURCE_PRINCIPAL_VERSION", "2.2")
	t.Setenv("OCI_RESOURCE_PRINCIPAL_REGION", sim.Regions()[0])
	t.Setenv("KUBERNETES_SERVICE_HOST", host)
	t.Setenv("OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH", caPath)
	// In a pod the SDK reads the service account token from its fixed path; here the test supplies one.
	r := &Resolver{Client: fakeClient(t, identity("capoci", infrav1.OCIClusterIdentitySpec{Type: "Workload"})),
		NewWorkload: func() (common.ConfigurationProvider, error) {
			return auth.OkeWorkloadIdentityConfigurationProviderWithServiceAccountTokenProvider(
				auth.NewSuppliedServiceAccountTokenProvider(serviceAccountToken()))
		}}
	createVcnAs(t, sim, r)
}

// serveWorkloadIdentity serves the emulator's workload identity endpoint on the port the SDK calls (12250), on the
// first free loopback address.
func serveWorkloadIdentity(t *testing.T, s *ocisim.Sim) (string, []byte) {
	t.Helper()
	for i := 1; i < 20; i++ {
		host := fmt.Sprintf("127.0.0.%d", i)
		ca, err := s.ServeWorkloadIdentity(fmt.Sprintf("%s:%d", host, ocisim.WorkloadIdentityPort))
		if err == nil {
			return host, ca
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			t.Fatalf("serving workload identity: %v", err)
		}
	}
	t.Fatal("the workload identity port is taken on 127.0.0.1-19")
	return "", nil
}

// serviceAccountToken is an unsigned JWT shaped like a Kubernetes service account token, valid for an hour.
func serviceAccountToken() string {
	enc := base64.RawURLEncoding
	claims := fmt.Sprintf(`{"sub":"system:serviceaccount:capoci:manager","iat":%d,"exp":%d}`,
		time.Now().Unix(), time.Now().Add(time.Hour).Unix())
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(claims)) + ".c2ln"
}
