// Command testsummary reads the event stream of `go test -json`.
//
//	testsummary stream FILE   copies the events from stdin to FILE and prints what a person needs: each package's
//	                          result line and the whole output of every test that failed
//	testsummary count FILE    prints "tests: N passed, N failed" (", N skipped" when some were) counted from FILE,
//	                          and exits 1 when a test or a package failed, or when no test ran
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// event is one line of `go test -json` (the fields used here).
type event struct {
	Action  string `json:"Action"`
	Package string `json:"Package"`
	Test    string `json:"Test"`
	Output  string `json:"Output"`
}

func main() {
	if len(os.Args) != 3 || (os.Args[1] != "stream" && os.Args[1] != "count") {
		fmt.Fprintln(os.Stderr, "usage: testsummary stream|count FILE")
		os.Exit(2)
	}
	var err error
	code := 0
	if os.Args[1] == "stream" {
		err = stream(os.Stdin, os.Stdout, os.Args[2])
	} else {
		code, err = count(os.Stdout, os.Args[2])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// stream copies the events to file and prints package results and the output of failed tests as they come.
func stream(in io.Reader, out io.Writer, file string) error {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("creating %s: %w", file, err)
	}
	defer func() { _ = f.Close() }()
	buffered := map[string][]string{} // output of running tests and packages, by package and test
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Bytes()
		if _, err := fmt.Fprintf(f, "%s\n", line); err != nil {
			return fmt.Errorf("writing %s: %w", file, err)
		}
		var e event
		if json.Unmarshal(line, &e) != nil {
			_, _ = fmt.Fprintf(out, "%s\n", line) // not an event: build output, print as is
			continue
		}
		key := e.Package + " " + e.Test
		switch {
		case e.Action == "build-output":
			_, _ = io.WriteString(out, e.Output)
		case e.Action == "output":
			buffered[key] = append(buffered[key], e.Output)
		case e.Action == "fail":
			_, _ = io.WriteString(out, failedOutput(buffered[key]))
			delete(buffered, key)
		case e.Test == "" && (e.Action == "pass" || e.Action == "skip"):
			_, _ = io.WriteString(out, resultLines(buffered[key])) // as plain `go test` prints a passing package
			delete(buffered, key)
		case e.Action == "pass" || e.Action == "skip":
			delete(buffered, key)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the test events: %w", err)
	}
	return nil
}

// failedOutput is the output of a failed test or package without the test runner's progress lines.
func failedOutput(chunks []string) string {
	return keepLines(chunks, func(l string) bool { return !strings.HasPrefix(l, "=== ") })
}

// resultLines keeps a passing package's result line ("ok ...", or "? ... [no test files]"), without the list of
// packages its coverage is of (with -coverpkg it names every package measured, on every line).
func resultLines(chunks []string) string {
	s := keepLines(chunks, func(l string) bool { return strings.HasPrefix(l, "ok  ") || strings.HasPrefix(l, "?   ") })
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if i := strings.Index(l, " of statements in "); i >= 0 {
			l = l[:i] + " of statements\n"
		}
		b.WriteString(l)
	}
	return b.String()
}

// keepLines joins output chunks (test2json splits long lines into several events) and keeps the whole lines
// that keep says to keep.
func keepLines(chunks []string, keep func(string) bool) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(strings.Join(chunks, ""), "\n") {
		if l != "" && keep(l) {
			b.WriteString(l)
		}
	}
	return b.String()
}

// count prints the closing line and returns the exit code: 1 when a test or package failed or nothing ran.
func count(out io.Writer, file string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", file, err)
	}
	defer func() { _ = f.Close() }()
	var passed, failed, skipped, failedPackages int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		switch {
		case e.Test == "" && e.Action == "fail":
			failedPackages++
		case e.Test == "":
		case e.Action == "pass":
			passed++
		case e.Action == "fail":
			failed++
		case e.Action == "skip":
			skipped++
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("reading %s: %w", file, err)
	}
	line := fmt.Sprintf("tests: %d passed, %d failed", passed, failed)
	if skipped > 0 {
		line += fmt.Sprintf(", %d skipped", skipped)
	}
	_, _ = fmt.Fprintln(out, line)
	if failed > 0 || failedPackages > 0 || passed == 0 {
		return 1, nil
	}
	return 0, nil
}
