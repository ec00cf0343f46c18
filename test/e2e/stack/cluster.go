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

package stack

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/tools/clientcmd"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// ClusterOptions say which cluster to render from templates/cluster-template[-<flavor>].yaml.
type ClusterOptions struct {
	Name      string
	Namespace string
	// Flavor is the template's flavor: "" (the default, self-managed), "machinepool" (self-managed, the workers a
	// MachinePool of an instance pool) or an OKE one ("managed", "managed-flannel", "managed-private",
	// "managed-virtual-node", "managed-self-managed-nodes").
	Flavor            string
	KubernetesVersion string
	ControlPlanes     int
	// Workers are the MachineDeployment's replicas, or the MachinePool's.
	Workers int
	// Repository, when set, is where the template comes from, as for a user of a release: `clusterctl generate
	// cluster --infrastructure oci:<its Version> --flavor <Flavor>` with its configuration, instead of --from
	// templates/.
	Repository *Repository
}

// Managed reports whether the flavor is an OKE one.
func (o ClusterOptions) Managed() bool { return strings.HasPrefix(o.Flavor, "managed") }

// template is the flavor's file.
func (o ClusterOptions) template() string {
	name := "cluster-template.yaml"
	if o.Flavor != "" {
		name = "cluster-template-" + o.Flavor + ".yaml"
	}
	return filepath.Join(testenv.RepoRoot(), "templates", name)
}

// Cluster is a cluster the stack applied.
type Cluster struct {
	ClusterOptions
	// Endpoint is the control-plane endpoint: the emulator's load-balancer address on the cluster's own port.
	Endpoint string
}

// DefaultKubernetesVersion is the Kubernetes version clusters get unless told otherwise.
const DefaultKubernetesVersion = "v1.34.1"

// DefaultOKEVersion is the Kubernetes version OKE clusters get unless told otherwise: one the emulator's OKE
// offers, with a newer one to upgrade to.
const DefaultOKEVersion = "v1.32.1"

// Render renders the flavor's template with clusterctl, as a user would (`clusterctl generate cluster
// --from templates/cluster-template.yaml`, or from o.Repository's release), with the emulator's compartment and image, a new SSH key, and a
// free API server port for the cluster (the in-memory workload clusters are told apart by port).
func (s *Stack) Render(ctx context.Context, o ClusterOptions) (*Cluster, []byte, error) {
	if o.Namespace == "" {
		o.Namespace = "default"
	}
	if o.KubernetesVersion == "" {
		o.KubernetesVersion = DefaultKubernetesVersion
		if o.Managed() {
			o.KubernetesVersion = DefaultOKEVersion
		}
	}
	port, err := freePort(ctx)
	if err != nil {
		return nil, nil, err
	}
	key, err := sshPublicKey()
	if err != nil {
		return nil, nil, err
	}
	bin, err := Clusterctl(ctx)
	if err != nil {
		return nil, nil, err
	}
	source, config, home, err := s.templateSource(o)
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.CommandContext(ctx, bin, append(append([]string{"generate", "cluster", o.Name}, source...), //nolint:gosec // the pinned clusterctl
		"--kubernetes-version", o.KubernetesVersion, "--control-plane-machine-count", strconv.Itoa(max(o.ControlPlanes, 1)), // OKE: unused
		"--worker-machine-count", strconv.Itoa(o.Workers), "--target-namespace", o.Namespace, "--config", config)...)
	cmd.Env = append(os.Environ(), "GOPROXY=off", "CLUSTERCTL_DISABLE_VERSIONCHECK=true", "HOME="+home, "XDG_CONFIG_HOME="+home,
		"NODE_MACHINE_COUNT="+strconv.Itoa(o.Workers), "API_SERVER_PORT="+strconv.Itoa(port),
		"OCI_COMPARTMENT_ID="+s.Compartment, "OCI_IMAGE_ID="+s.Sim.Images(s.Sim.Regions()[0])[0].ID, "OCI_SSH_KEY="+key,
		"OCI_MANAGED_NODE_IMAGE_ID="+s.Sim.Images(s.Sim.Regions()[0])[0].ID)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("clusterctl generate cluster: %w: %s", err, stderr.String())
	}
	cl := &Cluster{ClusterOptions: o, Endpoint: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
	if o.Managed() {
		cl.Endpoint = "" // OKE's, known once the cluster is up
	}
	return cl, stdout.Bytes(), nil
}

// templateSource returns clusterctl's flags that name the cluster's template, its configuration file and the
// home directory it runs with: the repository's, or templates/ with an empty configuration.
func (s *Stack) templateSource(o ClusterOptions) (source []string, config, home string, err error) {
	if r := o.Repository; r != nil {
		source = []string{"--infrastructure", "oci:" + r.Version}
		if o.Flavor != "" {
			source = append(source, "--flavor", o.Flavor)
		}
		return source, r.Config, r.Home, nil
	}
	home = filepath.Join(s.WorkDir, "clusterctl")
	if err := os.MkdirAll(home, 0o750); err != nil {
		return nil, "", "", fmt.Errorf("creating clusterctl's home: %w", err)
	}
	config = filepath.Join(home, "clusterctl.yaml")
	if err := os.WriteFile(config, []byte("{}\n"), 0o600); err != nil {
		return nil, "", "", fmt.Errorf("writing clusterctl's configuration: %w", err)
	}
	return []string{"--from", o.template()}, config, home, nil
}

