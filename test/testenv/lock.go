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

package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// WithLock runs fn holding an exclusive advisory lock (flock) on the file <CacheDir()>/locks/<name>, so that
// test processes running side by side (the README's test command runs several) do a shared piece of work, such
// as building an executable, one after the other instead of twice at once: the second finds the first's result
// in the Go build cache. The lock is released when fn returns, or by the kernel if the process dies.
func WithLock(name string, fn func() error) error {
	dir := filepath.Join(CacheDir(), "locks")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("creating the lock directory: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("opening the lock %s: %w", name, err)
	}
	defer func() { _ = f.Close() }()
	if err := flock(f, syscall.LOCK_EX); err != nil {
		return fmt.Errorf("taking the lock %s: %w", name, err)
	}
	defer func() { _ = flock(f, syscall.LOCK_UN) }()
	return fn()
}

// flock calls flock(2), again when a signal interrupts it.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}
