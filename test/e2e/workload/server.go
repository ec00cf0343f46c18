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
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	inmemoryruntime "sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/runtime"
	inmemoryserver "sigs.k8s.io/cluster-api/test/infrastructure/inmemory/pkg/server"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// Host is the address every workload cluster's API server is served on; the emulator gives load balancers
// this address, so a cluster's control-plane endpoint reaches its in-memory API server.
const Host = "127.0.0.1"

// Phase is where a machine's first boot stands.
type Phase string

const (
	// PhaseBooting means the user data was read; kubeadm has not finished (a join may be waiting for its cluster).
	PhaseBooting Phase = "Booting"
	// PhaseRunning means the node is registered (and, on a control plane, its API server and etcd member serve).
	PhaseRunning Phase = "Running"
	// PhaseFailed means the user data cannot boot a node; the machine stays up and never joins, as on OCI.
	PhaseFailed Phase = "Failed"
	// PhaseGone means the instance was terminated and its node removed.
	PhaseGone Phase = "Gone"
)

// Machine is one instance's boot as the workload side sees it.
type Machine struct {
	InstanceID string
	Phase      Phase
	Role       Role
	Node       string
	Endpoint   string
	// Err is why the boot failed, or why a join still waits.
	Err string
}

// Server boots the emulator's instances into in-memory workload clusters, served by Cluster API's in-memory
// API server and etcd: one listener per control-plane endpoint, on Host.
type Server struct {
	sim      *ocisim.Sim
	manager  inmemoryruntime.Manager
	mux      *inmemoryserver.WorkloadClustersMux
	log      logr.Logger
	mu       sync.Mutex
	machines map[string]*machine
	clusters map[string]*cluster
	// oke are the workload clusters of the emulator's OKE clusters, by cluster OCID.
	oke map[string]*okeCluster
}

// New starts the in-memory runtime and the workload clusters' mux (its debug port chosen by the kernel).
func New(ctx context.Context, sim *ocisim.Sim, log logr.Logger) (*Server, error) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, rbacv1.AddToScheme} {
		if err := add(scheme); err != nil {
			return nil, fmt.Errorf("building the workload scheme: %w", err)
		}
	}
	m := inmemoryruntime.NewManager(scheme)
	if err := m.Start(ctx); err != nil {
		return nil, fmt.Errorf("starting the in-memory runtime: %w", err)
	}
	mux, err := inmemoryserver.NewWorkloadClustersMux(m, Host, inmemoryserver.CustomPorts{
		MinPort: inmemoryserver.DefaultMinPort, MaxPort: inmemoryserver.DefaultMaxPort, DebugPort: 0})
	if err != nil {
		return nil, fmt.Errorf("starting the workload clusters' mux: %w", err)
	}
	return &Server{sim: sim, manager: m, mux: mux, log: log,
		machines: map[string]*machine{}, clusters: map[string]*cluster{}, oke: map[string]*okeCluster{}}, nil
}

// Run boots and shuts down machines as the emulator's instances run and terminate, every interval, until ctx
// ends; then it stops every listener.
func (s *Server) Run(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		s.Sync(ctx)
		select {
		case <-ctx.Done():
			return s.shutdownAll(context.WithoutCancel(ctx))
		case <-t.C:
		}
	}
}

// shutdownAll stops every workload cluster's listener.
func (s *Server) shutdownAll(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.mux.Shutdown(ctx); err != nil {
		return fmt.Errorf("stopping the workload clusters: %w", err)
	}
	return nil
}

// Sync looks at every instance once: a running one not yet booted boots (or retries its join), a terminated
// one that booted shuts down.
func (s *Server) Sync(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	instances := s.sim.Instances()
	for i := range instances {
		in := &instances[i]
		m := s.machines[in.ID]
		gone := !in.Live || in.LifecycleState == "TERMINATING" || in.LifecycleState == "TERMINATED"
		switch {
		case gone && m != nil && m.phase != PhaseGone:
			s.shutdown(ctx, m)
		case gone || in.LifecycleState != "RUNNING":
		case m == nil:
			s.machines[in.ID] = s.firstBoot(ctx, in)
		case m.phase == PhaseBooting:
			s.boot(ctx, m)
		}
	}
	s.syncOKE(ctx)
}

// Machines reports every machine's boot, in instance-ID order.
func (s *Server) Machines() []Machine {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Machine, 0, len(s.machines))
	for id, m := range s.machines {
		mm := Machine{InstanceID: id, Phase: m.phase, Endpoint: m.endpoint, Err: m.err}
		if m.plan != nil {
			mm.Role, mm.Node = m.plan.Role, m.plan.NodeName
		}
		out = append(out, mm)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceID < out[j].InstanceID })
	return out
}

// RESTConfig is an admin's configuration for the workload cluster served at endpoint ("host:port"), with a
// client certificate signed by the cluster's CA (the CA its first control plane's user data carried).
func (s *Server) RESTConfig(endpoint string) (*rest.Config, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters[endpoint]
	if !ok {
		return nil, fmt.Errorf("no workload cluster serves %s", endpoint)
	}
	cfg, err := c.listener.RESTConfig()
	if err != nil {
		return nil, fmt.Errorf("building a client configuration for %s: %w", endpoint, err)
	}
	return cfg, nil
}

// Clusters lists the endpoints of the workload clusters being served.
func (s *Server) Clusters() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.clusters))
	for e := range s.clusters {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// hostname is the host name OCI gives an instance: its display name, lower-cased, made a DNS label.
func hostname(displayName string) string {
	h := strings.ToLower(displayName)
	return strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' {
			return r
		}
		return '-'
	}, h)
}
