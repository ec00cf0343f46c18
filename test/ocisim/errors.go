package ocisim

import (
	"fmt"
	"net/http"
)

// APIError is an error as OCI returns it: an HTTP status and a JSON body with a
// code and a message.
type APIError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error implements the error interface.
func (e *APIError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message)
}

func errNotFound(kind, id string) *APIError {
	return &APIError{Status: http.StatusNotFound, Code: "NotAuthorizedOrNotFound",
		Message: fmt.Sprintf("Authorization failed or requested resource not found: %s %s", kind, id)}
}

func errInvalid(format string, args ...any) *APIError {
	return &APIError{Status: http.StatusBadRequest, Code: "InvalidParameter", Message: fmt.Sprintf(format, args...)}
}

func errMissing(field string) *APIError {
	return &APIError{Status: http.StatusBadRequest, Code: "MissingParameter",
		Message: fmt.Sprintf("Missing required parameter %q.", field)}
}

func errConflict(format string, args ...any) *APIError {
	return &APIError{Status: http.StatusConflict, Code: "Conflict", Message: fmt.Sprintf(format, args...)}
}

func errIncorrectState(format string, args ...any) *APIError {
	return &APIError{Status: http.StatusConflict, Code: "IncorrectState", Message: fmt.Sprintf(format, args...)}
}

func errLimit(format string, args ...any) *APIError {
	return &APIError{Status: http.StatusBadRequest, Code: "LimitExceeded", Message: fmt.Sprintf(format, args...)}
}

func errCapacity(shape, ad string) *APIError {
	return &APIError{Status: http.StatusInternalServerError, Code: "InternalError",
		Message: fmt.Sprintf("Out of host capacity for shape %s in %s.", shape, ad)}
}

func errInternal(format string, args ...any) *APIError {
	return &APIError{Status: http.StatusInternalServerError, Code: "InternalServerError", Message: fmt.Sprintf(format, args...)}
}

func errAuth(format string, args ...any) *APIError {
	return &APIError{Status: http.StatusUnauthorized, Code: "NotAuthenticated", Message: fmt.Sprintf(format, args...)}
}

func errEtag(id string) *APIError {
	return &APIError{Status: http.StatusPreconditionFailed, Code: "NoEtagMatch",
		Message: fmt.Sprintf("The if-match value does not match the current etag of %s.", id)}
}

// faultError maps an injected HTTP status to OCI's code for it.
func faultError(status int) *APIError {
	switch status {
	case http.StatusTooManyRequests:
		return &APIError{Status: status, Code: "TooManyRequests", Message: "Too many requests for the user."}
	case http.StatusServiceUnavailable:
		return &APIError{Status: status, Code: "ServiceUnavailable", Message: "The service is unavailable (injected)."}
	default:
		return &APIError{Status: http.StatusInternalServerError, Code: "InternalServerError",
			Message: "Internal server error (injected)."}
	}
}
