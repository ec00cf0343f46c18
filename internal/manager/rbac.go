package manager

// Permissions of the manager itself; each controller declares its own next to its code.

// The metrics endpoint authenticates callers with TokenReviews and authorizes them with SubjectAccessReviews.
// +kubebuilder:rbac:groups=authentication.k8s.io,resources=tokenreviews,verbs=create
// +kubebuilder:rbac:groups=authorization.k8s.io,resources=subjectaccessreviews,verbs=create

// Controllers record events on the objects they reconcile.
// +kubebuilder:rbac:groups="",resources=events,verbs=create;patch
