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

package instanceconfig_test

import (
	"testing"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/instanceconfig"
)

// A new bootstrap token makes a new configuration of the same template; a change of the pool's spec makes a new
// template.
func TestTemplateHashLeavesTheBootstrapDataOut(t *testing.T) {
	s := newScope()
	spec := func(data string) *instanceconfig.Spec {
		t.Helper()
		sp, err := instanceconfig.NewSpec(s, "", []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}
	a, b := spec("token-a"), spec("token-b")
	if a.Hash() == b.Hash() || a.Name() == b.Name() {
		t.Fatalf("new bootstrap data kept configuration %s", a.Name())
	}
	if a.TemplateHash() != b.TemplateHash() || a.TemplateHash() == "" {
		t.Fatalf("templates differ with the bootstrap data alone: %q, %q", a.TemplateHash(), b.TemplateHash())
	}
	s.config.Shape = "VM.Standard.E5.Flex"
	if c := spec("token-a"); c.TemplateHash() == a.TemplateHash() {
		t.Fatal("a new shape kept the template")
	}
}
