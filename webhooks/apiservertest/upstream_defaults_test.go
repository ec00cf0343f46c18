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

package apiservertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"
)

// The drop-in promise, case by case: testdata/upstream-defaults holds objects as users create them and what the
// earlier provider's webhooks stored for each (read back as v1beta2). The same input, created through our webhooks
// and read back as v1beta2, must be the same object. Where the earlier provider's default cannot work (it refused
// its own result), expected.yaml holds our working default instead; the difference is documented in the book.

const casesDir = "testdata/upstream-defaults"

func TestUpstreamDefaultsAreReproduced(t *testing.T) {
	dirs, err := os.ReadDir(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		n++
		t.Run(d.Name(), func(t *testing.T) { checkUpstreamCase(t, filepath.Join(casesDir, d.Name())) })
	}
	if n < 25 {
		t.Fatalf("found %d recorded cases in %s, want all 25", n, casesDir)
	}
}

// checkUpstreamCase creates the case's input, compares what is stored with the recorded result, then sends the
// recorded result back as an update and checks that it comes back unchanged (defaulting is idempotent).
func checkUpstreamCase(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	in := readObject(t, filepath.Join(dir, "input.yaml"))
	wantFile := filepath.Join(dir, "upstream.yaml")
	if _, err := os.Stat(filepath.Join(dir, "expected.yaml")); err == nil {
		wantFile = filepath.Join(dir, "expected.yaml")
	}
	want := readObject(t, wantFile)
	if err := k8s.Create(ctx, in); err != nil {
		t.Fatalf("the earlier provider accepts this input; we refused it: %v", err)
	}
	got := readBackV1Beta2(ctx, t, in)
	id, _, _ := unstructured.NestedString(got.Object, "spec", "ociResourceIdentifier")
	if diff := cmp.Diff(normalized(want), normalized(got)); diff != "" {
		t.Fatalf("stored object differs from %s (-want +got):\n%s", wantFile, diff)
	}

	// The recorded result sent back as an update is stored unchanged.
	update := want.DeepCopy()
	update.SetResourceVersion(got.GetResourceVersion())
	update.SetNamespace(got.GetNamespace())
	if id != "" {
		if err := unstructured.SetNestedField(update.Object, id, "spec", "ociResourceIdentifier"); err != nil {
			t.Fatal(err)
		}
	}
	if err := k8s.Update(ctx, update); err != nil {
		t.Fatalf("the recorded result sent back as an update was refused: %v", err)
	}
	again := readBackV1Beta2(ctx, t, in)
	if diff := cmp.Diff(normalized(got), normalized(again)); diff != "" {
		t.Fatalf("defaulting is not idempotent: the recorded result came back changed (-before +after):\n%s", diff)
	}
}

func readObject(t *testing.T, path string) *unstructured.Unstructured {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := &unstructured.Unstructured{}
	if err := yaml.Unmarshal(data, &u.Object); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if u.GetNamespace() == "" {
		u.SetNamespace("default")
	}
	return u
}

func readBackV1Beta2(ctx context.Context, t *testing.T, obj *unstructured.Unstructured) *unstructured.Unstructured {
	t.Helper()
	got := &unstructured.Unstructured{}
	got.SetAPIVersion(group + "/v1beta2")
	got.SetKind(obj.GetKind())
	if err := k8s.Get(ctx, client.ObjectKeyFromObject(obj), got); err != nil {
		t.Fatal(err)
	}
	return got
}

// normalized is an object's spec with "", {} and [] dropped (equivalent to absent for the comparison) and a UUID
// ociResourceIdentifier shown as <uuid>, as in the recordings.
func normalized(u *unstructured.Unstructured) any {
	// Through JSON, so that numbers from the API server and from YAML files compare alike.
	var spec any
	if data, err := json.Marshal(u.Object["spec"]); err == nil {
		_ = json.Unmarshal(data, &spec)
	}
	out := prune(spec)
	if m, ok := out.(map[string]any); ok {
		if id, ok := m["ociResourceIdentifier"].(string); ok {
			if _, err := uuid.Parse(id); err == nil {
				m["ociResourceIdentifier"] = "<uuid>"
			}
		}
	}
	return out
}

// prune drops empty strings, maps and lists, recursively; it returns nil for a value that is empty after pruning.
// A zero controlPlaneEndpoint ({host: "", port: 0}, the "not set yet" of Cluster API) is empty too: the earlier
// provider's mutating webhook wrote it into every object it defaulted, and our v1beta2 view writes it into
// templates, which that webhook never touched.
func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if p := prune(e); p != nil && (k != "controlPlaneEndpoint" || !isZeroEndpoint(p)) {
				out[k] = p
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]any, 0, len(x))
		for _, e := range x {
			p := prune(e)
			if p == nil {
				p = map[string]any{}
			}
			out = append(out, p)
		}
		return out
	case string:
		if x == "" {
			return nil
		}
		return x
	case nil:
		return nil
	default:
		return x
	}
}

func isZeroEndpoint(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 1 && m["port"] == float64(0)
}
