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

// Package e2e runs whole clusters through their life on the local stack: Cluster API's controllers, the
// provider's manager as its own process, the OCI emulator and the in-memory workload clusters (see the stack
// package). Cluster API's own timers (MachineHealthCheck timeouts, KubeadmControlPlane requeues) do not follow
// the emulator's time scale: the test objects set them, and each phase's time is printed.
package e2e_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/oracle/cluster-api-provider-oci/test/e2e/stack"
)

var (
	keep = flag.Bool("e2e.keep-work-dir", false, "Keep the work directory (kubeconfigs, component logs) after the run.")

	st  *stack.Stack
	k8s client.Client

	phasesMu sync.Mutex
	phases   []phaseTime
	sections []string
)

// okeTokenLifetime is how long the emulator's OKE clusters accept a token in the suite: short, so that a spec
// sees several replaced.
const okeTokenLifetime = 15 * time.Second

type phaseTime struct {
	name string
	took time.Duration
}

func TestE2E(t *testing.T) {
	RegisterFailHandler(Fail)
	if !RunSpecs(t, "CAPOCI end to end") {
		// Ginkgo's summary names only where each failure happened; the cause comes last here, where a
		// truncated CI log still shows it.
		for _, f := range failureDigest {
			t.Log(f)
		}
	}
}

// failureDigest holds, for each failed node, where it failed and the start of its message.
var failureDigest []string

var _ = ReportAfterSuite("failure digest", func(r Report) {
	for _, spec := range r.SpecReports {
		if !spec.Failed() {
			continue
		}
		msg := spec.Failure.Message
		if len(msg) > digestChars {
			msg = msg[:digestChars] + " …"
		}
		failureDigest = append(failureDigest, fmt.Sprintf("FAILED %s %s at %s:\n%s",
			spec.LeafNodeType, spec.FullText(), spec.Failure.Location, msg))
	}
})

// digestChars is how much of a failure message the digest quotes.
const digestChars = 600

var _ = BeforeSuite(func(ctx SpecContext) {
	dir, err := os.MkdirTemp("", "capoci-e2e-")
	Expect(err).NotTo(HaveOccurred())
	began := time.Now()
	st, err = stack.Start(context.WithoutCancel(ctx), stack.Options{WorkDir: dir, Latency: "fast", Progress: GinkgoWriter,
		OKETokenLifetime: okeTokenLifetime})
	Expect(err).NotTo(HaveOccurred())
	k8s, err = st.Client()
	Expect(err).NotTo(HaveOccurred())
	record("stack up", time.Since(began))
	fmt.Fprintf(GinkgoWriter, "work directory %s (component logs in %s)\n", st.WorkDir, st.LogDir)
}, NodeTimeout(10*time.Minute))

var _ = AfterSuite(func() {
	if st == nil {
		return
	}
	text := "Phase times:\n" + phaseReport()
	fmt.Fprintf(os.Stdout, "\n%s", text)
	// go test shows a passing package's output only with -v: the report also goes to $E2E_REPORT, which the
	// README's test command prints.
	if path := os.Getenv("E2E_REPORT"); path != "" {
		Expect(os.WriteFile(path, []byte(text), 0o600)).To(Succeed())
	}
	if CurrentSpecReport().Failed() || *keep {
		fmt.Fprintf(os.Stdout, "component logs kept in %s\n", st.LogDir)
	}
	Expect(st.Stop()).To(Succeed())
	if !*keep {
		_ = os.RemoveAll(st.WorkDir)
	}
})

// record notes how long a phase took, for the report at the end.
func record(name string, took time.Duration) {
	phasesMu.Lock()
	defer phasesMu.Unlock()
	phases = append(phases, phaseTime{name, took})
	fmt.Fprintf(GinkgoWriter, "phase %-60s %6.1fs\n", name, took.Seconds())
}

// report adds a section to the report at the end.
func report(title, text string) {
	phasesMu.Lock()
	defer phasesMu.Unlock()
	sections = append(sections, title+":\n"+text)
	fmt.Fprintf(GinkgoWriter, "%s:\n%s", title, text)
}

// phase runs a step and records its time.
func phase(name string, step func()) {
	By(name)
	began := time.Now()
	step()
	record(name, time.Since(began))
}

func phaseReport() string {
	phasesMu.Lock()
	defer phasesMu.Unlock()
	var b strings.Builder
	for _, p := range phases {
		fmt.Fprintf(&b, "  %-70s %6.1fs\n", p.name, p.took.Seconds())
	}
	for _, s := range sections {
		b.WriteString("\n" + s)
	}
	return b.String()
}
