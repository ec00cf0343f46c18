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

package main

import (
	"context"
	"os/exec"
	"strings"
	"testing"
)

// repo makes a git repository in a temporary directory and returns a function that runs git in it.
func repo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed to build the release notes: %v", err)
	}
	dir := t.TempDir()
	gitIn := func(args ...string) {
		t.Helper()
		base := []string{"-C", dir, "-c", "user.name=Release Test", "-c", "user.email=release@example.com",
			"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "init.defaultBranch=main"}
		if out, err := exec.CommandContext(context.Background(), "git", append(base, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
	}
	gitIn("init", "-q")
	return dir, gitIn
}

func notes(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut strings.Builder
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestRunBetweenTags(t *testing.T) {
	dir, gitIn := repo(t)
	commit := func(subject string) { gitIn("commit", "-q", "--allow-empty", "-m", subject) }
	commit("🌱 Initial layout")
	gitIn("tag", "v0.1.0")
	commit("✨ Feature A")
	gitIn("checkout", "-q", "-b", "topic")
	commit("🐛 Fix B")
	gitIn("checkout", "-q", "main")
	gitIn("merge", "-q", "--no-ff", "-m", "Merge branch topic", "topic")
	gitIn("tag", "-a", "v0.2.0", "-m", "v0.2.0")
	commit("📖 After the release")

	out, _, err := notes(t, "-dir", dir, "-to", "v0.2.0")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Changes since v0.1.0 (2)\n", "### ✨ New features\n\n- Feature A (", "### 🐛 Bug fixes\n\n- Fix B ("} {
		if !strings.Contains(out, want) {
			t.Errorf("notes for v0.2.0 lack %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"Initial layout", "After the release", "Merge branch"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("notes for v0.2.0 list %q:\n%s", unwanted, out)
		}
	}

	out, _, err = notes(t, "-dir", dir, "-from", "v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "## Changes since v0.1.0 (3)\n") || !strings.Contains(out, "- After the release (") {
		t.Errorf("notes from v0.1.0 to HEAD:\n%s", out)
	}
}

func TestRunFirstReleaseListsTheWholeHistory(t *testing.T) {
	dir, gitIn := repo(t)
	gitIn("commit", "-q", "--allow-empty", "-m", "🌱 Initial layout")
	gitIn("commit", "-q", "--allow-empty", "-m", "✨ First feature")
	gitIn("tag", "v0.1.0")

	out, errOut, err := notes(t, "-dir", dir, "-to", "v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "## Changes (2)\n") || !strings.Contains(out, "- Initial layout (") {
		t.Errorf("first release notes:\n%s", out)
	}
	if !strings.Contains(errOut, "no v* tag before v0.1.0") {
		t.Errorf("stderr %q does not say that no previous tag was found", errOut)
	}
}

func TestRunRejectsAnUnknownRefAndArguments(t *testing.T) {
	dir, gitIn := repo(t)
	gitIn("commit", "-q", "--allow-empty", "-m", "🌱 Initial layout")
	if _, _, err := notes(t, "-dir", dir, "-from", "v9.9.9"); err == nil || !strings.Contains(err.Error(), "git log") {
		t.Errorf("unknown -from: err = %v, want git log's failure", err)
	}
	if _, _, err := notes(t, "-dir", dir, "extra"); err == nil {
		t.Error("a positional argument was accepted")
	}
	if _, _, err := notes(t, "-dir", dir, "-to", "--output=x"); err == nil {
		t.Error("a ref that git would read as an option was accepted")
	}
}
