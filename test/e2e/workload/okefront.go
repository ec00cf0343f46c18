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

package workload

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"time"

	"sigs.k8s.io/cluster-api/util/certs"
)

// OKEFront is the address every OKE cluster of the emulator serves its API at, as the kubeconfig OKE hands out
// says: it takes a request only with a bearer token the emulator verifies (a token signed with an OCI identity,
// for a cluster that exists) and passes it to that cluster's in-memory API server. A wrong or expired token gets
// 401, as from OKE.
type OKEFront struct {
	// URL is the server URL for kubeconfigs (https://127.0.0.1:<port>).
	URL string
	// CAData is the PEM certificate kubeconfigs trust for URL.
	CAData []byte
	srv    *http.Server
}

// ServeOKE starts the front of the OKE clusters on a port the kernel picks; it stops when ctx ends. Point the
// emulator's kubeconfigs at it with Sim.SetKubeconfigServer and Sim.SetKubeconfigCAData.
func (s *Server) ServeOKE(ctx context.Context) (*OKEFront, error) {
	cert, caPEM, err := selfSignedServing(Host)
	if err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", net.JoinHostPort(Host, "0"))
	if err != nil {
		return nil, fmt.Errorf("listening for the OKE clusters: %w", err)
	}
	f := &OKEFront{URL: "https://" + ln.Addr().String(), CAData: caPEM}
	f.srv = &http.Server{Handler: http.HandlerFunc(s.serveOKE), ReadHeaderTimeout: 10 * time.Second,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}
	go func() {
		if err := f.srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error(err, "The OKE front stopped")
		}
	}()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = f.srv.Shutdown(sctx)
	}()
	return f, nil
}

// serveOKE checks the bearer token and passes the request to the token's cluster.
func (s *Server) serveOKE(w http.ResponseWriter, r *http.Request) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		unauthorized(w, "no bearer token")
		return
	}
	id, err := s.sim.VerifyClusterToken(token)
	if err != nil {
		unauthorized(w, err.Error())
		return
	}
	s.mu.Lock()
	oc, ok := s.oke[id]
	s.mu.Unlock()
	if !ok {
		http.Error(w, "the cluster's API server is not up", http.StatusServiceUnavailable)
		return
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(&url.URL{Scheme: "https", Host: oc.listener.HostPort()})
			pr.Out.Header.Del("Authorization")
		},
		Transport:     oc.transport,
		FlushInterval: -1, // watches stream
	}
	proxy.ServeHTTP(w, r)
}

// unauthorized answers 401 with a Kubernetes Status, as an API server does.
func unauthorized(w http.ResponseWriter, why string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	body, err := json.Marshal(map[string]any{"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": why,
		"reason": "Unauthorized", "code": http.StatusUnauthorized})
	if err != nil {
		return
	}
	_, _ = w.Write(body)
}

// selfSignedServing makes a self-signed certificate for host, which is also its own CA.
func selfSignedServing(host string) (tls.Certificate, []byte, error) {
	key, err := certs.NewPrivateKey()
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("generating the OKE front's key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("choosing a serial number: %w", err)
	}
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: "oke-front"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IPAddresses: []net.IP{net.ParseIP(host)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("signing the OKE front's certificate: %w", err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	cert, err := tls.X509KeyPair(certPEM, certs.EncodePrivateKeyPEM(key))
	if err != nil {
		return tls.Certificate{}, nil, fmt.Errorf("loading the OKE front's certificate: %w", err)
	}
	return cert, certPEM, nil
}
