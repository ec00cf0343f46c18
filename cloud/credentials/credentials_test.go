package credentials

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

const (
	tenancy     = "ocid1.tenancy.oc1..aaaaaaaatenancy"
	user        = "ocid1.user.oc1..aaaaaaaauser"
	fingerprint = "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0"
)

// testKey returns a freshly generated RSA key as PKCS#1 PEM, optionally encrypted with passphrase.
func testKey(t *testing.T, passphrase string) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	block := &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}
	if passphrase != "" {
		//nolint:staticcheck // OCI API keys are still commonly PEM-encrypted this way; the SDK reads them.
		block, err = x509.EncryptPEMBlock(rand.Reader, block.Type, block.Bytes, []byte(passphrase), x509.PEMCipherAES256)
		if err != nil {
			t.Fatal(err)
		}
	}
	return string(pem.EncodeToMemory(block))
}

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func userFiles(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{
		FileTenancy: tenancy + "\n", FileUser: user, FileFingerprint: fingerprint,
		FileKey: testKey(t, ""), FileRegion: "us-ashburn-1",
	}
}

func TestLoadDirGood(t *testing.T) {
	encrypted := userFiles(t)
	encrypted[FileKey] = testKey(t, "s3cret")
	encrypted[FilePassphrase] = "s3cret\n"

	tests := []struct {
		name      string
		files     map[string]string
		principal Principal
		region    string
	}{
		{name: "user principal", files: userFiles(t), principal: UserPrincipal, region: "us-ashburn-1"},
		{name: "user principal with an encrypted key", files: encrypted, principal: UserPrincipal, region: "us-ashburn-1"},
		{
			name:  "instance principal without a region",
			files: map[string]string{FileUseInstancePrincipal: "true"}, principal: InstancePrincipal,
		},
		{
			name:      "instance principal with a region",
			files:     map[string]string{FileUseInstancePrincipal: "true", FileRegion: "eu-frankfurt-1"},
			principal: InstancePrincipal, region: "eu-frankfurt-1",
		},
		{
			name: "useInstancePrincipal false is a user principal",
			files: func() map[string]string {
				f := userFiles(t)
				f[FileUseInstancePrincipal] = "false"
				return f
			}(),
			principal: UserPrincipal, region: "us-ashburn-1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewWithT(t)
			c, err := LoadDir(writeDir(t, tt.files))
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(c.Principal).To(Equal(tt.principal))
			g.Expect(c.Region).To(Equal(tt.region))
			if tt.principal == UserPrincipal {
				g.Expect(c.TenancyID).To(Equal(tenancy))
				g.Expect(c.HasPrivateKey()).To(BeTrue())
				p, err := c.ConfigurationProvider()
				g.Expect(err).NotTo(HaveOccurred())
				keyID, err := p.KeyID()
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(keyID).To(Equal(tenancy + "/" + user + "/" + fingerprint))
				_, err = p.PrivateRSAKey()
				g.Expect(err).NotTo(HaveOccurred())
			}
			// Key material and the passphrase never appear in the description that is logged.
			g.Expect(c.String()).NotTo(ContainSubstring("PRIVATE KEY"))
			g.Expect(c.String()).NotTo(ContainSubstring("s3cret"))
		})
	}
}

func TestLoadDirBad(t *testing.T) {
	with := func(field, value string) map[string]string {
		f := userFiles(t)
		if value == "" {
			delete(f, field)
		} else {
			f[field] = value
		}
		return f
	}
	wrongPassphrase := userFiles(t)
	wrongPassphrase[FileKey] = testKey(t, "right")
	wrongPassphrase[FilePassphrase] = "wrong"
	sshKey := "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host"

	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing region", with(FileRegion, ""), `{dir}/region (field "region"): is required but the file is missing or empty`},
		{"malformed region", with(FileRegion, "Ashburn"), `{dir}/region (field "region"): "Ashburn" must be an OCI region identifier such as us-ashburn-1`},
		{"missing tenancy", with(FileTenancy, ""), `{dir}/tenancy (field "tenancy"): is required but the file is missing or empty`},
		{
			"user OCID as tenancy", with(FileTenancy, user),
			`{dir}/tenancy (field "tenancy"): "` + user + `" must be a tenancy OCID (ocid1.tenancy.oc1..<id>)`,
		},
		{"missing user", with(FileUser, ""), `{dir}/user (field "user"): is required but the file is missing or empty`},
		{
			"malformed user", with(FileUser, "alice"),
			`{dir}/user (field "user"): "alice" must be a user OCID (ocid1.user.oc1..<id>)`,
		},
		{"missing fingerprint", with(FileFingerprint, ""), `{dir}/fingerprint (field "fingerprint"): is required but the file is missing or empty`},
		{
			"malformed fingerprint", with(FileFingerprint, "12:34"),
			`{dir}/fingerprint (field "fingerprint"): "12:34" must be the API key's fingerprint: 16 lower-case hex pairs separated by colons`,
		},
		{"missing key", with(FileKey, ""), `{dir}/key (field "key"): is required but the file is missing or empty`},
		{
			"SSH public key instead of the API key", with(FileKey, sshKey),
			`{dir}/key (field "key"): is not a PEM-encoded RSA private key (an SSH public key or a wrong passphrase are the usual causes)`,
		},
		{
			"wrong passphrase", wrongPassphrase,
			`{dir}/key (field "key"): is not a PEM-encoded RSA private key (an SSH public key or a wrong passphrase are the usual causes)`,
		},
		{
			"useInstancePrincipal not a boolean", map[string]string{FileUseInstancePrincipal: "yes please"},
			`{dir}/useInstancePrincipal (field "useInstancePrincipal"): "yes please" must be true or false`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewWithT(t)
			dir := writeDir(t, tt.files)
			_, err := LoadDir(dir)
			g.Expect(err).To(MatchError("OCI credentials: " + strings.ReplaceAll(tt.want, "{dir}", dir)))
			// A key is never echoed back in an error.
			g.Expect(err.Error()).NotTo(ContainSubstring("PRIVATE KEY"))
			var e *Error
			g.Expect(err).To(BeAssignableToTypeOf(e))
		})
	}
}

func TestLoadDirNotADirectory(t *testing.T) {
	g := NewWithT(t)
	_, err := LoadDir(filepath.Join(t.TempDir(), "absent"))
	g.Expect(err).To(MatchError(ContainSubstring("OCI credentials: directory")))
	g.Expect(err).To(MatchError(ContainSubstring("no such file or directory")))

	file := filepath.Join(t.TempDir(), "file")
	g.Expect(os.WriteFile(file, nil, 0o600)).To(Succeed())
	_, err = LoadDir(file)
	g.Expect(err).To(MatchError("OCI credentials: " + file + " is not a directory"))
}

func TestUnreadableFile(t *testing.T) {
	g := NewWithT(t)
	files := userFiles(t)
	dir := writeDir(t, files)
	// A directory where a file is expected cannot be read as one.
	g.Expect(os.Remove(filepath.Join(dir, FileUser))).To(Succeed())
	g.Expect(os.Mkdir(filepath.Join(dir, FileUser), 0o700)).To(Succeed())
	_, err := LoadDir(dir)
	g.Expect(err).To(MatchError(ContainSubstring(`user (field "user"): cannot be read`)))
}
