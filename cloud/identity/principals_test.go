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
	"testing"

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
	sim := ocisim.StartT(t, ocisim.Options{})
	for k, v := range sim.InstancePrincipalEnv() {
		t.Setenv(k, v)
	}
	createVcnAs(t, sim, &Resolver{Client: fakeClient(t, identity("capoci", infrav1.OCIClusterIdentitySpec{Type: "InstancePrincipal"}))})
}

func TestWorkloadIdentityAgainstTheEmulator(t *testing.T) {
	sim := ocisim.StartT(t, ocisim.Options{})
	env, err := sim.WorkloadIdentityEnv(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	// In a pod the SDK reads the service account token from its fixed path; here the test supplies one.
	r := &Resolver{Client: fakeClient(t, identity("capoci", infrav1.OCIClusterIdentitySpec{Type: "Workload"})),
		NewWorkload: func() (common.ConfigurationProvider, error) {
			return auth.OkeWorkloadIdentityConfigurationProviderWithServiceAccountTokenProvider(
				auth.NewSuppliedServiceAccountTokenProvider(ocisim.ServiceAccountToken("system:serviceaccount:capoci:manager")))
		}}
	createVcnAs(t, sim, r)
}
