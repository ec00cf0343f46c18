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

package async

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// NotDoneError says a resource is on its way (a work request or a transition in progress): the controller requeues
// after RequeueAfter and the engine looks once more then.
type NotDoneError struct {
	Key, What    string
	RequeueAfter time.Duration
}

// Error says what is not done. It leaves the delay out: it becomes a condition's message, which must not change
// from one look to the next while nothing else does (each change would be a write to the API server).
func (e *NotDoneError) Error() string {
	return fmt.Sprintf("%s is %s", e.Key, e.What)
}

// IsNotDone reports whether err says "look again later".
func IsNotDone(err error) bool {
	var nd *NotDoneError
	return errors.As(err, &nd)
}

// Requeue delays: the first look comes soon, later ones less often, never more than a minute apart.
const (
	firstDelay = 5 * time.Second
	maxDelay   = time.Minute
)

// Backoff is the delay before the waits-th look at a resource that is not done: 5 s, 10 s, 20 s, 40 s, then
// 1 min, each with up to 20% of random jitter so that many objects do not look in step.
func Backoff(waits int) time.Duration {
	d := firstDelay
	for i := 1; i < waits && d < maxDelay; i++ {
		d *= 2
	}
	d = min(d, maxDelay)
	return d + time.Duration(rand.Int64N(int64(d)/5+1)) //nolint:gosec // jitter, not a secret
}

// quickFirstDelay is the first delay of QuickBackoff.
const quickFirstDelay = 2 * time.Second

// QuickBackoff is the delay before the waits-th look at a resource changed by a synchronous call (a VCN, a
// subnet, a gateway: OCI settles them in seconds): 2 s, 4 s, 8 s, ... then 1 min, with Backoff's jitter.
func QuickBackoff(waits int) time.Duration {
	d := quickFirstDelay
	for i := 1; i < waits && d < maxDelay; i++ {
		d *= 2
	}
	return Jitter(min(d, maxDelay))
}

// RetryToken is the opc-retry-token of a create: derived from the object's stable identifier, the resource's key,
// its desired state and the replacement attempt, so a create repeated after a lost answer is the same request to
// OCI (it returns the resource it made, never a second one), while a changed spec or a replacement is a new one.
// OCI takes tokens of at most 64 characters.
func RetryToken(identifier, key, specHash string, attempt int) string {
	sum := sha256.Sum256([]byte(identifier + "\x00" + key + "\x00" + specHash + "\x00" + strconv.Itoa(attempt)))
	return "capoci-" + hex.EncodeToString(sum[:])[:48]
}

// hashOf is a stable hash of a request body.
func hashOf(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		data = fmt.Appendf(nil, "%#v", v)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// Jitter returns d with up to 20% of random jitter added, so that objects told the same delay do not come back
// in step.
func Jitter(d time.Duration) time.Duration {
	return d + time.Duration(rand.Int64N(int64(d)/5+1)) //nolint:gosec // jitter, not a secret
}
