// Package credentials reads the OCI credentials of the provider's default identity from a directory, the way
// the manager's Secret is mounted: one file per field (tenancy, user, fingerprint, key, passphrase, region,
// useInstancePrincipal). Key material never leaves this package in logs or error messages.
package credentials

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/common/auth"
)

// File names inside the credentials directory; they are the keys of the manager's auth Secret.
const (
	FileTenancy              = "tenancy"
	FileUser                 = "user"
	FileFingerprint          = "fingerprint"
	FileKey                  = "key"
	FilePassphrase           = "passphrase"
	FileRegion               = "region"
	FileUseInstancePrincipal = "useInstancePrincipal"
)

var (
	tenancyPattern     = regexp.MustCompile(`^ocid1\.tenancy\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9._-]+$`)
	userPattern        = regexp.MustCompile(`^ocid1\.user\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9._-]+$`)
	fingerprintPattern = regexp.MustCompile(`^([0-9a-f]{2}:){15}[0-9a-f]{2}$`)
	regionPattern      = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+-[0-9]+$`)
)

// Principal is how the provider authenticates to OCI.
type Principal string

const (
	// UserPrincipal signs requests with a user's API key.
	UserPrincipal Principal = "UserPrincipal"
	// InstancePrincipal signs requests with the certificate of the instance the manager runs on.
	InstancePrincipal Principal = "InstancePrincipal"
)

// Credentials are the default identity's OCI credentials as read from the directory.
type Credentials struct {
	Dir         string
	Principal   Principal
	TenancyID   string
	UserID      string
	Fingerprint string
	Region      string
	privateKey  *rsa.PrivateKey
	privatePEM  string
	passphrase  string
}

// Error says which file and field of the credentials directory is wrong, and why.
type Error struct {
	Path   string
	Field  string
	Reason string
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("OCI credentials: %s (field %q): %s", e.Path, e.Field, e.Reason)
}

// LoadDir reads and validates the credentials in dir.
func LoadDir(dir string) (*Credentials, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("OCI credentials: directory %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("OCI credentials: %s is not a directory", dir)
	}
	r := reader{dir: dir}
	useIP, err := r.boolean(FileUseInstancePrincipal)
	if err != nil {
		return nil, err
	}
	c := &Credentials{Dir: dir, Principal: UserPrincipal}
	if c.Region, err = r.optional(FileRegion, regionPattern, "must be an OCI region identifier such as us-ashburn-1"); err != nil {
		return nil, err
	}
	if useIP {
		c.Principal = InstancePrincipal
		return c, nil
	}
	return c, r.userPrincipal(c)
}

func (r reader) userPrincipal(c *Credentials) error {
	var err error
	if c.Region == "" {
		return r.missing(FileRegion)
	}
	if c.TenancyID, err = r.required(FileTenancy, tenancyPattern, "must be a tenancy OCID (ocid1.tenancy.oc1..<id>)"); err != nil {
		return err
	}
	if c.UserID, err = r.required(FileUser, userPattern, "must be a user OCID (ocid1.user.oc1..<id>)"); err != nil {
		return err
	}
	if c.Fingerprint, err = r.required(FileFingerprint, fingerprintPattern,
		"must be the API key's fingerprint: 16 lower-case hex pairs separated by colons"); err != nil {
		return err
	}
	if c.passphrase, err = r.raw(FilePassphrase); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	pemText, err := r.raw(FileKey)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return r.missing(FileKey)
		}
		return err
	}
	key, err := common.PrivateKeyFromBytesWithPassword([]byte(pemText), []byte(c.passphrase))
	if err != nil {
		reason := "is not a PEM-encoded RSA private key (an SSH public key or a wrong passphrase are the usual causes)"
		return &Error{Path: r.path(FileKey), Field: FileKey, Reason: reason}
	}
	c.privateKey, c.privatePEM = key, pemText
	return nil
}

// ConfigurationProvider returns the SDK configuration provider for these credentials. For instance principals
// it asks the instance-metadata service (OCI_METADATA_BASE_URL overrides its address) for a certificate.
func (c *Credentials) ConfigurationProvider() (common.ConfigurationProvider, error) {
	if c.Principal == InstancePrincipal {
		var (
			p   common.ConfigurationProvider
			err error
		)
		if c.Region != "" {
			p, err = auth.InstancePrincipalConfigurationProviderForRegion(common.StringToRegion(c.Region))
		} else {
			p, err = auth.InstancePrincipalConfigurationProvider()
		}
		if err != nil {
			return nil, fmt.Errorf("creating the instance principal configuration provider: %w", err)
		}
		return p, nil
	}
	var passphrase *string
	if c.passphrase != "" {
		passphrase = &c.passphrase
	}
	return common.NewRawConfigurationProvider(c.TenancyID, c.UserID, c.Region, c.Fingerprint, c.privatePEM, passphrase), nil
}

// HasPrivateKey reports whether a user principal's key was loaded.
func (c *Credentials) HasPrivateKey() bool { return c.privateKey != nil }

// String describes the credentials without any key material.
func (c *Credentials) String() string {
	if c.Principal == InstancePrincipal {
		return fmt.Sprintf("%s (region %q) from %s", c.Principal, c.Region, c.Dir)
	}
	return fmt.Sprintf("%s %s of tenancy %s in %s, key fingerprint %s, from %s",
		c.Principal, c.UserID, c.TenancyID, c.Region, c.Fingerprint, c.Dir)
}

// reader reads single-value files of the credentials directory.
type reader struct{ dir string }

func (r reader) path(name string) string { return filepath.Join(r.dir, name) }

func (r reader) missing(name string) error {
	return &Error{Path: r.path(name), Field: name, Reason: "is required but the file is missing or empty"}
}

// raw returns the file's content with surrounding white space removed; fs.ErrNotExist for a missing or
// empty file.
func (r reader) raw(name string) (string, error) {
	b, err := os.ReadFile(r.path(name))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fs.ErrNotExist
		}
		return "", &Error{Path: r.path(name), Field: name, Reason: "cannot be read: " + err.Error()}
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", fs.ErrNotExist
	}
	return v, nil
}

func (r reader) optional(name string, pattern *regexp.Regexp, want string) (string, error) {
	v, err := r.raw(name)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if !pattern.MatchString(v) {
		return "", &Error{Path: r.path(name), Field: name, Reason: fmt.Sprintf("%q %s", v, want)}
	}
	return v, nil
}

func (r reader) required(name string, pattern *regexp.Regexp, want string) (string, error) {
	v, err := r.optional(name, pattern, want)
	if err == nil && v == "" {
		return "", r.missing(name)
	}
	return v, err
}

func (r reader) boolean(name string) (bool, error) {
	v, err := r.raw(name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	b, perr := strconv.ParseBool(v)
	if perr != nil {
		return false, &Error{Path: r.path(name), Field: name, Reason: fmt.Sprintf("%q must be true or false", v)}
	}
	return b, nil
}
