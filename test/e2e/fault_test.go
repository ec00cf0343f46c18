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

package e2e_test

import (
	"fmt"
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The fault run and the larger size are registered only with E2E_FULL=true (`make test-e2e E2E_FULL=true`):
// the README's test command runs the lifecycle on the smallest sizes and the crash run.
var _ = func() bool {
	if os.Getenv("E2E_FULL") != "true" {
		return false
	}
	Describe("A cluster on an unreliable OCI", Ordered, func() {
		It("comes up and goes away under 10% server errors, 5% throttling and eventual consistency", func(ctx SpecContext) {
			st.Sim.ResetStats()
			for op, f := range ocisim.Unreliable(0.10, 0.05, 2*time.Second) {
				st.Sim.SetFault(op, f)
			}
			defer st.Sim.ClearFaults()
			var cl *stack.Cluster
			phase("create 1 + 1 on an unreliable OCI", func() {
				cl = createCluster(ctx, stack.ClusterOptions{Name: "faulty", ControlPlanes: 1, Workers: 1}, 2*step)
			})
			expectNoDuplicates()
			phase("delete on an unreliable OCI", func() { expectCleanAfterDelete(ctx, cl, 2*step) })
			report("Fault run", fmt.Sprintf("  %d faults injected (500 and 429 answers); no duplicate, no leak\n%s",
				injected(), stack.CallsByOperation(st.Sim.Stats())))
		}, NodeTimeout(4*step+2*time.Minute))
	})
	Describe("A larger cluster", Ordered, func() {
		It("comes up with 3 control planes and 5 workers, and goes away", func(ctx SpecContext) {
			var cl *stack.Cluster
			phase("create 3 + 5", func() {
				cl = createCluster(ctx, stack.ClusterOptions{Name: "large", ControlPlanes: 3, Workers: 5}, 3*step)
			})
			expectNoDuplicates()
			phase("delete 3 + 5", func() { expectCleanAfterDelete(ctx, cl, 2*step) })
		}, NodeTimeout(5*step+2*time.Minute))
	})
	return true
}()

// injected counts the requests the emulator failed on purpose (500 and 429 answers).
func injected() int {
	n := 0
	for _, s := range st.Sim.Stats() {
		n += s.ByStatus[500] + s.ByStatus[429]
	}
	return n
}
