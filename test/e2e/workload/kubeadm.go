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
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"

	"sigs.k8s.io/yaml"
)

// Role is what a first boot makes of a machine, from its kubeadm command.
type Role string

const (
	// RoleInit runs `kubeadm init`: the cluster's first control plane.
	RoleInit Role = "init"
	// RoleJoinControlPlane runs `kubeadm join` with a controlPlane section.
	RoleJoinControlPlane Role = "join-control-plane"
	// RoleJoinWorker runs `kubeadm join` as a worker.
	RoleJoinWorker Role = "join-worker"
)

// Plan is what a machine's user data asks kubeadm to do, read from its cloud-init files and commands only.
type Plan struct {
	Role Role
	// ClusterName and KubernetesVersion come from the ClusterConfiguration (init only).
	ClusterName       string
	KubernetesVersion string
	// ClusterConfiguration is the ClusterConfiguration document as written (init only), for kubeadm-config.
	ClusterConfiguration string
	// Endpoint is the API server address the machine serves (init: controlPlaneEndpoint) or joins (discovery).
	Endpoint string
	// NodeName is nodeRegistration.name, or the host name when it is empty.
	NodeName string
	// ProviderID is the kubelet's --provider-id (nodeRegistration.kubeletExtraArgs).
	ProviderID string
	// Taints are nodeRegistration.taints; nil means kubeadm's default.
	Taints []Taint
	// Token, CACertHashes and SkipCAVerification are the join's bootstrap-token discovery.
	Token              string
	CACertHashes       []string
	SkipCAVerification bool
}

// Taint is a node taint as kubeadm's nodeRegistration writes it.
type Taint struct {
	Key    string `json:"key"`
	Value  string `json:"value,omitempty"`
	Effect string `json:"effect"`
}

type kubeadmDoc struct {
	Kind                 string `json:"kind"`
	ClusterName          string `json:"clusterName"`
	KubernetesVersion    string `json:"kubernetesVersion"`
	ControlPlaneEndpoint string `json:"controlPlaneEndpoint"`
	NodeRegistration     struct {
		Name             string          `json:"name"`
		KubeletExtraArgs json.RawMessage `json:"kubeletExtraArgs"`
		Taints           []Taint         `json:"taints"`
	} `json:"nodeRegistration"`
	Discovery struct {
		BootstrapToken *struct {
			Token                    string   `json:"token"`
			APIServerEndpoint        string   `json:"apiServerEndpoint"`
			CACertHashes             []string `json:"caCertHashes"`
			UnsafeSkipCAVerification bool     `json:"unsafeSkipCAVerification"`
		} `json:"bootstrapToken"`
	} `json:"discovery"`
	ControlPlane *json.RawMessage `json:"controlPlane"`
}

// PlanFrom finds the kubeadm command among the runcmd entries and reads the configuration file it names.
func PlanFrom(cc *CloudConfig, hostname string) (*Plan, error) {
	for _, cmd := range cc.Commands {
		for _, part := range strings.Split(cmd, "&&") {
			fields := strings.Fields(part)
			if len(fields) < 2 || fields[0] != "kubeadm" || (fields[1] != "init" && fields[1] != "join") {
				continue
			}
			path := flagValue(fields, "--config")
			if path == "" {
				return nil, fmt.Errorf("%q has no --config", strings.TrimSpace(part))
			}
			content, ok := cc.Files[path]
			if !ok {
				return nil, fmt.Errorf("%q reads %s, which write_files does not write", strings.TrimSpace(part), path)
			}
			return planOf(fields[1], content, hostname)
		}
	}
	return nil, errors.New("runcmd runs neither kubeadm init nor kubeadm join")
}

// flagValue returns the value of --name value or --name=value.
func flagValue(fields []string, name string) string {
	for i, f := range fields {
		if f == name && i+1 < len(fields) {
			return fields[i+1]
		}
		if v, ok := strings.CutPrefix(f, name+"="); ok {
			return v
		}
	}
	return ""
}

