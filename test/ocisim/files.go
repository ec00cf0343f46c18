package ocisim

import (
	"fmt"
	"os"
	"path/filepath"
)

// CredentialFiles are the files WriteCredentials writes.
type CredentialFiles struct {
	// KeyFile is the PEM private key of the user.
	KeyFile string
	// ConfigFile is an OCI CLI/SDK configuration file with a DEFAULT profile
	// for the home region.
	ConfigFile string
	// CAFile is the CA of the TLS endpoints ("" without Options.TLS).
	CAFile string
	// AuthConfigDir holds one file per credential field (tenancy, user,
	// fingerprint, key, region), the layout the manager's --auth-config-dir
	// reads.
	AuthConfigDir string
}

// WriteCredentials writes the user's private key, an OCI configuration file
// pointing at it, the manager's auth-config directory and, with TLS, the CA
// into dir (owner-only permissions), for tools that read credentials from
// files.
func (s *Sim) WriteCredentials(dir string) (CredentialFiles, error) {
	f := CredentialFiles{KeyFile: filepath.Join(dir, "oci_api_key.pem"), ConfigFile: filepath.Join(dir, "config")}
	cfg := fmt.Sprintf("[DEFAULT]\nuser=%s\nfingerprint=%s\nkey_file=%s\ntenancy=%s\nregion=%s\n",
		s.user, s.creds.fingerprint, f.KeyFile, s.tenancy, s.opts.Regions[0])
	files := map[string][]byte{f.KeyFile: []byte(s.creds.privatePEM), f.ConfigFile: []byte(cfg)}
	if s.tlsCA != nil {
		f.CAFile = filepath.Join(dir, "ca.pem")
		files[f.CAFile] = s.tlsCA
	}
	f.AuthConfigDir = filepath.Join(dir, "auth-config")
	if err := os.MkdirAll(f.AuthConfigDir, 0o700); err != nil {
		return f, fmt.Errorf("creating %s: %w", f.AuthConfigDir, err)
	}
	// useInstancePrincipal and an empty passphrase too: the earlier provider's manager requires every file.
	for name, value := range map[string]string{"tenancy": s.tenancy, "user": s.user,
		"fingerprint": s.creds.fingerprint, "key": s.creds.privatePEM, "region": s.opts.Regions[0],
		"useInstancePrincipal": "false", "passphrase": ""} {
		files[filepath.Join(f.AuthConfigDir, name)] = []byte(value)
	}
	for path, data := range files {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return f, fmt.Errorf("writing %s: %w", path, err)
		}
	}
	return f, nil
}
