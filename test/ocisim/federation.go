package ocisim

import (
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// sessionTTL is how long issued session tokens are valid.
const sessionTTL = time.Hour

// authMux serves the federation endpoint (POST /v1/x509) that exchanges an
// instance certificate for a session token.
func (s *Sim) authMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/x509", func(w http.ResponseWriter, r *http.Request) {
		token, err := s.federate(r)
		if err != nil {
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				apiErr = errAuth("federation failed: %v", err)
			}
			writeAPIError(w, apiErr)
			return
		}
		writeJSONBody(w, http.StatusOK, map[string]string{"token": token})
	})
	return mux
}

func writeAPIError(w http.ResponseWriter, err *APIError) {
	writeJSONBody(w, err.Status, err)
}

// federate verifies an x509 federation request, signed with the instance
// certificate's key, and issues a session token for its session key.
func (s *Sim) federate(r *http.Request) (string, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return "", errInvalid("reading the body: %v", err)
	}
	var d struct {
		Certificate string `json:"certificate"`
		PublicKey   string `json:"publicKey"`
	}
	if err := json.Unmarshal(body, &d); err != nil {
		return "", errInvalid("bad federation request: %v", err)
	}
	cert, err := parseB64Cert(d.Certificate)
	if err != nil || s.principals.caCert == nil {
		return "", errAuth("The certificate is not valid.")
	}
	pool := x509.NewCertPool()
	pool.AddCert(s.principals.caCert)
	if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		return "", errAuth("The certificate was not issued by the instance CA.")
	}
	sig, err := parseSignature(r.Header.Get("Authorization"))
	if err != nil {
		return "", err
	}
	if err := checkDate(r); err != nil {
		return "", err
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	hashed := sha256.Sum256([]byte(signingString(r, sig.headers)))
	if !ok || rsa.VerifyPKCS1v15(pub, crypto.SHA256, hashed[:], sig.sig) != nil {
		return "", errAuth("The federation request signature does not verify.")
	}
	session, err := parseB64PublicKey(d.PublicKey)
	if err != nil {
		return "", errInvalid("bad session public key: %v", err)
	}
	token, err := s.issueToken(session, cert.Subject.CommonName, "instance")
	if err != nil {
		return "", errInternal("issuing a session token: %v", err)
	}
	return token, nil
}

func parseB64Cert(b64 string) (*x509.Certificate, error) {
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("decoding the certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("parsing the certificate: %w", err)
	}
	return cert, nil
}

func parseB64PublicKey(b64 string) (*rsa.PublicKey, error) {
	b64 = strings.NewReplacer("-----BEGIN PUBLIC KEY-----", "", "-----END PUBLIC KEY-----", "", "\n", "").Replace(b64)
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("decoding the public key: %w", err)
	}
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("parsing the public key: %w", err)
	}
	pub, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the public key is %T, not RSA", key)
	}
	return pub, nil
}

// issueToken creates a JWT session token bound to a session public key.
func (s *Sim) issueToken(session *rsa.PublicKey, subject, ptype string) (string, error) {
	now := time.Now()
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT","kid":"ocisim"}`))
	claims, err := json.Marshal(map[string]any{"sub": subject, "tenant": s.tenancy, "ptype": ptype,
		"res_tenant": s.tenancy, "res_compartment": s.tenancy,
		"iat": now.Unix(), "exp": now.Add(sessionTTL).Unix(), "iss": "ocisim"})
	if err != nil {
		return "", fmt.Errorf("encoding the session token claims: %w", err)
	}
	unsigned := header + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha256.New, s.principals.tokenSecret)
	mac.Write([]byte(unsigned))
	token := unsigned + "." + enc.EncodeToString(mac.Sum(nil))
	s.mu.Lock()
	s.creds.sessions[token] = session
	s.mu.Unlock()
	return token, nil
}
