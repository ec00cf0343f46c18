package ocisim

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// VerifyClusterToken checks an OKE cluster token as a Kubernetes API server
// in front of an OKE cluster would: the token is a base64url-encoded URL of
// GET /cluster_request/<cluster OCID> whose query carries the request's
// signature ("authorization") and its "date". It returns the cluster's OCID
// when the token is no older than the cluster token lifetime (and dated no
// more than the clock skew in the future), the signature verifies against a
// registered key or session token, and the cluster exists and is not deleted.
func (s *Sim) VerifyClusterToken(token string) (string, error) {
	raw, err := base64.URLEncoding.DecodeString(token)
	if err != nil {
		if raw, err = base64.RawURLEncoding.DecodeString(token); err != nil {
			return "", fmt.Errorf("decoding the cluster token: %w", err)
		}
	}
	u, err := url.Parse(string(raw))
	if err != nil {
		return "", fmt.Errorf("parsing the cluster token URL: %w", err)
	}
	clusterID, ok := strings.CutPrefix(u.Path, "/cluster_request/")
	if !ok || clusterID == "" {
		return "", errAuth("The cluster token does not name a cluster request.")
	}
	q := u.Query()
	req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: u.Path}, Host: u.Host,
		Header: http.Header{"Date": {q.Get("date")}}}
	sig, err := parseSignature(q.Get("authorization"))
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkTokenDate(q.Get("date")); err != nil {
		return "", err
	}
	pub := s.publicKey(sig.keyID)
	hashed := sha256.Sum256([]byte(signingString(req, sig.headers)))
	if pub == nil || rsa.VerifyPKCS1v15(pub, crypto.SHA256, hashed[:], sig.sig) != nil {
		return "", errAuth("The cluster token signature does not verify.")
	}
	r, ok := s.st.recs[clusterID]
	if !ok || r.kind != KindCluster || r.deleted {
		return "", errNotFound(KindCluster, clusterID)
	}
	return clusterID, nil
}

// SetClusterTokenLifetime changes how long after its date a cluster token verifies, as Options.ClusterTokenLifetime
// does; 0 (or less) restores the default of 5 minutes.
func (s *Sim) SetClusterTokenLifetime(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.ClusterTokenLifetime = max(0, d)
}

// checkTokenDate refuses a cluster token dated longer ago than the lifetime, or more than the clock skew in the
// future, measured against the wall clock the token was signed with.
func (s *Sim) checkTokenDate(date string) error {
	t, err := http.ParseTime(date)
	if err != nil {
		return errAuth("The cluster token's date is missing or malformed.")
	}
	lifetime := s.opts.ClusterTokenLifetime
	if lifetime <= 0 {
		lifetime = maxClockSkew
	}
	age := time.Since(t)
	if age > lifetime {
		return errAuth("The cluster token has expired: it is dated %s ago and lives %s.", age.Round(time.Second), lifetime)
	}
	if age < -maxClockSkew {
		return errAuth("The cluster token has expired or is not yet valid: it is dated %s in the future, beyond the %s clock skew.",
			(-age).Round(time.Second), maxClockSkew)
	}
	return nil
}
