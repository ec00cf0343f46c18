package ocisim

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
)

// clusterToken builds an OKE-style token for a cluster, signed by a provider.
func clusterToken(t *testing.T, host, clusterID string, p common.ConfigurationProvider) string {
	t.Helper()
	u := &url.URL{Scheme: "https", Host: host, Path: "/cluster_request/" + clusterID}
	req := must(http.NewRequest(http.MethodGet, u.String(), nil))
	req.Header.Set("date", time.Now().UTC().Format(http.TimeFormat))
	if err := common.DefaultRequestSigner(p).Sign(req); err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("authorization", req.Header.Get("authorization"))
	q.Set("date", req.Header.Get("date"))
	u.RawQuery = q.Encode()
	return base64.URLEncoding.EncodeToString([]byte(u.String()))
}

// TestVerifyClusterToken checks the verification of OKE cluster tokens.
func TestVerifyClusterToken(t *testing.T) {
	f := newOKEFixture(t, Options{})
	host := "containerengine.us-ashburn-1.oci.oraclecloud.com"
	got, err := f.sim.VerifyClusterToken(clusterToken(t, host, f.cluster, f.sim.ConfigurationProvider()))
	if err != nil || got != f.cluster {
		t.Fatalf("valid token: %q %v", got, err)
	}
	if _, err := f.sim.VerifyClusterToken(clusterToken(t, host, "ocid1.cluster.oc1.iad.other", f.sim.ConfigurationProvider())); err == nil {
		t.Fatal("a token for an unknown cluster verified")
	}
	forged := clusterToken(t, host, f.cluster, forgedToken{f.sim.ConfigurationProvider()})
	if _, err := f.sim.VerifyClusterToken(forged); err == nil {
		t.Fatal("a token signed with an unknown key verified")
	}
}
