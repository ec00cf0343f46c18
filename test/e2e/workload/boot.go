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
	"context"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"slices"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	inmemoryruntime "sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/runtime"
	inmemoryserver "sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/server"
	"sigs.k8s.io/cluster-api/util/certs"
	"sigs.k8s.io/controller-runtime/pkg/client"

	cloudv1 "sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/cloud/api/v1alpha1"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The files kubeadm reads its cluster's certificate authorities from.
const (
	caCertPath     = "/etc/kubernetes/pki/ca.crt"
	caKeyPath      = "/etc/kubernetes/pki/ca.key"
	etcdCACertPath = "/etc/kubernetes/pki/etcd/ca.crt"
	etcdCAKeyPath  = "/etc/kubernetes/pki/etcd/ca.key"
)

type machine struct {
	id       string
	phase    Phase
	plan     *Plan
	endpoint string
	files    map[string]string
	err      string
}

// cluster is one workload cluster: its listener, its CAs (from its first control plane's user data) and the
// machines that booted into it.
type cluster struct {
	name     string
	version  string
	listener *inmemoryserver.WorkloadClusterListener
	ca       *x509.Certificate
	etcdCA   *x509.Certificate
	etcdKey  *rsa.PrivateKey
	machines sets.Set[string]
}

// errWait marks a boot that cannot finish yet (its cluster is not up): it is tried again at the next look.
var errWait = errors.New("waiting")

// firstBoot reads an instance's user data, as cloud-init does on its first boot, and runs kubeadm.
func (s *Server) firstBoot(ctx context.Context, in *ocisim.InstanceView) *machine {
	if host, err := okeJoin(in.Metadata["user_data"]); !errors.Is(err, errNotOKENode) {
		return s.okeFirstBoot(in, host, err)
	}
	m := &machine{id: in.ID, phase: PhaseBooting}
	host := hostname(in.DisplayName)
	cc, err := ParseUserData(in.Metadata["user_data"], Metadata{InstanceID: in.ID, LocalHostname: host,
		Region: in.Region, AvailabilityZone: in.AvailabilityDomain})
	if err == nil {
		m.plan, err = PlanFrom(cc, host)
	}
	if err != nil {
		m.phase, m.err = PhaseFailed, err.Error()
		s.log.Info("Boot failed: the user data cannot make a node", "instance", in.ID, "reason", m.err)
		return m
	}
	m.files, m.endpoint = cc.Files, m.plan.Endpoint
	s.log.V(1).Info("First boot", "instance", in.ID, "role", m.plan.Role, "node", m.plan.NodeName, "endpoint", m.endpoint)
	s.boot(ctx, m)
	return m
}

// boot runs the machine's kubeadm command; a join that waits for its cluster is tried again at the next look.
func (s *Server) boot(ctx context.Context, m *machine) {
	id := m.id
	var err error
	switch m.plan.Role {
	case RoleInit:
		err = s.initCluster(ctx, m)
	default:
		err = s.join(ctx, m)
	}
	switch {
	case err == nil:
		m.phase, m.err = PhaseRunning, ""
		s.clusters[m.endpoint].machines.Insert(id)
		s.log.Info("Node registered", "instance", id, "node", m.plan.NodeName, "role", m.plan.Role, "endpoint", m.endpoint)
	case errors.Is(err, errWait):
		if m.err != err.Error() {
			s.log.V(1).Info("Join waits", "instance", id, "reason", err.Error())
		}
		m.err = err.Error()
	default:
		m.phase, m.err = PhaseFailed, err.Error()
		s.log.Info("Boot failed", "instance", id, "node", m.plan.NodeName, "reason", m.err)
	}
}

// initCluster is `kubeadm init`: the cluster's listener at its control-plane endpoint, served with the CA from
// the user data, the objects kubeadm creates, and this machine's node, static pods and etcd member.
func (s *Server) initCluster(ctx context.Context, m *machine) error {
	host, portText, _ := net.SplitHostPort(m.endpoint)
	port, err := strconv.Atoi(portText)
	if host != Host || err != nil {
		return fmt.Errorf("controlPlaneEndpoint %s is not an address this emulator serves (%s:<port>)", m.endpoint, Host)
	}
	if _, ok := s.clusters[m.endpoint]; ok {
		return fmt.Errorf("kubeadm init on %s, where a cluster already runs", m.endpoint)
	}
	ca, _, err := keyPair(m.files, caCertPath, caKeyPath)
	if err != nil {
		return err
	}
	etcdCA, etcdKey, err := keyPair(m.files, etcdCACertPath, etcdCAKeyPath)
	if err != nil {
		return err
	}
	name := m.endpoint
	s.manager.AddResourceGroup(name)
	l, err := s.mux.InitWorkloadClusterListener(name, int32(port)) //nolint:gosec // a TCP port
	if err == nil {
		err = s.mux.RegisterResourceGroup(name, name)
	}
	if err != nil {
		return fmt.Errorf("preparing the listener of %s: %w", m.endpoint, err)
	}
	c := &cluster{name: name, version: m.plan.KubernetesVersion, listener: l, ca: ca, etcdCA: etcdCA, etcdKey: etcdKey,
		machines: sets.New[string]()}
	rg := s.client(c)
	for _, o := range clusterObjects(m.plan) {
		if err := rg.Create(ctx, o); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating %T %s: %w", o, o.GetName(), err)
		}
	}
	caKey, err := privateKey(m.files, caKeyPath)
	if err != nil {
		return err
	}
	if err := s.controlPlane(ctx, c, m, caKey); err != nil {
		return err
	}
	s.clusters[m.endpoint] = c
	return nil
}

