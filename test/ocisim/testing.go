package ocisim

import (
	"context"
	"testing"
)

// StartT starts an emulator for a test and stops it when the test ends; a failure to start fails the test.
func StartT(t testing.TB, opts Options) *Sim {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s, err := Start(ctx, opts)
	if err != nil {
		t.Fatalf("starting the OCI emulator: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}
