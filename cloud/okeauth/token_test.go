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
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"

	"github.com/oracle/cluster-api-provider-oci/cloud/okeauth"
)

const (
	testHost    = "containerengine.us-ashburn-1.oci.oraclecloud.com"
	testCluster = "ocid1.cluster.oc1.iad.aaaaaaaatest"
)

// testNow is a fixed signing time, in a zone other than UTC to check that tokens are dated in GMT.
var testNow = time.Date(2026, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))

// decodeTokenURL decodes a token into its URL.
func decodeTokenURL(t *testing.T, token string) *url.URL {
	t.Helper()
	raw, err := base64.URLEncoding.DecodeString(token)
	if err != nil {
		t.Fatalf("token %q is not base64url: %v", token, err)
	}
	u, err := url.Parse(string(raw))
	if err != nil {
		t.Fatalf("token URL %q: %v", raw, err)
	}
	return u
}

// authParams splits an HTTP signature Authorization header into its parameters.
func authParams(t *testing.T, h string) map[string]string {
	t.Helper()
	rest, ok := strings.CutPrefix(h, "Signature ")
	if !ok {
		t.Fatalf("authorization %q is not an HTTP signature", h)
	}
	out := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(part, "=")
		out[k] = strings.Trim(v, `"`)
	}
	return out
}

// TestTokenSignsTheClusterRequest checks the token's URL and that its signature, over the date, request target and
// host, verifies with the signing key.
func TestTokenSignsTheClusterRequest(t *testing.T) {
	k := newSigningKey(t, "ocid1.tenancy.oc1..test")
	token, err := okeauth.Token(common.DefaultRequestSigner(k.provider), testHost, testCluster, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u := decodeTokenURL(t, token)
	if u.Scheme != "https" || u.Host != testHost || u.Path != "/cluster_request/"+testCluster {
		t.Fatalf("token URL %s; want https://%s/cluster_request/%s", u, testHost, testCluster)
	}
	q := u.Query()
	if d := q.Get("date"); d != "Fri, 02 Jan 2026 03:04:05 GMT" {
		t.Fatalf("date %q; want the signing time in GMT", d)
	}
	p := authParams(t, q.Get("authorization"))
	if p["keyId"] != k.keyID || p["algorithm"] != "rsa-sha256" || p["headers"] != "date (request-target) host" {
		t.Fatalf("authorization parameters %v", p)
	}
	sig, err := base64.StdEncoding.DecodeString(p["signature"])
	if err != nil {
		t.Fatal(err)
	}
	signed := "date: " + q.Get("date") + "\n(request-target): get /cluster_request/" + testCluster + "\nhost: " + testHost
	sum := sha256.Sum256([]byte(signed))
	if err := rsa.VerifyPKCS1v15(&k.key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		t.Fatalf("signature does not verify over %q: %v", signed, err)
	}
}

// TestTokenHostForms checks that a scheme and a path on the endpoint are dropped and a port kept.
func TestTokenHostForms(t *testing.T) {
	signer := common.DefaultRequestSigner(newSigningKey(t, "ocid1.tenancy.oc1..test").provider)
	for in, want := range map[string]string{
		testHost:                          testHost,
		"https://" + testHost:             testHost,
		"https://" + testHost + "/":       testHost,
		"http://127.0.0.1:8443/20180222/": "127.0.0.1:8443",
	} {
		token, err := okeauth.Token(signer, in, testCluster, testNow)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := decodeTokenURL(t, token); got.Host != want || got.Path != "/cluster_request/"+testCluster {
			t.Errorf("%s: token URL %s; want host %s", in, got, want)
		}
	}
}

// failingSigner fails to sign.
type failingSigner struct{}

var errSigning = errors.New("no key")

func (failingSigner) Sign(*http.Request) error { return errSigning }

// silentSigner signs nothing.
type silentSigner struct{}

func (silentSigner) Sign(*http.Request) error { return nil }

// TestTokenErrors checks that a token is not made without a signer, a cluster or a host, or when signing fails.
func TestTokenErrors(t *testing.T) {
	signer := common.DefaultRequestSigner(newSigningKey(t, "ocid1.tenancy.oc1..test").provider)
	cases := map[string]struct {
		signer        common.HTTPRequestSigner
		host, cluster string
	}{
		"no signer":         {nil, testHost, testCluster},
		"no cluster":        {signer, testHost, ""},
		"no host":           {signer, "", testCluster},
		"scheme only":       {signer, "https://", testCluster},
		"not a host":        {signer, "user@" + testHost, testCluster},
		"unsigned":          {silentSigner{}, testHost, testCluster},
		"signing fails":     {failingSigner{}, testHost, testCluster},
		"space in the host": {signer, "a b", testCluster},
	}
	for name, c := range cases {
		token, err := okeauth.Token(c.signer, c.host, c.cluster, testNow)
		if err == nil || token != "" {
			t.Errorf("%s: token %q, error %v; want an error", name, token, err)
		}
	}
	if _, err := okeauth.Token(failingSigner{}, testHost, testCluster, testNow); !errors.Is(err, errSigning) {
		t.Errorf("the signer's error is not wrapped: %v", err)
	}
}

// TestTokenDateAndClusterRoundTrip checks that the date and cluster a token was made with are read back, from
// padded and unpadded tokens.
func TestTokenDateAndClusterRoundTrip(t *testing.T) {
	signer := common.DefaultRequestSigner(newSigningKey(t, "ocid1.tenancy.oc1..test").provider)
	for _, now := range []time.Time{testNow, testNow.Add(17*time.Hour + 500*time.Millisecond)} {
		token, err := okeauth.Token(signer, testHost, testCluster, now)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base64.URLEncoding.DecodeString(token)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{token, base64.RawURLEncoding.EncodeToString(raw)} {
			got, err := okeauth.TokenDate(tok)
			if err != nil || !got.Equal(now.Truncate(time.Second)) {
				t.Errorf("TokenDate: %v, %v; want %v", got, err, now.Truncate(time.Second))
			}
			if id, err := okeauth.TokenClusterID(tok); err != nil || id != testCluster {
				t.Errorf("TokenClusterID: %q, %v; want %s", id, err, testCluster)
			}
		}
	}
}

// TestTokenDateMalformed checks that strings which are not tokens, or tokens without a date or cluster, are
// reported as malformed.
func TestTokenDateMalformed(t *testing.T) {
	enc := func(s string) string { return base64.URLEncoding.EncodeToString([]byte(s)) }
	for name, token := range map[string]string{
		"not base64":  "not a token!",
		"not a URL":   enc("https://[::1/cluster_request/x?date=x"),
		"no date":     enc("https://" + testHost + "/cluster_request/x?authorization=sig"),
		"bad date":    enc("https://" + testHost + "/cluster_request/x?date=yesterday"),
		"empty token": "",
	} {
		if d, err := okeauth.TokenDate(token); !errors.Is(err, okeauth.ErrMalformedToken) {
			t.Errorf("%s: TokenDate gave %v, %v; want ErrMalformedToken", name, d, err)
		}
	}
	for name, token := range map[string]string{
		"not base64": "not a token!",
		"other path": enc("https://" + testHost + "/other/x?date=x"),
		"no cluster": enc("https://" + testHost + "/cluster_request/?date=x"),
	} {
		if id, err := okeauth.TokenClusterID(token); !errors.Is(err, okeauth.ErrMalformedToken) {
			t.Errorf("%s: TokenClusterID gave %q, %v; want ErrMalformedToken", name, id, err)
		}
	}
}
