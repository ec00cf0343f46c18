package ocisim

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// tamper changes the request body after the SDK signed it.
type tamper struct{ next http.Client }

// Do implements common.HTTPRequestDispatcher.
func (d *tamper) Do(req *http.Request) (*http.Response, error) {
	body := []byte(`{"compartmentId":"x","cidrBlocks":["10.0.0.0/16"]}`)
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Length", "49")
	return d.next.Do(req)
}

// stripAuth removes the signature the SDK added.
type stripAuth struct{ next http.Client }

// Do implements common.HTTPRequestDispatcher.
func (d *stripAuth) Do(req *http.Request) (*http.Response, error) {
	req.Header.Del("Authorization")
	return d.next.Do(req)
}

// TestSignatures checks that unknown keys, missing signatures and tampered bodies get 401 NotAuthenticated.
func TestSignatures(t *testing.T) {
	s := startSim(t, Options{})
	ctx := context.Background()
	req := core.ListVcnsRequest{CompartmentId: common.String(s.Tenancy())}
	good := must(s.VirtualNetworkClient(iad))
	resp := must(good.ListVcns(ctx, req))
	if resp.OpcRequestId == nil || *resp.OpcRequestId == "" {
		t.Fatal("response without opc-request-id")
	}
	key := must(rsa.GenerateKey(rand.Reader, 2048))
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	fp := must(Fingerprint(&key.PublicKey))
	stranger := must(core.NewVirtualNetworkClientWithConfigurationProvider(
		common.NewRawConfigurationProvider(s.Tenancy(), s.User(), iad, fp, pemKey, nil)))
	if err := s.Configure(&stranger.BaseClient, ServiceCore, iad); err != nil {
		t.Fatal(err)
	}
	_, err := stranger.ListVcns(ctx, req)
	wantCode(t, err, http.StatusUnauthorized, "NotAuthenticated")
	s.RegisterKey(s.Tenancy()+"/"+s.User()+"/"+fp, &key.PublicKey)
	must(stranger.ListVcns(ctx, req))

	unsigned := must(s.VirtualNetworkClient(iad))
	unsigned.HTTPClient = &stripAuth{}
	_, err = unsigned.ListVcns(ctx, req)
	wantCode(t, err, http.StatusUnauthorized, "NotAuthenticated")

	tampered := must(s.VirtualNetworkClient(iad))
	tampered.HTTPClient = &tamper{}
	_, err = tampered.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(s.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}})
	wantCode(t, err, http.StatusUnauthorized, "NotAuthenticated")
	if n := len(s.Live(KindVcn)); n != 0 {
		t.Fatalf("a tampered request created %d VCNs", n)
	}
}

// TestMalformedAuthorization checks the parsing of Authorization headers.
func TestMalformedAuthorization(t *testing.T) {
	for _, h := range []string{"", "Bearer x", `Signature keyId="a",algorithm="rsa-sha256"`,
		`Signature version="1",headers="date",keyId="a/b/c",algorithm="rsa-sha256",signature="!!"`} {
		_, err := parseSignature(h)
		if err == nil && h != "" {
			t.Fatalf("accepted %q", h)
		}
	}
	sig, err := parseSignature(`Signature version="1",headers="date (request-target) host",keyId="t/u/f",algorithm="rsa-sha256",signature="AAAA"`)
	if err != nil || len(sig.headers) != 3 || sig.keyID != "t/u/f" {
		t.Fatalf("parse: %+v %v", sig, err)
	}
}
