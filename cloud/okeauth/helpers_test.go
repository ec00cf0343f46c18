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

package okeauth_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// testUser is the user OCID test signers sign as.
const testUser = "ocid1.user.oc1..okeauthtest"

// signingKey is an API signing key generated at test time, with the provider that signs with it.
type signingKey struct {
	key      *rsa.PrivateKey
	keyID    string
	provider common.ConfigurationProvider
}

// newSigningKey generates an RSA key and a configuration provider signing with it as testUser of tenancy.
func newSigningKey(t *testing.T, tenancy string) signingKey {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := ocisim.Fingerprint(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	p := common.NewRawConfigurationProvider(tenancy, testUser, "us-ashburn-1", fp, string(pemKey), nil)
	return signingKey{key: key, keyID: tenancy + "/" + testUser + "/" + fp, provider: p}
}

// newCAPEM returns a self-signed CA certificate, PEM-encoded, generated at test time.
func newCAPEM(t *testing.T, name string) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
