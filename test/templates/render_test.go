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

package templates_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/crypto/ssh"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cluster-api/cmd/clusterctl/client/yamlprocessor"
	utilyaml "sigs.k8s.io/cluster-api/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

// errUnset is what clusterctl's variable client answers for a variable that is set nowhere.
var errUnset = errors.New("variable not set")

// Test values of the variables every OKE flavor takes.
const (
	clusterName   = "oke-test"
	k8sVersion    = "v1.33.1"
	nodeCount     = "3"
	compartmentID = "ocid1.compartment.oc1..aaaaaaaatemplatetest"
	nodeImageID   = "ocid1.image.oc1.iad.aaaaaaaatemplatetest"
)

// requiredVariables are the variables without a default, as a user passes them to clusterctl generate cluster:
// the cluster's name and namespace, the Kubernetes version, the node pool's size, the compartment and the SSH
// public key of the nodes (generated for the test).
func requiredVariables(t *testing.T, namespace string) map[string]string {
	t.Helper()
	return map[string]string{
		"CLUSTER_NAME":       clusterName,
		"NAMESPACE":          namespace,
		"KUBERNETES_VERSION": k8sVersion,
		"NODE_MACHINE_COUNT": nodeCount,
		"OCI_COMPARTMENT_ID": compartmentID,
		"OCI_SSH_KEY":        sshPublicKey(t),
	}
}

// allVariables are requiredVariables with every optional variable set too, none to its default: the node image,
// shape, boot volume size and OCPUs.
func allVariables(t *testing.T, namespace string) map[string]string {
	t.Helper()
	vars := requiredVariables(t, namespace)
	vars["OCI_MANAGED_NODE_IMAGE_ID"] = nodeImageID
	vars["OCI_MANAGED_NODE_SHAPE"] = "VM.Standard.E5.Flex"
	vars["OCI_MANAGED_NODE_BOOT_VOLUME_SIZE"] = "100"
	vars["OCI_MANAGED_NODE_MACHINE_TYPE_OCPUS"] = "2"
	return vars
}

// Test values of the variables of the self-managed-nodes flavor's workers, none their default.
const (
	workerCount       = "2"
	workerShape       = "VM.Standard.E5.Flex"
	workerOCPUs       = "2"
	workerPVInTransit = "false"
)

// everyVariable is allVariables with the variables of the self-managed-nodes flavor's workers set too, none to its
// default: their count, shape, OCPUs and in-transit encryption of their volumes. Every OKE flavor renders with it.
func everyVariable(t *testing.T, namespace string) map[string]string {
	t.Helper()
	vars := allVariables(t, namespace)
	vars["WORKER_MACHINE_COUNT"] = workerCount
	vars["OCI_NODE_MACHINE_TYPE"] = workerShape
	vars["OCI_NODE_MACHINE_TYPE_OCPUS"] = workerOCPUs
	vars["OCI_NODE_PV_TRANSIT_ENCRYPTION"] = workerPVInTransit
	return vars
}

// requiredOf returns the variables of vars that a flavor with the variables declared requires (those without a
// default), failing the test when vars lacks one.
func requiredOf(t *testing.T, vars map[string]string, declared map[string]*string) map[string]string {
	t.Helper()
	required := map[string]string{}
	for name, def := range declared {
		if def != nil {
			continue
		}
		v, ok := vars[name]
		if !ok {
			t.Fatalf("no test value for the required variable %s", name)
		}
		required[name] = v
	}
	return required
}

// sshPublicKey returns a new ed25519 public key in authorized_keys form.
func sshPublicKey(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(key))) + " templates-test"
}

// readTemplate returns the bytes of a file of templates/.
func readTemplate(t *testing.T, file string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "templates", file))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// render substitutes the variables as clusterctl generate cluster does: a variable missing from vars is unset
// (the template's default applies, or clusterctl refuses a variable without one).
func render(raw []byte, vars map[string]string) ([]byte, error) {
	return yamlprocessor.NewSimpleProcessor().Process(raw, func(name string) (string, error) {
		v, ok := vars[name]
		if !ok {
			return "", errUnset
		}
		return v, nil
	})
}

// objects renders a template and splits it into its objects, failing the test when a variable is left unresolved.
func objects(t *testing.T, file string, vars map[string]string) []unstructured.Unstructured {
	t.Helper()
	out, err := render(readTemplate(t, file), vars)
	if err != nil {
		t.Fatalf("rendering %s: %v", file, err)
	}
	if i := bytes.Index(out, []byte("${")); i >= 0 {
		t.Fatalf("%s keeps an unresolved variable: %.40q", file, out[i:])
	}
	objs, err := utilyaml.ToUnstructured(out)
	if err != nil {
		t.Fatalf("parsing %s: %v", file, err)
	}
	return objs
}

// namespaces counts the namespaces the tests made, to name the next.
var namespaces atomic.Int32

// namespace creates a namespace for one test's objects (a dry run needs its namespace to exist).
func namespace(t *testing.T) string {
	t.Helper()
	name := fmt.Sprintf("templates-test-%d", namespaces.Add(1))
	if err := k8s.Create(t.Context(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}); err != nil {
		t.Fatalf("creating namespace %s: %v", name, err)
	}
	return name
}

// dryRunCreate creates obj server-side in dry-run mode with strict field validation, as `kubectl create
// --dry-run=server --validate=strict` does: the API server decodes, defaults (the mutating webhooks included),
// validates and admits it, and returns the object it would store, into obj. It returns the error and the warnings.
func dryRunCreate(ctx context.Context, obj *unstructured.Unstructured) (warns []string, err error) {
	warnings.take()
	err = k8s.Create(ctx, obj, client.DryRunAll, client.FieldValidation("Strict"))
	return warnings.take(), err
}

// warningRecorder records the warnings of API responses.
type warningRecorder struct {
	mu   sync.Mutex
	seen []string
}

// HandleWarningHeaderWithContext records a warning.
func (w *warningRecorder) HandleWarningHeaderWithContext(_ context.Context, _ int, _ string, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = append(w.seen, text)
}

// take returns the warnings recorded since the last call and forgets them.
func (w *warningRecorder) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := w.seen
	w.seen = nil
	return seen
}
