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

package ocisim

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
)

// clusterTokenAt builds an OKE-style cluster token dated at a given time, signed by the emulator's key.
func clusterTokenAt(t *testing.T, s *Sim, clusterID string, date time.Time) string {
	t.Helper()
	u := &url.URL{Scheme: "https", Host: "containerengine.us-ashburn-1.oci.oraclecloud.com", Path: "/cluster_request/" + clusterID}
	req := must(http.NewRequest(http.MethodGet, u.String(), nil))
	req.Header.Set("date", date.UTC().Format(http.TimeFormat))
	if err := common.DefaultRequestSigner(s.ConfigurationProvider()).Sign(req); err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("authorization", req.Header.Get("authorization"))
	q.Set("date", req.Header.Get("date"))
	u.RawQuery = q.Encode()
	return base64.URLEncoding.EncodeToString([]byte(u.String()))
}

// wantTokenExpired fails unless a token dated age ago is refused as expired.
func wantTokenExpired(t *testing.T, s *Sim, cluster string, age time.Duration) {
	t.Helper()
	_, err := s.VerifyClusterToken(clusterTokenAt(t, s, cluster, time.Now().Add(-age)))
	if err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("a token dated %s ago: %v, want an expiry", age, err)
	}
}

// wantTokenValid fails unless a token dated age ago verifies.
func wantTokenValid(t *testing.T, s *Sim, cluster string, age time.Duration) {
	t.Helper()
	if got, err := s.VerifyClusterToken(clusterTokenAt(t, s, cluster, time.Now().Add(-age))); err != nil || got != cluster {
		t.Fatalf("a token dated %s ago: %q %v", age, got, err)
	}
}

// TestClusterTokenLifetime checks that cluster tokens expire after the default lifetime of five minutes, after a
// lifetime set in Options or at run time, and that tokens dated in the future beyond the clock skew are refused.
func TestClusterTokenLifetime(t *testing.T) {
	f := newOKEFixture(t, Options{})
	wantTokenValid(t, f.sim, f.cluster, 4*time.Minute)
	wantTokenExpired(t, f.sim, f.cluster, 6*time.Minute)
	wantTokenValid(t, f.sim, f.cluster, -4*time.Minute)
	wantTokenExpired(t, f.sim, f.cluster, -6*time.Minute)
	f.sim.SetClusterTokenLifetime(time.Hour)
	wantTokenValid(t, f.sim, f.cluster, 50*time.Minute)
	wantTokenExpired(t, f.sim, f.cluster, 70*time.Minute)
	wantTokenExpired(t, f.sim, f.cluster, -6*time.Minute)
	f.sim.SetClusterTokenLifetime(0)
	wantTokenExpired(t, f.sim, f.cluster, 6*time.Minute)

	short := newOKEFixture(t, Options{ClusterTokenLifetime: time.Minute})
	wantTokenValid(t, short.sim, short.cluster, 30*time.Second)
	wantTokenExpired(t, short.sim, short.cluster, 2*time.Minute)
}
