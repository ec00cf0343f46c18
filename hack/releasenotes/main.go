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

// Command releasenotes drafts a release's notes from the commit history: the commits after the previous tag
// up to the release's ref, grouped by kind, as Markdown on standard output.
//
//	releasenotes [-to REF] [-from REF] [-dir DIR]
//
// -to defaults to HEAD. -from defaults to the newest v* tag before -to (`git describe --tags --abbrev=0
// --match 'v*' <to>^`); with none, the whole history up to -to is listed. Merge commits are left out. The kind
// convention is described in docs/book/src/developer/releasing.md and in Classify.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "releasenotes:", err)
		os.Exit(1)
	}
}

// run parses the flags, reads the range's commits with git and writes the notes to out.
func run(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("releasenotes", flag.ContinueOnError)
	fs.SetOutput(errOut)
	to := fs.String("to", "HEAD", "the release's ref (a tag or commit)")
	from := fs.String("from", "", "the previous release's ref (default: the newest v* tag before -to)")
	dir := fs.String("dir", ".", "the repository")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if strings.HasPrefix(*to, "-") || strings.HasPrefix(*from, "-") {
		return errors.New("a ref may not start with '-'")
	}
	previous := *from
	if previous == "" {
		tag, err := git(ctx, *dir, "describe", "--tags", "--abbrev=0", "--match", "v*", *to+"^")
		if err != nil {
			_, _ = fmt.Fprintf(errOut, "releasenotes: no v* tag before %s; listing the whole history\n", *to)
		}
		previous = strings.TrimSpace(tag)
	}
	rng := *to
	if previous != "" {
		rng = previous + ".." + *to
	}
	log, err := git(ctx, *dir, "log", "--no-merges", "--format="+LogFormat, rng, "--")
	if err != nil {
		return err
	}
	_, err = io.WriteString(out, Render(previous, ParseLog(log)))
	return err
}

// git runs a git command in dir and returns its standard output; a failure carries git's message.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...) //nolint:gosec // git with the refs its operator passes, no shell
	var stderr strings.Builder
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return string(b), nil
}
