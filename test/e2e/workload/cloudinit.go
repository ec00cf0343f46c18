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
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"sigs.k8s.io/yaml"
)

// CloudConfig is the part of a cloud-init #cloud-config document a first boot acts on.
type CloudConfig struct {
	// Files are the write_files entries, by path, decoded.
	Files map[string]string
	// Commands are the runcmd entries, each as the shell line cloud-init runs.
	Commands []string
}

type cloudConfigDoc struct {
	WriteFiles []struct {
		Path     string `json:"path"`
		Encoding string `json:"encoding"`
		Content  string `json:"content"`
	} `json:"write_files"`
	RunCmd []any `json:"runcmd"`
}

// Metadata is what the instance metadata service tells cloud-init about the instance, for the jinja
// variables of a "## template: jinja" user data.
type Metadata struct {
	InstanceID       string
	LocalHostname    string
	Region           string
	AvailabilityZone string
}

// ParseUserData decodes an instance's user_data (base64, as OCI's metadata carries it), renders its jinja
// variables when it says "## template: jinja", and reads the #cloud-config document.
func ParseUserData(userData string, md Metadata) (*CloudConfig, error) {
	raw, err := base64.StdEncoding.DecodeString(userData)
	if err != nil {
		return nil, fmt.Errorf("user_data is not base64: %w", err)
	}
	text := string(raw)
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.TrimSpace(first) == "## template: jinja" {
		if text, err = renderJinja(rest, md); err != nil {
			return nil, err
		}
	}
	if !strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "#cloud-config") {
		return nil, errors.New("user_data is not a #cloud-config document")
	}
	var doc cloudConfigDoc
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return nil, fmt.Errorf("parsing the #cloud-config document: %w", err)
	}
	cc := &CloudConfig{Files: map[string]string{}}
	for i, f := range doc.WriteFiles {
		content, err := decodeContent(f.Content, f.Encoding)
		if err != nil {
			return nil, fmt.Errorf("write_files[%d] (%s): %w", i, f.Path, err)
		}
		cc.Files[f.Path] = content
	}
	for i, c := range doc.RunCmd {
		switch v := c.(type) {
		case string:
			cc.Commands = append(cc.Commands, v)
		case []any:
			parts := make([]string, len(v))
			for j, p := range v {
				parts[j] = fmt.Sprint(p)
			}
			cc.Commands = append(cc.Commands, strings.Join(parts, " "))
		default:
			return nil, fmt.Errorf("runcmd[%d] is neither a string nor a list", i)
		}
	}
	return cc, nil
}

// decodeContent decodes a write_files content by its encoding, as cloud-init does.
func decodeContent(content, encoding string) (string, error) {
	switch strings.ToLower(encoding) {
	case "", "text/plain":
		return content, nil
	case "b64", "base64":
		b, err := base64.StdEncoding.DecodeString(content)
		return string(b), wrapDecode(err, encoding)
	case "gz", "gzip", "gz+b64", "gz+base64", "gzip+b64", "gzip+base64":
		b := []byte(content)
		if strings.Contains(encoding, "b") {
			var err error
			if b, err = base64.StdEncoding.DecodeString(content); err != nil {
				return "", wrapDecode(err, encoding)
			}
		}
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return "", wrapDecode(err, encoding)
		}
		out, err := io.ReadAll(r)
		return string(out), wrapDecode(err, encoding)
	default:
		return "", fmt.Errorf("unknown encoding %q", encoding)
	}
}

func wrapDecode(err error, encoding string) error {
	if err != nil {
		return fmt.Errorf("decoding %s content: %w", encoding, err)
	}
	return nil
}

var jinjaExpr = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)

// renderJinja replaces the instance-data variables cloud-init offers to jinja templates. An expression the
// emulated metadata service does not know fails the boot, as an undefined variable breaks a real one.
func renderJinja(text string, md Metadata) (string, error) {
	vars := map[string]string{}
	for _, name := range []string{"ds.meta_data.instance_id", "ds.meta_data[\"instance_id\"]", "ds.meta_data['instance_id']",
		"ds[\"id\"]", "ds['id']", "ds.id", "v1.instance_id", "instance_id", "instance-id"} {
		vars[name] = md.InstanceID
	}
	for _, name := range []string{"ds.meta_data.local_hostname", "ds.meta_data[\"local_hostname\"]", "ds.meta_data['local_hostname']",
		"v1.local_hostname", "local_hostname", "local-hostname", "ds.meta_data.hostname", "ds[\"hostname\"]", "ds.hostname"} {
		vars[name] = md.LocalHostname
	}
	for _, name := range []string{"v1.region", "ds[\"regionInfo\"][\"regionIdentifier\"]", "ds.region", "ds[\"region\"]"} {
		vars[name] = md.Region
	}
	for _, name := range []string{"v1.availability_zone", "ds[\"availabilityDomain\"]", "ds.availabilityDomain"} {
		vars[name] = md.AvailabilityZone
	}
	var unknown []string
	out := jinjaExpr.ReplaceAllStringFunc(text, func(m string) string {
		expr := jinjaExpr.FindStringSubmatch(m)[1]
		if v, ok := vars[expr]; ok {
			return v
		}
		unknown = append(unknown, expr)
		return m
	})
	if len(unknown) > 0 {
		return "", fmt.Errorf("jinja variables the instance metadata does not define: %s", strings.Join(unknown, ", "))
	}
	return out, nil
}
