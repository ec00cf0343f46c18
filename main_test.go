package main

import (
	"testing"

	. "github.com/onsi/gomega"
)

func TestRunRejectsBadFlagsBeforeStarting(t *testing.T) {
	g := NewWithT(t)
	g.Expect(run([]string{"--webhook-port=0"})).To(Equal(2))
	g.Expect(run([]string{"--no-such-flag"})).To(Equal(2))
	g.Expect(run([]string{"--logging-format=xml"})).To(Equal(2))
	g.Expect(run([]string{"--help"})).To(Equal(0))
}

func TestRunFailsWithoutAKubeconfig(t *testing.T) {
	g := NewWithT(t)
	t.Setenv("KUBECONFIG", t.TempDir()+"/absent")
	t.Setenv("KUBERNETES_SERVICE_HOST", "")
	t.Setenv("HOME", t.TempDir())
	g.Expect(run([]string{"--auth-config-dir=" + t.TempDir()})).To(Equal(1))
}
