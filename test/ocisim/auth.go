package ocisim

import (
	"crypto"
	"crypto/md5" //nolint:gosec // #nosec G501 -- OCI key fingerprints are MD5 digests of the public key.
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
)

// maxClockSkew is how far a request's date may be from the emulator's clock.
const maxClockSkew = 5 * time.Minute

// credentials holds the generated user key and every registered public key.
type credentials struct {
	fingerprint string
	privatePEM  string
	keyID       string
	keys        map[string]*rsa.PublicKey
	// sessions maps session tokens to the public key they were issued for.
	sessions map[string]*rsa.PublicKey
}

func newCredentials(tenancy, user string) (*credentials, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("generating an RSA key: %w", err)
	}
	fp, err := Fingerprint(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	keyID := tenancy + "/" + user + "/" + fp
	return &credentials{fingerprint: fp, privatePEM: string(pemBytes), keyID: keyID,
		keys: map[string]*rsa.PublicKey{keyID: &key.PublicKey}, sessions: map[string]*rsa.PublicKey{}}, nil
}

// Fingerprint returns OCI's fingerprint of a public key: the colon-separated
// MD5 digest of its DER (PKIX) encoding.
func Fingerprint(pub *rsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("encoding the public key: %w", err)
	}
	sum := md5.Sum(der) //nolint:gosec // #nosec G401 -- OCI defines fingerprints as MD5.
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02x", b)
	}
	return strings.Join(parts, ":"), nil
}

// ConfigurationProvider returns an SDK configuration provider that signs as
// the emulator's generated user, for the home region.
func (s *Sim) ConfigurationProvider() common.ConfigurationProvider {
	return s.ConfigurationProviderFor(s.opts.Regions[0])
}

// ConfigurationProviderFor returns a signing configuration provider for a region.
func (s *Sim) ConfigurationProviderFor(region string) common.ConfigurationProvider {
	return common.NewRawConfigurationProvider(s.tenancy, s.user, region, s.creds.fingerprint, s.creds.privatePEM, nil)
}

// signature is a parsed draft-cavage Authorization header.
type signature struct {
	keyID     string
	algorithm string
	headers   []string
	sig       []byte
}

func parseSignature(h string) (*signature, error) {
	rest, ok := strings.CutPrefix(h, "Signature ")
	if !ok {
		return nil, errAuth("The Authorization header is not an HTTP signature.")
	}
	out := &signature{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, errAuth("The Authorization header is malformed.")
		}
		v = strings.Trim(v, `"`)
		switch k {
		case "keyId":
			out.keyID = v
		case "algorithm":
			out.algorithm = v
		case "headers":
			out.headers = strings.Fields(v)
		case "signature":
			sig, err := base64.StdEncoding.DecodeString(v)
			if err != nil {
				return nil, errAuth("The signature is not valid base64.")
			}
			out.sig = sig
		}
	}
	if out.keyID == "" || out.sig == nil || out.algorithm != "rsa-sha256" {
		return nil, errAuth("The Authorization header lacks keyId, signature or the rsa-sha256 algorithm.")
	}
	if len(out.headers) == 0 {
		out.headers = []string{"date"}
	}
	return out, nil
}

// authenticate verifies the request's signature.
func (s *Sim) authenticate(c *call) error {
	if s.opts.DisableAuth {
		return nil
	}
	sig, err := parseSignature(c.r.Header.Get("Authorization"))
	if err != nil {
		return err
	}
	if err := requireHeaders(c.r, sig.headers); err != nil {
		return err
	}
	if err := checkDate(c.r); err != nil {
		return err
	}
	if err := checkBodyHash(c); err != nil {
		return err
	}
	s.mu.Lock()
	pub := s.publicKey(sig.keyID)
	s.mu.Unlock()
	if pub == nil {
		return errAuth("The key %q is not registered.", sig.keyID)
	}
	hashed := sha256.Sum256([]byte(signingString(c.r, sig.headers)))
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, hashed[:], sig.sig); err != nil {
		return errAuth("The signature does not verify with key %q.", sig.keyID)
	}
	c.principal, _, _ = strings.Cut(sig.keyID, "/")
	return nil
}

// publicKey finds the key for a keyId: a registered API key or a session token.
func (s *Sim) publicKey(keyID string) *rsa.PublicKey {
	if token, ok := strings.CutPrefix(keyID, "ST$"); ok {
		return s.creds.sessions[token]
	}
	return s.creds.keys[keyID]
}

// requireHeaders checks that the signature covers what OCI requires.
func requireHeaders(r *http.Request, signed []string) error {
	need := []string{"date", "(request-target)", "host"}
	if r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch {
		need = append(need, "content-length", "content-type", "x-content-sha256")
	}
	have := map[string]bool{}
	for _, h := range signed {
		have[strings.ToLower(h)] = true
	}
	for _, h := range need {
		if !have[h] {
			return errAuth("The signature must cover the %q header.", h)
		}
	}
	return nil
}

func checkDate(r *http.Request) error {
	d := r.Header.Get("date")
	if d == "" {
		d = r.Header.Get("x-date")
	}
	t, err := http.ParseTime(d)
	if err != nil {
		return errAuth("The date header is missing or malformed.")
	}
	if skew := time.Since(t); skew > maxClockSkew || skew < -maxClockSkew {
		return errAuth("The date header is more than %s away from the server clock.", maxClockSkew)
	}
	return nil
}

func checkBodyHash(c *call) error {
	want := c.r.Header.Get("x-content-sha256")
	if want == "" {
		return nil
	}
	sum := sha256.Sum256(c.body)
	if base64.StdEncoding.EncodeToString(sum[:]) != want {
		return errAuth("The x-content-sha256 header does not match the body.")
	}
	return nil
}

// signingString rebuilds the string the client signed.
func signingString(r *http.Request, headers []string) string {
	lines := make([]string, len(headers))
	for i, h := range headers {
		h = strings.ToLower(h)
		var v string
		switch h {
		case "(request-target)":
			target := r.RequestURI
			if target == "" {
				target = r.URL.RequestURI()
			}
			v = strings.ToLower(r.Method) + " " + target
		case "host":
			v = r.Host
		default:
			v = r.Header.Get(h)
		}
		lines[i] = h + ": " + v
	}
	return strings.Join(lines, "\n")
}