// Apply creates every object of a multi-document manifest, as `kubectl apply` would, through the webhooks.
func (s *Stack) Apply(ctx context.Context, manifest []byte) error {
	return s.ApplyIn(ctx, manifest, "")
}

// ApplyIn is Apply, as `kubectl apply -n <namespace>`: objects that name no namespace are created in namespace.
func (s *Stack) ApplyIn(ctx context.Context, manifest []byte, namespace string) error {
	c, err := s.Client()
	if err != nil {
		return err
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(manifest), 4096)
	for {
		u := &unstructured.Unstructured{}
		if err := dec.Decode(&u.Object); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return fmt.Errorf("reading the manifest: %w", err)
		}
		if len(u.Object) == 0 {
			continue
		}
		if u.GetNamespace() == "" {
			u.SetNamespace(namespace)
		}
		if err := s.pointAtEmulator(u); err != nil {
			return err
		}
		if err := c.Create(ctx, u); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating %s %s: %w", u.GetKind(), u.GetName(), err)
		}
	}
}

// emulatorFields are where an object of each kind names OCI's endpoints: an OCICluster's spec.clientOverrides
// and an OCIManagedCluster's spec.hostUrl (the fields users of dedicated regions and private endpoints set), and
// the same fields of their templates, which a ClusterClass's topology turns into clusters.
var emulatorFields = map[string][]string{
	"OCICluster":                {"spec", "clientOverrides"},
	"OCIManagedCluster":         {"spec", "hostUrl"},
	"OCIClusterTemplate":        {"spec", "template", "spec", "clientOverrides"},
	"OCIManagedClusterTemplate": {"spec", "template", "spec", "hostUrl"},
}

// pointAtEmulator sets the object's field of emulatorFields to the emulator's endpoints, so that the provider
// calls the emulator and nothing else.
func (s *Stack) pointAtEmulator(u *unstructured.Unstructured) error {
	field := emulatorFields[u.GetKind()]
	if field == nil {
		return nil
	}
	overrides := map[string]any{}
	for k, v := range s.Sim.ClientOverrides(s.Sim.Regions()[0]) {
		overrides[k] = v
	}
	if err := unstructured.SetNestedMap(u.Object, overrides, field...); err != nil {
		return fmt.Errorf("pointing %s %s at the emulator: %w", u.GetKind(), u.GetName(), err)
	}
	return nil
}

// Client is a client of the management cluster that knows Cluster API's, the provider's and Kubernetes' types.
func (s *Stack) Client() (client.Client, error) {
	c, err := client.New(s.Config, client.Options{Scheme: Scheme()})
	if err != nil {
		return nil, fmt.Errorf("creating a management cluster client: %w", err)
	}
	return c, nil
}

// WorkloadKubeconfig writes the workload cluster's kubeconfig, as Cluster API keeps it in the Secret
// <cluster>-kubeconfig (what `clusterctl get kubeconfig` prints), to the work directory and returns its path.
func (s *Stack) WorkloadKubeconfig(ctx context.Context, cl *Cluster) (string, error) {
	c, err := s.Client()
	if err != nil {
		return "", err
	}
	sec := &corev1.Secret{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: cl.Namespace, Name: cl.Name + "-kubeconfig"}, sec); err != nil {
		return "", fmt.Errorf("reading the workload kubeconfig Secret: %w", err)
	}
	if _, err := clientcmd.Load(sec.Data["value"]); err != nil {
		return "", fmt.Errorf("the workload kubeconfig Secret holds no kubeconfig: %w", err)
	}
	path := filepath.Join(s.WorkDir, cl.Name+".kubeconfig")
	if err := os.WriteFile(path, sec.Data["value"], 0o600); err != nil {
		return "", fmt.Errorf("writing the workload kubeconfig: %w", err)
	}
	return path, nil
}

func freePort(ctx context.Context) (int, error) {
	addr, err := testenv.LoopbackAddr(ctx)
	if err != nil {
		return 0, err
	}
	_, p, _ := net.SplitHostPort(addr)
	return strconv.Atoi(p)
}

// sshPublicKey is a new ed25519 public key in authorized_keys form; its private half is thrown away.
func sshPublicKey() (string, error) {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", fmt.Errorf("generating an SSH key: %w", err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		return "", fmt.Errorf("encoding the SSH key: %w", err)
	}
	return string(bytes.TrimSpace(ssh.MarshalAuthorizedKey(k))), nil
}

// Delete deletes the Cluster (Cluster API deletes its machines, control plane and infrastructure) and follows
// until it is gone; it then fails if the emulator still holds anything in the compartment.
func (s *Stack) Delete(ctx context.Context, cl *Cluster, out io.Writer, start time.Time) error {
	c, err := s.Client()
	if err != nil {
		return err
	}
	cluster := &clusterv1.Cluster{ObjectMeta: metav1.ObjectMeta{Namespace: cl.Namespace, Name: cl.Name}}
	if err := client.IgnoreNotFound(c.Delete(ctx, cluster)); err != nil {
		return fmt.Errorf("deleting the Cluster: %w", err)
	}
	if _, err := s.Follow(ctx, cl, out, start, func(st Status) bool { return st.Gone }); err != nil {
		return err
	}
	if leaks := s.Sim.Leaks(s.Compartment); len(leaks) > 0 {
		return fmt.Errorf("the emulator still holds %d resources of the cluster: %+v", len(leaks), leaks)
	}
	return nil
}
