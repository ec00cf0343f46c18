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
	"context"
	"fmt"
	"net"
	"sync"
)

// held are the listeners that hold addresses, by address.
var (
	heldMu sync.Mutex
	held   = map[string]net.Listener{}
)

// HoldLoopbackAddrs is LoopbackAddrs, but the ports stay bound by this process until Release is called with
// their addresses, just before the process that will listen on them is started.
func HoldLoopbackAddrs(ctx context.Context, n int) ([]string, error) {
	var lc net.ListenConfig
	addrs := make([]string, 0, n)
	for range n {
		l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
		if err != nil {
			Release(addrs...)
			return nil, fmt.Errorf("picking a loopback port: %w", err)
		}
		addr := l.Addr().String()
		heldMu.Lock()
		held[addr] = l
		heldMu.Unlock()
		addrs = append(addrs, addr)
	}
	return addrs, nil
}

// Hold binds addr (host:port) and keeps it bound until Release; holding an address already held does nothing.
//
// A port chosen now and bound by a child process later is free in between, and on a busy machine (the test
// command runs several stacks and many API servers side by side) an outgoing connection may be given it as its
// local port: the child then fails with "address already in use". The harness therefore holds such ports until
// just before it starts the process that listens on them.
func Hold(ctx context.Context, addr string) error {
	heldMu.Lock()
	defer heldMu.Unlock()
	if _, ok := held[addr]; ok {
		return nil
	}
	l, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("holding %s: %w", addr, err)
	}
	held[addr] = l
	return nil
}

// Release frees the held addresses among addrs, so that a process can listen on them; others are ignored.
func Release(addrs ...string) {
	heldMu.Lock()
	defer heldMu.Unlock()
	for _, a := range addrs {
		if l, ok := held[a]; ok {
			_ = l.Close()
			delete(held, a)
		}
	}
}