// join is `kubeadm join`: discovery through the bootstrap token (checked against the workload cluster's
// bootstrap-token Secret and the CA hashes), then the node; a control plane also brings its API server and
// etcd member, with the CAs its user data carries, which must be the cluster's.
func (s *Server) join(ctx context.Context, m *machine) error {
	c, ok := s.clusters[m.endpoint]
	if !ok {
		return fmt.Errorf("%w: no API server answers at https://%s", errWait, m.endpoint)
	}
	if err := s.checkToken(ctx, c, m.plan.Token); err != nil {
		return err
	}
	if !m.plan.SkipCAVerification && !slices.Contains(m.plan.CACertHashes, CACertHash(c.ca)) {
		return fmt.Errorf("discovery: the cluster CA's hash %s is not among caCertHashes %v", CACertHash(c.ca), m.plan.CACertHashes)
	}
	if m.plan.Role == RoleJoinWorker {
		return s.createNode(ctx, c, m)
	}
	ca, caKey, err := keyPair(m.files, caCertPath, caKeyPath)
	if err != nil {
		return err
	}
	etcdCA, _, err := keyPair(m.files, etcdCACertPath, etcdCAKeyPath)
	if err != nil {
		return err
	}
	if !bytes.Equal(ca.Raw, c.ca.Raw) || !bytes.Equal(etcdCA.Raw, c.etcdCA.Raw) {
		return errors.New("the control plane's certificate authorities in the user data are not the cluster's")
	}
	return s.controlPlane(ctx, c, m, caKey)
}

// checkToken finds the bootstrap token in the workload cluster, as the API server's token authenticator does.
func (s *Server) checkToken(ctx context.Context, c *cluster, token string) error {
	name, id, secret, err := bootstrapTokenSecret(token)
	if err != nil {
		return err
	}
	sec := &corev1.Secret{}
	if err := s.client(c).Get(ctx, client.ObjectKey{Namespace: metav1.NamespaceSystem, Name: name}, sec); err != nil {
		return fmt.Errorf("%w: bootstrap token %s is not known to the cluster: %w", errWait, id, err)
	}
	if string(sec.Data["token-secret"]) != secret || string(sec.Data["usage-bootstrap-authentication"]) != "true" {
		return fmt.Errorf("%w: bootstrap token %s does not authenticate", errWait, id)
	}
	if exp := string(sec.Data["expiration"]); exp != "" {
		if t, err := time.Parse(time.RFC3339, exp); err == nil && time.Now().After(t) {
			return fmt.Errorf("%w: bootstrap token %s expired at %s", errWait, id, exp)
		}
	}
	return nil
}

// controlPlane registers a control-plane node: its Node, static pods, etcd member and API server.
func (s *Server) controlPlane(ctx context.Context, c *cluster, m *machine, caKey *rsa.PrivateKey) error {
	if err := s.createNode(ctx, c, m); err != nil {
		return err
	}
	rg := s.client(c)
	for _, comp := range staticComponents {
		if err := rg.Create(ctx, staticPod(comp, m.plan.NodeName, nil)); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("starting %s: %w", comp, err)
		}
	}
	if err := s.etcdMember(ctx, c, m.plan.NodeName); err != nil {
		return err
	}
	if err := s.mux.AddAPIServer(c.name, "kube-apiserver-"+m.plan.NodeName, c.ca, caKey); err != nil {
		return fmt.Errorf("serving the API server of %s: %w", m.plan.NodeName, err)
	}
	return nil
}

