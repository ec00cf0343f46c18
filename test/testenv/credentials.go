package testenv

import (
	"crypto/md5" //nolint:gosec // OCI API key fingerprints are MD5 digests of the public key.
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Credentials are a generated user principal written as the manager's credentials directory.
type Credentials struct {
	Dir         string
	TenancyID   string
	UserID      string
	Fingerprint string
	Region      string
	Key         *rsa.PrivateKey
}

// WriteCredentials generates an RSA API key and writes a user principal's credentials into dir, one file per
// field, as the manager's auth Secret is mounted. Keys exist only for the test run; none is committed.
func WriteCredentials(dir, tenancyID, userID, region string) (*Credentials, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("generating an API key: %w", err)
	}
	fp, err := Fingerprint(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	files := map[string]string{
		"tenancy":     tenancyID,
		"user":        userID,
		"fingerprint": fp,
		"region":      region,
		"key":         string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			return nil, fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return &Credentials{Dir: dir, TenancyID: tenancyID, UserID: userID, Fingerprint: fp, Region: region, Key: key}, nil
}

// Fingerprint returns OCI's fingerprint of a public key: the MD5 of its DER form as colon-separated hex.
func Fingerprint(pub *rsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("encoding the public key: %w", err)
	}
	sum := md5.Sum(der) //nolint:gosec // See the import.
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02x", b)
	}
	return strings.Join(parts, ":"), nil
}
