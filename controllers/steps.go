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

// Package controllers holds the provider's controllers: thin reconcilers on the Cluster API skeleton (finalizer,
// patch helper, paused condition, deferred patch with summarized conditions) that run an ordered list of OCI
// services, one condition per service.
package controllers

import (
	"context"
	"errors"
	"time"

	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/cluster-api/util/conditions"
	ctrl "sigs.k8s.io/controller-runtime"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// terminalRequeue is how long an object whose service failed in a way that needs a person (a refused request, a
// missing permission, a limit) waits before it is looked at again: what fixes it often happens in OCI, where no
// event tells the controller.
const terminalRequeue = 5 * time.Minute

// step is one service of a controller's ordered list, with the condition that reports it.
type step struct {
	// condition is the v1beta2 condition type of the service (VCNReady, ...).
	condition string
	// service is the service's name, which the earlier provider's condition reasons are keyed by.
	service string
	svc     async.ServiceReconciler
	// deleteOnly steps run only when the object is deleted (they share another step's condition).
	deleteOnly bool
	// afterPrevious steps need what the steps before them make to be ready, not only recorded (a machine's
	// backend needs its running instance's address): while one of those is not done they wait.
	afterPrevious bool
}

// outcome is where a run of the steps left the object.
type outcome struct {
	// done is true when every step is in place (or gone, on delete).
	done bool
	// requeueAfter is when to look again at a step that is not done.
	requeueAfter time.Duration
	// err is a transient error for controller-runtime's backoff.
	err error
	// failed is the service that failed, terminal whether it needs a person, message what went wrong.
	failed   string
	terminal bool
	message  string
}

// result is the controller-runtime result of an outcome.
func (o outcome) result() (ctrl.Result, error) {
	switch {
	case o.err != nil:
		return ctrl.Result{}, o.err
	case o.requeueAfter > 0:
		return ctrl.Result{RequeueAfter: o.requeueAfter}, nil
	}
	return ctrl.Result{}, nil
}

// runSteps runs the steps in order (delete: the reverse order) and sets each one's condition. A step that is
// only not done yet does not stop the others (they need its OCID, which is recorded at once, not its being
// ready); a failed step stops the run, since what follows depends on it.
func runSteps(ctx context.Context, obj conditions.Setter, steps []step, deleting bool) outcome {
	log := ctrl.LoggerFrom(ctx)
	var out outcome
	// Steps may share a condition (the DRG attachment and the peering connections report VCNPeeringReady): one
	// that is not done keeps it False for the rest of the run.
	pending := map[string]bool{}
	waitingFor := ""
	for i := range steps {
		s := steps[i]
		if deleting {
			s = steps[len(steps)-1-i]
		}
		if s.deleteOnly && !deleting {
			continue
		}
		if s.afterPrevious && waitingFor != "" {
			conditions.Set(obj, metav1.Condition{Type: s.condition, Status: metav1.ConditionFalse,
				Reason: infrav1.WaitingReason, Message: "waiting for the " + waitingFor})
			continue
		}
		// The delay OCI asks for in a 429's or 503's Retry-After counts for every call of the service, not only
		// those the async engine makes (it has its own hint).
		sctx, hint := clients.WithHint(ctx)
		var err error
		if deleting {
			err = s.svc.Delete(sctx)
		} else {
			err = s.svc.Reconcile(sctx)
		}
		err = async.ApplyHint(err, hint)
		var nd *async.NotDoneError
		switch {
		case err == nil:
			if !pending[s.condition] {
				setStepCondition(obj, s.condition, deleting, nil)
			}
			log.V(4).Info("Service in place", "service", s.service, "deleting", deleting)
			continue
		case errors.As(err, &nd):
			pending[s.condition] = true
			if waitingFor == "" {
				waitingFor = s.service
			}
			setStepCondition(obj, s.condition, deleting, err)
			log.V(2).Info("Service not done", "service", s.service, "what", nd.What, "requeueAfter", nd.RequeueAfter)
			if out.requeueAfter == 0 || nd.RequeueAfter < out.requeueAfter {
				out.requeueAfter = nd.RequeueAfter
			}
			if out.message == "" {
				out.message = err.Error()
			}
			if deleting {
				// Deleting the next resources waits for this one to be gone: they are what it depends on.
				return out
			}
			continue
		}
		return failStep(ctx, obj, s, deleting, err, out)
	}
	out.done = out.requeueAfter == 0
	return out
}

// failStep records a failed step and turns its error into the run's outcome.
func failStep(ctx context.Context, obj conditions.Setter, s step, deleting bool, err error, out outcome) outcome {
	setStepCondition(obj, s.condition, deleting, err)
	out.failed, out.message, out.requeueAfter = s.service, err.Error(), 0
	var e *async.Error
	switch {
	case errors.As(err, &e) && e.Class == async.Terminal:
		out.terminal, out.requeueAfter = true, terminalRequeue
		ctrl.LoggerFrom(ctx).Error(err, "Service failed; a person must act", "service", s.service, "reason", e.Reason)
	case errors.As(err, &e) && e.Class == async.Throttled && e.RetryAfter > 0:
		out.requeueAfter = async.Jitter(e.RetryAfter)
		ctrl.LoggerFrom(ctx).V(2).Info("Throttled by OCI", "service", s.service, "retryAfter", out.requeueAfter)
	default:
		out.err = err
	}
	return out
}

// setStepCondition sets a step's condition from its error: True when in place, False Provisioning or Deleting
// when not done, False with the OCI error's reason (or ReconcileFailed) when failed.
func setStepCondition(obj conditions.Setter, condition string, deleting bool, err error) {
	c := metav1.Condition{Type: condition, Status: metav1.ConditionTrue, Reason: infrav1.ProvisionedReason}
	var nd *async.NotDoneError
	var e *async.Error
	switch {
	case err == nil && deleting:
		c.Status, c.Reason, c.Message = metav1.ConditionFalse, infrav1.DeletingReason, "deleted"
	case err == nil:
	case errors.As(err, &nd):
		c.Status, c.Reason, c.Message = metav1.ConditionFalse, infrav1.ProvisioningReason, err.Error()
		if deleting {
			c.Reason = infrav1.DeletingReason
		}
	case errors.As(err, &e):
		c.Status, c.Reason, c.Message = metav1.ConditionFalse, e.Reason, e.Message
	default:
		c.Status, c.Reason, c.Message = metav1.ConditionFalse, infrav1.ReconcileFailedReason, err.Error()
	}
	conditions.Set(obj, c)
}

// ownSpecWrite keeps the controller's own writes to spec (the OCIDs it records, the endpoint) from counting as a
// change of the object: the patch about to be sent bumps metadata.generation by one, so the resources found in
// place in this reconcile are remembered at that next generation. Without it every OCID recorded would make the
// next reconcile read every resource again. A change by someone else still shows: it bumps the generation past it.
func ownSpecWrite[S any](generation int64, before, after *S, resources []infrav1.OCIResource) {
	if equality.Semantic.DeepEqual(before, after) {
		return
	}
	for i := range resources {
		if resources[i].ObservedGeneration == generation {
			resources[i].ObservedGeneration = generation + 1
		}
	}
}