// etcdMember adds the node's etcd pod, annotated with the etcd cluster's ID, a new member ID and, for the
// first member, leadership, and serves it with a certificate from the etcd CA.
func (s *Server) etcdMember(ctx context.Context, c *cluster, node string) error {
	rg := s.client(c)
	pods := &corev1.PodList{}
	if err := rg.List(ctx, pods, client.InNamespace(metav1.NamespaceSystem), client.MatchingLabels{"component": "etcd"}); err != nil {
		return fmt.Errorf("listing etcd members: %w", err)
	}
	clusterID, members := "", sets.New[string]()
	for i := range pods.Items {
		p := &pods.Items[i]
		if _, removed := p.Annotations[cloudv1.EtcdMemberRemoved]; removed {
			continue
		}
		clusterID = p.Annotations[cloudv1.EtcdClusterIDAnnotationName]
		members.Insert(p.Annotations[cloudv1.EtcdMemberIDAnnotationName])
	}
	ann := map[string]string{cloudv1.EtcdMemberIDAnnotationName: newID(members)}
	if clusterID == "" {
		clusterID = newID(nil)
		ann[cloudv1.EtcdLeaderFromAnnotationName] = time.Now().Format(time.RFC3339)
	}
	ann[cloudv1.EtcdClusterIDAnnotationName] = clusterID
	if err := rg.Create(ctx, staticPod("etcd", node, ann)); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("starting etcd on %s: %w", node, err)
	}
	if err := s.mux.AddEtcdMember(c.name, "etcd-"+node, c.etcdCA, c.etcdKey); err != nil {
		return fmt.Errorf("serving the etcd member of %s: %w", node, err)
	}
	return nil
}

// newID is a non-zero decimal etcd ID not in taken.
func newID(taken sets.Set[string]) string {
	for {
		id := strconv.FormatUint(uint64(rand.Uint32()), 10) //nolint:gosec // an emulated etcd member ID
		if id != "0" && !taken.Has(id) {
			return id
		}
	}
}

func (s *Server) createNode(ctx context.Context, c *cluster, m *machine) error {
	if err := s.client(c).Create(ctx, nodeFor(m.plan, c.version)); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("registering node %s: %w", m.plan.NodeName, err)
	}
	return nil
}

// shutdown removes what a terminated instance ran: its node, and on a control plane its static pods, etcd
// member and API server. The last machine of a cluster takes the cluster's listener with it.
func (s *Server) shutdown(ctx context.Context, m *machine) {
	defer func() { m.phase = PhaseGone }()
	c, ok := s.clusters[m.endpoint]
	if m.phase != PhaseRunning || !ok {
		return
	}
	rg, node := s.client(c), m.plan.NodeName
	del := func(o client.Object) {
		if err := rg.Delete(ctx, o); err != nil && !apierrors.IsNotFound(err) {
			s.log.Error(err, "Removing an object of a terminated machine", "node", node, "object", o.GetName())
		}
	}
	del(&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: node}})
	if m.plan.Role != RoleJoinWorker {
		for _, comp := range append([]string{"etcd"}, staticComponents...) {
			del(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: metav1.NamespaceSystem, Name: comp + "-" + node}})
		}
		if err := s.mux.DeleteEtcdMember(c.name, "etcd-"+node); err != nil {
			s.log.Error(err, "Removing an etcd member", "node", node)
		}
		if err := s.mux.DeleteAPIServer(c.name, "kube-apiserver-"+node); err != nil {
			s.log.Error(err, "Removing an API server", "node", node)
		}
	}
	c.machines.Delete(m.id)
	s.log.Info("Node gone with its instance", "node", node, "endpoint", m.endpoint)
	if c.machines.Len() == 0 {
		if err := s.mux.DeleteWorkloadClusterListener(c.name); err != nil {
			s.log.Error(err, "Stopping a workload cluster", "endpoint", m.endpoint)
		}
		s.manager.DeleteResourceGroup(c.name)
		delete(s.clusters, m.endpoint)
		s.log.Info("Workload cluster gone with its last machine", "endpoint", m.endpoint)
	}
}

func (s *Server) client(c *cluster) inmemoryruntime.Client {
	return s.manager.GetResourceGroup(c.name).GetClient()
}

// keyPair reads a certificate and its RSA key from the user data's files.
func keyPair(files map[string]string, certPath, keyPath string) (*x509.Certificate, *rsa.PrivateKey, error) {
	pemText, ok := files[certPath]
	if !ok {
		return nil, nil, fmt.Errorf("the user data writes no %s", certPath)
	}
	cert, err := certs.DecodeCertPEM([]byte(pemText))
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not a PEM certificate: %w", certPath, err)
	}
	if cert == nil {
		return nil, nil, fmt.Errorf("%s holds no PEM certificate", certPath)
	}
	key, err := privateKey(files, keyPath)
	if err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}

func privateKey(files map[string]string, path string) (*rsa.PrivateKey, error) {
	pemText, ok := files[path]
	if !ok {
		return nil, fmt.Errorf("the user data writes no %s", path)
	}
	k, err := certs.DecodePrivateKeyPEM([]byte(pemText))
	if err != nil {
		return nil, fmt.Errorf("%s is not a PEM private key: %w", path, err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s is a %T; the emulated API server signs with RSA keys only", path, k)
	}
	return rk, nil
}
