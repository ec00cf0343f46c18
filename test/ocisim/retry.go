package ocisim

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// retryTokenTTL is how long OCI remembers a retry token.
const retryTokenTTL = 24 * time.Hour

// idempotent wraps a create so that it honours opc-retry-token: the same
// token and body replay the first response, another body is a 409, and a
// token whose resource was deleted is a 409 InvalidatedRetryToken.
func idempotent(h handlerFunc) handlerFunc {
	return func(c *call) error {
		token := c.r.Header.Get("opc-retry-token")
		if token == "" {
			return h(c)
		}
		if len(token) > 64 {
			return errInvalid("opc-retry-token must be at most 64 characters.")
		}
		sum := sha256.Sum256(c.body)
		hash := hex.EncodeToString(sum[:])
		key := c.op + "|" + c.region + "|" + token
		st := c.sim.st
		if e, ok := st.tokens[key]; ok && e.expires.After(c.now) {
			return replay(c, e, hash)
		}
		if err := h(c); err != nil {
			return err
		}
		if c.sent != nil {
			st.tokens[key] = &retryEntry{bodyHash: hash, resourceID: c.createdID, response: c.sent.body,
				headers: c.sent.headers, status: c.sent.status, expires: c.now.Add(retryTokenTTL)}
		}
		return nil
	}
}

// replay answers a create whose retry token was seen before.
func replay(c *call, e *retryEntry, hash string) error {
	if e.bodyHash != hash {
		return errConflict("The retry token was used with a different request body.")
	}
	if r, ok := c.sim.st.recs[e.resourceID]; ok && r.deleted {
		return &APIError{Status: http.StatusConflict, Code: "InvalidatedRetryToken",
			Message: "The resource created with this retry token has been deleted."}
	}
	contentType := ""
	if e.response != nil {
		contentType = "application/json"
	}
	c.reply(e.status, contentType, e.response, e.headers)
	return nil
}
