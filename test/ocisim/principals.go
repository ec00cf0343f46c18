package ocisim

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"sync"
	"time"
)

// principalCerts are the certificates of the emulated instance identity.
type principalCerts struct {
	once        sync.Once
	err         error
	instanceID  string
	caCert      *x509.Certificate
	caPEM       []byte
	leafCertPEM []byte
	leafKeyPEM  []byte
	tokenSecret []byte
}

// ouOID is the object identifier of the organizational unit attribute.
var ouOID = asn1.ObjectIdentifier{2, 5, 4, 11}

// init generates the instance CA and leaf certificate on first use.
func (p *principalCerts) init(tenancy, region string) error {
	p.once.Do(func() {
		p.err = p.generate(tenancy, region)
	})
	return p.err
}

func (p *principalCerts) generate(tenancy, region string) error {
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("generating the instance CA key: %w", err)
	}
	now := time.Now()
	ca := &x509.Certificate{SerialNumber: big.NewInt(10), Subject: pkix.Name{CommonName: "ocisim instance CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(30 * 24 * time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return fmt.Errorf("signing the instance CA: %w", err)
	}
	p.caCert, _ = x509.ParseCertificate(caDER)
	leafKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("generating the instance key: %w", err)
	}
	p.instanceID = newOCID("instance", region)
	subject := pkix.Name{CommonName: p.instanceID, ExtraNames: []pkix.AttributeTypeAndValue{
		{Type: ouOID, Value: "opc-certtype:instance"}, {Type: ouOID, Value: "opc-instance:" + p.instanceID},
		{Type: ouOID, Value: "opc-compartment:" + tenancy}, {Type: ouOID, Value: "opc-tenant:" + tenancy}}}
	leaf := &x509.Certificate{SerialNumber: big.NewInt(11), Subject: subject, NotBefore: now.Add(-time.Hour),
		NotAfter: now.Add(24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, p.caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		return fmt.Errorf("signing the instance certificate: %w", err)
	}
	p.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	p.leafCertPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leafDER})
	p.leafKeyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(leafKey)})
	p.tokenSecret = make([]byte, 32)
	_, _ = rand.Read(p.tokenSecret)
	return nil
}

// metadataMux serves the instance metadata paths the SDK reads for instance
// principals, under /opc/v2.
func (s *Sim) metadataMux() *http.ServeMux {
	mux := http.NewServeMux()
	serve := func(path string, body func() []byte) {
		mux.HandleFunc("GET /opc/v2"+path, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer Oracle" {
				http.Error(w, "missing Authorization: Bearer Oracle", http.StatusUnauthorized)
				return
			}
			if err := s.principals.init(s.tenancy, s.opts.Regions[0]); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			_, _ = w.Write(body())
		})
	}
	serve("/instance/region", func() []byte { return []byte(s.opts.Regions[0]) })
	serve("/instance/id", func() []byte { return []byte(s.principals.instanceID) })
	serve("/identity/cert.pem", func() []byte { return s.principals.leafCertPEM })
	serve("/identity/key.pem", func() []byte { return s.principals.leafKeyPEM })
	serve("/identity/intermediate.pem", func() []byte { return s.principals.caPEM })
	return mux
}

// InstancePrincipalEnv returns the environment variables that point the SDK's
// instance principal provider (auth.InstancePrincipalConfigurationProvider) at
// the emulator's metadata and federation endpoints.
func (s *Sim) InstancePrincipalEnv() map[string]string {
	return map[string]string{
		"OCI_METADATA_BASE_URL":          s.metadataURL + "/opc/v2",
		"OCI_SDK_AUTH_CLIENT_REGION_URL": s.authURL,
	}
}
