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
)

// VerifyClusterToken checks an OKE cluster token as a Kubernetes API server
// in front of an OKE cluster would: the token is a base64url-encoded URL of
// GET /cluster_request/<cluster OCID> whose query carries the request's
// signature ("authorization") and its "date". It returns the cluster's OCID
// when the signature verifies against a registered key or session token and
// the cluster exists and is not deleted.
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
	if err := checkDate(req); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
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
