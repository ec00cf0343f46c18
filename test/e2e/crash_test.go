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
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// minRestarts is how many times the crash run kills the manager, at the least.
const minRestarts = 10

var _ = Describe("A cluster whose manager keeps crashing", Ordered, func() {
	It("comes up and goes away with the manager SIGKILLed and restarted at random moments, OCI lagging", func(ctx SpecContext) {
		st.Sim.ResetStats()
		// OCI's reads and lists lag its creates, so that a restarted manager may not find what it just made.
		for op, f := range ocisim.EventuallyConsistent(2 * time.Second) {
			st.Sim.SetFault(op, f)
		}
		defer st.Sim.ClearFaults()
		chaos := startChaos(ctx)
		var cl *stack.Cluster
		phase("create 1 + 1 under manager crashes", func() {
			cl = createCluster(ctx, stack.ClusterOptions{Name: "crash", ControlPlanes: 1, Workers: 1}, 2*step)
		})
		expectNoDuplicates()
		phase("delete under manager crashes", func() { expectCleanAfterDelete(ctx, cl, 2*step) })
		restarts, errs := chaos.stop()
		Expect(errs).To(BeEmpty())
		report("Crash run", fmt.Sprintf("  the manager was SIGKILLed and restarted %d times; no duplicate, no leak\n%s",
			restarts, stack.CallsByOperation(st.Sim.Stats())))
		Expect(restarts).To(BeNumerically(">=", minRestarts))
	}, NodeTimeout(4*step+2*time.Minute))
})

// chaos kills the manager at random moments, 1 to 3 seconds after it last became ready, and starts it again.
type chaos struct {
	cancel   context.CancelFunc
	done     sync.WaitGroup
	restarts atomic.Int32
	mu       sync.Mutex
	errs     []error
}

func startChaos(ctx context.Context) *chaos {
	ctx, cancel := context.WithCancel(ctx)
	c := &chaos{cancel: cancel}
	c.done.Add(1)
	go func() {
		defer GinkgoRecover()
		defer c.done.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second + rand.N(2*time.Second)):
			}
			if err := st.Manager.Restart(); err != nil {
				c.fail(err)
				return
			}
			c.restarts.Add(1)
			rctx, rcancel := context.WithTimeout(ctx, time.Minute)
			if err := st.Manager.WaitReady(rctx); err != nil && ctx.Err() == nil {
				c.fail(err)
			}
			rcancel()
		}
	}()
	return c
}

func (c *chaos) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.errs = append(c.errs, err)
}

// stop stops the killing and reports the restarts and any error, once the manager is ready again: the last
// restart may be under way, and the specs that follow need its webhooks.
func (c *chaos) stop() (int, []error) {
	c.cancel()
	c.done.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := st.Manager.WaitReady(ctx); err != nil {
		c.fail(fmt.Errorf("the manager was not ready again after the crash run: %w", err))
	}
	return int(c.restarts.Load()), c.errors()
}

func (c *chaos) errors() []error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]error(nil), c.errs...)
}
