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
	"context"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"strconv"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/util/cert"
	inmemoryserver "sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/server"
	"sigs.k8s.io/cluster-api/util/certs"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// okeCluster is the in-memory workload cluster standing for one of the emulator's OKE clusters: OKE runs the
// control plane, so it has an API server from the moment the cluster is ACTIVE, and one Node per ACTIVE node of
// its node pools.
type okeCluster struct {
	id       string
	listener *inmemoryserver.WorkloadClusterListener
	// transport reaches the listener as its admin (the in-memory API server's client certificate).
	transport http.RoundTripper
	nodes     sets.Set[string]
}

// syncOKE brings the in-memory side in line with the emulator's OKE clusters and node-pool nodes.
func (s *Server) syncOKE(ctx context.Context) {
	live := sets.New[string]()
	clusters := s.sim.OKEClusters()
	for _, c := range clusters {
		if !c.Live || (c.State != "ACTIVE" && c.State != "UPDATING") {
			continue
		}
		live.Insert(c.ID)
		if _, ok := s.oke[c.ID]; ok {
			continue
		}
		oc, err := s.startOKE(ctx, c.ID)
		if err != nil {
			s.log.Error(err, "Starting the workload cluster of an OKE cluster", "cluster", c.ID)
			continue
		}
		s.oke[c.ID] = oc
	}
	for id, oc := range s.oke {
		if !live.Has(id) {
			s.stopOKE(oc)
			delete(s.oke, id)
		}
	}
	s.syncOKENodes(ctx, clusters)
}

// startOKE starts an OKE cluster's API server: a listener on a port the kernel picks, with a CA of its own.
func (s *Server) startOKE(ctx context.Context, id string) (*okeCluster, error) {
	addr, err := testenv.LoopbackAddr(ctx)
	if err != nil {
		return nil, err
	}
	_, portText, _ := net.SplitHostPort(addr)
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("reading a free port: %w", err)
	}
	ca, key, err := newCA(id)
	if err != nil {
		return nil, err
	}
	s.manager.AddResourceGroup(id)
	l, err := s.mux.InitWorkloadClusterListener(id, int32(port)) //nolint:gosec // a TCP port
	if err == nil {
		err = s.mux.RegisterResourceGroup(id, id)
	}
	if err == nil {
		err = s.mux.AddAPIServer(id, "kube-apiserver-oke", ca, key)
	}
	if err != nil {
		return nil, fmt.Errorf("starting the API server of OKE cluster %s: %w", id, err)
	}
	cfg, err := l.RESTConfig()
	if err != nil {
		return nil, fmt.Errorf("building a client configuration for OKE cluster %s: %w", id, err)
	}
	t, err := rest.TransportFor(cfg)
	if err != nil {
		return nil, fmt.Errorf("building a transport to OKE cluster %s: %w", id, err)
	}
	s.log.Info("OKE cluster serving", "cluster", id, "address", l.Address())
	return &okeCluster{id: id, listener: l, transport: t, nodes: sets.New[string]()}, nil
}

// stopOKE stops a deleted OKE cluster's API server and forgets its objects.
func (s *Server) stopOKE(oc *okeCluster) {
	if err := s.mux.DeleteAPIServer(oc.id, "kube-apiserver-oke"); err != nil {
		s.log.Error(err, "Stopping the API server of an OKE cluster", "cluster", oc.id)
	}
	if err := s.mux.DeleteWorkloadClusterListener(oc.id); err != nil {
		s.log.Error(err, "Stopping the listener of an OKE cluster", "cluster", oc.id)
	}
	s.manager.DeleteResourceGroup(oc.id)
	s.log.Info("OKE cluster gone", "cluster", oc.id)
}

// syncOKENodes registers a Node for every ACTIVE node of a node pool (virtual ones included) and every running
// self-managed node, and removes the Nodes of nodes that are going or gone: OKE's nodes join their cluster by
// themselves.
func (s *Server) syncOKENodes(ctx context.Context, clusters []ocisim.OKEClusterView) {
	want := s.selfManagedNodes(clusters)
	nodes := s.sim.NodePoolNodes()
	for i := range nodes {
		n := nodes[i]
		if _, ok := s.oke[n.ClusterID]; !ok || !n.Live || n.State != "ACTIVE" {
			continue
		}
		if want[n.ClusterID] == nil {
			want[n.ClusterID] = map[string]ocisim.NodeView{}
		}
		want[n.ClusterID][hostname(n.Name)] = n
	}
	for id, oc := range s.oke {
		rg := s.manager.GetResourceGroup(id).GetClient()
		for name := range want[id] {
			if oc.nodes.Has(name) {
				continue
			}
			n := want[id][name]
			if err := rg.Create(ctx, okeNode(name, &n)); err != nil && !apierrors.IsAlreadyExists(err) {
				s.log.Error(err, "Registering an OKE node", "node", name)
				continue
			}
			oc.nodes.Insert(name)
		}
		for _, name := range oc.nodes.UnsortedList() {
			if _, ok := want[id][name]; ok {
				continue
			}
			err := rg.Delete(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}})
			if err != nil && !apierrors.IsNotFound(err) {
				s.log.Error(err, "Removing an OKE node", "node", name)
				continue
			}
			oc.nodes.Delete(name)
		}
	}
}

// okeNode is the Ready Node of an OKE node, with its provider ID as OKE's cloud controller manager writes it.
func okeNode(name string, n *ocisim.NodeView) *corev1.Node {
	node := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/hostname": name,
			"kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}},
		Spec: corev1.NodeSpec{ProviderID: "oci://" + n.ID},
		Status: corev1.NodeStatus{
			NodeInfo:   corev1.NodeSystemInfo{KubeletVersion: n.KubernetesVersion, OperatingSystem: "linux", Architecture: "amd64"},
			Conditions: healthyNodeConditions(),
		},
	}
	if n.NodePoolID != "" {
		node.Labels["oke.oraclecloud.com/node-pool"] = n.NodePoolID
	}
	if n.PrivateIP != "" {
		node.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: n.PrivateIP}}
	}
	return node
}

// newCA makes a cluster's certificate authority.
func newCA(name string) (*x509.Certificate, *rsa.PrivateKey, error) {
	key, err := certs.NewPrivateKey()
	if err != nil {
		return nil, nil, fmt.Errorf("generating the CA key of %s: %w", name, err)
	}
	ca, err := cert.NewSelfSignedCACert(cert.Config{CommonName: "oke-" + name[max(0, len(name)-12):]}, key)
	if err != nil {
		return nil, nil, fmt.Errorf("signing the CA of %s: %w", name, err)
	}
	return ca, key, nil
}
