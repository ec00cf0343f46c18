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
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"regexp"

	"sigs.k8s.io/cluster-api/util/certs"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// RoleOKENode is a self-managed node of an OKE cluster: its user data runs OKE's node installer
// (/etc/oke/oke-install.sh) against the cluster's API server, as the <cluster>-self-managed bootstrap Secret says.
const RoleOKENode Role = "oke-self-managed"

var (
	okeInstaller  = regexp.MustCompile(`/etc/oke/oke-install\.sh`)
	okeEndpoint   = regexp.MustCompile(`--apiserver-endpoint\s+"?([^"\s]+)"?`)
	okeKubeletCA  = regexp.MustCompile(`--kubelet-ca-cert\s+"?([^"\s]+)"?`)
	errNotOKENode = errors.New("not OKE's node installer")
)

// okeJoin reads the user data (base64, as in the instance's metadata) of a self-managed OKE node: the API server
// host it joins. errNotOKENode says the user data is something else (cloud-init for kubeadm); another error that
// the installer's arguments are missing or the kubelet's CA is not a PEM certificate.
func okeJoin(userData string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(userData)
	if err != nil || !okeInstaller.Match(raw) {
		return "", errNotOKENode
	}
	ep, ca := okeEndpoint.FindSubmatch(raw), okeKubeletCA.FindSubmatch(raw)
	if ep == nil || ca == nil {
		return "", errors.New("oke-install.sh needs --apiserver-endpoint and --kubelet-ca-cert")
	}
	pem, err := base64.StdEncoding.DecodeString(string(ca[1]))
	if err != nil {
		return "", fmt.Errorf("--kubelet-ca-cert is not base64: %w", err)
	}
	c, err := certs.DecodeCertPEM(pem)
	if err != nil {
		return "", fmt.Errorf("--kubelet-ca-cert holds no PEM certificate: %w", err)
	}
	if c == nil {
		return "", errors.New("--kubelet-ca-cert holds no PEM certificate")
	}
	return string(ep[1]), nil
}

// okeFirstBoot boots a self-managed OKE node: it runs once its OKE cluster serves at host, when syncOKENodes
// registers its Node; a bad installer call fails it, as on OCI.
func (s *Server) okeFirstBoot(in *ocisim.InstanceView, host string, err error) *machine {
	m := &machine{id: in.ID, phase: PhaseRunning, endpoint: host, plan: &Plan{Role: RoleOKENode, NodeName: hostname(in.DisplayName),
		ProviderID: "oci://" + in.ID}}
	if err != nil {
		m.phase, m.err = PhaseFailed, err.Error()
		s.log.Info("Boot failed: OKE's node installer cannot run", "instance", in.ID, "reason", m.err)
		return m
	}
	s.log.Info("First boot of a self-managed OKE node", "instance", in.ID, "node", m.plan.NodeName, "apiserver", host)
	return m
}

// selfManagedNodes are the running self-managed OKE nodes, by OKE cluster: a node joins the cluster whose private
// endpoint's host is the one its installer names.
func (s *Server) selfManagedNodes(clusters []ocisim.OKEClusterView) map[string]map[string]ocisim.NodeView {
	byHost := map[string]ocisim.OKEClusterView{}
	for _, c := range clusters {
		if host, _, err := net.SplitHostPort(c.PrivateEndpoint); err == nil && c.Live {
			byHost[host] = c
		}
	}
	out := map[string]map[string]ocisim.NodeView{}
	for _, m := range s.machines {
		c, ok := byHost[m.endpoint]
		if m.plan == nil || m.plan.Role != RoleOKENode || m.phase != PhaseRunning || !ok {
			continue
		}
		if out[c.ID] == nil {
			out[c.ID] = map[string]ocisim.NodeView{}
		}
		out[c.ID][m.plan.NodeName] = ocisim.NodeView{ID: m.id, Name: m.plan.NodeName, ClusterID: c.ID, State: "ACTIVE",
			KubernetesVersion: c.KubernetesVersion, Live: true}
	}
	return out
}
