package ocisim

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// WorkloadIdentityPort is the port the SDK dials on KUBERNETES_SERVICE_HOST for
// OKE workload identity tokens.
const WorkloadIdentityPort = 12250

// ServeWorkloadIdentity serves the OKE workload identity token endpoint
// (POST /resourcePrincipalSessionTokens) over TLS on a loopback address such
// as "127.0.0.1:12250". It returns the PEM of the CA to trust (the SDK reads it
// from OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH). Any non-empty service account
// bearer token is accepted.
func (s *Sim) ServeWorkloadIdentity(addr string) ([]byte, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("parsing %q: %w", addr, err)
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("workload identity endpoint %q: %w", addr, ErrNotLoopback)
	}
	if err := s.principals.init(s.tenancy, s.opts.Regions[0]); err != nil {
		return nil, err
	}
	caPEM, cert, err := newCertFor(ip)
	if err != nil {
		return nil, err
	}
	// The listener outlives this call (Close stops it), so the context only
	// bounds the bind itself, which on a loopback address does not block.
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /resourcePrincipalSessionTokens", s.workloadToken)
	srv := &http.Server{Handler: withRequestID(mux), ReadHeaderTimeout: 10 * time.Second,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}}
	s.mu.Lock()
	s.servers = append(s.servers, srv)
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = srv.ServeTLS(ln, "", "")
	}()
	return caPEM, nil
}

// workloadToken exchanges a pod's public key for a resource principal session token.
func (s *Sim) workloadToken(w http.ResponseWriter, r *http.Request) {
	if sa, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); !ok || sa == "" {
		writeAPIError(w, errAuth("A service account bearer token is required."))
		return
	}
	var d struct {
		PodKey string `json:"podKey"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &d) != nil {
		writeAPIError(w, errInvalid("bad workload identity request"))
		return
	}
	pub, err := parseB64PublicKey(d.PodKey)
	if err != nil {
		writeAPIError(w, errInvalid("bad pod key: %v", err))
		return
	}
	token, err := s.issueToken(pub, "workload", "resource")
	if err != nil {
		writeAPIError(w, errInternal("issuing a session token: %v", err))
		return
	}
	inner, err := json.Marshal(map[string]string{"token": "ST$" + token})
	if err != nil {
		writeAPIError(w, errInternal("encoding the session token: %v", err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, "%q", base64.StdEncoding.EncodeToString(inner))
}

// newCertFor creates a CA and a server certificate for one IP address.
func newCertFor(ip net.IP) ([]byte, *tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generating a key: %w", err)
	}
	now := time.Now()
	ca := &x509.Certificate{SerialNumber: big.NewInt(20), Subject: pkix.Name{CommonName: "ocisim workload identity CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
		IPAddresses: []net.IP{ip}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, ca, ca, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("signing the certificate: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		&tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// ServeWorkloadIdentityOnLoopback serves the workload identity endpoint on WorkloadIdentityPort of the first free
// address of 127.0.0.1 to 127.0.0.19 (the port is fixed by the SDK, so test binaries running side by side take
// different addresses). It returns the address, for KUBERNETES_SERVICE_HOST, and the CA of the endpoint.
func (s *Sim) ServeWorkloadIdentityOnLoopback() (string, []byte, error) {
	for i := 1; i < 20; i++ {
		host := fmt.Sprintf("127.0.0.%d", i)
		ca, err := s.ServeWorkloadIdentity(fmt.Sprintf("%s:%d", host, WorkloadIdentityPort))
		if err == nil {
			return host, ca, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return "", nil, fmt.Errorf("serving workload identity: %w", err)
		}
	}
	return "", nil, fmt.Errorf("serving workload identity: port %d is taken on 127.0.0.1-19", WorkloadIdentityPort)
}

// ServiceAccountToken returns an unsigned JWT shaped like a Kubernetes service account token of subject,
// valid for an hour, for the SDK's supplied-token workload identity provider.
func ServiceAccountToken(subject string) string {
	enc := base64.RawURLEncoding
	claims := fmt.Sprintf(`{"sub":%q,"iat":%d,"exp":%d}`, subject, time.Now().Unix(), time.Now().Add(time.Hour).Unix())
	return enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + enc.EncodeToString([]byte(claims)) + ".c2ln"
}

// WorkloadIdentityEnv serves the workload identity endpoint (ServeWorkloadIdentityOnLoopback), writes its CA into
// dir, and returns the environment the SDK's OKE workload identity provider reads to reach it, for the home region.
func (s *Sim) WorkloadIdentityEnv(dir string) (map[string]string, error) {
	host, ca, err := s.ServeWorkloadIdentityOnLoopback()
	if err != nil {
		return nil, err
	}
	caPath := filepath.Join(dir, "workload-identity-ca.crt")
	if err := os.WriteFile(caPath, ca, 0o600); err != nil {
		return nil, fmt.Errorf("writing the workload identity CA: %w", err)
	}
	return map[string]string{
		"OCI_RESOURCE_PRINCIPAL_VERSION":           "2.2",
		"OCI_RESOURCE_PRINCIPAL_REGION":            s.opts.Regions[0],
		"KUBERNETES_SERVICE_HOST":                  host,
		"OCI_KUBERNETES_SERVICE_ACCOUNT_CERT_PATH": caPath,
	}, nil
}