func planOf(command, content, hostname string) (*Plan, error) {
	docs, err := kubeadmDocs(content)
	if err != nil {
		return nil, err
	}
	p := &Plan{Role: RoleJoinWorker}
	want := "JoinConfiguration"
	if command == "init" {
		p.Role, want = RoleInit, "InitConfiguration"
	}
	var node *kubeadmDoc
	for i := range docs {
		d := &docs[i]
		switch d.Kind {
		case "ClusterConfiguration":
			p.ClusterName, p.KubernetesVersion, p.Endpoint = d.ClusterName, d.KubernetesVersion, d.ControlPlaneEndpoint
			p.ClusterConfiguration = rawDoc(content, i)
		case want:
			node = d
		}
	}
	if node == nil {
		return nil, fmt.Errorf("the kubeadm configuration has no %s", want)
	}
	if err := p.readNode(node, hostname); err != nil {
		return nil, err
	}
	if p.Role == RoleInit {
		if p.ClusterConfiguration == "" {
			return nil, errors.New("kubeadm init needs a ClusterConfiguration")
		}
		if p.Endpoint == "" {
			return nil, errors.New("the ClusterConfiguration has no controlPlaneEndpoint")
		}
	}
	if _, _, err := net.SplitHostPort(p.Endpoint); err != nil {
		return nil, fmt.Errorf("API server endpoint %q: %w", p.Endpoint, err)
	}
	return p, nil
}

// readNode reads nodeRegistration and, for a join, the bootstrap-token discovery.
func (p *Plan) readNode(d *kubeadmDoc, hostname string) error {
	p.NodeName = d.NodeRegistration.Name
	if p.NodeName == "" {
		p.NodeName = hostname
	}
	p.Taints = d.NodeRegistration.Taints
	args, err := kubeletArgs(d.NodeRegistration.KubeletExtraArgs)
	if err != nil {
		return err
	}
	p.ProviderID = args["provider-id"]
	if p.Role == RoleInit {
		return nil
	}
	if d.ControlPlane != nil {
		p.Role = RoleJoinControlPlane
	}
	bt := d.Discovery.BootstrapToken
	if bt == nil {
		return errors.New("the JoinConfiguration has no bootstrap-token discovery")
	}
	p.Token, p.Endpoint, p.CACertHashes, p.SkipCAVerification = bt.Token, bt.APIServerEndpoint, bt.CACertHashes, bt.UnsafeSkipCAVerification
	if p.Token == "" {
		return errors.New("discovery.bootstrapToken.token is empty")
	}
	return nil
}

// kubeletArgs reads kubeletExtraArgs in either kubeadm form: a map (v1beta3) or a list of name/value (v1beta4).
func kubeletArgs(raw json.RawMessage) (map[string]string, error) {
	out := map[string]string{}
	if len(raw) == 0 || string(raw) == "null" {
		return out, nil
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, fmt.Errorf("nodeRegistration.kubeletExtraArgs: %w", err)
		}
		return out, nil
	}
	var list []struct{ Name, Value string }
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("nodeRegistration.kubeletExtraArgs: %w", err)
	}
	for _, a := range list {
		out[a.Name] = a.Value
	}
	return out, nil
}

// kubeadmDocs splits a multi-document kubeadm configuration and reads each document.
func kubeadmDocs(content string) ([]kubeadmDoc, error) {
	var docs []kubeadmDoc
	for i, part := range splitDocs(content) {
		var d kubeadmDoc
		if err := yaml.Unmarshal([]byte(part), &d); err != nil {
			return nil, fmt.Errorf("kubeadm configuration document %d: %w", i, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func splitDocs(content string) []string {
	var out []string
	for _, part := range strings.Split("\n"+content, "\n---") {
		if strings.TrimSpace(part) != "" {
			out = append(out, part)
		}
	}
	return out
}

func rawDoc(content string, i int) string {
	return strings.TrimSpace(splitDocs(content)[i]) + "\n"
}

// CACertHash is kubeadm's discovery hash of a CA: sha256 of its public key's DER.
func CACertHash(ca *x509.Certificate) string {
	sum := sha256.Sum256(ca.RawSubjectPublicKeyInfo)
	return "sha256:" + hex.EncodeToString(sum[:])
}
