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
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

func fakeClient(t *testing.T, objs ...client.Object) client.Client {
	t.Helper()
	s := runtime.NewScheme()
	if err := corev1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	if err := infrav1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	return fake.NewClientBuilder().WithScheme(s).WithObjects(objs...).Build()
}

func identity(ns string, spec infrav1.OCIClusterIdentitySpec) *infrav1.OCIClusterIdentity {
	return &infrav1.OCIClusterIdentity{ObjectMeta: metav1.ObjectMeta{Name: "id", Namespace: ns}, Spec: spec}
}

func TestNamespaceAllowed(t *testing.T) {
	c := fakeClient(t,
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team-a", Labels: map[string]string{"oci": "yes"}}},
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "team-b"}})
	tests := []struct {
		name    string
		allowed *infrav1.AllowedNamespaces
		ns      string
		want    bool
	}{
		{"own namespace without allowedNamespaces", nil, "capoci", true},
		{"another namespace without allowedNamespaces", nil, "team-a", false},
		{"{} allows all", &infrav1.AllowedNamespaces{}, "team-b", true},
		{"listed", &infrav1.AllowedNamespaces{List: []string{"team-b"}}, "team-b", true},
		{"not listed", &infrav1.AllowedNamespaces{List: []string{"team-b"}}, "team-a", false},
		{"selected by label", &infrav1.AllowedNamespaces{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"oci": "yes"}}}, "team-a", true},
		{"not selected", &infrav1.AllowedNamespaces{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"oci": "yes"}}}, "team-b", false},
		{"an empty selector selects none", &infrav1.AllowedNamespaces{Selector: &metav1.LabelSelector{}}, "team-a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NamespaceAllowed(context.Background(), c, identity("capoci", infrav1.OCIClusterIdentitySpec{
				Type: "InstancePrincipal", AllowedNamespaces: tt.allowed}), tt.ns)
			if err != nil || got != tt.want {
				t.Errorf("allowed %v (%v), want %v", got, err, tt.want)
			}
		})
	}
}

// userSecret is a user principal's Secret with a new key the emulator knows.
func userSecret(t *testing.T, sim *ocisim.Sim, user string) *corev1.Secret {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := testenv.Fingerprint(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	sim.RegisterKey(sim.Tenancy()+"/"+user+"/"+fp, &key.PublicKey)
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	return &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "user-credentials", Namespace: "capoci", ResourceVersion: "1"},
		Data: map[string][]byte{SecretTenancy: []byte(sim.Tenancy()), SecretUser: []byte(user), SecretFingerprint: []byte(fp),
			SecretKey: pemKey, SecretRegion: []byte(sim.Regions()[0])}}
}

func TestUserPrincipalSignsForTheEmulator(t *testing.T) {
	ctx := context.Background()
	sim := ocisim.StartT(t, ocisim.Options{})
	secret := userSecret(t, sim, "ocid1.user.oc1..team")
	id := identity("capoci", infrav1.OCIClusterIdentitySpec{Type: "UserPrincipal",
		PrincipalSecret: corev1.SecretReference{Name: "user-credentials"}, AllowedNamespaces: &infrav1.AllowedNamespaces{}})
	c := fakeClient(t, id, secret)
	r := &Resolver{Client: c}
	got, err := r.Resolve(ctx, "team-a", &corev1.ObjectReference{Name: "id", Namespace: "capoci"})
	if err != nil {
		t.Fatal(err)
	}
	f := clients.NewFactory(clients.Options{RateLimit: -1})
	set, err := f.ClientsFor(got, sim.Regions()[0], clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, sim.Regions()[0])})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.VirtualNetwork.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: common.String(sim.Tenancy())}); err != nil {
		t.Fatalf("a call signed with the identity's key: %v", err)
	}
	// The same versions give the same identity; a changed Secret gives a new version.
	again, _ := r.Resolve(ctx, "team-a", &corev1.ObjectReference{Name: "id", Namespace: "capoci"})
	if again.Version != got.Version || again.Provider != got.Provider {
		t.Error("an unchanged identity was rebuilt")
	}
	secret.Data[SecretPassphrase] = nil
	if err := c.Update(ctx, secret); err != nil {
		t.Fatal(err)
	}
	rotated, err := r.Resolve(ctx, "team-a", &corev1.ObjectReference{Name: "id", Namespace: "capoci"})
	if err != nil || rotated.Version == got.Version {
		t.Errorf("a changed Secret kept the version %q (%v)", rotated.Version, err)
	}
}

func TestResolveRefusals(t *testing.T) {
	ctx := context.Background()
	private := identity("capoci", infrav1.OCIClusterIdentitySpec{Type: "InstancePrincipal"})
	noKey := identity("other", infrav1.OCIClusterIdentitySpec{Type: "UserPrincipal", PrincipalSecret: corev1.SecretReference{Name: "s"},
		AllowedNamespaces: &infrav1.AllowedNamespaces{}})
	badSecret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s", Namespace: "other"},
		Data: map[string][]byte{SecretTenancy: []byte("t"), SecretUser: []byte("u"), SecretFingerprint: []byte("f"),
			SecretKey: []byte("not a key"), SecretRegion: []byte("us-ashburn-1")}}
	built := 0
	r := &Resolver{Client: fakeClient(t, private, noKey, badSecret), NewInstancePrincipal: func() (common.ConfigurationProvider, error) {
		built++
		return common.NewRawConfigurationProvider("t", "u", "r", "f", "k", nil), nil
	}}
	if _, err := r.Resolve(ctx, "team-a", &corev1.ObjectReference{Name: "id", Namespace: "capoci"}); !errors.Is(err, ErrNotAllowed) || built != 0 {
		t.Errorf("another namespace without allowedNamespaces: %v, %d providers built (want none)", err, built)
	}
	if _, err := r.Resolve(ctx, "capoci", &corev1.ObjectReference{Name: "id"}); err != nil || built != 1 {
		t.Errorf("the identity's own namespace: %v, %d built", err, built)
	}
	if _, err := r.Resolve(ctx, "team-a", &corev1.ObjectReference{Name: "id", Namespace: "other"}); err == nil {
		t.Error("a Secret whose key does not parse was accepted")
	}
	if _, err := r.Resolve(ctx, "team-a", &corev1.ObjectReference{Name: "missing", Namespace: "capoci"}); err == nil {
		t.Error("a missing identity was accepted")
	}
	if _, err := r.Resolve(ctx, "team-a", nil); err == nil {
		t.Error("no identityRef and no default identity: want an error")
	}
}

func TestWorkloadIdentityUsesItsProvider(t *testing.T) {
	for _, typ := range []string{"Workload", "WorkloadPrincipal"} {
		called := false
		r := &Resolver{Client: fakeClient(t, identity("capoci", infrav1.OCIClusterIdentitySpec{Type: typ})),
			NewWorkload: func() (common.ConfigurationProvider, error) {
				called = true
				return common.NewRawConfigurationProvider("t", "u", "r", "f", "k", nil), nil
			}}
		if _, err := r.Resolve(context.Background(), "capoci", &corev1.ObjectReference{Name: "id"}); err != nil || !called {
			t.Errorf("%s: %v, workload provider built %v", typ, err, called)
		}
	}
}
